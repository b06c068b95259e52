import gzip
import json
import time

import pytest
from werkzeug import Response

from monitor.collect.edgar import entry_document, filing_ref, fiscal_year_end_month
from monitor.collect.feeds import FeedError, parse_feed
from monitor.collect.files import IngestError, read_path
from monitor.collect.html import extract_article, extract_filing
from monitor.collect.http import FetchError, HttpClient, decode
from monitor.collect.urls import canonical_url
from monitor.config import HttpSettings
from tests.conftest import FIXTURES

UA = "monitor-tests/0.1 (tests@example.org)"


def client(**kw) -> HttpClient:
    settings = HttpSettings(user_agent=UA, timeout=5, retries=kw.pop("retries", 2), backoff=0.01, **kw)
    return HttpClient(settings)


# -- feeds ---------------------------------------------------------------------------------


def test_rss_feed_entries():
    entries = parse_feed((FIXTURES / "feeds/techcrunch_3_items.rss.xml").read_bytes())
    assert len(entries) == 3
    e = entries[0]
    assert e.title and e.link.startswith("http") and e.published.startswith("2011-")


def test_edgar_atom_feed_entries_become_filings():
    entries = parse_feed((FIXTURES / "feeds/edgar_getcurrent_2026-01-12_page600.atom.xml").read_bytes())
    assert len(entries) == 100
    ref = filing_ref(entries[0])
    assert ref.accession == "0001213900-26-003162"
    assert ref.form == "425" and ref.company == "Crane Harbor Acquisition Corp." and ref.cik == 2054174
    doc = entry_document(entries[0], "sec")
    assert doc.id == "0001213900-26-003162" and doc.kind == "filing"
    forms = {filing_ref(e).form for e in entries}
    assert "8-K" in forms


