"""Security and integrity (issue 18, items 1-7): what is stored is what the sources said, under
the right URL, once; no input can overwrite, shrink or flip a stored document, reach an
internal address through a redirect, bypass the writer lock, or hang a command.

Nothing leaves the machine: HTTP servers run on 127.0.0.1, other host names are answered by a
resolver given to the HTTP client and reached through a local proxy.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from monitor.collect.files import url_id
from monitor.collect.urls import same_site
from monitor.jobs import collect
from monitor.lock import writer_lock
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store
from tests import test_hostile as hostile
from tests.conftest import ROOT
from tests.test_hostile import ingest_hostile, input_line
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
