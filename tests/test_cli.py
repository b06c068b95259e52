"""Every command on a temporary database, through the real CLI entry point."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES

ORACLE_PAGE = str(FIXTURES / "pages/oracle_notes.html")
WRAP_PAGE = str(FIXTURES / "pages/markets_wrap.html")


def ingest_and_extract(run_cli):
    result = run_cli("ingest", ORACLE_PAGE, WRAP_PAGE)
    assert result.exit_code == 0, result.stderr
    result = run_cli("extract")
    assert result.exit_code == 0, result.stderr
    return result


def test_help_lists_the_commands():
    out = subprocess.run([sys.executable, "-m", "monitor", "--help"], capture_output=True, text=True, check=True)
    for command in ("ingest", "collect", "extract", "run", "search", "events", "eval", "sources"):
        assert command in out.stdout


def test_help_does_not_import_heavy_libraries():
    code = "import sys; from monitor.cli import cli; print(any(m in sys.modules for m in ('spacy', 'torch', 'transformers')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_ingest_is_idempotent(run_cli):
    first = run_cli("ingest", ORACLE_PAGE)
    assert first.exit_code == 0 and "1 new" in first.stderr
    second = run_cli("ingest", ORACLE_PAGE)
    assert second.exit_code == 0 and "1 unchanged" in second.stderr


def test_ingest_reports_bad_inputs_and_keeps_going(run_cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run_cli("ingest", str(empty), ORACLE_PAGE, str(tmp_path / "missing.html"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 2 and "empty.txt: empty file" in errors[0] and "missing.html" in errors[1]
    assert "1 new" in result.stderr


def test_ingest_with_company_and_kind(run_cli, tmp_path):
    path = tmp_path / "remarks.txt"
    path.write_text("Prepared remarks\n\nWe spent $580 million on growth capex in the fourth quarter.\n")
    assert run_cli("ingest", str(path), "--kind", "transcript", "--company", "DLR").exit_code == 0
    run_cli("extract")
    rows = json.loads(run_cli("events", "--json").stdout)
    assert [(r["company"], r["ticker"], r["amount_usd"], r["document_kind"]) for r in rows] == [
        ("Digital Realty", "DLR", 580e6, "transcript")]


def test_a_filer_given_in_ordinary_case_keeps_that_name(run_cli, tmp_path):
    # Flex's 10-Q (the twenty-fifth audit): the SEC writes "FLEX LTD.", a short name kept in capitals
    path = tmp_path / "flex-10q.txt"
    path.write_text("In March 2025, the Company entered into a $500 million Delayed Draw Term Loan agreement.\n")
    assert run_cli("ingest", str(path), "--kind", "filing", "--company", "Flex Ltd.").exit_code == 0
    run_cli("extract", "--no-sentiment")
    rows = json.loads(run_cli("events", "--json").stdout)
    assert [(r["company"], r["ticker"], r["amount_usd"]) for r in rows] == [("Flex", "FLEX", 500e6)]


def test_extract_then_events_in_every_format(run_cli):
    result = ingest_and_extract(run_cli)
    assert "2 documents processed" in result.stderr
    rows = json.loads(run_cli("events", "--json").stdout)
    kinds = {(r["type"], r["company"], r["amount_usd"]) for r in rows}
    assert ("debt", "Oracle", 18e9) in kinds
    assert ("capex", "Oracle", 35e9) in kinds
    assert ("debt", "Meta", 29e9) in kinds
    assert not any(r["amount_usd"] in (300e9, 90e9, 94.9e9) for r in rows)
    # "up from $21.2 billion a year earlier": the earlier year's actual capex (docs/labelling.md, section 2)
    assert all(r["status"] == "actual" for r in rows if r["amount_usd"] == 21.2e9)
    nl = run_cli("events", "--nl", "--type", "debt").stdout.strip().splitlines()
    assert all(json.loads(line)["type"] == "debt" for line in nl)
    table = list(csv.DictReader(io.StringIO(run_cli("events", "--csv", "--company", "ORCL").stdout)))
    assert table and {r["company"] for r in table} == {"Oracle"}
    text = run_cli("events", "--min-amount", "20000000000").stdout
    assert "Meta" in text and "$29B" in text and "$18B" not in text
    assert json.loads(run_cli("events", "--json", "--since", "2099-01-01").stdout) == []


def test_extract_all_replaces_never_duplicates(run_cli):
    ingest_and_extract(run_cli)
    before = len(json.loads(run_cli("events", "--json").stdout))
    again = run_cli("extract", "--all")
    assert "2 documents processed" in again.stderr
    assert len(json.loads(run_cli("events", "--json").stdout)) == before
    assert "0 documents processed" in run_cli("extract").stderr


def test_search(run_cli):
    ingest_and_extract(run_cli)
    rows = json.loads(run_cli("search", "senior notes", "--json").stdout)
    assert len(rows) == 1 and rows[0]["title"].startswith("Oracle sells")
    assert "[senior]" in rows[0]["snippet"]
    assert "Oracle sells" in run_cli("search", "bonds").stdout
    assert json.loads(run_cli("search", "zeppelin", "--json").stdout) == []


def test_malformed_search_is_a_clear_error(run_cli):
    ingest_and_extract(run_cli)
    for query in ['"bond', "bonds AND", "x' OR 1=1 --"]:
        result = run_cli("search", query)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: bad search query")
        assert "Traceback" not in result.stderr


def test_bad_since_is_a_usage_error(run_cli):
    result = run_cli("events", "--since", "last tuesday")
    assert result.exit_code == 2 and "neither a duration" in result.stderr


def test_extract_jsonl_text_mode_touches_no_database(run_cli, tmp_path, db_path: Path):
    lines = tmp_path / "set.jsonl"
    lines.write_text(
        json.dumps({"id": "a", "text": "Oracle priced $18 billion of senior notes.", "events": [{"type": "capex"}]}) + "\n"
        + json.dumps({"id": "b", "text": "We spent $1.2 billion on data centers in 2024.", "company": "Meta", "source_kind": "sec_filing"}) + "\n"
    )
    result = run_cli("extract", "--jsonl", str(lines))
    assert result.exit_code == 0
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[0]["events"][0]["type"] == "debt" and out[0]["events"][0]["amount_usd"] == 18e9
    assert out[1]["events"][0]["company"] == "Meta" and out[1]["events"][0]["period"] == "2024"
    assert not db_path.exists()


def test_eval_events(run_cli, tmp_path):
    gold = [
        {"id": "1", "text": "Oracle priced $18 billion of senior notes.",
         "events": [{"type": "debt", "company": "Oracle Corporation", "amount_usd": 18e9, "amount_low_usd": None,
                     "amount_high_usd": None, "qualifier": None, "period": None, "status": "priced", "instrument": "senior notes"}]},
        {"id": "2", "text": "Meta raised its buyback by $50 billion.", "events": []},
        {"id": "3", "text": "Google plans capex of $75 billion in 2025.",
         "events": [{"type": "capex", "company": "Alphabet", "amount_usd": 75e9, "period": "2025", "status": "plan"}]},
        {"id": "4", "text": "Amazon will spend heavily.", "events": [{"type": "capex", "company": "Amazon", "amount_usd": 100e9}]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in gold))
    data = json.loads(run_cli("eval", "events", str(path), "--json", "--errors").stdout)
    overall = data["scores"]["overall"]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (2, 0, 1)
    assert abs(overall["f1"] - 0.8) < 1e-9
    assert data["attributes"]["instrument"]["accuracy"] == 1.0
    assert any(e["kind"] == "miss: missed" and e["id"] == "4" for e in data["errors"])
    assert data["error_classes"]["miss: missed"] == 1
    assert data["by_source_kind"]["news"]["scores"]["overall"]["tp"] == 2
    text = run_cli("eval", "events", str(path)).stdout
    assert "overall" in text and "0.800" in text


def test_eval_events_per_source_kind_and_error_classes(run_cli, tmp_path):
    """Scores per source kind, and misses and false alarms grouped by why they happened."""
    ev = {"amount_low_usd": None, "amount_high_usd": None, "qualifier": None, "period": None, "instrument": None}
    gold = [
        {"id": "f1", "source_kind": "sec_filing", "text": "Oracle priced $18 billion of senior notes.",
         "events": [{**ev, "type": "debt", "company": "Meta", "amount_usd": 18e9, "status": "priced"}]},
        {"id": "t1", "source_kind": "transcript", "text": "Meta raised its buyback by $50 billion.", "events": []},
        {"id": "t2", "source_kind": "transcript", "published": "2025-02-06",
         "text": "Alphabet expects capital expenditures of $75 billion this year.",
         "events": [{**ev, "type": "capex", "company": "Alphabet", "amount_usd": 75e9, "period": "2025", "status": "guidance"}]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in gold))
    data = json.loads(run_cli("eval", "events", str(path), "--json", "--errors").stdout)
    assert data["error_classes"] == {"false alarm: wrong company": 1, "miss: wrong company": 1}
    kinds = data["by_source_kind"]
    assert kinds["sec_filing"]["scores"]["overall"]["fn"] == 1
    assert kinds["transcript"]["scores"]["overall"]["tp"] == 1
    assert kinds["transcript"]["attributes"]["period"]["correct"] == 1  # "this year" read against `published`
    text = run_cli("eval", "events", str(path), "--errors").stdout
    assert "## miss: wrong company (1)" in text and "sec_filing" in text and "transcript" in text


def test_an_undated_calls_title_dates_its_periods(run_cli, tmp_path):
    """ECTSum's Murphy Oil call (a train passage) has no date; its title names the quarter."""
    line = {"id": "c1", "source_kind": "transcript", "company": "Murphy Oil", "title": "MUR Q4 2020",
            "text": "Our cash capex totaled $111 million for the quarter, inclusive of $1 million in NCI spending.",
            "events": [{"type": "capex", "company": "Murphy Oil", "amount_usd": 111e6, "period": "Q4 2020", "status": "actual"}]}
    periods = {}
    for name, obj in (("titled", line), ("untitled", {k: v for k, v in line.items() if k != "title"})):
        path = tmp_path / f"{name}.jsonl"
        path.write_text(json.dumps(obj) + "\n")
        [out] = [json.loads(x) for x in run_cli("extract", "--jsonl", str(path)).stdout.splitlines()]
        periods[name] = {e["amount_usd"]: e["period"] for e in out["events"]}
        assert out.get("title") == obj.get("title")  # the line's own fields are kept
    assert periods["titled"][111e6] == "Q4 2020"
    assert periods["untitled"][111e6] is None
    data = json.loads(run_cli("eval", "events", str(tmp_path / "titled.jsonl"), "--json").stdout)
    assert data["attributes"]["period"]["correct"] == 1


