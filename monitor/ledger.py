"""The money trail: capital spending, cash from operations and borrowing per company and period.

Reported figures come from the filers' XBRL company facts (the `facts` table); guidance and
debt deals from our consolidated events. How a period is made:

- Cash-flow statements in 10-Qs are year-to-date. A quarter is the difference of two
  year-to-date values of one concept (Q2 = six months - three months); the fourth quarter is
  the 10-K's year less the nine months. A quarter reported on its own (three months not
  starting the fiscal year) is taken as reported.
- Fiscal years are the filer's own: the year-to-date facts all start on the first day of the
  fiscal year, which gives the calendar (NVIDIA's year ends in late January). A year is named
  by the calendar year in which it ends; years ending in late December or the first days of
  January are calendar years ("Q1 2026", "2025"), the others fiscal ("Q1 FY2027", "FY2026"),
  as in ../shared/eval-format.md.
- Each ledger line takes, per period, the first of its concepts (LedgerSettings.concepts)
  the filer reported for that period: a change of tag over the years leaves no gap.
- Values the filings do not give stay None, never 0.
- Companies with no facts (private borrowers, foreign labs) get rows from their events alone,
  marked `basis: news`.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from monitor.config import INSTANT_LINES, Config
from monitor.formatting import amount_usd, human_amount, one_line
from monitor.store import Store

QUARTER_DAYS = 91.3
PERIODIC_FORMS = ("10-", "20-F", "40-F")  # 10-K, 10-Q and their amendments; foreign annual reports
DEBT_STATUSES_COUNTED = {"announced", "priced", "completed", None}  # news-only debt raised (not "planned")
POINT_GUIDANCE_TOLERANCE = 0.025  # "about $X": within 2.5% counts as landing within
RANGE_TOLERANCE = 0.005  # rounding at the ends of a guided range


# -- periods ------------------------------------------------------------------------------------


def _d(text: str) -> date:
    return date.fromisoformat(text[:10])


def is_calendar_year(end: date) -> bool:
    """A fiscal year ending in late December or the first week of January is a calendar year
    (52/53-week years end on a weekday near December 31)."""
    return (end.month == 12 and end.day >= 24) or (end.month == 1 and end.day <= 7)


def fiscal_label(year_end: date, quarter: int | None) -> str:
    """'Q1 2026' / '2025' for calendar years, 'Q1 FY2027' / 'FY2026' for the others; the year
    is the calendar year in which the fiscal year ends (a 52/53-week year ending in the first
    days of January counts for the year before)."""
    calendar = is_calendar_year(year_end)
    year = year_end.year - 1 if (year_end.month == 1 and year_end.day <= 7) else year_end.year
    name = str(year) if calendar else f"FY{year}"
    return f"Q{quarter} {name}" if quarter else name


@dataclass
class Period:
    label: str
    kind: str  # quarter | year
    start: str | None  # None: a period named by the news only ("2027"), dates unknown
    end: str | None
    fiscal_year_start: str | None
    quarter: int | None = None


def _quarters_of(days: int) -> int | None:
    n = round(days / QUARTER_DAYS)
    return n if 1 <= n <= 4 and abs(days - n * QUARTER_DAYS) <= 20 else None


@dataclass
class Calendar:
    """A filer's fiscal years: for each first day of a year, where its quarters end."""

    ends: dict[str, dict[int, str]] = field(default_factory=dict)  # year start -> {1..4: end}

    @classmethod
    def of(cls, facts: list[dict[str, Any]]) -> Calendar:
        starts: set[str] = set()
        # The periodic reports set the calendar: an 8-K's trailing twelve months must not.
        durational = [f for f in facts if f["period_start"] and (f.get("form") or "10-").startswith(PERIODIC_FORMS)]
        for f in durational:
            n = _quarters_of((_d(f["period_end"]) - _d(f["period_start"])).days + 1)
            if n and n >= 2:  # six, nine or twelve months always start the fiscal year
                starts.add(f["period_start"])
            if n == 4:  # and the year after a full year starts the day after it
                starts.add((_d(f["period_end"]) + timedelta(days=1)).isoformat())
        cal = cls()
        for f in durational:
            if f["period_start"] not in starts:
                continue
            n = _quarters_of((_d(f["period_end"]) - _d(f["period_start"])).days + 1)
            if n:
                cal.ends.setdefault(f["period_start"], {})[n] = f["period_end"]
        return cal

    def year_end(self, start: str) -> date:
        known = self.ends.get(start, {}).get(4)
        return _d(known) if known else _d(start) + timedelta(days=363)

    def periods(self, by: str) -> list[Period]:
        out = []
        for start, ends in sorted(self.ends.items()):
            year_end = self.year_end(start)
            if by == "year":
                if 4 in ends:
                    out.append(Period(fiscal_label(year_end, None), "year", start, ends[4], start))
                continue
            for q in range(1, 5):
                if q not in ends:
                    continue
                q_start = start if q == 1 else (
                    (_d(ends[q - 1]) + timedelta(days=1)).isoformat() if q - 1 in ends else None)
                if q_start is None:
                    q_start = (_d(ends[q]) - timedelta(days=90)).isoformat()
                out.append(Period(fiscal_label(year_end, q), "quarter", q_start, ends[q], start, q))
        return out

    def containing(self, day: str, by: str) -> Period | None:
        for p in self.periods(by):
            if p.start <= day[:10] <= p.end:
                return p
        return None


