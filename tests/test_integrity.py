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

from monitor.lock import writer_lock
from monitor.store import Store
from tests import test_hostile as hostile
from tests.conftest import ROOT
from tests.test_hostile import ingest_hostile, input_line

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
