"""The jobs the CLI runs: ingest, collect, extract, run. They connect collectors, the NLP stage
and the store, and return reports; they never print (the CLI decides how to show them)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.collect.edgar import entry_document
from monitor.collect.feeds import FeedEntry, FeedError, parse_feed
from monitor.collect.files import (
    IngestError,
    documents_from_bytes,
    entry_to_document,
    looks_like_url,
    read_path,
)
from monitor.collect.html import extract_article
from monitor.collect.http import FetchError, FetchResult, HttpClient
from monitor.config import Config, Source
from monitor.models import Document
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store, utcnow

if TYPE_CHECKING:
    from monitor.nlp.pipeline import Extractor

log = logging.getLogger("monitor")

Progress = Callable[[int, int], None]


@dataclass
class SourceReport:
    name: str
    status: str = "ok"  # ok | not modified | failed
    error: str | None = None
    entries: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass
class IngestReport:
    input: str
    status: str = "ok"  # ok | failed
    error: str | None = None
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0


@dataclass
class ExtractReport:
    documents: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class RunReport:
    run_id: int
    sources: list[SourceReport]
    extract: ExtractReport

    @property
    def sources_ok(self) -> int:
        return sum(1 for s in self.sources if s.ok)

    @property
    def sources_failed(self) -> int:
        return sum(1 for s in self.sources if not s.ok)

    @property
    def documents_new(self) -> int:
        return sum(s.new for s in self.sources)

    @property
    def documents_updated(self) -> int:
        return sum(s.updated for s in self.sources)


def enrich(doc: Document, companies: CompanyIndex, company: str | None = None) -> Document:
    """Give a document its company's canonical name, ticker and CIK when we know them."""
    ref = None
    if company:
        ref = companies.resolve(company)
        doc.company = ref.name if ref else company
    elif doc.cik:
        ref = companies.by_cik(doc.cik)
    elif doc.company or doc.ticker:
        ref = companies.resolve(doc.company or doc.ticker)
    if ref is not None:
        doc.company = ref.name
        doc.ticker = doc.ticker or ref.ticker
        doc.cik = doc.cik or ref.cik
    return doc


def _store_documents(store: Store, docs: Iterable[Document], report: SourceReport | IngestReport) -> None:
    for doc in docs:
        outcome = store.upsert_document(doc)
        if outcome == "new":
            report.new += 1
        elif outcome == "updated":
            report.updated += 1
        elif outcome == "duplicate":
            report.duplicates += 1
        elif isinstance(report, IngestReport):
            report.unchanged += 1


# -- ingest --------------------------------------------------------------------------------


def ingest(
    inputs: list[str],
    store: Store,
    companies: CompanyIndex,
    *,
    kind: str | None = None,
    company: str | None = None,
    client: HttpClient | None = None,
) -> list[IngestReport]:
    """Local files or URLs into the store; each input succeeds or fails on its own."""
    reports = []
    for item in inputs:
        report = IngestReport(input=item)
        try:
            if looks_like_url(item):
                if client is None:
                    raise IngestError(f"{item}: no HTTP client")
                result = client.get(item)
                docs = documents_from_bytes(
                    result.content,
                    name=item,
                    url=result.url,
                    source="url",
                    kind=kind,
                    content_type=result.content_type,
                )
            else:
                docs = read_path(item, kind=kind)
            for d in docs:
                enrich(d, companies, company)
                d.fetched = d.fetched or utcnow()
            _store_documents(store, docs, report)
        except (IngestError, FetchError) as exc:
            report.status = "failed"
            report.error = str(exc)
        except OSError as exc:
            report.status = "failed"
            report.error = f"{item}: {exc.strerror or exc}"
        reports.append(report)
    return reports


# -- collect -------------------------------------------------------------------------------


@dataclass
class _FeedFetch:
    source: Source
    result: FetchResult | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    error: str | None = None


def _fetch_feed(client: HttpClient, source: Source, state: dict | None) -> _FeedFetch:
    out = _FeedFetch(source)
    try:
        out.result = client.get(
            source.feed_url,
            etag=(state or {}).get("etag"),
            last_modified=(state or {}).get("last_modified"),
            accept="application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5",
        )
        if not out.result.not_modified:
            out.entries = parse_feed(out.result.content, out.result.url)
    except FetchError as exc:
        out.error = exc.reason
    except FeedError as exc:
        out.error = str(exc)
    return out


def _entry_documents(fetch: _FeedFetch, companies: CompanyIndex) -> list[Document]:
    source = fetch.source
    docs = []
    for entry in fetch.entries:
        if source.type == "edgar":
            ref = companies.resolve(source.company) if source.company else companies.by_cik(source.cik)
            doc = entry_document(
                entry,
                source.name,
                company=ref.name if ref else source.company,
                cik=(ref.cik if ref else None) or source.cik,
            )
            if doc is None:
                continue
            form = (doc.meta.get("form") or "").strip()
            if source.forms and not any(form == f or form.startswith(f + "/") for f in source.forms):
                continue
        else:
            doc = entry_to_document(entry, source.name, source.document_kind)
            if doc is None:
                continue
        doc.fetched = utcnow()
        enrich(doc, companies, source.company if source.type != "edgar" else None)
        docs.append(doc)
    return docs


