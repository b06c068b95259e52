"""Earnings-call transcript parsing over the five real layouts in tests/fixtures/transcripts."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from monitor.collect.transcripts import (
    Transcript,
    TranscriptError,
    Turn,
    looks_like_transcript,
    parse_transcript,
    transcript_document,
)
from monitor.models import stable_id

FIXTURES = Path(__file__).parent / "fixtures"
TRANSCRIPTS = FIXTURES / "transcripts"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "fixtures"

MSFT = "microsoft_fy26q2_2026-01-28_motleyfool.json"
DLR = "digital_realty_q4_2021.json"
NVDA = "nvidia_q4fy25_2025-02-26_motleyfool.txt"
BBBY = "bed_bath_beyond_q1_2020_2020-07-09_motleyfool.html"
SJR = "shaw_communications_q3_2020_2020-07-10_motleyfool.html"
ALL = [MSFT, DLR, NVDA, BBBY, SJR]

# Page furniture that must never end up inside a speaker's turn.
BOILERPLATE = re.compile(
    r"motley fool|image source|duration:|call participants|takeaways|industry glossary|"
    r"all earnings call transcripts|more [A-Z]{2,5} analysis|stocks mentioned|googletag|"
    r"email\s*protected|\[email",
    re.I,
)


@cache
def parsed(name: str) -> Transcript:
    return parse_transcript((TRANSCRIPTS / name).read_bytes(), name=name)


def turn_with(t: Transcript, sentence: str) -> Turn:
    found = [turn for turn in t.turns if sentence in turn.text]
    assert len(found) == 1, f"{sentence!r} in {len(found)} turns"
    return found[0]


def first_qa(t: Transcript) -> int:
    return next(i for i, turn in enumerate(t.turns) if turn.section == "qa")


def check_common(t: Transcript) -> None:
    """What holds for every layout: sections in order, clean text, no furniture."""
    sections = [turn.section for turn in t.turns]
    assert set(sections) == {"prepared", "qa"}
    assert sections == sorted(sections, key=lambda s: s == "qa")  # all prepared, then all Q&A
    for turn in t.turns:
        assert turn.text and turn.text == turn.text.strip()
        assert "\n\n" not in turn.text and "  " not in turn.text and "\xa0" not in turn.text
        assert not BOILERPLATE.search(turn.text), (turn.speaker, BOILERPLATE.search(turn.text))
        assert not BOILERPLATE.search(turn.speaker) and len(turn.speaker) < 40
    assert {turn.role for turn in t.turns if turn.speaker == "Operator"} == {None}


# -- the five layouts ------------------------------------------------------------------------------


def test_microsoft_motley_fool_json():
    t = parsed(MSFT)
    check_common(t)
    assert (t.company, t.ticker, t.quarter, t.fiscal_year, t.fiscal_quarter) == ("Microsoft", "MSFT", "Q2 FY2026", 2026, 2)
    assert t.date == "2026-01-28"  # "Wednesday, January 28, 2026 at 5:30 p.m. ET"
    assert t.title == "Microsoft (MSFT) Q2 2026 Earnings Call Transcript"
    assert t.url == "https://www.fool.com/earnings/call-transcripts/2026/01/28/microsoft-msft-q2-2026-earnings-call-transcript/"
    assert len(t.turns) == 40
    # The page's empty "Call participants" list, takeaways and summary are not turns: the call
    # opens with investor relations; roles come from the host's introductions.
    assert (t.turns[0].speaker, t.turns[0].role) == ("Jonathan Neilson", None)
    assert t.turns[0].text.startswith("Good afternoon, and thank you for joining us today.")
    assert (t.turns[1].speaker, t.turns[1].role) == ("Satya Nadella", "Chairman and Chief Executive Officer")
    # Q&A starts where the operator calls the first question, not at the IR host's hand-over.
    qa = first_qa(t)
    assert qa == 4 and t.turns[qa].speaker == "Operator"
    assert "our first question comes from the line of Keith Weiss" in t.turns[qa].text
    assert (t.turns[qa + 1].speaker, t.turns[qa + 1].role) == ("Keith Weiss", "Analyst, Morgan Stanley")
    capex = turn_with(t, "Capital expenditures were $37.5 billion in this quarter")
    assert (capex.speaker, capex.role, capex.section) == ("Amy Hood", "Chief Financial Officer", "prepared")
    assert "total finance leases were $6.7 billion" in capex.text and "cash paid for PP and E was $29.9 billion" in capex.text
    assert t.turns[-1].speaker == "Operator" and t.turns[-1].text.endswith("Have a great night.")


def test_digital_realty_json_lists():
    t = parsed(DLR)
    check_common(t)
    # The JSON states no company, ticker or date: the operator's welcome names the call.
    assert (t.company, t.ticker, t.quarter, t.date, t.url) == ("Digital Realty", None, "Q4 FY2021", None, None)
    assert len(t.turns) == 52  # 4 prepared + 49 Q&A entries, minus the "Duration: 66 minutes" one
    assert sum(turn.section == "prepared" for turn in t.turns) == 4
    assert [turn.speaker for turn in t.turns[:4]] == ["Operator", "Jim Huseby", "Bill Stein", "Andy Power"]
    assert t.turns[1].role == "Senior Vice President of Investor Relations"
    qa = first_qa(t)
    assert t.turns[qa].speaker == "Operator"
    assert (t.turns[qa + 1].speaker, t.turns[qa + 1].role) == ("Jon Atkin", "Analyst, RBC Capital Markets")
    capex = turn_with(t, "We spent $580 million on growth capex in the fourth quarter")
    assert (capex.speaker, capex.role, capex.section) == ("Bill Stein", "Chief Executive Officer", "prepared")
    guidance = turn_with(t, "Our guidance range is a step-up of $2.3 billion to $2.5 billion of capex.")
    assert (guidance.speaker, guidance.section) == ("Andy Power", "qa")
    roles = {p["speaker"]: p["role"] for p in t.participants}
    assert roles["Greg Wright"] == "Chief Investment Officer"  # not in the list; from the IR intro
    assert roles["Erik Rasmussen"] == "Analyst, Stifel Financial Corp."
    assert not any(turn.speaker.startswith("Duration") for turn in t.turns)
    # A paragraph break the scrape put inside "U.S. and Canada" is closed again.
    assert "across the U.S. and Canada, valued at $1.4 billion" in t.turns[2].text


def test_nvidia_plain_text():
    t = parsed(NVDA)
    check_common(t)
    assert (t.company, t.ticker, t.quarter, t.date, t.title) == ("NVIDIA", "NVDA", "Q4 FY2025", "2025-02-26", None)
    assert len(t.turns) == 37
    assert [turn.speaker for turn in t.turns[:3]] == ["Operator", "Stewart Stecker", "Colette M. Kress"]
    assert t.turns[1].role == "Senior Director, Investor Relations"
    assert t.turns[2].role == "Chief Financial Officer, Executive Vice President"
    qa = first_qa(t)
    assert qa == 3 and t.turns[qa].speaker == "Operator"  # after the "Questions & Answers:" heading
    assert (t.turns[qa + 1].speaker, t.turns[qa + 1].role) == ("C.J. Muse", "Analyst, Cantor Fitzgerald")
    revenue = turn_with(t, "Revenue of $39.3 billion was up 12% sequentially")
    assert (revenue.speaker, revenue.section) == ("Colette M. Kress", "prepared")
    capex = turn_with(t, "Going forward, data centers will dedicate most of capex to accelerated computing and AI.")
    assert (capex.speaker, capex.role, capex.section) == ("Jensen Huang", "President and Chief Executive Officer", "qa")
    joe = next(turn for turn in t.turns if turn.speaker == "Joe Moore")
    assert joe.role == "Analyst, JPMorgan Chase and Company"  # the page's list beats the operator
    # An operator turn over two lines still names the analyst's firm the participants list omits.
    intro = turn_with(t, "comes from Mark Lipacis with Evercore ISI.\nPlease go ahead.")
    assert intro.speaker == "Operator"
    assert t.turns[t.turns.index(intro) + 1].role == "Analyst, Evercore ISI"
    assert t.turns[-1].text == "[Operator signoff]"


def test_bed_bath_beyond_html_page():
    t = parsed(BBBY)
    check_common(t)
    assert (t.company, t.ticker, t.quarter) == ("Bed Bath & Beyond", "BBBY", "Q1 FY2020")
    assert t.date == "2020-07-08"  # the call ("Jul 08, 2020"), not the page's publication date
    assert t.title == "Bed Bath & Beyond (BBBY) Q1 2020 Earnings Call Transcript"
    assert t.url.startswith("https://www.fool.com/earnings/call-transcripts/2020/07/09/bed-bath-beyond-bbby")
    assert len(t.turns) == 106
    assert sum(turn.section == "prepared" for turn in t.turns) == 7
    assert (t.turns[1].speaker, t.turns[1].role) == ("Janet Barth", "Vice President, Investor Relations")
    assert t.turns[0].text.endswith("turn the call over to Ms. Janet Barth. Ms. Barth, you may begin.")
    qa = first_qa(t)
    assert t.turns[qa].speaker == "Operator"
    assert (t.turns[qa + 1].speaker, t.turns[qa + 1].role) == ("Seth Sigman", "Analyst, Credit Suisse")
    capex = turn_with(t, "Our capital expenditures were $42 million")
    assert (capex.speaker, capex.role, capex.section) == ("Gustavo Arnal", "Chief Financial Officer and Treasurer", "prepared")
    facility = turn_with(t, "a new three-year $850 million asset-based revolving credit facility")
    assert facility.speaker == "Mark Tritton"
    # The ad slot (div#pitch) inside Janet Barth's remarks leaves no trace.
    assert "Please refer to our most recent periodic SEC filings" in t.turns[1].text
    horvers = {p["speaker"]: p["role"] for p in t.participants}["Christopher Horvers"]
    assert horvers == "Analyst, J.P. Morgan"


def test_shaw_html_page():
    t = parsed(SJR)
    check_common(t)
    assert (t.company, t.ticker, t.quarter, t.date) == ("Shaw Communications", "SJR", "Q3 FY2020", "2020-07-10")
    assert len(t.turns) == 58
    assert sum(turn.section == "prepared" for turn in t.turns) == 4
    assert (t.turns[1].speaker, t.turns[1].role) == ("Bradley Shaw", "Executive Chair and Chief Executive Officer")
    qa = first_qa(t)
    assert t.turns[qa].speaker == "Operator"
    assert (t.turns[qa + 1].speaker, t.turns[qa + 1].role) == ("Vince Valentini", "Analyst, TD Securities")
    capex = turn_with(t, "Capital investments were largely as per our original budget")
    assert capex.speaker == "Trevor English" and capex.section == "prepared"
    assert capex.role == "Executive Vice President, Chief Financial and Corporate Development Officer"
    assert t.turns[-1].text == "[Operator Closing Remarks]"


def test_metadata_comes_from_the_content_not_the_file_name():
    content = (TRANSCRIPTS / BBBY).read_bytes()
    t = parse_transcript(content, name="download", content_type="text/html; charset=utf-8", url="https://mirror.example/x")
    assert (t.company, t.quarter, t.date, len(t.turns)) == ("Bed Bath & Beyond", "Q1 FY2020", "2020-07-08", 106)
    assert t.url.startswith("https://www.fool.com/")  # the page's canonical URL beats where it was fetched
    t = parse_transcript((TRANSCRIPTS / NVDA).read_bytes(), name="blob", url="https://example.org/nvda")
    assert (t.quarter, t.date, t.url, len(t.turns)) == ("Q4 FY2025", "2025-02-26", "https://example.org/nvda", 37)


# -- Document ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_document_offsets_point_at_each_turn(name):
    t = parsed(name)
    doc = transcript_document(t, source="transcripts")
    assert doc.kind == "transcript" and doc.company == t.company and doc.ticker == t.ticker
    assert doc.published == t.date and doc.meta["call_date"] == t.date
    spans = doc.meta["turns"]
    assert len(spans) == len(t.turns)
    for span, turn in zip(spans, t.turns, strict=True):
        assert doc.text[span["start"]:span["end"]] == turn.text
        assert (span["speaker"], span["role"], span["section"]) == (turn.speaker, turn.role, turn.section)
        header = f"{turn.speaker} ({turn.role})" if turn.role else turn.speaker
        assert doc.text[: span["start"]].endswith(f"\n\n{header}\n")
    assert [s["start"] for s in spans] == sorted(s["start"] for s in spans)
    assert doc.text.startswith(f"Prepared remarks\n\n{t.turns[0].speaker}")
    assert doc.text.count("\n\nQuestions and answers\n\n") == 1
    assert (doc.meta["fiscal_year"], doc.meta["fiscal_quarter"], doc.meta["quarter"]) == (t.fiscal_year, t.fiscal_quarter, t.quarter)
    participants = doc.meta["participants"]
    assert len({p["speaker"] for p in participants}) == len(participants) == len({turn.speaker for turn in t.turns})


def test_document_ids_and_titles():
    msft = transcript_document(parsed(MSFT), source="fool")
    assert msft.id == stable_id("url", parsed(MSFT).url)
    assert msft.title == "Microsoft (MSFT) Q2 2026 Earnings Call Transcript"
    assert "\n\nAmy Hood (Chief Financial Officer)\nThank you, Satya, and good afternoon, everyone." in msft.text
    assert transcript_document(parsed(MSFT), source="fool", url="https://x.example/a").id == stable_id("url", "https://x.example/a")

    dlr = transcript_document(parsed(DLR), source="dataset")
    assert dlr.url is None and dlr.published is None
    assert dlr.id == stable_id("transcript", "Digital Realty", "Q4 FY2021", "")
    assert dlr.title == "Digital Realty Q4 FY2021 earnings call"
    nvda = transcript_document(parsed(NVDA), source="files")
    assert nvda.title == "NVIDIA Q4 FY2025 earnings call"
    assert nvda.id == stable_id("transcript", "NVIDIA", "Q4 FY2025", "2025-02-26")
    assert "\n\nC.J. Muse (Analyst, Cantor Fitzgerald)\nYeah. Good afternoon." in nvda.text


def test_an_undated_call_dates_its_periods_by_the_quarter_it_reports_on():
    # Digital Realty's call states no date: its "fourth quarter" is Q4 2021, the quarter the
    # operator names, never a quarter of the day the file was ingested
    from monitor.nlp.pipeline import Extractor

    dlr = transcript_document(parsed(DLR), source="dataset")
    dlr.fetched = "2026-12-07T01:00:00"
    events = {(e.type, e.amount_usd): e for e in Extractor().extract(dlr)}
    assert events[("capex", 580e6)].period == "Q4 2021"  # "We spent $580 million on growth capex in the fourth quarter"
    assert events[("debt", 3e9)].period == "Q4 2021"  # "we recast our credit facility during the fourth quarter ... to $3 billion"


def test_small_colon_layout_and_operator_question_call():
    text = (
        b"Acme Corp (NYSE: ACME) Q3 FY2024 Earnings Call\nOctober 30, 2024\n\n"
        b"Operator: Welcome to the Acme third quarter fiscal 2024 earnings call.\n"
        b"Jane Roe: Thank you. With me is John Doe, our chief financial officer.\n"
        b"John Doe: Capex was $1.2 billion.\n\nWe expect more.\n"
        b"Operator: Our first question comes from Ann Lee with Big Bank. Please go ahead.\n"
        b"Ann Lee: How much next year?\n"
        b"John Doe: About the same.\n"
    )
    assert looks_like_transcript(text, "acme.txt")
    t = parse_transcript(text, name="acme.txt")
    assert (t.company, t.ticker, t.quarter, t.date) == ("Acme", "ACME", "Q3 FY2024", "2024-10-30")
    assert [(x.speaker, x.role, x.section) for x in t.turns] == [
        ("Operator", None, "prepared"),
        ("Jane Roe", None, "prepared"),
        ("John Doe", "Chief Financial Officer", "prepared"),
        ("Operator", None, "qa"),
        ("Ann Lee", "Analyst, Big Bank", "qa"),
        ("John Doe", "Chief Financial Officer", "qa"),
    ]
    assert t.turns[2].text == "Capex was $1.2 billion.\nWe expect more."


# -- recognising transcripts, and the errors -----------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_looks_like_transcript_for_every_layout(name):
    assert looks_like_transcript((TRANSCRIPTS / name).read_bytes(), name)
    assert looks_like_transcript((TRANSCRIPTS / name).read_bytes())  # sniffed without a name


@pytest.mark.parametrize(
    "path",
    [
        FIXTURES / "articles/cityam_2019-11-20_alibaba_hong_kong_listing.trimmed.html",
        FIXTURES / "filings/nike_fwp_2015-10-26_pricing_term_sheet.html",
        FIXTURES / "filings/oracle_8k_2022-06-13_ex99-1_q4fy22_press_release.htm",
        FIXTURES / "feeds/techcrunch_3_items.rss.xml",
        SHARED / "articles/cityam_2019-11-20_alibaba_hong_kong_listing.html",
        SHARED / "articles/foxbusiness_2019-11-19_home_depot_q3_earnings.html",
        SHARED / "articles/cnbc_2011-09-21_fed_operation_twist.html",
        SHARED / "filings/apple_8k_2024-02-01_ex99-1_q1fy24_press_release.htm",
        SHARED / "filings/meta_8k_2025-12-19_item5.02.htm",
        SHARED / "feeds/cnbc_top_news_items_2020-07-21.json",
    ],
    ids=lambda p: p.name,
)
def test_news_filings_and_feeds_are_not_transcripts(path):
    if not path.exists():
        pytest.skip(f"{path} not available")
    assert not looks_like_transcript(path.read_bytes(), path.name)


def test_news_article_page_is_an_error_with_one_line_reason():
    path = SHARED / "articles/cityam_2019-11-20_alibaba_hong_kong_listing.html"
    if not path.exists():
        path = FIXTURES / "articles/cityam_2019-11-20_alibaba_hong_kong_listing.trimmed.html"
    with pytest.raises(TranscriptError, match=r"^cityam\.html: no recognisable speaker turns") as err:
        parse_transcript(path.read_bytes(), name="cityam.html")
    assert "\n" not in str(err.value)


def test_labelled_lines_that_are_not_a_call_are_an_error():
    term_sheet = (FIXTURES / "filings/nike_fwp_2015-10-26_pricing_term_sheet.html").read_bytes()
    with pytest.raises(TranscriptError, match="no recognisable speaker turns"):
        parse_transcript(term_sheet, name="nike.html")


@pytest.mark.parametrize(
    "content, name, reason",
    [
        (b"", "empty.json", "empty body"),
        (b"  \n\t ", "blank.txt", "empty body"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.html", "binary content"),
        (b'{"prepared_remarks": [{"speaker": "Operator"', "cut.json", "malformed JSON"),
        (b'{"title": "Acme Q1 2024 Earnings Call", "url": "https://x"}', "meta.json", "JSON without remarks"),
        (b'{"prepared_remarks": "", "qa_section": ""}', "blank.json", "JSON without remarks"),
        (b'{"prepared_remarks": [{"speaker": "Duration: 5 minutes", "speech": ""}]}', "dur.json", "JSON without remarks"),
        (b'[{"title": "a"}]', "list.json", "not a transcript object"),
        (b"Just one paragraph of news text.\nAnother line, no speakers.", "note.txt", "no recognisable speaker turns"),
    ],
)
def test_bad_input_raises_one_line_error(content, name, reason):
    with pytest.raises(TranscriptError, match=re.escape(reason)) as err:
        parse_transcript(content, name=name)
    message = str(err.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    assert not looks_like_transcript(content, name)


def test_json_turn_lists_with_participant_objects():
    data = {
        "participants": [{"name": "Jane Roe", "title": "chief financial officer"}, "Bob Lee--Big Bank -- Analyst", 5],
        "prepared_remarks": [
            {"speaker": "Operator", "speech": "Welcome to the Acme Q1 2024 earnings call."},
            {"speaker": "Jane Roe", "speech": "Capex rose.\n\n\nto $2 billion."},
        ],
        "q_and_a": [
            {"speaker": "Operator", "speech": "Our first question comes from Bob Lee."},
            {"speaker": "Bob Lee", "speech": "Why?"},
            {"speaker": "Duration: 3 minutes", "speech": ""},
        ],
    }
    t = parse_transcript(json.dumps(data).encode(), name="acme.json")
    assert (t.company, t.ticker, t.quarter, t.date) == ("Acme", None, "Q1 FY2024", None)
    assert [(x.speaker, x.role, x.section) for x in t.turns] == [
        ("Operator", None, "prepared"),
        ("Jane Roe", "Chief Financial Officer", "prepared"),
        ("Operator", None, "qa"),
        ("Bob Lee", "Analyst, Big Bank", "qa"),
    ]
    assert t.turns[1].text == "Capex rose. to $2 billion."  # a lower-case line continues the sentence
