"""Alert rules: what is new and matches a rule is recorded once, then sent to the rule's channels.

How a check works (`check`):

1. Each rule looks at what was extracted since its watermark (the end of its previous check; a
   rule never checked before starts at the run's start, so adding a rule does not replay
   history) and published within its `max_age` (a backfill of 2024 filings alerts nobody).
2. Event rules match consolidated events: the mentions of one event in an 8-K, its press
   release and ten articles share a key (Event.key), and the rule fires once for the key.
   Query-only rules match documents, once per document.
3. Matches are written to `alerts` as pending, one row per rule, channel and target, together
   with the new watermark, in one transaction. A row that already exists is not written again:
   re-runs, re-extraction and restarts never re-send.
4. Pending rows are sent and each is confirmed (`sent`) or marked `failed` with the reason,
   and retried at the next check, up to MAX_ATTEMPTS.

Recovery rule: sending is at-least-once. A crash after a message left but before its row was
confirmed leaves it pending, and the next check sends it again; nothing recorded is ever lost.
Every message carries the alert's key (`alert_key`), the same on each retry: the webhook's
Idempotency-Key header and `id`, the e-mail's Message-ID, the JSONL line's `id`, so that a
receiver can drop the one copy such a crash can cause.
Digest hits (`digest: true`) are queued and confirmed when a digest carrying them is sent.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from monitor.config import AlertRule, Channel, Config
from monitor.formatting import (
    amount_usd,
    event_headline,
    human_amount,
    iso_utc,
    one_line,
    polarity,
    who,
)
from monitor.models import stable_id
from monitor.store import Store, query_terms, snippet, term_pattern

log = logging.getLogger("monitor.alerts")

MAX_ATTEMPTS = 5


class AlertError(Exception):
    """A rule that cannot run, or a channel that failed; one line naming the rule."""


# -- rules -------------------------------------------------------------------------------------


def found_terms(terms: Iterable[str], text: str) -> list[str]:
    """The terms that occur in a text (case-insensitive; `prefix*` matches any ending)."""
    out = []
    for term in terms:
        m = term_pattern(term).search(text)
        if m:
            out.append(m.group(0) if term.endswith("*") else term)
    return out


@dataclass
class Rule:
    """A configured rule, with its companies resolved to every name and ticker they go by."""

    config: AlertRule
    company_keys: list[str] = field(default_factory=list)
    app: Config | None = None  # ledger rules: the configuration and company index the ledger needs
    companies: Any = None

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def terms(self) -> list[str]:
        return query_terms(self.config.query) if self.config.query else []


def compile_rules(config: Config, companies: Any = None) -> list[Rule]:
    """The configured rules; `companies` (a CompanyIndex) expands aliases and tickers."""
    return [Rule(rc, companies.match_keys(rc.companies) if companies is not None else list(rc.companies),
                 config if rc.on == "ledger" else None, companies if rc.on == "ledger" else None)
            for rc in config.alerts]


def find_rule(rules: list[Rule], name: str) -> Rule:
    for r in rules:
        if r.name.casefold() == name.casefold():
            return r
    known = ", ".join(r.name for r in rules) or "none configured"
    raise AlertError(f"no alert rule named {name!r} (rules: {known})")


# -- matching ----------------------------------------------------------------------------------


@dataclass
class Match:
    """One rule firing on one event (all its mentions) or one document."""

    rule: str
    target: str  # "event:<key>" or "document:<id>"
    reasons: list[str]
    event: dict[str, Any] | None = None
    document: dict[str, Any] = field(default_factory=dict)
    evidence: str = ""

    @property
    def title(self) -> str:
        if self.event is not None:
            return event_headline(self.event)
        doc = self.document
        return one_line(f"{doc.get('title') or doc.get('url') or doc.get('id')}")

    def text(self) -> str:
        """The message: which rule, what matched, the evidence and the link. Slack-compatible."""
        lines = [f"monitor alert [{self.rule}]: {self.title}"]
        if self.reasons:
            lines.append("Matched: " + "; ".join(self.reasons))
        if self.evidence:
            lines.append(f"Evidence: \"{one_line(self.evidence)}\"")
        doc = self.document
        when = (doc.get("published") or "")[:10]
        source = " · ".join(x for x in (doc.get("kind"), doc.get("source"), when) if x)
        if doc.get("title") and self.event is not None:
            lines.append(f"Document: {one_line(doc['title'])} ({source})")
        elif source:
            lines.append(f"Document: {source}")
        if doc.get("url"):
            lines.append(f"Source: {one_line(doc['url'])}")
        return "\n".join(lines)

    def payload(self) -> dict[str, Any]:
        """The JSON a webhook receives: Slack's `text`, plus the structured match."""
        data: dict[str, Any] = {"text": self.text(), "rule": self.rule, "matched": self.reasons,
                                "target": self.target, "evidence": self.evidence, "document": self.document}
        if self.event is not None:
            data["event"] = {k: v for k, v in self.event.items() if not k.startswith("document_")}
        return data


