"""What makes a line a statement row (issue 16, failure class 1 and 5).

A line is read as a row of a cash-flow statement only when its label is followed by figures and
nothing else: prose that starts with a row's words ("Capital expenditures were $3.1 billion in
2023") is prose, and a year is never a figure. Properties, checked with Hypothesis over the
document kinds: no event's amount is ever a year (at any scale), and no amount written with
"billion" comes out in millions.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.models import Document
from monitor.nlp.pipeline import Extractor
from monitor.nlp.tables import row_cells, table_events

LABELS = [
    "Capital expenditures", "Purchases of property and equipment", "Capital investments",
    "Payments for acquisition of property, plant and equipment", "Proceeds from issuance of long-term debt",
    "Additions to property and equipment", "Proceeds from borrowings", "Cash capital expenditures",
]
VERBS = ["were", "was", "totaled", "amounted to", "increased to", "decreased to", "of", "reached"]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def settings_(n: int):
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def test_the_issue_example_is_prose_not_a_row(extractor):
    text = "Capital expenditures were $3.1 billion in 2023, compared with $2.7 billion in 2022.\n"
    assert table_events(text, "filing") == []
    for kind in ("filing", "news", "transcript"):
        events = extractor.extract(Document(id="x", source="t", kind=kind, text=text, company="Acme"))
        amounts = sorted(e.amount_usd for e in events)
        assert all(a in (3.1e9, 2.7e9) for a in amounts), (kind, amounts)
        assert 3.1e9 in amounts


@pytest.mark.parametrize("rest", [
    " were $3.1 billion in 2023", " 2024 2023", " 12% 15%", " June 27, 2025", " (in millions)",
    " increased $1.4 billion", "", " as follows:",
])
def test_rests_that_are_not_figures(rest):
    assert row_cells(rest) is None


@pytest.mark.parametrize("rest,figures", [
    (" (4,511) (2,135)", 2), (" | (4,511) | (2,135)", 2), (" $ (3,122) $ (1,346)", 2), (" (3) (4,511) (2,135)", 2),
    (" 48,133 — 77,658", 3),
])
def test_rests_that_are_figures(rest, figures):
    from monitor.nlp.tables import _figures

    cells = row_cells(rest)
    assert cells is not None and len(_figures(cells)) == figures


def test_footnote_marker_is_not_a_figure():
    text = "(In millions)\nYear Ended December 31,\n2024 2023\nCapital expenditures (3) (4,511) (2,135)\n"
    events = [e for e, _, _ in table_events(text, "filing")]
    assert [(e.amount_usd, e.period) for e in events] == [(4511e6, "2024"), (2135e6, "2023")]


def test_scale_of_an_earlier_table_is_not_carried_over():
    text = (
        "CONSOLIDATED STATEMENTS OF OPERATIONS\n(In millions)\nRevenue 1,000 900\n"
        "CONSOLIDATED STATEMENTS OF CASH FLOWS\n(In thousands)\nYear Ended December 31,\n2024 2023\n"
        "Purchases of property and equipment (4,511) (2,135)\n"
    )
    assert [e.amount_usd for e, _, _ in table_events(text, "filing")] == [4511e3, 2135e3]


def test_whole_dollar_statement_is_not_read_as_millions():
    text = (
        "STATEMENTS OF CASH FLOWS\nYear Ended December 31,\n2024 2023\n"
        "Net cash provided by operating activities 1,234,567 987,654\n"
        "Purchases of property and equipment (45,120) (38,004)\n"
    )
    assert [e.amount_usd for e, _, _ in table_events(text, "filing")] == [45120.0, 38004.0]


def test_advances_from_bank_loans_are_borrowing_rows():
    # Bonso Electronics' 20-F for fiscal 2021 (public domain, SEC), in thousands of US dollars
    text = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\n($ in thousands)\nYear ended March 31, | 2019 | 2020 | 2021\n"
            "Advance from bank loans | 641 | 1,769 | —\nRepayment of bank loans | (790) | (1,641) | (131)\n"
            "Advance from notes payable | 237 | 14 | 52\nAdvances from customers | 5 | 6 | 7\n")
    rows = sorted((e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 3) if e.type == "debt")
    assert rows == [(14e3, "FY2020"), (52e3, "FY2021"), (237e3, "FY2019"), (641e3, "FY2019"), (1769e3, "FY2020")]


def test_borrowings_under_notes_named_by_their_coupon_are_borrowing_rows():
    # Vail Resorts' 10-K for fiscal 2021 (public domain, SEC): the coupon is part of the label
    text = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\n(In thousands)\nYear Ended July 31, | 2021 | 2020 | 2019\n"
            "Proceeds from borrowings under 0.0% Convertible Notes | 575,000 | — | —\n"
            "Proceeds from borrowings under 6.25% Notes | — | 600,000 | —\n"
            "Repayments of borrowings under 6.25% Notes | — | (1,250) | —\n")
    rows = [(e.amount_usd, e.period, e.instrument) for e, _, _ in table_events(text, "filing", 7)]
    assert rows == [(575e6, "FY2021", "convertible notes"), (600e6, "FY2020", "notes")]


def test_a_sentence_introducing_tables_gives_their_scale():
    # Cavco's 10-K for fiscal 2025 (public domain, SEC): the segment tables follow one sentence that
    # states their scale; the later tables' seven-digit revenues are thousands, not whole dollars
    text = (
        "The CODM is not provided asset information by reportable segment. The following tables provide selected "
        "financial data by segment (dollars in thousands):\n\n"
        "Year Ended March 29, 2025\nFactory-built housing | Financial services | Consolidated\n"
        "Net revenue | $1,933,111 | $82,347 | $2,015,458\nCapital expenditures | $21,336 | $91 | $21,427\n"
        "Year Ended March 30, 2024\nFactory-built housing | Financial services | Consolidated\n"
        "Net revenue | $1,716,607 | $78,185 | $1,794,792\nCapital expenditures | $17,189 | $232 | $17,421\n"
    )
    consolidated = sorted(e.amount_usd for e, _, _ in table_events(text, "filing") if e.amount_usd and e.amount_usd > 1e7)
    assert consolidated == [17421e3, 21427e3]
    # ... while a whole-dollar table, introduced without a scale, stays in dollars
    plain = text.replace(" (dollars in thousands):", ":")
    assert all(e.amount_usd < 1e6 for e, _, _ in table_events(plain, "filing") if e.amount_usd)


def test_trailing_four_quarter_columns_have_no_quarter():
    text = (
        "(in millions)\nTrailing 4-Quarters\nQ1 Q2 Q3 Q4 Total\nAug 31, 2021 Nov 30, 2021 Feb 28, 2022 May 31, 2022\n"
        "Capital expenditures (1,140) (1,040) (1,160) (1,170)\n"
    )
    rows = [e for e, _, _ in table_events(text, "filing")]
    assert rows and all(e.period is None for e in rows)


def test_columns_under_spans_and_month_days_of_their_own_lines():
    # eBay's Q2 2023 release: two spans, two month-days, four years on three lines
    text = (
        "Unaudited Condensed Consolidated Statement of Cash Flows\nThree Months Ended Six Months Ended\n"
        "June 30, June 30,\n2023 2022 2023 2022\n(In millions)\n"
        "Purchases of property and equipment (113) (111) (245) (194)\n"
    )
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")] == [
        (113e6, "Q2 2023"), (111e6, "Q2 2022"), (245e6, "H1 2023"), (194e6, "H1 2022")]
    # MicroStrategy's Q1 2021 10-Q: one span, the month-day alone, then the years
    text = (
        "CONSOLIDATED STATEMENTS OF CASH FLOWS\n(in thousands)\nThree Months Ended\nMarch 31,\n2021 2020\n"
        "Purchases of property and equipment ( 447) ( 661)\n"
    )
    assert [e.period for e, _, _ in table_events(text, "filing")] == ["Q1 2021", "Q1 2020"]
    # a 52/53-week retailer whose year ends in January: Lowe's six months to August 4, 2023
    text = "Consolidated Statements of Cash Flows\nIn Millions\nSix Months Ended\nAugust 4, 2023 July 29, 2022\nCapital expenditures ( 765 ) ( 687 )\n"
    assert [e.period for e, _, _ in table_events(text, "filing", fy_end=1)] == ["H1 FY2024", "H1 FY2023"]


def test_a_header_whose_dates_a_pdf_split_over_lines():
    # Applied Materials' release for its second quarter of fiscal 2026 (exhibit 99.1), as text
    # from the PDF: one piece of each date to a line, two spans on the line above
    text = (
        "UNAUDITED CONSOLIDATED CONDENSED STATEMENTS OF CASH FLOWS\n(In millions)\nThree Months Ended Six Months Ended\n"
        "April 26,\n2026\nApril 27,\n2025\nApril 26,\n2026\nApril 27,\n2025\nCash flows from investing activities:\n"
        "Capital expenditures (635) (510) (1,281) (891)\n"
    )
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", fy_end=10)] == [
        (635e6, "Q2 FY2026"), (510e6, "Q2 FY2025"), (1281e6, "H1 FY2026"), (891e6, "H1 FY2025")]
    # the same spans over full dates on one line (an HTML table's header)
    text = (
        "CONSOLIDATED STATEMENTS OF CASH FLOWS\n(In millions)\nThree Months Ended | Six Months Ended\n"
        "June 30, 2025 | June 30, 2024 | June 30, 2025 | June 30, 2024\nCapital expenditures | (10) | (9) | (20) | (18)\n"
    )
    assert [e.period for e, _, _ in table_events(text, "filing")] == ["Q2 2025", "Q2 2024", "H1 2025", "H1 2024"]


def test_a_first_cell_like_a_footnote_marker_is_a_figure_when_the_columns_say_so():
    # Shopify's Q2 2024 statements: "(7)" is the quarter's capex, not a note, under four columns
    text = ("Condensed Consolidated Statements of Cash Flows\n(Expressed in US millions)\nThree months ended Six months ended\n"
            "June 30, 2024 June 30, 2023 June 30, 2024 June 30, 2023\nPurchases of property and equipment (7) (21) (13) (35)\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")] == [
        (7e6, "Q2 2024"), (21e6, "Q2 2023"), (13e6, "H1 2024"), (35e6, "H1 2023")]
    # a marker before as many figures as columns stays a marker
    text = "CONSOLIDATED STATEMENTS OF CASH FLOWS\n(In millions)\nYear Ended December 31,\n2025 2024\nCapital expenditures (3) (1,234) (1,100)\n"
    assert [e.amount_usd for e, _, _ in table_events(text, "filing")] == [1234e6, 1100e6]


@pytest.mark.parametrize("line, etype, figures", [
    # labels of real statements (Boeing, Cisco, GM, J&J, Pfizer, AMC, Rocket, Olympic Steel, AES, Amcor,
    # General Mills, PG&E) that the rows did not read before
    ("Payments to acquire property, plant and equipment ( 764 ) ( 612 )", "capex", [764e6, 612e6]),
    ("Purchases of land, buildings, and equipment (689.5) (568.7)", "capex", [689.5e6, 568.7e6]),
    ("Capital expenditures \u200b \u200b ( 96.0 ) \u200b \u200b ( 75.2 )", "capex", [96e6, 75.2e6]),
    ("New borrowings 38 15", "debt", [38e6, 15e6]),
    ("Short-term borrowings, original maturities of 90 days or less, net 478 ( 602 )", "debt", [478e6]),
    ("Proceeds from issuance of debt (original maturities greater than three months) 26,235 23,596", "debt", [26235e6, 23596e6]),
    ("Proceeds from short-term debt (Note 4) 12,221 4,371", "debt", [12221e6, 4371e6]),
    ("Proceeds from issuance of First Lien Notes due 2029 \u200b — \u200b 950.0", "debt", [950e6]),
    ("Net borrowings (payments) on funding facilities $1,340 ($ 5,104 )", "debt", [1340e6]),
    ("Net borrowing/(repayment) of commercial paper 94 (235)", "debt", [94e6]),
    ("Credit facility revolver borrowings 743 685", "debt", [743e6, 685e6]),
    ("Issuance of non-recourse debt 1,644 4,680", "debt", [1644e6, 4680e6]),
    ("Proceeds from debtor-in-possession credit facility — 500", "debt", [500e6]),
    ("Short-term borrowings (repayments) – net 578.2 (10.0)", "debt", [578.2e6]),
    ("Net changes in short-term debt 595 (20)", "debt", [595e6]),
    ("Change in current debt obligations, net 500 —", "debt", [500e6]),
    # Galaxy Gaming's and Clorox's statements (the ninth audit): a credit agreement named, the
    # Paycheck Protection Program, debt borrowings, a net change in notes and loans payable
    ("Proceeds from Fortress Credit Agreement, net | 58.8 | —", "debt", [58.8e6]),
    ("Proceeds from Paycheck Protection Program | — | 0.8", "debt", [0.8e6]),
    ("Long-term debt borrowings, net of issuance costs paid | 1,085 | —", "debt", [1085e6]),
    ("Notes and loans payable, net | 237 | ( 396 )", "debt", [237e6]),
    # the seventeenth audit's filings (DXP's 10-Q, Core Scientific's release): an asset-backed
    # line, a coupon in the label, a free cash flow reconciliation's "Less:"
    ("Borrowings on asset-backed credit facility | 6,000 | 7,870", "debt", [6000e6, 7870e6]),
    ("Proceeds from the issuance of 3.00% convertible senior notes, net | — | 447,609", "debt", [447609e6]),
    ("Less: purchases of property and equipment | (3,954) | (1,486)", "capex", [3954e6, 1486e6]),
])
def test_more_row_labels_are_read(line, etype, figures):
    text = "CONSOLIDATED STATEMENTS OF CASH FLOWS\n(In millions)\nYear Ended December 31,\n2025 2024\n" + line + "\n"
    rows = [e for e, _, _ in table_events(text, "filing")]
    assert [e.type for e in rows] == [etype] * len(figures)
    assert [e.amount_usd for e in rows] == pytest.approx(figures)


def test_a_dash_cell_keeps_its_column():
    text = "(In millions)\nYear Ended December 31,\n2025 2024\nNet change in short-term borrowings (original maturities of three months or less) — 3\n"
    [row] = [e for e, _, _ in table_events(text, "filing")]
    assert (row.amount_usd, row.period) == (3e6, "2024")


def test_a_table_without_separators_has_figures_that_look_like_years():
    # Gilead's 10-K for 2023 converted to Markdown (public domain, SEC): "1980" is $1,980 million,
    # and a row of figures above ("(1930)") is no header of years
    text = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\n(in millions) | 2023 | 2022 | 2021\n"
            "Net cash provided by operating activities | 8006 | 9072 | 11384\n"
            "Purchases of marketable debt securities | (1930) | (1770) | (3517)\n"
            "Capital expenditures | (585) | (728) | (579)\n"
            "Net cash used in investing activities | (2265) | (2466) | (3131)\n"
            "Proceeds from debt financing, net of issuance costs | 1980\n")
    rows = [(e.type, e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 12)]
    assert rows == [("capex", 585e6, "2023"), ("capex", 728e6, "2022"), ("capex", 579e6, "2021"), ("debt", 1980e6, "2023")]
    # with separators, a year after a label is still no figure
    text = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\n(in millions) | 2023 | 2022\n"
            "Net cash provided by operating activities | 8,006 | 9,072\nProceeds from issuance of debt | 2023\n")
    assert table_events(text, "filing", 12) == []


def test_a_change_column_beside_two_periods_is_no_figure_of_a_period():
    # Verizon's 10-Q for Q2 2023 (public domain, SEC): a free cash flow table with a "$ Change" column
    text = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\n(dollars in millions)\nSix Months Ended June 30, | 2023 | 2022 | $ Change\n"
            "Less Capital expenditures (including capitalized software) | 10,070 | 10,491 | (421)\n")
    assert [e.amount_usd for e, _, _ in table_events(text, "filing", 12)] == [10070e6, 10491e6]


@pytest.mark.parametrize("line", [
    "Proceeds from sale of loans held for sale 80,232 147,980", "Proceeds from notes receivable 12 13",
    "Proceeds from repayment of loans to affiliates 5 6", "Repayments of long-term debt (15) (372)",
    "Amortization of net premium on corporate borrowings to interest expense ( 29.2 ) ( 32.0 )",
    "Short-term debt 500 400",  # a balance, unless the label says it is a net change
    # balances (Trane's 10-Q, Clorox's balance sheet)
    "Short-term borrowings and current maturities of long-term debt | 693.1 | 693.0", "Notes and loans payable | 237 | —",
])
def test_lines_that_are_not_borrowing_rows(line):
    text = "CONSOLIDATED STATEMENTS OF CASH FLOWS\n(In millions)\nYear Ended December 31,\n2025 2024\n" + line + "\n"
    assert table_events(text, "filing") == []


def test_a_date_then_bare_years_names_every_column_and_balances_are_not_raises():
    # McDonald's 2023 10-K as the collector renders it: the balance sheet's short-term
    # borrowings are a balance; the cash-flow header gives one full date, then years
    text = (
        "Consolidated Balance Sheet\nIn millions | December 31, 2023 | 2022\n"
        "Short-term borrowings and current maturities of long-term debt | $2,192.4 | $—\n\n"
        "Consolidated Statement of Cash Flows\n\nIn millions | Years ended December 31, 2023 | 2022 | 2021\n"
        "Capital expenditures | ( 2,357.4 ) | ( 1,899.2 ) | ( 2,040.0 )\n"
        "Net short-term borrowings | 212.8 | 25.5 | 15.1\n"
    )
    assert [(e.type, e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")] == [
        ("capex", 2357.4e6, "2023"), ("capex", 1899.2e6, "2022"), ("capex", 2040.0e6, "2021"),
        ("debt", 212.8e6, "2023"), ("debt", 25.5e6, "2022"), ("debt", 15.1e6, "2021")]


def test_a_first_half_column_named_below_its_years():
    # Ford's Q2 2023 10-Q: "For the periods ended June 30, / 2022 | 2023 / First Half"
    text = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\n\n(in millions)\n\nFor the periods ended June 30,\n2022 | 2023\n"
            "First Half\n(unaudited)\nCapital spending | ( 3,069 ) | ( 3,729 )\n")
    assert [e.period for e, _, _ in table_events(text, "filing")] == ["H1 2022", "H1 2023"]


def test_columns_named_second_quarter_and_first_half():
    # Ford's Q2 2023 10-Q segment table: named parts of the year over four years
    text = ("(in billions)\nSecond Quarter | First Half\n2022 | 2023 | 2022 | 2023\n"
            "Capital spending | ($1.5) | ($1.9) | ($2.9) | ($3.7)\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")] == [
        (1.5e9, "Q2 2022"), (1.9e9, "Q2 2023"), (2.9e9, "H1 2022"), (3.7e9, "H1 2023")]


def test_nine_month_columns_have_no_period():
    text = "(In millions)\nNine Months Ended\nSeptember 30,\n2025 2024\nPurchases of property and equipment (900) (800)\n"
    assert [e.period for e, _, _ in table_events(text, "filing")] == [None, None]


def test_borrowing_rows_are_debt_and_repayments_are_not():
    text = (
        "CONSOLIDATED STATEMENTS OF CASH FLOWS\n(In millions)\nYear Ended December 31,\n2025 2024\n"
        "Proceeds from issuance of long-term debt 24,960 —\nRepayments of long-term debt (1,000) (2,000)\n"
        "Net proceeds from commercial paper (500) 1,200\n"
    )
    events = [e for e, _, _ in table_events(text, "filing")]
    assert [(e.type, e.amount_usd, e.period, e.status) for e in events] == [
        ("debt", 24960e6, "2025", "completed"), ("debt", 1200e6, "2024", "completed")]


billions = st.decimals(min_value="0.1", max_value="999.9", places=1).map(str)
years = st.integers(min_value=1990, max_value=2035).map(str)


@settings_(150)
@given(
    label=st.sampled_from(LABELS), verb=st.sampled_from(VERBS), a=billions, b=billions, y1=years, y2=years,
    kind=st.sampled_from(["filing", "news", "transcript"]), compare=st.booleans(),
)
def test_no_event_amount_is_a_year_and_billions_stay_billions(extractor, label, verb, a, b, y1, y2, kind, compare):
    text = f"{label} {verb} ${a} billion in {y1}"
    text += f", compared with ${b} billion in {y2}.\n" if compare else ".\n"
    events = extractor.extract(Document(id="p", source="t", kind=kind, text=text, company="Acme"))
    year_values = {float(y) * scale for y in (y1, y2) for scale in (1, 1e3, 1e6, 1e9)}
    for ev in events:
        value = ev.amount_usd if ev.amount_usd is not None else ev.amount_original
        assert value is not None and value >= 1e8, (text, value)  # "$0.1 billion" is the least
        assert not any(math.isclose(value, y, rel_tol=1e-9) for y in year_values), (text, value)
        assert any(math.isclose(value, float(x) * 1e9, rel_tol=1e-9) for x in (a, b)), (text, value)


def test_a_segment_table_gives_only_the_consolidated_column():
    text = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\n(in millions)\n"
            "First Half 2023 | Company excluding Ford Credit | Ford Credit | Eliminations | Consolidated\n"
            "Capital spending | (3,691) | (38) | — | (3,729)\n")
    assert [(e.amount_usd, e.amount_text) for e, _, _ in table_events(text, "filing")] == [(3729e6, "3,729 (column 4)")]
    # years never add up that way: every column of a yearly row stays
    yearly = "(in millions)\nYear Ended December 31, | 2023 | 2022 | 2021\nCapital expenditures | 1,000 | 900 | 800\n"
    assert [e.amount_usd for e, _, _ in table_events(yearly, "filing")] == [1000e6, 900e6, 800e6]


def test_a_label_with_a_note_of_its_own_amounts():
    text = ("Consolidated Statements of Cash Flows\n$ in millions\n"
            "Fiscal Years Ended January 28, 2023 January 29, 2022 January 30, 2021\n"
            "Additions to property and equipment, net of $35, $46 and $32, respectively, of non-cash capital "
            "expenditures (930) (737) (713)\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")] == [
        (930e6, "FY2023"), (737e6, "FY2022"), (713e6, "FY2021")]
    text = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\nYears Ended December 31 (Millions) 2022 2021 2020\n"
            "Purchase of premises and equipment, net of sales: 2022, $1; 2021, $88; 2020, $1 (1,855) (1,550) (1,478)\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")] == [
        (1855e6, "2022"), (1550e6, "2021"), (1478e6, "2020")]


def test_a_consolidated_column_named_in_the_header_is_the_companys():
    text = ("(in millions)\n"
            "Cash flows from financing activities | Company excluding Ford Credit | Ford Credit | Eliminations | Consolidated\n"
            "Purchases of common stock | — | — | — | —\n"
            "Proceeds from issuance of long-term debt | — | 26,401 | — | 26,401\n")
    assert [(e.amount_usd, e.amount_text) for e, _, _ in table_events(text, "filing")] == [(26401e6, "26,401 (column 4)")]


@pytest.mark.parametrize(("label", "etype", "wanted"), [
    ("Additions to short-term debt with original maturities of more than three months", "debt", [3528e6, 17168e6, 10411e6]),
    ("Proceeds from issuance of (repayments of) short-term debt, net and other", "debt", [21e6, 47e6]),
    ("Net additions to other short-term debt", "debt", [857e6, 917e6]),
    ("Payments for plant, rental machines and other property", "capex", [664e6, 620e6, 598e6]),
])
def test_short_term_borrowing_and_plant_payment_rows(label, etype, wanted):
    """Short-term borrowing rows are raises where positive (docs/labelling.md, section 3); IBM's
    "Payments for plant, rental machines and other property" is its capex row."""
    cells = ("(664) | (620) | (598)" if etype == "capex" else
             {"A": "3,528 | 17,168 | 10,411", "P": "21 | 47 | (204)", "N": "857 | (2,013) | 917"}[label[0]])
    text = f"(In millions)\nYears ended June 30 | 2024 | 2023 | 2022\n{label} | {cells}\n"
    events = [e for e, _, _ in table_events(text, "filing", None) if e.type == etype]
    assert sorted(e.amount_usd for e in events) == sorted(wanted)


def test_weeks_columns_numeric_dates_and_sub_rows_under_a_parent_label():
    # PepsiCo's 10-Q (Q3 2023): a 36-week statement is year to date (no period), its dates are
    # written 9/9/2023, and the short-term proceeds row hangs under its parent's label
    text = ("Condensed Consolidated Statement of Cash Flows\nPepsiCo, Inc. and Subsidiaries\n(in millions, unaudited)\n"
            "36 Weeks Ended\n9/9/2023 | 9/3/2022\nFinancing Activities\n"
            "Proceeds from issuances of long-term debt | $2,986 | $3,377\n"
            "Short-term borrowings, by original maturity:\n"
            "More than three months - proceeds | 4,688 | 1,947\n"
            "More than three months - payments | ( 1,037 ) | ( 1,932 )\n"
            "Three months or less, net | 1,395 | ( 45 )\n")
    rows = [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")]
    assert rows == [(2986e6, None), (3377e6, None), (4688e6, None), (1947e6, None), (1395e6, None)]
    quarter = "Statement of Cash Flows\n(in millions)\n12 Weeks Ended\n3/25/2023 | 3/19/2022\nCapital spending | ( 700 ) | ( 600 )\n"
    assert [e.period for e, _, _ in table_events(quarter, "filing")] == ["Q1 2023", "Q1 2022"]


def test_scale_lines_in_words_and_more_row_labels():
    # Chevron's 10-Q: "(Millions of dollars)", "short-term obligations", plural "properties", a bare "Capex"
    text = ("Consolidated Statement of Cash Flows\n(Millions of dollars)\nSix Months Ended\nJune 30\n2023 | 2022\n"
            "Proceeds from issuances of long-term debt | 150 | —\n"
            "Net borrowings (repayments) of short-term obligations | ( 104 ) | 36\n"
            "Additions to properties, plant and equipment | 6,571 | 4,028\n")
    rows = [(e.type, e.amount_usd) for e, _, _ in table_events(text, "filing")]
    assert rows == [("debt", 150e6), ("debt", 36e6), ("capex", 6571e6), ("capex", 4028e6)]
    capex = ("(Millions of dollars)\nThree Months Ended June 30 | Six Months Ended June 30\n2023 | 2022 | 2023 | 2022\n"
             "Capex | $3,757 | $3,184 | $6,795 | $5,144\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(capex, "filing")] == [
        (3757e6, "Q2 2023"), (3184e6, "Q2 2022"), (6795e6, "H1 2023"), (5144e6, "H1 2022")]


def test_a_table_of_notes_the_filer_issued_gives_one_raise_per_row():
    from monitor.nlp.tables import issued_notes_events

    text = ("Condensed Consolidated Balance Sheet\n(in millions)\nTotal assets | 100,000\n\n"
            "In the 36 weeks ended September 9, 2023, we issued the following notes:\n\n"
            "Interest Rate | Maturity Date | Principal Amount (a)\nFloating rate | February 2026 | $350\n"
            "4.550% | February 2026 | $500\n4.450% | May 2028 | $650\n\n(a)Excludes debt issuance costs.\n")
    rows = [(e.amount_usd, e.coupon, e.maturity) for e, _, _ in issued_notes_events(text)]
    assert rows == [(350e6, None, "2026"), (500e6, 4.55, "2026"), (650e6, 4.45, "2028")]
    assert all(e.period is None for e, _, _ in issued_notes_events(text))  # the end of a span is no day of issue
    events = Extractor().extract(Document(id="n", source="t", kind="filing", company="PepsiCo", text=text))
    assert sorted(e.amount_usd for e in events if e.type == "debt") == [350e6, 500e6, 650e6]


def test_spans_printed_above_the_title_and_trailing_twelve_months():
    # Texas Instruments' 10-Q (Q2 2023): "For Six Months Ended" stands above the statement's title;
    # "For 12 Months Ended June 30" of a December filer is a trailing year, no period of the format
    text = ("TEXAS INSTRUMENTS INCORPORATED AND SUBSIDIARIES\n\nFor Six Months Ended\n"
            "Consolidated Statements of Cash Flows | June 30,\n(In millions) | 2023 | 2022\n"
            "Capital expenditures | ( 2,428 ) | ( 1,040 )\n")
    assert [e.period for e, _, _ in table_events(text, "filing", 12)] == ["H1 2023", "H1 2022"]
    trailing = ("Reconciliation to the most directly comparable GAAP measures is provided in the table below.\n\n"
                "For 12 Months Ended\nJune 30,\n2023 | 2022 | Change\n(In millions)\nCapital expenditures | (4,185) | (2,808)\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(trailing, "filing", 12)] == [(4185e6, None), (2808e6, None)]


def test_a_table_that_dates_each_issue_gives_its_quarter_and_every_table_under_the_heading():
    from monitor.nlp.tables import issued_notes_events

    # Walmart's 10-K (fiscal 2024, year ending in January): two tables under one heading
    text = ("Debt Issuances\n\nInformation on significant long-term debt issued during fiscal 2024 and 2023, for general "
            "corporate purposes, is as follows:\n\n(Amounts in millions)\n"
            "Issue Date | Principal Amount | Maturity Date | Fixed vs. Floating | Interest Rate | Net Proceeds\n"
            "April 18, 2023 | $ 750 | April 15, 2026 | Fixed | 4.000 % | $748\n"
            "April 18, 2023 | $ 1,500 | April 15, 2053 | Fixed | 4.500 % | 1,485\nTotal | $2,233\n\n(Amounts in millions)\n"
            "Issue Date | Principal Amount | Maturity Date | Fixed vs. Floating | Interest Rate | Net Proceeds\n"
            "September 9, 2022 | $ 1,750 | September 9, 2025 | Fixed | 3.900 % | $1,744\nTotal | $1,744\n")
    rows = [(e.amount_usd, e.coupon, e.maturity, e.period) for e, _, _ in issued_notes_events(text, 1)]
    assert rows == [(750e6, 4.0, "2026", "Q1 FY2024"), (1500e6, 4.5, "2053", "Q1 FY2024"), (1750e6, 3.9, "2025", "Q3 FY2023")]


def test_net_additions_and_reductions_row():
    text = ("Consolidated Statements of Cash Flows\n(Amounts in millions)\nYears ended June 30 | 2024 | 2023 | 2022\n"
            "Net additions/(reductions) to other short-term debt | 857 | ( 3,319 ) | 917\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 6)] == [(857e6, "FY2024"), (917e6, "FY2022")]


def test_a_balance_under_a_borrowings_heading_is_no_sub_row():
    # Walmart's 10-K market-risk table: "Short-term borrowings:" heads balances by maturity, not proceeds
    text = ("Expected Maturity Date\n(Amounts in millions) | Fiscal 2025 | Fiscal 2026 | Total\nLiabilities\n"
            "Short-term borrowings:\nVariable rate | $878 | $— | $878\n")
    assert table_events(text, "filing", 1) == []


CASH_FLOWS = """CONSOLIDATED STATEMENTS OF CASH FLOWS
(in millions)
 | Nine Months Ended
 | July 1, 2023 | July 2, 2022
{row}
"""


@pytest.mark.parametrize("row, expected", [
    # labels of real cash-flow statements (Disney, Coca-Cola, Apple 10-Q/10-K of 2023)
    ("Investments in parks, resorts and other property | ( 3,595 ) | ( 3,795 )", [("capex", 3.595e9), ("capex", 3.795e9)]),
    ("Issuances of loans, notes payable and long-term debt | 6,891 | 3,972", [("debt", 6.891e9), ("debt", 3.972e9)]),
    # net rows are raises only where positive
    ("Commercial paper borrowings (payments), net | 40 | ( 275 )", [("debt", 4e7)]),
    ("Proceeds from/(Repayments of) commercial paper, net | ( 5,971 ) | 4,970", [("debt", 4.97e9)]),
    ("Borrowings | 70 | 152", [("debt", 7e7), ("debt", 1.52e8)]),
    # a segments' subtotal is not the company's figure
    ("Total capital expenditures from reportable segments | 682 | 519", []),
])
def test_more_cash_flow_labels(row, expected):
    found = [(e.type, e.amount_usd) for e, _, _ in table_events(CASH_FLOWS.format(row=row), "filing")]
    assert found == expected


def test_a_bare_borrowings_row_outside_a_cash_flow_statement_is_a_balance():
    text = ("Supplemental Consolidating Data\n(Millions of dollars)\n | Consolidated | ME&T | Financial Products\n"
            "Short-term borrowings | $5,548 | $— | $5,548\nBorrowings | 44,544 | 45,299\n")
    assert table_events(text, "filing") == []


def test_quarter_and_six_month_columns_under_a_plural_span():
    # McDonald's 10-Q: "Quarters Ended | Six Months Ended" over four year columns
    text = ("CONDENSED CONSOLIDATED STATEMENT OF CASH FLOWS (UNAUDITED)\nQuarters Ended | Six Months Ended\n"
            "June 30, | June 30,\nIn millions | 2023 | 2022 | 2023 | 2022\nInvesting activities\n"
            "Capital expenditures | ( 526.5 ) | ( 437.9 ) | ( 1,029.8 ) | ( 839.1 )\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")] == [
        (526.5e6, "Q2 2023"), (437.9e6, "Q2 2022"), (1029.8e6, "H1 2023"), (839.1e6, "H1 2022")]


def test_a_listed_notes_symbol_is_no_amount(extractor):
    # Procter & Gamble's cover page: "PG24B" is a trading symbol, not $24 billion
    text = "Securities registered: 0.625% Notes due 2024 | PG24B | NYSE\n1.250% Notes due 2029 | PG29B | NYSE\n"
    events = extractor.extract(Document(id="pg", source="t", kind="filing", company="Procter & Gamble", text=text))
    assert events == []


FILINGS = Path(__file__).parent / "fixtures" / "filings"


def test_a_long_statement_continued_on_the_next_page_keeps_its_scale_and_columns():
    """Marathon Digital's financing rows sit more than 40 lines below "(in thousands) | 2023 |
    2022 | 2021", one of them after a page break: $49.25 million of term-loan proceeds in 2022,
    never $49.25 billion, and the revolver's borrowings row is read."""
    text = (FILINGS / "marathon_digital_10k_2023_cash_flows.txt").read_text(encoding="utf-8")
    got = {(e.type, e.amount_usd, e.period, e.instrument) for e, _, _ in table_events(text, "filing", 12)}
    assert got == {
        ("capex", 27_611_000.0, "2023", None), ("capex", 41_108_000.0, "2022", None), ("capex", 273_851_000.0, "2021", None),
        ("debt", 49_250_000.0, "2022", "term loan"), ("debt", 728_406_000.0, "2021", "convertible notes"),
        ("debt", 120_000_000.0, "2022", "revolving credit facility"), ("debt", 77_500_000.0, "2021", "revolving credit facility"),
    }


