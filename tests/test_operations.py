"""Operations: one writer at a time, readers during a run, `monitor doctor`, `monitor backup`,
and logs (a line per source, JSON for machines, secrets never written).

Real processes, a real HTTP server on 127.0.0.1 and real SQLite files throughout.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from monitor import logs
from monitor.lock import holder, writer_lock
from monitor.store import SCHEMA_VERSION, Store
from tests.factories import add, ago, debt

ORACLE = "Oracle sold $18 billion of bonds to fund data centers."


def _monitor(*args: str, config: Path, db: Path, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "monitor", "--config", str(config), "--db", str(db), *args],
                          capture_output=True, text=True, timeout=timeout, env=os.environ | (env or {}))


def _feed(base: str, n: int, prefix: str = "story") -> str:
    items = "".join(f"<item><title>Meta lines up ${i + 2} billion for a {prefix} campus {i}</title>"
                    f"<link>{base}/{prefix}/{i}</link><description>Meta raised ${i + 2} billion of debt for "
                    f"data center {prefix} {i}.</description></item>" for i in range(n))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'


@pytest.fixture
def stored(db_path: Path) -> Path:
    with Store(db_path) as store:
        add(store, "oracle", ORACLE, [debt("Oracle", 18e9, ORACLE)], title="Oracle bond sale")
    return db_path


# -- one writer at a time --------------------------------------------------------------------


def test_a_second_writer_is_refused_with_the_holders_name(write_config, stored):
    cfg = write_config()
    with writer_lock(stored, "monitor run --every 15m"):
        for command in (["run"], ["collect"], ["extract"], ["ingest", str(cfg)]):
            result = _monitor(*command, config=cfg, db=stored)
            assert result.returncode == 3, result.stderr
            line = result.stderr.strip().splitlines()[-1]
            assert line.startswith(f"Error: {stored}: in use by another monitor process (pid {os.getpid()}, "
                                   "`monitor run --every 15m`, since ")
            assert "--wait SECONDS" in line
        # readers take no lock
        assert _monitor("search", "bonds", "--json", config=cfg, db=stored).returncode == 0
        assert json.loads(_monitor("events", "--json", config=cfg, db=stored).stdout)[0]["company"] == "Oracle"
    assert holder(stored) is None  # released, and the file no longer names anyone


def test_wait_takes_the_lock_once_the_holder_lets_go(write_config, stored):
    cfg = write_config()
    released = threading.Event()

    def hold() -> None:
        with writer_lock(stored, "monitor collect"):
            time.sleep(1.5)
            released.set()  # set while still held: the waiter cannot have run before it

    threading.Thread(target=hold).start()
    time.sleep(0.3)
    result = _monitor("--wait", "30", "extract", "--no-sentiment", config=cfg, db=stored)
    assert released.is_set() and result.returncode == 0, result.stderr
    result = _monitor("--wait", "0.5", "extract", config=cfg, db=stored)
    assert result.returncode == 0  # nobody holds it now


def test_the_lock_of_a_killed_process_is_free(write_config, stored):
    cfg = write_config()
    code = f"from monitor.lock import writer_lock\nwith writer_lock({str(stored)!r}, 'x'):\n    print('held', flush=True)\n    input()\n"
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    assert _monitor("extract", config=cfg, db=stored).returncode == 3
    proc.kill()
    proc.wait()
    assert _monitor("extract", "--no-sentiment", config=cfg, db=stored).returncode == 0


def test_readers_work_during_a_run_and_a_second_run_is_refused(write_config, db_path, tmp_path):
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        base = f"http://127.0.0.1:{server.port}"
        gate, requested = threading.Event(), threading.Event()

        def slow_page(request: Request) -> Response:
            requested.set()
            gate.wait(30)  # the run stays in its collect phase until the readers are done
            return Response("<html><body><p>" + "Meta raised debt. " * 40 + "</p></body></html>", content_type="text/html")

        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
        server.expect_request("/feed.xml").respond_with_data(_feed(base, 3), content_type="application/rss+xml")
        server.expect_request("/story/0").respond_with_handler(slow_page)
        for i in (1, 2):
            server.expect_request(f"/story/{i}").respond_with_data(f"<html><body><p>Meta story {i}</p></body></html>",
                                                                  content_type="text/html")
        cfg = write_config({"sources": [{"name": "wire", "url": f"{base}/feed.xml"}],
                            "http": {"user_agent": "monitor-tests/0.1 (tests@example.org)", "retries": 0,
                                     "timeout": 60},
                            "sentiment": {"enabled": False}})
        with Store(db_path) as store:
            add(store, "oracle", ORACLE, [debt("Oracle", 18e9, ORACLE)], title="Oracle bond sale")
        first = subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(cfg), "--db", str(db_path), "run"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert requested.wait(30)  # the run is in its collect phase, holding the lock
        second = _monitor("run", config=cfg, db=db_path)
        search = _monitor("search", "bonds", "--json", config=cfg, db=db_path)
        events = _monitor("events", "--company", "Oracle", "--json", config=cfg, db=db_path)
        sources = _monitor("sources", "--json", config=cfg, db=db_path)
        doctor = _monitor("doctor", config=cfg, db=db_path)
        gate.set()
        assert first.wait(60) == 0, first.stderr.read()
    finally:
        gate.set()
        server.clear()
        server.stop()
    assert second.returncode == 3 and f"(pid {first.pid}, `monitor " in second.stderr
    assert [h["id"] for h in json.loads(search.stdout)] == ["oracle"]
    assert json.loads(events.stdout)[0]["amount_usd"] == 18e9
    assert sources.returncode == 0
    assert doctor.returncode == 0 and f"run 1 in progress (pid {first.pid})" in doctor.stdout
    with Store(db_path) as store:
        assert store.counts()["documents"] == 4


def test_a_run_every_loop_refuses_a_second_loop_but_lets_ingest_write_between_runs(write_config, stored, tmp_path):
    cfg = write_config({"sentiment": {"enabled": False}})
    loop = subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(cfg), "--db", str(stored),
                             "run", "--every", "1h"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 30
        while holder(stored, "loop") is None and time.time() < deadline:
            time.sleep(0.05)
        second = _monitor("run", "--every", "1h", config=cfg, db=stored)
        note = tmp_path / "note.txt"
        note.write_text("Amazon raised $15 billion in a bond sale.\n", encoding="utf-8")
        ingest = _monitor("--wait", "30", "ingest", str(note), config=cfg, db=stored)
    finally:
        loop.send_signal(signal.SIGTERM)
        loop.wait(30)
    assert second.returncode == 3 and f"(pid {loop.pid}, `monitor --config" in second.stderr
    assert ingest.returncode == 0 and "1 new" in ingest.stderr
    assert "Stopped after" in loop.stderr.read()


def test_reads_see_committed_data_while_a_write_transaction_is_open(run_cli, stored):
    writer = sqlite3.connect(stored, timeout=1)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE documents SET title = 'uncommitted' WHERE id = 'oracle'")
    try:
        result = run_cli("search", "bonds", "--json")
        assert result.exit_code == 0
        assert json.loads(result.output)[0]["title"] == "Oracle bond sale"
    finally:
        writer.rollback()
        writer.close()


# -- interrupted runs, doctor, backup ----------------------------------------------------------


def test_a_killed_run_is_marked_interrupted_by_the_next(stored):
    with Store(stored) as store:
        killed = store.start_run("run")  # never finished: the process died
        current = store.start_run("run")
        runs = {r["id"]: r["status"] for r in store.runs()}
    assert runs[killed] == "interrupted" and runs[current] == "running"


def test_doctor_on_a_healthy_database(run_cli, stored):
    result = run_cli("doctor")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == ["ok"] * len(lines)
    names = [line.split(":")[0].split(None, 1)[1] for line in lines]
    assert names == ["integrity", "schema", "search index documents_fts", "search index events_fts", "sources",
                     "runs", "backlog", "disk"]
    checks = json.loads(run_cli("doctor", "--json").output)
    assert {c["name"]: c["status"] for c in checks}["schema"] == "ok"
    assert "database" in checks[-1]["detail"] and "free" in checks[-1]["detail"]


def test_doctor_finds_and_repairs_a_search_index_out_of_step(run_cli, stored):
    conn = sqlite3.connect(stored)
    conn.execute("DELETE FROM documents_fts_docsize")
    conn.execute("INSERT INTO documents_fts(documents_fts, rowid, title, text) "
                 "SELECT 'delete', rowid, title, text FROM documents")
    conn.commit()
    conn.close()
    assert json.loads(run_cli("search", "bonds", "--json").output) == []
    broken = run_cli("doctor")
    assert broken.exit_code == 1
    assert "ERROR     search index documents_fts: 0 rows indexed, 1 in documents; run `monitor doctor --repair`" in broken.output
    repaired = run_cli("doctor", "--repair")
    assert repaired.exit_code == 0 and "repaired  search index documents_fts" in repaired.output
    assert [h["id"] for h in json.loads(run_cli("search", "bonds", "--json").output)] == ["oracle"]
    assert run_cli("doctor").exit_code == 0


def test_doctor_reports_failing_sources_interrupted_runs_and_backlog(run_cli, stored):
    with Store(stored) as store:
        for _ in range(4):
            store.record_fetch("dead-feed", ok=False, error="HTTP 410 Gone")
        store.record_fetch("flaky-feed", ok=False, error="timed out")
        store.start_run("run")  # killed
        store.db.execute("UPDATE documents SET extracted = NULL")
    result = run_cli("doctor", "--failing", "3")
    assert result.exit_code == 0  # warnings, nothing broken
    out = result.output
    assert "WARNING   sources: 1 failing for 3+ runs: dead-feed (4 runs: HTTP 410 Gone)" in out
    assert "flaky-feed" not in out
    assert "WARNING   runs: 1 interrupted (run 1); the next run completes their work" in out
    assert "ok        backlog: 1 documents to extract" in out


def test_doctor_on_an_older_schema_and_on_a_file_that_is_not_a_database(run_cli, stored, db_path, tmp_path):
    conn = sqlite3.connect(stored)
    conn.execute("DELETE FROM schema_version WHERE version = ?", [SCHEMA_VERSION])
    conn.commit()
    conn.close()
    result = run_cli("doctor")
    assert (f"WARNING   schema: version {SCHEMA_VERSION - 1}, this monitor uses {SCHEMA_VERSION}: "
            "the next command that writes migrates it") in result.output
    db_path.unlink()
    Path(f"{db_path}-wal").unlink(missing_ok=True)
    db_path.write_bytes(b"this is not a database" * 100)
    result = run_cli("doctor")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith(f"Error: {db_path}: cannot open database: file is not a database")


def test_backup_is_a_checked_snapshot_taken_during_writes(run_cli, stored, tmp_path):
    with Store(stored) as store:
        for i in range(200):
            text = f"Meta raised ${i + 1} billion of debt for campus {i}."
            add(store, f"d{i}", text, [debt("Meta", (i + 1) * 1e9, text)])
    target = tmp_path / "copy.db"
    stop = threading.Event()

    def keep_writing() -> None:
        with Store(stored) as store:
            i = 0
            while not stop.is_set():
                add(store, f"w{i}", f"Write {i} during the backup.")
                i += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        result = run_cli("backup", str(target))
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    assert f"to {target} (" in result.output and "integrity checked" in result.output
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert copy.execute("SELECT COUNT(*) FROM documents WHERE id LIKE 'd%'").fetchone()[0] == 200
    assert copy.execute("SELECT COUNT(*) FROM events").fetchone()[0] >= 201
    copy.close()
    assert not Path(f"{target}.partial").exists()
    with Store(target) as restored:
        assert [h["id"] for h in restored.search("campus 7")][:1] == ["d7"]
    again = run_cli("backup", str(target))
    assert again.exit_code == 1 and f"Error: {target}: already exists (--force to replace it)" in again.output
    assert run_cli("backup", str(target), "--force").exit_code == 0
    same = run_cli("backup", str(stored))
    assert same.exit_code == 1 and "already exists" in same.output
    nowhere = run_cli("backup", str(tmp_path / "missing" / "copy.db"))
    assert nowhere.exit_code == 1
    assert nowhere.output.strip() == f"Error: {tmp_path / 'missing' / 'copy.db'}: no such directory {tmp_path / 'missing'}"


# -- logs -------------------------------------------------------------------------------------


def test_log_json_gives_one_line_per_source_per_run(write_config, db_path):
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        base = f"http://127.0.0.1:{server.port}"
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
        server.expect_request("/ok.xml").respond_with_data(_feed(base, 2), content_type="application/rss+xml")
        server.expect_request("/gone.xml").respond_with_data("gone", status=410)
        cfg = write_config({"sources": [{"name": "good", "url": f"{base}/ok.xml", "fetch_articles": False},
                                        {"name": "dead", "url": f"{base}/gone.xml"}],
                            "sentiment": {"enabled": False}})
        result = _monitor("--log-json", "--log-level", "info", "run", config=cfg, db=db_path)
    finally:
        server.clear()
        server.stop()
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    per_source = [r for r in records if "source" in r]
    assert sorted(r["source"] for r in per_source) == ["dead", "good"]
    good = next(r for r in per_source if r["source"] == "good")
    assert good["level"] == "info" and good["new"] == 2 and good["status"] == "ok"
    dead = next(r for r in per_source if r["source"] == "dead")
    assert dead["level"] == "warning" and dead["error"].startswith("HTTP 410 Gone")
    assert {"time", "level", "logger", "message"} <= set(good)
    assert any(r.get("phase") == "extract" for r in records)
    summary = [r for r in records if r["message"].startswith("run 1: partial")]
    assert len(summary) == 1 and summary[0]["errors"] == ["dead: HTTP 410 Gone"]


def test_a_failed_source_is_one_line_by_default_and_logged_with_v(write_config, db_path):
    cfg = write_config({"sources": [{"name": "dead", "url": "http://127.0.0.1:9/feed.xml"}]})
    quiet = _monitor("collect", config=cfg, db=db_path)
    assert [line for line in quiet.stderr.splitlines() if "dead" in line] == [
        "  FAILED  dead: unreachable: connection refused by 127.0.0.1:9"]
    verbose = _monitor("-v", "collect", config=cfg, db=db_path)
    logged = [line for line in verbose.stderr.splitlines() if line.startswith("WARNING")]
    assert logged == ["WARNING monitor: source dead: failed: unreachable: connection refused by 127.0.0.1:9"]


def test_secrets_never_reach_the_logs(write_config, stored, monkeypatch):
    secret, token = "hunter2-smtp-password", "T0KEN-in-the-webhook-url"
    cfg = write_config({
        "alerts": [{"name": "big", "types": ["debt"], "channels": [{"type": "webhook", "url_env": "TEAM_HOOK"},
                                                                   {"type": "email", "to": ["ops@example.org"]}]}],
        "digest": {"smtp": {"host": "127.0.0.1", "port": 9, "security": "none", "user": "monitor"}},
    })
    with Store(stored) as store:  # a rule checks what is new since its start: make the event new
        store.db.execute("UPDATE events SET created = ?", [ago(seconds=1)])
        store.db.execute("INSERT INTO alert_rules (name, since) VALUES ('big', ?)", [ago(hours=1)])
    env = {"MONITOR_SMTP_PASSWORD": secret, "TEAM_HOOK": f"http://user:{token}@127.0.0.1:9/hook?key={token}"}
    result = _monitor("-vv", "alerts", "check", config=cfg, db=stored, env=env)
    json_result = _monitor("--log-json", "--log-level", "debug", "alerts", "check", config=cfg, db=stored, env=env)
    for out in (result, json_result):
        assert out.returncode == 1  # both channels fail: nothing listens on port 9
        assert secret not in out.stderr + out.stdout and token not in out.stderr + out.stdout
    assert "alert big -> webhook: webhook (TEAM_HOOK):" in result.stderr


def test_the_redaction_filter(monkeypatch):
    monkeypatch.setenv("SOME_API_TOKEN", "abc123-very-secret")
    monkeypatch.setenv("MY_SMTP_PW", "pw-hunter2")
    logs.add_secret_names("MY_SMTP_PW")
    stream = __import__("io").StringIO()
    logs.configure(logging.DEBUG, as_json=True, stream=stream)
    try:
        log = logging.getLogger("monitor.test")
        log.warning("token %s and pw %s", "abc123-very-secret", "pw-hunter2",
                    extra={"url": "https://bot:s3cret@hooks.example.org/x"})
        try:
            raise ValueError("connect to https://u:pa55word@smtp.example.org failed")
        except ValueError:
            log.exception("failed")
    finally:
        logs.configure(logging.WARNING)
    out = stream.getvalue()
    for leaked in ("abc123-very-secret", "pw-hunter2", "s3cret", "pa55word"):
        assert leaked not in out
    first = json.loads(out.splitlines()[0])
    assert first["message"] == "token [redacted] and pw [redacted]"
    assert first["url"] == "https://bot:[redacted]@hooks.example.org/x"
    assert "u:[redacted]@smtp.example.org" in out
