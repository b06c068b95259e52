"""Lenient date parsing: feeds and pages write dates every way there is."""

from __future__ import annotations

from datetime import UTC

from dateutil import parser as _dateparser


def parse_date(value: object) -> str | None:
    """Any date-like string to ISO 8601 (UTC when zoned), or None when it is not a date."""
    if not value or not isinstance(value, str):
        return None
    try:
        dt = _dateparser.parse(value.strip(), fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if dt.year < 1900 or dt.year > 2100:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC)
        return dt.replace(microsecond=0).isoformat()
    if dt.hour == dt.minute == dt.second == 0:
        return dt.date().isoformat()
    return dt.replace(microsecond=0).isoformat()
