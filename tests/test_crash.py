"""Crash safety: `monitor run` killed with SIGKILL, again and again, loses and doubles nothing.

A real `monitor run` process collects four feeds and their 48 article pages from 127.0.0.1,
extracts the events, sends alerts to a webhook and a JSONL file, and sends the daily digest to
a real SMTP server. A reference run measures when each phase starts. Then, in each of several
chains on a fresh database, the run is killed (SIGKILL) at a random moment of one phase (collect,
extract, alerts or digest), restarted and killed again in another phase, and finally run to the
end. After every kill the database must pass SQLite's integrity check and its full-text index
check, and hold no half-stored document; after the final run it must hold exactly what the
reference run stored, every alert and the digest must have arrived, and the only repeats allowed
are messages carrying the same idempotency key (a kill between sending and confirming: the
documented at-least-once rule), never more than one per such kill.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from monitor.models import content_hash
from tests.conftest import COMPANIES

FEEDS, ITEMS = 4, 12
PHASES = {  # the log line that starts each phase of a run
    "collect": "collecting",
    "extract": "extracting",
    "alerts": "checking",
    "digest": "digest for",
}
MIN_KILLS = 20
CHAINS = 10
SEED = 20261122


# Background sentences, four to a story, so that no two stories are near-duplicates.
_POOL = [
    "Analysts said the move reflects the race to secure power, land and chips for AI workloads.",
    "Shares were little changed in early trading in New York.",
    "The company did not respond to a request for comment on Tuesday.",
    "Credit investors have grown wary of the pace of borrowing across the sector.",
    "Utilities in Virginia and Texas report record requests for new grid connections.",
    "A spokesperson pointed to the company's last quarterly report for details of its plans.",
    "Rating agencies have so far kept their outlooks on the largest issuers stable.",
    "Construction costs for a large campus have roughly doubled since 2021, builders say.",
    "Several hedge funds have bought protection against a slowdown in cloud demand.",
    "The board approved the plan at a meeting held late last week.",
    "Competitors are expected to announce similar projects before the end of the year.",
    "Local officials welcomed the jobs but questioned the demand for water and electricity.",
    "The chief financial officer said spending would stay disciplined despite the expansion.",
    "Bankers involved in the deal said orders peaked at several times the amount offered.",
    "The new facilities are due to come online in stages through 2028.",
    "Some shareholders have asked for more detail on the expected returns.",
    "Chipmakers have raised prices for their most advanced accelerators this year.",
    "The region's planning board will review the proposal next month.",
    "Insurers and pension funds have been among the biggest buyers of such debt.",
    "Leasing rates for wholesale data center space rose again in the third quarter.",
]


def _item(k: int, now: datetime) -> tuple[str, str, str]:
    """Title, summary and article HTML of story k: a debt or a capex event of its own."""
    company = COMPANIES[k % len(COMPANIES)]["name"]
    amount = 2 + k
    if k % 2:
        title = f"{company} prices ${amount} billion bond sale"
        lead = (f"{company} sold ${amount} billion of senior notes due 2035 on Tuesday, and said it will "
                f"use the proceeds to build data centers.")
    else:
        title = f"{company} lifts spending plan to ${amount} billion"
        lead = (f"{company} raised its capital expenditure forecast for 2026 to ${amount} billion, citing "
                f"demand for AI computing capacity.")
    filler = " ".join(random.Random(k).sample(_POOL, 5))
    published = format_datetime(now - timedelta(hours=k % 20 + 1))
    html = (f"<html><head><title>{title}</title><meta property=\"article:published_time\" "
            f"content=\"{(now - timedelta(hours=k % 20 + 1)).isoformat()}\"></head><body><article>"
            f"<h1>{title}</h1><p>{lead}</p><p>{filler}</p></article></body></html>")
    return title, published, html


@pytest.fixture(scope="module")
def site():
    """Feeds, article pages and a webhook receiver on 127.0.0.1."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    base = f"http://127.0.0.1:{server.port}"
    now = datetime.now(UTC)
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    for f in range(FEEDS):
        items = ""
        for j in range(ITEMS):
            k = f * ITEMS + j
            title, published, html = _item(k, now)
            server.expect_request(f"/news/{k}").respond_with_data(html, content_type="text/html; charset=utf-8")
            items += (f"<item><title>{title}</title><link>{base}/news/{k}</link><guid>{base}/news/{k}</guid>"
                      f"<pubDate>{published}</pubDate><description>{title}.</description></item>")
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire {f}</title>{items}</channel></rss>'
        server.expect_request(f"/feeds/{f}.xml").respond_with_data(feed, content_type="application/rss+xml")
    hooks: list[tuple[str, str]] = []  # (path, idempotency key)

    def hook(request: Request) -> Response:
        body = json.loads(request.data)
        assert request.headers["Idempotency-Key"] == body["id"]
        hooks.append((request.path, body["id"]))
        return Response("ok")

    for chain in range(CHAINS + 1):
        server.expect_request(f"/hook/{chain}", method="POST").respond_with_handler(hook)
    yield base, hooks
    server.clear()
    server.stop()