def test_json_feed_and_item_lists():
    feed = {"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "1", "url": "https://e.org/a", "title": "A", "content_text": "Body", "date_published": "2025-01-02T03:04:05Z"}]}
    entries = parse_feed(json.dumps(feed).encode())
    assert entries[0].summary == "Body" and entries[0].published == "2025-01-02T03:04:05+00:00"
    items = [{"title": "B", "link": "https://e.org/b", "description": "<p>Hi</p>", "pubDate": "Mon, 20 Jul 2020 22:40:59 GMT"}]
    entries = parse_feed(json.dumps(items).encode())
    assert entries[0].summary == "Hi" and entries[0].published.startswith("2020-07-20")


@pytest.mark.parametrize(
    "body,reason",
    [
        (b"", "empty body"),
        (b"<!DOCTYPE html><html><body><p>Not a feed</p></body></html>", "HTML page"),
        (b"\x00\x01\x02binary", "binary"),
        (b'{"hello": "world"}', "neither a JSON Feed"),
        (b"{not json", "malformed JSON"),
    ],
)
def test_bad_feeds_give_a_reason(body, reason):
    with pytest.raises(FeedError, match=reason):
        parse_feed(body)


def test_canonical_url_drops_tracking():
    assert canonical_url("HTTPS://News.Example.org:443/a/b?utm_source=x&id=3&fbclid=y#top") == "https://news.example.org/a/b?id=3"


def test_decode_survives_a_wrong_charset():
    assert decode("café".encode(), "ascii") == "café"
    assert decode("café".encode("cp1252"), None) == "café"


def test_decode_is_ours_because_charset_normalizer_misreads_these():
    """Why decode() keeps its own order (BOM, valid UTF-8, UTF-8 with a few broken bytes, the
    declared charsets, cp1252) rather than charset-normalizer's best guess: on these three
    inputs, all met in collection, the guess is mojibake. If this starts failing because the
    library reads them all right, use it in decode()."""
    from charset_normalizer import from_bytes

    article = (FIXTURES / "faults/article_pt.html").read_text(encoding="utf-8")
    utf8 = "café crème brûlée " * 10
    cases = [
        ("café".encode("cp1252"), "café"),  # a short cp1252 text: read as UTF-16
        (article.encode("latin-1"), article),  # Portuguese in Latin-1: read as cp1250 ("não" -> "nă")
        (utf8.encode() + b"\xff", utf8 + "\ufffd"),  # UTF-8 with one broken byte: read as cp932
    ]
    for raw, text in cases:
        assert decode(raw) == text
    misread = [raw[:20] for raw, text in cases if str(from_bytes(raw).best()) != text]
    assert misread, "charset-normalizer now reads all of these right: consider it for decode()"


# -- pages and filings ---------------------------------------------------------------------


def test_article_extraction_keeps_text_and_metadata():
    page = extract_article((FIXTURES / "pages/oracle_notes.html").read_bytes())
    assert page.title == "Oracle sells $18 billion of bonds to fund AI data centers"
    assert page.published == "2025-09-24T14:05:00+00:00"
    assert "priced $18 billion of senior notes" in page.text
    assert "Home" not in page.text.split("\n")[0]
    assert page.canonical_url == "https://news.example.org/2025/09/24/oracle-bonds"


def test_filing_tables_stay_rows_with_their_scale():
    page = extract_filing((FIXTURES / "filings/oracle_8k_2022-06-13_ex99-1_q4fy22_press_release.htm").read_bytes())
    assert "Capital expenditures | (4,511) | (2,135)" in page.text
    scales = [t["scale"] for t in page.tables if any(r[0] == "Capital expenditures" for r in t["rows"])]
    assert scales == ["millions"]


def test_read_path_detects_kinds():
    assert read_path(FIXTURES / "filings/nike_fwp_2015-10-26_pricing_term_sheet.html")[0].kind == "filing"
    transcript = read_path(FIXTURES / "transcripts/digital_realty_q4_2021.trimmed.json")[0]
    assert transcript.kind == "transcript" and transcript.text.startswith("Prepared remarks\n\nOperator\n")
    assert read_path(FIXTURES / "pages/oracle_notes.html")[0].kind == "news"
    assert len(read_path(FIXTURES / "feeds/edgar_getcurrent_2026-01-12_page600.atom.xml")) == 100


def test_markdown_tables_emphasis_and_entities_become_the_plain_text_rows_read():
    from monitor.collect.markdown import markdown_text

    md = ("## CONSOLIDATED STATEMENTS OF CASH FLOWS\n\n|  |  |  |\n|---|---|---|\n|  | **Year Ended December 31,** ||\n"
          "| **(in millions)** | **2023** | **2022** |\n| &nbsp;&nbsp;Capital expenditures | (585) | (728) |\n"
          "| Proceeds from debt financing, net of issuance costs | 1980 |  |\n\n---\n\n"
          "- **FILED AS OF DATE:** 20240223\n*This Report contains [forward-looking](#fls) <u>statements</u>.*\n"
          "Net income rose 5 * 3 times; see note (1)*")
    assert markdown_text(md).split("\n") == [
        "CONSOLIDATED STATEMENTS OF CASH FLOWS", "", "", "Year Ended December 31,", "(in millions) | 2023 | 2022",
        "Capital expenditures | (585) | (728)", "Proceeds from debt financing, net of issuance costs | 1980", "", "",
        "FILED AS OF DATE: 20240223", "This Report contains forward-looking statements.",
        "Net income rose 5 * 3 times; see note (1)*"]


def test_a_markdown_filing_is_read_with_its_submission_header():
    # Gilead's 10-K for 2023 as a Markdown conversion of the whole submission (public domain, SEC)
    [doc] = read_path(FIXTURES / "filings/gilead_10k_2023_cash_flows.md", kind="filing")
    assert (doc.kind, doc.published, doc.company, doc.cik) == ("filing", "2024-02-23", "Gilead Sciences, Inc.", 882095)
    assert doc.meta == {"form": "10-K", "report_date": "2023-12-31", "fiscal_year_end": 12}
    assert "Capital expenditures | (585) | (728) | (579)" in doc.text.split("\n")
    assert "**" not in doc.text and "&nbsp;" not in doc.text and "|---" not in doc.text


def test_read_path_errors_name_the_file(tmp_path):
    for name, content, reason in [
        ("empty.txt", b"", "empty file"),
        ("bin.txt", b"\x00\x00\x00abc", "binary"),
        ("x.pdf", b"%PDF", "unsupported file type"),
        ("bad.json", b"{oops", "malformed JSON"),
    ]:
        p = tmp_path / name
        p.write_bytes(content)
        with pytest.raises(IngestError, match=reason) as err:
            read_path(p)
        assert name in str(err.value)
    with pytest.raises(IngestError, match="no such file"):
        read_path(tmp_path / "missing.txt")


# -- HTTP ----------------------------------------------------------------------------------


def test_user_agent_and_conditional_get(httpserver):
    seen = []

    def handler(request):
        seen.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response("<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"})

    httpserver.expect_request("/feed").respond_with_handler(handler)
    with client() as c:
        first = c.get(httpserver.url_for("/feed"))
        assert first.status == 200 and first.etag == '"v1"'
        second = c.get(httpserver.url_for("/feed"), etag=first.etag, last_modified=first.last_modified)
        assert second.not_modified and second.content == b""
    assert seen[0]["User-Agent"] == UA
    assert seen[1]["If-Modified-Since"] == "Mon, 01 Jan 2024 00:00:00 GMT"