def test_a_roll_forward_with_a_total_column_gives_the_total_once():
    text = ("The following table provides the changes in the Company's long-term debt for the six months ended July 31, 2023:\n\n"
            "(Amounts in millions) | Long-term debt due within one year | Long-term debt | Total\n"
            "Balances as of February 1, 2023 | $4,191 | $34,649 | $38,840\n"
            "Proceeds from issuance of long-term debt (1) | — | 4,967 | 4,967\n"
            "Repayments of long-term debt | ( 4,063 ) | — | ( 4,063 )\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 1)] == [(4_967_000_000.0, "H1 FY2024")]


@pytest.mark.parametrize("label,instrument", [
    ("Proceeds from/(Repayments of) commercial paper, net", "commercial paper"),
    ("Proceeds from issuance of convertible debt, net of issuance costs", "convertible notes"),
    ("Proceeds from issuance of senior notes", "senior notes"),
    ("Proceeds from issuance of long-term debt", None),
    ("Proceeds from borrowings", None),
    ("Issuances of loans, notes payable and long-term debt", None),
    ("Proceeds from issuances of senior notes and other borrowings, net of issuance costs", None),
    ("Proceeds from term loan borrowings, net of issuance costs", "term loan"),
])
def test_a_proceeds_row_names_its_instrument_when_its_label_does(label, instrument):
    text = f"Statements of Cash Flows\n(In millions) | 2023 | 2022\n{label} | 1,500 | 900\n"
    events = [e for e, _, _ in table_events(text, "filing", 12)]
    assert [e.amount_usd for e in events] == [1.5e9, 9e8]
    assert {e.instrument for e in events} == {instrument}


def test_spacer_cells_of_zero_width_spaces_are_empty():
    """Riot's statement cells that hold only "&#8203;": dropped, so the row is a row."""
    from monitor.collect.html import extract_filing

    row = (FILINGS / "riot_10q_2023-q2_cash_flow_row.html").read_text(encoding="utf-8")
    page = extract_filing(f"<html><body><p>Condensed Consolidated Statements of Cash Flows</p><p>(Unaudited, in thousands)</p>"
                          f"<table><tr><td></td><td>Six Months Ended June 30,</td></tr><tr><td></td><td>2023</td><td>2022</td></tr>"
                          f"{row}</table></body></html>")
    assert "Proceeds from Credit and Security Facility | 880 | —" in page.text
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(page.text, "filing", 12)] == [(880_000.0, "H1 2023")]


