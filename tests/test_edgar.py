"""EDGAR on 127.0.0.1: listings (submissions JSON, Atom feeds) → filing index → documents."""

from __future__ import annotations

import json

import pytest
from werkzeug import Response

from monitor.collect.edgar import (
    Filing,
    IndexRow,
    choose_documents,
    filings_from_submissions,
    parse_index,
    report_sections,
)
from monitor.collect.html import extract_filing
from monitor.config import parse_config
from monitor.jobs import collect
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store
from tests.conftest import COMPANIES, FIXTURES

UA = "monitor-tests/0.1 (tests@example.org)"
ORACLE_CIK, NVIDIA_CIK, NIKE_CIK, KEEN_CIK = 1341439, 1045810, 320187, 1889983
ORACLE_8K = "0001564590-22-023099"  # real: Oracle's Q4 FY2022 results
ORACLE_8K_NO_EXHIBIT = "0001564590-22-024000"
NVIDIA_10Q = "0001045810-25-000209"
NIKE_FWP = "0001193125-15-353000"


EVEN = ' class="evenRow"'


def index_page(accession: str, form: str, docs: list[tuple[str, str, str]]) -> str:
    """A filing index in EDGAR's layout: (document name, type, description) rows."""
    cik_folder = f"/Archives/edgar/data/{{cik}}/{accession.replace('-', '')}"
    rows = "".join(
        f'<tr{EVEN if i % 2 else ""}><td scope="row">{i + 1}</td><td scope="row">{desc}</td>'
        f'<td scope="row"><a href="{"/ix?doc=" if name.endswith(".htm") and i == 0 else ""}{cik_folder}/{name}">{name}</a></td>'
        f'<td scope="row">{typ}</td><td scope="row">{1000 * (i + 1)}</td></tr>'
        for i, (name, typ, desc) in enumerate(docs)
    )
    return (
        "<!DOCTYPE html><html><head><title>EDGAR Filing Documents for " + accession + "</title></head><body>"
        f'<div id="formHeader"><div id="formName"><strong>Form {form}</strong> - Current report:</div>'
        f'<div id="secNum"><strong><acronym title="Securities and Exchange Commission">SEC</acronym> Accession No.</strong> {accession}</div></div>'
        '<div id="formDiv"><div style="padding: 0px 0px 4px 0px; font-size: 12px; margin: 0px 2px 0px 5px; width: 100%; overflow:hidden">'
        '<p>Document Format Files</p><table class="tableFile" summary="Document Format Files">'
        '<tr><th scope="col" style="width: 5%;"><acronym title="Sequence Number">Seq</acronym></th>'
        '<th scope="col" style="width: 40%;">Description</th><th scope="col" style="width: 20%;">Document</th>'
        '<th scope="col" style="width: 10%;">Type</th><th scope="col">Size</th></tr>'
        f"{rows}</table></div></div></body></html>"
    )


def submissions(cik: int, name: str, filings: list[dict], files: list[dict] | None = None, *, page: bool = False) -> dict:
    keys = ["accessionNumber", "filingDate", "reportDate", "acceptanceDateTime", "form", "items", "primaryDocument", "primaryDocDescription"]
    columns = {k: [f.get(k, "") for f in filings] for k in keys}
    if page:
        return columns
    return {"cik": str(cik), "entityType": "operating", "name": name, "tickers": [], "fiscalYearEnd": "0531",
            "filings": {"recent": columns, "files": files or []}}