def _event_reasons(rule: Rule, ev: dict[str, Any], title: str | None, text: str) -> list[str]:
    rc = rule.config
    reasons = []
    if rc.types:
        reasons.append(f"type {ev['type']}")
    if rc.companies:
        reasons.append(f"company {who(ev)}" + (f" ({ev['ticker']})" if ev.get("ticker") else ""))
    if rc.min_amount_usd is not None:
        reasons.append(f"amount {human_amount(amount_usd(ev))} >= {human_amount(rc.min_amount_usd)}")
    if rc.change:
        prev = ev.get("previous_usd") or ev.get("previous_high_usd")
        reasons.append(f"guidance {ev.get('change')}" + (f" (was {human_amount(prev)})" if prev else ""))
    if rc.sentiment:
        reasons.append(f"sentiment {ev.get('sentiment')} ({polarity(ev.get('sentiment_score'))})")
    if rc.kinds:
        reasons.append(f"document kind {ev.get('document_kind')}")
    if rc.query:
        reasons.append(_query_reason(rule, ev["sentence"], (title or "") + "\n" + text))
    return reasons


def _query_reason(rule: Rule, sentence: str, document: str) -> str:
    in_sentence = found_terms(rule.terms, sentence)
    if in_sentence:
        return f"query {rule.config.query}: " + ", ".join(f'"{t}"' for t in in_sentence) + " in the evidence sentence"
    in_doc = found_terms(rule.terms, document)
    if in_doc:
        return f"query {rule.config.query}: " + ", ".join(f'"{t}"' for t in in_doc) + " in the document"
    return f"query {rule.config.query}: matched the document"


def _window(rule: Rule, now: datetime) -> str:
    return (now - timedelta(seconds=rule.config.max_age_seconds)).replace(microsecond=0).isoformat()


