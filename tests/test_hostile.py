"""Hostile inputs, each beside good data in a real `monitor` database.

Every input checks the same contract: `monitor ingest` (or `collect`) gives exactly one line
for it, either how many documents it stored or `Error: <input>: <reason>`, and never a
traceback; the other inputs of the same command are still processed; the document stored
before (a good file ingested first) is still there, and the document count is exactly what
it should be; running the same command again stores nothing twice. What is stored is safe:
no entity is expanded or resolved (no file content, no request), no NUL or lone surrogate,
no mojibake, no raw markup in the digest, no header-like line in the text digest; queries
and filters with SQL or FTS metacharacters give results or one clean error, never a
traceback, and leave the tables intact.

Nothing leaves the machine: HTTP is a pytest-httpserver on 127.0.0.1, every file is written
by the test itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer

from monitor.cli import cli
from monitor.nlp.events import MAX_EVENTS
from tests.conftest import COMPANIES, ROOT

UA = "monitor-tests/0.1 (tests@example.org)"
GOOD_TEXT = "Oracle raises capex\n\nOracle said it will spend $25 billion on data centers in fiscal 2026.\n"
SENTENCE = "Oracle priced $18 billion of senior notes."
MARKER = "xyzzysecret4242"  # one FTS token, so a search would find it if it were stored
SURROGATES = re.compile("[\ud800-\udfff]")


# -- helpers -------------------------------------------------------------------------------


def rss(items: list[tuple[str, str, str]], doctype: str = "", declaration: bool = True) -> bytes:
    """RSS 2.0 of (title, link, description) items, the XML written as given (no escaping)."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
        f"<pubDate>Mon, 06 Jan 2025 10:0{i}:00 GMT</pubDate></item>"
        for i, (t, link, d) in enumerate(items)
    )
    head = '<?xml version="1.0" encoding="utf-8"?>\n' if declaration else ""
    return f'{head}{doctype}<rss version="2.0"><channel><title>Hostile wire</title>{body}</channel></rss>\n'.encode()


def rows(db: Path, sql: str, *args) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


def count(db: Path, table: str = "documents") -> int:
    return rows(db, f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]


def snapshot(db: Path) -> list[tuple[str, str]]:
    return [(r["id"], r["hash"]) for r in rows(db, "SELECT id, hash FROM documents ORDER BY id")]


def stored_strings(db: Path) -> list[str]:
    """Every text value stored about documents: their columns, links, events, source states."""
    out = []
    for table in ("documents", "document_links", "events", "sources"):
        for row in rows(db, f"SELECT * FROM {table}"):
            out.extend(v for v in row.values() if isinstance(v, str))
    return out


def doc_by_url(db: Path, url: str) -> dict | None:
    found = rows(db, "SELECT * FROM documents WHERE url = ?", url)
    return found[0] if found else None


def assert_good_kept(db: Path, good: Path, total: int) -> None:
    doc = doc_by_url(db, good.resolve().as_uri())
    assert doc is not None and "spend $25 billion on data centers" in doc["text"]
    assert count(db) == total


def input_line(result: Result, name: str | Path) -> str:
    """The one line `monitor ingest` printed for an input."""
    name = str(name)
    assert "Traceback" not in result.output, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith((f"{name}: ", f"Error: {name}: "))]
    assert len(lines) == 1, f"{len(lines)} lines for {name}:\n{result.stderr}"
    assert len(lines[0]) < 400, lines[0]
    return lines[0]


def new_count(result: Result, name: str | Path) -> int | None:
    """How many documents the input stored, or None when it was refused (one `Error:` line)."""
    line = input_line(result, name)
    if line.startswith("Error: "):
        return None
    m = re.fullmatch(rf"{re.escape(str(name))}: (\d+) new(?:, \d+ updated)?(?:, \d+ unchanged)?(?:, \d+ duplicate)?", line)
    assert m, line
    return int(m.group(1))


def assert_again_stores_nothing(run: Callable[[], Result], db: Path) -> Result:
    before = snapshot(db)
    result = run()
    assert "Traceback" not in result.output, result.output
    assert not re.search(r": [1-9]\d* new|[1-9]\d* updated", result.stderr), result.stderr
    assert snapshot(db) == before
    return result


@pytest.fixture
def good(tmp_path: Path, run_cli, db_path: Path) -> Path:
    """A good document, ingested before the hostile input."""
    path = tmp_path / "good" / "oracle-capex.txt"
    path.parent.mkdir()
    path.write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("ingest", str(path))
    assert result.exit_code == 0 and input_line(result, path) == f"{path}: 1 new"
    return path


