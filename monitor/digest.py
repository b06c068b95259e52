"""The daily digest: the day's capex and debt events, guidance changes, tone, and rule hits,
as an HTML e-mail (table layout, inline CSS, a chart attached inline by Content-ID) with a
plain-text alternative.

Sending is recorded per local day and recipient list (`digests`): the row is written before the
message leaves and confirmed after, so a digest is never sent twice by re-runs or restarts
(`force` resends on purpose) and a crash in between means it is sent again at the next
chance rather than lost.
"""

from __future__ import annotations

import base64
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from monitor.config import Config
from monitor.formatting import (
    amount_usd,
    event_amount,
    human_amount,
    iso_utc,
    one_line,
    polarity,
    who,
)
from monitor.store import Store

log = logging.getLogger("monitor.digest")

CHART_CID = "chart@monitor"
CHART_DAYS = 90
TONE_DAYS = 7
RETRY_SECONDS = 900  # a failed send is tried again after 15 minutes
MAX_EVENTS = 60  # rows in the e-mail; the rest are counted, and `monitor events` lists them
LEDGER_CHARTS = 4  # companies with a new event whose ledger is drawn (small charts, attached)
LEDGER_QUARTERS = 8
MAX_HTML_BYTES = 100_000  # Gmail clips a message whose HTML passes 102 KB: fewer rows instead


@dataclass
class Digest:
    day: date
    since: str
    until: str
    timezone: str
    events: list[dict[str, Any]] = field(default_factory=list)
    more_events: int = 0
    headline: dict[str, Any] = field(default_factory=dict)
    guidance: list[dict[str, Any]] = field(default_factory=list)
    tone: list[dict[str, Any]] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    totals: list[dict[str, Any]] = field(default_factory=list)
    chart: bytes | None = None
    ledger_outcomes: list[dict[str, Any]] = field(default_factory=list)  # reported capex against guidance
    ledger_charts: list[dict[str, Any]] = field(default_factory=list)  # {company, cid, png}

    @property
    def empty(self) -> bool:
        return not self.events and not self.alerts and not self.guidance and not self.ledger_outcomes

    @property
    def images(self) -> dict[str, bytes]:
        """The PNGs the e-mail attaches, by Content-ID."""
        out = {CHART_CID: self.chart} if self.chart else {}
        out.update({c["cid"]: c["png"] for c in self.ledger_charts})
        return out

    @property
    def subject(self) -> str:
        h = self.headline
        when = f"{self.day:%a %d %b %Y}"
        if self.empty:
            return f"monitor digest, {when}: no new capex or debt events"
        parts = [f"{h['capex_count']} capex", f"{h['debt_count']} debt"]
        if h["debt_total"]:
            parts[-1] += f" ({human_amount(h['debt_total'])} raised)"
        return f"monitor digest, {when}: " + ", ".join(parts) + " events"


def safe_url(url: str | None) -> str | None:
    """Only http(s) links reach the e-mail: a feed cannot slip in javascript: or data: URLs."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def local_day(config: Config, now: datetime) -> date:
    return now.astimezone(ZoneInfo(config.digest.timezone)).date()


def build(config: Config, store: Store, *, since: str | None = None, now: datetime | None = None,
          chart: bool = True) -> Digest:
    """Gather the digest's contents from the store (nothing is marked as sent here)."""
    now = now or datetime.now(UTC)
    # Stored times are whole seconds: the window ends after now's second, so an event stored in
    # the same second as the digest is in this one (it would be before the next one's window).
    until = iso_utc(now.replace(microsecond=0) + timedelta(seconds=1))
    since = since or iso_utc(now - timedelta(days=1))
    d = Digest(day=local_day(config, now), since=since, until=until, timezone=config.digest.timezone)
    events = store.first_seen_events(since, until)
    for ev in events:
        _decorate(ev)
    d.headline = _headline(events, since)
    d.guidance = _guidance(store, events)
    d.events = events[:MAX_EVENTS]
    d.more_events = max(0, len(events) - MAX_EVENTS)
    tracked = {c.name.casefold() for c in config.companies} | {e["who"].casefold() for e in events}
    d.tone = _tone(store, since, until, tracked)
    d.alerts = [_decorate_alert(a) for a in store.digest_alerts(since)]
    chart_since = iso_utc(now - timedelta(days=CHART_DAYS))
    rows = [r for r in store.events(consolidate=True, limit=None, seen_since=chart_since, seen_until=until)
            if (r["first_seen"] or "") >= chart_since]
    for r in rows:
        _decorate(r)
    d.totals = _totals(rows, chart_since)[:12]
    if chart and d.totals:
        d.chart = render_chart(d.totals, CHART_DAYS)
    try:
        d.ledger_outcomes, d.ledger_charts = _ledger(config, store, events, since, until, chart)
    except Exception:  # the ledger's part must never cost the digest
        log.warning("digest: the ledger section could not be built", exc_info=True)
    _fit(d)
    return d


