"""Which period an amount refers to: every period a sentence names, normalised as
../shared/eval-format.md writes them, as candidates for the learned decider.

"Capital expenditures were $3.1 billion in 2023, compared with $2.7 billion in 2022": two
amounts, two years, and which year belongs to which amount is a matter of position and wording
the model weighs ("from", "compared with", "due 2030" is a maturity, not a period). Relative
phrases ("this quarter", "next fiscal year", "during the quarter") resolve against the document's
date and the company's fiscal calendar: an earnings call or a filing speaks of the quarter just
ended, a news story of the one under way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.nlp.money import CURRENCY_CODES, CURRENCY_SYMBOLS, SCALES
from monitor.nlp.tables import MONTHS, fiscal_year, month_of

_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_YY = r"(?:19|20)\d{2}"
_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"


@dataclass(frozen=True)
class PeriodCandidate:
    value: str | None  # normalised ("2025", "FY2026", "Q3 2025", "Q2 FY2026", "H1 2025", "2025-2027", "next three years")
    start: int  # offsets in the sentence; -1 for one from the document's date, or none
    end: int
    kind: str  # year | fy | quarter | half | span | horizon | date | relative | doc | none
    cue: str = ""  # the word before it ("in", "from", "due", "for", "by", ...)


def _year(text: str) -> int:
    text = text.lstrip("'’")
    return int(text) if len(text) == 4 else 2000 + int(text)


def quarter_name(year: int, month: int, fy_end: int | None) -> str:
    """The quarter a month falls in: calendar, or fiscal when the company's year does not end
    in December ("Q2 FY2026" for Microsoft's October-December 2025)."""
    if not fy_end or fy_end == 12:
        return f"Q{(month - 1) // 3 + 1} {year}"
    into = (month - fy_end - 1) % 12  # months since the fiscal year began
    return f"Q{into // 3 + 1} FY{fiscal_year(year, month, fy_end)}"


def quarter_of(month: str, year: int | str, fy_end: int | None) -> str:
    """`quarter_name` of a month written as a word ("September", "Sept.") and its year."""
    return quarter_name(int(year), MONTHS[month.lower()[:3]], fy_end)


def year_name(year: int, fy_end: int | None, fiscal: bool = False) -> str:
    return f"FY{year}" if fiscal or (fy_end and fy_end != 12) else str(year)


# "so far this year", "year to date": the months of the year up to the quarter reported on
_YTD = re.compile(r"\b(?:so|thus)\s+far\s+(?:this|in\s+the|in)\s+(?:fiscal\s+)?year\b|\byear[- ]to[- ]date\b|\bYTD\b", re.I)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "the year ended December 31, 2022", "six months ended June 30, 2023", "fiscal year ended April 30,
    # 2023": the period a filing's figures cover, read before the date in it is read as a quarter
    ("ended", re.compile(
        rf"\b(fiscal\s+)?(years?|twelve\s+months|12\s+months|three\s+months|3\s+months|six\s+months|6\s+months|"
        rf"nine\s+months|9\s+months|quarters?|(?:fiscal\s+)?quarter)\s+ended\s+"
        rf"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{{1,2}}),?\s+({_YY})\b", re.I)),
    ("months", re.compile(rf"\b({_YY})\s+(three|six|nine)[- ]month\s+period\b", re.I)),
    # "during the 2013 third quarter" (Standard Pacific): the year before the quarter's name
    ("year-quarter", re.compile(rf"\b({_YY})\s+(fiscal\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b", re.I)),
    # "the second quarter last year", "Q1 last year": the quarter of the year before the document's
    ("quarter-rel", re.compile(r"\b(?:Q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter)\s+(?:of\s+)?(last|prior|previous|this|next)\s+(fiscal\s+)?year\b", re.I)),
    ("quarter", re.compile(rf"\b(?:Q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter)(?:\s+of)?\s*(?:(fiscal\s+(?:year\s+)?|FY\s?)?({_YY}|'?\d{{2}})\b)?", re.I)),
    # "the September quarter", "our December-quarter results", "the June quarter of 2024": the
    # quarter that ends in that month (calls of companies whose quarters are named so)
    ("month-quarter", re.compile(rf"\b(march|june|september|sept|december|mar|jun|sep|dec)[- ]quarters?\b(?:\s+(?:of\s+)?({_YY})\b)?", re.I)),
    # "for the first half of the year": the half of the year under way, one span (not "the year")
    ("half", re.compile(rf"\b(?:H([12])|(first|second)\s+half|(first|last)\s+six\s+months)(?:\s+of\s+(?:the|this)\s+(?:fiscal\s+)?year\b|"
                        rf"(?:\s+of)?\s*(?:(fiscal\s+(?:year\s+)?|FY\s?)?({_YY}))?)", re.I)),
    # "we have spent $72.4 billion so far this year", "CapEx was $179 million year to date": the
    # months of the year up to the quarter reported on (see _year_to_date)
    ("ytd", _YTD),
    # "during calendar year 2021" in a filer's 10-K whose fiscal year ends in July: the calendar year
    ("calendar", re.compile(rf"\bcalendar\s+(?:year\s+)?({_YY})\b", re.I)),
    ("fy", re.compile(r"\b(?:fiscal\s+(?:year\s+)?|FY\s?)('?\d{2}(?!\d)|\d{4})(?:\s*[-–/]\s*(?:FY\s?)?('?\d{2}(?!\d)|\d{4}))?", re.I)),
    # "2022 and 2023" are two years; "between 2025 and 2027", "2025-27", "2025 through 2027" a span
    ("span", re.compile(rf"\b(?:between\s+)?({_YY})\s*(?:-|–|to|through|(?<=between\s{{1}}\d{{4}}\s)and)\s*({_YY}|\d{{2}})\b", re.I)),
    # "next five years", "over the next 3-4 years", "next two-to-three years", "next couple of
    # years", "over the next decade": an open horizon, as written
    ("horizon", re.compile(rf"\b(?:next|coming|following)\s+(?:{_COUNT}(?:(?:\s*[-–]\s*|[\s-]+to[\s-]+){_COUNT})?|couple\s+of|few|several)\s+years\b|"
                           rf"\bover\s+(?:the\s+)?(?:next\s+)?{_COUNT}\s+years\b|\b(?:next|coming)\s+decade\b", re.I)),
    ("date", re.compile(rf"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{{1,2}},?\s+)?({_YY})\b", re.I)),
    # "up from $91.4 billion the previous year", "$5.2 billion a year earlier": a year before the
    # year the sentence names (resolved in period_candidates), or the document's
    ("year-before", re.compile(r"\b(?:a\s+year\s+(?:earlier|ago|before)|the\s+(?:previous|prior|preceding)\s+year|(?:last|prior|previous)\s+year['’]s|year[- ]ago)\b", re.I)),
    ("relative", re.compile(r"\b(this|current|next|last|prior|previous|coming|the|full)[\s-]+(fiscal\s+year|fiscal(?![\s-]+(?:\d|'\d|Q[1-4]|(?:first|second|third|fourth)\s+quarter|quarter|half|results|performance))|year|quarter)\b|\bduring\s+the\s+quarter\b|\bin\s+the\s+quarter\b|\byear[- ]to[- ]date\b", re.I)),
    # "In June, we issued ...", "earlier in August": a month without its year, of the document's
    # year; "a loan last September" (a March story) the last such month before the document's
    ("month", re.compile(r"\b(?:in|during|since|until|through|by|early|late|mid|end\s+of|beginning\s+of|earlier\s+in|later\s+in|last)[\s-]+"
                         r"(?:early\s+|late\s+|mid-?)?(january|february|march|april|may|june|july|august|september|october|november|december|"
                         r"jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)(?![\w.]*\s*\d)"
                         r"(?![\w.]*\s+(?:and|or|to|through|-|–)\s+[a-z]+\.?\s+(?:\d{1,2},?\s+)?\d{4})", re.I)),  # "In May and June 2022" has its year
    # "On October 10th, we entered into", "on July 1": a day without its year, of the document's year
    ("day", re.compile(r"\bon\s+(january|february|march|april|may|june|july|august|september|october|november|december|"
                       r"jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d)", re.I)),
    # "Last week, we entered into", "earlier this month", "subsequent to quarter end": the quarter
    # under way at the document's date (a call otherwise speaks of the quarter just ended)
    ("recent", re.compile(r"\b(?:last|this|past|earlier\s+this|later\s+this)\s+(week|month)\b|\b(?:yesterday|today)\b|"
                          r"\b(?:just\s+)?(?:after|since|subsequent\s+to|following)\s+(?:the\s+)?(?:quarter|period)[- ](?:end|close)\b|"
                          r"\bpost[- ]quarter\b", re.I)),
    # "our $54 billion five-year capital plan", "over that five-year period": an open horizon
    ("plan-years", re.compile(rf"\b({_COUNT})[- ]year,?\s+(?:[\w$€£¥₹.,-]+\s+){{0,3}}?"
                              r"(?:capital|capex|investment|spending|infrastructure|construction)\s+(?:[\w-]+\s+)?"
                              r"(?:plan|program|programme|forecast|budget|outlook)s?\b|"
                              rf"\b(?:over|during|in)\s+(?:that|the|this|a)\s+({_COUNT})[- ]year\s+(?:period|horizon)\b", re.I)),
    ("year", re.compile(rf"(?<![\d$€£.,])({_YY})(?!\d)(?!,\d)(?!\s*(?:-|–)\s*{_YY})", re.I)),
]
# an instrument named by a year: "the 2023 Credit Agreement", "our 2028 Notes", "2025 senior notes"
_NAMED_BY_YEAR = re.compile(r"[\s\u201c\"]*(?:revolving|credit\s+(?:agreement|facility)|term\s+loan|facility|senior|convertible|"
                            r"notes\b|debentures|bonds\b|indenture|tranche)", re.I)
