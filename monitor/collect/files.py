"""Local files and single URLs to Documents: what `monitor ingest` reads."""

from __future__ import annotations

import re
from pathlib import Path

from monitor.collect.edgar import (
    cover_of,
    entry_document,
    header_of,
    is_full_submission,
    submission_document,
)
from monitor.collect.feeds import FeedEntry, FeedError, parse_feed
from monitor.collect.html import (
    clean_whitespace,
    extract_article,
    extract_filing,
    looks_like_filing,
)
from monitor.collect.http import binary_kind, decode, to_utf8
from monitor.collect.markdown import markdown_text
from monitor.collect.transcripts import (
    TranscriptError,
    looks_like_transcript,
    parse_transcript,
    transcript_document,
)
from monitor.collect.urls import canonical_url
from monitor.models import Document, safe_text, stable_id

SUPPORTED = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xml", ".rss", ".atom", ".json")
MARKDOWN = (".md", ".markdown")


class IngestError(Exception):
    """An input that cannot become a document; one line naming it and the reason."""


def url_id(url: str) -> str:
    return stable_id("url", canonical_url(url))


def entry_to_document(entry: FeedEntry, source: str, kind: str) -> Document | None:
    """A feed entry as a document of its own (title + summary), before any page fetch."""
    if entry.link and "sec.gov" in entry.link:
        doc = entry_document(entry, source)
        if doc is not None:
            return doc
    text = "\n\n".join(p for p in (entry.title, entry.summary) if p)
    if not text.strip():
        if not (entry.link and entry.link.lower().startswith(("http://", "https://"))):
            return None
        # An entry that is only a link (feedparser recovers such items, from ill-formed feeds
        # too) is kept: the link is its text until its page, when articles are fetched.
        text = entry.link
    return Document(
        id=url_id(entry.link) if entry.link else stable_id("entry", source, entry.id),
        source=source,
        kind=kind,  # type: ignore[arg-type]
        text=text,
        title=entry.title,
        url=entry.link,
        published=entry.published,
        author=entry.author,
        meta={"feed_entry_id": safe_text(entry.id), **({"tags": entry.tags} if entry.tags else {}), **entry.extra},
    )


