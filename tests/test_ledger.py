"""The money trail: XBRL company facts served on 127.0.0.1, `monitor run`, then `monitor ledger`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from werkzeug import Response

from monitor.collect.xbrl import parse_company_facts
from monitor.config import parse_config
from monitor.ledger import Calendar, _other_spelling, fiscal_label, outcome
from monitor.models import Document, Event
from monitor.store import Store
from tests.conftest import FIXTURES

ALPHABET_CIK, NVIDIA_CIK = 1652044, 1045810
XBRL = FIXTURES / "xbrl"


@pytest.fixture
def sec(httpserver):
    """data.sec.gov's company-facts API for Alphabet and NVIDIA, with ETags; `bodies` can be
    changed by a test (a restatement), `seen` records requests and their validators."""
    httpserver.seen = []
    httpserver.bodies = {
        ALPHABET_CIK: (XBRL / "alphabet_companyfacts.json").read_bytes(),
        NVIDIA_CIK: (XBRL / "nvidia_companyfacts.json").read_bytes(),
    }

    def serve(cik: int):
        def handler(request):
            body = httpserver.bodies[cik]
            etag = f'"{cik}-{len(body)}"'
            httpserver.seen.append((request.path, request.headers.get("If-None-Match"), request.headers.get("User-Agent")))
            if request.headers.get("If-None-Match") == etag:
                return Response(status=304)
            return Response(body, content_type="application/json", headers={"ETag": etag})
        return handler

    for cik in httpserver.bodies:
        httpserver.expect_request(f"/api/xbrl/companyfacts/CIK{cik:010d}.json").respond_with_handler(serve(cik))
    return httpserver


@pytest.fixture
def config_path(sec, write_config):
    return write_config({
        "edgar": {"data_url": sec.url_for("/")},
        "sources": [
            {"name": "facts-alphabet", "type": "facts", "cik": ALPHABET_CIK, "company": "Alphabet"},
            {"name": "facts-nvidia", "type": "facts", "cik": NVIDIA_CIK, "company": "Nvidia"},
        ],
    })


def ledger(run_cli, config_path, *args: str) -> list[dict]:
    result = run_cli("ledger", *args, "--json", config=config_path)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_period(rows: list[dict]) -> dict[str, dict]:
    return {r["period"]: r for r in rows}


def test_run_then_ledger_gives_alphabets_reported_quarters(run_cli, config_path, sec, db_path):
    result = run_cli("run", config=config_path)
    assert result.exit_code == 0, result.output
    assert "facts-alphabet: ok" in result.stderr and "new facts" in result.stderr

    rows = by_period(ledger(run_cli, config_path, "--company", "Alphabet", "--by", "quarter"))
    q1 = rows["Q1 2026"]
    assert (q1["period_start"], q1["period_end"]) == ("2026-01-01", "2026-03-31")
    assert q1["capex_usd"] == 35_674_000_000
    assert q1["operating_cash_flow_usd"] == 45_790_000_000
    assert q1["debt_issued_usd"] == 31_379_000_000
    assert q1["free_cash_flow_usd"] == 45_790_000_000 - 35_674_000_000
    assert q1["sources"] == ["0001652044-26-000048"]
    # The fourth quarter: the 10-K's year ($91.447B) less the nine months ($63.596B).
    q4 = rows["Q4 2025"]
    assert q4["capex_usd"] == 91_447_000_000 - 63_596_000_000 == 27_851_000_000
    assert (q4["period_start"], q4["period_end"]) == ("2025-10-01", "2025-12-31")
    assert set(q4["sources"]) == {"0001652044-26-000018", "0001652044-25-000091"}
    # Q2 from six months less three: 39.643 - 17.197.
    assert rows["Q2 2025"]["capex_usd"] == 22_446_000_000
    # Missing from the filings stays null, never 0: the fixture has no repayments after 2017.
    assert q1["debt_repaid_usd"] is None and q1["net_borrowing_usd"] is None and q1["debt_funded_share"] is None
    # Every field the issue names is there.
    for key in ("company", "period", "period_start", "period_end", "capex_usd", "operating_cash_flow_usd",
                "free_cash_flow_usd", "debt_issued_usd", "debt_repaid_usd", "net_borrowing_usd",
                "shareholder_returns_usd", "funding_gap_usd", "debt_funded_share", "capex_guidance_low_usd",
                "capex_guidance_high_usd", "debt_events", "sources"):
        assert key in q1
    years = by_period(ledger(run_cli, config_path, "--company", "GOOGL", "--by", "year"))
    assert years["2025"]["capex_usd"] == 91_447_000_000
    assert "FY2025" not in years


def test_nvidia_quarters_are_fiscal_and_capex_crosses_the_change_of_tag(run_cli, config_path):
    assert run_cli("run", config=config_path).exit_code == 0
    rows = by_period(ledger(run_cli, config_path, "--company", "NVDA"))
    q1 = rows["Q1 FY2027"]
    assert (q1["period_start"], q1["period_end"]) == ("2026-01-26", "2026-04-26")
    assert q1["capex_usd"] == 1_757_000_000
    assert rows["Q4 FY2026"]["capex_usd"] == 6_042_000_000 - 4_758_000_000
    assert "Q1 2026" not in rows
    # FY2021: Q1 and Q2 reported as PaymentsToAcquirePropertyPlantAndEquipment, Q3 (nine months
    # less six, both under the new tag) as PaymentsToAcquireProductiveAssets.
    assert rows["Q2 FY2021"]["concepts"]["capex"] == "PaymentsToAcquirePropertyPlantAndEquipment"
    assert rows["Q2 FY2021"]["capex_usd"] == 372_000_000 - 155_000_000
    assert rows["Q3 FY2021"]["concepts"]["capex"] == "PaymentsToAcquireProductiveAssets"
    assert rows["Q3 FY2021"]["capex_usd"] == 845_000_000 - 372_000_000
    recent = [r for r in rows.values() if r["period_end"] >= "2023-01-30"]
    assert len(recent) == 13 and all(r["capex_usd"] is not None and r["capex_usd"] > 0 for r in recent)
    years = by_period(ledger(run_cli, config_path, "--company", "Nvidia", "--by", "year"))
    assert years["FY2026"]["capex_usd"] == 6_042_000_000
    assert years["FY2026"]["period_end"] == "2026-01-25"


def test_a_re_poll_stores_nothing_twice_and_a_restatement_supersedes(run_cli, config_path, sec, db_path):
    assert run_cli("run", config=config_path).exit_code == 0
    with Store(db_path) as store:
        first = store.db.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    assert first > 1000
    again = run_cli("run", config=config_path)
    assert again.exit_code == 0
    assert "not modified" in again.stderr
    validators = [v for path, v, _ in sec.seen if "1652044" in path]
    assert validators[0] is None and validators[-1] is not None  # conditional GET on the re-poll
    assert all("tests@example.org" in ua for _, _, ua in sec.seen)

    data = json.loads(sec.bodies[ALPHABET_CIK])
    capex = data["facts"]["us-gaap"]["PaymentsToAcquirePropertyPlantAndEquipment"]["units"]["USD"]
    capex.append({"start": "2026-01-01", "end": "2026-03-31", "val": 36_000_000_000, "accn": "0001652044-26-000099",
                  "fy": 2026, "fp": "Q1", "form": "10-Q/A", "filed": "2026-06-15"})
    sec.bodies[ALPHABET_CIK] = json.dumps(data).encode()
    assert run_cli("run", config=config_path).exit_code == 0
    with Store(db_path) as store:
        assert store.db.execute("SELECT COUNT(*) FROM facts").fetchone()[0] == first + 1
        kept = store.db.execute(
            "SELECT accession, value, current FROM facts WHERE cik = ? AND concept = ? AND period_start = ? "
            "AND period_end = ? ORDER BY filed", [ALPHABET_CIK, "PaymentsToAcquirePropertyPlantAndEquipment",
                                                   "2026-01-01", "2026-03-31"]).fetchall()
    assert kept == [("0001652044-26-000048", 35_674_000_000, 0), ("0001652044-26-000099", 36_000_000_000, 1)]
    q1 = by_period(ledger(run_cli, config_path, "--company", "Alphabet"))["Q1 2026"]
    assert q1["capex_usd"] == 36_000_000_000
    assert "0001652044-26-000099" in q1["sources"]


def test_bad_facts_are_one_line_and_the_run_goes_on(run_cli, sec, write_config):
    sec.expect_request("/api/xbrl/companyfacts/CIK0000000001.json").respond_with_data("<html>oops</html>")
    path = write_config({
        "edgar": {"data_url": sec.url_for("/")},
        "sources": [
            {"name": "facts-broken", "type": "facts", "cik": 1},
            {"name": "facts-alphabet", "type": "facts", "cik": ALPHABET_CIK},
        ],
    })
    result = run_cli("run", config=path)
    assert "FAILED  facts-broken: malformed company-facts JSON" in result.stderr
    assert "facts-alphabet: ok" in result.stderr
    rows = ledger(run_cli, path, "--company", "Alphabet")
    assert rows and rows[-1]["period"] == "Q1 2026"


def test_the_concept_map_is_overridable_and_checked(run_cli, sec, write_config):
    path = write_config({
        "edgar": {"data_url": sec.url_for("/")},
        "sources": [{"name": "facts-alphabet", "type": "facts", "cik": ALPHABET_CIK}],
        "ledger": {"concepts": {"debt_issued": ["ProceedsFromDebtNetOfIssuanceCosts + CommercialPaperNotThere"]}},
    })
    assert run_cli("run", config=path).exit_code == 0
    q1 = by_period(ledger(run_cli, path, "--company", "Alphabet"))["Q1 2026"]
    assert q1["debt_issued_usd"] is None  # a sum counts only when every part is reported
    assert q1["capex_usd"] == 35_674_000_000  # other lines keep their defaults
    bad = write_config({"ledger": {"concepts": {"capexx": ["X"], "capex": ["Not a concept"]}}}, name="bad.yaml")
    result = run_cli("ledger", config=bad)
    assert result.exit_code == 2
    assert "ledger.concepts: capexx: unknown ledger line" in result.stderr
    assert "not a concept name" in result.stderr


def test_fiscal_labels_and_calendar():
    assert fiscal_label(date(2026, 12, 31), 1) == "Q1 2026"
    assert fiscal_label(date(2027, 1, 31), 1) == "Q1 FY2027"
    assert fiscal_label(date(2026, 1, 25), None) == "FY2026"
    assert fiscal_label(date(2025, 9, 27), 4) == "Q4 FY2025"  # Apple
    assert fiscal_label(date(2026, 1, 2), None) == "2025"  # a 53-week calendar year
    assert [_other_spelling(x) for x in ("2026", "FY2026", "Q1 FY2027", "Q3 2025")] == [
        "FY2026", "2026", "Q1 2027", "Q3 FY2025"]
    facts = [f.to_dict() | {"period_start": f.start, "period_end": f.end}
             for f in parse_company_facts((XBRL / "nvidia_companyfacts.json").read_bytes(),
                                          {"PaymentsToAcquireProductiveAssets"})]
    cal = Calendar.of(facts)
    assert cal.ends["2025-01-27"] == {1: "2025-04-27", 2: "2025-07-27", 3: "2025-10-26", 4: "2026-01-25"}
    assert cal.ends["2026-01-26"] == {1: "2026-04-26"}  # the year after the 10-K's starts the day after it


def _store_event(store: Store, doc_id: str, published: str, sentence: str, **fields) -> None:
    doc = Document(id=doc_id, source="test", kind="news", text=sentence, title=sentence[:40], url=f"https://example.org/{doc_id}",
                   published=published, company=fields.get("company"))
    store.upsert_document(doc)
    ev = Event(sentence=sentence, start=0, end=len(sentence), document_id=doc_id, confidence=0.9, **fields)
    store.replace_events(doc, [ev], version="test")


def test_guidance_against_the_outcome_and_news_only_companies(run_cli, config_path, db_path):
    assert run_cli("run", config=config_path).exit_code == 0
    with Store(db_path) as store:
        _store_event(store, "g1", "2025-02-04T21:00:00+00:00",
                     "Alphabet expects to invest approximately $75 billion in capital expenditures in 2025.",
                     type="capex", company="Alphabet", ticker="GOOGL", amount_usd=75e9, period="2025", status="guidance")
        _store_event(store, "g2", "2025-07-23T21:00:00+00:00",
                     "Alphabet raised its 2025 capital expenditures forecast to $85 billion.",
                     type="capex", company="Alphabet", ticker="GOOGL", amount_usd=85e9, period="2025", status="guidance")
        _store_event(store, "d1", "2025-11-03T12:00:00+00:00",
                     "Alphabet sold $17.5 billion of bonds in the US.",
                     type="debt", company="Alphabet", ticker="GOOGL", amount_usd=17.5e9, status="priced", instrument="bonds")
        _store_event(store, "x1", "2025-09-10T12:00:00+00:00",
                     "SpaceX raised $2 billion through a term loan.",
                     type="debt", company="SpaceX", amount_usd=2e9, status="completed", instrument="term loan")
    years = by_period(ledger(run_cli, config_path, "--company", "Alphabet", "--by", "year"))
    y = years["2025"]
    assert (y["capex_guidance_low_usd"], y["capex_guidance_high_usd"]) == (85e9, 85e9)  # the latest guidance
    assert outcome(y) == "above"  # $91.4B reported against about $85B
    quarters = by_period(ledger(run_cli, config_path, "--company", "Alphabet"))
    deals = quarters["Q4 2025"]["debt_events"]
    assert [(d["amount_usd"], d["instrument"]) for d in deals] == [(17.5e9, "bonds")]
    assert deals[0]["evidence"].startswith("Alphabet sold $17.5 billion")
    guided = run_cli("ledger", "--company", "Alphabet", "--by", "year", "--guidance", "--json", config=config_path)
    g = json.loads(guided.stdout)
    assert [(x["period"], x["outcome"], x["reported_usd"]) for x in g] == [("2025", "above", 91_447_000_000)]
    spacex = ledger(run_cli, config_path, "--company", "SpaceX")
    assert [(r["period"], r["basis"], r["debt_issued_usd"], r["capex_usd"]) for r in spacex] == [
        ("Q3 2025", "news", 2e9, None)]
    table = run_cli("ledger", "--company", "Alphabet", "--by", "year", config=config_path)
    assert "$91.45B" in table.stdout and "$85B" in table.stdout
    csv_out = run_cli("ledger", "--company", "SpaceX", "--csv", config=config_path).stdout
    assert csv_out.splitlines()[0].startswith("company,cik,basis,period")


def test_chart_png_and_svg(run_cli, config_path, tmp_path: Path):
    assert run_cli("run", config=config_path).exit_code == 0
    png, svg = tmp_path / "alphabet.png", tmp_path / "alphabet.svg"
    r = run_cli("ledger", "--company", "Alphabet", "--since", "2024-01-01", "--chart", str(png), config=config_path)
    assert r.exit_code == 0, r.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert run_cli("ledger", "--company", "Alphabet", "--chart", str(svg), config=config_path).exit_code == 0
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "Alphabet" in text and "<svg" in text
    bad = run_cli("ledger", "--chart", str(png), config=config_path)
    assert bad.exit_code == 2 and "exactly one --company" in bad.output


def test_parse_refuses_facts_of_another_filer():
    from monitor.collect.xbrl import FactsError

    with pytest.raises(FactsError, match="not of CIK 1"):
        parse_company_facts((XBRL / "alphabet_companyfacts.json").read_bytes(), cik=1)
    cfg = parse_config({"sources": [{"name": "f", "type": "facts", "cik": ALPHABET_CIK}]})
    assert cfg.sources[0].listing_url(cfg.edgar) == "https://data.sec.gov/api/xbrl/companyfacts/CIK0001652044.json"


def test_ledger_alert_conditions_fire_once_per_newly_reported_period(run_cli, sec, write_config, tmp_path):
    path = write_config({
        "edgar": {"data_url": sec.url_for("/")},
        "sources": [{"name": "facts-nvidia", "type": "facts", "cik": NVIDIA_CIK}],
        "alerts": [
            {"name": "capex-over-cash", "capex_exceeds_operating_cash_flow": True, "companies": ["NVDA"],
             "max_age": "100000d", "channels": [{"type": "jsonl", "path": "alerts.jsonl"}]},
            {"name": "debt-funded", "debt_funded_share_at_least": 0, "max_age": "100000d",
             "channels": [{"type": "jsonl", "path": "alerts.jsonl"}]},
            {"name": "recent-only", "capex_exceeds_operating_cash_flow": True, "channels": [{"type": "stdout"}]},
        ],
    })
    result = run_cli("run", config=path)
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    fired = sorted((x["rule"], x["target"]) for x in lines)
    assert fired == [("capex-over-cash", "ledger:Nvidia:Q1 FY2013"),
                     ("debt-funded", "ledger:Nvidia:Q4 FY2022"), ("debt-funded", "ledger:Nvidia:Q4 FY2023")]
    over = next(x for x in lines if x["rule"] == "capex-over-cash")
    assert over["matched"] == ["capex $28.92M > operating cash flow $-9.208M"]
    assert over["text"].startswith("monitor alert [capex-over-cash]: Nvidia Q1 FY2013; capex $28.92M")
    assert over["document"]["url"].endswith("-index.htm")
    assert run_cli("run", config=path).exit_code == 0  # nothing new reported: nothing fires again
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 3
    listed = run_cli("alerts", "list", "--json", config=path)
    rules = {r["rule"]: r for r in json.loads(listed.stdout)}
    assert rules["debt-funded"]["on"] == "ledger" and "debt-funded share" in rules["debt-funded"]["conditions"]
    bad = write_config({"alerts": [{"name": "x", "capex_exceeds_operating_cash_flow": True, "types": ["debt"],
                                    "digest": True}]}, name="bad.yaml")
    assert "ledger conditions cannot be combined with types" in run_cli("alerts", "list", config=bad).stderr


def test_the_digest_says_where_capex_landed_and_draws_the_ledger(run_cli, config_path, db_path, tmp_path):
    from datetime import UTC, datetime, timedelta

    with Store(db_path) as store:
        _store_event(store, "g2", "2025-07-23T21:00:00+00:00",
                     "Alphabet raised its 2025 capital expenditures forecast to $85 billion.",
                     type="capex", company="Alphabet", ticker="GOOGL", amount_usd=85e9, period="2025", status="guidance")
        recent = (datetime.now(UTC) - timedelta(hours=1)).replace(microsecond=0).isoformat()
        _store_event(store, "d9", recent, "Alphabet sold $20 billion of bonds.",
                     type="debt", company="Alphabet", ticker="GOOGL", amount_usd=20e9, status="priced", instrument="bonds")
    assert run_cli("run", config=config_path).exit_code == 0  # the actuals land today
    text = run_cli("digest", "--text", config=config_path).stdout
    assert "CAPEX REPORTED AGAINST GUIDANCE" in text
    assert "- Alphabet 2025 capex: $91.45B reported, guided $85B: above" in text
    preview = tmp_path / "digest.html"
    assert run_cli("digest", "--preview", str(preview), config=config_path).exit_code == 0
    html = preview.read_text()
    assert 'alt="Alphabet: capex, operating cash flow and debt issued per quarter' in html
    assert html.count("data:image/png;base64,") == 2  # the 90-day chart and Alphabet's ledger
    from monitor import digest
    from monitor.config import load_config

    with Store(db_path) as store:
        d = digest.build(load_config(config_path), store)
    assert set(d.images) == {"chart@monitor", "ledger0@monitor"}
    assert d.images["ledger0@monitor"][:4] == b"\x89PNG"
    # The day after, the same figures are no longer news.
    with Store(db_path) as store:
        later = digest.build(load_config(config_path), store, now=datetime.now(UTC) + timedelta(days=2))
    assert later.ledger_outcomes == []


def test_hostile_company_facts_cost_only_their_bad_values():
    from monitor.collect.xbrl import FactsError

    good = {"start": "2026-01-01", "end": "2026-03-31", "val": 5, "accn": "0000000001-26-000001", "form": "10-Q",
            "filed": "2026-04-30", "fy": 2026, "fp": "Q1"}
    bad = [{"end": "2026-13-45", "val": 1, "accn": "a"}, {"end": "2026-03-31", "val": "1", "accn": "b"},
           {"end": "2026-03-31", "val": True, "accn": "c"}, {"start": "2026-04-01", "end": "2026-03-31", "val": 1, "accn": "d"},
           {"end": "2026-03-31", "val": 1}, "not a fact", {"end": "2026-03-31", "val": 1, "accn": "e", "form": {"x": 1}}]
    body = {"cik": 1, "entityName": "X", "facts": {"us-gaap": {"PaymentsToAcquirePropertyPlantAndEquipment": {
        "units": {"USD": [good, *bad], "shares": [good]}}}, "dei": []}}
    facts = parse_company_facts(json.dumps(body).encode())
    assert [(f.accession, f.value, f.form) for f in facts] == [("0000000001-26-000001", 5.0, "10-Q"), ("e", 1.0, None)]
    with pytest.raises(FactsError, match="nested too deeply"):
        parse_company_facts(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(FactsError, match="no `facts`"):
        parse_company_facts(b'{"cik": 1}')