# what a date after these words names is a maturity or an expiry, not a period of the amount
_FALLS_DUE_BEFORE = re.compile(
    r"\b(?:due|matur(?:e|es|ed|ing|ity)(?:\s+dates?)?|expir(?:e|es|ed|ing|ation|y)(?:\s+dates?)?)(?:\s+(?:of|on|in))?\s+(?:the\s+)?$", re.I)
# a year that is an amount's own digits ("to raise Rs 2000 cr"): after a currency's sign or code, before a
# scale word, read from monitor.nlp.money's own tables
_MONEY_SIGN_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(re.escape(x) for x in sorted([*CURRENCY_SYMBOLS, *CURRENCY_CODES], key=len, reverse=True))
    + r")\.?\s?$")
_SCALE_AFTER = re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in sorted((w for w in SCALES if len(w) > 1), key=len, reverse=True))
                          + r")\b", re.I)
_SERIES_BEFORE = re.compile(r"\bSeries\s+$")
_NUMBER_WORDS = {str(i): w for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])}
_CUE = re.compile(r"(\w+)\W{0,3}$")


def _relative(match: re.Match[str], published: tuple[int, int] | None, fy_end: int | None, kind: str) -> str | None:
    if published is None:
        return None
    year, month = published
    word = (match.group(1) or "").lower()
    unit = (match.group(2) or "").lower()
    text = match.group(0).lower()
    if "year-to-date" in text or "year to date" in text:
        return None
    if "quarter" in text:
        # a call or a filing reports on the quarter just ended; news on the one under way
        shift = {"last": -1, "prior": -1, "previous": -1, "next": 1, "coming": 1}.get(word, 0)
        if kind in ("transcript", "filing") and word in ("this", "the", "current", "") or "during" in text or text.startswith("in the"):
            shift = -1 if kind in ("transcript", "filing") else 0
        return quarter_name(*months_later(year, month, 3 * shift), fy_end)
    shift = {"next": 1, "coming": 1, "last": -1, "prior": -1, "previous": -1}.get(word, 0)
    if (word in ("the", "full") and unit == "year" and kind in ("transcript", "filing")) or (
            word == "current" and unit == "year" and kind == "filing"):
        # "capex for the year was $580 million", "full-year capital investments of $8.2 billion":
        # a call or a filing speaks of the year of the quarter it reports on, the one "the
        # quarter" above names (a January call, of the year that ended); a filing's "current year"
        # is the year it reports on too ("lower repayments of long-term debt in the current year
        # period", a 10-K of February 2024)
        year, month = months_later(year, month, -3)
    elif word == "the" and unit == "year":
        return None
    if "fiscal" in unit or (fy_end and fy_end != 12):
        return f"FY{fiscal_year(year, month, fy_end) + shift}"
    return str(year + shift)