@pytest.fixture
def edgar(httpserver):
    """Oracle and NVIDIA by CIK (submissions JSON), NIKE in a market-wide Atom feed."""
    seen: list[str] = []
    httpserver.seen = seen

    def serve(body: bytes | str, content_type: str, etag: str | None = None):
        def handler(request):
            seen.append(request.path)
            if etag and request.headers.get("If-None-Match") == etag:
                return Response(status=304)
            headers = {"ETag": etag} if etag else {}
            return Response(body, content_type=content_type, headers=headers)
        return handler

    oracle = submissions(ORACLE_CIK, "ORACLE CORP", [
        {"accessionNumber": ORACLE_8K_NO_EXHIBIT, "filingDate": "2022-06-20", "acceptanceDateTime": "2022-06-20T16:05:11.000Z",
         "form": "8-K", "items": "2.02", "primaryDocument": "orcl-8k_20220620.htm"},
        {"accessionNumber": "0001341439-22-000050", "filingDate": "2022-06-15", "form": "4", "primaryDocument": "xslF345X03/wf-form4.xml"},
        {"accessionNumber": ORACLE_8K, "filingDate": "2022-06-13", "reportDate": "2022-06-13", "acceptanceDateTime": "2022-06-13T16:07:02.000Z",
         "form": "8-K", "items": "2.02,8.01,9.01", "primaryDocument": "orcl-8k_20220613.htm", "primaryDocDescription": "8-K"},
    ])
    nvidia = submissions(NVIDIA_CIK, "NVIDIA CORP", [], files=[
        {"name": "CIK0001045810-submissions-001.json", "filingCount": 1, "filingFrom": "2025-01-01", "filingTo": "2025-09-30"},
        {"name": "CIK0001045810-submissions-002.json", "filingCount": 1, "filingFrom": "1999-01-01", "filingTo": "2004-12-31"},
    ])
    nvidia_older = submissions(NVIDIA_CIK, "NVIDIA CORP", [
        {"accessionNumber": NVIDIA_10Q, "filingDate": "2025-08-27", "reportDate": "2025-07-27", "form": "10-Q",
         "primaryDocument": "nvda-20250727.htm"},
    ], page=True)
    current = (
        '<?xml version="1.0" encoding="ISO-8859-1" ?><feed xmlns="http://www.w3.org/2005/Atom"><title>Latest Filings</title>'
        + "".join(
            f'<entry><title>{form} - {name} ({cik:010d}) (Filer)</title>'
            f'<link rel="alternate" type="text/html" href="https://www.sec.gov/Archives/edgar/data/{cik}/{acc.replace("-", "")}/{acc}-index.htm"/>'
            f'<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; 2015-10-26 &lt;b&gt;AccNo:&lt;/b&gt; {acc} &lt;b&gt;Size:&lt;/b&gt; 20 KB</summary>'
            f'<updated>2015-10-26T17:02:11-04:00</updated><category scheme="https://www.sec.gov/" label="form type" term="{form}"/>'
            f"<id>urn:tag:sec.gov,2008:accession-number={acc}</id></entry>"
            for form, name, cik, acc in [
                ("FWP", "NIKE INC", NIKE_CIK, NIKE_FWP),
                ("10-K", "SOME OTHER CO", 1234567, "0001234567-15-000001"),
            ]
        )
        + "</feed>"
    )
    routes = {
        f"/submissions/CIK{ORACLE_CIK:010d}.json": serve(json.dumps(oracle), "application/json", '"orcl-1"'),
        f"/submissions/CIK{NVIDIA_CIK:010d}.json": serve(json.dumps(nvidia), "application/json", '"nvda-1"'),
        "/submissions/CIK0001045810-submissions-001.json": serve(json.dumps(nvidia_older), "application/json"),
        "/current.atom": serve(current, "application/atom+xml", '"cur-1"'),
    }
    filings = {
        (ORACLE_CIK, ORACLE_8K, "8-K"): [
            ("orcl-8k_20220613.htm", "8-K", "8-K", FIXTURES / "filings/oracle_8k_2022-06-13_item2.02.htm"),
            ("orcl-ex991_6.htm", "EX-99.1", "EX-99.1", FIXTURES / "filings/oracle_8k_2022-06-13_ex99-1_q4fy22_press_release.htm"),
            ("orcl-20220613_lab.xml", "EX-101.LAB", "XBRL TAXONOMY EXTENSION LABEL LINKBASE", None),
        ],
        (ORACLE_CIK, ORACLE_8K_NO_EXHIBIT, "8-K"): [
            ("orcl-8k_20220620.htm", "8-K", "8-K", FIXTURES / "filings/oracle_8k_2022-06-13_item2.02.htm"),
        ],
        (NVIDIA_CIK, NVIDIA_10Q, "10-Q"): [
            ("nvda-20250727.htm", "10-Q", "10-Q", FIXTURES / "filings/nvidia_10q_2025-08-27.html"),
        ],
        (NIKE_CIK, NIKE_FWP, "FWP"): [
            ("d48811dfwp.htm", "FWP", "FWP", FIXTURES / "filings/nike_fwp_2015-10-26_pricing_term_sheet.html"),
        ],
    }
    for (cik, acc, form), docs in filings.items():
        folder = f"/Archives/edgar/data/{cik}/{acc.replace('-', '')}"
        page = index_page(acc, form, [(n, t, d) for n, t, d, _ in docs]).replace("{cik}", str(cik))
        routes[f"{folder}/{acc}-index.htm"] = serve(page, "text/html")
        for name, _, _, path in docs:
            if path is not None:
                routes[f"{folder}/{name}"] = serve(path.read_bytes(), "text/html")
    for path, handler in routes.items():
        httpserver.expect_request(path).respond_with_handler(handler)
    return httpserver