# -- values of one concept per period -------------------------------------------------------------


@dataclass
class Value:
    value: float
    accessions: list[str]
    filed: str | None
    stored: str | None
    concept: str


def _value(facts: list[dict[str, Any]], sign: float = 1.0) -> Value:
    total = sum(sign * f["value"] if i else f["value"] for i, f in enumerate(facts))
    return Value(total, list(dict.fromkeys(f["accession"] for f in facts)),
                 max((f["filed"] or "" for f in facts), default=None) or None,
                 max((f["stored"] or "" for f in facts), default=None) or None, facts[0]["concept"])


def concept_values(facts: list[dict[str, Any]], period: Period, instant: bool) -> Value | None:
    """One concept's value for a period (its current facts only): a balance at the period's
    end; a flow reported for the period; or the difference of two year-to-date figures."""
    if instant:
        found = [f for f in facts if not f["period_start"] and f["period_end"] == period.end]
        return _value(found[-1:]) if found else None
    exact = {(f["period_start"], f["period_end"]): f for f in facts if f["period_start"]}
    direct = exact.get((period.start, period.end))
    if direct is not None:
        return _value([direct])
    if period.kind != "quarter" or period.start == period.fiscal_year_start:
        return None
    to_date = exact.get((period.fiscal_year_start, period.end))
    before = exact.get((period.fiscal_year_start, (_d(period.start) - timedelta(days=1)).isoformat()))
    if to_date is None or before is None:
        return None
    return _value([to_date, before], sign=-1.0)


def line_value(by_concept: dict[str, list[dict[str, Any]]], alternatives: list[list[str]], period: Period,
               instant: bool) -> Value | None:
    """The first alternative (a concept, or concepts to add) with a value for the period."""
    for alt in alternatives:
        parts = [concept_values(by_concept.get(c, []), period, instant) for c in alt]
        if parts and all(p is not None for p in parts):
            vals = [p for p in parts if p is not None]
            return Value(sum(p.value for p in vals), [a for p in vals for a in p.accessions],
                         max((p.filed or "" for p in vals), default=None) or None,
                         max((p.stored or "" for p in vals), default=None) or None, " + ".join(alt))
    return None


# -- the ledger -----------------------------------------------------------------------------------

FIELD_ORDER = (  # the JSON/CSV column order: identity, the fields, then the rest
    "company", "cik", "basis", "period", "period_kind", "period_start", "period_end", "capex_usd",
    "operating_cash_flow_usd", "free_cash_flow_usd", "debt_issued_usd", "debt_repaid_usd",
    "finance_lease_principal_usd", "net_borrowing_usd", "buybacks_usd", "dividends_usd", "shareholder_returns_usd",
    "funding_gap_usd", "debt_funded_share", "debt_outstanding_usd", "capex_guidance_low_usd",
    "capex_guidance_high_usd", "capex_guidance", "debt_events", "sources", "reported", "stored", "concepts",
)
LINES = ("capex", "operating_cash_flow", "debt_issued", "debt_repaid", "finance_lease_principal", "buybacks",
         "dividends", "debt_outstanding")


