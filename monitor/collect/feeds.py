"""Feed bytes to entries: RSS 0.9x/1.0/2.0 and Atom via feedparser, JSON Feed and JSON item
lists by hand (feedparser does not read JSON)."""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from monitor.collect.dates import parse_date
from monitor.collect.http import binary_kind, to_utf8, utf8_with_errors


class FeedError(Exception):
    """Bytes that are not a usable feed; the message says why in one line."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


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
        dt = datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None
    if not 1900 <= dt.year <= 2100:  # the same sanity bounds as parse_date
        return None
    return dt.isoformat()


_FEED_LINK = re.compile(
    rb"<link\b(?=[^>]*\btype=[\"']?application/(?:rss|atom)\+xml)[^>]*\bhref=[\"']?([^\"'\s>]+)", re.I
)


def _html_reason(content: bytes, url: str) -> str:
    m = _FEED_LINK.search(content[:65536])
    if m:
        href = m.group(1).decode("ascii", "replace").replace("&amp;", "&")
        return f"not a feed: the body is an HTML page (it links to a feed: {urljoin(url, href) if url else href})"
    return "not a feed: the body is an HTML page"


def _looks_like_html(head: bytes) -> bool:
    lowered = head.lower()
    return lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered or b"<body" in lowered


def _xml_error(exc: object) -> str:
    """'not well-formed (invalid token) at line 3, column 12' from a SAX exception."""
    message = getattr(exc, "getMessage", lambda: str(exc))()
    line = getattr(exc, "getLineNumber", lambda: None)()
    col = getattr(exc, "getColumnNumber", lambda: None)()
    where = f" at line {line}, column {col}" if line is not None else ""
    return f"{str(message).strip() or type(exc).__name__}{where}"


def _is_xml_error(exc: object) -> bool:
    import xml.sax

    return isinstance(exc, xml.sax.SAXException)


def _http_url(value: object) -> bool:
    return isinstance(value, str) and urlsplit(value).scheme in ("http", "https") and bool(urlsplit(value).netloc)


def parse_feed(content: bytes, url: str = "") -> list[FeedEntry]:
    """Parse a feed document; raises FeedError when it is not one.

    Entries that cannot be used (nothing to identify them, or nothing to say) are skipped; a bad
    date is dropped, not the entry. A feed with small XML errors keeps the entries the lenient
    parser recovers; it fails only when nothing usable is left.
    """
    content = to_utf8(content)  # UTF-16/32 with a byte-order mark
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    head = content[:512].lstrip()
    if not head:
        raise FeedError("not a feed: empty body")
    if head[:1] in (b"{", b"["):
        return _parse_json_feed(content)
    if not content.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 has NULs but is text
        kind = binary_kind(content)
        if kind:
            raise FeedError(f"not a feed: binary body ({kind})")
        if not head.startswith(b"<"):
            preview = head[:40].decode("utf-8", "replace")
            raise FeedError(f"not a feed: plain text, not XML or JSON (starts {preview!r})")
    import feedparser  # ~0.1 s; only commands that read feeds pay for it

    content = content.replace(b"\x00", b"")  # a stray NUL (a binary body was refused above)
    if not content.startswith((b"\xff\xfe", b"\xfe\xff")) and not content.isascii():
        text = utf8_with_errors(content)
        if text is not None and "\ufffd" in text:  # else feedparser would read it all as cp1252
            content = text.encode("utf-8")

    # No base URL for feedparser: it would turn a non-URL <guid> into a made-up link on the feed's
    # host. Relative <link>s are resolved below instead.
    if content[:1].isspace() and content.lstrip().startswith(b"<?xml"):
        content = content.lstrip()  # else the strict parser rejects the XML declaration
    try:
        parsed = feedparser.parse(content)
    except Exception as exc:  # noqa: BLE001 - whatever the parser trips on fails this feed alone
        raise FeedError(f"unreadable feed: {type(exc).__name__}: {exc}") from None
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    xml_error = bozo if bozo is not None and _is_xml_error(bozo) else None
    if not parsed.entries:
        if _looks_like_html(head):
            raise FeedError(_html_reason(content, url))
        if xml_error is not None:
            raise FeedError(f"malformed XML: {_xml_error(xml_error)}")
        if parsed.get("version"):
            return []  # a valid feed with nothing in it
        root = re.search(rb"<([A-Za-z_][\w:.-]*)", re.sub(rb"<[?!][^>]*>", b"", head))
        what = f"XML with a <{root.group(1).decode('ascii', 'replace')}> root" if root else "XML"
        raise FeedError(f"not a feed: {what}, not RSS, Atom or JSON Feed")
    entries = []
    for e in parsed.entries:
        link = e.get("link") or None
        if link and e.get("guidislink") and not _http_url(link):
            link = None  # a <guid> that is not a URL is an id, not a link
        if link and url and not _http_url(link):
            link = urljoin(url, link)
        summary = e.get("summary") or ""
        if not summary and e.get("content"):
            summary = e.content[0].get("value", "")
        title = html_to_text(e.get("title") or "") or None
        text = html_to_text(summary)
        entry_id = e.get("id") or link or title
        if not entry_id and text:
            # RSS allows an item with only a description: its text is its identity.
            entry_id = "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]
        if not entry_id or not (title or text or link):
            continue
        extra = {
            k: e.get(k)
            for k in ("edgar_formtype", "edgar_ciknumber", "edgar_accessionnumber", "edgar_companyname", "edgar_filingdate", "edgar_period")
            if e.get(k)
        }
        entries.append(
            FeedEntry(
                id=str(entry_id),
                title=title,
                link=link,
                published=_published(e),
                summary=text,
                author=e.get("author"),
                tags=[t.get("term") for t in e.get("tags", []) if t.get("term")],
                extra=extra,
            )
        )
    if not entries and xml_error is not None:
        raise FeedError(f"malformed XML: {_xml_error(xml_error)}")
    return entries


def _published(e: Any) -> str | None:
    """The entry's date, or None when it has none or it is not a plausible date."""
    for key in ("published", "updated"):
        # `in` first: feedparser maps a missing `updated` to `published` with a warning.
        struct = e[f"{key}_parsed"] if f"{key}_parsed" in e else None
        if struct:
            return _struct_to_iso(struct)  # None when out of bounds: not re-read leniently
        raw = e[key] if key in e else None
        parsed = parse_date(raw)
        if parsed:
            return parsed
    return None