def find_matches(
    store: Store,
    rule: Rule,
    *,
    since: str | None,
    created_since: str | None = None,
    limit: int | None = None,
) -> list[Match]:
    """What the rule matches among stored events or documents published since `since` (and
    extracted since `created_since`), oldest first, one Match per event key or document."""
    rc = rule.config
    if rc.on == "ledger":
        return _ledger_matches(store, rule, since=since, created_since=created_since, limit=limit)
    if rc.on == "documents":
        assert rc.query is not None
        docs = store.documents_matching(rc.query, since=since, extracted_since=created_since, kinds=rc.kinds or None,
                                        sentiment=rc.sentiment, companies=rule.company_keys or None, limit=limit)
        out = []
        for d in docs:
            title, text = store.document_text(d["id"])
            in_doc = found_terms(rule.terms, (title or "") + "\n" + text)
            reasons = [f"query {rc.query}: " + (", ".join(f'"{t}"' for t in in_doc) or "matched") + " in the document"]
            if rc.companies:
                reasons.append(f"company {d.get('company') or ', '.join(rc.companies)}")
            if rc.sentiment:
                reasons.append(f"document sentiment {d.get('sentiment')} ({polarity(d.get('sentiment_score'))})")
            if rc.kinds:
                reasons.append(f"document kind {d['kind']}")
            evidence = _evidence(text, rule.terms) or snippet(text, rule.terms, tokens=24, marks=("", ""))
            doc = {k: d.get(k) for k in ("id", "kind", "source", "published", "title", "url", "company",
                                          "sentiment", "sentiment_score")}
            out.append(Match(rc.name, f"document:{d['id']}", reasons, None, doc, evidence))
        return out
    rows = store.events(
        type=rc.types[0] if len(rc.types) == 1 else None, companies=rule.company_keys or None, since=since,
        min_amount=rc.min_amount_usd, query=rc.query, query_documents=rc.query_scope == "document",
        sentiment=rc.sentiment,
        kinds=rc.kinds or None, change=rc.change, created_since=created_since, order="oldest", limit=None,
    )
    best: dict[str, dict[str, Any]] = {}
    for r in rows:  # one match per event: its best-attributed mention, the earliest on a tie
        key = r["event_key"]
        if key not in best or (r["confidence"] or 0) > (best[key]["confidence"] or 0):
            best[key] = r
    out = []
    for key, ev in best.items():
        title, text = store.document_text(ev["document_id"]) if rc.query else (None, "")
        doc = {"id": ev["document_id"], "kind": ev["document_kind"], "source": ev["document_source"],
               "published": ev["published"], "title": ev["document_title"], "url": ev["document_url"]}
        out.append(Match(rc.name, f"event:{key}", _event_reasons(rule, ev, title, text), ev, doc, ev["sentence"]))
        if limit is not None and len(out) >= limit:
            break
    return out


def ledger_reasons(rc: AlertRule, row: dict[str, Any]) -> list[str]:
    """Which ledger conditions a period meets; [] when it misses any of them."""
    reasons = []
    if rc.debt_funded_share_at_least is not None:
        share = row.get("debt_funded_share")
        if share is None or share < rc.debt_funded_share_at_least:
            return []
        reasons.append(f"debt-funded share {share:.0%} >= {rc.debt_funded_share_at_least:.0%} "
                       f"(net borrowing {human_amount(row['net_borrowing_usd'])} / capex {human_amount(row['capex_usd'])})")
    if rc.capex_exceeds_operating_cash_flow:
        capex, ocf = row.get("capex_usd"), row.get("operating_cash_flow_usd")
        if capex is None or ocf is None or capex <= ocf:
            return []
        reasons.append(f"capex {human_amount(capex)} > operating cash flow {human_amount(ocf)}")
    return reasons


def _ledger_matches(store: Store, rule: Rule, *, since: str | None, created_since: str | None,
                    limit: int | None) -> list[Match]:
    """Newly reported ledger periods (their figures stored since `created_since`, filed since
    `since`) that meet the rule's ledger conditions: one match per company and period."""
    from monitor import ledger

    assert rule.app is not None
    rows = ledger.build(rule.app, store, rule.companies, names=list(rule.config.companies) or None, by="quarter")
    out = []
    for row in rows:
        if row["basis"] != "filings" or not row.get("reported"):
            continue
        if (since and row["reported"] < since[:10]) or (created_since and (row.get("stored") or "") < created_since):
            continue
        reasons = ledger_reasons(rule.config, row)
        if not reasons:
            continue
        accession = row["sources"][-1] if row["sources"] else None
        url = (f"{rule.app.edgar.archive_url}/Archives/edgar/data/{row['cik']}/{accession.replace('-', '')}/"
               f"{accession}-index.htm") if accession and row.get("cik") else None
        doc = {"id": None, "kind": "filing", "source": "ledger", "published": row["reported"],
               "title": ledger.one_row_text(row), "url": url, "company": row["company"]}
        out.append(Match(rule.name, f"ledger:{row['company']}:{row['period']}", reasons, None, doc,
                         f"{row['company']} {row['period']} ({row['period_start']} to {row['period_end']}), "
                         f"filings {', '.join(row['sources'])}"))
        if limit is not None and len(out) >= limit:
            break
    return out