def _sum(*values: float | None) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _derive(row: dict[str, Any]) -> None:
    """Free cash flow, net borrowing, shareholder returns, funding gap, debt-funded share."""
    capex, ocf = row["capex_usd"], row["operating_cash_flow_usd"]
    issued, repaid, lease = row["debt_issued_usd"], row["debt_repaid_usd"], row["finance_lease_principal_usd"]
    row["free_cash_flow_usd"] = ocf - capex if capex is not None and ocf is not None else None
    # Finance-lease principal is debt repaid too; it counts when reported, and net borrowing
    # needs both what was raised and what was repaid.
    row["net_borrowing_usd"] = issued - repaid - (lease or 0.0) if issued is not None and repaid is not None else None
    row["shareholder_returns_usd"] = _sum(row["buybacks_usd"], row["dividends_usd"])
    if capex is not None and ocf is not None:
        row["funding_gap_usd"] = max(capex + (row["shareholder_returns_usd"] or 0.0) - ocf, 0.0)
    else:
        row["funding_gap_usd"] = None
    net = row["net_borrowing_usd"]
    row["debt_funded_share"] = round(net / capex, 4) if net is not None and capex else None


def _empty_row(company: str, cik: int | None, period: Period, basis: str) -> dict[str, Any]:
    row: dict[str, Any] = {"company": company, "cik": cik, "basis": basis, "period": period.label,
                           "period_kind": period.kind, "period_start": period.start, "period_end": period.end}
    for line in LINES:
        row[f"{line}_usd"] = None
    row.update(capex_guidance_low_usd=None, capex_guidance_high_usd=None, capex_guidance=None,
               debt_events=[], sources=[], reported=None, stored=None, concepts={})
    return row


def _filer_rows(config: Config, store: Store, cik: int, company: str, by: str) -> tuple[list[dict[str, Any]], Calendar]:
    concept_map = config.ledger.concept_map()
    facts = store.facts(cik, config.ledger.all_concepts())
    by_concept: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in facts:
        by_concept[f["concept"]].append(f)
    calendar = Calendar.of(facts)
    rows = []
    for period in calendar.periods(by):
        row = _empty_row(company, cik, period, "filings")
        sources: list[str] = []
        for line in LINES:
            v = line_value(by_concept, concept_map[line], period, line in INSTANT_LINES)
            if v is None:
                continue
            row[f"{line}_usd"] = v.value
            row["concepts"][line] = v.concept
            if line not in INSTANT_LINES:
                sources.extend(v.accessions)
                row["reported"] = max(row["reported"] or "", v.filed or "") or None
                row["stored"] = max(row["stored"] or "", v.stored or "") or None
        if all(row[f"{line}_usd"] is None for line in LINES if line not in INSTANT_LINES):
            continue
        row["sources"] = sorted(set(sources))
        rows.append(row)
    return rows, calendar


def _calendar_period(day: str, by: str) -> Period:
    d = _d(day)
    if by == "year":
        return Period(str(d.year), "year", f"{d.year}-01-01", f"{d.year}-12-31", f"{d.year}-01-01")
    q = (d.month - 1) // 3 + 1
    start = date(d.year, 3 * q - 2, 1)
    end = (date(d.year + (q == 4), (3 * q) % 12 + 1, 1) - timedelta(days=1))
    return Period(f"Q{q} {d.year}", "quarter", start.isoformat(), end.isoformat(), f"{d.year}-01-01", q)


def _projected(calendar: Calendar, day: str, by: str) -> Period | None:
    """The filer's period holding a date after its last reported one, its fiscal calendar
    carried forward (13-week quarters), for news that runs ahead of the filings."""
    if not calendar.ends:
        return None
    start = max(calendar.ends)
    while True:
        year_end = calendar.year_end(start)
        if day[:10] <= year_end.isoformat():
            break
        start = (year_end + timedelta(days=1)).isoformat()
    if by == "year":
        return Period(fiscal_label(year_end, None), "year", start, year_end.isoformat(), start)
    ends = calendar.ends.get(start, {})
    q_start = _d(start)
    for q in range(1, 5):
        q_end = _d(ends[q]) if q in ends else (year_end if q == 4 else q_start + timedelta(days=90))
        if day[:10] <= q_end.isoformat():
            return Period(fiscal_label(year_end, q), "quarter", q_start.isoformat(), q_end.isoformat(), start, q)
        q_start = q_end + timedelta(days=1)
    return None


