"""Security and integrity (issue 18, items 1-7): what is stored is what the sources said, under
the right URL, once; no input can overwrite, shrink or flip a stored document, reach an
internal address through a redirect, bypass the writer lock, or hang a command.

Nothing leaves the machine: HTTP servers run on 127.0.0.1, other host names are answered by a
resolver given to the HTTP client and reached through a local proxy.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from monitor.collect.files import url_id
from monitor.collect.http import FetchError, HttpClient
from monitor.collect.urls import same_site
from monitor.config import HttpSettings
from monitor.jobs import collect
from monitor.lock import writer_lock
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store
from tests import test_hostile as hostile
from tests.conftest import ROOT, SHARED
from tests.factories import add
from tests.test_hostile import ingest_hostile, input_line, rows, run_process, snapshot
from tests.test_news import OTHER, STORY, config_for, page, rss

good = hostile.good  # the fixture: a good document ingested first

# -- 5. deeply nested JSON -------------------------------------------------------------------


def test_deeply_nested_json_is_one_line_and_the_batch_goes_on(tmp_path: Path, run_cli, db_path, good):
    path = tmp_path / "d.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert ingest_hostile(run_cli, db_path, good, path) is None
    line = input_line(run_cli("ingest", str(path)), path)
    assert line == f"Error: {path}: malformed JSON: nested too deeply", line


# -- 3. the writer lock is the resolved file's ---------------------------------------------------


def test_two_paths_to_one_database_share_the_writer_lock(write_config, tmp_path: Path):
    """A symlink to the file, a symlink to its folder: each path stops at the lock of the other."""
    real = tmp_path / "data" / "x.db"
    real.parent.mkdir()
    Store(real).close()
    (tmp_path / "link.db").symlink_to(real)
    (tmp_path / "alias").symlink_to(real.parent, target_is_directory=True)
    cfg = write_config()
    for held, other in ((tmp_path / "link.db", real), (tmp_path / "alias" / "x.db", tmp_path / "link.db")):
        with writer_lock(held, "monitor run"):
            result = subprocess.run(
                [sys.executable, "-m", "monitor", "--config", str(cfg), "--db", str(other), "extract", "--no-sentiment"],
                capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert result.returncode == 3, (held, other, result.stderr)
        line = result.stderr.strip().splitlines()[-1]
        assert line.startswith(f"Error: {other}: in use by another monitor process (pid {os.getpid()}, `monitor run`"), line
    assert sorted(p.name for p in real.parent.iterdir() if p.suffix == ".lock") == ["x.db.lock"]
    assert not (tmp_path / "link.db.lock").exists()


# -- 1. a canonical link counts on the page's own site only ------------------------------------


def test_same_site_is_the_registrable_domain():
    assert same_site("https://www.reuters.com/a", "http://news.reuters.com/b")
    assert same_site("http://127.0.0.1:8000/a", "https://127.0.0.1/b")
    assert not same_site("https://evil.example.org/a", "https://www.reuters.com/a")
    assert not same_site("https://a.co.uk/x", "https://b.co.uk/x")  # a public suffix is no site
    assert not same_site("https://a.github.io/x", "https://b.github.io/x")
    assert not same_site("http://127.0.0.1:8000/a", "http://localhost:8000/a")


def test_a_page_on_another_site_cannot_take_over_a_stored_article(httpserver, tmp_path: Path):
    """The same server answers as `localhost` (the news site) and as `127.0.0.1` (another site)."""
    port = httpserver.port
    article = f"http://localhost:{port}/articles/oracle"
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/articles/oracle").respond_with_data(
        page("Oracle sells bonds", STORY, canonical=article), content_type="text/html")
    httpserver.expect_request("/news.xml").respond_with_data(rss([("Oracle", article)]), content_type="application/rss+xml")
    other = f"http://127.0.0.1:{port}/meta"
    httpserver.expect_request("/meta").respond_with_data(
        page("Meta in talks", OTHER, canonical=article + "?utm_source=x"), content_type="text/html")
    httpserver.expect_request("/other.xml").respond_with_data(rss([("Meta", other)]), content_type="application/rss+xml")
    config = config_for(httpserver, [
        {"name": "news", "type": "rss", "url": f"http://localhost:{port}/news.xml"},
        {"name": "other", "type": "rss", "url": f"http://127.0.0.1:{port}/other.xml"},
    ])
    with Store(tmp_path / "m.db") as store:
        companies = CompanyIndex(config.companies)
        [news] = collect(config, store, companies, only="news")
        assert news.new == 1
        [oracle_id] = store.documents_to_extract(all=True)
        before = store.get_document(oracle_id)
        [hostile] = collect(config, store, companies, only="other")
        assert (hostile.new, hostile.updated) == (1, 0)  # stored under its own URL
        after = store.get_document(oracle_id)
        assert after.url == article and after.hash == before.hash and "Demand peaked" in after.text
        meta = store.get_document(url_id(other))
        assert meta is not None and meta.url == other and "Apollo, KKR" in meta.text
        assert store.links(oracle_id) == []


# -- 2. no redirect from a public address to an internal one --------------------------------------

PUBLIC = {"feeds.example.com": ["93.184.216.34"], "wire.example.net": ["2606:2800:220:1:248:1893:25c8:1946"],
          "metadata.example.com": ["169.254.169.254"], "intranet.example.com": ["93.184.216.40", "10.0.0.7"],
          "localhost": ["::1", "127.0.0.1"]}


def resolver(host: str) -> list[str]:
    """The DNS of these tests: public names answer public addresses, three names internal ones."""
    return PUBLIC.get(host, [])


@pytest.fixture
def proxied(httpserver):
    """An HTTP client whose requests all reach the local server (as an HTTP proxy), whatever the
    host name, and whose addresses come from `resolver`."""
    def make(settings=None) -> HttpClient:
        transport = httpx.HTTPTransport(proxy=f"http://127.0.0.1:{httpserver.port}")
        return HttpClient(settings or HttpSettings(retries=0, timeout=5, requests_per_second=100),
                          transport=transport, resolve=resolver)
    return make


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/secret", "http://localhost:{port}/secret", "http://metadata.example.com/secret",
    "http://intranet.example.com/secret", "http://[::1]:{port}/secret", "http://0.0.0.0:{port}/secret",
], ids=["loopback", "localhost", "link-local by DNS", "one private address", "IPv6 loopback", "unspecified"])
def test_a_redirect_from_a_public_address_to_an_internal_one_is_refused(target, httpserver, proxied):
    target = target.format(port=httpserver.port)
    httpserver.expect_request("/feed.xml").respond_with_data("", status=302, headers={"Location": target})
    httpserver.expect_request("/secret").respond_with_data("instance credentials")
    with proxied() as client, pytest.raises(FetchError) as caught:
        client.get("http://feeds.example.com/feed.xml")
    assert str(caught.value).startswith("http://feeds.example.com/feed.xml: redirect from a public address to an "
                                        f"internal one ({target} is "), str(caught.value)
    assert "\n" not in str(caught.value)
    assert [r.path for r, _ in httpserver.log] == ["/feed.xml"]  # the internal URL was never requested


def test_redirects_that_stay_public_or_start_internal_are_followed(httpserver, proxied):
    port = httpserver.port
    httpserver.expect_request("/public").respond_with_data("", status=301, headers={"Location": "http://wire.example.net/page"})
    httpserver.expect_request("/page").respond_with_data("public page")
    httpserver.expect_request("/configured").respond_with_data("", status=302, headers={"Location": f"http://localhost:{port}/local"})
    httpserver.expect_request("/local").respond_with_data("a URL the user configured on an internal address")
    with proxied() as client:
        assert client.get("http://feeds.example.com/public").content == b"public page"
        result = client.get(f"http://127.0.0.1:{port}/configured")
        assert result.content.startswith(b"a URL the user configured") and result.redirects == [f"http://localhost:{port}/local"]
        # ... but once a redirect leaves for a public address, it cannot come back inside
        httpserver.expect_request("/out").respond_with_data("", status=302, headers={"Location": "http://feeds.example.com/back"})
        httpserver.expect_request("/back").respond_with_data("", status=302, headers={"Location": f"http://127.0.0.1:{port}/local"})
        with pytest.raises(FetchError, match="redirect from a public address to an internal one"):
            client.get(f"http://127.0.0.1:{port}/out")


def test_a_feed_redirected_to_an_internal_address_fails_alone_and_stores_nothing(httpserver, proxied, tmp_path: Path):
    port = httpserver.port
    httpserver.expect_request("/hostile.xml").respond_with_data(
        "", status=302, headers={"Location": "http://metadata.example.com/latest/feed.xml"})
    httpserver.expect_request("/latest/feed.xml").respond_with_data(rss([("Secret", f"http://127.0.0.1:{port}/s")]),
                                                                    content_type="application/rss+xml")
    httpserver.expect_request("/good.xml").respond_with_data(rss([("Oracle", "http://wire.example.net/o")]),
                                                             content_type="application/rss+xml")
    config = config_for(httpserver, [
        {"name": "hostile", "type": "rss", "url": "http://feeds.example.com/hostile.xml", "fetch_articles": False},
        {"name": "good", "type": "rss", "url": "http://wire.example.net/good.xml", "fetch_articles": False},
    ])
    with Store(tmp_path / "m.db") as store, proxied(config.http) as client:
        hostile, good_feed = collect(config, store, CompanyIndex(config.companies), client=client)
        assert hostile.status == "failed" and hostile.error == (
            "redirect from a public address to an internal one (http://metadata.example.com/latest/feed.xml is "
            "169.254.169.254); refused")
        assert good_feed.new == 1 and store.counts()["documents"] == 1


# -- 4. a long search query is bounded ------------------------------------------------------------

FILLER = ("The company said the board of directors approved a capital expenditure plan for the data centers, "
          "and that the notes due 2035 were priced at par with the proceeds used for general corporate purposes. ")


@pytest.fixture
def searchable(tmp_path: Path, write_config) -> tuple[Path, Path]:
    """A small database: 18 short stories and one filing-sized document (300,000 characters)."""
    db = tmp_path / "search.db"
    with Store(db) as store:
        for i in range(18):
            add(store, f"s{i}", f"Story {i}: a bond sale by company {i}. " + FILLER * 3, title=f"Story {i}")
        add(store, "filing", FILLER * 1500 + "Oracle sold $18 billion of bonds.", title="A long filing", kind="filing")
    return write_config(), db


def test_a_query_of_500_ors_is_one_error_line_at_once(searchable):
    config, db = searchable
    started = time.monotonic()
    result = run_process(config, db, "search", "a OR " * 500 + "b", timeout=60)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[-1].startswith(
        "Error: bad search query: 501 terms, at most 64. Quote phrases with double quotes;"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and elapsed < 30


@pytest.mark.parametrize("query", [
    " OR ".join(["the"] * 64),                                    # one common word, 64 times
    " OR ".join(f"{c}*" for c in "abcdefghijklmnopqrstuvwxyz"),  # every word of the text matches
    " OR ".join(FILLER.split()[:40]).replace(",", "").replace(".", ""),
], ids=["64 x the", "26 prefixes", "40 common words"])
def test_a_query_at_the_limit_on_a_long_document_is_quick_and_has_snippets(query, searchable):
    config, db = searchable
    started = time.monotonic()
    result = run_process(config, db, "search", query, "--json", "--limit", "20", timeout=60)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 19  # every document matches
    assert all(re.search(r"\[\w+\]", r["snippet"]) for r in rows), [r["snippet"] for r in rows]
    assert elapsed < 30, f"{elapsed:.1f} s"  # CLI start-up included; minutes before


# -- 6. UTF-16 and UTF-32 with a byte-order mark; what feedparser recovers is kept -------------------

UNICODE_SENTENCE = "Oracle sold $18 billion of bonds to fund data centers — priced at 5.2%."


def wide_document(suffix: str) -> str:
    if suffix == ".txt":
        return f"Oracle bonds\n\n{UNICODE_SENTENCE}\n"
    if suffix == ".html":
        return f"<!DOCTYPE html><html><head><title>Oracle bonds</title></head><body><p>{UNICODE_SENTENCE}</p></body></html>"
    if suffix == ".json":
        return json.dumps({"items": [{"id": "w1", "url": "https://wide.example.org/w1", "title": "Oracle bonds",
                                      "content_text": UNICODE_SENTENCE}]}, ensure_ascii=False)
    return ('<?xml version="1.0" encoding="{enc}"?><rss version="2.0"><channel><title>Wide</title><item>'
            f"<title>Oracle bonds</title><link>https://wide.example.org/w2</link><description>{UNICODE_SENTENCE}"
            "</description></item></channel></rss>")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".xml"])
def test_utf16_and_utf32_with_a_bom_are_read(encoding, suffix, tmp_path: Path, run_cli, db_path, good):
    path = tmp_path / f"wide{suffix}"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00",
           "utf-32-be": b"\x00\x00\xfe\xff"}[encoding]
    path.write_bytes(bom + wide_document(suffix).replace("{enc}", encoding[:6].upper()).encode(encoding))
    assert ingest_hostile(run_cli, db_path, good, path) == 1
    [doc] = [d for d in rows(db_path, "SELECT * FROM documents") if "Oracle sold" in d["text"]]
    assert UNICODE_SENTENCE in doc["text"] and "\x00" not in doc["text"] and "\ufeff" not in doc["text"]


FEEDPARSER_RECOVERS = {
    # an item with a link only (RSS 2.0 allows an item with any one of its elements)
    "link-only.xml": ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                      "<item><link>https://links.example.org/a</link></item>"
                      "<item><guid>https://links.example.org/b</guid></item></channel></rss>"),
    # ill-formed (an unescaped ampersand): feedparser's lenient parser still recovers the link
    "bozo.xml": ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                 "<item><link>https://links.example.org/get?a=1&b=2</link></item></channel></rss>"),
    "atom-link-only.xml": ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
                           '<entry><id>tag:links.example.org,2025:c</id><link rel="alternate" href="https://links.example.org/c"/>'
                           "</entry></feed>"),
}


@pytest.mark.parametrize("name", sorted(FEEDPARSER_RECOVERS))
def test_entries_feedparser_recovers_with_a_link_only_are_kept(name, tmp_path: Path, run_cli, db_path, good):
    path = tmp_path / name
    path.write_text(FEEDPARSER_RECOVERS[name], encoding="utf-8")
    expected = re.findall(r"https://links\.example\.org/[^<\"]*", FEEDPARSER_RECOVERS[name])
    assert ingest_hostile(run_cli, db_path, good, path) == len(expected)
    urls = sorted(d["url"] for d in rows(db_path, "SELECT url FROM documents") if "links.example.org" in d["url"])
    assert urls == sorted(expected)


# -- 7. stored text never shrinks to a prefix of itself; re-reading changes nothing ----------------

LONG_POST = " ".join(f"Sentence {i} of the post says Oracle plans to spend more on data centers in fiscal 2026." for i in range(25))


def blog_feed() -> bytes:
    return rss_feed([("Oracle outlook", "https://blog.example.org/oracle", LONG_POST),
                     ("Meta raises debt", "https://blog.example.org/meta", "Meta raised $29 billion of debt.")])


def rss_feed(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid><description>{d}</description>"
                   f"<pubDate>Mon, 06 Jan 2025 10:0{i}:00 GMT</pubDate></item>" for i, (t, link, d) in enumerate(items))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Blog</title>{body}</channel></rss>'.encode()


@pytest.mark.parametrize("cut", ["mid-word", "after an ellipsis"])
def test_a_truncated_feed_never_shrinks_a_stored_entry(cut, tmp_path: Path, run_cli, db_path):
    full = tmp_path / "blog.xml"
    full.write_bytes(blog_feed())
    assert input_line(run_cli("ingest", str(full)), full) == f"{full}: 2 new"
    [before] = rows(db_path, "SELECT * FROM documents WHERE url = 'https://blog.example.org/oracle'")
    # A dropped connection leaves the first bytes: here up to the middle of the long post.
    content = blog_feed()
    at = content.index(b"Sentence 7 of the post") + 14
    short = tmp_path / "blog-cut.xml"
    short.write_bytes(content[:at] if cut == "mid-word" else content[:at] + "…".encode())
    line = input_line(run_cli("ingest", str(short)), short)
    assert line == f"{short}: 0 new, 1 unchanged", line
    [after] = rows(db_path, "SELECT * FROM documents WHERE url = 'https://blog.example.org/oracle'")
    assert after["text"] == before["text"] and len(after["text"]) > 2000 and after["hash"] == before["hash"]
    # A real change that is shorter still replaces the text.
    edited = tmp_path / "blog-edited.xml"
    edited.write_bytes(rss_feed([("Oracle outlook", "https://blog.example.org/oracle", "Oracle cut its capex plan.")]))
    assert input_line(run_cli("ingest", str(edited)), edited) == f"{edited}: 0 new, 1 updated"


EDGAR_CURRENT = SHARED / "fixtures/feeds/edgar_getcurrent_2026-01-12_page600.atom.xml"
FORM4_CURRENT = SHARED / "fixtures/feeds/edgar_getcurrent_form4_2025-12-12.atom.xml"


def reversed_entries(feed: bytes) -> bytes:
    """The same listing with its entries in the opposite order."""
    head, _, rest = feed.partition(b"<entry>")
    entries = (b"<entry>" + rest).split(b"</entry>")
    tail = entries.pop()
    return head + b"</entry>".join(e.strip() for e in reversed(entries)) + b"</entry>" + tail


def test_a_filing_listed_under_two_filers_is_stored_once_and_stays_put(tmp_path: Path, run_cli, db_path):
    listings = [EDGAR_CURRENT, FORM4_CURRENT]
    first = run_cli("ingest", *map(str, listings))
    assert first.exit_code == 0, first.stderr
    stored = snapshot(db_path)
    again = run_cli("ingest", *map(str, listings))
    for path in listings:
        assert re.fullmatch(rf"{re.escape(str(path))}: 0 new, \d+ unchanged", input_line(again, path)), again.stderr
    flipped = []
    for path in listings:
        other = tmp_path / path.name
        other.write_bytes(reversed_entries(path.read_bytes()))
        line = input_line(run_cli("ingest", str(other)), other)
        flipped.append(line)
    assert all(re.fullmatch(r".*: 0 new, \d+ unchanged", line) for line in flipped), flipped
    assert snapshot(db_path) == stored
    # The stable rule: the filing is stored as its issuer (subject) lists it, not a reporting owner.
    [form3] = rows(db_path, "SELECT * FROM documents WHERE id = '0001193125-26-009831'")
    assert form3["cik"] == 949858 and form3["company"].lower().startswith("achieve life sciences")
    assert form3["title"] == "3 - ACHIEVE LIFE SCIENCES, INC. (0000949858) (Issuer)"


def test_a_public_feed_linking_to_an_internal_address_is_not_followed(httpserver, proxied, tmp_path: Path):
    """The same attack without a redirect: the feed's item links straight to the metadata address.
    Neither the page nor its robots.txt is requested; the entry is kept as the feed gave it."""
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss([("Credentials", "http://metadata.example.com/latest/meta-data"), ("Oracle", "http://wire.example.net/oracle")]),
        content_type="application/rss+xml")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/oracle").respond_with_data(page("Oracle sells bonds", STORY), content_type="text/html")
    httpserver.expect_request("/latest/meta-data").respond_with_data("instance credentials " * 50)
    config = config_for(httpserver, [{"name": "wire", "type": "rss", "url": "http://feeds.example.com/feed.xml"}])
    with Store(tmp_path / "m.db") as store, proxied(config.http) as client:
        [report] = collect(config, store, CompanyIndex(config.companies), client=client)
        assert report.new == 2
        assert report.warnings == ["article http://metadata.example.com/latest/meta-data: link from a public address "
                                   "to an internal one (http://metadata.example.com/latest/meta-data is 169.254.169.254); "
                                   "not fetched"]
        texts = [store.get_document(i).text for i in store.documents_to_extract(all=True)]
        assert not any("instance credentials" in t for t in texts) and any("Demand peaked" in t for t in texts)
    assert not [r for r, _ in httpserver.log if r.headers.get("Host") == "metadata.example.com"]


def test_a_document_alert_query_at_the_limit_on_a_long_document_is_quick(searchable):
    """What an `on: documents` alert rule runs: its evidence comes from the text, not FTS5's snippet()."""
    _, db = searchable
    with Store(db) as store:
        started = time.monotonic()
        docs = store.documents_matching(" OR ".join(["the"] * 64))
        elapsed = time.monotonic() - started
    assert len(docs) == 19 and elapsed < 5, f"{elapsed:.1f} s"
