"""Transcript sources: configured pages, JSON and text files, local folders."""

from __future__ import annotations

import shutil

from werkzeug import Response

from monitor.config import parse_config
from monitor.jobs import collect
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store
from tests.conftest import COMPANIES, FIXTURES

UA = "monitor-tests/0.1 (tests@example.org)"
LAYOUTS = {
    "/calls/msft-fy26q2.json": ("microsoft_fy26q2_2026-01-28_motleyfool.json", "application/json", "Microsoft", "Q2 FY2026"),
    "/calls/dlr-q4-2021.json": ("digital_realty_q4_2021.json", "application/json", "Digital Realty", "Q4 FY2021"),
    "/calls/nvda-q4fy25.txt": ("nvidia_q4fy25_2025-02-26_motleyfool.txt", "text/plain; charset=utf-8", "Nvidia", "Q4 FY2025"),
    "/calls/bbby-q1-2020.html": ("bed_bath_beyond_q1_2020_2020-07-09_motleyfool.html", "text/html", None, "Q1 FY2020"),
    "/calls/sjr-q3-2020.html": ("shaw_communications_q3_2020_2020-07-10_motleyfool.html", "text/html", None, "Q3 FY2020"),
}


def test_each_layout_from_a_configured_url(httpserver, tmp_path):
    requests = []

    def serve(name: str, content_type: str):
        body = (FIXTURES / "transcripts" / name).read_bytes()

        def handler(request):
            requests.append((request.path, request.headers.get("If-None-Match")))
            if request.headers.get("If-None-Match") == '"v1"':
                return Response(status=304)
            return Response(body, content_type=content_type, headers={"ETag": '"v1"'})
        return handler

    for path, (name, content_type, _, _) in LAYOUTS.items():
        httpserver.expect_request(path).respond_with_handler(serve(name, content_type))
    httpserver.expect_request("/calls/not-a-call.html").respond_with_data(
        (FIXTURES / "articles/cityam_2019-11-20_alibaba_hong_kong_listing.trimmed.html").read_bytes(), content_type="text/html")
    sources = [
        {"name": f"call-{i}", "type": "transcript", "url": httpserver.url_for(path)} for i, path in enumerate(LAYOUTS)
    ] + [{"name": "not-a-call", "type": "transcript", "url": httpserver.url_for("/calls/not-a-call.html")}]
    config = parse_config({"http": {"user_agent": UA, "retries": 0, "timeout": 5, "requests_per_second": 100},
                           "sources": sources, "companies": COMPANIES})
    with Store(tmp_path / "m.db") as store:
        companies = CompanyIndex(config.companies)
        reports = {r.name: r for r in collect(config, store, companies)}
        assert reports["not-a-call"].status == "failed"
        assert "no recognisable speaker turns" in reports["not-a-call"].error and "\n" not in reports["not-a-call"].error
        for i, path in enumerate(LAYOUTS):
            assert reports[f"call-{i}"].new == 1, (path, reports[f"call-{i}"])
        docs = [store.get_document(i) for i in store.documents_to_extract(all=True)]
        assert len(docs) == 5 and all(d.kind == "transcript" for d in docs)
        by_quarter = {d.meta["quarter"]: d for d in docs}
        for _, _, company, quarter in LAYOUTS.values():
            doc = by_quarter[quarter]
            if company:  # configured companies get their canonical name, ticker and CIK
                assert doc.company == company and doc.ticker
            assert doc.meta["turns"] and doc.text[doc.meta["turns"][0]["start"]:doc.meta["turns"][0]["end"]]
        msft = by_quarter["Q2 FY2026"]
        assert msft.ticker == "MSFT" and msft.cik == 789019 and msft.published.startswith("2026-01-28")
        # Second run: every page answers 304 and nothing is stored again.
        again = {r.name: r for r in collect(config, store, companies)}
        assert all(again[f"call-{i}"].status == "not modified" for i in range(5))
        assert store.counts()["documents"] == 5


def test_a_folder_of_transcripts(tmp_path):
    folder = tmp_path / "calls"
    folder.mkdir()
    for name in ("digital_realty_q4_2021.json", "nvidia_q4fy25_2025-02-26_motleyfool.txt"):
        shutil.copy(FIXTURES / "transcripts" / name, folder / name)
    (folder / "notes.txt").write_text("Just a note to self about nothing in particular.\n")
    config = parse_config({"sources": [{"name": "calls", "type": "transcript", "path": str(folder)}], "companies": COMPANIES})
    with Store(tmp_path / "m.db") as store:
        companies = CompanyIndex(config.companies)
        [report] = collect(config, store, companies)
        assert report.status == "ok" and report.new == 2
        assert any("notes.txt" in w and "speaker turns" in w for w in report.warnings)
        [again] = collect(config, store, companies)
        assert again.new == 0 and again.updated == 0 and store.counts()["documents"] == 2
        glob_config = parse_config({"sources": [{"name": "calls", "type": "transcript", "path": str(folder / "*.json")}], "companies": COMPANIES})
        [globbed] = collect(glob_config, store, companies)
        assert globbed.entries == 1 and globbed.new == 0