def _evidence(text: str, terms: list[str], width: int = 240) -> str:
    """The sentence-sized stretch of a document around the first matched term."""
    for term in terms:
        m = term_pattern(term).search(text)
        if m:
            start = max(text.rfind(". ", 0, m.start()) + 2, m.start() - width // 2, 0)
            end = text.find(". ", m.end())
            end = min(end + 1 if end != -1 else len(text), m.end() + width)
            return " ".join(text[start:end].split())
    return ""


# -- checking and sending ------------------------------------------------------------------------


@dataclass
class AlertReport:
    matched: int = 0  # new (rule, target) pairs
    sent: int = 0
    failed: int = 0
    queued: int = 0  # for the digest
    errors: list[str] = field(default_factory=list)
    by_rule: dict[str, int] = field(default_factory=dict)


def new_matches(store: Store, rules: list[Rule], *, now: datetime, default_since: str,
                errors: list[str] | None = None) -> dict[str, list[Match]]:
    """Per rule, what matches among the events or documents extracted since its watermark
    (within its max_age) and has not fired yet. Nothing is recorded."""
    out: dict[str, list[Match]] = {}
    for rule in rules:
        since = store.alert_since(rule.name, default_since)
        try:
            matches = find_matches(store, rule, since=_window(rule, now), created_since=since)
        except Exception as exc:  # one bad rule must not stop the others
            if errors is None:
                raise
            errors.append(f"alert rule {rule.name}: {type(exc).__name__}: {exc}")
            continue
        fired = store.alerts_fired(rule.name)
        out[rule.name] = [m for m in matches if m.target not in fired]
    return out


def default_since(now: datetime, first_since: str | None = None) -> str:
    """Where a rule never checked before starts: the run's start, else 24 hours back."""
    return first_since or iso_utc(now - timedelta(days=1))


def check(
    config: Config,
    store: Store,
    rules: list[Rule],
    *,
    now: datetime | None = None,
    first_since: str | None = None,
    send: bool = True,
    stdout: TextIO | None = None,
    base: Path | None = None,
) -> AlertReport:
    """Match every rule against what is new, record the matches, send what is unsent.
    `first_since` is where a rule never checked before starts (default: 24 hours ago)."""
    now = now or datetime.now(UTC)
    report = AlertReport()
    found = new_matches(store, rules, now=now, default_since=default_since(now, first_since), errors=report.errors)
    rows: list[dict[str, Any]] = []
    by_name = {r.name: r for r in rules}
    for name, matches in found.items():
        rule = by_name[name].config
        report.by_rule[name] = len(matches)
        report.matched += len(matches)
        for m in matches:
            base_row = {"rule": name, "target": m.target, "event_id": (m.event or {}).get("id"),
                        "event_key": (m.event or {}).get("event_key"), "document_id": m.document.get("id"),
                        "matched": m.reasons, "payload": m.payload()}
            for ch in rule.channels:
                rows.append(base_row | {"channel": ch.key})
            if rule.digest:
                rows.append(base_row | {"channel": "digest", "status": "queued"})
                report.queued += 1
    store.record_alerts(rows, {name: iso_utc(now) for name in found})
    if send:
        deliver(config, store, report, stdout=stdout, base=base)
    return report


def deliver(config: Config, store: Store, report: AlertReport, *, stdout: TextIO | None = None,
            base: Path | None = None) -> None:
    """Send every recorded, unconfirmed alert; confirm or record the failure of each."""
    channels = {(r.name, ch.key): ch for r in config.alerts for ch in r.channels}
    for alert in store.alerts_to_send(max_attempts=MAX_ATTEMPTS):
        channel = channels.get((alert["rule"], alert["channel"]))
        label = f"alert {alert['rule']} -> {alert['channel'].split(':', 1)[0]}"
        if channel is None:
            store.mark_alert(alert["id"], ok=False, error="rule or channel no longer configured", give_up=True)
            continue
        key = alert_key(alert)
        try:
            _send_one(config, channel, alert["payload"] | {"id": key}, stdout=stdout, base=base)
        except AlertError as exc:
            store.mark_alert(alert["id"], ok=False, error=str(exc))
            report.failed += 1
            report.errors.append(f"{label}: {exc}")
            log.warning("%s: %s", label, exc, extra={"rule": alert["rule"], "alert": key, "error": str(exc)})
            continue
        store.mark_alert(alert["id"], ok=True)
        report.sent += 1
        log.info("%s: sent %s", label, alert["target"], extra={"rule": alert["rule"], "alert": key})


def alert_key(alert: dict[str, Any]) -> str:
    """The alert's identity for its receivers, the same on every retry: the webhook's
    Idempotency-Key header and `id`, the e-mail's Message-ID, the JSONL line's `id`. Sending
    is at least once; with this key a receiver can make it exactly once."""
    return stable_id("alert", alert["rule"], alert["channel"], alert["target"])


def _send_one(config: Config, channel: Channel, payload: dict[str, Any], *, stdout: TextIO | None,
              base: Path | None) -> None:
    text = payload["text"]
    if channel.type == "stdout":
        if stdout is not None:
            stdout.write(text + "\n\n")
            stdout.flush()
    elif channel.type == "jsonl":
        path = Path(channel.path or "alerts.jsonl")
        if not path.is_absolute() and base is not None:
            path = base / path
        line = json.dumps(payload | {"sent": iso_utc(datetime.now(UTC))}, ensure_ascii=False, default=str)
        try:
            with path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise AlertError(f"cannot append to {path}: {exc.strerror or exc}") from None
    elif channel.type == "webhook":
        _post_webhook(config, channel, payload)
    elif channel.type == "email":
        _send_email(config, channel, payload)


def slack_escape(text: str) -> str:
    """Slack reads `<...>` as a link or mention and `&` as an entity: a document's "AT&T" or
    "<b>" must arrive as written (https://api.slack.com/reference/surfaces/formatting#escaping)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _post_webhook(config: Config, channel: Channel, payload: dict[str, Any]) -> None:
    import httpx

    payload = payload | {"text": slack_escape(payload["text"])}
    url = os.environ.get(channel.url_env or "")
    if not url:
        raise AlertError(f"environment variable {channel.url_env} (the webhook URL) is not set")
    if not re.match(r"^https?://", url):
        raise AlertError(f"environment variable {channel.url_env} does not hold an http(s) URL")
    try:
        response = httpx.post(url, json=payload, timeout=config.http.timeout,
                              headers={"User-Agent": config.http.user_agent, "Idempotency-Key": payload["id"]})
    except httpx.TimeoutException:
        raise AlertError(f"webhook ({channel.url_env}) timed out") from None
    except httpx.HTTPError as exc:  # the URL is a secret: name the variable, never the URL
        raise AlertError(f"webhook ({channel.url_env}): {type(exc).__name__}") from None
    if response.status_code >= 300:
        raise AlertError(f"webhook ({channel.url_env}) answered HTTP {response.status_code}")


def _send_email(config: Config, channel: Channel, payload: dict[str, Any]) -> None:
    from monitor.mail import MailError, build_message, display_sender, send

    ev = payload.get("event")
    subject = f"[monitor] {payload['rule']}: " + (event_headline(ev) if ev else payload["document"].get("title") or "")
    try:
        msg = build_message(sender=display_sender(config.digest.sender), to=channel.to, subject=subject,
                            text=payload["text"], message_id=f"alert.{payload['id']}")
        send(config.digest.smtp, msg)
    except MailError as exc:
        raise AlertError(str(exc)) from None
