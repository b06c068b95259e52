"""Polling on a schedule: due times, back-off of failing sources, a clean stop on SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import yaml

from monitor.config import Source, parse_config, parse_interval
from monitor.nlp.companies import CompanyIndex
from monitor.schedule import due_sources, next_due, watch
from monitor.store import Store
from tests.conftest import COMPANIES, FIXTURES

UA = "monitor-tests/0.1 (tests@example.org)"


def test_intervals():
    assert parse_interval("15m") == 900 and parse_interval("1h") == 3600 and parse_interval("30s") == 30
    assert parse_interval("1d") == 86400 and parse_interval(90) == 90
    for bad in ("soon", "-5m", "0s"):
        try:
            parse_interval(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_next_due_uses_the_source_interval_and_backs_off_on_failures():
    source = Source(name="a", url="https://example.org/feed.xml")
    hourly = Source(name="b", url="https://example.org/feed.xml", every="1h")
    t = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert next_due(source, None, 900) < t
    state = {"last_fetched": t.isoformat(), "consecutive_failures": 0}
    assert next_due(source, state, 900) == t + timedelta(minutes=15)
    assert next_due(hourly, state, 900) == t + timedelta(hours=1)
    assert next_due(source, {**state, "consecutive_failures": 2}, 900) == t + timedelta(hours=1)
    assert next_due(source, {**state, "consecutive_failures": 10}, 900) == t + timedelta(hours=4)  # capped at 16x


def test_watch_polls_due_sources_until_stopped(httpserver, tmp_path):
    feed = (FIXTURES / "feeds/techcrunch_3_items.rss.xml").read_bytes()
    httpserver.expect_request("/fast.xml").respond_with_data(feed, content_type="application/rss+xml")
    httpserver.expect_request("/slow.xml").respond_with_data(feed.replace(b"TechCrunch", b"Slow"), content_type="application/rss+xml")
    config = parse_config({
        "http": {"user_agent": UA, "retries": 0, "timeout": 5},
        "sources": [
            {"name": "fast", "url": httpserver.url_for("/fast.xml"), "fetch_articles": False, "every": "1s"},
            {"name": "slow", "url": httpserver.url_for("/slow.xml"), "fetch_articles": False, "every": "1h"},
        ],
        "companies": COMPANIES,
    })

    class NoExtract:
        version = "test"

        def analyse_many(self, docs, tone=False):
            return [(d, [], []) for d in docs]

    stop = threading.Event()
    reports = []
    with Store(tmp_path / "m.db") as store:
        def on_run(report):
            reports.append(report)
            if len(reports) == 3:
                stop.set()

        runs = watch(config, store, CompanyIndex(config.companies), lambda: NoExtract(), every=60, stop=stop, on_run=on_run)
        assert runs == 3
        assert [sorted(r.name for r in rep.sources) for rep in reports] == [["fast", "slow"], ["fast"], ["fast"]]
        assert due_sources(config, store, 60, now=datetime.now(UTC) + timedelta(seconds=2))[0].name == "fast"
        # The same entries every time: stored once.
        assert store.counts()["documents"] == 3 and len(store.runs()) == 3


def test_sigterm_finishes_the_batch_and_exits_cleanly(httpserver, tmp_path):
    feed = (FIXTURES / "feeds/techcrunch_3_items.rss.xml").read_bytes()
    httpserver.expect_request("/feed.xml").respond_with_data(feed, content_type="application/rss+xml")
    httpserver.expect_request("/missing.xml").respond_with_data("gone", status=404)
    cfg = {
        "http": {"user_agent": UA, "retries": 0, "timeout": 5},
        "sources": [
            {"name": "news", "url": httpserver.url_for("/feed.xml"), "fetch_articles": False},
            {"name": "dead", "url": httpserver.url_for("/missing.xml")},
        ],
        "companies": COMPANIES,
    }
    config = tmp_path / "feeds.yaml"
    config.write_text(yaml.safe_dump(cfg))
    db = tmp_path / "m.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(config), "--db", str(db), "run", "--every", "2s"],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            lines.append(line)
            if " Run 1:" in line:
                break
        assert any(" Run 1: 1 sources ok, 1 failed; 3 new documents" in x for x in lines), lines
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            print("STDERR:", proc.stderr.read())
    assert proc.returncode == 0, err
    assert "Stopped after" in err
    with Store(db) as store:
        assert store.counts()["documents"] == 3
        assert all(r["status"] != "running" for r in store.runs())
    sources = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "--db", str(db), "sources", "--json"],
        capture_output=True, text=True, timeout=60,
    )
    rows = {r["name"]: r for r in json.loads(sources.stdout)}
    assert rows["news"]["last_success"] and rows["news"]["items_seen"] == 3 and rows["news"]["failures"] == 0
    assert rows["news"]["next_due"] != "now"
    assert rows["dead"]["last_error"].startswith("HTTP 404")
    assert rows["dead"]["failures"] >= 1 and rows["dead"]["last_success"] is None
