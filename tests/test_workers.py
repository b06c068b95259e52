"""The extraction stage in worker processes gives what it gives in-process, stored once."""

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from monitor.evaluate import line_document, read_jsonl
from monitor.store import Store

ROOT = Path(__file__).resolve().parents[1]


def _events(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(
            "SELECT document_id, type, company, amount_usd, amount_low_usd, currency, amount_original, period, status, "
            "instrument, sentence, start FROM events").fetchall(), key=repr)


def _extract(db: Path, *args: str) -> subprocess.CompletedProcess:
    # a fresh process, as a user runs it: nothing has imported torch, so the pool can fork
    return subprocess.run([sys.executable, "-m", "monitor", "--config", str(ROOT / "feeds.yaml"), "--db", str(db),
                           "extract", "--no-sentiment", *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_worker_processes_extract_what_one_process_does(tmp_path):
    lines = read_jsonl(str(ROOT / "data/extraction/dev.jsonl"))[:120]  # real passages, many with events
    first = tmp_path / "workers.db"
    store = Store(str(first))
    for line in lines:
        store.upsert_document(line_document(line))
    store.close()
    second = tmp_path / "inline.db"
    shutil.copy(first, second)

    pooled = _extract(first, "--workers", "2")
    assert pooled.returncode == 0, pooled.stderr
    assert "120 documents processed (2 worker processes)" in pooled.stderr
    inline = _extract(second, "--workers", "0")
    assert inline.returncode == 0, inline.stderr
    assert "120 documents processed," in inline.stderr
    events = _events(first)
    assert len(events) > 40 and events == _events(second)

    again = _extract(first, "--all", "--workers", "2")  # safe to re-run: replaced, never duplicated
    assert again.returncode == 0, again.stderr
    assert _events(first) == events