def test_a_restatement_table_gives_the_restated_figure_once_in_the_filing_s_scale():
    """Marathon's 10-Q restates two quarters' cash flows in tables that state no scale: the
    filing's own ("in thousands", its most frequent) applies, the "As Restated" column is the
    figure, and the quarter is the one the table's heading names."""
    from monitor.nlp.tables import document_scale

    assert document_scale("(in thousands) ... in thousands ... (in millions)") == 1e3
    assert document_scale("no scale here") is None
    text = (FILINGS / "marathon_digital_10q_2023-q2_restatement.txt").read_text(encoding="utf-8")
    got = [(e.type, e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 12, scale=1e3)]
    assert got == [("capex", 17_270_000.0, "Q1 2023"), ("capex", 6_534_000.0, "Q1 2022")]


def test_a_facility_entered_on_the_same_date_takes_the_date_before(extractor: Extractor) -> None:
    """Marathon's Q2 2023 10-Q: "On July 28, 2022, the Company entered into a Revolving Credit
    ... up to $100,000 ... On the same date, the Company also entered into a $100,000 principal
    term loan facility". Both facilities are of Q3 2022, a year before the quarter the filing
    reports on: history, not raises of the quarter."""
    text = (FILINGS / "marathon_digital_10q_2023-q2_silvergate.txt").read_text(encoding="utf-8")
    doc = Document(id="mara", source="test", kind="filing", title="10-Q", text="(in thousands, except per share data)\n\n" + text,
                   company="Marathon Digital Holdings", published="2023-08-08", meta={"report_date": "2023-06-30"})
    got = [(e.type, e.amount_usd, e.period, e.history) for e in extractor.extract(doc)]
    assert got == [("debt", 100_000_000.0, "Q3 2022", True), ("debt", 100_000_000.0, "Q3 2022", True)]