def test_retries_503_then_succeeds_honouring_retry_after(httpserver):
    calls = []

    def handler(request):
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("busy", status=503, headers={"Retry-After": "1"})
        return Response("ok")

    httpserver.expect_request("/x").respond_with_handler(handler)
    with client() as c:
        assert c.get(httpserver.url_for("/x")).content == b"ok"
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.9


def test_gives_up_after_retries(httpserver):
    httpserver.expect_request("/down").respond_with_data("no", status=500)
    with client(retries=1) as c, pytest.raises(FetchError, match="HTTP 500"):
        c.get(httpserver.url_for("/down"))


def test_404_is_not_retried(httpserver):
    httpserver.expect_ordered_request("/gone").respond_with_data("", status=404)
    with client() as c, pytest.raises(FetchError, match="HTTP 404"):
        c.get(httpserver.url_for("/gone"))


def test_size_cap_applies_to_decompressed_bytes(httpserver):
    bomb = gzip.compress(b"0" * 2_000_000)
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    with client(max_bytes=100_000) as c, pytest.raises(FetchError, match="larger than 100000 bytes"):
        c.get(httpserver.url_for("/bomb"))


def test_redirects_are_recorded_and_loops_stopped(httpserver):
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data("here")
    httpserver.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    with client() as c:
        result = c.get(httpserver.url_for("/old"))
        assert result.content == b"here" and result.redirects == [httpserver.url_for("/new")]
        with pytest.raises(FetchError, match="redirect loop"):
            c.get(httpserver.url_for("/loop"))


def test_rate_limit_spaces_requests(httpserver):
    httpserver.expect_request("/r").respond_with_data("ok")
    with client(requests_per_second=10) as c:
        start = time.monotonic()
        for _ in range(4):
            c.get(httpserver.url_for("/r"))
        assert time.monotonic() - start >= 0.29


def test_unreachable_host_is_one_clear_line():
    with client(retries=0) as c, pytest.raises(FetchError) as err:
        c.get("http://127.0.0.1:9/feed")
    assert "unreachable" in str(err.value) and "127.0.0.1:9" in str(err.value)


@pytest.mark.parametrize("name, title, published, company, form, period", [
    ("nvidia_10q_2025-08-27.html", "10-Q - Nvidia Corp (period ended 2025-07-27)", "2025-08-27", "Nvidia Corp", "10-Q", "2025-07-27"),
    ("oracle_8k_2022-06-13_item2.02.htm", "8-K - Oracle Corporation", "2022-06-13", "Oracle Corporation", "8-K", "2022-06-13"),
    ("oracle_8k_2022-06-13_ex99-1_q4fy22_press_release.htm",
     "EX-99.1 - Oracle Corporation: Oracle Announces Fiscal 2022 Fourth Quarter and Fiscal Full Year Financial Results",
     "2022-06-13", "Oracle Corporation", "EX-99.1", None),
    ("nike_fwp_2015-10-26_pricing_term_sheet.html", "FWP - NIKE, Inc.", "2015-10-26", "NIKE, Inc.", "FWP", None),
    ("google_8k_ex1-01_2014-02-20_terms_agreement.html", "EX-1.01 - Google Inc.", "2014-02-20", "Google Inc.", "EX-1.01", None),
    ("adobe_8k_2023-03-15_full_submission.txt", "8-K - Adobe Inc.", "2023-03-15", "Adobe Inc.", "8-K", "2023-03-15"),
])
def test_filing_files_carry_their_own_date_form_period_and_filer(name, title, published, company, form, period):
    """Cover page, SGML header and inline XBRL dei: facts, not "Document" and the ingest date."""
    [doc] = read_path(FIXTURES / "filings" / name)
    assert (doc.kind, doc.title, doc.published, doc.company) == ("filing", title, published, company)
    assert doc.meta.get("form") == form
    assert doc.meta.get("report_date") == period