def months_later(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) `months` after (or before, when negative) the given one."""
    m = month + months
    return year + (m - 1) // 12, (m - 1) % 12 + 1


def period_candidates(
    text: str, published: str | None, fy_end: int | None, kind: str, before: str | None = None,
) -> list[PeriodCandidate]:
    """Every period the sentence names, normalised, plus those of the sentence `before` it ("In
    January 2023, we entered into a credit agreement. It has a total commitment of $5 billion."),
    the document's own year and quarter, and "no period". Read once per sentence, however many
    amounts it holds (the candidates are frozen; each caller gets its own list)."""
    return list(_period_candidates(text, published, fy_end, kind, before))


_FISCAL_LIST = re.compile(rf"\bfiscal\s+(?:years?\s+)?{_YY}(?:\s*,\s*(?:and\s+)?{_YY}|\s+and\s+{_YY})+\b", re.I)


@lru_cache(maxsize=1024)
def _period_candidates(
    text: str, published: str | None, fy_end: int | None, kind: str, before: str | None,
) -> tuple[PeriodCandidate, ...]:
    pub = (int(published[:4]), int(published[5:7])) if published and re.match(r"\d{4}-\d{2}", published) else None
    out: list[PeriodCandidate] = []
    if before:
        for p in _period_candidates(before, published, fy_end, kind, None):
            if p.start >= 0:
                out.append(PeriodCandidate(p.value, -1, -1, "prev-" + p.kind, p.cue))
    taken: list[tuple[int, int]] = []
    fiscal_lists = [m.span() for m in _FISCAL_LIST.finditer(text)] if "iscal" in text else []
    for name, rx in _PATTERNS:
        for m in rx.finditer(text):
            a, b = m.start(), m.end()
            if any(x < b and a < y for x, y in taken):
                continue
            if name == "year" and any(x < a < y for x, y in fiscal_lists):
                # "During fiscal 2011, 2010, and 2009, we had capital expenditures of ...": each
                # year of the list is a fiscal year
                cue = _CUE.search(text[max(0, a - 25) : a])
                out.append(PeriodCandidate(f"FY{m.group(1)}", a, b, "fy", cue.group(1).lower() if cue else ""))
                taken.append((a, b))
                continue
            if name in ("year", "fy") and _NAMED_BY_YEAR.match(text, b):
                taken.append((a, b))  # "the 2023 Credit Agreement", "Fiscal 2021 Revolving Credit Facility": a name
                continue
            if _FALLS_DUE_BEFORE.search(text, max(0, a - 40), a) or (name == "year" and (
                    _MONEY_SIGN_BEFORE.search(text, max(0, a - 6), a) or _SCALE_AFTER.match(text, b) or _SERIES_BEFORE.search(text, max(0, a - 8), a))):
                # "$2.5 billion of 3.900% Notes due 2028", "which mature in December 2028": when a debt is repaid,
                # never when it was raised; "to raise Rs 2000 cr": the amount itself; "Series 2020-1AA": a name
                taken.append((a, b))
                continue
            if name == "year-before":
                value = _year_before(text, a, pub, fy_end)
            else:
                value = _normalise(name, m, pub, fy_end, kind)
            also = _AND_YEAR.match(text, b) if name == "ended" else None
            other = None
            if also is not None:
                # "the nine months ended September 30, 2022 and 2023", "three months ended June 30,
                # 2023 and 2022": the second year is the same span's, never a year of its own
                taken.append((b, also.end()))
                other = _ended(m.group(2).lower(), bool(m.group(1)), MONTHS[m.group(3).lower()[:3]], int(m.group(4)), int(also.group(1)), fy_end)
            if value is None:
                if name in ("ended", "months", "ytd"):
                    taken.append((a, b))  # "nine months ended September 30": not the third quarter
                continue
            cue = _CUE.search(text[max(0, a - 25) : a])
            out.append(PeriodCandidate(value, a, b, {"year-quarter": "quarter", "calendar": "year"}.get(name, name), cue.group(1).lower() if cue else ""))
            if other is not None and also is not None:
                out.append(PeriodCandidate(other, also.start(1), also.end(), "ended-and", out[-1].cue))
            taken.append((a, b))
            if name == "quarter" and not m.group(4) and pub is not None and _not_ended(int(value[1]), pub[1], fy_end):
                # "Amazon spent $26.3B in the fourth quarter" (a February story): last year's
                out.append(PeriodCandidate(_shift_year(value, -1), a, b, "quarter-past", out[-1].cue))
            if name == "relative" and pub is not None and _THE_YEAR.fullmatch(m.group(0)) and kind in ("transcript", "filing"):
                # "we expect to invest $2.5 to $2.7 billion during the year" (a January call): the
                # year under way, not the one the call reports on; tense decides (past_quarters)
                ahead = _relative(re.match(r"(this)\s+(year)", "this year"), pub, fy_end, kind)  # type: ignore[arg-type]
                if ahead != value:
                    out.append(PeriodCandidate(ahead, a, b, "relative-ahead", out[-1].cue))
            if name == "month" and pub is not None and MONTHS[m.group(1).lower()[:3]] > pub[1] and not _LAST.match(m.group(0)):
                # "plans to raise Rs 500 crore in November" (an October story): this year's month
                out.append(PeriodCandidate(quarter_name(pub[0], MONTHS[m.group(1).lower()[:3]], fy_end), a, b, "month-ahead", out[-1].cue))
    out += _derived(text, out, pub, fy_end)
    if pub is not None:
        doc_year = year_name(pub[0], fy_end) if not fy_end or fy_end == 12 else f"FY{fiscal_year(pub[0], pub[1], fy_end)}"
        out.append(PeriodCandidate(doc_year, -1, -1, "doc-year"))
        quarter = _relative(re.match(r"(the)\s+(quarter)", "the quarter"), pub, fy_end, kind)  # type: ignore[arg-type]
        out.append(PeriodCandidate(quarter, -1, -1, "doc-quarter"))
        if kind not in ("transcript", "filing"):
            # news speaks of the quarter under way, or reports on the one just ended
            quarter = _relative(re.match(r"(last)\s+(quarter)", "last quarter"), pub, fy_end, kind)  # type: ignore[arg-type]
            out.append(PeriodCandidate(quarter, -1, -1, "doc-last-quarter"))
        report_year = quarter.split(" ", 1)[1] if quarter else None
        if report_year != doc_year:
            # a January call on the fourth quarter: its "full-year capital investments" are the
            # year that quarter ends, not the year the call is held in
            out.append(PeriodCandidate(report_year, -1, -1, "doc-report-year"))
    out.append(PeriodCandidate(None, -1, -1, "none"))
    seen: set[tuple[str | None, int]] = set()
    unique = []
    for c in out:
        if (c.value, c.start) not in seen:
            seen.add((c.value, c.start))
            unique.append(c)
    return tuple(unique)


_LAST = re.compile(r"last\b", re.I)
_THE_YEAR = re.compile(r"(?:the|full)[\s-]+year", re.I)
_AND_YEAR = re.compile(rf"\s*(?:,\s*)?and\s+({_YY})\b")
_NAMED_YEAR = re.compile(rf"(?<![\d$€£.,])(?:(?:fiscal\s+(?:year\s+)?|FY\s?)('?\d{{2}}(?!\d)|{_YY})|({_YY}))(?!\d)(?!,\d)", re.I)


# "$17.5 billion over the five years through 2029": a plan that runs from the document's year to
# the year named; "invest $20 billion by 2030", "between now and the end of 2028": a deadline, as
# written ("by 2030"; docs/labelling.md, section 8v)
_THROUGH = re.compile(rf"\b(through|thru|by|until|till|between\s+now\s+and)\s+(?:the\s+end\s+of\s+)?"
                      rf"(?:(fiscal\s+(?:year\s+)?|FY\s?))?({_YY})\b", re.I)
# "compared with $365 in the same period in 2022", "$8.1 billion in the prior year period": the
# span the sentence names (a quarter, a half), in another year
_COMPARED = re.compile(r"\b(?:compared|versus|vs\.?|from|against|up|down|over)\b", re.I)
_SPAN_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:same|comparable|corresponding)\s+(?:period|quarter)(?:\s+(?:of|in)\s+(?:the\s+)?(?:last|prior|previous)\s+year)?|"
    r"\b(?:the\s+)?(?:prior|previous|last)[- ]year(?:['’]s)?\s+(?:period|quarter)|\byear[- ]ago\s+(?:period|quarter)",
    re.I,
)
_SPAN_VALUE = re.compile(r"^(?:Q[1-4]|H[12]) (?:FY)?\d{4}$")


def _derived(text: str, found: list[PeriodCandidate], pub: tuple[int, int] | None, fy_end: int | None) -> list[PeriodCandidate]:
    """Periods the sentence implies from the ones it names: a plan's span up to a year ("through
    2029" in 2025: 2025-2029; on an undated page, a deadline: "by 2029"), a deadline ("by 2030"),
    and a quarter's or half's comparison in another year ("$29 million in the fourth quarter of
    2024, compared with $40.2 million in 2023": Q4 2023; "$8 billion for the first half of 2025,
    compared to $8.1 billion in the prior year period": H1 2024)."""
    out: list[PeriodCandidate] = []
    for m in _THROUGH.finditer(text):
        end = int(m.group(3))
        fiscal = bool(m.group(2)) or bool(fy_end and fy_end != 12)
        by = f"by FY{end}" if m.group(2) else f"by {end}"
        if pub is None:
            # an undated page: the span has no start, the year is a deadline ("through 2020" with
            # no start is "by 2020")
            out.append(PeriodCandidate(by, m.start(), m.end(), "through", ""))
            continue
        start = fiscal_year(pub[0], pub[1], fy_end) if fiscal else pub[0]
        if end > start:
            deadline = m.group(1).lower() == "by" or m.group(1).lower().startswith("between")
            value = by if deadline else (f"FY{start}-FY{end}" if fiscal else f"{start}-{end}")
            out.append(PeriodCandidate(value, m.start(), m.end(), "through", ""))
    spans = [p for p in found if p.start >= 0 and p.value and _SPAN_VALUE.match(p.value)]
    if not spans:
        return out
    for p in found:
        if p.start < 0 or p.kind not in ("year", "fy") or not p.value:
            continue
        span = next((q for q in reversed(spans) if q.end <= p.start), None)
        if span is None or not _COMPARED.search(text, span.end, p.start):
            continue
        year = re.search(r"\d{4}", p.value)
        if year is not None and year.group() != re.search(r"\d{4}", span.value).group():  # type: ignore[union-attr]
            out.append(PeriodCandidate(re.sub(r"\d{4}", year.group(), span.value, count=1), p.start, p.end, "span-year", p.cue))
    for m in _SPAN_BEFORE.finditer(text):
        span = next((q for q in reversed(spans) if q.end <= m.start()), None)
        if span is not None:
            out.append(PeriodCandidate(_shift_year(span.value, -1), m.start(), m.end(), "span-prior", ""))  # type: ignore[arg-type]
    return out


def _year_before(text: str, at: int, pub: tuple[int, int] | None, fy_end: int | None) -> str | None:
    """The year before the one the sentence names last before `at` ("for 2026, up from $91.4
    billion the previous year" is 2025), else the year before the document's."""
    named = list(_NAMED_YEAR.finditer(text[:at]))
    if named:
        m = named[-1]
        if m.group(1):
            return f"FY{_year(m.group(1)) - 1}"
        y = int(m.group(2)) - 1
        return year_name(y, fy_end) if fy_end and fy_end != 12 else str(y)
    if pub is None:
        return None
    if fy_end and fy_end != 12:
        return f"FY{fiscal_year(pub[0], pub[1], fy_end) - 1}"
    return str(pub[0] - 1)


def _not_ended(quarter: int, pub_month: int, fy_end: int | None) -> bool:
    """Whether quarter `quarter` of the document's (fiscal) year is still to end at its date."""
    into = (pub_month - (fy_end or 12) - 1) % 12  # whole months of the fiscal year before the document's
    return into < 3 * quarter


def past_quarters(options: list[PeriodCandidate], text: str, start: int, end: int, published: str | None,
                  fy_end: int | None) -> list[PeriodCandidate]:
    """A quarter named without a year that has not yet begun at the document's date is last
    year's when spoken of in the past ("Capital investments were $26.3 billion in the fourth
    quarter", a February call) and this year's when spoken of as to come ("we expect $300 million
    in the fourth quarter"): the other reading is dropped for that amount. So is one of the two
    readings of "the year" in a call or filing of a year's first quarter: the year reported on
    when spoken of in the past, the year under way when spoken of as to come."""
    past = [p for p in options if p.kind == "quarter-past"]
    ahead = {(p.start, p.end) for p in options if p.kind == "relative-ahead"}
    if not (past or ahead) or not published or not re.match(r"\d{4}-\d{2}", published):
        return options
    tense = _tense(text, start, end)
    if tense not in ("past", "future"):
        return options
    if ahead:
        # "capex for the year was $580 million" (a January call): the year reported on;
        # "we expect full-year capex of $740 million": the year under way
        drop_year = "relative-ahead" if tense == "past" else "relative"
        options = [p for p in options if not (p.kind == drop_year and (p.start, p.end) in ahead)]
    into = (int(published[5:7]) - (fy_end or 12) - 1) % 12  # whole months of the fiscal year before the document's
    spans = {(p.start, p.end) for p in past if p.value and into < 3 * (int(p.value[1]) - 1)}
    drop = "quarter" if tense == "past" else "quarter-past"
    return [p for p in options if not (p.kind == drop and (p.start, p.end) in spans)]


# another amount after this one that a change or a comparison introduces, with its period right
# after it ("$6.2 billion, up $1.6 billion from second quarter 2022", "$5 billion, compared with
# $4 billion in 2022"): that period is the other amount's baseline, not this one's
_BASELINE = re.compile(r"(?:\b(?:up|down|increased?|decreased?|an\s+increase\s+of|a\s+decrease\s+of|higher|lower)\b[^.;$€£¥₹]{0,15}|"
                       r"\b(?:compared|versus|vs\.?)\b[^.;$€£¥₹\d]{0,12})(?:[$€£¥₹]\s?\d[\d,.]*(?:\s*(?:million|billion|trillion)\b)?|"
                       r"\b\d[\d,.]*\s*(?:million|billion|trillion)\b)", re.I)
_RIGHT_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:from|over|in|for|during|than)\s+(?:the\s+)?$", re.I)


def not_the_baseline(options: list[PeriodCandidate], text: str, end: int) -> list[PeriodCandidate]:
    """A period named right after another amount that a change or a comparison brings in, later
    in the sentence than the amount ending at `end`, dates that other amount: dropped for this one."""
    cut = _BASELINE.search(text, end)
    if cut is None:
        return options
    return [p for p in options if p.start < cut.end() or not _RIGHT_AFTER.match(text[cut.end() : p.start])]


def not_the_start(options: list[PeriodCandidate], text: str, start: int) -> list[PeriodCandidate]:
    """A period a change starts from, right before the amount it goes to ("increased its 2023
    capital spending budget by more than 25 percent from this year to $17 billion"), is not that
    amount's: dropped when the sentence names another period."""
    def from_to(p: PeriodCandidate) -> bool:
        return (0 <= p.end <= start and _FROM_BEFORE.search(text, max(0, p.start - 12), p.start) is not None
                and _TO_BETWEEN.match(text[p.end : start]) is not None)
    starts = [p for p in options if from_to(p)]
    if not starts or not any(p.start >= 0 and p.value and p not in starts for p in options):
        return options
    return [p for p in options if p not in starts]


def not_a_base_or_maturity(options: list[PeriodCandidate], text: str, start: int, end: int, etype: str) -> list[PeriodCandidate]:
    """A period named as what something is compared with ("capital investment was $12,361 ($452
    lower than the prior-year comparable period)", "The $7.5 billion decrease in cash used in
    financing activities compared to 2022 resulted from ... the $4.5 billion issuance of debt") is
    not the amount's, unless the amount is the figure of that period itself ("compared to 2022
    capital expenditures of $916 million"); nor, for debt, a maturity date an amendment moved
    ("extended the maturity date of the facility from August 2023 to March 2028") or the date a
    facility ends ("a $3.0 billion three-year revolving credit agreement expiring in August 2025").
    Periods named elsewhere, the sentence before's and the document's stay."""
    def dropped(p: PeriodCandidate) -> bool:
        if p.start < 0 or p.kind.startswith(("doc-", "prev-")):
            return False
        if _COMPARED_BEFORE.search(text, max(0, p.start - 30), p.start) and not (
                p.end <= start and _OWN_FIGURE_BETWEEN.match(text[p.end : start])):
            return True
        return etype == "debt" and (_MATURITY_DATE_BEFORE.search(text, max(0, p.start - 70), p.start) is not None
                                    or _MATURITY_AFTER.match(text, p.end) is not None)
    return [p for p in options if not dropped(p)]


_COMPARED_BEFORE = re.compile(r"\b(?:than|compared\s+(?:with|to)|versus|vs\.?|(?:up|down)\s+from)\s+"
                              r"(?:(?:in|the|its|their|same|(?:prior|previous|last)[- ]year['’]?s?)\s+){0,3}$", re.I)
_OWN_FIGURE_BETWEEN = re.compile(r"^(?:['’]s)?\s*(?:[\w-]+\s+){0,4}$")
_MATURITY_DATE_BEFORE = re.compile(r"\bmaturit(?:y|ies)(?:\s+dates?)?\b[^.;$]{0,45}?\b(?:from|to|until|through)\s+$|"
                                   # ("would mature in September 2025", DDC's 20-F)
                                   r"\b(?:matur(?:e|es|ing|ed)|expir(?:es|ing|ed|e)|terminat(?:es|ing))\s+(?:on\s+|in\s+)?$|"
                                   # "during an availability period that ends June 28, 2024" (General Motors' 10-K)
                                   r"\b(?:availability|commitment|draw(?:down)?|delayed[- ]draw)\s+period\s+(?:that|which)\s+(?:ends|expires|terminates)\s+(?:on\s+)?$", re.I)
# a year that names a maturity ("$2.6 billion of 2033-maturing convertible bonds", "to refinance
# our 2024 maturity")
_MATURITY_AFTER = re.compile(r"[ -]?(?:maturing|maturit(?:y|ies))\b", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+|its\s+)?$", re.I)
_TO_BETWEEN = re.compile(r"^\s*(?:levels?\s+)?to\s+(?:about\s+|approximately\s+|around\s+|roughly\s+|nearly\s+)?$", re.I)
# right after the amount, or after what it is of ("$2 billion of bonds in Q3 2024", "$1.5 billion in
# senior notes in March"), never after when it ends ("notes due in 2030") nor after a period's own
# words ("$365 in the same period in 2022" is the first half of 2022, not the year)
_ADJOINS = re.compile(r"^\s*,?\s*(?:(?:of|in)\s+(?:(?!(?:due|matur\w*|expir\w*|through|until|and|or|from|to|in|for|during|same|period|comparable|corresponding)\b)[\w.%-]+\s+){1,4}?)?"
                      r"(?:in|for|during)\s+(?:the\s+)?$", re.I)
_GOES_ON = re.compile(r"\s*(?:ending|ended|to|through|until|-|–)\b", re.I)
_LISTED = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)(?:the\s+)?$", re.I)


