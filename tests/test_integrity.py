"""Security and integrity (issue 18, items 1-7): what is stored is what the sources said, under
the right URL, once; no input can overwrite, shrink or flip a stored document, reach an
internal address through a redirect, bypass the writer lock, or hang a command.

Nothing leaves the machine: HTTP servers run on 127.0.0.1, other host names are answered by a
resolver given to the HTTP client and reached through a local proxy.
"""

from __future__ import annotations

from pathlib import Path

from tests import test_hostile as hostile
from tests.test_hostile import ingest_hostile, input_line

good = hostile.good  # the fixture: a good document ingested first

# -- 5. deeply nested JSON -------------------------------------------------------------------


def test_deeply_nested_json_is_one_line_and_the_batch_goes_on(tmp_path: Path, run_cli, db_path, good):
    path = tmp_path / "d.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert ingest_hostile(run_cli, db_path, good, path) is None
    line = input_line(run_cli("ingest", str(path)), path)
    assert line == f"Error: {path}: malformed JSON: nested too deeply", line
