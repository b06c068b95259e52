"""Capex rows of cash-flow statements: "Capital expenditures (4,511) (2,135)" under "($ in
millions)" and "Year Ended May 31, 2022 2021" is two events, FY2022 and FY2021, status actual.

Statements carry no "$" on most rows, so the money grammar never sees them; this reads the text
line by line instead: the row's label, its figures (cells split by " | " as the collectors write
tables, or by spaces as plain text has them), the statement's scale and the column headers above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from monitor.models import Event
from monitor.nlp.instruments import BRIDGE, INSTRUMENTS
from monitor.nlp.money import CURRENCY_CODES, CURRENCY_SYMBOLS, CURRENCY_WORDS

# What may follow a label's first words before its figures: more words, a parenthesised note
# with letters in it ("(Note 4)", "(original maturities of three months or less)", "(PP&E)"),
# "90 days", "due 2029"; never a "$", a "%" or a bare number.
_LABEL_TAIL = (r"(?:due\s+(?:19|20)\d{2}\b|\s[—–-]\s*(?:net|proceeds|issuances?|borrowings)\b|\d+\s+(?:days|months|years)\b|\([^()$%\n]{0,80}?[A-Za-z][^()$%\n]{0,80}?\)|"
               r"[^|\d(\n$%—–-]|(?<=\w)[-–](?=\w)){0,160}")
CAPEX_ROW = re.compile(
    r"^\s*(?:less\s*:?\s+)?"  # "Less: purchases of property and equipment" (a free cash flow reconciliation)
    r"(?:(?:total\s+)?capital\s+(?:expenditures?|investments?)|cash\s+capital\s+expenditures|"
    # "Purchases of leasehold improvements, property and equipment" (Chipotle)
    r"(?:purchases?|acquisitions?)\s+(?:of|related\s+to)\s+(?:leasehold\s+improvements,?\s+)?property(?:,)?\s+(?:plant,?\s+)?(?:(?:and|&)\s+)?equipment|"
    r"payments?\s+(?:for\s+(?:the\s+)?acquisition\s+of|to\s+acquire)\s+property(?:,)?\s+(?:plant,?\s+)?and\s+equipment|"
    r"additions?\s+to\s+propert(?:y|ies)(?:,)?\s+(?:plant,?\s+)?and\s+equipment|capital\s+spending|capex|"
    # a real estate owner's row: "Improvements and additions to hotel properties" (Lodging Fund REIT III)
    r"(?:improvements\s+and\s+)?additions\s+to\s+(?:hotel|rental|real\s+estate|investment|operating)\s+propert(?:y|ies)|"
    r"improvements\s+to\s+(?:hotel|rental|real\s+estate|investment|operating)\s+propert(?:y|ies)|"
    # an explorer's row: "Exploration, development and other capital expenditures" (Talos Energy)
    r"(?:total\s+)?(?:exploration|development|drilling|upstream)(?:\s*(?:,|and|&)\s*(?:exploration|development|drilling|production|completions?))*"
    r"(?:,?\s+and\s+other)?\s+capital\s+expenditures|"
    r"investments?\s+in\s+property(?:,)?\s+(?:plant\s+)?and\s+equipment|"
    r"investments?\s+in\s+(?:[\w,]+\s+){1,5}?(?:other\s+)?(?:property|properties)\b(?!\s+(?:held|investments?)|,?\s+(?:at\s+cost|net)\b)|"  # "Investments in parks, resorts and other property" (not a balance: "Investment in hotel properties, net")
    r"expenditures?\s+for\s+property(?:(?:,)?\s+(?:plant\s+)?and\s+equipment)?|"  # "Expenditures for property" (General Motors)
    r"purchases?\s+of\s+equipment|purchases?\s+and\s+other\s+additions\s+of\s+property|"  # Mullen's, Rocket Companies' rows
    # the other common ways of writing the same row (dei PaymentsToAcquirePropertyPlantAndEquipment)
    r"(?:purchases?|acquisitions?|additions?)\s+(?:of|to)\s+(?:fixed\s+assets|plant(?:,)?\s+(?:property,?\s+)?(?:and|&)\s+equipment)|"
    r"property(?:,)?\s+(?:plant,?\s+)?(?:and|&)\s+equipment\s+(?:additions|purchases|expenditures)|capital\s+additions|"
    r"purchases?\s+of\s+(?:land,\s+buildings,?\s+and\s+equipment|premises\s+and\s+equipment)|"
    r"payments?\s+for\s+(?:plant|property)\b|"  # "Payments for plant, rental machines and other property"
    r"purchased\s+property(?:,)?\s+(?:plant,?\s+)?(?:and|&)\s+equipment|"  # H.B. Fuller
    r"cash\s+paid\s+for\s+(?:(?:the\s+)?purchases?\s+of\s+)?(?:property|PP&E|fixed\s+assets))\b" + _LABEL_TAIL,  # "Cash paid for purchase of property and equipment" (GigaCloud)
    re.I,
)
_DEBT_NOUN = (r"(?:debt|notes|borrowings?|loans?|commercial\s+paper|bonds|debentures|(?:short[- ]term\s+)?obligations|(?:credit\s+)?facilit(?:y|ies)|"
              r"lines?\s+of\s+credit|credit\s+lines?|revolver|"  # "Proceeds from line of credit" (Tilly's)
              r"(?:credit|loan)\s+agreements?|paycheck\s+protection\s+program)(?!\s+receivable)")  # "Proceeds from Fortress Credit Agreement, net"
# what a borrowing row's label may go on with before its figures: a facility's part, the costs
# its proceeds are net of; never a repayment's words
_DEBT_LABEL_TAIL = re.compile(
    r"\s*(?:[-–—,:]\s*)?(?!.{0,80}?\b(?:repay|payments?\b|redemption|redeem|extinguish|settle|purchase|maturit))"
    r"(?:(?<=costs\sof\s)\$?\s?[\d.,]+(?:\s*(?:million|thousand|billion))?|"
    r"net\s+of\s+(?:debt\s+)?(?:issuance|offering|financing)\s+costs?(?:\s+and\s+discounts?)?(?:\s+of\s+\$?\s?[\d.,]+(?:\s*(?:million|thousand|billion))?)?|"
    r"(?:term\s+loans?|revolv\w+(?:\s+(?:credit\s+)?(?:facility|loans?))?|[A-Za-z][A-Za-z ,&'’-]{0,60}?))\s*(?=\|)",
    re.I,
)
# Borrowing rows of a cash-flow statement: the proceeds of new debt, one event per column. Net
# rows ("Net (payments) borrowings on ...", "Net borrowing/(repayment) of commercial paper") are
# raises only where the figure is positive (see _signed).
DEBT_ROW = re.compile(
    # "Proceeds from borrowings under 6.25% Notes", "... under 0.0% Convertible Notes" (Vail Resorts):
    # first, or the label would end at "borrowings" before its coupon
    r"^\s*(?:(?:proceeds\s+from\s+)?borrowings?\s+(?:under|from|of)\s+(?:the\s+|our\s+|its\s+)?\d{1,2}(?:\.\d{1,3})?\s?%\s+(?:[\w-]+\s+){0,3}?(?:notes|debentures|bonds)|"
    r"(?:net\s+)?proceeds\s+(?:from|of)\s*(?:/\s*\((?:repayments?|payments?)\s+of\)\s*)?(?!(?:the\s+)?(?:sales?|repayments?|collections?|maturit)\w*\b)(?:the\s+)?"
    r"(?:issuances?\s+of\s+|issuing\s+)?(?:\((?:repayments?|payments?)\s+of\)\s+)?"
    # "the issuance of 3.00% convertible senior notes", "Proceeds from related parties’ loans" (DDC's 20-F)
    r"(?:\d{1,2}(?:\.\d{1,3})?\s?%\s+)?(?:[\w'’-]+\s+(?:and\s+)?){0,3}?" + _DEBT_NOUN + r"|"
    # "Issuance of convertible loans, net of issuance costs", "Issuance of commercial paper, net of issuance costs" (Intel)
    r"(?:issuances?|issuance)\s+of\s+(?:[\w,-]+\s+(?:and\s+)?){0,3}?(?:debt|notes|loans|bonds|debentures|commercial\s+paper)|"
    # "Receipt of long-term debt, net of transaction cost" (Nexxen's 20-F)
    r"receipts?\s+(?:of|from)\s+(?:new\s+)?(?:long[- ]term\s+|short[- ]term\s+|bank\s+)?(?:debt|loans?|borrowings?)\b(?!\s+receivable)|"
    r"commercial\s+paper(?=[^|\d\n]{0,60}?(?:\bnet\b|\((?:repayments?|payments?)\)))[^|\d\n]{0,60}?|"  # "Commercial paper borrowings (payments), net"
    r"(?:short[- ]term\s+)?borrowings(?=\s*\|)|"  # a bare "Borrowings" row: a cash-flow statement's only (see _BARE)
    r"borrowings?\s+(?:under|from|on|of)\s+(?:the\s+|our\s+)?(?:(?:revolving|asset[- ]based|asset[- ]backed|secured|unsecured|senior|ABL)\s+){0,2}(?:credit\s+(?:facilit(?:y|ies)|agreements?|lines?)|lines?\s+of\s+credit|term\s+loans?|revolver|"
    r"senior\s+notes|(?:long[- ]term\s+)?debt|notes?\s+payable|(?:bank\s+)?loans?(?:\s+payable)?)|"  # "Borrowings from note payable" (Financial Gravity)
    # Bonso's "Advance from bank loans", M.D.C.'s "Advances on mortgage repurchase facility, net"
    r"(?:new\s+)?advances?\s+(?:from|of|on|under)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:loans?|borrowings?|notes\s+payable|facilit(?:y|ies)|lines?\s+of\s+credit|credit\s+lines?)|"
    r"new\s+borrowings|newly\s+issued\s+debt|credit\s+facility\s+(?:revolver\s+)?borrowings|debt\s+issued(?!,?\s+net\s+of)|"  # "Debt issued | 1,000 | 800" (Macy's), not net of what was repaid
    r"(?:net\s+)?(?:changes?|increase|\(decrease\)\s+increase|increase\s+\(decrease\))\s+in\s+(?:other\s+)?(?:short[- ]term\s+|current\s+|revolving\s+[\w\s]{0,30}?)?(?:borrowings|debt|commercial\s+paper)|"
    r"net\s+(?:\((?:payments?|repayments?)(?:\s+on)?\)\s*/?\s*)?(?:borrowings?|proceeds)(?:\s*/?\s*\((?:payments?|repayments?)\))?"
    r"\s+(?:\([^)]*\)\s+)?(?:on|of|from|under)\s+(?:\([^)]*\)\s+)?[^|\d(\n$%]{0,60}?" + _DEBT_NOUN + r"|"  # "from (payments on) mortgage credit facilities"
    r"\((?:repayments?|payments?)\s+of\)\s+proceeds\s+from\s+[^|\d(\n$%]{0,40}?" + _DEBT_NOUN + r"|"
    r"\((?:repayments?|payments?)\)\s*(?:/\s*)?(?:borrowings?|proceeds)\s+(?:on|of|from|under)\s+[^|\d(\n$%]{0,40}?" + _DEBT_NOUN + r"|"  # "(Repayment) borrowings on debt" (Apogee)
    r"(?:net\s+)?short[- ]term\s+borrowings(?:,\s+net)?|net\s+short[- ]term\s+(?:borrowings?|debt)|"
    r"short[- ]term\s+(?:borrowings?|debt)(?=[^|\d\n]{0,60}?(?:\bnet\b|\((?:repayments?|payments?)\)))|"
    r"short[- ]term\s+(?:borrowings?|debt)[^|\d\n]{0,60}?\bproceeds\b|(?:net\s+)?additions(?:\s*/\s*\(reductions\))?\s+to\s+(?:other\s+)?(?:long[- ]term\s+|short[- ]term\s+)?debt|"
    r"long[- ]term\s+financing\s+issuances|issuances\s+of\s+(?:long[- ]term\s+)?debt|"
    # "Long-term debt borrowings, net of issuance costs paid", "Notes and loans payable, net" (Clorox:
    # a net change, a raise where positive)
    r"(?:long[- ]term\s+)?debt\s+borrowings|notes\s+and\s+loans\s+payable,?\s+net|"
    # an instrument's net change in a cash-flow statement, a raise where positive: "Revolving credit
    # facility, net | (653) | 649 | (1)" (Sirius XM's 10-K)
    r"(?:revolving\s+credit\s+(?:facilit(?:y|ies)|agreements?)|revolver|credit\s+facilit(?:y|ies)|lines?\s+of\s+credit),\s+net)\b"
    + _LABEL_TAIL,
    re.I,
)
# What may follow a row's label: figures and nothing else. "Capital expenditures were $3.1
# billion in 2023" is prose: its words ("were", "billion", "in") make it so, and its years are
# not figures. A footnote marker "(3)" may sit between the label and the figures.
_FOOTNOTE = re.compile(r"^\s*(?:\((?:[1-9]|[a-z])\)|\*{1,3})(?=\s*(?:\||\(|\$|\d|[—–-]))")
_ROW_CELLS = re.compile(
    r"^(?:\s*\|?\s*(?:\(\s*\$?\s*[\d,]+(?:\.\d+)?\s*\)|\$?\s*\d[\d,]*(?:\.\d+)?|[—–―-]{1,2}|\$))+\s*\|?\s*$"
)
_YEARLIKE = re.compile(r"(?<![\d,.])(?:19|20)\d{2}(?![\d,.])")
_STATEMENT_TITLE = re.compile(r"\bstatements?\s+of\b|\bbalance\s+sheets?\b", re.I)
_BALANCE_SHEET = re.compile(r"\bbalance\s+sheets?\b|\bstatements?\s+of\s+financial\s+(?:position|condition)\b", re.I)
_TRAILING = re.compile(r"\btrailing\b|\bTTM\b|\blast\s+(?:four|4|twelve|12)\s+(?:quarters|months)\b", re.I)
_PROSE = re.compile(r"[a-z]{3,}[^|\n]*\.\s*$")


def row_cells(rest: str, bare: bool = False) -> str | None:
    """The figures after a row's label, or None when the rest of the line is not figures only
    (prose that starts with a row's words, a heading of years, percentages, dates). In a table
    that writes its figures without separators (`bare`), "1980" after a row's label is $1,980
    million, not a year."""
    rest = _FOOTNOTE.sub("", rest.replace("\u200b", " "), count=1)
    if not rest.strip() or not _ROW_CELLS.match(rest) or (_YEARLIKE.search(rest) and not (bare and "|" in rest)):
        return None
    return rest


# a figure of four digits or more without a separator that no year could be, alone in its cell
# ("| 11384 |", "| $(2265) |", "| 5613 |"): a table that writes its figures so (Markdown
# conversions of filings)
_BARE_FIGURE = re.compile(r"\|\s*\$?\s*\(?\s*\$?(?:\d{5,}|(?!19|20)[1-9]\d{3})\s*\)?\s*(?=\||$)", re.M)


# a cell no header holds: a figure in parentheses, with a "$", or not a year
_FIGURE_NOT_YEAR = re.compile(r"\|\s*(?:\$|\(\s*\$?\s*\d|(?!(?:19|20)\d{2}\s*(?:\||$))\d)")


def _bare_figures(lines: list[str], i: int) -> bool:
    """Whether the table around line `i` writes figures without separators: three such cells
    among the 40 lines around it."""
    return sum(len(_BARE_FIGURE.findall(line)) for line in lines[max(0, i - 20) : i + 20]) >= 3


# A figure: (4,511)  ( 63,645 )  $84,946  4,511  (1,346)  —
_CELL = re.compile(r"\(\s*\$?\s*([\d,]+(?:\.\d+)?)\s*\)|\$?\s*([\d]{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|([—–―-]{1,2})(?=\s|$)")  # "―": a horizontal bar, Standard Pacific's nil
_SCALE = re.compile(r"\bin\s+(?:US\s?\$?\s?|U\.S\.\s+dollars\s+)?(thousands|millions|billions)\b|\$\s?(000)['’]?s\b|\(\$?(000)['’]?s?\)|"
                    r"(?:\b[A-Z]{2,3}|[$€£¥₹])\s?['’](000)\b|"  # a foreign filer's columns: "RMB'000 | RMB'000 | US$'000", "HK$’000"
                    r"\((thousands|millions|billions)\s+of\s+(?:U\.?S\.?\s+)?dollars\b|\((thousands|millions|billions)[),]", re.I)  # "(millions)", "(millions, except per share)": Macy's
_SPAN = re.compile(r"\b(three|six|nine|twelve|3|6|9|12)\s+months\s+ended\b|\b(year|fiscal\s+year)s?\s+ended\b|\bquarters?\s+ended\b|"
                   r"\b(first\s+half)\b|\b(first|second|third|fourth)\s+quarter\b|"
                   r"\b(\d{2}|twelve|thirteen|sixteen|seventeen|twenty[- ]four|thirty[- ]six|forty|fifty[- ]two|fifty[- ]three)\s+weeks\s+ended\b", re.I)
# 52/53-week calendars (PepsiCo's "12 Weeks Ended", "36 Weeks Ended"): how many weeks make which span
_WEEK_WORDS = {"twelve": 12, "thirteen": 13, "sixteen": 16, "seventeen": 17, "twenty-four": 24, "twenty four": 24,
               "thirty-six": 36, "thirty six": 36, "forty": 40, "fifty-two": 52, "fifty two": 52, "fifty-three": 53,
               "fifty three": 53}


def _weeks_span(weeks: str) -> str | None:
    n = int(weeks) if weeks.isdigit() else _WEEK_WORDS.get(weeks.lower(), 0)
    if 12 <= n <= 17:
        return "three"  # a quarter (a 16- or 17-week fourth quarter too)
    if 24 <= n <= 30:
        return "six"
    if 36 <= n <= 42:
        return "nine"
    if 52 <= n <= 53:
        return "year"
    return None
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _spans(text: str) -> list[str]:
    """The column spans a header names, in order: "three", "six", "nine", "twelve", "year", or a
    named part of the year, "q1".."q4" and "h1" (Ford's "Second Quarter" and "First Half")."""
    out = []
    for a, b, half, nth, weeks in _SPAN.findall(text):
        if weeks:
            span = _weeks_span(weeks)
            if span:
                out.append(span)
            continue
        a = {"3": "three", "6": "six", "9": "nine", "12": "twelve"}.get(a, a)
        out.append("h1" if half else f"q{_ORDINAL[nth.lower()]}" if nth else (a or b or "three").lower())
    return out


MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}  # "sep" -> 9
_MDY = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+((?:19|20)\d{2})\b"  # "March 30, 2023"
_DATE = re.compile(r"\b" + _MDY, re.I)
_YEAR = re.compile(r"(?<![\d,.$])((?:19|20)\d{2})(?![\d,])")
_MONTH_DAY = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b(?!,?\s*(?:19|20)\d{2})", re.I)
_END_MONTH = re.compile(r"\b(?:year|years|fiscal\s+year)\s+ended\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*", re.I)
_MULTIPLIER = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "000": 1e3}
LOOKBACK_LINES = 40
MAX_TABLE_LINES = 160