@pytest.mark.parametrize("value, month", [
    ("1202", 11), ("0930", 9), ("1231", 12), ("--01-25", 1), ("1/25", 1), ("0103", 12), ("January 28", 1),
    ("", None), ("13/40", None), ("FY", None),
])
def test_a_fiscal_year_end_is_the_month_its_quarters_count_from(value, month):
    """A 52/53-week year ending in a month's first week is the month before's (Adobe's 1202)."""
    assert fiscal_year_end_month(value) == month


def test_an_unconfigured_filer_gets_the_fiscal_calendar_its_filing_states():
    """Adobe's SGML header says FISCAL YEAR END: 1202 and Nvidia's dei fact 1/25: their statement
    columns are named in their own fiscal calendars, not the calendar year."""
    from monitor.nlp.pipeline import Extractor

    [adobe] = read_path(FIXTURES / "filings" / "adobe_8k_2023-03-15_full_submission.txt")
    [nvidia] = read_path(FIXTURES / "filings" / "nvidia_10q_2025-08-27.html")
    assert adobe.meta["fiscal_year_end"] == 11 and nvidia.meta["fiscal_year_end"] == 1
    extractor = Extractor()
    capex = {(e.amount_usd, e.period) for e in extractor.extract(adobe) if e.type == "capex"}
    assert capex == {(101e6, "Q1 FY2023"), (100e6, "Q1 FY2022")}  # three months ended March 3, 2023 / March 4, 2022
    periods = {e.period for e in extractor.extract(nvidia) if e.type == "capex"}
    assert {"H1 FY2026", "H1 FY2025"} <= periods, periods  # six months ended July 27, 2025 / July 28, 2024


# The signature block that opens EDGAR's older complete submission files (155 East Tropicana's 10-K
# of 2008-03-31, accession 0001104659-08-021249, as the Archives serve it)
_PEM_HEADER = """-----BEGIN PRIVACY-ENHANCED MESSAGE-----
Proc-Type: 2001,MIC-CLEAR
Originator-Name: webmaster@www.sec.gov
Originator-Key-Asymmetric:
 MFgwCgYEVQgBAQICAf8DSgAwRwJAW2sNKK9AVtBzYZmr6aGjlWyK3XmZv3dTINen
 TWSM7vrzLADbmYQaionwg5sDW3P6oaM5D3tdezXMm7z1T+B+twIDAQAB
MIC-Info: RSA-MD5,RSA,
 NdIpMLzn2q/F0D3IPHLsTttiZ8k4Tc/1Se+IuC9UcMvUepSRsiPLFSr4S2AY3vOs
 q6ap2tdzKog4y5Pyfs1DcA==

"""


def test_a_submission_file_opened_by_its_signature_block_is_read_as_its_documents(tmp_path):
    """A complete submission with the PEM block before "<SEC-DOCUMENT>" is a submission: its HTML is
    read as pages (no "<p style=...>" or "&nbsp;" in sentences, "$130.0&nbsp;million" not $130,000)."""
    raw = (FIXTURES / "filings" / "adobe_8k_2023-03-15_full_submission.txt").read_bytes()
    path = tmp_path / "0000796343-23-000044.txt"
    path.write_bytes(_PEM_HEADER.encode() + raw + b"\n-----END PRIVACY-ENHANCED MESSAGE-----\n")
    [doc] = read_path(path)
    [plain] = read_path(FIXTURES / "filings" / "adobe_8k_2023-03-15_full_submission.txt")
    assert (doc.id, doc.title, doc.published, doc.text) == (plain.id, plain.title, plain.published, plain.text)
    assert "<p" not in doc.text and "&nbsp;" not in doc.text