def _ledger(config: Config, store: Store, events: list[dict[str, Any]], since: str, until: str,
            chart: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Guidance against the outcome for the periods whose reported figures arrived in the
    window (the day the actual lands), and a small ledger chart for each company with a new
    event and SEC facts."""
    from monitor import ledger
    from monitor.nlp.companies import CompanyIndex

    index = CompanyIndex(config.companies)
    outcomes = []
    for by in ("year", "quarter"):
        rows = [r for r in ledger.build(config, store, index, by=by)
                if r["basis"] == "filings" and since <= (r.get("stored") or "") < until]
        for g in ledger.guidance_rows(rows):
            if g["outcome"]:
                g["line"] = ledger.guidance_line(g)
                outcomes.append(g)
    charts = []
    if chart:
        for company in dict.fromkeys(e["company"] for e in events if e.get("company")):
            if len(charts) >= LEDGER_CHARTS:
                break
            rows = ledger.build(config, store, index, names=[company], by="quarter")
            rows = [r for r in rows if r["company"] == company][-LEDGER_QUARTERS:]
            if not any(r["basis"] == "filings" for r in rows):
                continue  # a company without SEC facts has no quarters to draw, only its events above
            png = ledger.render_chart(rows, company, small=True,
                                      yearly=ledger.year_guidance(config, store, index, company))
            charts.append({"company": company, "cid": f"ledger{len(charts)}@monitor", "png": png,
                           "periods": f"{rows[0]['period']} to {rows[-1]['period']}"})
    return outcomes, charts


def _fit(d: Digest) -> None:
    """Fewer event rows until the HTML is under MAX_HTML_BYTES: Gmail shows a longer message
    cut at "[Message clipped]". The rows left out are counted, and `monitor events` lists them."""
    while d.events and len(render_html(d).encode()) > MAX_HTML_BYTES:
        drop = max(1, len(d.events) // 8)
        d.events = d.events[:-drop]
        d.more_events += drop


def _decorate(ev: dict[str, Any]) -> None:
    ev["who"] = who(ev)
    ev["amount"] = event_amount(ev) or "—"
    ev["value_usd"] = amount_usd(ev)
    ev["polarity"] = polarity(ev.get("sentiment_score"))
    ev["links"] = [s for s in ev.get("sources", []) if safe_url(s["url"])]


def _decorate_alert(a: dict[str, Any]) -> dict[str, Any]:
    p = a["payload"]
    ev = p.get("event") or {}
    doc = p.get("document") or {}
    return {"rule": a["rule"], "matched": a["matched"], "evidence": p.get("evidence") or "",
            "what": (f"{who(ev)} {ev.get('type')} {event_amount(ev)}".strip() if ev else doc.get("title") or ""),
            "url": safe_url(doc.get("url")), "title": doc.get("title") or doc.get("url") or "",
            "id": a["id"], "status": a["status"]}


# -- totals: each real-world figure once, only what is new --------------------------------

_QUARTER_END = {"1": "03-31", "2": "06-30", "3": "09-30", "4": "12-31"}


def period_end(period: str | None) -> str | None:
    """The last day a period can end (ISO date), None when it names no year ("next few
    years"). Calendars differ by company, so a fiscal period is given the latest end it can
    have: a retailer's fiscal 2024 ends early in February 2025. A period is only called past
    when it surely is."""
    p = (period or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", p):
        return p
    m = re.fullmatch(r"Q([1-4])\s+(\d{4})", p)
    if m:
        return f"{m.group(2)}-{_QUARTER_END[m.group(1)]}"
    m = re.fullmatch(r"H([12])\s+(\d{4})", p)
    if m:
        return f"{m.group(2)}-{'06-30' if m.group(1) == '1' else '12-31'}"
    if re.fullmatch(r"\d{4}", p):
        return f"{p}-12-31"
    m = re.fullmatch(r"(?:(?:Q[1-4]|H[12])\s+)?FY\s?(\d{4})", p, re.I)
    return f"{int(m.group(1)) + 1}-02-28" if m else None


def excluded(ev: dict[str, Any], since: str) -> str | None:
    """Why an event is left out of the totals (None: it counts): debt that is history (raised
    before the window: notes issued years ago, a standing facility; marked `history` at
    extraction, or of a period that ended before the window), planned or capacity debt (not
    raised), or no amount."""
    if not ev.get("value_usd"):
        return "no amount"
    if ev.get("history"):
        return "history"
    if ev["type"] == "debt":
        end = period_end(ev.get("period"))
        if end is not None and end < since[:10]:
            return "history"
        if ev.get("status") == "planned":
            return "planned"
    return None


def _rank(ev: dict[str, Any]) -> tuple:
    """Which of several statements of one figure stands for it: the one most documents
    reported, then the latest reported, then the most confident."""
    return (ev.get("documents") or 1, ev.get("mentions") or 1, ev.get("last_seen") or "", ev.get("confidence") or 0)


def figures(events: list[dict[str, Any]], since: str) -> list[dict[str, Any]]:
    """The events a total adds up: each real-world figure once. Consolidated events are one
    per statement; a company's capex is one figure: that of its latest period (a 10-K's cash-flow
    statement gives three years, and a quarter lies inside its fiscal year), one line item
    for it (gross purchases of property and equipment, or net of proceeds, not both)."""
    counted = [e for e in events if not excluded(e, since)]
    debt = [e for e in counted if e["type"] == "debt"]
    capex: dict[str, list[dict[str, Any]]] = {}
    for e in counted:  # figures of no named company are not one company's: each stands alone
        if e["type"] == "capex":
            capex.setdefault(e["who"] if _named(e) else e["event_key"], []).append(e)
    chosen = []
    for group in capex.values():
        latest = max(period_end(e.get("period")) or "" for e in group)
        same = [e for e in group if (period_end(e.get("period")) or "") == latest]
        chosen.append(max(same, key=_rank))
    return chosen + debt


def _named(ev: dict[str, Any]) -> bool:
    return bool(ev.get("company") or ev.get("companies"))


def _periods(events: list[dict[str, Any]]) -> list[str]:
    return sorted({e["period"] for e in events if e.get("period")}, key=lambda p: (period_end(p) or "", p))


def _headline(events: list[dict[str, Any]], since: str) -> dict[str, Any]:
    capex = [e for e in events if e["type"] == "capex"]
    debt = [e for e in events if e["type"] == "debt"]
    counted = figures(events, since)
    chosen = {id(e) for e in counted}
    for e in events:  # each row of the list says why it is not in the totals
        e["left_out"] = None if id(e) in chosen else (excluded(e, since) or "another figure for this company")
    capex_counted = [e for e in counted if e["type"] == "capex"]
    debt_counted = [e for e in counted if e["type"] == "debt"]
    by_instrument: dict[str, float] = {}
    for e in debt_counted:
        key = e.get("instrument") or "unspecified"
        by_instrument[key] = by_instrument.get(key, 0.0) + e["value_usd"]
    left_out: dict[str, int] = {}
    for e in debt:
        why = excluded(e, since)
        if why and why != "no amount":
            left_out[why] = left_out.get(why, 0) + 1
    return {
        "capex_count": len(capex),
        "capex_total": sum(e["value_usd"] for e in capex_counted),
        "capex_figures": len(capex_counted),
        "capex_periods": [f"{e['who']} {e['period'] or 'period not stated'}" for e in capex_counted],
        "debt_count": len(debt),
        "debt_total": sum(e["value_usd"] for e in debt_counted),
        "debt_figures": len(debt_counted),
        "debt_left_out": ", ".join(f"{n} {why}" for why, n in sorted(left_out.items())),
        "debt_by_instrument": sorted(((k, v) for k, v in by_instrument.items()), key=lambda kv: -kv[1]),
        "raised": sum(e.get("change") == "raised" for e in events),
        "lowered": sum(e.get("change") == "lowered" for e in events),
    }


def _totals(events: list[dict[str, Any]], since: str) -> list[dict[str, Any]]:
    """Capex and debt per company over the chart's window, each figure once (see `figures`),
    with the periods the capex figure covers."""
    totals: dict[str, dict[str, Any]] = {}
    for e in figures(events, since):
        if not _named(e):
            continue
        t = totals.setdefault(e["who"], {"company": e["who"], "capex": 0.0, "debt": 0.0, "periods": []})
        t[e["type"]] += e["value_usd"]
        if e["type"] == "capex":
            t["periods"] = _periods([e])
    return sorted(totals.values(), key=lambda t: -(t["capex"] + t["debt"]))


def _guidance(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Capex figures revised in the window, against the figure they replace: the one the text
    states ("raised from $X"), else the last different figure stored for that company and period."""
    out = []
    for ev in events:
        if ev["type"] != "capex" or not ev.get("period") or not ev.get("company"):
            continue
        previous = ev.get("previous_usd") or ev.get("previous_high_usd")
        basis = "stated"
        if previous is None:
            prior = store.previous_figure(ev["company"], "capex", ev["period"], before=ev["first_seen"],
                                          exclude_key=ev["event_key"])
            if prior is not None:
                previous, basis = amount_usd(prior), f"reported {prior['published'][:10]}"
        current = ev["value_usd"]
        if previous is None or not current or abs(current - previous) < 1e-6 * max(current, previous):
            if not ev.get("change"):
                continue
        change = ev.get("change") or ("raised" if current and previous and current > previous else "lowered")
        delta = (current / previous - 1) if current and previous else None
        out.append({"who": ev["who"], "period": ev["period"], "amount": ev["amount"], "change": change,
                    "previous": human_amount(previous) if previous else "—", "basis": basis if previous else "",
                    "delta": f"{delta:+.0%}" if delta is not None else "", "sentence": ev["sentence"],
                    "links": ev["links"]})
    return out


def _tone(store: Store, since: str, until: str, tracked: set[str]) -> list[dict[str, Any]]:
    """The mean tone of each tracked company (configured, or with an event in the window) in the
    window against its previous 7 days. Other filers that merely appear in a filings feed are
    left out: their tone is noise to this audience."""
    before = iso_utc(datetime.fromisoformat(since) - timedelta(days=TONE_DAYS))
    now_rows = {r["company"]: r for r in store.tone(by="all", since=since, until=until)}
    prev_rows = {r["company"]: r for r in store.tone(by="all", since=before, until=since)}
    rows = []
    for company, r in now_rows.items():
        if company.casefold() not in tracked:
            continue
        p = prev_rows.get(company)
        delta = r["tone"] - p["tone"] if p else None
        rows.append({"company": company, "documents": r["documents"], "tone": polarity(r["tone"]),
                     "tone_value": r["tone"], "previous": polarity(p["tone"]) if p else "—",
                     "previous_documents": p["documents"] if p else 0,
                     "delta": f"{delta:+.2f}" if delta is not None else "new",
                     "delta_value": delta or 0.0,
                     "mix": f"{r['positive']}+ / {r['neutral']}= / {r['negative']}−"})
    rows.sort(key=lambda r: (-r["documents"], r["company"]))
    return rows[:20]


def render_chart(totals: list[dict[str, Any]], days: int) -> bytes:
    """Grouped horizontal bars of capex announced and debt raised by company (PNG bytes)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [t["company"][:28] for t in totals][::-1]
    capex = [t["capex"] / 1e9 for t in totals][::-1]
    debt = [t["debt"] / 1e9 for t in totals][::-1]
    height = 1.0 + 0.42 * len(names)
    fig, ax = plt.subplots(figsize=(6.8, height), dpi=110)
    ys = range(len(names))
    ax.barh([y + 0.2 for y in ys], capex, height=0.4, color="#2563eb", label="Capex announced")
    ax.barh([y - 0.2 for y in ys], debt, height=0.4, color="#d97706", label="Debt raised")
    ax.set_yticks(list(ys), names, fontsize=8)
    ax.set_xlabel("US$ billions", fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_title(f"Capex announced and debt raised, last {days} days", fontsize=9, loc="left")
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#e5e7eb", linewidth=0.6)
    ax.set_axisbelow(True)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


# -- rendering -------------------------------------------------------------------------------


def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("monitor", "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["usd"] = human_amount
    env.filters["one_line"] = one_line
    return env


def render_html(digest: Digest, *, inline: bool = False) -> str:
    """The HTML part; `inline` embeds the chart as a data: URI (for a preview file) instead of
    referring to the attached image by Content-ID."""
    src = None
    if digest.chart:
        src = "data:image/png;base64," + base64.b64encode(digest.chart).decode() if inline else f"cid:{CHART_CID}"
    ledger_srcs = [("data:image/png;base64," + base64.b64encode(c["png"]).decode()) if inline else f"cid:{c['cid']}"
                   for c in digest.ledger_charts]
    return _env().get_template("digest.html").render(d=digest, chart_src=src, chart_days=CHART_DAYS,
                                                     tone_days=TONE_DAYS, ledger_srcs=ledger_srcs)


def render_text(digest: Digest) -> str:
    return _env().get_template("digest.txt").render(d=digest, chart_days=CHART_DAYS, tone_days=TONE_DAYS)


# -- sending -----------------------------------------------------------------------------------


@dataclass
class DigestResult:
    status: str  # sent | already-sent | skipped-empty | failed | disabled
    day: date
    recipients: list[str]
    message: str
    events: int = 0


def recipients_key(recipients: list[str]) -> str:
    return ",".join(sorted({r.strip().lower() for r in recipients}))


def send(config: Config, store: Store, *, to: list[str] | None = None, since: str | None = None,
         now: datetime | None = None, force: bool = False) -> DigestResult:
    """Build and send the digest for the local day of `now`, once per recipient list."""
    from monitor.mail import MailError, build_message, display_sender
    from monitor.mail import send as smtp_send

    now = now or datetime.now(UTC)
    settings = config.digest
    recipients = list(to or settings.recipients)
    day = local_day(config, now)
    if not recipients:
        return DigestResult("failed", day, [], "no recipients: set digest.recipients or pass --to")
    key = recipients_key(recipients)
    state = store.digest_state(day.isoformat(), key)
    if state and state["status"] in ("sent", "skipped") and not force:
        what = "sent" if state["status"] == "sent" else "skipped (empty)"
        return DigestResult("already-sent", day, recipients,
                            f"the digest for {day} was already {what} to {key} (--force resends)")
    digest = build(config, store, since=since, now=now)
    if digest.empty and settings.skip_empty and not force:
        store.start_digest(day.isoformat(), key, subject=digest.subject, message_id="", events=0, status="skipped",
                           now=iso_utc(now))
        return DigestResult("skipped-empty", day, recipients, f"nothing new for {day}: digest skipped (skip_empty)")
    # A retry of an unconfirmed or failed send is the same message (its Message-ID), so that the
    # receiving side can drop a copy that did go out before a crash; --force sends a new one.
    retry = state is not None and state["status"] in ("sending", "failed") and state.get("message_id") and not force
    try:
        msg = build_message(sender=display_sender(settings.sender), to=recipients, subject=digest.subject,
                            text=render_text(digest), html=render_html(digest),
                            images=digest.images or None,
                            message_id=state["message_id"].strip("<>").partition("@")[0] if retry else None)
    except MailError as exc:
        return DigestResult("failed", day, recipients, str(exc))
    store.start_digest(day.isoformat(), key, subject=digest.subject, message_id=msg["Message-ID"],
                       events=len(digest.events) + digest.more_events, now=iso_utc(now))
    log.info("digest for %s: sending to %s%s", day, key, " (again: not confirmed before)" if retry else "",
             extra={"day": day.isoformat(), "message_id": msg["Message-ID"]})
    try:
        smtp_send(settings.smtp, msg)
    except MailError as exc:
        store.finish_digest(day.isoformat(), key, ok=False, error=str(exc))
        return DigestResult("failed", day, recipients, f"digest: {exc}")
    store.finish_digest(day.isoformat(), key, ok=True)
    store.mark_digest_alerts_sent([a["id"] for a in digest.alerts if a["status"] == "queued"])
    return DigestResult("sent", day, recipients, f"digest for {day} sent to {', '.join(recipients)}: "
                        f"{len(digest.events) + digest.more_events} events, {len(digest.alerts)} rule hits",
                        events=len(digest.events) + digest.more_events)


def due_at(config: Config, now: datetime) -> datetime:
    """Today's send time (digest.time in digest.timezone), as an aware datetime."""
    tz = ZoneInfo(config.digest.timezone)
    local = now.astimezone(tz)
    hh, mm = (int(x) for x in config.digest.time.split(":"))
    return datetime.combine(local.date(), time(hh, mm), tzinfo=tz)


def _retry_at(state: dict[str, Any] | None) -> datetime | None:
    """When a failed send may be tried again (None: it did not fail)."""
    if state and state["status"] == "failed" and state["attempted"]:
        return datetime.fromisoformat(state["attempted"]) + timedelta(seconds=RETRY_SECONDS)
    return None


def _today(config: Config, store: Store, now: datetime) -> dict[str, Any] | None:
    return store.digest_state(local_day(config, now).isoformat(), recipients_key(config.digest.recipients))


def is_due(config: Config, store: Store, now: datetime | None = None) -> bool:
    """Enabled, past today's send time, and not yet sent (or skipped) today; a failed send
    is due again RETRY_SECONDS after it."""
    settings = config.digest
    if not settings.enabled or not settings.recipients:
        return False
    now = now or datetime.now(UTC)
    if now < due_at(config, now):
        return False
    state = _today(config, store, now)
    retry = _retry_at(state)
    if retry is not None:
        return now >= retry
    return not (state and state["status"] in ("sent", "skipped"))


def seconds_until_due(config: Config, store: Store, now: datetime | None = None) -> float | None:
    """How long the `run --every` loop may sleep before the digest is due (None: not today)."""
    settings = config.digest
    if not settings.enabled or not settings.recipients:
        return None
    now = now or datetime.now(UTC)
    if is_due(config, store, now):
        return 0.0
    at = due_at(config, now)
    if now >= at:
        # a failed send waits for its retry; a sent one for tomorrow's time
        at = _retry_at(_today(config, store, now)) or due_at(config, now + timedelta(days=1))
    return max(0.0, (at - now).total_seconds())


def send_if_due(config: Config, store: Store, now: datetime | None = None) -> DigestResult | None:
    now = now or datetime.now(UTC)
    if not is_due(config, store, now):
        return None
    return send(config, store, now=now)
