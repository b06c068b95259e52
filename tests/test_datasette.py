"""Datasette for real on 127.0.0.1, reading a monitor database with our metadata."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest

from monitor.models import Document, Event
from monitor.store import Store

pytest.importorskip("datasette")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def served(run_cli, tmp_path, db_path):
    """A database with one bond sale reported by two documents, Alphabet's ledger from the
    real facts, and Datasette serving it with `monitor datasette --metadata`."""
    from monitor.collect.xbrl import parse_company_facts
    from monitor.config import Config
    from tests.test_ledger import XBRL

    with Store(db_path) as store:
        now = datetime.now(UTC).replace(microsecond=0)
        for i, when in enumerate(((now - timedelta(days=3)).isoformat(), (now - timedelta(days=2)).isoformat())):
            text = "Alphabet sold $17.5 billion of bonds in the US."
            doc = Document(id=f"d{i}", source="test", kind="news", text=text + f" Report {i}.", title=f"Bonds {i}",
                           url=f"https://example.org/{i}", published=when)
            store.upsert_document(doc)
            store.replace_events(doc, [Event(type="debt", sentence=text, start=0, end=len(text), company="Alphabet",
                                             amount_usd=17.5e9, status="priced", instrument="bonds", document_id=doc.id,
                                             confidence=0.9)], version="test")
        store.upsert_facts(parse_company_facts((XBRL / "alphabet_companyfacts.json").read_bytes(),
                                               Config().ledger.all_concepts()))
        from monitor import ledger
        from monitor.config import parse_config
        from monitor.nlp.companies import CompanyIndex
        from tests.conftest import COMPANIES

        config = parse_config({"companies": COMPANIES})
        ledger.refresh(config, store, CompanyIndex(config.companies))
    meta = tmp_path / "metadata.json"
    result = run_cli("datasette", "--metadata", str(meta))
    assert result.exit_code == 0, result.output
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(db_path), "-m", str(meta), "-h", "127.0.0.1",
                             "-p", str(port), "--setting", "sql_time_limit_ms", "5000"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(proc.stdout.read().decode()) from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_datasette_serves_canned_queries_facets_and_descriptions(served):
    base = served
    ledger = _get(f"{base}/monitor/ledger_of_company.json?company=alphabet&by=quarter&_shape=array")
    q1 = next(r for r in ledger if r["period"] == "Q1 2026")
    assert q1["capex_usd"] == 35_674_000_000 and q1["operating_cash_flow_usd"] == 45_790_000_000
    assert q1["debt_issued_usd"] == 31_379_000_000
    assert json.loads(q1["sources"]) == ["0001652044-26-000048"]
    q4 = next(r for r in ledger if r["period"] == "Q4 2025")
    assert q4["capex_usd"] == 27_851_000_000

    # One bond sale, two mentions: the consolidated view counts one event, amounts in dollars.
    events = _get(f"{base}/monitor/consolidated_events.json?_shape=objects&_facet=company")
    assert [(r["company"], r["amount"], r["mentions"], r["documents"]) for r in events["rows"]] == [
        ("Alphabet", "$17.5B", 2, 2)]
    facet = events["facet_results"]
    facet = facet.get("results", facet)  # the layout differs between Datasette versions
    assert facet["company"]["results"][0]["count"] == 1
    mentions = _get(f"{base}/monitor/events.json?_shape=objects")
    assert len(mentions["rows"]) == 2

    meta = _get(f"{base}/-/metadata.json")
    tables = meta["databases"]["monitor"]["tables"]
    assert "per EVENT" in tables["consolidated_events"]["description"]
    assert set(tables["events"]["facets"]) == {"type", "company", "status", "instrument"}
    assert {"ledger_of_company", "biggest_debt_raises", "capex_guidance_changes"} <= set(
        meta["databases"]["monitor"]["queries"])
    debt = _get(f"{base}/monitor/biggest_debt_raises.json?_shape=array")
    assert [(r["company"], r["amount"], r["instrument"], r["documents"]) for r in debt] == [
        ("Alphabet", "$17.5B", "bonds", 2)]