@dataclass
class _Header:
    span: str | None  # "year" | "three" | "six" | "nine" | None
    periods: list[str]


def _figures(cells: str) -> list[float | None]:
    out: list[float | None] = []
    for m in _CELL.finditer(cells):
        if m.group(3):
            out.append(None)
            continue
        raw = (m.group(1) or m.group(2)).replace(",", "")
        out.append(float(raw))
    return out


_NUMERIC_DATE = re.compile(r"\b(1[0-2]|0?[1-9])/([0-3]?\d)/((?:19|20)\d{2})\b")
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _named_dates(line: str) -> str:
    """"9/9/2023 | 9/3/2022" as "Sep 9, 2023 | Sep 3, 2022", so that one reader reads both."""
    return _NUMERIC_DATE.sub(lambda m: f"{_MONTH_ABBR[int(m.group(1)) - 1]} {int(m.group(2))}, {m.group(3)}", line)


_ELAPSED = {3: "three", 6: "six", 9: "nine"}


def _period_names(header: str, span: str | None, fy_end: int | None) -> list[str | None]:
    header = _named_dates(header)
    # a 52/53-week period that ends in a month's first week belongs to the month before
    # ("Three Months Ended March 3, 2023" is Adobe's quarter to February; "July 1, 2023" is June's)
    dates = [month_of(int(y), MONTHS[mo.lower()[:3]], int(d)) for mo, d, y in _DATE.findall(header)]
    if dates and len(dates) < len(_YEAR.findall(header)):
        # "Years ended December 31, 2023 | 2022 | 2021": the years after a date share its month
        dates, last = [], None
        spans = [(m.start(), m.end(), m) for m in _DATE.finditer(header)]
        for y in _YEAR.finditer(header):
            inside = next((m for a, b, m in spans if a <= y.start() < b), None)
            if inside is not None:
                last = (MONTHS[inside.group(1).lower()[:3]], int(inside.group(2)))
            if last is not None:
                dates.append(month_of(int(y.group(1)), *last))
    if dates:
        names: list[str | None] = []
        length = {"h1": "six"}.get(span or "", "three" if (span or "").startswith("q") else span)
        for year, month in dates:
            if span is None and fy_end is not None and (month - fy_end) % 12 in (3, 6, 9):
                # a column dated inside the fiscal year, its span not printed ("March 31, / 2023 |
                # 2022" over ADTRAN's 10-Q cash flows): the months since the year began
                names.append(_fiscal_part(year, month, _ELAPSED[(month - fy_end) % 12], fy_end))
            elif length in ("three", "six", "nine"):
                names.append(_fiscal_part(year, month, length, fy_end))
            elif length == "twelve" and month != (fy_end or 12):
                names.append(None)  # twelve months to a quarter's end: trailing, not one year
            else:
                names.append(_fiscal_year(year, month))
        return names
    years = [int(y) for y in _YEAR.findall(header)]
    if span in (None, "year", "fiscal year") or not years:
        return [_fiscal_year(y, fy_end or 12) for y in years]
    if span == "nine":
        return [None for _ in years]  # year-to-date columns have no period in the format
    return [str(y) for y in years]  # a span without its month: the year at least