def test_notes_issued_in_an_earlier_fiscal_year_are_history(extractor: Extractor) -> None:
    """Walmart's fiscal 2024 10-K lists the notes it issued in fiscal 2024 and 2023: those of
    September 2022 (Q3 FY2023) are history, those of April 2023 (Q1 FY2024) the year's raises."""
    text = (FILINGS / "walmart_10k_fy2024_debt_issuances.txt").read_text(encoding="utf-8")
    doc = Document(id="wmt", source="test", kind="filing", title="10-K", text=text, company="Walmart",
                   published="2024-03-15", meta={"report_date": "2024-01-31", "fiscal_year_end": 1})
    got = [(e.amount_usd, e.period, e.history) for e in extractor.extract(doc)]
    assert got == [(750e6, "Q1 FY2024", False), (750e6, "Q1 FY2024", False), (500e6, "Q1 FY2024", False),
                   (1500e6, "Q1 FY2024", False), (1500e6, "Q1 FY2024", False), (1750e6, "Q3 FY2023", True),
                   (1000e6, "Q3 FY2023", True), (1250e6, "Q3 FY2023", True), (1000e6, "Q3 FY2023", True)]


def test_credit_lines_standing_at_a_date_are_history_and_a_utilised_balance_no_raise(extractor: Extractor) -> None:
    """Ford's Q2 2023 10-Q: "Total Company committed credit lines ... at June 30, 2023 were $19.3
    billion, consisting of $13.5 billion of our corporate credit facility, ..." describes standing
    facilities; "$1.7 billion ... was utilized under local credit facilities" is a balance drawn."""
    text = (FILINGS / "ford_10q_2023-q2_credit_lines.txt").read_text(encoding="utf-8")
    doc = Document(id="f", source="test", kind="filing", title="10-Q", text=text, company="Ford",
                   published="2023-07-27", meta={"report_date": "2023-06-30"})
    got = {e.amount_usd: e.history for e in extractor.extract(doc)}
    assert 1.7e9 not in got
    assert all(got[a] for a in (13.5e9, 2.0e9, 1.8e9, 2.1e9))  # the last part too, far from "at June 30, 2023 were"
    assert 19.3e9 not in got  # the sum of the standing parts (docs/labelling.md, section 6)