def _debt_event(ev: dict[str, Any]) -> dict[str, Any]:
    return {"amount_usd": amount_usd(ev), "instrument": ev.get("instrument"), "status": ev.get("status"),
            "first_seen": ev.get("first_seen"), "evidence": ev.get("sentence"), "url": ev.get("document_url"),
            "event_key": ev.get("event_key")}


def _guidance(ev: dict[str, Any]) -> dict[str, Any]:
    low = ev.get("amount_low_usd") if ev.get("amount_low_usd") is not None else ev.get("amount_usd")
    high = ev.get("amount_high_usd") if ev.get("amount_high_usd") is not None else ev.get("amount_usd")
    return {"low_usd": low, "high_usd": high, "point": ev.get("amount_low_usd") is None, "given": ev.get("first_seen"),
            "qualifier": ev.get("qualifier"), "evidence": ev.get("sentence"), "url": ev.get("document_url"),
            "event_key": ev.get("event_key")}


def _other_spelling(label: str) -> str:
    """'FY2026' for '2026' and back ('Q1 FY2026' for 'Q1 2026'): news often names a fiscal year
    one way when the filer's calendar names it the other."""
    head, _, year = label.rpartition(" ")
    other = year[2:] if year.upper().startswith("FY") else f"FY{year}"
    return f"{head} {other}".strip()


def _add_events(rows: dict[str, dict[str, Any]], events: list[dict[str, Any]], company: str, cik: int | None,
                calendar: Calendar | None, by: str) -> None:
    """Debt events into the period they were first seen in; capex guidance (and, for companies
    without filings, reported capex) into the period it is for."""
    def period_for(day: str) -> Period:
        if calendar is not None:
            p = calendar.containing(day, by) or _projected(calendar, day, by)
            if p is not None:
                return p
        return _calendar_period(day, by)

    def row_for(period: Period) -> dict[str, Any]:
        if period.label not in rows:
            rows[period.label] = _empty_row(company, cik, period, "news")
        return rows[period.label]

    kind = "year" if by == "year" else "quarter"
    for ev in sorted(events, key=lambda e: e.get("first_seen") or ""):
        if ev["type"] == "debt" and ev.get("first_seen"):
            row = row_for(period_for(ev["first_seen"]))
            row["debt_events"].append(_debt_event(ev))
            if row["basis"] == "news" and ev.get("status") in DEBT_STATUSES_COUNTED and amount_usd(ev) is not None:
                row["debt_issued_usd"] = (row["debt_issued_usd"] or 0.0) + (amount_usd(ev) or 0.0)
        elif ev["type"] == "capex" and ev.get("period"):
            label = ev["period"]
            is_quarter = label.upper().startswith("Q")
            if (kind == "quarter") != is_quarter:
                continue
            row = rows.get(label) or rows.get(_other_spelling(label))
            if row is None:
                if not (label[:1].isdigit() or label.upper().startswith(("FY", "Q"))):
                    continue  # "next few years": no period to put it in
                row = rows[label] = _empty_row(company, cik, Period(label, kind, None, None, None), "news")
            if ev.get("status") in ("guidance", "plan"):
                reported = row["reported"]
                if reported and (ev.get("first_seen") or "")[:10] > reported[:10]:
                    continue  # said after the figure was filed: not guidance for it
                row["capex_guidance"] = _guidance(ev)  # events are oldest first: the last one wins
                row["capex_guidance_low_usd"] = row["capex_guidance"]["low_usd"]
                row["capex_guidance_high_usd"] = row["capex_guidance"]["high_usd"]
            elif ev.get("status") == "actual" and row["basis"] == "news" and amount_usd(ev) is not None:
                row["capex_usd"] = amount_usd(ev)