def make_config(server, sources: list[dict], **edgar) -> object:
    return parse_config({
        "http": {"user_agent": UA, "retries": 0, "timeout": 5, "requests_per_second": 100},
        "edgar": {"archive_url": server.url_for("/"), "data_url": server.url_for("/"), **edgar},
        "sources": sources,
        "companies": COMPANIES,
    })


ORACLE_SOURCE = {"name": "edgar-oracle", "type": "edgar", "cik": ORACLE_CIK, "company": "Oracle", "forms": ["8-K", "10-Q", "10-K"]}
NVIDIA_SOURCE = {"name": "edgar-nvidia", "type": "edgar", "cik": NVIDIA_CIK, "company": "Nvidia", "forms": ["10-Q"]}


def test_filer_8k_with_its_press_release(edgar, tmp_path):
    config = make_config(edgar, [ORACLE_SOURCE], lookback_days=100_000)
    with Store(tmp_path / "m.db") as store:
        companies = CompanyIndex(config.companies)
        [report] = collect(config, store, companies)
        assert report.status == "ok" and report.entries == 3 and report.new == 2, report
        doc = store.get_document(ORACLE_8K)
        assert doc.kind == "filing" and doc.company == "Oracle" and doc.ticker == "ORCL" and doc.cik == ORACLE_CIK
        assert doc.meta["form"] == "8-K" and doc.meta["items"] == ["2.02", "8.01", "9.01"]
        assert doc.meta["report_date"] == "2022-06-13"  # the 8-K's own dei:DocumentPeriodEndDate
        assert [d["type"] for d in doc.meta["documents"]] == ["8-K", "EX-99.1"]  # no XBRL parts
        assert doc.published.startswith("2022-06-13T16:07:02")
        assert "Item 2.02" in doc.text and "[EX-99.1]" in doc.text
        row = next(r for t in doc.tables for r in t["rows"] if r[0].startswith("Capital expenditures"))
        assert "(4,511)" in row
        assert any(t["scale"] == "millions" and t["document"] == "EX-99.1" for t in doc.tables)
        # The index of the second 8-K (item 2.02) has no press release: kept, and said so.
        assert store.has_document(ORACLE_8K_NO_EXHIBIT)
        assert any(f"{ORACLE_8K_NO_EXHIBIT}: 8-K (items 2.02) without an EX-99 exhibit" in w for w in report.warnings)
        # Form 4 is not among the configured forms: never requested.
        assert not any("0001341439-22-000050".replace("-", "") in p for p in edgar.seen)
        assert "EX-99" in (store.source_state("edgar-oracle")["last_warning"] or "")

        # Second run: the listing answers 304; nothing else is requested or stored.
        before = len(edgar.seen)
        [again] = collect(config, store, companies)
        assert again.status == "not modified" and again.new == 0
        assert edgar.seen[before:] == [f"/submissions/CIK{ORACLE_CIK:010d}.json"]
        assert store.counts()["documents"] == 2


def test_first_poll_reads_only_recent_filings(edgar, tmp_path):
    config = make_config(edgar, [ORACLE_SOURCE], lookback_days=30)
    with Store(tmp_path / "m.db") as store:
        [report] = collect(config, store, CompanyIndex(config.companies))
        assert report.status == "ok" and report.new == 0  # the 2022 filings are history
        assert not any("-index.htm" in p for p in edgar.seen)