def test_a_filing_named_fiscal_year_and_standing_facilities(extractor: Extractor) -> None:
    """Home Depot's fiscal 2023 10-K (the year ended January 28, 2024; its cover's fiscal focus
    is "FY 2023"): the $2.0 billion "issued ... during fiscal 2023" is the year's raise, not
    history, though the period of report falls in what the date calendar calls FY2024; the
    back-up facilities "up to $5.0 billion, which consist of" a $3.5 billion and a $1.5 billion
    facility are history part by part, without their sum."""
    text = (FILINGS / "home_depot_10k_fy2023_liquidity.txt").read_text(encoding="utf-8")
    meta = {"report_date": "2024-01-28", "fiscal_period": "FY 2023", "fiscal_year_end": 1}
    doc = Document(id="hd", source="test", kind="filing", title="10-K", text=text, company="Home Depot",
                   published="2024-03-13", meta=meta)
    got = [(e.amount_usd, e.period, e.history) for e in extractor.extract(doc) if e.type == "debt"]
    assert (2.0e9, "FY2023", False) in got
    assert (2.0e9, "Q4 FY2024", False) in got  # "In November 2023": a date, named by the calendar (section 7)
    standing = [(a, h) for a, _, h in got if a in (3.5e9, 1.5e9, 5.0e9)]
    assert (3.5e9, True) in standing and (5.0e9, True) in standing  # the commercial paper program
    assert [a for a, _ in standing].count(5.0e9) == 1  # not the facilities' sum beside it
    # the same sentences in a filing whose year is named by its end: fiscal 2023 is then history
    walmart_style = Document(id="hd2", source="test", kind="filing", title="10-K", text=text, company="Home Depot",
                             published="2024-03-13", meta={**meta, "fiscal_period": "FY 2024"})
    assert (2.0e9, "FY2023", True) in [(e.amount_usd, e.period, e.history) for e in extractor.extract(walmart_style)]


