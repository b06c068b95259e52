"""Fetching filings from EDGAR: listing → filing index → primary document and exhibits.

Parsing lives in `edgar.py`; this module does the requests, in the order the SEC's archive is
laid out, through the one rate-limited HTTP client.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from monitor.collect.edgar import (
    EdgarError,
    Filing,
    IndexRow,
    choose_documents,
    expected_exhibits,
    filing_document,
    filing_ref,
    filings_from_submissions,
    parse_index,
    stub_document,
)
from monitor.collect.feeds import FeedError, parse_feed
from monitor.collect.http import FetchError, HttpClient
from monitor.config import EdgarSettings
from monitor.models import Document


def is_submissions(content: bytes, content_type: str = "") -> bool:
    return "json" in content_type or content.lstrip()[:1] == b"{"


def filings_from_listing(content: bytes, url: str, content_type: str = "") -> tuple[list[Filing], list[dict]]:
    """Filings named by an EDGAR listing: a submissions JSON or an Atom feed (newest first)."""
    if is_submissions(content, content_type):
        return filings_from_submissions(content)
    try:
        entries = parse_feed(content, url)
    except FeedError as exc:
        raise EdgarError(str(exc)) from None
    filings = [f for f in (filing_ref(e) for e in entries) if f is not None]
    if entries and not filings:
        raise EdgarError("no EDGAR filings in the feed (entries name no accession number)")
    return filings, []


def history(
    client: HttpClient,
    settings: EdgarSettings,
    older: list[dict],
    since: str,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[Filing]:
    """Walk a filer's older submission pages (each covers filingFrom..filingTo) back to `since`."""
    for page in older:
        if should_stop():
            return
        if (page.get("filingTo") or "9999") < since:
            continue
        url = f"{settings.data_url}/submissions/{page['name']}"
        result = client.get(url, accept="application/json")
        filings, _ = filings_from_submissions(result.content)
        yield from filings


@dataclass
class FilingFetch:
    """What fetching one filing gave: the document, and why it is incomplete if it is."""

    document: Document
    pending: str | None = None
    warnings: list[str] = field(default_factory=list)


def fetch_filing(
    client: HttpClient,
    filing: Filing,
    settings: EdgarSettings,
    source: str,
    *,
    company: str | None = None,
) -> FilingFetch:
    """The filing's primary document and its EX-99 exhibits as one Document.

    When the index or the primary document cannot be fetched, the listing's description is
    returned as a stand-in marked pending, so the filing is kept and completed on a later run.
    """
    stub = stub_document(filing, source, company=company)
    if filing.cik is None:
        return FilingFetch(stub, None, [f"filing {filing.accession}: no CIK, cannot locate its documents"])
    index_url = filing.index_url(settings.archive_url)
    stub.url = stub.url or index_url
    try:
        index = client.get(index_url, accept="text/html")
        rows = parse_index(index.content, index.url)
    except FetchError as exc:
        return FilingFetch(stub, f"filing index: {exc.reason}")
    except EdgarError as exc:
        return FilingFetch(stub, f"filing index: {exc}")
    primary, exhibits = choose_documents(filing, rows, settings.exhibits)
    if primary is None:
        return FilingFetch(stub, None, [f"filing {filing.accession}: the index lists no text document"])
    warnings = []
    for prefix in expected_exhibits(filing):
        if not any(r.type.startswith(prefix) for r in exhibits):
            form = filing.form or "filing"
            items = f" (items {', '.join(filing.items)})" if filing.items else ""
            warnings.append(f"filing {filing.accession}: {form}{items} without an {prefix} exhibit in its index")
    parts: list[tuple[IndexRow, bytes]] = []
    pending = None
    for row in [primary, *exhibits]:
        try:
            parts.append((row, client.get(row.url).content))
        except FetchError as exc:
            if row is primary:
                return FilingFetch(stub, f"primary document {row.name}: {exc.reason}", warnings)
            pending = f"exhibit {row.type} {row.name}: {exc.reason}"
    doc = filing_document(filing, parts, source, index_url=index.url, company=company)
    if not doc.text.strip():
        return FilingFetch(stub, None, [*warnings, f"filing {filing.accession}: no text in its documents"])
    return FilingFetch(doc, pending, warnings)