def _config(directory: Path, base: str, smtp_port: int, chain: int) -> Path:
    cfg = {
        "http": {"user_agent": "monitor-tests/0.1 (tests@example.org)", "retries": 0, "timeout": 10,
                 "requests_per_second": 50, "concurrency": 4},
        "sources": [{"name": f"wire-{f}", "type": "rss", "url": f"{base}/feeds/{f}.xml"} for f in range(FEEDS)],
        "companies": COMPANIES,
        "sentiment": {"enabled": False},
        "alerts": [
            {"name": "big-debt", "types": ["debt"], "min_amount_usd": 1e9,
             "channels": [{"type": "webhook", "url_env": "HOOK_URL"}, {"type": "jsonl", "path": "alerts.jsonl"}]},
            {"name": "capex", "types": ["capex"], "channels": [{"type": "jsonl", "path": "alerts.jsonl"}],
             "digest": True},
        ],
        "digest": {"enabled": True, "recipients": [f"chain{chain}@example.org"], "sender": "monitor@example.org",
                   "time": "00:00", "timezone": "UTC",
                   "smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none"}},
    }
    path = directory / "feeds.yaml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return path


class Run:
    """One `monitor run` process; its log lines with the time each arrived."""

    def __init__(self, config: Path, db: Path, hook_url: str):
        env = os.environ | {"HOOK_URL": hook_url, "PYTHONUNBUFFERED": "1"}
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "--db", str(db), "--log-level", "info", "run"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=config.parent,
        )
        self.lines: list[tuple[float, str]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append((time.monotonic() - self.started, line.rstrip("\n")))

    def seen(self, marker: str) -> float | None:
        return next((t for t, line in list(self.lines) if marker in line), None)

    def kill_after(self, marker: str, delay: float, timeout: float = 120) -> bool:
        """SIGKILL `delay` seconds after the marker line; False if the run ended first."""
        deadline = time.monotonic() + timeout
        while self.seen(marker) is None:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.wait()
                return False
            time.sleep(0.005)
        time.sleep(delay)
        if self.proc.poll() is not None:
            self.wait()
            return False
        self.proc.send_signal(signal.SIGKILL)
        self.wait()
        return self.proc.returncode == -signal.SIGKILL

    def wait(self) -> int:
        code = self.proc.wait(timeout=180)
        self._reader.join(timeout=10)
        return code

    @property
    def log(self) -> str:
        return "\n".join(line for _, line in self.lines)


def _check_consistent(db: Path) -> None:
    """What must hold after any kill: a sound file, consistent indexes, whole documents."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in ("documents", "events"):
            conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES('integrity-check')")
            indexed = conn.execute(f"SELECT COUNT(*) FROM {table}_fts_docsize").fetchone()[0]
            assert indexed == conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0], table
        for title, text, digest in conn.execute("SELECT title, text, hash FROM documents"):
            assert text and content_hash((title or "") + "\n" + text) == digest  # never half-written
        orphans = conn.execute("SELECT COUNT(*) FROM events e JOIN documents d ON d.id = e.document_id "
                               "WHERE d.extracted IS NULL").fetchone()[0]
        assert orphans == 0  # events are written with the document's extraction mark, or not at all
    finally:
        conn.close()


def _final_state(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        docs = sorted(r[0] for r in conn.execute("SELECT id FROM documents"))
        events = Counter(conn.execute("SELECT document_id, type, amount_usd, sentence FROM events").fetchall())
        unextracted = conn.execute("SELECT COUNT(*) FROM documents WHERE extracted IS NULL").fetchone()[0]
        unsent = conn.execute("SELECT COUNT(*) FROM alerts WHERE status IN ('pending', 'failed')").fetchone()[0]
        statuses = [r[0] for r in conn.execute("SELECT status FROM runs ORDER BY id")]
        digests = conn.execute("SELECT status, sends FROM digests").fetchall()
    finally:
        conn.close()
    return {"documents": docs, "events": events, "unextracted": unextracted, "unsent": unsent,
            "runs": statuses, "digests": digests}


def _jsonl_ids(path: Path) -> list[str]:
    if not path.exists():
        return []
    ids = []
    for line in path.read_text(encoding="utf-8").splitlines():
        ids.append(json.loads(line)["id"])  # a torn last line would fail here
    return ids


def _digests_to(smtp, address: str) -> list[str]:
    return [m["Message-ID"] for m in smtp.messages if address in m["To"]]


@pytest.mark.slow
def test_sigkill_at_random_points_loses_and_doubles_nothing(site, smtp_server, tmp_path):
    base, hooks = site
    smtp_port, smtp = smtp_server

    # The reference: one uninterrupted run, and when each of its phases began.
    ref_dir = tmp_path / "reference"
    ref_dir.mkdir()
    ref = Run(_config(ref_dir, base, smtp_port, 0), ref_dir / "monitor.db", f"{base}/hook/0")
    assert ref.wait() == 0, ref.log
    starts = {phase: ref.seen(marker) for phase, marker in PHASES.items()}
    assert all(t is not None for t in starts.values()), ref.log
    end = ref.lines[-1][0]
    order = list(PHASES)
    length = {p: (starts[order[i + 1]] if i + 1 < len(order) else end) - starts[p] for i, p in enumerate(order)}
    expected = _final_state(ref_dir / "monitor.db")
    assert len(expected["documents"]) == FEEDS * ITEMS
    assert sum(expected["events"].values()) >= FEEDS * ITEMS
    expected_hooks = {key for path, key in hooks if path == "/hook/0"}
    expected_jsonl = set(_jsonl_ids(ref_dir / "alerts.jsonl"))
    assert len(expected_hooks) == FEEDS * ITEMS // 2 and len(expected_jsonl) == FEEDS * ITEMS
    assert len(_digests_to(smtp, "chain0@example.org")) == 1

    rng = random.Random(SEED)
    kills: Counter[str] = Counter()
    tried = 0
    summary = []
    for chain in range(1, CHAINS + 1):
        directory = tmp_path / f"chain{chain}"
        directory.mkdir()
        config = _config(directory, base, smtp_port, chain)
        db = directory / "monitor.db"
        hook_url = f"{base}/hook/{chain}"
        # Three kills a chain, in phases drawn at random (collect first: it starts every run).
        # Collect first (every run starts there), then two later phases in turn, in run order.
        phases = ["collect", *[("extract", "alerts"), ("extract", "digest"), ("alerts", "digest")][chain % 3]]
        chain_kills: Counter[str] = Counter()
        for phase in phases:
            delay = rng.uniform(0, length[phase])
            tried += 1
            run = Run(config, db, hook_url)
            if run.kill_after(PHASES[phase], delay):
                chain_kills[phase] += 1
            else:
                assert run.proc.returncode == 0, run.log
                print(f"chain {chain}: {phase} +{delay:.2f}s: the run ended first\n{run.log}")
            _check_consistent(db)
        final = Run(config, db, hook_url)
        assert final.wait() == 0, final.log
        _check_consistent(db)
        kills.update(chain_kills)

        state = _final_state(db)
        assert state["documents"] == expected["documents"]  # none lost, none doubled
        assert state["events"] == expected["events"]
        assert state["unextracted"] == 0 and state["unsent"] == 0
        assert state["runs"][-1] == "ok" and "running" not in state["runs"]
        # a kill after the run recorded its end (while printing its report) interrupts nothing
        assert state["runs"].count("interrupted") <= sum(chain_kills.values())
        got_hooks = [key for path, key in hooks if path == f"/hook/{chain}"]
        got_jsonl = _jsonl_ids(directory / "alerts.jsonl")
        mail = _digests_to(smtp, f"chain{chain}@example.org")
        # Nothing lost: every alert the reference sent arrived (the keys hash rule, channel and
        # target, so the same events give the same keys in every database).
        assert set(got_hooks) == expected_hooks and set(got_jsonl) == expected_jsonl
        assert len(set(mail)) == 1
        # Repeats only from a kill between sending and confirming: at most one message per kill.
        repeats = (len(got_hooks) - len(set(got_hooks))) + (len(got_jsonl) - len(set(got_jsonl)))
        assert repeats <= chain_kills["alerts"]
        assert len(mail) - 1 <= chain_kills["digest"]
        summary.append({"chain": chain, "kills": dict(chain_kills), "alert_repeats": repeats,
                        "digest_repeats": len(mail) - 1})

    report = {"kill_points_tried": tried, "kills": dict(kills), "chains": summary}
    print("\n" + json.dumps(report))
    assert sum(kills.values()) >= MIN_KILLS, report
    assert all(kills[p] >= 2 for p in PHASES), report