def test_lowes_tables_of_interest_balances_and_notes_issued_as_follows():
    """Lowe's fiscal 2023 10-K and its 10-Q of August 2023 (public domain, SEC; the sixth
    whole-filing audit): a table of interest expense names the debt the interest is on, a row
    that says "outstanding" is a balance, a positive net change in commercial paper is money
    raised, and a table of notes issued "as follows" gives one raise per row."""
    from monitor.nlp.tables import issued_notes_events

    interest = ("Net interest expense is comprised of the following:\n\nThree Months Ended | Six Months Ended\n"
                "(In millions) | August 4, 2023 | July 29, 2022 | August 4, 2023 | July 29, 2022\n"
                "Long-term debt | $368 | $257 | $711 | $487\nShort-term borrowings | 1 | — | 15 | 1\n")
    assert table_events(interest, "filing", 1) == []
    financing = ("The following table summarizes our financing:\n\n(In millions, except for interest rate data) | 2023 | 2022\n"
                 "Net proceeds from issuance of debt | $2,983 | $9,667\nRepayment of debt | ($601) | ($867)\n"
                 "Net change in commercial paper | ($499) | $499\n"
                 "Maximum commercial paper outstanding at any period | $2,195 | $2,470\n"
                 "Short-term borrowings outstanding at year-end | $— | $499\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(financing, "filing", 1)] == [
        (2983e6, "FY2023"), (9667e6, "FY2022"), (499e6, "FY2022")]
    notes = ("During 2023, the Company issued $3.0 billion of unsecured fixed rate notes (collectively, the 2023 Notes) as follows:\n\n"
             "Issue Date | Principal Amount (in millions) | Maturity Date | Interest Rate | Discount (in millions)\n"
             "March 2023 | $1,000 | April 2026 | 4.800 % | $3\nMarch 2023 | $500 | July 2053 | 5.750 % | $5\n")
    assert [(e.amount_usd, e.coupon, e.period) for e, _, _ in issued_notes_events(notes, 1)] == [
        (1000e6, 4.8, "Q1 FY2024"), (500e6, 5.75, "Q1 FY2024")]
    dated_by_intro = ("On March 30, 2023, the Company issued $3.0 billion of unsecured fixed rate notes (March 2023 Notes) as follows:\n\n"
                      "Principal Amount (in millions) | Maturity Date | Interest Rate | Discount (in millions)\n"
                      "$1,000 | April 2026 | 4.800 % | $3\n")
    assert [(e.amount_usd, e.period) for e, _, _ in issued_notes_events(dated_by_intro, 1)] == [(1000e6, "Q1 FY2024")]


def test_a_row_written_without_cell_bars_is_no_caption():
    # AMC's 10-Q (train split): the row above the proceeds names interest expense, but it is a row
    text = ("CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS\n\u200b \u200b Six Months Ended\n"
            "(In millions) \u200b June 30, 2023 \u200b June 30, 2022\n"
            "Amortization of net premium on corporate borrowings to interest expense \u200b \u200b ( 29.2 ) \u200b \u200b ( 32.0 )\n"
            "Proceeds from issuance of First Lien Notes due 2029 \u200b \u200b — \u200b \u200b 950.0\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")] == [(950e6, "H1 2022")]