def _year_to_date(pub: tuple[int, int] | None, fy_end: int | None) -> str | None:
    """The months of the (fiscal) year up to the quarter a document of date `pub` reports on: that
    quarter in its first, the first half in its second, the year in its fourth; nine months have no
    name in the format."""
    if pub is None:
        return None
    quarter = quarter_name(*months_later(*pub, -3), fy_end)
    q, year = quarter.split(" ", 1)
    return {"Q1": quarter, "Q2": f"H1 {year}", "Q4": year}.get(q)


_LIST_JOIN = re.compile(r"\s*(?:,\s*)?(?:and|or)\s+", re.I)


def _in_clause(options: list[PeriodCandidate], text: str, a: int, b: int, start: int, end: int) -> bool:
    """Whether words at [a, b) belong to the clause of the amount at [start, end): close to it,
    with no other period and no other amount between (but those of a list it is in: "CapEx were
    $4.2 billion and $0.5 billion")."""
    if b <= start:
        lo, hi = b, start
    elif a >= end:
        lo, hi = end, a
    else:
        return False
    between = text[lo:hi]
    if len(between) > 70 or ";" in between:
        return False
    if any(p.start >= 0 and p.value and lo <= p.start and p.end <= hi for p in options):
        return False
    for m in _AMOUNT.finditer(between):
        if not _LIST_JOIN.match(between, m.end()):
            return False
    return True