def test_an_edgar_document_saved_as_text_without_its_header_is_read_as_a_page(tmp_path):
    """"<DOCUMENT> <TYPE>8-K ... <TEXT> <html>" in a .txt is the page the tags make, not prose with tags."""
    raw = (FIXTURES / "filings" / "adobe_8k_2023-03-15_full_submission.txt").read_bytes()
    start, end = raw.index(b"<DOCUMENT>"), raw.index(b"</DOCUMENT>") + len(b"</DOCUMENT>")
    path = tmp_path / "adobe-8k.txt"
    path.write_bytes(raw[start:end])
    [doc] = read_path(path, kind="filing")
    assert doc.kind == "filing" and doc.meta.get("form") == "8-K"
    assert "<p" not in doc.text and "<div" not in doc.text and "&nbsp;" not in doc.text and "&#" not in doc.text


def test_a_filing_saved_as_text_reads_its_cover_page(tmp_path):
    page = extract_filing((FIXTURES / "filings" / "nike_fwp_2015-10-26_pricing_term_sheet.html").read_bytes())
    path = tmp_path / "nike.txt"
    path.write_text(page.text, encoding="utf-8")
    [doc] = read_path(path, kind="filing")
    assert (doc.title, doc.published, doc.company, doc.meta["form"]) == ("FWP - NIKE, Inc.", "2015-10-26", "NIKE, Inc.", "FWP")


def test_a_line_break_in_a_filing_s_html_source_is_a_space():
    """Marathon Digital's 10-Q wraps its paragraphs' source at 130 characters; a browser shows one
    paragraph, and so must we, or its sentences fall apart. Tables keep one row per line."""
    from monitor.collect.html import extract_filing

    html = ("<html><body><p>On\nJuly 28, 2022, the Company entered into a Revolving Credit and Security Agreement with Silvergate Bank\n"
            "(the &#8220;Bank&#8221;) pursuant to which Silvergate had agreed to loan the Company up to $100,000.</p>"
            "<p>Second\r\nparagraph.</p><table><tr><td>Proceeds from\nborrowings</td><td>1,500</td></tr>"
            "<tr><td>Repayments</td><td>(500)</td></tr></table></body></html>")
    lines = extract_filing(html).text.split("\n")
    assert ("On July 28, 2022, the Company entered into a Revolving Credit and Security Agreement with Silvergate Bank "
            "(the “Bank”) pursuant to which Silvergate had agreed to loan the Company up to $100,000.") in lines
    assert "Second paragraph." in lines
    assert "Proceeds from borrowings | 1,500" in lines and "Repayments | (500)" in lines


def test_what_a_filing_s_stylesheet_hides_is_not_read():
    """Vail Resorts' 10-K for fiscal 2021 (public domain, SEC), as another project stored it: the
    inline-XBRL tags dropped, the hidden header's contents kept in a `display:none` block before the
    cover page. Read as text, that block hid the cover ("For the fiscal year ended July 31, 2021"),
    so the filing had no period of report and its earlier years' notes were not history."""
    from monitor.collect.edgar import cover_of
    from monitor.collect.html import extract_filing

    html = ("<html><head><style>div.mtn1 {display:none}\n span.mtn2 {font-weight:700}</style></head><body>"
            "<div class=\"mtn1\">false2021FY000081201100008120112020-08-012021-07-31iso4217:USD</div>"
            "<div style=\"DISPLAY: none\">0000812011 2021-09-20</div>"
            "<p>UNITED STATES</p><p>SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 10-K</p>"
            "<p>For\nthe fiscal year ended July 31, 2021</p><p><span class=\"mtn2\">Vail Resorts, Inc.</span></p>"
            "<p>(Exact name of registrant as specified in its charter)</p></body></html>")
    text = extract_filing(html).text
    assert "0000812011" not in text and "Vail Resorts, Inc." in text
    cover = cover_of(text)
    assert (cover.form, cover.period) == ("10-K", "2021-07-31")
    # a table's hidden rows stay: Marathon Digital's 10-Q hides heading rows its statements are read by
    html = ('<html><body><table><tr style="display:none"><td></td><td>2023</td><td>2022</td></tr>'
            "<tr><td>Purchase of property and equipment</td><td>(6,534)</td><td>—</td></tr></table></body></html>")
    assert "2023 | 2022" in extract_filing(html).text