def test_older_filings_statements_seventh_audit():
    """Statements of the seventh whole-filing audit (public domain, SEC; 2012-2013 10-Ks): a scale
    written "(millions)" or "(millions, except per share)" (Macy's), a part's label ending in a
    colon under the columns ("Consolidated Statement of Operations Data:"), "Debt issued",
    "property, plant & equipment" (Vulcan Materials), a horizontal bar for nil and "Net proceeds
    from (payments on) ..." (Standard Pacific), and a consolidating statement whose parent alone
    issued: its consolidated column only."""
    macys = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\n(millions)\n2012 | 2011 | 2010\nCash flows from investing activities:\n"
             "Purchase of property and equipment | (698) | (555) | (339)\nCash flows from financing activities:\n"
             "Debt issued | 1,000 | 800 | —\nDebt issued, net of debt repaid | 346 | 1 | 2\n")
    assert [(e.type, e.amount_usd, e.period) for e, _, _ in table_events(macys, "filing", 1)] == [
        ("capex", 698e6, "FY2012"), ("capex", 555e6, "FY2011"), ("capex", 339e6, "FY2010"),
        ("debt", 1000e6, "FY2012"), ("debt", 800e6, "FY2011")]
    selected = ("2012* | 2011 | 2010\n(millions, except per share)\nConsolidated Statement of Operations Data:\n"
                "Net sales | $27,686 | $26,405 | $25,003\nCapital expenditures | $942 | $764 | $505\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(selected, "filing", 1)] == [
        (942e6, "FY2012"), (764e6, "FY2011"), (505e6, "FY2010")]
    vulcan = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\nAmounts in thousands\nDecember 31 | 2012 | 2011 | 2010\n"
              "Purchases of property, plant & equipment | (93,357) | (98,912) | (86,324)\n")
    assert [e.amount_usd for e, _, _ in table_events(vulcan, "filing", 12)] == [93357e3, 98912e3, 86324e3]
    spf = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\n(Dollars in thousands)\nYear Ended December 31, | 2013 | 2012 | 2011\n"
           "Proceeds from the issuance of senior notes payable | 300,000 | 253,000 | ―\n"
           "Net proceeds from (payments on) mortgage credit facilities | 8,708 | 45,351 | (16,464)\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(spf, "filing", 12)] == [
        (300e6, "2013"), (253e6, "2012"), (8708e3, "2013"), (45351e3, "2012")]
    consolidating = ("CONDENSED CONSOLIDATING STATEMENT OF CASH FLOWS\nYear Ended December 31, 2013\n(Dollars in thousands)\n"
                     "Standard Pacific Corp. | Guarantor Subsidiaries | Non-Guarantor Subsidiaries | Consolidating Adjustments | "
                     "Consolidated Standard Pacific Corp.\n"
                     "Proceeds from the issuance of senior notes payable | 300,000 | ― | ― | ― | 300,000\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(consolidating, "filing", 12)] == [(300e6, "2013")]


def test_a_fair_value_row_of_debt_is_a_balance():
    # Yum! Brands' 10-K for 2008 (public domain, SEC; the eighth audit)
    text = ("The carrying amounts and fair values of our debt were:\n\n2008 | 2007\n(in millions) | Carrying Amount | Fair Value | "
            "Carrying Amount | Fair Value\nShort-term borrowings and long-term debt, excluding capital leases and the derivative "
            "instrument adjustments | $3,296 | $3,185 | $2,913 | $3,081\n")
    assert table_events(text, "filing", 12) == []


def test_capex_the_label_says_was_not_paid_in_cash_is_no_capex_row():
    # C3.ai's 10-Q for the quarter ended July 31, 2023 (public domain, SEC): its supplemental row under
    # the cash-flow statement, then two more labels of the kind (AMD's and Workiva's are "accrued but
    # not paid"); capex "excluding non-cash additions" is still the capex row
    text = ("CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS\n(In thousands)\n | Three Months Ended July 31,\n"
            " | 2023 | 2022\nPurchases of property and equipment | (11,338) | (15,536)\n"
            "Supplemental disclosure:\n"
            "Purchases of property and equipment included in accounts payable and accrued liabilities | $5,764 | $19,326\n"
            "Capital expenditures incurred but not yet paid | 1,234 | 2,345\n"
            "Property and equipment acquired under finance leases | 812 | 90\n")
    got = [(e.type, e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")]
    assert got == [("capex", 11338000.0, "Q3 2023"), ("capex", 15536000.0, "Q3 2022")]
    kept = text.replace("Purchases of property and equipment | (11,338)", "Capital expenditures, excluding non-cash additions | (11,338)")
    assert [e.amount_usd for e, _, _ in table_events(kept, "filing")] == [11338000.0, 15536000.0]


def test_rows_of_an_explorers_capex_and_of_discontinued_operations():
    # Talos Energy's 10-Q for Q1 2024 and Ziff Davis's 10-K for 2022 (public domain, SEC): the
    # explorer's cash-flow row is capex; the discontinued operations' row beside the total is a part
    text = ("Consolidated Statements of Cash Flows\n(In thousands)\n | Three Months Ended March 31,\n | 2024 | 2023\n"
            "Exploration, development and other capital expenditures | ( 146,077) | ( 103,962)\n"
            "Development wells drilled with capital expenditures | 5 | 6\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")] == [(146077000.0, "Q1 2024"), (103962000.0, "Q1 2023")]
    text = ("(in thousands)\nYear ended December 31,\n2022 | 2021 | 2020\nCapital expenditures:\n"
            "Total from reportable segments | 106,143 | 98,488 | 76,315\n"
            "Capital expenditures of discontinued operations | — | 15,252 | 16,237\n"
            "Total capital expenditures | $106,154 | $113,740 | $92,552\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing")] == [
        (106154000.0, "2022"), (113740000.0, "2021"), (92552000.0, "2020")]


def test_a_ten_q_statement_whose_span_is_not_printed_and_a_principal_balance():
    # ADTRAN's 10-Q for Q1 2023 (public domain, SEC): "March 31," over "2023 | 2022" and no "Three
    # Months Ended": the months since the fiscal year began (December year-end) make them Q1; a
    # "principal amount" row is a balance (Pfizer's 10-Q for Q2 2023)
    text = ("CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS\n(Unaudited)\n(In thousands)\nMarch 31,\n2023 | 2022\n"
            "Cash flows from investing activities:\nPurchases of property, plant and equipment | ( 8,439) | ( 1,461)\n"
            "Proceeds from draw on revolving credit agreements | 138,236 | 8,000\n")
    got = [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 12)]
    assert got == [(8439000.0, "Q1 2023"), (1461000.0, "Q1 2022"), (138236000.0, "Q1 2023"), (8000000.0, "Q1 2022")]
    assert [e.period for e, _, _ in table_events(text.replace("March 31,", "June 30,"), "filing", 12)][:2] == ["H1 2023", "H1 2022"]
    assert [e.period for e, _, _ in table_events(text.replace("March 31,", "December 31,"), "filing", 12)][:2] == ["2023", "2022"]
    balance = "Short-term borrowings\n(millions) | July 2, 2023 | December 31, 2022\nTotal short-term borrowings, principal amount | 3,970 | 2,935\n"
    assert table_events(balance, "filing", 12) == []


def test_capex_rows_of_leasehold_improvements_and_of_cash_paid_for_a_purchase():
    # Chipotle's 10-Q for Q1 2020 and GigaCloud's 10-K for 2023 (public domain, SEC); the row of what
    # was accrued is still no capex
    text = ("CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS\n(in thousands)\nThree months ended March 31,\n2020 | 2019\n"
            "Purchases of leasehold improvements, property and equipment | ( 77,653 ) | ( 64,226 )\n"
            "Purchases of leasehold improvements, property, and equipment accrued in accounts payable and accrued "
            "liabilities | $33,757 | $22,386\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 12)] == [(77653000.0, "Q1 2020"), (64226000.0, "Q1 2019")]
    text = ("(in thousands)\nYear Ended December 31,\n2021 | 2022 | 2023\n"
            "Cash paid for purchase of property and equipment | ( 1,825 ) | ( 709 ) | ( 4,380 )\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 12)] == [
        (1825000.0, "2021"), (709000.0, "2022"), (4380000.0, "2023")]


def test_more_capex_labels_and_a_segment_table_without_a_scale_in_a_filing_that_writes_billions():
    # General Motors' 10-K for 2023, Mullen Automotive's and Rocket Companies' 10-Qs (public domain,
    # SEC). GM's segment table states no scale, and the filing states "in billions" most often: its
    # "$10,970" total is $10.97 billion, not $10.97 trillion
    text = ("CONSOLIDATED STATEMENTS OF CASH FLOWS\n(In millions)\nYears Ended December 31,\n2023 | 2022 | 2021\n"
            "Expenditures for property | ( 10,970 ) | ( 9,238 ) | ( 7,509 )\n")
    assert [e.amount_usd for e, _, _ in table_events(text, "filing", 12)] == [10970e6, 9238e6, 7509e6]
    segments = ("The following tables summarize key financial information by segment:\n\n"
                "At and For the Year Ended December 31, 2023\n"
                "GMNA | GMI | Corporate | Eliminations | Total Automotive | Cruise | GM Financial | Eliminations/Reclassifications | Total\n"
                "Expenditures for property | $10,147 | $522 | $15 | $— | $10,684 | $63 | $24 | $198 | $10,970\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(segments, "filing", 12, 1e9)] == [(10970e6, "2023")]
    text = ("(In thousands)\nSix Months Ended June 30,\n2023 | 2022\n"
            "Purchase and other additions of property and equipment, net of disposals | ( 40,131 ) | ( 62,938 )\n"
            "Purchase of equipment | ( 14,328 ) | ( 10,968 )\n")
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 12)] == [
        (40131e3, "H1 2023"), (62938e3, "H1 2022"), (14328e3, "H1 2023"), (10968e3, "H1 2022")]