def to_date(options: list[PeriodCandidate], text: str, start: int, end: int) -> int | None:
    """A span up to now written in the amount's own clause is its period, whatever the model reads:
    the year to date (the quarter reported on, the half, or no period when it runs nine months) and
    the trailing twelve months (no period)."""
    none = next((k for k, p in enumerate(options) if p.kind == "none"), None)
    for m in _TRAILING.finditer(text):  # "Over the trailing 12 months", "$4.7 billion over the last 12 months"
        if _in_clause(options, text, m.start(), m.end(), start, end):
            return none
    for m in _YTD.finditer(text):
        if _in_clause(options, text, m.start(), m.end(), start, end):
            return next((k for k, p in enumerate(options) if p.kind == "ytd" and p.start == m.start()), none)
    return None


def through_in_clause(options: list[PeriodCandidate], text: str, start: int, end: int) -> int | None:
    """A plan's span up to a year written right after the amount, in its own clause ("$50B capital
    investment through 2029", "plans to invest 20 billion euros ($20.63 billion) by 2030"): that
    span."""
    for k, p in enumerate(options):
        if p.kind == "through" and p.start >= end and _in_clause(options, text, p.start, p.end, start, end) and (
                len(text[end : p.start]) <= 45 and not _OTHER_CLAUSE.search(text, end, p.start)):
            return k
    return None


