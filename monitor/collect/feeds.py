"""Feed bytes to entries: RSS 0.9x/1.0/2.0 and Atom via feedparser, JSON Feed and JSON item
lists by hand (feedparser does not read JSON)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bs4 import BeautifulSoup

from monitor.collect.dates import parse_date


class FeedError(Exception):
    """Bytes that are not a usable feed; the message says why in one line."""


@dataclass
class FeedEntry:
    id: str
    title: str | None
    link: str | None
    published: str | None
    summary: str
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def html_to_text(fragment: str) -> str:
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    return BeautifulSoup(fragment, "lxml").get_text(" ", strip=True)


def _struct_to_iso(value: time.struct_time | None) -> str | None:
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return None


def parse_feed(content: bytes, url: str = "") -> list[FeedEntry]:
    """Parse a feed document; raises FeedError when it is not one."""
    head = content[:512].lstrip()
    if not head:
        raise FeedError("empty body")
    if head[:1] in (b"{", b"["):
        return _parse_json_feed(content)
    if b"\x00" in content[:4096]:
        raise FeedError("binary body, not a feed")
    import feedparser  # ~0.1 s; only commands that read feeds pay for it

    parsed = feedparser.parse(content, response_headers={"content-location": url} if url else None)
    if not parsed.entries:
        if parsed.get("version"):
            return []  # a valid feed with nothing in it
        lowered = head.lower()
        if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
            raise FeedError("an HTML page, not a feed")
        reason = str(parsed.get("bozo_exception") or "no RSS, Atom or JSON feed found").splitlines()[0]
        raise FeedError(f"malformed feed: {reason}")
    entries = []
    for e in parsed.entries:
        link = e.get("link")
        summary = e.get("summary") or ""
        if not summary and e.get("content"):
            summary = e.content[0].get("value", "")
        entry_id = e.get("id") or link or e.get("title")
        if not entry_id:
            continue
        extra = {
            k: e.get(k)
            for k in ("edgar_formtype", "edgar_ciknumber", "edgar_accessionnumber", "edgar_companyname", "edgar_filingdate", "edgar_period")
            if e.get(k)
        }
        entries.append(
            FeedEntry(
                id=str(entry_id),
                title=html_to_text(e.get("title", "")) or None,
                link=link,
                published=_struct_to_iso(e.get("published_parsed") or e.get("updated_parsed"))
                or parse_date(e.get("published") or e.get("updated")),
                summary=html_to_text(summary),
                author=e.get("author"),
                tags=[t.get("term") for t in e.get("tags", []) if t.get("term")],
                extra=extra,
            )
        )
    return entries


def _parse_json_feed(content: bytes) -> list[FeedEntry]:
    try:
        data = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"malformed JSON: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        items = data["items"]  # JSON Feed 1.x
    elif isinstance(data, list):
        items = data  # a list of RSS items as JSON objects
    else:
        raise FeedError("JSON that is neither a JSON Feed nor a list of items")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("link") or item.get("external_url")
        entry_id = item.get("id") or item.get("guid") or link
        if not entry_id:
            continue
        summary = (
            item.get("content_text")
            or html_to_text(item.get("content_html") or "")
            or html_to_text(item.get("summary") or item.get("description") or "")
        )
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        author = authors[0].get("name") if authors and isinstance(authors[0], dict) else None
        tickers = item.get("tickers")
        entries.append(
            FeedEntry(
                id=str(entry_id),
                title=html_to_text(str(item.get("title") or "")) or None,
                link=link,
                published=parse_date(
                    item.get("date_published") or item.get("pubDate") or item.get("published")
                ),
                summary=summary,
                author=author,
                tags=[str(t) for t in item.get("tags", []) if t] if isinstance(item.get("tags"), list) else [],
                extra={"tickers": tickers} if tickers else {},
            )
        )
    return entries