def ingest_hostile(run_cli, db_path: Path, good: Path, path: Path, *options: str) -> int | None:
    """Ingest a hostile file beside a second good one; check the contract; return what it stored."""
    other = good.parent.parent / "other-good.txt"
    other.write_text("Meta capex\n\nMeta plans to spend $65 billion on capital expenditures in 2025.\n", encoding="utf-8")
    args = ("ingest", *options, str(path), str(other))
    result = run_cli(*args)
    stored = new_count(result, path)
    assert input_line(result, other) == f"{other}: 1 new"
    assert result.exit_code == (1 if stored is None else 0), result.stderr
    assert_good_kept(db_path, good, 2 + (stored or 0))
    again = assert_again_stores_nothing(lambda: run_cli(*args), db_path)
    assert (new_count(again, path) is None) == (stored is None)
    return stored


def run_process(config: Path, db: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`monitor` in a process of its own, killed after `timeout` s: for inputs that could make
    it run for minutes, so that a regression fails this test instead of hanging the suite."""
    cmd = [sys.executable, "-m", "monitor", "--config", str(config), "--db", str(db), *args]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pass  # the child is killed; fail outside the handler, without the chained traceback
    pytest.fail(f"`monitor {' '.join(args)[:200]}` still running after {timeout:.0f} s", pytrace=False)


def invoke(config: Path, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--config", str(config), "--db", str(db), *args], catch_exceptions=False)


# -- a local HTTP server -------------------------------------------------------------------


@pytest.fixture(scope="module")
def server():
    s = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    s.start()
    yield s
    s.clear()
    s.stop()


@pytest.fixture
def site(server: HTTPServer):
    server.clear()
    yield server
    server.clear()


def url(server: HTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{server.port}{path}"


WIRE_FEED = rss([
    ("Meta lines up $29 billion for data centers", "https://wire.example.org/meta", "Meta raised $29 billion of debt."),
    ("Amazon capex plan", "https://wire.example.org/amzn", "Amazon will spend $100 billion on capex in 2025."),
])


def collect_config(write_config, site: HTTPServer, hostile_path: str):
    return write_config({
        "http": {"user_agent": UA, "retries": 0, "timeout": 5, "requests_per_second": 200, "respect_robots": False},
        "sources": [
            {"name": "wire", "type": "rss", "url": url(site, "/wire.xml"), "fetch_articles": False},
            {"name": "hostile", "type": "rss", "url": url(site, hostile_path), "fetch_articles": False},
        ],
    }, name="collect.yaml")


def collect_hostile(run_cli, write_config, site: HTTPServer, db_path: Path, good: Path, body: bytes) -> int | None:
    """Collect a healthy feed and a hostile one; check the contract; return what the hostile one stored."""
    site.expect_request("/wire.xml").respond_with_data(WIRE_FEED, content_type="application/rss+xml")
    site.expect_request("/hostile.xml").respond_with_data(body, content_type="application/rss+xml")
    config = collect_config(write_config, site, "/hostile.xml")
    result = run_cli("collect", config=config)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    lines = {n: [line for line in result.stderr.splitlines() if re.match(rf"\s+(ok|FAILED)\s+{n}: ", line)]
             for n in ("wire", "hostile")}
    assert len(lines["wire"]) == 1 and ", 2 new," in lines["wire"][0], result.stderr
    assert len(lines["hostile"]) == 1, result.stderr
    m = re.search(r"ok\s+hostile: ok, \d+ entries, (\d+) new", lines["hostile"][0])
    stored = int(m.group(1)) if m else None
    assert m or re.match(r"\s+FAILED\s+hostile: \S", lines["hostile"][0]), lines["hostile"][0]
    assert_good_kept(db_path, good, 1 + 2 + (stored or 0))
    assert_again_stores_nothing(lambda: run_cli("collect", config=config), db_path)
    return stored


# -- 1. entity expansion ("billion laughs") --------------------------------------------------


def laughs_doctype(levels: int = 10) -> str:
    decls = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return f"<!DOCTYPE rss [{''.join(decls)}]>\n"


LAUGHS = rss(
    [("Boom &lol10;", "https://hostile.example.org/boom", "Expanded: &lol10; &lol10;"),
     (SENTENCE, "https://hostile.example.org/oracle", "Oracle priced the notes in four tranches.")],
    doctype=laughs_doctype(),
)


def assert_not_expanded(db: Path) -> None:
    for value in stored_strings(db):
        assert "lollollol" not in value and len(value) < 100_000, value[:200]


def test_billion_laughs_in_an_ingested_feed_is_not_expanded(tmp_path, run_cli, db_path, good):
    path = tmp_path / "laughs.xml"
    path.write_bytes(LAUGHS)
    stored = ingest_hostile(run_cli, db_path, good, path)
    assert_not_expanded(db_path)
    if stored is not None:  # the feed's ordinary entry survives its hostile DOCTYPE
        assert doc_by_url(db_path, "https://hostile.example.org/oracle")["title"] == SENTENCE


def test_billion_laughs_in_a_collected_feed_is_not_expanded(site, run_cli, write_config, db_path, good):
    stored = collect_hostile(run_cli, write_config, site, db_path, good, LAUGHS)
    assert_not_expanded(db_path)
    if stored is not None:
        assert doc_by_url(db_path, "https://hostile.example.org/oracle")["title"] == SENTENCE


# -- 2. external entities (XXE) --------------------------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "private" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"password {MARKER} root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (path.parent / "evil.dtd").write_text(f'<!ENTITY xxe SYSTEM "{path.as_uri()}">', encoding="utf-8")
    return path


def xxe_doctype(variant: str, root: str, secret: Path) -> str:
    if variant == "general":
        return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
    if variant == "parameter":  # an external DTD, through a parameter entity, defines &xxe;
        return f'<!DOCTYPE {root} [<!ENTITY % ext SYSTEM "{(secret.parent / "evil.dtd").as_uri()}"> %ext;]>\n'
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'  # passwd


def xxe_document(kind: str, variant: str, secret: Path) -> tuple[str, bytes]:
    """(file name, bytes) of a feed or a filing whose text refers to an external entity."""
    if kind == "feed":
        return "leak.rss", rss([(f"Leak &xxe; {SENTENCE}", "https://hostile.example.org/leak", "Data: &xxe; end.")],
                               doctype=xxe_doctype(variant, "rss", secret))
    if kind == "atom filing index":
        doctype = xxe_doctype(variant, "feed", secret)
        return "filings.atom.xml", (
            f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Filings &xxe;</title><id>urn:filings</id><updated>2025-01-06T10:00:00Z</updated>"
            f"<entry><title>8-K &xxe;</title><id>urn:acc:0001</id><link href=\"https://hostile.example.org/8k\"/>"
            f"<updated>2025-01-06T10:00:00Z</updated><summary>{SENTENCE} &xxe;</summary></entry></feed>"
        ).encode()
    if kind == "xbrl filing":
        return "filing.xml", (f'<?xml version="1.0"?>\n{xxe_doctype(variant, "xbrl", secret)}'
                              f"<xbrl><dei:EntityRegistrantName>&xxe;</dei:EntityRegistrantName></xbrl>").encode()
    return "8k.htm", (  # an inline-XBRL 8-K: XHTML with an XML declaration and a DOCTYPE
        f'<?xml version="1.0" encoding="utf-8"?>\n{xxe_doctype(variant, "html", secret)}'
        "<html><head><title>FORM 8-K &xxe;</title></head><body><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p>"
        f"<p>Form 8-K</p><p>{SENTENCE} &xxe;</p></body></html>"
    ).encode()


@pytest.mark.parametrize("variant", ["general", "parameter", "passwd"])
@pytest.mark.parametrize("kind", ["feed", "atom filing index", "html filing", "xbrl filing"])
def test_an_external_entity_is_never_resolved(kind, variant, tmp_path, secret, run_cli, db_path, good):
    name, body = xxe_document(kind, variant, secret)
    path = tmp_path / name
    path.write_bytes(body)
    options = () if kind == "feed" else ("--kind", "filing")
    stored = ingest_hostile(run_cli, db_path, good, path, *options)
    if kind in ("feed", "html filing"):
        assert stored == 1  # the document is kept, without what the entity points at
        assert any(SENTENCE in v for v in stored_strings(db_path))
    for value in stored_strings(db_path):
        assert MARKER not in value and "root:x:0:0" not in value, value[:300]
    found = run_cli("search", MARKER, "--json")
    assert found.exit_code == 0 and json.loads(found.stdout) == []


@pytest.mark.parametrize("variant", ["general", "parameter"])
def test_an_external_entity_in_a_collected_feed_is_never_fetched(variant, site, secret, run_cli, write_config,
                                                                 db_path, good):
    site.expect_request("/secret.txt").respond_with_data(f"remote {MARKER}")
    (secret.parent / "evil.dtd").write_text(f'<!ENTITY xxe SYSTEM "{url(site, "/secret.txt")}">', encoding="utf-8")
    doctype = (f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{url(site, "/secret.txt")}">]>\n' if variant == "general"
               else xxe_doctype("parameter", "rss", secret))
    body = rss([(f"Leak &xxe; {SENTENCE}", "https://hostile.example.org/leak", "Data: &xxe; end.")], doctype=doctype)
    collect_hostile(run_cli, write_config, site, db_path, good, body)
    assert [r.path for r, _ in site.log if r.path == "/secret.txt"] == []
    assert not any(MARKER in v for v in stored_strings(db_path))


# -- 3. deep nesting -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["news", "filing"])
def test_100000_nested_divs_keep_their_sentence_and_its_event(kind, tmp_path, write_config, run_cli, db_path, good):
    path = tmp_path / "deep.html"
    path.write_text("<html><head><title>Deep</title></head><body>" + "<div>" * 100_000 + f"<p>{SENTENCE}</p>"
                    + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    args = ("ingest", "--kind", kind, str(path))
    done = run_process(write_config(), db_path, *args)
    assert done.returncode == 0 and f"{path}: 1 new" in done.stderr.splitlines(), done.stderr[-2000:]
    doc = doc_by_url(db_path, path.resolve().as_uri())
    assert doc["kind"] == kind and SENTENCE in doc["text"]
    assert_good_kept(db_path, good, 2)
    extracted = run_cli("extract", "--no-sentiment")
    assert extracted.exit_code == 0 and "2 documents processed" in extracted.stderr
    events = rows(db_path, "SELECT * FROM events WHERE document_id = ?", doc["id"])
    assert [(e["type"], e["company"], e["amount_usd"]) for e in events] == [("debt", "Oracle", 18e9)]
    again = run_process(write_config(), db_path, *args)
    assert f"{path}: 0 new, 1 unchanged" in again.stderr.splitlines() and count(db_path) == 2


# -- 4. size -------------------------------------------------------------------------------


def test_a_50_mb_file_is_refused_and_the_good_file_beside_it_stored(tmp_path, run_cli, db_path, good):
    big = tmp_path / "big.txt"
    line = b"Oracle priced $18 billion of senior notes "
    chunk = (line * ((1 << 20) // len(line) + 1))[: 1 << 20]
    with big.open("wb") as f:
        for _ in range(50):
            f.write(chunk)
    assert big.stat().st_size == 52_428_800
    other = tmp_path / "meta.txt"
    other.write_text("Meta capex\n\nMeta plans to spend $65 billion on capital expenditures in 2025.\n", encoding="utf-8")
    for expected in ("1 new", "0 new, 1 unchanged"):
        result = run_cli("ingest", str(big), str(other))
        assert result.exit_code == 1
        assert input_line(result, big) == f"Error: {big}: file too large (52428800 bytes > 50000000)"
        assert input_line(result, other) == f"{other}: {expected}"
        assert_good_kept(db_path, good, 2)


@pytest.fixture
def five_mb_line(tmp_path: Path) -> Path:
    path = tmp_path / "line.txt"
    line = b"Oracle priced $18 billion of senior notes "
    path.write_bytes((line * (5_000_000 // len(line) + 1))[:5_000_000])
    return path


def test_a_5_mb_line_without_full_stops_gives_capped_events(five_mb_line, run_cli, db_path, good):
    assert ingest_hostile(run_cli, db_path, good, five_mb_line) == 1
    extracted = run_cli("extract", "--no-sentiment")
    assert extracted.exit_code == 0 and "3 documents processed" in extracted.stderr, extracted.stderr
    doc = doc_by_url(db_path, five_mb_line.resolve().as_uri())
    assert doc["title"] is None and doc["text"] == five_mb_line.read_text(encoding="utf-8").strip()
    n = count_events(db_path, doc["id"])
    assert 1 <= n <= MAX_EVENTS
    good_doc = doc_by_url(db_path, good.resolve().as_uri())
    assert [e["amount_usd"] for e in rows(db_path, "SELECT * FROM events WHERE document_id = ?", good_doc["id"])] == [25e9]
    assert "0 documents processed" in run_cli("extract", "--no-sentiment").stderr


def count_events(db: Path, doc_id: str) -> int:
    return rows(db, "SELECT COUNT(*) AS n FROM events WHERE document_id = ?", doc_id)[0]["n"]


def test_extract_stores_every_event_it_reports_for_a_line_without_full_stops(tmp_path, run_cli, db_path, good):
    path = tmp_path / "repeat.txt"  # a small cut of the 5 MB line: one amount, repeated in one sentence
    path.write_text("Bond wire\n\n" + "Oracle sold $18 billion of bonds " * 20 + "\n", encoding="utf-8")
    assert run_cli("ingest", str(path)).exit_code == 0
    extracted = run_cli("extract", "--no-sentiment")
    reported = int(re.search(r"(\d+) events", extracted.stderr).group(1))
    assert count(db_path, "events") == reported, f"{reported} events reported, {count(db_path, 'events')} stored"


# -- 5. broken and legacy encodings ------------------------------------------------------------

CAFE = "Nestlé said the café business is growing. " * 50


def mixed_utf8(kind: str) -> tuple[str, bytes]:
    """UTF-8 text with many good accents and a few invalid bytes in the middle."""
    broken = b" Broken \xff\xfe bytes. "
    if kind == "txt":
        return "cafe.txt", ("Nestlé café\n\n" + CAFE).encode() + broken + "The café opened.\n".encode()
    if kind == "html":
        return "cafe.html", (f"<html><head><title>Nestlé café</title></head><body><article><p>{CAFE}").encode() \
            + broken + "The café opened.</p></article></body></html>".encode()
    if kind == "rss":
        return "cafe.rss", rss([("Nestlé café", "https://hostile.example.org/cafe", CAFE)]).replace(
            b"growing. </description>", b"growing." + broken + b"</description>")
    return "cafe.json", json.dumps({"items": [{"id": "cafe", "url": "https://hostile.example.org/cafe-json",
                                               "title": "Nestlé café", "content_text": CAFE}]},
                                   ensure_ascii=False).encode().replace(b"growing. \"", b"growing." + broken + b"\"")


@pytest.mark.parametrize("kind", ["txt", "html", "rss", "json"])
def test_invalid_utf8_bytes_do_not_turn_the_text_into_mojibake(kind, tmp_path, run_cli, db_path, good):
    name, body = mixed_utf8(kind)
    assert b"\xff\xfe" in body
    path = tmp_path / name
    path.write_bytes(body)
    stored = ingest_hostile(run_cli, db_path, good, path)
    if kind == "json" and stored is None:  # JSON must be UTF-8: a clean refusal is fine too
        assert input_line(run_cli("ingest", str(path)), path).startswith(f"Error: {path}: malformed JSON: ")
        return
    assert stored == 1
    (doc,) = [d for d in rows(db_path, "SELECT * FROM documents") if "Nestl" in d["text"]]
    assert doc["title"] == "Nestlé café"
    assert doc["text"].count("café") >= 50 and "Ã" not in doc["text"]


@pytest.mark.parametrize("suffix", ["txt", "html"])
def test_a_latin1_file_decodes(suffix, tmp_path, run_cli, db_path, good):
    text = "Nestlé café report\n\nThe café in Zürich sold crème brûlée for 5 francs; Nestlé paid €18 million."
    path = tmp_path / f"latin1.{suffix}"
    body = text if suffix == "txt" else f"<html><head><title>Nestlé café report</title></head><body><p>{text}</p></body></html>"
    path.write_bytes(body.encode("cp1252"))
    assert ingest_hostile(run_cli, db_path, good, path) == 1
    doc = doc_by_url(db_path, path.resolve().as_uri())
    assert doc["title"] == "Nestlé café report"
    assert "crème brûlée" in doc["text"] and "€18 million" in doc["text"] and "Ã" not in doc["text"]


# -- 6. NUL bytes, control characters, lone surrogates, wrong JSON types ------------------------

NUL_INPUTS = {
    "txt": ("nul.txt", b"Oracle\x00 notes\n\nOracle sold $18 billion\x00 of bonds.\x00\n", "Oracle notes"),
    "rss title": ("nul.rss", rss([("Oracle\x00 sells bonds", "https://hostile.example.org/nul", SENTENCE)]),
                  "Oracle sells bonds"),
    "rss character reference": ("ref.rss", rss([("Oracle&#0; sells&#x1; bonds", "https://hostile.example.org/ref",
                                                 SENTENCE)]), "Oracle sells bonds"),
    "html body": ("nulbody.html", b"<html><head><title>Oracle bonds</title></head><body><p>Oracle sold $18\x00 billion "
                                  b"of bonds in a sale that drew orders of about $88 billion from investors.</p></body></html>",
                  "Oracle bonds"),
    "html charset": ("nulmeta.html", b'<html><head><meta charset=\x00"utf-8"><title>Oracle bonds</title></head><body>'
                                     b"<p>Oracle sold $18 billion of bonds in a sale that drew orders of about $88 billion "
                                     b"from investors.</p></body></html>", "Oracle bonds"),
    "json title": ("nul.json", b'{"items": [{"id": "n1", "url": "https://hostile.example.org/j", '
                               b'"title": "Oracle\\u0000 sells bonds", "content_text": "Oracle sold $18 billion of bonds."}]}',
                   "Oracle sells bonds"),
    "json surrogate title": ("sur.json", b'{"items": [{"id": "s1", "url": "https://hostile.example.org/s", '
                                         b'"title": "Oracle \\ud800sells bonds", "content_text": "x \\udfff y"}]}',
                             "Oracle sells bonds"),
    "json surrogate id": ("sid.json", b'{"items": [{"id": "\\ud800-id", "title": "Oracle sells bonds", '
                                      b'"content_text": "Oracle sold $18 billion of bonds."}]}', "Oracle sells bonds"),
}


def assert_clean(value: object) -> None:
    if isinstance(value, str):
        assert "\x00" not in value and not SURROGATES.search(value), repr(value)[:200]
        if value[:1] in "[{":
            try:
                assert_clean(json.loads(value))  # a JSON column holds no escaped surrogate either
            except ValueError:
                pass
    elif isinstance(value, dict):
        for k, v in value.items():
            assert_clean(k)
            assert_clean(v)
    elif isinstance(value, list):
        for v in value:
            assert_clean(v)


@pytest.mark.parametrize("case", list(NUL_INPUTS))
def test_nul_bytes_and_lone_surrogates_are_dropped_not_stored(case, tmp_path, run_cli, db_path, good):
    name, body, title = NUL_INPUTS[case]
    path = tmp_path / name
    path.write_bytes(body)
    assert ingest_hostile(run_cli, db_path, good, path) == 1
    assert title in {d["title"] for d in rows(db_path, "SELECT title FROM documents")}
    for table in ("documents", "document_links", "events"):
        for row in rows(db_path, f"SELECT * FROM {table}"):
            assert_clean(row)
    assert run_cli("extract", "--no-sentiment").exit_code == 0


def test_a_file_of_mostly_nul_bytes_is_refused_as_binary(tmp_path, run_cli, db_path, good):
    path = tmp_path / "zeros.txt"
    path.write_bytes(b"Oracle" + b"\x00" * 5000 + b"bonds")
    assert ingest_hostile(run_cli, db_path, good, path) is None
    assert input_line(run_cli("ingest", str(path)), path) == f"Error: {path}: binary content, not text"


@pytest.mark.parametrize("item", [
    {"id": "t1", "url": 5, "title": SENTENCE},
    {"id": "t2", "url": "https://hostile.example.org/t2", "title": SENTENCE, "summary": ["a", "list"]},
    {"id": "t3", "url": "https://hostile.example.org/t3", "title": SENTENCE, "content_text": 42},
    {"id": "t4", "url": ["https://hostile.example.org/t4"], "title": {"not": "text"}, "content_html": {"x": 1}},
], ids=["number url", "list summary", "number text", "list url and object title"])
def test_a_json_feed_with_wrongly_typed_fields_costs_only_that_file(item, tmp_path, run_cli, db_path, good):
    path = tmp_path / "typed.json"
    path.write_text(json.dumps({"items": [item]}), encoding="utf-8")
    ingest_hostile(run_cli, db_path, good, path)
    for doc in rows(db_path, "SELECT * FROM documents"):
        assert doc["url"] is None or doc["url"].startswith(("https://", "file://")), doc["url"]


# -- 7. CR/LF in a title -------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["&#13;&#10;", "&#13;", "&#10;"], ids=["CRLF", "CR", "LF"])
def test_a_title_with_a_line_break_and_a_header_stays_data(separator, tmp_path, run_cli, db_path, good):
    path = tmp_path / "bcc.rss"
    path.write_bytes(rss([(f"Oracle sold $18 billion of bonds{separator}Bcc: victim@example.org",
                           "https://hostile.example.org/bcc", f"Oracle priced the notes.{separator}Bcc: victim@example.org")]))
    assert ingest_hostile(run_cli, db_path, good, path) == 1
    assert doc_by_url(db_path, "https://hostile.example.org/bcc")["title"].startswith("Oracle sold $18 billion of bonds")
    assert run_cli("extract", "--no-sentiment").exit_code == 0
    preview = tmp_path / "out.html"
    digest = run_cli("digest", "--since", "2000-01-01", "--until", "2100-01-01", "--preview", str(preview), "--text")
    assert digest.exit_code == 0, digest.output
    assert "Oracle: debt $18B" in digest.stdout  # the event is in the digest
    header_like = [line for line in digest.stdout.splitlines() if re.match(r"\s*[\"“]?Bcc:", line)]
    assert header_like == [], header_like
    assert "Bcc:" not in preview.read_text(encoding="utf-8").split("<body", 1)[0]  # not in <title> or <head>


# -- 8. markup in titles and summaries -------------------------------------------------------------

SCRIPT, IMG = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
MARKUP_INPUTS = {
    "rss escaped": ("x.rss", rss([(f"{ESCAPED}Amazon sold $15 billion of bonds &lt;img src=x onerror=alert(1)&gt;",
                                   "https://hostile.example.org/xss",
                                   f"{ESCAPED}Amazon sold $15 billion of bonds. &lt;img src=x onerror=alert(1)&gt;")])),
    "rss cdata": ("c.rss", rss([(f"<![CDATA[{SCRIPT}Amazon sold $15 billion of bonds {IMG}]]>",
                                 "https://hostile.example.org/cdata",
                                 f"<![CDATA[<p>Amazon sold $15 billion of bonds.</p>{SCRIPT}{IMG}]]>")])),
    "json feed": ("x.json", json.dumps({"items": [{
        "id": "x1", "url": "https://hostile.example.org/json", "title": f"{SCRIPT}Amazon sold $15 billion of bonds {IMG}",
        "content_html": f"<p>Amazon sold $15 billion of bonds.</p>{SCRIPT}{IMG}"}]}).encode()),
    "plain text": ("x.txt", f"Amazon bonds\n\nAmazon sold $15 billion of bonds {SCRIPT} {IMG} today.\n".encode()),
    "javascript link": ("j.rss", rss([("Amazon sold $15 billion of bonds", "javascript:alert(1)",
                                       "Amazon sold $15 billion of bonds.")])),
}


@pytest.mark.parametrize("case", list(MARKUP_INPUTS))
def test_markup_in_a_document_reaches_the_digest_escaped(case, tmp_path, run_cli, db_path, good):
    name, body = MARKUP_INPUTS[case]
    path = tmp_path / name
    path.write_bytes(body)
    assert ingest_hostile(run_cli, db_path, good, path) == 1
    assert run_cli("extract", "--no-sentiment").exit_code == 0
    preview = tmp_path / "out.html"
    result = run_cli("digest", "--since", "2000-01-01", "--until", "2100-01-01", "--preview", str(preview))
    assert result.exit_code == 0, result.output
    html = preview.read_text(encoding="utf-8")
    assert "Amazon" in html and "$15B" in html  # the hostile document's event is in the digest
    assert "<script" not in html.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", html, re.I)
    assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", html, re.I)
    if case == "plain text":  # kept as text, shown escaped
        assert ESCAPED in html


# -- 9 and 10. queries and filters ---------------------------------------------------------------


@pytest.fixture(scope="module")
def populated(tmp_path_factory) -> tuple[Path, Path]:
    """A configuration (with alert rules) and a database with documents and events, built once."""
    base = tmp_path_factory.mktemp("populated")
    config = base / "feeds.yaml"
    stdout = [{"type": "stdout"}]
    config.write_text(json.dumps({
        "http": {"user_agent": UA, "retries": 0, "timeout": 5},
        "sources": [{"name": "wire", "url": "http://127.0.0.1:9/wire.xml"}],
        "companies": COMPANIES,
        "alerts": [{"name": "any-debt", "types": ["debt"], "channels": stdout},
                   {"name": "percent", "companies": ["%"], "channels": stdout},
                   {"name": "injection", "companies": ["'; DROP TABLE documents; --"], "channels": stdout}],
    }), encoding="utf-8")
    (base / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (base / "wire.rss").write_bytes(WIRE_FEED)
    db = base / "monitor.db"
    assert invoke(config, db, "ingest", str(base / "good.txt"), str(base / "wire.rss")).exit_code == 0
    assert invoke(config, db, "extract", "--no-sentiment").exit_code == 0
    assert count(db) == 3 and count(db, "events") >= 3
    return config, db


@pytest.fixture
def copy(populated, tmp_path) -> tuple[Path, Path, dict[str, int]]:
    config, db = populated
    target = tmp_path / "copy.db"
    shutil.copy(db, target)
    return config, target, {"documents": count(target), "events": count(target, "events")}


def assert_intact(db: Path, counts: dict[str, int]) -> None:
    assert {t: count(db, t) for t in counts} == counts
    assert rows(db, "SELECT COUNT(*) AS n FROM documents_fts WHERE documents_fts MATCH 'capex'")[0]["n"] >= 1


BAD_FTS = ['"bond', "bond AND", "NEAR(", "*", ")", "a OR OR b", "col:", "(bond", "NOT", "bond NEAR/", '"a" "b',
           "^", "'", "AND OR", "NEAR(bond capex, x)"]


@pytest.mark.parametrize("command", ["search", "events --query"])
@pytest.mark.parametrize("query", BAD_FTS)
def test_a_malformed_full_text_query_is_one_error_line(query, command, copy):
    config, db, counts = copy
    args = ["search", "--", query] if command == "search" else ["events", "--query", query]
    result = invoke(config, db, *args)
    assert result.exit_code == 1 and "Traceback" not in result.output and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: bad search query {query!r}: "), result.stderr
    assert_intact(db, counts)
    assert json.loads(invoke(config, db, "search", "capex", "--json").stdout)  # the index still answers


SQL_VALUES = ["'; DROP TABLE documents; --", '" OR 1=1 --', "%", "_", "\\", "Robert'); DROP TABLE events;--"]
FILTERED = {  # command words, arguments placed before the option under test
    "events": (["events"], []),
    "search": (["search"], ["capex"]),
    "sources": (["sources"], []),
    "alerts test": (["alerts", "test"], ["any-debt"]),
    "tone": (["tone"], []),
}


def filter_options(words: list[str]) -> list[click.Option]:
    command: click.Command = cli
    for w in words:
        command = command.commands[w]  # type: ignore[attr-defined]
    return [p for p in command.params
            if isinstance(p, click.Option) and not p.is_flag and not p.hidden and p.name != "help"]


def check_filtered(config: Path, db: Path, counts: dict[str, int], words: list[str], rest: list[str],
                   sources: bool = False) -> None:
    args = [*words, "--json", *rest]
    result = invoke(config, db, *args)
    assert "Traceback" not in result.output, result.output
    if result.exit_code == 0:
        found = json.loads(result.stdout)
        if sources:
            assert [r["name"] for r in found] == ["wire"]
        else:
            assert found == [], f"{args} matched {len(found)} rows"
    else:
        assert result.exit_code in (1, 2), (args, result.exit_code)
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1 and result.stdout == "", (args, result.output)
    assert_intact(db, counts)


@pytest.mark.parametrize("command", list(FILTERED))
@pytest.mark.parametrize("value", SQL_VALUES)
def test_sql_metacharacters_in_every_filter_are_data(value, command, copy):
    config, db, counts = copy
    words, before = FILTERED[command]
    options = filter_options(words)
    assert options, command
    for option in options:
        check_filtered(config, db, counts, words, [*before, option.opts[0], value], sources=command == "sources")
    if command in ("search", "alerts test"):  # the positional argument too
        check_filtered(config, db, counts, words, ["--", value])


@pytest.mark.parametrize("rule", ["percent", "injection"])
def test_an_alert_rule_with_sql_in_its_companies_matches_nothing(rule, copy):
    config, db, counts = copy
    assert json.loads(invoke(config, db, "alerts", "test", "any-debt", "--since", "2000-01-01", "--json").stdout)
    result = invoke(config, db, "alerts", "test", rule, "--since", "2000-01-01", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == [], result.output
    assert_intact(db, counts)


def test_a_company_filter_of_percent_does_not_match_every_company(copy):
    config, db, counts = copy
    everything = json.loads(invoke(config, db, "events", "--json").stdout)
    assert len({e["company"] for e in everything}) >= 2
    for value in ("%", "_%", "%racl%", "%%"):  # no such company: a usage error naming it, no rows
        result = invoke(config, db, "events", "--company", value, "--json")
        assert result.exit_code == 2 and f"no company {value!r}" in result.stderr and result.stdout == ""
    assert {e["company"] for e in json.loads(invoke(config, db, "events", "--company", "oracle", "--json").stdout)} == {"Oracle"}


# -- 11. paths -----------------------------------------------------------------------------


def test_a_path_through_dotdot_is_the_same_document(tmp_path, run_cli, db_path, good):
    (tmp_path / "elsewhere").mkdir()
    for path in (f"{good.parent}/../good/{good.name}", f"{tmp_path}/elsewhere/../good/{good.name}"):
        result = assert_again_stores_nothing(lambda path=path: run_cli("ingest", path), db_path)
        assert result.exit_code == 0 and input_line(result, path) == f"{path}: 0 new, 1 unchanged"
        assert_good_kept(db_path, good, 1)


def test_a_link_out_of_an_ingested_directory_is_refused(tmp_path, secret, run_cli, db_path, good):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Amazon capex\n\nAmazon will spend $100 billion on capex in 2025.\n", encoding="utf-8")
    (inbox / "b.txt").write_text("Meta capex\n\nMeta plans to spend $65 billion on capex in 2025.\n", encoding="utf-8")
    (inbox / "leak.txt").symlink_to(secret)
    (inbox / "up.txt").symlink_to(Path("..") / "private" / secret.name)  # relative, through ..
    (inbox / "inside.txt").symlink_to(inbox / "a.txt")  # a link within the directory is fine
    for expected in ("1 new", "0 new, 1 unchanged"):
        result = run_cli("ingest", str(inbox))
        assert result.exit_code == 1
        for name in ("a.txt", "b.txt"):
            assert input_line(result, inbox / name) == f"{inbox / name}: {expected}"
        for name in ("leak.txt", "up.txt"):
            line = input_line(result, inbox / name)
            assert line.startswith(f"Error: {inbox / name}: ") and "outside" in line, line
        assert new_count(result, inbox / "inside.txt") == 0
        assert_good_kept(db_path, good, 3)
        assert not any(MARKER in v for v in stored_strings(db_path))


def unblock(path: Path, opened: threading.Event) -> None:
    """Give a reader blocked on a FIFO end-of-file, so that a test reading one fails, never hangs."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return  # nobody is reading it
    opened.set()
    os.close(fd)


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_fifo_or_a_device_is_refused_without_reading_it(special, tmp_path, run_cli, db_path, good):
    if special == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
    else:
        path = Path(special)
        if not path.exists():
            pytest.skip("no /dev/zero here")
    opened = threading.Event()
    watchdog = threading.Timer(15, unblock, [path, opened]) if special == "fifo" else None
    if watchdog:
        watchdog.start()
    try:
        stored = ingest_hostile(run_cli, db_path, good, path)
    finally:
        if watchdog:
            watchdog.cancel()
    assert not opened.is_set(), "ingest opened the FIFO and waited for a writer"
    assert stored is None
    assert input_line(run_cli("ingest", str(path)), path) == f"Error: {path}: not a regular file"


def test_a_fifo_inside_an_ingested_directory_is_not_read(tmp_path, run_cli, db_path, good):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "a.txt").write_text("Amazon capex\n\nAmazon will spend $100 billion on capex in 2025.\n", encoding="utf-8")
    opened = threading.Event()
    timer = threading.Timer(15, unblock, [inbox / "pipe.txt", opened])
    timer.start()
    try:
        result = run_cli("ingest", str(inbox))
    finally:
        timer.cancel()
    assert not opened.is_set(), "ingest opened the FIFO and waited for a writer"
    assert input_line(result, inbox / "a.txt") == f"{inbox / 'a.txt'}: 1 new"
    pipe = [line for line in result.stderr.splitlines() if "pipe.txt" in line]
    assert pipe in ([], [f"Error: {inbox / 'pipe.txt'}: not a regular file"]), result.stderr
    assert result.exit_code == (1 if pipe else 0)
    assert_good_kept(db_path, good, 2)