# "$19.4B CapEx plan with 6%-8% EPS growth through 2029", "$20 billion on refinery expansions to
# add units by 2022": the span is another thing's
_OTHER_CLAUSE = re.compile(r"\b(?:with|to|and|that|which|while)\b", re.I)


# a debt sentence that goes on from the one before, with no date of its own: "In March 2023, we
# renewed ... our five-year, $11.2 billion facility ... We also renewed and reduced the total
# borrowing capacity of our three-year, $4.3 billion facility to $4.1 billion" (General Motors' 10-Q)
_GOES_ON_FROM = re.compile(
    r"\s*(?:(?:we|the\s+company|it)\s+also|also,?\s+(?:we|the\s+company)|additionally,\s+(?:we|the\s+company)|"
    r"in\s+addition,\s+(?:we|the\s+company))\s+(?:\w+ly\s+)?"
    r"(?:entered|amended|renewed|extended|issued|borrowed|secured|established|obtained|completed|priced|raised|drew|"
    r"increased|upsized|refinanced|replaced|reduced|closed|executed|signed|sold)\b", re.I)
_OWN_DATE_KINDS = ("date", "day", "month", "quarter", "year", "fy", "half", "relative")


def dated_by_the_sentence_before(options: list[PeriodCandidate], text: str) -> int | None:
    """The date the sentence before gives a debt sentence that goes on from it ("We also amended
    ..."), when this one dates nothing itself: the first of that sentence's dates it was done on
    ("In March 2023"), not the ones something matures on."""
    if not _GOES_ON_FROM.match(text):
        return None
    if any(p.start >= 0 and p.value and p.kind in _OWN_DATE_KINDS and p.cue in ("in", "on", "during") for p in options):
        return None
    return next((k for k, p in enumerate(options) if p.value and p.kind[5:] in _OWN_DATE_KINDS and p.kind.startswith("prev-")
                 and p.cue in ("in", "on", "during", "")), None)


# "CapEx for the year was $580 million", "Capital expenditure in Q3 was approximately $1.13
# billion", "For the first half of the year, CapEx was $30.5 billion": a period the amount's own
# subject names
_LEADS_TO = re.compile(r"\s*,?\s*(?:[A-Za-z][\w&'’-]*\s+){0,5}?(?:was|were|totaled|totalled|reached|came\s+in\s+at|amounted\s+to|stood\s+at)\s+"
                       r"(?:(?:approximately|about|roughly|around|nearly|almost|just\s+(?:over|under)|over|some|a\s+little\s+over)\s+)??", re.I)
_LED_BY = re.compile(r"(?:^|\b(?:for|in|during))\s*(?:the\s+)?$", re.I)
_LEADING_KINDS = ("quarter", "relative", "half", "fy", "year", "month-quarter", "ytd")


def leading(options: list[PeriodCandidate], text: str, start: int) -> int | None:
    """The period the subject of the amount starting at `start` names ("CapEx for the year was
    $580 million"), which the model's reading of the document's quarter does not override; None
    when there is none."""
    for k, p in enumerate(options):
        if p.start < 0 or not p.value or p.kind not in _LEADING_KINDS or p.end > start:
            continue
        if not _LEADS_TO.fullmatch(text, p.end, start) or not _LED_BY.search(text, max(0, p.start - 12), p.start):
            continue
        if any(q.start >= p.end and q.end <= start and q.value for q in options if q is not p):
            continue
        return k
    return None


def adjoining(options: list[PeriodCandidate], text: str, end: int) -> int | None:
    """The period written right after the amount ending at `end` ("$145 million in the second
    quarter last year"), which no reading of the rest of the sentence overrides; None when there
    is none, when it is ambiguous, or when it begins a list that several amounts share ("$1.2
    billion and $1.5 billion in 2023 and 2024")."""
    named = {k: p for k, p in enumerate(options) if p.start >= 0 and p.value and not p.kind.startswith(("doc-", "prev-"))}
    hits = {p.value: k for k, p in named.items() if p.start >= end and _ADJOINS.match(text[end : p.start])}
    if len(hits) != 1:
        return None
    k = next(iter(hits.values()))
    if _GOES_ON.match(text, options[k].end) or any(q.start > options[k].end and _LISTED.match(text[options[k].end : q.start]) for q in named.values()):
        return None  # "during the year ending December 31, 2014": the words go on to name another period
    return k


def _shift_year(value: str, by: int) -> str:
    return re.sub(r"\d{4}", lambda m: str(int(m.group()) + by), value, count=1)


def _ended(span: str, fiscal: bool, month: int, day: int, year: int, fy_end: int | None) -> str | None:
    """The period of "<span> ended <month> <day>, <year>". A 52/53-week period ending in a month's
    first week belongs to the month before ("three months ended July 1, 2023" is Q2 2023); a year
    that ends in a month other than December is a fiscal year named by the year it ends in."""
    year, month = month_of(year, month, day)
    span = " ".join(span.replace("fiscal", "").split())
    if span.startswith(("nine", "9")):
        return None  # year-to-date columns have no period in the format
    if span.startswith(("year", "twelve", "12")):
        if fiscal or month != 12 or (fy_end and fy_end != 12):
            return f"FY{fiscal_year(year, month, fy_end or month)}"
        return str(year)
    end = fy_end or (month if month % 3 == 0 and month != 12 and fiscal else 12)
    if span.startswith(("three", "3", "quarter")):
        return quarter_name(year, month, end if end != 12 else None)
    # six months: the first or second half of the (fiscal) year
    into = (month - end - 1) % 12 + 1
    if into not in (6, 12):
        return None
    half = "H1" if into == 6 else "H2"
    return f"{half} {year}" if end == 12 else f"{half} FY{fiscal_year(year, month, end)}"