def test_a_filing_signed_with_the_date_before_by_is_dated():
    """Lowe's 10-Q of August 2023 (public domain, SEC) puts the date first on its signature line,
    the word "Date" under it: without that date, a filing has no `published`."""
    from monitor.collect.edgar import cover_of

    text = ("FORM 10-Q\nLOWE’S COMPANIES, INC.\nFor the quarterly period ended August 4, 2023\n\n"
            "SIGNATURE\n\nPursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly "
            "caused this report to be signed on its behalf by the undersigned thereunto duly authorized.\n\n"
            "LOWE’S COMPANIES, INC.\n(Registrant)\nAugust 30, 2023 | By: /s/ Dan C. Griggs, Jr.\n"
            "Date | Dan C. Griggs, Jr. Senior Vice President, Tax and Chief Accounting Officer\n")
    cover = cover_of(text)
    assert (cover.form, cover.period, cover.date) == ("10-Q", "2023-08-04", "2023-08-30")
    # Alphabet's and Caterpillar's 10-Qs of 2023: the "By:" in a cell of its own, or no "By:"
    for line in ("September 5, 2023 | By: | /s/ RUTH M. PORAT", "September 5, 2023 | /s/ D. James Umpleby III"):
        assert cover_of(text.replace("August 30, 2023 | By: /s/ Dan C. Griggs, Jr.", line)).date == "2023-09-05"


def test_a_report_is_dated_by_its_signature_never_before_its_period():
    """Electronic Arts' 10-Q for the quarter ended December 31, 2016 (public domain, SEC): the date
    stands under "DATED:" and the signer's name; the exhibit index after it names an agreement
    "dated November 18, 2016", which is not the report's date."""
    from monitor.collect.edgar import cover_of

    text = ("FORM 10-Q\nELECTRONIC ARTS INC.\nFor the quarterly period ended December 31, 2016\n\nSIGNATURE\n"
            "Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this "
            "report to be signed on its behalf by the undersigned thereunto duly authorized.\nELECTRONIC ARTS INC.\n"
            "(Registrant)\n/s/ Blake Jorgensen\nDATED: | Blake Jorgensen\nFebruary 7, 2017 | Executive Vice President,\n"
            "Chief Financial Officer\n61\n10.1* | Transition Agreement for Gabrielle Toledano, dated November 18, 2016 | X\n")
    cover = cover_of(text)
    assert (cover.period, cover.date) == ("2016-12-31", "2017-02-07")
    undated = text.replace("February 7, 2017", "Chief Financial Officer")
    assert cover_of(undated).date is None  # rather none than the exhibit's


def test_a_filing_without_a_cover_is_dated_by_the_date_it_names_most():
    """Clorox's exhibit 99.1 to its fiscal 2022 10-K (public domain, SEC) holds the annual report's
    financial section and no cover page: its balance sheet date, named most often, stands in for
    the period of report, and its statements' "Years ended June 30" give the fiscal year's end.
    Without it the ingest date was taken and the year's own notes read as history."""
    from monitor.collect.edgar import cover_of

    text = ("Exhibit 99.1\nManagement's Discussion and Analysis\n" + "Cash and cash equivalents as of June 30, 2022 were $183.\n" * 5
            + "In May 2022, the Company issued $1,100 in senior notes. The notes mature on May 15, 2032.\n"
            + "Years ended June 30 | 2022 | 2021 | 2020\nCapital expenditures | ( 251 ) | ( 331 ) | ( 254 )\n")
    cover = cover_of(text)
    assert (cover.period, cover.fiscal_year_end, cover.date) == ("2022-06-30", 6, None)
    assert cover_of(text.replace("as of June 30, 2022", "today")).period is None  # one date named once is no period


