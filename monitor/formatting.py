"""How amounts and events read to a person: shared by the CLI, alert messages and the digest."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def iso_utc(dt: datetime) -> str:
    """A time as stored: ISO 8601 in UTC, to the second (a naive time is taken as UTC)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).replace(microsecond=0).isoformat()


def has_control(value: str) -> bool:
    """CR, LF, NUL or another control character: what must never reach a header."""
    return _CONTROL.search(value) is not None


def one_line(value: str | None, limit: int | None = None) -> str:
    """Text from a document made fit for one line of a message or header: control characters
    (CR, LF, NUL...) become spaces, runs of spaces one."""
    text = " ".join(_CONTROL.sub(" ", value or "").split())
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"

_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def human_amount(value: float | None, currency: str = "USD") -> str:
    """$18B, €2.5B, $750M: three or four significant figures, the way headlines write them."""
    if value is None:
        return ""
    sign = _SIGNS.get(currency, "")
    prefix = sign if sign else f"{currency} "
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= scale:
            return f"{prefix}{value / scale:,.4g}{suffix}"
    return f"{prefix}{value:,.0f}"


def event_amount(row: dict[str, Any]) -> str:
    """An event's amount as stated: a range, a single figure, with its qualifier ("up to")."""
    cur = row.get("currency") or "USD"
    if cur == "USD":
        lo, hi, single = row.get("amount_low_usd"), row.get("amount_high_usd"), row.get("amount_usd")
    else:
        lo, hi, single = row.get("amount_low_original"), row.get("amount_high_original"), row.get("amount_original")
    if lo is not None and hi is not None:
        text = f"{human_amount(lo, cur)}–{human_amount(hi, cur)}"
    else:
        text = human_amount(single, cur)
    if row.get("qualifier") and text:
        text = f"{row['qualifier']} {text}"
    return text


def amount_usd(row: dict[str, Any]) -> float | None:
    """The figure an event is compared and summed by (see store.AMOUNT_SQL)."""
    for key in ("amount_usd", "amount_high_usd", "amount_usd_est"):
        if row.get(key) is not None:
            return float(row[key])
    return None


def who(row: dict[str, Any]) -> str:
    """The company an event is about, or the companies of a collective figure."""
    if row.get("company"):
        return one_line(str(row["company"]))
    companies = row.get("companies") or []
    return one_line("; ".join(companies)) if companies else "(market)"


def event_headline(row: dict[str, Any]) -> str:
    """'Oracle debt $18B (notes, priced)': one line naming an event."""
    details = [one_line(d) for d in (row.get("instrument"), row.get("period"), row.get("status")) if d]
    amount = event_amount(row) or "amount not stated"
    text = f"{who(row)} {row['type']} {amount}"
    if row.get("change"):
        text += f", guidance {row['change']}"
    return text + (f" ({', '.join(details)})" if details else "")


def polarity(score: float | None) -> str:
    return "" if score is None else f"{score:+.2f}"