def _normalise(name: str, m: re.Match[str], pub: tuple[int, int] | None, fy_end: int | None, kind: str) -> str | None:
    if name == "ended":
        return _ended(m.group(2).lower(), bool(m.group(1)), MONTHS[m.group(3).lower()[:3]], int(m.group(4)), int(m.group(5)), fy_end)
    if name == "months":
        span = m.group(2).lower()
        return None if span == "nine" else (f"H1 {m.group(1)}" if span == "six" else None)
    if name == "ytd":
        return _year_to_date(pub, fy_end)
    if name == "quarter-rel":
        if pub is None:
            return None
        q = m.group(1) or str(_ORD[m.group(2).lower()])
        shift = {"last": -1, "prior": -1, "previous": -1, "next": 1}.get(m.group(3).lower(), 0)
        fiscal = bool(m.group(4)) or bool(fy_end and fy_end != 12)
        y = (fiscal_year(pub[0], pub[1], fy_end) if fiscal else pub[0]) + shift
        return f"Q{q} FY{y}" if fiscal else f"Q{q} {y}"
    if name == "month":
        if pub is None:
            return None
        month = MONTHS[m.group(1).lower()[:3]]
        # a month later in the year than the document's is last year's when it is past ("in
        # November, we issued"); the future reading is the model's choice (see period_candidates)
        y = pub[0] if month < pub[1] or (month == pub[1] and not _LAST.match(m.group(0))) else pub[0] - 1
        return quarter_name(y, month, fy_end)
    if name == "month-quarter":
        month = MONTHS[m.group(1).lower()[:3]]
        if m.group(2):
            y = int(m.group(2))
        elif pub is not None:
            # the quarter under way or the one before it is this year's; a quarter that would end
            # more than three months after the document's date is last year's ("the December
            # quarter" in a February call)
            y = pub[0] if month <= pub[1] + 3 else pub[0] - 1
        else:
            return None
        return quarter_name(y, month, fy_end)
    if name == "year-quarter":
        q, y = _ORD[m.group(3).lower()], int(m.group(1))
        return f"Q{q} FY{y}" if m.group(2) or (fy_end and fy_end != 12) else f"Q{q} {y}"
    if name == "quarter":
        q = m.group(1) or str(_ORD[m.group(2).lower()])
        fiscal = bool(m.group(3)) or bool(fy_end and fy_end != 12)
        if m.group(4):
            y = _year(m.group(4))
        elif pub is not None:  # "the third quarter": of the document's year
            y = fiscal_year(pub[0], pub[1], fy_end) if fiscal else pub[0]
        else:
            return None
        return f"Q{q} FY{y}" if fiscal else f"Q{q} {y}"
    if name == "half":
        h = m.group(1) or ("1" if (m.group(2) or m.group(3) or "").lower() == "first" else "2")
        fiscal = bool(m.group(4)) or "fiscal" in m.group(0).lower() or bool(fy_end and fy_end != 12)
        if m.group(5):
            y = int(m.group(5))
        elif pub is not None:
            y = fiscal_year(pub[0], pub[1], fy_end) if fiscal else pub[0]
        else:
            return None
        return f"H{h} FY{y}" if fiscal else f"H{h} {y}"
    if name == "fy":
        a = _year(m.group(1))
        if m.group(2):
            b = _year(m.group(2))
            return f"FY{b}" if b == a + 1 and len(m.group(2).lstrip("'’")) == 2 else f"FY{a}-FY{b}"
        return f"FY{a}"
    if name == "span":
        a, b = int(m.group(1)), m.group(2)
        end = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
        if end == a + 1 and len(b) == 2:  # "2011-12": a fiscal year
            return f"FY{end}"
        return f"{a}-{end}" if end > a else None
    if name == "day":
        if pub is None:
            return None
        month = MONTHS[m.group(1).lower()[:3]]
        y = pub[0] if month <= pub[1] else pub[0] - 1  # a day later in the year than the document's is past
        return quarter_name(y, month, fy_end)
    if name == "recent":
        if pub is None:
            return None
        y, month = pub
        if (m.group(1) or "").lower() == "month" and m.group(0).lower().startswith("last"):
            y, month = (y, month - 1) if month > 1 else (y - 1, 12)
        return quarter_name(y, month, fy_end)
    if name == "plan-years":
        n = (m.group(1) or m.group(2)).lower()
        return f"next {_NUMBER_WORDS.get(n, n)} years"
    if name == "horizon":
        return " ".join(m.group(0).lower().replace("over the ", "").replace("over ", "").split())
    if name == "date":
        month = MONTHS[m.group(1).lower()[:3]]
        return quarter_name(int(m.group(2)), month, fy_end)
    if name == "relative":
        return _relative(m, pub, fy_end, kind)
    if name == "year":
        y = int(m.group(1))
        return year_name(y, fy_end) if fy_end and fy_end != 12 else str(y)
    if name == "calendar":
        return m.group(1)
    return None


_AMOUNT = re.compile(r"(?:US|A|C)?[$€£¥₹]\s?\d[\d,.]*(?:\s*(?:million|billion|bn|mn|crore|trillion)\b)?|"
                     r"\b(?:Rs\.?|EUR|USD|GBP)\s?\d[\d,.]*|(?<![\d.,])\d[\d,.]*\s*(?:million|billion|bn|mn|crore|trillion)\b", re.I)
_A_YEAR = re.compile(r"(?<![\d$.,])(?:19|20)\d{2}(?!\d|,\d)")


