"""Capex rows of cash-flow statements: "Capital expenditures (4,511) (2,135)" under "($ in
millions)" and "Year Ended May 31, 2022 2021" is two events, FY2022 and FY2021, status actual.

Statements carry no "$" on most rows, so the money grammar never sees them; this reads the text
line by line instead: the row's label, its figures (cells split by " | " as the collectors write
tables, or by spaces as plain text has them), the statement's scale and the column headers above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.models import Event

CAPEX_ROW = re.compile(
    r"^\s*(?:(?:total\s+)?capital\s+expenditures?|cash\s+capital\s+expenditures|"
    r"purchases?\s+(?:of|related\s+to)\s+property(?:,)?\s+(?:plant\s+)?and\s+equipment|"
    r"payments?\s+for\s+(?:the\s+)?acquisition\s+of\s+property(?:,)?\s+(?:plant\s+)?and\s+equipment|"
    r"additions?\s+to\s+property(?:,)?\s+(?:plant\s+)?and\s+equipment|"
    r"cash\s+paid\s+for\s+(?:property|PP&E))\b[^|\d(\n$]{0,120}",
    re.I,
)
# A figure: (4,511)  ( 63,645 )  $84,946  4,511  (1,346)  —
_CELL = re.compile(r"\(\s*\$?\s*([\d,]+(?:\.\d+)?)\s*\)|\$?\s*([\d]{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|([—–-]{1,2})(?=\s|$)")
_SCALE = re.compile(r"\bin\s+(thousands|millions|billions)\b", re.I)
_SPAN = re.compile(r"\b(three|six|nine|twelve)\s+months\s+ended\b|\b(year|fiscal\s+year)s?\s+ended\b|\bquarter\s+ended\b", re.I)
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_DATE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+((?:19|20)\d{2})\b", re.I)
_YEAR = re.compile(r"(?<![\d,.$])((?:19|20)\d{2})(?![\d,])")
_END_MONTH = re.compile(r"\b(?:year|years|fiscal\s+year)\s+ended\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*", re.I)
_MULTIPLIER = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
LOOKBACK_LINES = 40


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


def _period_names(header: str, span: str | None, fy_end: int | None) -> list[str]:
    dates = [(int(y), _MONTHS[mo.lower()[:3]]) for mo, _, y in _DATE.findall(header)]
    if dates:
        names = []
        for year, month in dates:
            if span in ("three", "six", "nine"):
                names.append(_fiscal_part(year, month, span, fy_end))
            else:
                names.append(_fiscal_year(year, month))
        return names
    years = [int(y) for y in _YEAR.findall(header)]
    if span in (None, "year", "fiscal year") or not years:
        return [_fiscal_year(y, fy_end or 12) for y in years]
    return [str(y) for y in years]


def _fiscal_year(year: int, end_month: int) -> str:
    return str(year) if end_month == 12 else f"FY{year}"


def fiscal_year(year: int, month: int, end: int | None) -> int:
    """The fiscal year that (year, month) falls in, for a year ending in month `end` (None or 12:
    the calendar year). Microsoft's year ends in June: 2025-11 is in FY2026."""
    return year if not end or month <= end else year + 1


def _fiscal_part(year: int, month: int, span: str, fy_end: int | None) -> str:
    """The quarter or half a period ending in (year, month) is, in the company's fiscal calendar
    when its year end is known, else in the calendar year."""
    end = fy_end or 12
    into = (month - end - 1) % 12 + 1  # months since the fiscal year began, at the period's end
    label = str(year) if end == 12 else f"FY{fiscal_year(year, month, end)}"
    if span == "three":
        return f"Q{(into + 2) // 3} {label}"
    return f"{'H1' if span == 'six' else '9M'} {label}"


def _lines(text: str) -> tuple[list[str], list[int]]:
    """The text's lines and where each starts."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    return lines, offsets


def table_events(text: str, kind: str, fy_end: int | None = None) -> list[tuple[Event, int, int]]:
    """(event without company, line start, line end) for each figure of each capex row; `fy_end`
    is the company's fiscal year-end month, for statements that do not say it."""
    lines, offsets = _lines(text)
    out: list[tuple[Event, int, int]] = []
    for i, line in enumerate(lines):
        m = CAPEX_ROW.match(line)
        if not m:
            continue
        cells = line[m.end():]
        figures = _figures(cells)
        if not figures or all(f is None for f in figures):
            continue
        above = lines[max(0, i - LOOKBACK_LINES) : i]
        block = "\n".join(above)
        scales = _SCALE.findall(block)
        if scales:
            multiplier = _MULTIPLIER[scales[-1].lower()]
        elif kind == "filing" and any(f is not None and f >= 1000 for f in figures):
            multiplier = 1e6  # large filers' statements are in millions; small ones say thousands
        else:
            continue
        end_month = _END_MONTH.findall(block)
        fiscal_end = _MONTHS[end_month[-1].lower()[:3]] if end_month else fy_end
        spans = _SPAN.findall(block)
        span = (spans[-1][0] or spans[-1][1] or "three").lower() if spans else None
        periods: list[str] = []
        for header in reversed(above):  # the nearest line that names the columns
            names = _period_names(header, span, fiscal_end)
            if len(names) >= 1 and (len(names) == len(figures) or len(names) >= 2):
                periods = names
                break
        for k, value in enumerate(figures):
            if value is None or value == 0:
                continue
            ev = Event(
                type="capex",
                sentence=line.strip(),
                start=offsets[i],
                end=offsets[i] + len(line),
                amount_usd=value * multiplier,
                amount_text=f"{value:,.0f} (column {k + 1})",
                period=periods[k] if k < len(periods) else None,
                status="actual",
                confidence=0.7,
            )
            out.append((ev, offsets[i], offsets[i] + len(line)))
    return out


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