def documents_from_bytes(
    content: bytes,
    *,
    name: str,
    url: str,
    source: str,
    kind: str | None = None,
    content_type: str = "",
) -> list[Document]:
    """Decide what the bytes are (feed, filing, article, transcript, text) and convert them."""
    suffix = Path(name.split("?")[0]).suffix.lower()
    head = content[:2048].lstrip().lower()
    if not content.strip():
        raise IngestError(f"{name}: empty file")
    content = to_utf8(content)  # UTF-16/32 with a byte-order mark, read as `collect` reads it
    if binary_kind(content):
        raise IngestError(f"{name}: binary content, not text")
    content = content.replace(b"\x00", b"")  # stray ones
    if is_full_submission(content):
        try:
            return [submission_document(content, source, url)]
        except ValueError as exc:
            raise IngestError(f"{name}: {exc}") from None
    if kind == "transcript" or (kind is None and looks_like_transcript(content, name, content_type)):
        try:
            transcript = parse_transcript(content, name=name, content_type=content_type, url=url)
        except TranscriptError:
            pass  # told it is a transcript but without speaker turns: kept as plain text below
        else:
            return [transcript_document(transcript, source=source, url=url)]
    is_json = suffix == ".json" or "json" in content_type or head[:1] in (b"{", b"[")
    if is_json:  # parse_feed reads JSON Feeds and item lists, and names malformed JSON
        return _feed_documents(content, name=name, url=url, source=source, kind=kind or "news")
    is_feed = suffix in (".xml", ".rss", ".atom") or any(
        t in content_type for t in ("rss", "atom", "xml")
    ) or head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)
    if is_feed and not head.startswith((b"<!doctype html", b"<html")):
        return _feed_documents(content, name=name, url=url, source=source, kind=kind or "news")
    if suffix in (".html", ".htm") or "html" in content_type or head.startswith((b"<!doctype html", b"<html")) \
            or _WRAPPED_HTML.search(content[:20000]):
        cover = None
        if kind == "filing" or (kind is None and looks_like_filing(content)):
            page = extract_filing(content)
            doc_kind = "filing"
            cover = cover_of(page.text, page.facts)  # its own form, filer and date, not the ingest's
        else:
            page = extract_article(content, url if url.startswith("http") else None)
            doc_kind = kind or "news"
        if not page.text:
            raise IngestError(f"{name}: no text found in the page")
        return [
            Document(
                id=url_id(page.canonical_url) if doc_kind == "news" and page.canonical_url else stable_id("url", url),
                source=source,
                kind=doc_kind,  # type: ignore[arg-type]
                text=page.text,
                title=(cover.title if cover else None) or _page_title(page.title, doc_kind),
                url=page.canonical_url or url,
                published=(cover.date if cover else None) or page.published,
                author=page.author,
                company=cover.filer if cover else None,
                cik=cover.cik if cover else None,
                ticker=cover.ticker if cover else None,
                tables=page.tables,
                meta=cover.meta() if cover else {},
            )
        ]
    text = decode(content)
    if suffix in MARKDOWN or "markdown" in content_type:
        text = markdown_text(text)  # "| Capital expenditures | (585) |" read as a statement row
    text = clean_whitespace(text)
    first = next((line for line in text.split("\n") if line.strip()), "")
    title = first.strip() if 0 < len(first) <= 200 else None
    kind = kind or "news"
    # a filing saved as text: its cover page, and the submission header when it kept one
    cover = cover_of(text, header=header_of(text)) if kind == "filing" else None
    return [
        Document(
            id=stable_id("url", url),
            source=source,
            kind=(kind or "news"),  # type: ignore[arg-type]
            text=text,
            title=(cover.title if cover else None) or title,
            url=url,
            published=cover.date if cover else None,
            company=cover.filer if cover else None,
            cik=cover.cik if cover else None,
            meta=cover.meta() if cover else {},
        )
    ]


# an EDGAR document saved without its submission header, as a .txt: "<DOCUMENT> <TYPE>20-F ...
# <TEXT> <html>" is a page, not prose with tags in it
_WRAPPED_HTML = re.compile(rb"<DOCUMENT>\s*<TYPE>[^<]*(?:<[A-Z-]+>[^<]*){0,8}<TEXT>\s*(?:<XBRL>\s*)?(?:<!doctype html|<html|<\?xml)", re.I)


def _page_title(title: str | None, kind: str) -> str | None:
    """A filing's <title> is often "Document" or its file name ("amzn-20241231"): no title."""
    if kind == "filing" and title and (title.casefold() == "document" or re.fullmatch(r"[\w.-]+", title)):
        return None
    return title


def _feed_documents(content: bytes, *, name: str, url: str, source: str, kind: str) -> list[Document]:
    try:
        entries = parse_feed(content, url)
    except FeedError as exc:
        raise IngestError(f"{name}: {exc}") from None
    docs = [d for e in entries if (d := entry_to_document(e, source, kind)) is not None]
    if not docs:
        raise IngestError(f"{name}: feed without usable entries")
    return docs


def read_path(path: str | Path, *, kind: str | None = None, max_bytes: int = 50_000_000) -> list[Document]:
    """Documents from one local file."""
    p = Path(path)
    if not p.exists():
        raise IngestError(f"{p}: no such file")
    if not p.is_file():
        raise IngestError(f"{p}: not a regular file")
    if p.suffix.lower() not in SUPPORTED:
        raise IngestError(f"{p}: unsupported file type {p.suffix or '(none)'!r} (expected one of {', '.join(SUPPORTED)})")
    size = p.stat().st_size
    if size > max_bytes:
        raise IngestError(f"{p}: file too large ({size} bytes > {max_bytes})")
    resolved = p.resolve()
    return documents_from_bytes(
        p.read_bytes(), name=str(p), url=resolved.as_uri(), source="file", kind=kind
    )


def looks_like_url(value: str) -> bool:
    return bool(re.match(r"^https?://", value, re.I))
