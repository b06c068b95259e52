"""News feeds on 127.0.0.1: full articles, canonical links, robots.txt and near-duplicates."""

from __future__ import annotations

from monitor.config import parse_config
from monitor.fingerprint import distance, simhash
from monitor.jobs import collect
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store
from tests.conftest import COMPANIES

UA = "monitor-tests/0.1 (tests@example.org)"

STORY = (
    "Oracle priced $18 billion of senior notes on Wednesday in one of the largest corporate bond sales "
    "of the year, as the software maker borrows to pay for the data centers it is building for OpenAI. "
    "The offering came in six parts, with the longest maturing in 2065, according to people familiar with "
    "the matter. Demand peaked at about $88 billion, the people said. Oracle plans to use the proceeds for "
    "general corporate purposes, including capital expenditures. The company has said it expects to spend "
    "about $35 billion on capital expenditures in the fiscal year that ends in May. Analysts said the size "
    "of the deal reflected investors' appetite for exposure to artificial-intelligence infrastructure."
)
OTHER = (
    "Meta Platforms is in talks to raise $29 billion from private credit firms for its data center in "
    "Louisiana, according to people familiar with the matter. Apollo, KKR, Brookfield, Carlyle and Pimco "
    "are among the firms in talks to provide the debt. The company is seeking $26 billion of debt and $3 "
    "billion of equity. Meta has said it plans to spend heavily on artificial-intelligence infrastructure "
    "this year and next, and its capital expenditures have risen sharply as a result of that spending."
)


def page(title: str, body: str, canonical: str | None = None, lead: str = "") -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (
        f"<html><head><title>{title}</title>{link}</head><body><nav>Home | Markets | Tech</nav>"
        f"<article><h1>{title}</h1><p>{lead}</p>{paragraphs}</article><footer>Copyright</footer></body></html>"
    )


def rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{t}.</description>"
        f"<pubDate>Wed, 24 Sep 2025 1{i}:00:00 GMT</pubDate><guid>{link}</guid></item>"
        for i, (t, link) in enumerate(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{entries}</channel></rss>'


def config_for(server, sources: list[dict], **http) -> object:
    return parse_config({
        "http": {"user_agent": UA, "retries": 0, "timeout": 5, "requests_per_second": 100, **http},
        "sources": sources,
        "companies": COMPANIES,
    })


def test_one_wire_story_on_two_sites_is_one_document(httpserver, tmp_path):
    base = httpserver.url_for("")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    httpserver.expect_request("/wire/oracle").respond_with_data(page("Oracle sells $18 billion of bonds", STORY), content_type="text/html")
    # The same story on a second site: its own lead line, the same body.
    httpserver.expect_request("/site-b/oracle-bonds").respond_with_data(
        page("Oracle raises $18bn in bond sale", STORY, lead="By Staff and wire reports."), content_type="text/html"
    )
    httpserver.expect_request("/wire/meta").respond_with_data(page("Meta in talks for $29 billion", OTHER), content_type="text/html")
    httpserver.expect_request("/a.xml").respond_with_data(rss([("Oracle sells bonds", base + "wire/oracle"), ("Meta talks", base + "wire/meta")]), content_type="application/rss+xml")
    httpserver.expect_request("/b.xml").respond_with_data(rss([("Oracle bond sale", base + "site-b/oracle-bonds?utm_source=rss&utm_medium=feed")]), content_type="application/rss+xml")
    config = config_for(httpserver, [
        {"name": "wire", "type": "rss", "url": base + "a.xml"},
        {"name": "site-b", "type": "rss", "url": base + "b.xml"},
    ])
    with Store(tmp_path / "m.db") as store:
        companies = CompanyIndex(config.companies)
        wire, site_b = collect(config, store, companies)
        # Whichever copy arrives first is kept; the other is linked to it.
        assert wire.new + site_b.new == 2 and wire.duplicates + site_b.duplicates == 1
        assert store.counts()["documents"] == 2
        kept = next(d for d in (store.get_document(i) for i in store.documents_to_extract(all=True)) if "Oracle" in (d.title or ""))
        [link] = store.links(kept.id)
        assert link["relation"] == "near-duplicate" and link["distance"] <= 3
        assert "utm_" not in (link["url"] or "")
        # A second run fetches no article again: both URLs are known.
        served = len(httpserver.log)
        wire2, site_b2 = collect(config, store, companies)
        assert wire2.new == site_b2.new == 0 and store.counts()["documents"] == 2
        pages_fetched = [r for r, _ in httpserver.log[served:] if not r.path.endswith((".xml", "robots.txt"))]
        assert pages_fetched == []


def test_canonical_link_is_the_identity_and_the_feed_link_an_alias(httpserver, tmp_path):
    base = httpserver.url_for("")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)  # no robots.txt: all allowed
    httpserver.expect_request("/r/123").respond_with_data("", status=302, headers={"Location": base + "articles/oracle?ref=feed"})
    httpserver.expect_request("/articles/oracle").respond_with_data(
        page("Oracle sells bonds", STORY, canonical=base + "articles/oracle-bonds?utm_campaign=x"), content_type="text/html"
    )
    httpserver.expect_request("/feed.xml").respond_with_data(rss([("Oracle", base + "r/123")]), content_type="application/rss+xml")
    config = config_for(httpserver, [{"name": "news", "type": "rss", "url": base + "feed.xml"}])
    with Store(tmp_path / "m.db") as store:
        [report] = collect(config, store, CompanyIndex(config.companies))
        assert report.new == 1
        [doc_id] = store.documents_to_extract(all=True)
        doc = store.get_document(doc_id)
        assert doc.url == base + "articles/oracle-bonds"  # the canonical link, on the page's own site
        assert doc.meta["feed_link"] == base + "r/123" and doc.meta["redirects"] == [base + "articles/oracle?ref=feed"]
        assert [link["relation"] for link in store.links(doc.id)] == ["alias"]
        assert "Demand peaked at about $88 billion" in doc.text and "Home | Markets" not in doc.text