def test_backfill_walks_older_submission_pages_and_resumes(edgar, tmp_path):
    config = make_config(edgar, [NVIDIA_SOURCE], lookback_days=30)
    with Store(tmp_path / "m.db") as store:
        companies = CompanyIndex(config.companies)
        [report] = collect(config, store, companies, only="edgar-nvidia")
        assert report.new == 0
        [report] = collect(config, store, companies, only="edgar-nvidia", since="2025-01-01")
        assert report.new == 1, report
        assert "/submissions/CIK0001045810-submissions-002.json" not in edgar.seen  # ends before 2025
        doc = store.get_document(NVIDIA_10Q)
        assert doc.meta["form"] == "10-Q" and doc.company == "Nvidia" and doc.meta["report_date"] == "2025-07-27"
        # Only the liquidity section and the cash-flow statement of the 10-Q are kept.
        assert doc.meta["sections"] == ["liquidity", "cash flows"]
        assert len(doc.text) < 20_000
        assert "Purchases related to property and equipment and intangible assets" in doc.text
        assert "Risk Factors" not in doc.text
        # Backfill again (an interrupted one resumes the same way): nothing is fetched twice.
        before = [p for p in edgar.seen if p.endswith(".htm")]
        [report] = collect(config, store, companies, only="edgar-nvidia", since="2025-01-01")
        assert report.new == 0 and [p for p in edgar.seen if p.endswith(".htm")] == before


def test_market_wide_feed_keeps_only_the_forms_asked_for(edgar, tmp_path):
    source = {"name": "current", "type": "edgar", "url": edgar.url_for("/current.atom"), "forms": ["FWP", "424B2", "424B5"]}
    config = make_config(edgar, [source])
    with Store(tmp_path / "m.db") as store:
        companies = CompanyIndex(config.companies)
        [report] = collect(config, store, companies)
        assert report.new == 1 and report.entries == 2
        doc = store.get_document(NIKE_FWP)
        assert doc.meta["form"] == "FWP" and doc.cik == NIKE_CIK
        assert "3.875% Notes due 2045" in doc.text and "Principal Amount: | $1,000,000,000" in doc.text
        assert doc.title == "FWP - NIKE INC (0000320187) (Filer)"


def test_unreachable_filings_are_kept_and_completed_later(httpserver, tmp_path):
    """A company Atom feed → 8-K → exhibits, while the archive fails at first: stand-ins are
    stored, retried, then completed."""
    feed = (FIXTURES / "feeds/edgar_getcompany_keen_vision_acquisition.atom.xml").read_bytes()
    httpserver.expect_request("/keen.atom").respond_with_data(feed, content_type="application/atom+xml")
    acc = "0001213900-25-006497"  # 8-K, items 1.01, 2.03, 8.01, 9.01
    folder = f"/Archives/edgar/data/{KEEN_CIK}/{acc.replace('-', '')}"
    available = {"index": False}

    def index(request):
        if not available["index"]:
            return Response("busy", status=503)
        docs = [("ea0228390-8k.htm", "8-K", "CURRENT REPORT"), ("ea022839001ex99-1.htm", "EX-99.1", "PRESS RELEASE")]
        return Response(index_page(acc, "8-K", docs).replace("{cik}", str(KEEN_CIK)), content_type="text/html")

    httpserver.expect_request(f"{folder}/{acc}-index.htm").respond_with_handler(index)
    httpserver.expect_request(f"{folder}/ea0228390-8k.htm").respond_with_data(
        "<html><body><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 8-K</p>"
        "<p>Item 2.03 Creation of a Direct Financial Obligation.</p><p>On January 21, 2025, the Company issued "
        "an unsecured promissory note in the principal amount of up to $1,500,000 to its sponsor.</p></body></html>",
        content_type="text/html",
    )
    httpserver.expect_request(f"{folder}/ea022839001ex99-1.htm").respond_with_data(
        "<html><body><p>EXHIBIT 99.1</p><p>Keen Vision Acquisition Corporation Announces Extension of Deadline "
        "to Complete Business Combination</p></body></html>", content_type="text/html")
    httpserver.expect_request(f"/Archives/edgar/data/{KEEN_CIK}/", method="GET").respond_with_data("not here", status=404)
    source = {"name": "keen", "type": "edgar", "url": httpserver.url_for("/keen.atom"), "forms": ["8-K"]}
    config = make_config(httpserver, [source])
    with Store(tmp_path / "m.db") as store:
        companies = CompanyIndex(config.companies)
        [first] = collect(config, store, companies)
        assert first.status == "ok" and first.new == 11  # every 8-K of the feed, as a stand-in
        stub = store.get_document(acc)
        assert stub.meta["items"] == ["1.01", "2.03", "8.01", "9.01"] and stub.cik == KEEN_CIK
        assert any("filing index: HTTP 503" in w for w in first.warnings)
        pending = {d.id for d in store.pending_documents("keen")}
        assert acc in pending and len(pending) == 11

        [second] = collect(config, store, companies)
        assert second.new == 0 and second.updated == 0 and store.counts()["documents"] == 11

        available["index"] = True
        [third] = collect(config, store, companies)
        assert third.updated == 1 and third.new == 0
        doc = store.get_document(acc)
        assert "promissory note in the principal amount of up to $1,500,000" in doc.text
        assert [d["type"] for d in doc.meta["documents"]] == ["8-K", "EX-99.1"] and "Extension of Deadline" in doc.text
        assert acc not in {d.id for d in store.pending_documents("keen")}
        assert store.counts()["documents"] == 11