@pytest.mark.parametrize("label", ["Purchases of fixed assets", "Additions to plant, property and equipment", "Property and equipment additions",
                                   "Property, plant and equipment expenditures", "Capital additions", "Purchases of plant and equipment",
                                   "Cash paid for fixed assets"])
def test_the_common_labels_of_a_capex_row(label):
    text = f"(In thousands)\nYear Ended December 31,\n2023 | 2022\n{label} | ( 1,234 ) | ( 2,345 )\nProceeds from sale of fixed assets | 12 | 13\n"
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 12)] == [(1234e3, "2023"), (2345e3, "2022")]


def test_newly_issued_debt_is_a_borrowing_row():
    # General Electric's 10-K for 2023 (public domain, SEC): its cash-flow statement's raise row
    text = ("Statement of Cash Flows\n(In millions)\nFor the years ended December 31 | 2023 | 2022 | 2021\n"
            "Newly issued debt (maturities longer than 90 days) | 11 | 16 | 359\n"
            "Repayments and other debt reductions (maturities longer than 90 days) | ( 3,360 ) | ( 11,202 ) | ( 36,510 )\n")
    assert [(e.type, e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 12)] == [
        ("debt", 11e6, "2023"), ("debt", 16e6, "2022"), ("debt", 359e6, "2021")]


def test_a_documents_scale_written_in_thousands_of_dollars_signs():
    from monitor.nlp.tables import document_scale

    assert document_scale("(000's omitted)") == document_scale("(in $000s)") == document_scale("(Dollars in thousands)") == 1e3
    assert document_scale("1,000 shares were issued") is None


# Arrival's 20-F for 2020 (public domain, SEC): a statement in euros with a column of note numbers
ARRIVAL_CASH_FLOWS = """Consolidated Statement of Cash Flows

For the years ended December 31, 2020, 2019 and 2018

In thousands of euro | 2020 | 2019 | 2018
Note | Restated* | Restated*
Cash flows from investing activities
Acquisition of intangible assets and goodwill | 8 | (80,684) | (38,484) | (19,334)
Acquisition of property, plant and equipment | 7 | (9,844) | (6,054) | (3,182)
Grants received | 2,385 | 2,869 | 1,138
Cash flows from financing activities
Proceeds from borrowings | 12,396 | — | —
"""


def test_a_note_column_is_no_figure_and_a_statement_in_euros_is_in_euros():
    rows = [(e.type, e.currency, e.amount_original, e.amount_usd, e.period) for e, _, _ in table_events(ARRIVAL_CASH_FLOWS, "filing", 12)]
    assert rows == [
        ("capex", "EUR", 9_844_000, None, "2020"),
        ("capex", "EUR", 6_054_000, None, "2019"),
        ("capex", "EUR", 3_182_000, None, "2018"),
        ("debt", "EUR", 12_396_000, None, "2020"),
    ]


@pytest.mark.parametrize(("lines", "code"), [
    (["In thousands of euro | 2020 | 2019"], "EUR"),
    (["(in millions of Canadian dollars)"], "CAD"),
    (["€ in millions | 2024 | 2023"], "EUR"),
    (["(in millions of U.S. dollars)"], "USD"),
    (["(In millions, except per share amounts)"], "USD"),
    (["(in thousands of shares)"], "USD"),  # no currency named: dollars
])
def test_the_currency_a_statement_names(lines, code):
    from monitor.nlp.tables import table_currency

    assert table_currency(lines) == code


def test_a_segment_notes_total_column_is_the_companys_figure():
    # TSS, Inc.'s 10-Q for the first quarter of 2025 (public domain, SEC): segments and their total
    text = """Unaudited Information regarding our reportable segments is presented below (in thousands):

Procurement | Systems Integration | Facilities Management | Total Segments
Three Months Ended March 31, 2025:
Total revenue | $90,177 | $7,484 | $1,298 | $98,959
Pre-tax income | 5,662 | 259 | 366 | 6,287
Capital expenditures | $- | $14,869 | $- | $14,869
"""
    rows = [(e.type, e.amount_usd, e.period) for e, _, _ in table_events(text, "filing", 12)]
    assert rows == [("capex", 14_869_000, "Q1 2025")]


def test_a_row_of_a_table_of_discontinued_operations_is_no_capex():
    # Synopsys's 10-Q for its first quarter of fiscal 2025 (public domain, SEC): the divested
    # business's capex, already inside the company's own cash-flow row
    text = """The following table presents significant non-cash items and capital expenditures of discontinued operations for the period presented:

Three Months Ended January 31,
2024
(in thousands)
Amortization and depreciation | $11,140
Stock-based compensation | $15,147
Purchases of property and equipment | $348
"""
    assert table_events(text, "filing", 10) == []


def test_a_footnotes_list_of_amounts_takes_the_scale_written_after_the_last(extractor):
    # UPS's 10-Q for the second quarter of 2023 (public domain, SEC; alphanome-ai/sec-parser-test-data),
    # whose statements are in millions: "$1.8 and $1.4 billion" is $1.8 billion, not $1.8 million
    text = ("(in millions)\nCapital expenditures | (2,281) | (2,142)\n"
            "(1) In addition to capital expenditures of $1.8 and $1.4 billion for the six months ended June 30, 2023 "
            "and 2022, respectively, there were principal repayments of finance lease obligations of $79 and $105 "
            "million, respectively. These are included in cash flows from financing activities.")
    events = extractor.extract(Document(id="u", source="t", kind="filing", text=text, company="UPS", published="2023-08-08"))
    amounts = sorted(e.amount_usd for e in events if e.type == "capex")
    assert 1.8e9 in amounts and 1.4e9 in amounts
    assert all(a >= 1e9 for a in amounts)  # no capex of $1.8 million


def test_the_mention_audit_s_borrowing_rows():
    # rows of the regression filings' cash-flow statements (public domain, SEC; models/extractor/MODEL_CARD.md,
    # "Extractor 3.65"): RTX's 10-K for 2023 and Intel's 10-K for 2023 state borrowing rows the reader had
    # missed (a positive net change is a raise, a negative one is not), UnitedHealth's parent-only
    # Schedule I lends within the group, and GE's investment securities sold are no borrowing
    rtx = """CONSOLIDATED STATEMENT OF CASH FLOWS
(dollars in millions) | 2023 | 2022 | 2021
Financing Activities:
Change in other short-term borrowings, net | 87 | ( 29 ) | 47
"""
    rows = sorted((e.type, e.amount_usd, e.period) for e, _, _ in table_events(rtx, "filing", 12))
    assert rows == [("debt", 47e6, "2021"), ("debt", 87e6, "2023")]
    intel = """Consolidated Statements of Cash Flows
Years Ended (In Millions) | Dec 30, 2023 | Dec 31, 2022 | Dec 25, 2021
Issuance of commercial paper, net of issuance costs | — | 3,945 | —
"""
    assert [(e.amount_usd, e.period, e.instrument) for e, _, _ in table_events(intel, "filing", 12)] == [
        (3945e6, "2022", "commercial paper")]
    unh = """Condensed Statements of Cash Flows (Parent Company Only)
(in millions) | For the Years Ended December 31, | 2023 | 2022 | 2021
Proceeds from notes from subsidiaries | 1,188 | 594 | 3,223
"""
    ge = """Statement of Cash Flows
(In millions) | 2023 | 2022 | 2021
Proceeds from debt/equity securities sales and early redemptions | 12,712 | 7,267 | 6,665
"""
    assert table_events(unh, "filing", 12) == [] and table_events(ge, "filing", 12) == []
    # UnitedHealth's 10-Q: a column headed "2023 vs. 2022" is the change, no period's borrowing
    unh_change = """Six Months Ended June 30, | Increase/(Decrease)
(in millions) | 2023 | 2022 | 2023 vs. 2022
Issuances of short-term borrowings and long-term debt, net of repayments | 7,695 | 6,162 | 1,533
"""
    assert [(e.amount_usd, e.period) for e, _, _ in table_events(unh_change, "filing", 12)] == [(7695e6, "H1 2023"), (6162e6, "H1 2022")]