_DATE_PIECE = re.compile(r"^\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?(?:\s+(?:19|20)\d{2})?|(?:19|20)\d{2})\s*$", re.I)


_YEARS_ROW = re.compile(r"^\s*(?:19|20)\d{2}(?:\s*\|\s*(?:19|20)\d{2})+\s*$")


def _folded_dates(block: list[str]) -> list[str]:
    """A header a PDF's text puts one piece to a line ("April 26," / "2026" / "April 27," /
    "2025", Applied Materials' release) as the one line it is: "April 26, 2026 April 27, 2025"."""
    out: list[str] = []
    run: list[str] = []
    for line in [*block, ""]:
        if _DATE_PIECE.match(line):
            run.append(line.strip())
            continue
        if len(run) == 1 and not _YEAR.search(run[0]) and _YEARS_ROW.match(line):
            # "March 31," / "2023 | 2022" (ADTRAN's 10-Q): the years share the month-day above them
            out.append(f"{run[0]} {line.strip()}")
            run = []
            continue
        if len(run) >= 2:
            out.append(" ".join(run))
        else:
            out.extend(run)
        run = []
        out.append(line)
    return out[:-1]


def _spread_spans(block: list[str], h: int, fy_end: int | None) -> list[str | None] | None:
    """Column periods of a header of full dates under a line that names two or more spans
    ("Three Months Ended Six Months Ended" / "April 26, 2026 April 27, 2025 April 26, 2026 April
    27, 2025"): the dates split evenly among the spans, in order. None when the header is not so."""
    dates = list(_DATE.finditer(_named_dates(block[h])))
    if len(dates) < 2:
        return None
    for line in reversed(block[:h]):
        spans = _spans(line)
        if spans:
            break  # the nearest line naming spans names the columns' ("Six Months Ended" alone: one span)
        if _DATE.search(line) or len(line) > 120:
            return None
    else:
        return None
    if len(spans) < 2:
        return None
    if len(dates) % len(spans):
        return None
    per = len(dates) // len(spans)
    return [_period_names(d.group(0), spans[k // per], fy_end)[0] for k, d in enumerate(dates)]


def _year_columns(block: list[str], h: int, years: list[int], fy_end: int | None) -> list[str | None] | None:
    """Column periods of a statement whose header (line `h` of the block) gives the years on a
    line of their own: the spans ("Three Months Ended Six Months Ended", "First Half") and the
    month-days ("June 30, June 30,") on the nearest lines above it, else below it, the years split
    evenly among the spans. eBay's four columns 2023 2022 2023 2022 are Q2 2023, Q2 2022, H1
    2023, H1 2022. None when the header cannot be read so."""
    spans: list[str] = []
    days: list[tuple[int, int]] = []
    for line in [*reversed(block[:h]), *block[h + 1 :]]:
        if not days:
            days = [(MONTHS[mo.lower()[:3]], int(d)) for mo, d in _MONTH_DAY.findall(line)]
        if not spans:
            spans = _spans(line)
        if spans and days:
            break
    named = bool(spans) and all(sp[0] in "qh" for sp in spans)
    if not spans or not (days or named) or not years or len(years) % len(spans):
        return None
    per = len(years) // len(spans)
    out: list[str | None] = []
    for k, year in enumerate(years):
        span = spans[k // per]
        if named:  # "Second Quarter | First Half / 2022 | 2023 | 2022 | 2023": the year names it
            label = f"FY{year}" if fy_end and fy_end != 12 else str(year)
            out.append(f"{span.upper()} {label}")
            continue
        if len(days) == len(years):
            month, day = days[k]
        elif len(days) == len(spans):
            month, day = days[k // per]
        else:
            month, day = days[-1]
        y, m = month_of(year, month, day)
        if span in ("three", "six", "nine"):
            out.append(_fiscal_part(y, m, span, fy_end))
        elif span == "twelve" and m != (fy_end or 12):
            out.append(None)  # twelve months to a quarter's end: trailing, not one year
        elif span == "twelve" or "year" in span:
            out.append(_fiscal_year(fiscal_year(y, m, fy_end or 12), fy_end or 12))
        else:
            out.append(None)
    return out


def month_of(year: int, month: int, day: int) -> tuple[int, int]:
    """The (year, month) a period ending on this date belongs to: a 52/53-week period that ends in
    a month's first week is the month before's."""
    if day > 7:
        return year, month
    return (year, month - 1) if month > 1 else (year - 1, 12)


def _fiscal_year(year: int, end_month: int) -> str:
    return str(year) if end_month == 12 else f"FY{year}"


def fiscal_year(year: int, month: int, end: int | None) -> int:
    """The fiscal year that (year, month) falls in, for a year ending in month `end` (None or 12:
    the calendar year). Microsoft's year ends in June: 2025-11 is in FY2026."""
    return year if not end or month <= end else year + 1


def _fiscal_part(year: int, month: int, span: str, fy_end: int | None) -> str | None:
    """The quarter or half a period ending in (year, month) is, in the company's fiscal calendar
    when its year end is known, else in the calendar year. Nine months has no name in the
    format (None)."""
    end = fy_end or 12
    into = (month - end - 1) % 12 + 1  # months since the fiscal year began, at the period's end
    label = str(year) if end == 12 else f"FY{fiscal_year(year, month, end)}"
    if span == "three":
        return f"Q{(into + 2) // 3} {label}"
    return f"H1 {label}" if span == "six" else None


def _lines(text: str) -> tuple[list[str], list[int]]:
    """The text's lines and where each starts."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    return lines, offsets


def _table_block(lines: list[str], i: int) -> list[str]:
    """The lines above row `i` that belong to its table: back to the statement's title, or to
    a line of prose. A scale or a heading further up belongs to another table ("(In millions)"
    of the income statement is not the cash-flow statement's). Beyond LOOKBACK_LINES the block
    goes on only through table lines (rows, headings, blank lines and page furniture such as "F-7"
    or "Table of Contents"), so that a long cash-flow statement, or one continued on the next
    page, keeps its title, scale and columns (Marathon Digital's financing rows sit 50 lines and a
    page break below them)."""
    k = i
    lo = max(0, i - MAX_TABLE_LINES)
    while k > lo:
        line = lines[k - 1]
        if _STATEMENT_TITLE.search(line) and len(line) < 200 and not line.rstrip().endswith(":"):
            # (a label ending in a colon heads a part of the table: "Consolidated Statement of
            # Operations Data:" in Macy's Selected Financial Data, under its columns and scale)
            k -= 1
            # column spans printed above the title ("For Six Months Ended" / "Consolidated
            # Statements of Cash Flows | June 30,") belong to the table
            while k > 0 and (not lines[k - 1].strip() or _SPAN.search(lines[k - 1])) and len(lines[k - 1]) < 200:
                if not lines[k - 1].strip() and not (k > 1 and _SPAN.search(lines[k - 2])):
                    break
                k -= 1
            return lines[k:i]
        if len(line) > 200 and _PROSE.search(line):
            return lines[k:i]
        if i - k >= LOOKBACK_LINES and not (" | " in line or len(line) < 100):
            return lines[k:i]
        k -= 1
    return lines[k:i]


def _rows_below(lines: list[str], i: int, reach: int = 40) -> list[str]:
    """The rows of row `i`'s table below it, up to the next statement title, line of prose or
    scale line: a statement in whole currency units whose first rows after a page break are
    small ("Purchase of property and equipment | ( 191,634)" over "( 104,086,826)", DDC's 20-F)."""
    out = []
    for line in lines[i + 1 : i + 1 + reach]:
        if (_STATEMENT_TITLE.search(line) and len(line) < 200) or (len(line) > 200 and _PROSE.search(line)) or _SCALE.search(line):
            break
        if " | " in line:
            out.append(line)
    return out


_DOC_SCALE = re.compile(r"\bin\s+(millions|thousands|billions)\b|\((millions|thousands|billions)\s+of\s+(?:U\.?S\.?\s+)?dollars\b|"
                        r"(?:\b[A-Z]{2,3}|[$€£¥₹])\s?['’](000)\b|"
                        r"\((millions|thousands|billions)[),]|(?:\(\$?|\$\s?)(000)['’]?s?\b|\b(000)['’]?s\s+omitted\b", re.I)


def scale_marks(text: str) -> list[tuple[int, float]]:
    """Where the document states a scale, and which: (position, multiplier), in order."""
    return [(m.start(), _MULTIPLIER[next(g for g in m.groups() if g).lower().replace("000", "thousands")])  # "(000's omitted)", "(in $000s)"
            for m in _DOC_SCALE.finditer(text)]


def document_scale(text: str, marks: list[tuple[int, float]] | None = None) -> float | None:
    """The scale a document states most often ("in thousands"), or None when it states none
    (`marks`: its scale_marks, when already read)."""
    counts: dict[float, int] = {}
    for _, multiplier in scale_marks(text) if marks is None else marks:
        counts[multiplier] = counts.get(multiplier, 0) + 1
    return max(counts, key=counts.get) if counts else None  # type: ignore[arg-type]


_CASH_FLOWS_TITLE_LINE = re.compile(r"^[^\n|]{0,60}\bSTATEMENTS?\s+OF\s+CASH\s+FLOWS?\b[^\n|]{0,40}$", re.M)
_UNITS_ROW = re.compile(r"^[^|\n]{3,}\|[^\n]*\d{1,3},\d{3},\d{3}", re.M)


def statements_in_units(text: str, marks: list[tuple[int, float]]) -> bool:
    """Whether a report's cash-flow statement states no scale and writes its figures to seven
    digits and more: whole currency units, whatever scale a lone table elsewhere states (DDC's
    20-F: "RMB | RMB / (in thousands)" over its audit fees, and cash flows in whole RMB)."""
    found = False
    for m in _CASH_FLOWS_TITLE_LINE.finditer(text):
        end = min(len(text), m.end() + 3000)
        if any(m.end() <= at < m.end() + 800 for at, _ in marks):
            return False  # a statement that states its scale
        found = found or _UNITS_ROW.search(text, m.end(), end) is not None
    return found


def _multiplier(block: list[str], figures: list[float | None], kind: str, default: float | None = None,
                below: list[str] | tuple[str, ...] = ()) -> float | None:
    """The table's scale: its own "(In millions)" line; whole dollars when its figures (its rows
    above and `below` the row) run to seven digits and it states no scale; for a filing's table
    that says neither, the scale the filing states most often (`default`: Marathon's restatement
    tables sit in a filing "in thousands") unless that makes a figure a trillion dollars or more,
    else millions (a guess only made for filings); otherwise unknown."""
    scales = ["".join(groups) for groups in _SCALE.findall("\n".join(block))]
    if scales:
        return _MULTIPLIER[scales[-1].lower()]
    if any(f is not None and f >= 1e6 for f in figures) or any(
        re.search(r"\d{1,3},\d{3},\d{3}", line) for line in (*block, *below)
    ):
        return 1.0
    if kind == "filing" and any(f is not None and f >= 1000 for f in figures):
        if default and default > 1e6 and max(f for f in figures if f is not None) * default >= 1e12:
            # General Motors' MD&A writes "in billions" most often; its segment tables state no
            # scale, and "$10,970" of capex in billions would be $11 trillion: millions
            return 1e6
        return default or 1e6
    return None


_UNREAD: Any = object()


def table_events(text: str, kind: str, fy_end: int | None = None, scale: float | None = _UNREAD) -> list[tuple[Event, int, int]]:
    """(event without company, line start, line end) for each figure of each capex row and each
    borrowing-proceeds row; `fy_end` is the company's fiscal year-end month, for statements that
    do not say it; `scale`, the one the document states most often (read from it when not given;
    None: it states none). A line is a row only when its label is followed by figures and nothing
    else."""
    if scale is _UNREAD:
        scale = document_scale(text) if kind == "filing" else None
    lines, offsets = _lines(text)
    out: list[tuple[Event, int, int]] = []
    for i, line in enumerate(lines):
        m = CAPEX_ROW.match(line)
        etype = "capex"
        if not m:
            m = DEBT_ROW.match(line)
            etype = "debt"
        label_line = line
        if not m and " | " in line:
            # a sub-row under its parent's label: "Short-term borrowings, by original maturity:" /
            # "More than three months - proceeds | 4,688 | 1,947"
            parent = _parent_label(lines, i)
            if parent and _SUB_ROW_RAISE.search(line.split(" | ")[0]):
                label_line = f"{parent} {line.strip()}"
                m = DEBT_ROW.match(label_line)
        if not m:
            continue
        cut = m.end()
        cells = row_cells(label_line[cut:])
        if cells is None and etype == "debt":
            # "Proceeds from the Credit Facility - Term Loan | — | 900,000" (Concentrix), "Proceeds from
            # issuance of senior convertible notes, net of issuance costs of $9.9 million | 350,100"
            # (Progress Software): the label goes on to the first cell
            tail = _DEBT_LABEL_TAIL.match(label_line, cut)
            if tail is not None:
                cut = tail.end()
                cells = row_cells(label_line[cut:])
        bare = False
        if cells is None and _YEARLIKE.search(label_line[cut:]) and _bare_figures(lines, i):
            bare = True
            cells = row_cells(label_line[cut:], bare=True)
        if cells is None and etype == "capex":
            cells = _cells_after_note(line[: m.end()], line[m.end():])
        if cells is None:
            continue
        figures = _figures(cells)
        if not figures or all(f is None for f in figures):
            continue
        block = _table_block(lines, i)
        if etype == "debt" and block and _BALANCE_SHEET.search(block[0]):
            continue  # a balance ("Short-term borrowings | 2,192.4") is not a raise
        label = label_line[:cut]
        if _SEGMENTS.search(label):
            continue  # "Total capital expenditures from reportable segments": the company's total is its own row
        if etype == "debt" and _BARE.match(label) and not _in_cash_flows(lines, i):
            continue  # "Short-term borrowings | $5,548" outside a cash-flow statement is a balance
        if etype == "capex" and (_DISCONTINUED.search(label) or _DISCONTINUED.search(_caption(lines, i, 14))):
            # "Capital expenditures of discontinued operations | — | 15,252": a part beside the total
            # row; so is a row of a table "of discontinued operations" (Synopsys's 10-Q)
            continue
        if etype == "capex" and _not_paid(label):
            continue  # "Purchases of property and equipment included in accounts payable | $5,764"
        if etype == "debt" and _BALANCE_LABEL.search(label):
            continue  # "Short-term borrowings outstanding at year-end | $— | $499" (Lowe's): a balance
        if etype == "debt" and _NOT_BORROWED_LABEL.search(label):
            continue  # "Proceeds from notes from subsidiaries" (a parent-only schedule), securities sold
        if _INTEREST_CAPTION.search(_caption(lines, i)):
            continue  # "Net interest expense is comprised of the following:" / "Short-term borrowings | 1 | — | 15"
        top = i - len(block) - 1  # the line the block stopped at
        intro = lines[top] if top >= 0 and lines[top].rstrip().endswith(":") else ""
        # a sentence that introduces the tables below it gives their scale when they state none:
        # "The following tables provide selected financial data by segment (dollars in thousands):"
        # (Cavco's 10-K, whose later segment tables show seven-digit revenues in thousands)
        multiplier = _multiplier(block + ([intro] if _SCALE.search(intro) else []), figures, kind, scale, _rows_below(lines, i))
        if multiplier is None:
            continue
        joined = "\n".join(block)
        end_month = _END_MONTH.findall(joined)
        fiscal_end = MONTHS[end_month[-1].lower()[:3]] if end_month else fy_end
        spans = _spans(joined)
        span = spans[-1] if spans else None
        periods: list[str | None] = []
        spread: list[str | None] | None = None
        block = _folded_dates(block)
        for h in range(len(block) - 1, -1, -1):  # the nearest line that names the columns
            header = block[h]
            if bare and _FIGURE_NOT_YEAR.search(header):
                continue  # "Purchases of marketable debt securities | (1930) | (1770)": figures, no header
            names = _period_names(header, span, fiscal_end)
            if len(names) >= 1 and (len(names) == len(figures) or len(names) >= 2):
                spread = _spread_spans(block, h, fiscal_end)
                periods = spread if spread and len(spread) == len(figures) else list(names)
                if span in ("three", "six", "nine", "twelve", "q1", "q2", "q3", "q4", "h1") and not _DATE.search(_named_dates(header)):
                    # years alone under "Three Months Ended Six Months Ended / June 30, June 30,":
                    # each column's span and month come from the lines above
                    periods = _year_columns(block, h, [int(y) for y in _YEAR.findall(header)], fiscal_end) or periods
                break
        if periods and len(periods) == len(figures) + 1:
            # "(7) (21) (13) (35)" under four columns (Shopify's three and six months): the first
            # cell was a figure, not a footnote marker
            whole = label_line[cut:].replace("\u200b", " ")
            if _ROW_CELLS.match(whole) and not _YEARLIKE.search(whole) and len(_figures(whole)) == len(periods):
                cells, figures = whole, _figures(whole)
                periods = spread if spread and len(spread) == len(figures) else periods
        if periods and len(figures) == len(periods) + 1 and _NOTE_HEADER.search(joined):
            note = _NOTE_CELL.match(cells)
            if note is not None:
                # "Acquisition of property, plant and equipment | 7 | (9,844) | (6,054) | (3,182)"
                # under "2020 | 2019 | 2018" / "Note | ...": the first cell names a note (Arrival's 20-F)
                cells = cells[note.end() :]
                figures = _figures(cells)
        if _TRAILING.search(joined):
            periods = []  # trailing-four-quarter columns are not one quarter each
        signed = _signed(cells)
        total_only = _segment_total(figures, signed) or _consolidated_last(block)
        if total_only and not periods:
            # columns that are not periods ("As Reported | Adjustment | As Restated"): the last one
            # takes the one period the nearest heading line names ("For the three months ended /
            # March 31, 2023")
            for header in reversed(block):
                if " | " in header and re.search(r"\d", header.split(" | ", 1)[1]):
                    continue  # a row of figures ("Balances as of February 1, 2023 | $4,191")
                names = _period_names(header, span, fiscal_end)
                if names:
                    periods = [None] * (len(figures) - 1) + names if len(names) == 1 else []
                    break
        change = _change_column(figures, periods, block)
        currency = table_currency(block + ([intro] if intro else []))
        by_column = column_currencies(block, len(figures))
        for k, value in enumerate(figures):
            if value is None or value == 0 or (total_only and k != len(figures) - 1):
                continue  # a segment's column beside the consolidated total is not the company's figure
            if by_column is not None:
                if by_column[k] is None:
                    continue  # "US$ (Unaudited)": the last year again, translated
                currency = by_column[k]
            if k == change:
                continue  # "10,070 | 10,491 | (421)": the change between two periods, no period's figure
            if etype == "debt" and k < len(signed) and signed[k]:
                continue  # "(500)" on a proceeds row: net repayment, not a raise
            ev = Event(
                type=etype,  # type: ignore[arg-type]
                sentence=line.strip(),
                start=offsets[i],
                end=offsets[i] + len(line),
                amount_usd=value * multiplier if currency == "USD" else None,
                currency=None if currency == "USD" else currency,  # dollars are the default, as for prose
                amount_original=value * multiplier if currency != "USD" else None,
                amount_text=f"{value:,.0f} (column {k + 1})",
                period=periods[k] if k < len(periods) else None,
                status="actual" if etype == "capex" else "completed",
                instrument=row_instrument(label) if etype == "debt" else None,
                confidence=0.7,
            )
            out.append((ev, offsets[i], offsets[i] + len(line)))
    return out


_SEGMENTS = re.compile(r"\bsegments?\b", re.I)
# a cell that names a note of the statements ("7", "12", "19A"), under a "Note" column
_NOTE_CELL = re.compile(r"^\s*\|?\s*\d{1,2}[A-Z]?\s*(?=\|)")
_NOTE_HEADER = re.compile(r"(?:^|\|\s*)Notes?\s*(?:\||$)", re.M)
# what a statement is in, when not dollars: "In thousands of euro", "(in millions of Canadian dollars)",
# "€ in millions", "(CAD in thousands)"; the words and signs are monitor.nlp.money's
_IN_CURRENCY = re.compile(r"(?i:\bin\s+(?:thousands|millions|billions)\s+of\s+)(?P<a>[^|\n),]{2,40})|"
                          r"(?i:\((?:in\s+)?(?:thousands|millions|billions)\s+of\s+)(?P<b>[^|\n)]{2,40})\)|"
                          r"(?P<c>[€£¥₹]|[A-Z]{1,2}\$|\b[A-Z]{3}\b)\s*(?i:(?:in\s+)?(?:thousands|millions|billions|['’]?000s?)\b)|"
                          r"(?i:\bin\s+(?:thousands|millions|billions)\s*\(?\s*)(?P<d>[€£¥₹]|[A-Z]{1,2}\$|\b[A-Z]{3}\b)")  # codes in capitals


def table_currency(block: list[str]) -> str:
    """The currency a statement's scale line names ("In thousands of euro": EUR); dollars when it
    names none. The nearest such line to the row wins."""
    for line in reversed(block):
        for m in _IN_CURRENCY.finditer(line):
            named = next(g for g in m.groups() if g).strip()
            words = named.lower().split()
            # the longest currency name the words begin with ("canadian dollars", "euro"), else a sign or a code
            code = next((CURRENCY_WORDS[" ".join(words[:k])] for k in range(len(words), 0, -1)
                         if " ".join(words[:k]) in CURRENCY_WORDS), None) or CURRENCY_SYMBOLS.get(named) or CURRENCY_CODES.get(named)
            if code is not None:
                return code
    return "USD"


# a row of column currencies under a foreign filer's years: "RMB | RMB | RMB | US$"
_CURRENCY_CELL = r"\s*(?:[A-Z]{3}|[A-Z]{1,3}\s?\$|\$|US\$|[€£¥₹￥])(?:\s?['’]000)?\s*"  # "RMB'000": thousands of yuan
_CURRENCY_ROW = re.compile(rf"^{_CURRENCY_CELL}(?:\|{_CURRENCY_CELL})+$")


def column_currencies(block: list[str], columns: int) -> list[str | None] | None:
    """Each column's currency, from the nearest row of currency cells with one cell per column
    ("RMB | RMB | RMB | US$": CNY, CNY, CNY, and None for the US-dollar column, a convenience
    translation of the last year into dollars and not a figure of its own), or None when the
    table has no such row."""
    for line in reversed(block):
        if not _CURRENCY_ROW.match(line.strip()):
            continue
        cells = [re.sub(r"\s?['’]000$", "", c.strip()) for c in line.split("|")]
        if len(cells) != columns:
            return None
        codes = [CURRENCY_CODES.get(c) or CURRENCY_SYMBOLS.get(c.replace(" ", "")) for c in cells]
        if any(c is None for c in codes):
            return None
        foreign = {c for c in codes if c != "USD"}
        # beside the reporting currency, the dollar columns are translations (20-F "convenience" columns)
        return [None if foreign and c == "USD" else c for c in codes]
    return None


# a column heading that names a difference: "2023 vs. 2022", "Increase/(Decrease)", "$ Change"
_CHANGE_HEADING = re.compile(r"\b(?:19|20)\d{2}\s+(?:vs\.?|versus|compared\s+(?:to|with))\s+(?:19|20)\d{2}\b|"
                             r"\bincrease\s*/\s*\(?decrease\)?|\(?decrease\)?\s*/\s*increase\b|[$%]\s*change\b|\bvariance\b", re.I)


def _change_column(figures: list[float | None], periods: list[str | None], block: list[str]) -> int | None:
    """The index of a column that is the difference of the two before it ("Less Capital
    expenditures | 10,070 | 10,491 | (421)" under two periods and a "$ Change" column), if any.
    Where a heading of the table's `block` names a difference, the last column may have been read
    as a period of its own, or its years as two more ("2023 | 2022 | 2023 vs. 2022", UnitedHealth's 10-Q)."""
    if len(periods) < 2 or not (len(figures) == len(periods) + 1 or len(periods) >= len(figures) >= 3
                                and any(_CHANGE_HEADING.search(h) for h in block)):
        return None
    a, b, c = figures[-3], figures[-2], figures[-1]
    if a is None or b is None or c is None or not c:
        return None
    return len(figures) - 1 if abs(abs(a - b) - abs(c)) <= 0.005 * max(abs(c), 1) else None


_MIXED = re.compile(r"\b(?:and|or)\s+(?:other\s+)?(?:[\w-]+\s+){0,2}?(?:debt|borrowings?|loans?|notes|obligations)\b|"
                    r"\b(?:debt|borrowings?|loans?)\s*(?:,|and|or)\s+(?:[\w-]+\s+){0,2}?(?:notes|debt|loans?|borrowings|paper|bonds)\b", re.I)


def row_instrument(label: str) -> str | None:
    """The one instrument a row's label names; none for a label that joins several ("Issuances of
    loans, notes payable and long-term debt", "senior notes and other borrowings")."""
    if _MIXED.search(label):
        return None
    # "loan" is not read from its general words ("borrowings", "financing": any row's), only from a
    # securitisation's ("Proceeds from the Securitization Facility", Concentrix), as the guideline
    # says, and from the word itself ("Proceeds from PPP loans", Lodging Fund REIT III)
    named = next((name for name, rx in INSTRUMENTS if name != "loan" and rx.search(label)), None)
    if named is None and BRIDGE.search(label):
        return "term loan"  # "Proceeds from bridge loan" (RTX's 10-K): a bridge is a term loan, as the guideline says
    return named or ("loan" if _SECURITISATION.search(label) or _LOANS.search(label) else None)


_LOANS = re.compile(r"\bloans?\b", re.I)


_SECURITISATION = re.compile(r"\bsecuriti[sz]ation\b|\basset[- ]backed\b|\breceivables?\s+(?:purchase|financing|facility)\b", re.I)


# labels that are a flow only in a cash-flow statement, a balance anywhere else
_BARE = re.compile(r"^\s*(?:net\s+)?(?:short[- ]term\s+)?borrowings(?:,\s+net)?\s*$", re.I)
# a row's label that says it is a balance or a statistic of one, not money raised
_BALANCE_LABEL = re.compile(r"\boutstanding\b|\bcurrent\s+(?:maturities|portion)\b|\bat\s+(?:the\s+)?(?:fiscal\s+)?(?:year|period|quarter)[- ]end\b|\bmaximum\b|"
                            r"\baverage\b|\binterest\s+rate\b|\bexcluding\b|\bcarrying\b|\bfair\s+value\b|"
                            r",\s*principal\s+amount\b",  # "Total short-term borrowings, principal amount | 3,970 | 2,935" (Pfizer's 10-Q)
                            re.I)  # "Short-term borrowings and long-term debt, excluding capital leases" (Yum!'s fair values)
# a row whose proceeds were not borrowed from outside the group: loans from the filer's own
# subsidiaries (UnitedHealth's parent-only Schedule I beside its consolidated statements) and
# investment securities sold ("Proceeds from debt/equity securities sales and early redemptions", GE)
_NOT_BORROWED_LABEL = re.compile(r"\b(?:from|to)\s+(?:its\s+|our\s+|the\s+)?(?:consolidated\s+)?subsidiar(?:y|ies)\b|\binter-?company\b|"
                                 r"\bsecurities\s+(?:sales|sold)\b|\bsales\s+and\s+(?:early\s+)?redemptions\b", re.I)
# capex a row's label says was not paid in cash in the period: "Purchases of property and
# equipment included in accounts payable and accrued liabilities", "Capital expenditures incurred
# but not yet paid" (a supplemental disclosure under the cash-flow statement, never its capex row)
# (the words are the prose's too: monitor.nlp.events reads "capital expenditures incurred but not yet
# paid of $12 million" with them)
NOT_PAID = (r"\b(?:included|recorded|accrued|remaining)\s+(?:with)?in\s+(?:accounts\s+payable|accrued|(?:other\s+|current\s+)?liabilities)\b|"
            r"\b(?:in|within)\s+accounts\s+payable\b|\b(?:accrued\s+)?but\s+not\s+(?:yet\s+)?paid\b|\bnot\s+yet\s+paid\b")
_NOT_PAID_LABEL = re.compile(
    NOT_PAID + r"|\bunpaid\b|\bnon-?cash\b|\b(?:financed|acquired|obtained)\s+(?:through|by|with|under)\b|"
    r"\bunder\s+(?:finance|capital)\s+leases?\b", re.I)
_DISCONTINUED = re.compile(r"\b(?:of|from|for|in)\s+discontinued\s+operations\b|[-–—]\s*discontinued\s+operations\b", re.I)


def _not_paid(label: str) -> bool:
    """The label says the figure was not paid in cash, and not as what the figure leaves out
    ("Capital expenditures, excluding non-cash additions" is the capex row)."""
    m = _NOT_PAID_LABEL.search(label)
    return m is not None and not _NET_OF_NOTE.search(label[: m.start()])


# a table of what debt cost, not of what was borrowed: its rows name the debt the interest is on
_INTEREST_CAPTION = re.compile(r"\binterest\s+(?:expense|income|costs?|charges?)\b|\binterest\s*[-–—,]\s*net\b", re.I)
_ENDS_IN_FIGURE = re.compile(r"[\d)—–]\s*$")  # a row whose cells are not split by " | " ("... expense ( 29.2 ) ( 32.0 )")
_CASH_FLOWS = re.compile(r"\bcash\s+flows?\b", re.I)


def _caption(lines: list[str], i: int, reach: int = 8) -> str:
    """The words that introduce row `i`'s table: the nearest line above it, within `reach`, that
    is neither blank, nor a row, nor a heading of columns, spans or scale."""
    for k in range(i - 1, max(-1, i - reach), -1):
        line = lines[k].strip()
        if line and " | " not in line and not _SPAN.search(line) and not _SCALE.search(line) and not _ENDS_IN_FIGURE.search(line):
            return line if len(line) < 300 else ""
    return ""


def _in_cash_flows(lines: list[str], i: int, reach: int = 200) -> bool:
    """Whether row `i` stands in a cash-flow statement: the nearest statement title above it
    (however long the statement) is one of cash flows."""
    for k in range(i - 1, max(-1, i - reach), -1):
        line = lines[k]
        if len(line) < 200 and _STATEMENT_TITLE.search(line):
            return bool(_CASH_FLOWS.search(line))
        if len(line) < 200 and _CASH_FLOWS.search(line) and " | " not in line:
            return True  # "Supplemental Data for Cash Flow" and the like
    return False


# a sub-row's own words must say it is money coming in ("More than three months - proceeds",
# "Three months or less, net"); "Variable rate | $878" under "Short-term borrowings:" is a balance
_SUB_ROW_RAISE = re.compile(r"\bproceeds\b|\bnet\b|\bissu\w*|\bborrowings?\b|\badditions?\b", re.I)


def _parent_label(lines: list[str], i: int) -> str | None:
    """The label a row hangs under: the nearest line above, within four, that ends with a colon
    and holds no figures, with only rows between them."""
    for k in range(i - 1, max(-1, i - 5), -1):
        line = lines[k].strip()
        if line.endswith(":") and " | " not in line and len(line) < 120:
            return line
        if " | " not in line:
            return None
    return None


_CONSOLIDATED = re.compile(r"\|\s*(?:consolidated|total|total\s+company|total\s+(?:reportable\s+)?segments|consolidated\s+total|"
                           r"as\s+(?:restated|adjusted|revised))\s*$", re.I)  # "Total Segments": TSS's segment note


def _consolidated_last(block: list[str]) -> bool:
    """Whether the nearest line of column names above the row ends in a "Consolidated" or "Total"
    column (Ford: "Company excluding Ford Credit | Ford Credit | Eliminations | Consolidated";
    Walmart's debt roll-forward: "Long-term debt due within one year | Long-term debt | Total")."""
    for line in reversed(block):
        cells = line.split(" | ")[1:]
        if all(_AUDIT_NOTE.fullmatch(c.strip()) for c in line.split(" | ")):
            continue  # "(unaudited) | (unaudited)" under the column names
        if cells and not any(re.search(r"\d", c) for c in cells) and any(re.search(r"[A-Za-z]", c) for c in cells):
            return bool(_CONSOLIDATED.search(line))
    return False


_AUDIT_NOTE = re.compile(r"(?:\(?(?:un)?audited\)?|\(?(?:as\s+)?restated\)?)?", re.I)  # or an empty cell


def _segment_total(figures: list[float | None], signed: list[bool]) -> bool:
    """Whether a row's last figure is the sum of the others ("Capital spending | (3,691) | (38) |
    — | (3,729)": two segments, eliminations and the consolidated total), so that only the last
    column is the company's. A row of periods practically never adds up so: this year's figure
    is not the sum of the years before it to the half percent, and at least two parts must."""
    values = [None if f is None else (-f if k < len(signed) and signed[k] else f) for k, f in enumerate(figures)]
    parts = [v for v in values[:-1] if v]
    last = values[-1] if values else None
    # one part is enough in a consolidating statement's five columns ("300,000 | ― | ― | ― |
    # 300,000": the parent issued, the consolidated total is the same), never in three years' columns
    enough = 2 if len(values) < 5 else 1
    return bool(last) and len(parts) >= enough and abs(sum(parts) - last) <= 0.005 * abs(last)  # type: ignore[arg-type,operator]


# "Additions to property and equipment, net of $35, $46 and $32, respectively, of non-cash
# capital expenditures (930) (737) (713)": a note with amounts of its own inside the label; the
# row's figures are the parenthesised outflows at the end of the line.
_NET_OF_NOTE = re.compile(r"\b(?:net\s+of|excluding|including)\b[^|]*$", re.I)
_OUTFLOWS_AT_END = re.compile(r"((?:\s*\|?\s*(?:\(\s*\$?\s*[\d,]+(?:\.\d+)?\s*\)|[—–-]{1,2}(?=\s|$))){1,6})\s*\|?\s*$")


def _cells_after_note(label: str, rest: str) -> str | None:
    if not _NET_OF_NOTE.search(label + rest[:20]):
        return None
    m = _OUTFLOWS_AT_END.search(rest)
    if not m or not re.search(r"(?:[A-Za-z]\S*|\$\s?[\d,.]*\d)\s*\|?\s*$", rest[: m.start(1)]):
        return None  # the note ends in words ("... of non-cash capital expenditures") or in its own "$1"
    return row_cells(m.group(1))


def _signed(cells: str) -> list[bool]:
    """Which of a row's figures are in parentheses (negative), in the order of _figures."""
    return [bool(m.group(1)) for m in _CELL.finditer(cells)]


# Pricing term sheets and terms agreements: "Principal Amount: | $1,000,000,000" under "Title: |
# 3.875% Notes due 2045". Each principal row is one tranche.
PRINCIPAL_ROW = re.compile(
    r"^\s*(?:aggregate\s+)?principal\s+amount(?:\s+(?:offered|of\s+(?:the\s+)?notes))?\s*:?\s*\|?\s*"
    r"(?:U\.?S\.?)?\$\s?([\d]{1,3}(?:,\d{3})+(?:\.\d+)?)\s*$",
    re.I,
)
_TITLE_ROW = re.compile(r"^\s*(?:title(?:\s+of\s+(?:the\s+)?securities)?|securities|designation)\s*:?\s*\|?\s*(.+)$", re.I)
_COUPON_IN = re.compile(r"(\d{1,2}(?:\.\d{1,4})?)\s?%")
_DUE_IN = re.compile(r"\bdue\s+((?:19|20)\d{2})\b", re.I)
_KIND_IN = re.compile(r"\b(senior\s+notes|convertible\s+(?:senior\s+)?notes|notes|bonds|debentures)\b", re.I)


def term_sheet_events(text: str) -> list[tuple[Event, int, int]]:
    """(debt event without company, line start, line end) for each principal-amount row."""
    lines, offsets = _lines(text)
    out: list[tuple[Event, int, int]] = []
    for i, line in enumerate(lines):
        m = PRINCIPAL_ROW.match(line)
        if not m:
            continue
        value = float(m.group(1).replace(",", ""))
        title = None
        for near in reversed(lines[max(0, i - 8) : i]):
            t = _TITLE_ROW.match(near)
            if t and (_DUE_IN.search(t.group(1)) or _KIND_IN.search(t.group(1))):
                title = t.group(1)
                break
        kind = _KIND_IN.search(title or "")
        coupon = _COUPON_IN.search(title or "")
        due = _DUE_IN.search(title or "")
        instrument = kind.group(1).lower() if kind else "notes"
        if instrument.startswith("convertible"):
            instrument = "convertible notes"
        elif instrument == "debentures":
            instrument = "notes"
        ev = Event(
            type="debt",
            sentence=(f"{title.strip()} | " if title else "") + line.strip(),
            start=offsets[i],
            end=offsets[i] + len(line),
            amount_usd=value,
            currency="USD",
            amount_text=m.group(1),
            status="priced",
            instrument=instrument,
            coupon=float(coupon.group(1)) if coupon else None,
            maturity=due.group(1) if due else None,
            confidence=0.7,
        )
        out.append((ev, offsets[i], offsets[i] + len(line)))
    return out


# Tables of notes the filer issued, one raise per row: after "In the 36 weeks ended September 9,
# 2023, we issued the following notes:" a table "Interest Rate | Maturity Date | Principal Amount"
# (PepsiCo); or a table that dates each issue, "Issue Date | Principal Amount | Maturity Date | ...
# | Interest Rate | Net Proceeds" (Walmart's "Debt Issuances").
_ISSUED_INTRO = re.compile(
    r"\b(?:issued|sold|completed\s+(?:the\s+)?(?:issuance|offering|sale)s?\s+of|issuances?\s+of)\b[^.|]{0,60}\bfollowing\b"
    r"[^.|]{0,60}\b(?:notes|debentures|bonds|debt|securities)\b[^.|]*:\s*$|"
    r"\b(?:debt|notes)\s+issued\s+during\b[^|\n]*:\s*$|^\s*debt\s+issuances\s*$|"
    # "During 2023, the Company issued $3.0 billion of unsecured fixed rate notes (collectively, the 2023 Notes) as follows:"
    r"\bissued\b(?:[^.|\n]|\.(?=\d)){0,120}\b(?:notes|debentures|bonds)\b[^|\n]{0,80}\bas\s+follows\s*:\s*$", re.I | re.M)
_PRINCIPAL_COL = re.compile(r"^(?:aggregate\s+)?(?:principal(?:\s+amount)?|(?:face\s+)?amount|face\s+value)\b", re.I)
_ISSUE_DATE_COL = re.compile(r"^(?:issue|issuance)\s+date$|^date\s+(?:of\s+)?issu(?:ed|ance)$", re.I)
_RATE_COL = re.compile(r"\b(?:interest\s+)?rate\b|\bcoupon\b", re.I)
_RATE_CELL = re.compile(r"^\s*(?:(\d{1,2}(?:\.\d{1,4})?)\s*%|floating(?:\s+rate)?|variable(?:\s+rate)?|SOFR\b.*)", re.I)
_MONTH_YEAR = re.compile(r"^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+((?:19|20)\d{2})\s*$", re.I)  # "March 2023"
_ON_DATE = re.compile(r"\bon\s+" + _MDY, re.I)  # "On March 30, 2023"
# "In 2023, we issued the following senior notes:" (PepsiCo's 10-K): the year, as the filer names it
_IN_YEAR = re.compile(r"^\W*(?:in|during)\s+(?P<fiscal>fiscal\s+(?:year\s+)?)?(?P<year>(?:19|20)\d{2})\s*,", re.I)
_AMOUNT_CELL = re.compile(r"^\s*(?:U\.?S\.?)?\$?\s*(\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s*$")
_PERCENT = re.compile(r"(\d{1,2}(?:\.\d{1,4})?)\s*%")


def issued_notes_events(text: str, fy_end: int | None = None) -> list[tuple[Event, int, int]]:
    """(debt event without company, line start, line end) for each row of a table of notes the
    filer says it issued: the principal in the table's scale, else the document's (a large filer's
    notes say "$650" for $650 million); the period from the row's issue date when it gives one."""
    from monitor.nlp.periods import quarter_name  # periods imports this module

    if not _ISSUED_INTRO.search(text):
        return []  # most filings: no such table, and no need to split or scan them again
    lines, offsets = _lines(text)
    out: list[tuple[Event, int, int]] = []
    doc_scale = _dominant_scale(text)
    done: set[int] = set()
    for i, line in enumerate(lines):
        if not _ISSUED_INTRO.search(line):
            continue
        at = i
        while True:  # the tables under the intro, one after another ("fiscal 2024 and 2023")
            table = _notes_table(lines, at)
            if table is None:
                break
            h, cols, principal = table
            at = h + 1
            if h in done:
                continue
            done.add(h)
            dated = next((k for k, c in enumerate(cols) if _ISSUE_DATE_COL.match(c)), None)
            # without an issue-date column, the day the intro gives ("On March 30, 2023, the Company
            # issued"); never the end of a span ("In the 36 weeks ended September 9, 2023, we issued")
            on = _ON_DATE.search(line)
            intro_period = quarter_name(int(on.group(3)), MONTHS[on.group(1).lower()[:3]], fy_end) if on else None
            year = _IN_YEAR.match(line) if on is None else None
            if year is not None:
                named = int(year.group("year"))
                intro_period = str(named) if fy_end in (None, 12) and not year.group("fiscal") else f"FY{named}"
            scales = ["".join(g).lower() for g in _SCALE.findall("\n".join(lines[max(i, h - 3) : h + 1]))]
            multiplier = _MULTIPLIER[scales[-1]] if scales else (_MULTIPLIER[doc_scale] if doc_scale else None)
            for k in range(h + 1, min(len(lines), h + 40)):
                row = lines[k]
                cells = [c.strip() for c in row.split(" | ")]
                if len(cells) != len(cols):
                    break  # a "Total" row or the end of the table
                at = k + 1
                amount = _AMOUNT_CELL.match(cells[principal])
                if not amount:
                    continue
                value = float(amount.group(1).replace(",", ""))
                scaled = value * multiplier if multiplier else (value if value >= 1e6 else None)
                if scaled is None:
                    continue
                rate = next((_PERCENT.search(c) for c in cells if _PERCENT.search(c)), None)
                floating = any(_RATE_CELL.match(c) and not _PERCENT.search(c) for c in cells)
                if rate is None and not floating:
                    continue
                later = [c for j, c in enumerate(cells) if j != dated and j != principal]
                due = _YEAR.search(" ".join(later))
                period = intro_period
                if dated is not None:
                    issued = _issue_month(cells[dated])
                    if issued:
                        period = quarter_name(*issued, fy_end)
                ev = Event(
                    type="debt",
                    sentence=f"{line.strip()} {row.strip()}",
                    start=offsets[k],
                    end=offsets[k] + len(row),
                    amount_usd=scaled,
                    currency="USD",
                    amount_text=cells[principal],
                    period=period,
                    status="completed",
                    instrument="notes",
                    coupon=float(rate.group(1)) if rate else None,
                    maturity=due.group(1) if due else None,
                    confidence=0.7,
                )
                out.append((ev, offsets[k], offsets[k] + len(row)))
    return out


def _dominant_scale(text: str) -> str | None:
    """The scale a filing states most often ("millions"), for a table that states none."""
    scales = ["".join(g).lower() for g in _SCALE.findall(text[:400_000])]
    return max(set(scales), key=scales.count) if scales else None


def _issue_month(cell: str) -> tuple[int, int] | None:
    """(year, month) of an issue-date cell: "April 18, 2023", "4/18/2023" or "March 2023"."""
    m = _DATE.search(_named_dates(cell))
    if m:
        return int(m.group(3)), MONTHS[m.group(1).lower()[:3]]
    m = _MONTH_YEAR.match(cell)
    return (int(m.group(2)), MONTHS[m.group(1).lower()[:3]]) if m else None


def _notes_table(lines: list[str], at: int) -> tuple[int, list[str], int] | None:
    """The header of a table of notes within five lines after `at`: its line, its columns and
    which one holds the principal; None when none follows (prose comes first)."""
    for h in range(at, min(len(lines), at + 6)):
        cols = [c.strip() for c in lines[h].split(" | ")]
        principal = next((k for k, c in enumerate(cols) if _PRINCIPAL_COL.match(c)), None)
        if len(cols) >= 3 and principal is not None and any(_RATE_COL.search(c) for c in cols):
            return h, cols, principal
        if len(lines[h]) > 200:
            return None
    return None