def test_a_date_alone_under_the_signer_dates_the_report():
    """Standard Pacific's 10-K for 2013 (public domain, SEC)."""
    from monitor.collect.edgar import cover_of

    text = ("FORM 10-K\nSTANDARD PACIFIC CORP.\nFor the fiscal year ended December 31, 2013\n\nSIGNATURES\n"
            "Pursuant to the requirements of Section 13 or 15(d) of the Securities Exchange Act of 1934, the Registrant has "
            "duly caused this report to be signed on its behalf by the undersigned, thereunto duly authorized.\n"
            "STANDARD PACIFIC CORP. (Registrant)\nBy: | /s/ Scott D. Stowell\nScott D. Stowell\n"
            "Chief Executive Officer and President\nFebruary 24, 2014\nPOWER OF ATTORNEY\n")
    assert cover_of(text).date == "2014-02-24"


def test_an_annual_reports_period_gives_the_fiscal_year_end_when_no_fact_does():
    """Southwest Iowa Renewable Energy's 10-K for the fiscal year ended September 30, 2008 (public
    domain, SEC) states no dei fact; its period of report ends its fiscal year. A 52/53-week year
    ending in a month's first days is the month before's (Macy's February 2, 2013: January)."""
    from monitor.collect.edgar import cover_of

    text = "FORM 10-K\nSOUTHWEST IOWA RENEWABLE ENERGY, LLC\nFor the fiscal year ended September 30, 2008\n"
    assert cover_of(text).fiscal_year_end == 9
    assert cover_of(text.replace("September 30, 2008", "February 2, 2013")).fiscal_year_end == 1
    assert cover_of(text.replace("FORM 10-K", "FORM 10-Q").replace("fiscal year", "quarterly period")).fiscal_year_end is None


def test_a_reports_own_period_outranks_a_mis_tagged_fiscal_year_end():
    """Sonos's 10-Q for the quarter ended April 2, 2022 (public domain, SEC) tags its fiscal year
    end "--01-01", but its "Q2" ended April 2: a year that ends in September. A 10-K's "FY" period
    ends its fiscal year; an 8-K's focus says nothing of it."""
    from monitor.collect.edgar import cover_of

    facts = {"DocumentType": "10-Q", "DocumentPeriodEndDate": "2022-04-02", "DocumentFiscalPeriodFocus": "Q2",
             "DocumentFiscalYearFocus": "2022", "CurrentFiscalYearEndDate": "--01-01"}
    cover = cover_of("FORM 10-Q\nSONOS, INC.\n", facts)
    assert (cover.fiscal_year_end, cover.fiscal_period) == (9, "Q2 2022")
    assert cover_of("", {**facts, "DocumentFiscalPeriodFocus": "Q1", "DocumentPeriodEndDate": "2023-03-31"}).fiscal_year_end == 12
    annual = {**facts, "DocumentType": "10-K", "DocumentFiscalPeriodFocus": "FY", "DocumentPeriodEndDate": "2024-01-28"}
    assert cover_of("", annual).fiscal_year_end == 1
    assert cover_of("", {**facts, "DocumentType": "8-K"}).fiscal_year_end == 12  # "--01-01": a December year, as tagged


def test_a_filing_without_dei_facts_that_says_how_its_fiscal_year_runs():
    """Sonos's 10-Q as plain text (public domain, SEC): no dei fact, but its notes say when its
    year ends; retailers write "the Saturday closest to January 31"."""
    from monitor.collect.edgar import cover_of

    text = ("FORM 10-Q\nFor the quarterly period ended April 2, 2022\nSonos, Inc.\nThe Company operates on a 52- week or "
            "53- week fiscal year ending on the Saturday nearest September 30 each year.\n")
    assert cover_of(text).fiscal_year_end == 9
    assert cover_of(text.replace("ending on the Saturday nearest September 30 each year", "ends on the Saturday closest to January 31")).fiscal_year_end == 1
    assert cover_of(text.replace("ending on the Saturday nearest September 30", "ends on the last Saturday in July")).fiscal_year_end == 7