def period_features(text: str, amount_start: int, amount_end: int, etype: str, status: str | None,
                    p: PeriodCandidate, periods: list[PeriodCandidate], published_year: int | None,
                    doc_kind: str = "") -> list[str]:
    """The evidence that period `p`, one of `periods`, is the one of the amount at
    [amount_start, amount_end) in a document of kind `doc_kind`."""
    n = len(periods)
    out = ["pbias", f"pk={p.kind}", f"pk|t={p.kind}|{etype}", f"pk|s={p.kind}|{status}", f"pn={min(n, 5)}",
           # a call's figure without a period is the quarter it reports on; a news story's is not
           f"pk|dk={p.kind}|{doc_kind}|{etype}", f"pk|dks={p.kind}|{doc_kind}|{status}"]
    # what else the sentence names: "none" is unlikely beside a full date, the document's year
    # beside a year written out
    present = sorted({q.kind for q in periods if q.start >= 0 and q is not p})
    out += [f"pk|has={p.kind}|{k}|{etype}" for k in present]
    if p.start >= 0:
        nearer = [q for q in periods if q.start >= 0 and q is not p and _gap(q, amount_start, amount_end) < _gap(p, amount_start, amount_end)]
        out.append(f"prank={min(len(nearer), 3)}")
        if p.kind in ("year", "fy"):
            # "$990.4 million, $249.4 million and $206.9 million in 2014, 2013 and 2012": the
            # k-th amount goes with the k-th year of the list
            amounts, years = _amounts_and_years(text)
            if len(amounts) >= 2 and len(amounts) == len(years):
                k_amount = sum(1 for a in amounts if a < amount_start)
                k_year = sum(1 for y in years if y < p.start)
                resp = "resp" if re.search(r"\brespectively\b", text, re.I) else "list"
                out.append(f"palign={resp}|{k_amount == k_year}")
    if p.kind.startswith("prev-"):
        out += ["pprev", f"pprev|t={etype}", f"pprev|cue={p.cue}", f"pprev|s={status}"]
        if not re.search(r"\b(?:19|20)\d{2}\b|\bquarter\b|\bfiscal\b|\byear\b", text, re.I):
            out.append(f"pprev|sentence_has_none|{etype}")  # the amount's own sentence names no period
    if p.start >= 0:
        before = p.end <= amount_start
        d = amount_start - p.end if before else p.start - amount_end
        bucket = "0" if d <= 3 else "10" if d <= 10 else "30" if d <= 30 else "80" if d <= 80 else "far"
        side = "B" if before else "A"
        out += [f"pside={side}|{bucket}", f"pside|k={side}|{p.kind}", f"pcue={p.cue}", f"pcue|side={p.cue}|{side}"]
        between = text[p.end : amount_start] if before else text[amount_end : p.start]
        if re.search(r"[$€£¥₹]|\d\s*(?:million|billion)", between):
            out.append("pamount_between")
        if re.search(r"\bcompared\b|\bfrom\b|\bversus\b|\bvs\b", between, re.I):
            out.append(f"pcompare_between|{side}")
        if ";" in between or ". " in between:
            out.append("pclause_break")
        if _MATURITY_BEFORE.search(text, max(0, p.start - 40), p.start):
            out.append(f"pmaturity|t={etype}")  # "a facility that matures in May 2028": when it ends, not when raised
        if _BASE_BEFORE.search(text, max(0, p.start - 30), p.start):
            # a change's or comparison's base: "increased its 2023 capital spending budget by more than
            # 25 percent from this year to $17 billion", "more than double the 2022 budget"
            out.append(f"pbase|side={side}")
        if _NOUN_AFTER.match(text, p.end):
            out.append(f"pnoun|side={side}|{etype}")  # "its 2023 capital spending budget", "2025 capex": the period named
    if _trailing(text):
        out.append(f"ptrailing|k={p.kind}")  # "over the past 12 months": no quarter and no year
    tense = _tense(text, amount_start, amount_end)
    out.append(f"ptense|k={tense}|{p.kind}")
    m = re.match(r"(?:Q[1-4] |H[12] )?(?:FY)?(\d{4})", p.value or "")
    if m and published_year:
        delta = int(m.group(1)) - published_year
        out.append(f"pdelta={max(-3, min(3, delta))}")
        out.append(f"pdelta|s={max(-2, min(2, delta))}|{status}")
        out.append(f"ptense|d={tense}|{max(-2, min(2, delta))}")
    return out


_MATURITY_BEFORE = re.compile(
    r"\b(?:matur\w*|expir\w*|due|until|terminat\w*|extend\w*|through|repayable|payable)"
    r"(?:\s+(?:in|on|by|of|at))?(?:\s+(?:the\s+)?(?:end|first|second|third|fourth|beginning)(?:\s+(?:half|quarter))?\s+of)?\s*$", re.I)
_BASE_BEFORE = re.compile(r"\b(?:from|than(?:\s+(?:in|the|its|their))?|compared\s+(?:with|to)(?:\s+the)?|versus|vs\.?|"
                          r"double\s+the|(?:up|down)\s+from(?:\s+the)?)\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:capital\s+(?:expenditures?|spending|budget|plan|investments?)|"
                         r"cap[- ]?ex|spending|budget|investment\s+plan|guidance|outlook)\b", re.I)
_TRAILING = re.compile(r"\b(?:(?:past|last|trailing|preceding|prior)\s+(?:12|twelve)[- ]months?|trailing[- ]twelve|TTM)\b", re.I)
_PAST = re.compile(r"\b(?:was|were|had|spent|reached|totall?ed|amounted|invested|raised|issued|borrowed|sold|priced|"
                   r"closed|completed|secured|signed|obtained|drew|entered|rose|fell|increased|decreased|came\s+in)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|expects?|expected|plans?|planned|planning|projects?|projected|forecasts?|anticipates?|"
                     r"guid(?:ance|ed|ing)|outlook|intends?|aims?|targets?|budget(?:ed|s)?|to\s+be|could|would|should|may)\b", re.I)


@lru_cache(maxsize=256)
def _tense(text: str, start: int, end: int) -> str:
    """Whether the words around an amount speak of the past or of what is to come (read once
    per amount, not once per period candidate)."""
    around = text[max(0, start - 100) : end + 60]
    past, future = bool(_PAST.search(around)), bool(_FUTURE.search(around))
    return "both" if past and future else "past" if past else "future" if future else "none"


@lru_cache(maxsize=256)
def _trailing(text: str) -> bool:
    """Whether the sentence speaks of the past twelve months (read once per sentence, not once
    per period candidate of each of its amounts)."""
    return _TRAILING.search(text) is not None


def _gap(p: PeriodCandidate, start: int, end: int) -> int:
    return start - p.end if p.end <= start else p.start - end


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def respective(periods: list[PeriodCandidate], text: str, amount_start: int) -> int | None:
    """The period a "respectively" gives the amount at `amount_start`: "Cash paid for capital
    expenditures during fiscal 2021, 2020 and 2019, was approximately $13.4 million, $8.5 million and
    $14.3 million, respectively" (Tilly's 10-K) pairs the k-th amount with the k-th year, whatever
    else the document's date suggests. None unless the sentence names as many years as amounts."""
    if not _RESPECTIVELY.search(text):
        return None
    amounts, years = _amounts_and_years(text)
    k = sum(1 for a in amounts if a < amount_start)
    if len(amounts) < 2 or len(amounts) != len(years) or k >= len(years):
        return None  # (an amount written in a way the list's reading does not know stands after all)
    at = years[k]
    return next((k for k, p in enumerate(periods) if p.kind in ("year", "fy") and p.start <= at < p.end), None)


@lru_cache(maxsize=256)
def _amounts_and_years(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the sentence's amounts and years start: read once per sentence, not once per period
    candidate of each of its amounts."""
    amounts: list[int] = []
    last_end = -10
    for m in _AMOUNT.finditer(text):
        # "RMB0.4 million (US$0.05 million)": a translation in brackets is the same amount again
        if not (text[last_end : m.start()].strip() == "(" and m.start() - last_end <= 4):
            amounts.append(m.start())
        last_end = m.end()
    return tuple(amounts), tuple(m.start() for m in _A_YEAR.finditer(text))
