"""A real feed and the pages it links, served on 127.0.0.1 -> `monitor run` -> events."""

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from werkzeug import Response

from tests.conftest import COMPANIES, FIXTURES

PAGES = {
    "/2025/09/24/oracle-bonds": FIXTURES / "pages/oracle_notes.html",
    "/2025/09/25/markets": FIXTURES / "pages/markets_wrap.html",
    "/2019/11/20/alibaba": FIXTURES / "articles/cityam_2019-11-20_alibaba_hong_kong_listing.trimmed.html",
}


def monitor(config: Path, db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "--db", str(db), *args],
        capture_output=True, text=True, timeout=300,
    )


@pytest.fixture
def site(httpserver):
    """The trimmed real TechCrunch feed, its item links pointed at our local pages."""
    feed = (FIXTURES / "feeds/techcrunch_3_items.rss.xml").read_text(encoding="utf-8")
    links = iter(httpserver.url_for(p) + "?utm_source=rss" for p in PAGES)
    titles = iter(["Oracle sells $18 billion of bonds", "Chipmakers lose $300 billion", "Alibaba to raise up to $12.9bn"])

    def point_at_local_page(item: re.Match) -> str:
        text = re.sub(r"<link>[^<]*</link>", f"<link>{next(links)}</link>", item.group(0), count=1)
        return re.sub(r"<title>[^<]*</title>", f"<title>{next(titles)}</title>", text, count=1)

    feed = re.sub(r"<item>.*?</item>", point_at_local_page, feed, flags=re.S)
    feed_requests = []

    def serve_feed(request):
        feed_requests.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"feed-v1"':
            return Response(status=304)
        return Response(feed, content_type="application/rss+xml", headers={"ETag": '"feed-v1"'})

    httpserver.expect_request("/feed.xml").respond_with_handler(serve_feed)
    for path, file in PAGES.items():
        httpserver.expect_request(path).respond_with_data(file.read_bytes(), content_type="text/html; charset=utf-8")
    edgar = (FIXTURES / "feeds/edgar_getcurrent_2026-01-12_page600.atom.xml").read_bytes()
    httpserver.expect_request("/edgar.atom").respond_with_data(edgar, content_type="application/atom+xml")
    httpserver.expect_request("/broken.xml").respond_with_data("gone", status=404)
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    httpserver.feed_requests = feed_requests
    return httpserver


def write_config(tmp_path: Path, site, broken: bool) -> Path:
    sources = [
        {"name": "tech-news", "type": "rss", "url": site.url_for("/feed.xml"), "kind": "news"},
        {"name": "sec-8k", "type": "edgar", "url": site.url_for("/edgar.atom"), "forms": ["8-K"], "fetch_articles": False},
    ]
    if broken:
        sources.append({"name": "broken-feed", "type": "rss", "url": site.url_for("/broken.xml")})
    cfg = {
        "http": {"user_agent": "monitor-tests/0.1 (tests@example.org)", "retries": 0, "timeout": 10},
        "sources": sources,
        "companies": COMPANIES,
    }
    path = tmp_path / "feeds.yaml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    return path


def test_run_collects_extracts_and_lists_events(tmp_path, site):
    config = write_config(tmp_path, site, broken=True)
    db = tmp_path / "monitor.db"

    first = monitor(config, db, "run")
    assert first.returncode == 0, first.stderr
    assert "FAILED  broken-feed: HTTP 404" in first.stderr
    assert re.search(r"2 sources ok, 1 failed; 6\d new documents", first.stderr), first.stderr

    events = json.loads(monitor(config, db, "events", "--json", "--mentions", "--limit", "100").stdout)
    found = {(e["type"], e["company"], e["amount_usd"], e["instrument"]) for e in events}
    # By default each event is listed once, with its mentions (the page tells the Oracle bond sale in
    # its headline and its first sentence; the model reads the sentence and misses "sells $18
    # billion of bonds" in the headline, a weakness its card names: tests/test_cli.py checks
    # consolidation across documents).
    consolidated = json.loads(monitor(config, db, "events", "--json", "--limit", "100").stdout)
    oracle_bonds = [e for e in consolidated if e["company"] == "Oracle" and e["amount_usd"] == 18e9]
    assert len(oracle_bonds) == 1 and oracle_bonds[0]["mentions"] >= 1 and oracle_bonds[0]["first_seen"]
    assert ("debt", "Oracle", 18e9, "senior notes") in found
    assert ("debt", "Meta", 29e9, "private credit") in found
    assert ("capex", "Oracle", 35e9, None) in found
    assert not any(e["amount_usd"] in (12.9e9, 300e9, 90e9) for e in events)
    oracle = next(e for e in events if e["amount_usd"] == 18e9 and "priced" in e["sentence"])
    assert oracle["document_url"] == "https://news.example.org/2025/09/24/oracle-bonds" or oracle["document_url"].startswith("http://")
    assert oracle["published"].startswith("2011-") or oracle["published"].startswith("2025-")

    with sqlite3.connect(db) as conn:
        counts = dict(conn.execute("SELECT kind, COUNT(*) FROM documents GROUP BY kind").fetchall())
        # three articles with their full text, and only the 8-K filings of the EDGAR feed
        assert counts["news"] == 3
        assert counts["filing"] == 61
        texts = [r[0] for r in conn.execute("SELECT text FROM documents WHERE source = 'tech-news'")]
        assert any("in talks to raise $29 billion" in t for t in texts)
        run = conn.execute("SELECT status, sources_ok, sources_failed, errors FROM runs").fetchone()
        assert run[:3] == ("partial", 2, 1) and "broken-feed" in run[3]

    search = json.loads(monitor(config, db, "search", "senior notes", "--json").stdout)
    assert search and search[0]["title"].startswith("Oracle sells")

    # Second run: the feed answers 304, nothing is stored twice, --strict reports the failure.
    second = monitor(config, db, "run", "--strict")
    assert second.returncode == 1
    assert "tech-news: not modified" in second.stderr
    assert site.feed_requests == [None, '"feed-v1"']
    assert "0 new documents" in second.stderr
    assert len(json.loads(monitor(config, db, "events", "--json", "--mentions", "--limit", "100").stdout)) == len(events)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 64
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_unreachable_sources_are_reported_and_the_run_succeeds(tmp_path):
    cfg = {
        "http": {"user_agent": "monitor-tests/0.1 (tests@example.org)", "retries": 0, "timeout": 2},
        "sources": [
            {"name": "nowhere-a", "type": "rss", "url": "http://127.0.0.1:9/a.xml"},
            {"name": "nowhere-b", "type": "edgar", "cik": 789019, "url": "http://127.0.0.1:9/b.atom"},
        ],
    }
    config = tmp_path / "feeds.yaml"
    config.write_text(yaml.safe_dump(cfg))
    result = monitor(config, tmp_path / "m.db", "run")
    assert result.returncode == 0
    failed = [line for line in result.stderr.splitlines() if "FAILED" in line]
    assert len(failed) == 2 and all("unreachable" in line for line in failed)
    assert "0 sources ok, 2 failed" in result.stderr