def _fetch_article(client: HttpClient, doc: Document) -> tuple[Document, str | None]:
    """Replace a feed entry's summary by the full article text; keep the summary on failure."""
    assert doc.url
    try:
        result = client.get(doc.url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        page = extract_article(result.text, result.url)
    except FetchError as exc:
        return doc, f"article {doc.url}: {exc.reason}"
    # The page is the article; a feed's summary or content is a stand-in. Keep the feed text only
    # when the page gave (almost) nothing, e.g. a paywall or a script-only page.
    if len(page.text) >= 300 or len(page.text) > len(doc.text):
        doc.text = page.text
        doc.title = doc.title or page.title
        doc.published = doc.published or page.published
        doc.author = doc.author or page.author
        if page.canonical_url:
            doc.meta["canonical_url"] = page.canonical_url
        doc.rehash()
    return doc, None


def collect(
    config: Config,
    store: Store,
    companies: CompanyIndex,
    *,
    only: str | None = None,
    client: HttpClient | None = None,
    progress: Progress | None = None,
) -> list[SourceReport]:
    """Fetch every enabled source (or one), store what is new; one report per source."""
    sources = [s for s in config.sources if s.enabled and (only is None or s.name == only)]
    if only is not None and not sources:
        raise KeyError(f"no enabled source named {only!r} in the configuration")
    own_client = client is None
    client = client or HttpClient(config.http)
    reports: dict[str, SourceReport] = {s.name: SourceReport(s.name) for s in sources}
    try:
        states = {s.name: store.source_state(s.name) for s in sources}
        with ThreadPoolExecutor(max_workers=config.http.concurrency) as pool:
            fetches = list(pool.map(lambda s: _fetch_feed(client, s, states[s.name]), sources))
            pending: list[tuple[_FeedFetch, list[Document]]] = []
            to_fetch: list[Document] = []
            for f in fetches:
                if f.error:
                    continue
                docs = [d for d in _entry_documents(f, companies) if not store.has_document(d.id)]
                pending.append((f, docs))
                if f.source.fetch_articles and f.source.type == "rss":
                    to_fetch.extend(d for d in docs if d.url and d.url.startswith("http"))
            done = 0
            total = len(to_fetch)
            warnings: dict[str, list[str]] = {}
            for doc, warning in pool.map(lambda d: _fetch_article(client, d), to_fetch):
                done += 1
                if progress:
                    progress(done, total)
                if warning:
                    warnings.setdefault(doc.source, []).append(warning)
        for f in fetches:
            report = reports[f.source.name]
            if f.error:
                report.status = "failed"
                report.error = f.error
                store.record_fetch(f.source.name, ok=False, type=f.source.type, url=f.source.feed_url, kind=f.source.document_kind, error=f.error, status=None)
                log.info("source %s: failed: %s", f.source.name, f.error)
        for f, docs in pending:
            report = reports[f.source.name]
            assert f.result is not None
            report.entries = len(f.entries)
            report.warnings = warnings.get(f.source.name, [])
            if f.result.not_modified:
                report.status = "not modified"
            _store_documents(store, docs, report)
            store.record_fetch(
                f.source.name,
                ok=True,
                type=f.source.type,
                url=f.source.feed_url,
                kind=f.source.document_kind,
                status=f.result.status,
                etag=f.result.etag if not f.result.not_modified else (states[f.source.name] or {}).get("etag"),
                last_modified=f.result.last_modified if not f.result.not_modified else (states[f.source.name] or {}).get("last_modified"),
                items=report.new + report.updated,
            )
            log.info("source %s: %s, %d entries, %d new", f.source.name, report.status, report.entries, report.new)
    finally:
        if own_client:
            client.close()
    return [reports[s.name] for s in sources]


# -- extract -------------------------------------------------------------------------------


def extract(
    store: Store,
    extractor: Extractor,
    *,
    all: bool = False,
    progress: Progress | None = None,
    batch: int = 32,
) -> ExtractReport:
    """Run the NLP stage over unprocessed documents (or all); each document's events are replaced."""
    ids = store.documents_to_extract(all=all)
    report = ExtractReport()
    total = len(ids)
    for i in range(0, total, batch):
        docs = [d for d in (store.get_document(x) for x in ids[i : i + batch]) if d is not None]
        for doc, events in extractor.extract_many(docs):
            report.events += store.replace_events(doc, events, version=extractor.version)
            report.documents += 1
            if progress:
                progress(report.documents, total)
    return report


def run(
    config: Config,
    store: Store,
    companies: CompanyIndex,
    extractor_factory: Callable[[], Extractor],
    *,
    client: HttpClient | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """collect + extract, recorded in `runs`."""
    run_id = store.start_run("run")
    sources: list[SourceReport] = []
    extract_report = ExtractReport()
    errors: list[str] = []
    status = "ok"
    try:
        sources = collect(config, store, companies, client=client, progress=progress)
        errors = [f"{s.name}: {s.error}" for s in sources if not s.ok]
        pending = store.documents_to_extract()
        if pending:
            extract_report = extract(store, extractor_factory(), progress=progress)
    except BaseException as exc:
        status = "failed"
        errors.append(f"run: {type(exc).__name__}: {exc}")
        raise
    finally:
        report = RunReport(run_id, sources, extract_report)
        store.finish_run(
            run_id,
            status=status if status == "failed" or not errors else "partial",
            errors=errors,
            sources_ok=report.sources_ok,
            sources_failed=report.sources_failed,
            documents_new=report.documents_new,
            documents_updated=report.documents_updated,
            events_new=extract_report.events,
        )
    return report


def read_inputs(paths: Iterable[str]) -> list[str]:
    """Expand directories into the supported files they contain (sorted, not recursive)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if not looks_like_url(p) and path.is_dir():
            out.extend(str(c) for c in sorted(path.iterdir()) if c.is_file())
        else:
            out.append(p)
    return out