def _text(item: dict, *keys: str) -> str:
    """The first of these fields that is a non-empty string: a JSON feed's fields can be any type."""
    return next((v for k in keys if isinstance(v := item.get(k), str) and v), "")


class JsonTooDeep(json.JSONDecodeError):
    """JSON nested deeper than the parser's recursion allows: a RecursionError would end the
    whole batch with a traceback, while this is one bad input among others."""

    def __init__(self) -> None:
        super().__init__("nested too deeply", "", 0)

    def __str__(self) -> str:
        return "nested too deeply"


def load_json(content: bytes | str) -> Any:
    """json.loads for untrusted bytes: any failure is a JSONDecodeError (or UnicodeDecodeError)."""
    try:
        return json.loads(content)
    except RecursionError:
        raise JsonTooDeep() from None


def _parse_json_feed(content: bytes) -> list[FeedEntry]:
    try:
        data = load_json(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"malformed JSON: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        items = data["items"]  # JSON Feed 1.x
    elif isinstance(data, list):
        items = data  # a list of RSS items as JSON objects
    else:
        raise FeedError("not a feed: JSON that is neither a JSON Feed nor a list of items")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = _text(item, "url", "link", "external_url") or None
        entry_id = item.get("id") or item.get("guid") or link
        if not entry_id or isinstance(entry_id, dict | list | bool):
            continue
        summary = (_text(item, "content_text") or html_to_text(_text(item, "content_html"))
                   or html_to_text(_text(item, "summary", "description")))
        authors = item.get("authors") if isinstance(item.get("authors"), list) else []
        authors = authors or ([item["author"]] if item.get("author") else [])
        author = authors[0].get("name") if authors and isinstance(authors[0], dict) else None
        author = author if isinstance(author, str) else None
        tickers = item.get("tickers")
        entries.append(
            FeedEntry(
                id=str(entry_id),
                title=html_to_text(_text(item, "title")) or None,
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