# -- parsing ---------------------------------------------------------------------------------


def test_index_rows_types_and_inline_xbrl_links():
    page = index_page(ORACLE_8K, "8-K", [("a.htm", "8-K", "8-K"), ("ex.htm", "EX-99.1", "PRESS RELEASE"), ("logo.jpg", "GRAPHIC", "")])
    rows = parse_index(page.replace("{cik}", "1341439"), "https://www.sec.gov/Archives/edgar/data/1341439/000156459022023099/x-index.htm")
    assert [r.type for r in rows] == ["8-K", "EX-99.1", "GRAPHIC"]
    assert rows[0].url == "https://www.sec.gov/Archives/edgar/data/1341439/000156459022023099/a.htm"
    filing = Filing(accession=ORACLE_8K, form="8-K", company="Oracle", cik=1341439)
    primary, exhibits = choose_documents(filing, rows, ["EX-99"])
    assert primary.name == "a.htm" and [e.name for e in exhibits] == ["ex.htm"]
    with pytest.raises(Exception, match="without a document table"):
        parse_index("<html><body>Not an index</body></html>", "https://www.sec.gov/x")


def test_primary_document_named_by_the_listing_wins():
    rows = [IndexRow("1", "", "cover.htm", "https://x/cover.htm", "8-K", 10), IndexRow("2", "", "main.htm", "https://x/main.htm", "8-K", 10)]
    primary, _ = choose_documents(Filing(accession=ORACLE_8K, form="8-K", company=None, cik=1, primary_document="main.htm"), rows, [])
    assert primary.name == "main.htm"


def test_submissions_json_is_columnar():
    data = submissions(ORACLE_CIK, "ORACLE CORP", [
        {"accessionNumber": "0000000001-25-000001", "filingDate": "2025-01-02", "form": "8-K", "items": "2.03,9.01"},
        {"accessionNumber": "0000000001-25-000002", "filingDate": "2025-03-04", "form": "424B5"},
    ])
    filings, older = filings_from_submissions(json.dumps(data).encode())
    assert [f.accession for f in filings] == ["0000000001-25-000002", "0000000001-25-000001"]  # newest first
    assert filings[1].items == ["2.03", "9.01"] and filings[1].cik == ORACLE_CIK and older == []
    with pytest.raises(Exception, match="malformed submissions JSON"):
        filings_from_submissions(b"{oops")


def test_report_sections_of_a_10q():
    page = extract_filing((FIXTURES / "filings/nvidia_10q_2025-08-27.html").read_bytes())
    text, names = report_sections(page.text, "10-Q")
    assert names == ["liquidity", "cash flows"] and len(text) < len(page.text) / 5
    assert report_sections(page.text, "8-K") == (page.text, [])