def _companies(config: Config, store: Store, companies: Any, names: list[str] | None) -> list[tuple[str, int | None]]:
    """(company, cik) pairs to show: the filers with facts, then companies known from events."""
    wanted = None
    if names:
        refs = [companies.resolve(n) for n in names]
        wanted = {r.name.casefold() for r in refs if r is not None} | {n.casefold() for n in names}
    out: list[tuple[str, int | None]] = []
    seen: set[str] = set()
    for filer in store.fact_filers():
        ref = companies.by_cik(filer["cik"])
        if ref is not None and ref.configured:
            name = ref.name
        else:  # the source's `company`, else the SEC's name for the filer
            name = filer["company"] or (ref.name if ref is not None else f"CIK {filer['cik']}")
        if wanted is None or name.casefold() in wanted or str(filer["cik"]) in wanted:
            out.append((name, filer["cik"]))
            seen.add(name.casefold())
    for name in store.event_companies():
        if name.casefold() in seen or (wanted is not None and name.casefold() not in wanted):
            continue
        ref = companies.resolve(name)
        out.append((name, ref.cik if ref else None))
        seen.add(name.casefold())
    return out


def build(config: Config, store: Store, companies: Any, *, names: list[str] | None = None, by: str = "quarter",
          since: str | None = None) -> list[dict[str, Any]]:
    """The ledger: one row per company and period, oldest period first within a company."""
    out: list[dict[str, Any]] = []
    for company, cik in _companies(config, store, companies, names):
        calendar = None
        rows: dict[str, dict[str, Any]] = {}
        if cik is not None:
            filer_rows, calendar = _filer_rows(config, store, cik, company, by)
            rows = {r["period"]: r for r in filer_rows}
            if not calendar.ends:
                calendar = None
        events = store.events(consolidate=True, limit=None, companies=companies.match_keys([company]))
        _add_events(rows, [e for e in events if (e.get("company") or "").casefold() == company.casefold()],
                    company, cik, calendar, by)
        for label, row in rows.items():
            _derive(row)
            rows[label] = {k: row[k] for k in FIELD_ORDER if k in row} | row
        ordered = sorted(rows.values(), key=lambda r: (r["period_end"] or r["period"], r["period"]))
        out.extend(r for r in ordered if not since or not r["period_end"] or r["period_end"] >= since[:10])
    return out


# -- guidance against the outcome -----------------------------------------------------------------


def outcome(row: dict[str, Any]) -> str | None:
    """below | within | above: where the reported capex landed against the last guidance."""
    g, actual = row.get("capex_guidance"), row.get("capex_usd")
    if not g or actual is None or g["low_usd"] is None or g["high_usd"] is None:
        return None
    tol = POINT_GUIDANCE_TOLERANCE if g["point"] else RANGE_TOLERANCE
    low, high = g["low_usd"] * (1 - tol), g["high_usd"] * (1 + tol)
    return "below" if actual < low else "above" if actual > high else "within"


def guidance_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Periods with guidance: the guided range, the reported figure (when it has arrived) and
    where it landed."""
    out = []
    for r in rows:
        g = r.get("capex_guidance")
        if not g:
            continue
        out.append({"company": r["company"], "period": r["period"], "guidance_low_usd": g["low_usd"],
                    "guidance_high_usd": g["high_usd"], "guidance_given": g["given"], "reported_usd": r["capex_usd"],
                    "reported": r["reported"], "outcome": outcome(r), "evidence": g["evidence"], "url": g["url"]})
    return out


def guidance_line(g: dict[str, Any]) -> str:
    """'Alphabet 2026 capex: $91.4B reported, guided $75B-$85B: above'."""
    guided = human_amount(g["guidance_low_usd"])
    if g["guidance_high_usd"] != g["guidance_low_usd"]:
        guided += f"-{human_amount(g['guidance_high_usd'])}"
    return (f"{g['company']} {g['period']} capex: {human_amount(g['reported_usd'])} reported, guided {guided}: "
            f"{g['outcome']}")


def refresh(config: Config, store: Store, companies: Any) -> int:
    """Recompute the stored `ledger` table (by quarter and by year) from facts and events."""
    rows = []
    for by in ("quarter", "year"):
        for r in build(config, store, companies, by=by):
            r["guidance_outcome"] = outcome(r)
            rows.append(r)
    store.replace_ledger(rows)
    return len(rows)


# -- pictures ---------------------------------------------------------------------------------------


def year_guidance(config: Config, store: Store, companies: Any, company: str) -> dict[str, dict[str, Any]]:
    """The company's capex guidance per year ('2026', 'FY2027'), for a quarterly chart."""
    return {r["period"]: r["capex_guidance"] for r in build(config, store, companies, names=[company], by="year")
            if r["company"] == company and r.get("capex_guidance")}