def test_eval_rejects_malformed_lines(run_cli, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "1", "text": "ok", "events": []}\n{oops\n')
    result = run_cli("eval", "events", str(path))
    assert result.exit_code == 1 and "bad.jsonl:2: invalid JSON" in result.stderr


def test_sources_lists_configuration_and_state(run_cli, write_config):
    cfg = write_config({"sources": [{"name": "local", "type": "rss", "url": "http://127.0.0.1:9/feed.xml"}]}, name="s.yaml")
    run_cli("collect", config=cfg)
    rows = json.loads(run_cli("sources", "--json", config=cfg).stdout)
    assert rows[0]["name"] == "local" and rows[0]["failures"] == 1 and "unreachable" in rows[0]["last_error"]


def test_collect_unknown_source(run_cli):
    result = run_cli("collect", "--source", "nope")
    assert result.exit_code == 1 and "no enabled source named 'nope'" in result.stderr


def test_events_are_consolidated_across_documents(run_cli, tmp_path):
    texts = {
        "wire.txt": "Oracle sells bonds\n\nOracle priced $18 billion of bonds on Wednesday to fund data centers.\n",
        "paper.txt": "Oracle taps bond market\n\nOracle raised $18.0bn in a six-part bond sale, the company said.\n",
        "other.txt": "Meta borrows\n\nMeta sold $30 billion of bonds on Thursday.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    assert run_cli("ingest", *(str(tmp_path / n) for n in texts), "--kind", "news").exit_code == 0
    assert run_cli("extract", "--no-sentiment").exit_code == 0
    events = json.loads(run_cli("events", "--json").output)
    oracle = [e for e in events if e["company"] == "Oracle"]
    assert len(oracle) == 1 and oracle[0]["mentions"] == 2 and oracle[0]["documents"] == 2
    assert oracle[0]["first_seen"] <= oracle[0]["last_seen"]
    mentions = json.loads(run_cli("events", "--json", "--mentions").output)
    assert len([e for e in mentions if e["company"] == "Oracle"]) == 2 and len(mentions) == 3
    table = run_cli("events").output
    assert "mentions" in table


def test_old_notes_ingested_from_a_file_are_not_recent_events(run_cli):
    """A 2015 pricing term sheet ingested today is dated 2015: `--since 30d` does not list it."""
    assert run_cli("ingest", str(FIXTURES / "filings" / "nike_fwp_2015-10-26_pricing_term_sheet.html")).exit_code == 0
    run_cli("extract")
    rows = json.loads(run_cli("events", "--json").stdout)
    assert rows and {r["published"][:10] for r in rows} == {"2015-10-26"}
    assert json.loads(run_cli("events", "--json", "--since", "30d").stdout) == []


def test_exports_have_no_default_limit_and_a_cut_table_says_so(run_cli, db_path):
    """105 events: --csv/--json/--nl write all 105; the table shows 50 and says so on stderr."""
    from monitor.store import Store
    from tests.factories import add, debt

    with Store(db_path) as store:
        for i in range(105):
            sentence = f"Oracle sold ${i + 1} billion of bonds."
            add(store, f"d{i}", sentence, [debt("Oracle", (i + 1) * 1e9, sentence)])
    rows = list(csv.DictReader(io.StringIO(run_cli("events", "--csv").stdout)))
    assert len(rows) == 105
    assert len(json.loads(run_cli("events", "--json").stdout)) == 105
    assert len(run_cli("events", "--nl", "--mentions").stdout.strip().splitlines()) == 105
    assert len(json.loads(run_cli("search", "bonds", "--json").stdout)) == 105
    assert len(json.loads(run_cli("events", "--json", "--limit", "7").stdout)) == 7
    table = run_cli("events")
    assert "Showing 50 of 105 events" in table.stderr and "--limit 105" in table.stderr
    assert "Showing 20 of 105 matches" in run_cli("search", "bonds").stderr
    assert "Showing" not in run_cli("events", "--limit", "200").stderr


def test_read_commands_refuse_a_missing_database(run_cli, db_path, tmp_path):
    """A mistyped --db is an error naming the file, not an empty database answering "(no rows)"."""
    for args in (["events"], ["search", "bonds"], ["tone"], ["sources"], ["digest", "--text"], ["alerts", "test",
                                                                                                 "x"]):
        result = run_cli(*args)
        assert result.exit_code != 0, args
        if args[0] != "alerts":  # no rule named x: said before the database is opened
            assert f"{db_path}: no such database" in result.stderr, args
    assert not db_path.exists()
    assert run_cli("ingest", str(FIXTURES / "filings" / "nike_fwp_2015-10-26_pricing_term_sheet.html")).exit_code == 0
    assert db_path.exists() and run_cli("events").exit_code == 0  # a writer creates it


def test_no_feeds_yaml_names_the_file_looked_for(tmp_path, monkeypatch):
    """Without feeds.yaml: commands that need one exit 2 naming it; others run and say so."""
    from click.testing import CliRunner

    from monitor.cli import cli

    monkeypatch.delenv("MONITOR_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    text = tmp_path / "a.txt"
    text.write_text("Oracle sold $18 billion of bonds.\n")
    result = runner.invoke(cli, ["--db", "m.db", "ingest", str(text)])
    assert result.exit_code == 0 and f"{tmp_path / 'feeds.yaml'} not found" in result.stderr
    for args in (["sources"], ["collect"], ["alerts", "list"], ["run"]):
        result = runner.invoke(cli, ["--db", "m.db", *args])
        assert result.exit_code == 2, args
        assert f"Error: {tmp_path / 'feeds.yaml'}: configuration not found" in result.stderr, args


def test_unknown_company_suggests_close_names(run_cli, db_path):
    from monitor.store import Store
    from tests.factories import add, debt

    sentence = "Coreweave raised $2 billion of notes."
    with Store(db_path) as store:
        add(store, "cw", sentence, [debt("CoreWeave", 2e9, sentence)])
    result = run_cli("events", "--company", "Orcale")
    assert result.exit_code == 2 and "no company 'Orcale'" in result.stderr and "'Oracle'" in result.stderr
    result = run_cli("tone", "--company", "Corewave")
    assert result.exit_code == 2 and "'CoreWeave'" in result.stderr
    assert json.loads(run_cli("events", "--company", "coreweave", "--json").stdout)[0]["company"] == "CoreWeave"


def test_collect_of_one_failing_source_exits_non_zero(run_cli, write_config):
    cfg = write_config({"sources": [{"name": "local", "type": "rss", "url": "http://127.0.0.1:9/feed.xml"}]}, name="s.yaml")
    result = run_cli("collect", "--source", "local", config=cfg)
    assert result.exit_code == 1 and "0 sources ok, 1 failed" in result.stderr


def test_a_company_known_by_a_short_form_is_found_by_it(run_cli, tmp_path):
    # "SBI" is also an SEC ticker (a muni fund): --company reads both, and the events name the bank in full
    path = tmp_path / "sbi.txt"
    path.write_text("SBI raises Rs 4,000 crore via tier-II bonds\n", encoding="utf-8")
    assert run_cli("ingest", str(path), "--kind", "news").exit_code == 0
    assert run_cli("extract", "--no-sentiment").exit_code == 0
    rows = json.loads(run_cli("events", "--company", "SBI", "--json").stdout)
    assert [(r["company"], r["currency"], r["amount_original"]) for r in rows] == [("State Bank of India", "INR", 4e10)]