def test_robots_txt_is_respected_for_article_pages(httpserver, tmp_path):
    base = httpserver.url_for("")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    httpserver.expect_request("/public/a").respond_with_data(page("Oracle", STORY), content_type="text/html")
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss([("Oracle sells $18 billion of bonds", base + "public/a"), ("Meta in talks for $29 billion", base + "private/b")]),
        content_type="application/rss+xml",
    )
    config = config_for(httpserver, [{"name": "news", "type": "rss", "url": base + "feed.xml"}])
    with Store(tmp_path / "m.db") as store:
        [report] = collect(config, store, CompanyIndex(config.companies))
        assert report.new == 2
        assert any("private/b: disallowed by robots.txt" in w for w in report.warnings)
        assert not any(r.path == "/private/b" for r, _ in httpserver.log)
        texts = sorted(store.get_document(i).text for i in store.documents_to_extract(all=True))
        assert any("Demand peaked" in t for t in texts)  # the allowed page, in full
        assert any(t.startswith("Meta in talks for $29 billion") for t in texts)  # the feed's own text
        assert store.pending_documents("news") == []  # not retried: robots.txt said no


def test_robots_txt_wildcards_follow_rfc_9309(httpserver):
    """`*` and `$` in a rule (RFC 9309, section 2.2.3): the standard library's parser read
    `Disallow: /*.pdf$` literally and let /b.pdf through."""
    from monitor.collect.http import HttpClient
    from monitor.collect.robots import Robots

    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /*.pdf$\nDisallow: /drafts/*/private\n\n"
        "User-agent: monitor\nDisallow: /*.pdf$\nDisallow: /not-for-monitor/\n",
        content_type="text/plain")
    base = httpserver.url_for("")
    robots = Robots(HttpClient(config_for(httpserver, []).http))
    assert not robots.allowed(base + "b.pdf")
    assert not robots.allowed(base + "reports/2025/annual.pdf")
    assert robots.allowed(base + "b.pdf?download=1")  # `$`: the path must end there
    assert robots.allowed(base + "b.pdfx") and robots.allowed(base + "a.html")
    assert not robots.allowed(base + "not-for-monitor/x")  # our own group, not `*`'s
    assert robots.allowed(base + "drafts/1/private")  # `*`'s rule: not in our group
    assert [r.path for r, _ in httpserver.log].count("/robots.txt") == 1


def test_robots_txt_server_error_means_no_article_fetches(httpserver, tmp_path):
    base = httpserver.url_for("")
    httpserver.expect_request("/robots.txt").respond_with_data("oops", status=503)
    httpserver.expect_request("/feed.xml").respond_with_data(rss([("Oracle sells $18 billion of bonds", base + "a")]), content_type="application/rss+xml")
    config = config_for(httpserver, [{"name": "news", "type": "rss", "url": base + "feed.xml"}])
    with Store(tmp_path / "m.db") as store:
        [report] = collect(config, store, CompanyIndex(config.companies))
        assert report.new == 1 and any("disallowed by robots.txt" in w for w in report.warnings)
        assert not any(r.path == "/a" for r, _ in httpserver.log)


def test_failed_article_fetch_keeps_the_entry_and_retries_later(httpserver, tmp_path):
    base = httpserver.url_for("")
    state = {"up": False}

    def article(request):
        from werkzeug import Response

        if not state["up"]:
            return Response("unavailable", status=503)
        return Response(page("Oracle", STORY, canonical=base + "oracle-bonds"), content_type="text/html")

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/a").respond_with_handler(article)
    httpserver.expect_request("/feed.xml").respond_with_data(rss([("Oracle sells $18 billion of bonds", base + "a")]), content_type="application/rss+xml")
    config = config_for(httpserver, [{"name": "news", "type": "rss", "url": base + "feed.xml"}])
    with Store(tmp_path / "m.db") as store:
        companies = CompanyIndex(config.companies)
        [first] = collect(config, store, companies)
        assert first.new == 1 and any("HTTP 503" in w for w in first.warnings)
        [pending] = store.pending_documents("news")
        assert pending.text.startswith("Oracle sells $18 billion of bonds")
        state["up"] = True
        [second] = collect(config, store, companies)
        assert second.updated == 1 and second.new == 0
        assert store.pending_documents("news") == [] and store.counts()["documents"] == 1
        [doc_id] = store.documents_to_extract(all=True)
        doc = store.get_document(doc_id)
        assert "Demand peaked" in doc.text and doc.url == base + "oracle-bonds"
        assert [(link["id"], link["relation"]) for link in store.links(doc.id)] == [(pending.id, "alias")]
        [third] = collect(config, store, companies)  # the feed's link is known: nothing fetched
        assert third.new == third.updated == 0 and store.counts()["documents"] == 1


def test_simhash_separates_stories_and_joins_copies():
    a, b, c = simhash(STORY), simhash("By Staff and wire reports. " + STORY), simhash(OTHER)
    assert a is not None and b is not None and c is not None
    assert distance(a, b) <= 3 < distance(a, c)
    assert simhash("Too short to judge.") is None