def render_chart(rows: list[dict[str, Any]], company: str, *, fmt: str = "png", small: bool = False,
                 yearly: dict[str, dict[str, Any]] | None = None) -> bytes:
    """Capex and operating cash flow per period, debt issued beside them, guidance as a band.
    Annual guidance (`yearly`) on a quarterly chart is drawn at a quarter of the year's range
    over that year's quarters: the run-rate it implies."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in rows if r["company"] == company]
    labels = [r["period"] for r in rows]
    x = list(range(len(rows)))
    bn = 1e9
    size = (5.2, 2.6) if small else (max(6.5, 0.55 * len(rows) + 2), 3.8)
    fig, ax = plt.subplots(figsize=size, dpi=110 if small else 120)
    w = 0.27

    def series(key: str) -> list[float]:
        return [(r[key] or 0) / bn if r[key] is not None else float("nan") for r in rows]

    ax.bar([i - w for i in x], series("operating_cash_flow_usd"), w, label="operating cash flow", color="#7fb3d5")
    ax.bar(x, series("capex_usd"), w, label="capex", color="#1f4e79")
    ax.bar([i + w for i in x], series("debt_issued_usd"), w, label="debt issued", color="#c0392b")
    labelled: set[str] = set()

    def band(x0: float, x1: float, low: float, high: float, label: str) -> None:
        shown = None if label in labelled else label
        labelled.add(label)
        if high - low < 0.01 * max(abs(high), 1):  # a point ("about $85B"): a dashed line
            ax.plot([x0, x1], [low, low], color="#d35400", linewidth=2, linestyle="--", zorder=4,
                    label=shown)
        else:
            ax.fill_between([x0, x1], low, high, facecolor="#f5b041", edgecolor="#d35400", linewidth=1.2,
                            alpha=0.5, zorder=4, label=shown)

    for i, r in enumerate(rows):
        g = r.get("capex_guidance")
        if g and g["low_usd"] is not None:
            band(i - 1.5 * w, i + 1.5 * w, g["low_usd"] / bn, g["high_usd"] / bn, "capex guidance")
    if rows and rows[0]["period_kind"] == "quarter":
        years = defaultdict(list)
        for i, r in enumerate(rows):
            years[r["period"].split(" ", 1)[-1]].append(i)
        for year, idx in years.items():
            g = (yearly or {}).get(year)
            if g and g["low_usd"] is not None:
                band(min(idx) - 0.45, max(idx) + 0.45, g["low_usd"] / 4 / bn, g["high_usd"] / 4 / bn,
                     "capex guidance (a year's / 4)")
    ax.set_xticks(x)
    ax.set_xticklabels(labels, rotation=45 if len(rows) > 6 else 0, ha="right" if len(rows) > 6 else "center",
                       fontsize=7 if small else 8)
    ax.set_ylabel("US$ billions", fontsize=8)
    ax.set_title(f"{company}: capex, operating cash flow and debt issued", fontsize=9 if small else 11)
    ax.axhline(0, color="#555", linewidth=0.6)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=7, frameon=False, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.22 if len(rows) > 6 else -0.12))
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt)
    plt.close(fig)
    return buf.getvalue()


def one_row_text(row: dict[str, Any]) -> str:
    """A ledger row as one line (digest, alerts)."""
    parts = [f"{row['company']} {row['period']}"]
    for key, name in (("capex_usd", "capex"), ("operating_cash_flow_usd", "operating cash flow"),
                      ("debt_issued_usd", "debt issued"), ("net_borrowing_usd", "net borrowing")):
        if row.get(key) is not None:
            parts.append(f"{name} {human_amount(row[key])}")
    if row.get("debt_funded_share") is not None:
        parts.append(f"debt-funded share {row['debt_funded_share']:.0%}")
    return one_line("; ".join(parts))
