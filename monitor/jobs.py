"""The jobs the CLI runs: ingest, collect, extract, run. They connect collectors, the NLP stage
and the store, and return reports; they never print (the CLI decides how to show them)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from monitor.collect.edgar import EdgarError, Filing, stub_document
from monitor.collect.feeds import FeedError, parse_feed
from monitor.collect.files import (
    SUPPORTED,
    IngestError,
    documents_from_bytes,
    entry_to_document,
    looks_like_url,
    read_path,
)
from monitor.collect.filings import fetch_filing, filings_from_listing, history, is_submissions
from monitor.collect.http import FetchError, FetchResult, HttpClient
from monitor.collect.news import fetch_article, fingerprint
from monitor.collect.robots import Robots
from monitor.collect.xbrl import Fact, FactsError, parse_company_facts
from monitor.config import Config, Source
from monitor.models import Document
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store, utcnow

if TYPE_CHECKING:
    from monitor.alerts import AlertReport
    from monitor.digest import DigestResult
    from monitor.nlp.pipeline import Extractor
    from monitor.nlp.sentiment import SentimentModel

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
    facts: int = 0  # facts sources: new XBRL values stored

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
    sentiment: bool = False  # tone was scored
    errors: list[str] = field(default_factory=list)
    workers: int = 0  # processes that extracted beside this one


@dataclass
class RunReport:
    run_id: int
    sources: list[SourceReport]
    extract: ExtractReport
    alerts: AlertReport | None = None
    digest: DigestResult | None = None

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
        ref = companies.as_given(ref, company) if ref else None  # "Flex Ltd." stays Flex, not the SEC's "FLEX"
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
        _count(report, store.upsert_document(fingerprint(doc)))


# -- ingest --------------------------------------------------------------------------------


def ingest(
    inputs: list[str] | list[tuple[str, str | None]],
    store: Store,
    companies: CompanyIndex,
    *,
    kind: str | None = None,
    company: str | None = None,
    client: HttpClient | None = None,
) -> list[IngestReport]:
    """Local files or URLs into the store; each input succeeds or fails on its own. Inputs are
    names, or (name, error) pairs from `expand_inputs`."""
    reports = []
    for entry in inputs:
        item, refused = entry if isinstance(entry, tuple) else (entry, None)
        report = IngestReport(input=item)
        try:
            if refused:
                raise IngestError(refused)
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
        except (RecursionError, ValueError, LookupError) as exc:
            # A parser tripping on one hostile file costs that file, never the rest of the batch.
            log.debug("ingest %s: unexpected error", item, exc_info=True)
            report.status = "failed"
            report.error = f"{item}: unexpected error: {_one_line(exc)}"
        reports.append(report)
    return reports


# -- collect -------------------------------------------------------------------------------

FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, */*;q=0.5"
MAX_ATTEMPTS = 5  # tries at completing a stand-in (article page, filing documents) before keeping it as is


@dataclass
class _Listing:
    """A source's listing (feed, submissions JSON, transcript page or files) as fetched."""

    source: Source
    result: FetchResult | None = None
    documents: list[Document] = field(default_factory=list)  # rss, transcript
    filings: list[Filing] = field(default_factory=list)  # edgar
    facts: list[Fact] = field(default_factory=list)  # facts (XBRL company facts)
    history: bool = False  # a filer's whole submissions history: read back to a cut-off date
    error: str | None = None
    status: int | None = None  # the HTTP status of a failed fetch
    warnings: list[str] = field(default_factory=list)
    complete: bool = True  # False: items were left for a later run; keep the old ETag


@dataclass
class _Work:
    """One item to complete in the second phase (an article page, a filing's documents)."""

    source: Source
    document: Document | None = None
    filing: Filing | None = None


def _list_source(
    client: HttpClient,
    config: Config,
    source: Source,
    state: dict | None,
    since: str | None,
    should_stop: Callable[[], bool],
) -> _Listing:
    out = _Listing(source)
    url = source.listing_url(config.edgar)
    try:
        if source.type == "transcript" and source.path:
            out.documents, out.warnings = _transcript_files(source)
            return out
        conditional = since is None  # a backfill reads the listing whatever its validators say
        out.result = client.get(
            url,
            etag=(state or {}).get("etag") if conditional else None,
            last_modified=(state or {}).get("last_modified") if conditional else None,
            accept=FEED_ACCEPT,
        )
        if out.result.not_modified:
            return out
        if source.type == "facts":
            out.facts = parse_company_facts(out.result.content, config.ledger.all_concepts(), cik=source.cik)
        elif source.type == "edgar":
            filings, older = filings_from_listing(out.result.content, out.result.url, out.result.content_type)
            out.history = is_submissions(out.result.content, out.result.content_type)
            if since is not None and older:
                filings = filings + list(history(client, config.edgar, older, since, should_stop))
            out.filings = filings
        elif source.type == "transcript":
            out.documents = [_transcript_document(out.result.content, source, out.result.url, out.result.content_type)]
        else:
            out.documents = [
                d for d in (entry_to_document(e, source.name, source.document_kind) for e in parse_feed(out.result.content, out.result.url))
                if d is not None
            ]
    except FetchError as exc:
        out.error = exc.reason
        out.status = exc.status
    except (FeedError, EdgarError, IngestError, FactsError) as exc:
        out.error = str(exc)
    except Exception as exc:  # a bug in a parser must cost one source, not the run
        log.debug("source %s: unexpected error", source.name, exc_info=True)
        out.error = f"unexpected error: {_one_line(exc)}"
    return out


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


def _transcript_document(content: bytes, source: Source, url: str, content_type: str = "") -> Document:
    from monitor.collect.transcripts import TranscriptError, parse_transcript, transcript_document

    try:
        transcript = parse_transcript(content, name=url, content_type=content_type, url=url)
    except TranscriptError as exc:
        raise IngestError(str(exc)) from None
    return transcript_document(transcript, source=source.name, url=url)


def _transcript_files(source: Source) -> tuple[list[Document], list[str]]:
    """Every transcript file under a source's `path` (a file, a directory or a glob); a file
    that is not a transcript is skipped with a warning naming it."""
    assert source.path
    base = Path(source.path).expanduser()
    if any(ch in source.path for ch in "*?["):
        pattern = str(base.relative_to(base.anchor)) if base.anchor else str(base)
        paths = sorted(p for p in Path(base.anchor or ".").glob(pattern) if p.is_file())
    elif base.is_dir():
        paths = sorted(p for p in base.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED)
    elif base.is_file():
        paths = [base]
    else:
        raise IngestError(f"{source.path}: no such file or directory")
    docs, warnings = [], []
    for path in paths:
        try:
            docs.append(_transcript_document(path.read_bytes(), source, path.resolve().as_uri()))
        except IngestError as exc:
            warnings.append(str(exc))
        except OSError as exc:
            warnings.append(f"{path}: {exc.strerror or exc}")
    return docs, warnings


def _since_cutoff(config: Config, since: str | None) -> str:
    if since:
        return since
    return (datetime.now(UTC) - timedelta(days=config.edgar.lookback_days)).date().isoformat()


def _plan(
    listing: _Listing,
    config: Config,
    store: Store,
    companies: CompanyIndex,
    since: str | None,
) -> list[_Work]:
    """What of a listing is new (the store decides), and what stand-ins are due for a retry."""
    source = listing.source
    work: list[_Work] = []
    if source.type == "edgar":
        ref = companies.resolve(source.company) if source.company else (companies.by_cik(source.cik) if source.cik else None)
        # A submissions JSON holds up to 1,000 filings: on a first poll only the recent ones are
        # read (edgar.lookback_days); a backfill (`since`) reads back to its date.
        cutoff = _since_cutoff(config, since) if (since or listing.history) else ""
        fresh = [
            f for f in listing.filings
            if f.matches(source.forms) and (f.filed or "9999")[:10] >= cutoff and not store.has_document(f.accession)
        ]
        limit = config.edgar.max_filings_per_run if since is None and source.fetch_articles else len(fresh)
        if len(fresh) > limit:
            listing.complete = False
            listing.warnings.append(f"{len(fresh)} new filings, {limit} fetched now, the rest on the next run")
        for f in fresh[:limit]:
            f.company = f.company or (ref.name if ref else source.company)
            f.cik = f.cik or (ref.cik if ref else source.cik)
            work.append(_Work(source, filing=f))
    else:
        for doc in listing.documents:
            if since and doc.published and doc.published[:10] < since:
                continue
            if source.type == "rss" and store.has_document(doc.id):
                continue
            doc.fetched = utcnow()
            enrich(doc, companies, source.company)
            work.append(_Work(source, document=doc))
    for doc in store.pending_documents(source.name, max_attempts=MAX_ATTEMPTS):
        if not any((w.document and w.document.id == doc.id) or (w.filing and w.filing.accession == doc.id) for w in work):
            work.append(_Work(source, document=doc))
    return work


@dataclass
class _Done:
    work: _Work
    document: Document
    pending: str | None = None
    warnings: list[str] = field(default_factory=list)
    aliases: tuple[str, ...] = ()


def _complete(client: HttpClient, config: Config, robots: Robots | None, work: _Work) -> _Done:
    try:
        return _complete_one(client, config, robots, work)
    except Exception as exc:  # a bug on one page must cost that page's full text, not the run
        log.debug("unexpected error completing an item of %s", work.source.name, exc_info=True)
        if work.filing is not None:
            stub = stub_document(work.filing, work.source.name, company=work.filing.company)
            return _Done(work, stub, pending=f"filing {work.filing.accession}: unexpected error: {_one_line(exc)}")
        assert work.document is not None
        what = f"article {work.document.url}" if work.document.url else f"document {work.document.id}"
        return _Done(work, fingerprint(work.document), warnings=[f"{what}: unexpected error: {_one_line(exc)}"])


def _complete_one(client: HttpClient, config: Config, robots: Robots | None, work: _Work) -> _Done:
    source = work.source
    if work.filing is not None:
        if not source.fetch_articles:
            return _Done(work, stub_document(work.filing, source.name, company=work.filing.company))
        got = fetch_filing(client, work.filing, config.edgar, source.name, company=work.filing.company)
        return _Done(work, got.document, got.pending, got.warnings)
    doc = work.document
    assert doc is not None
    if source.type == "edgar" and doc.meta.get("accession"):  # a stand-in filing, retried
        filing = Filing(
            accession=doc.id, form=doc.meta.get("form"), company=doc.company, cik=doc.cik,
            items=doc.meta.get("items") or [], filed=doc.published, title=doc.title, link=doc.url,
        )
        got = fetch_filing(client, filing, config.edgar, source.name, company=doc.company)
        return _Done(work, got.document, got.pending, got.warnings)
    if source.type == "rss" and source.fetch_articles and doc.url and doc.url.startswith("http"):
        got = fetch_article(client, doc, robots, referrer=source.listing_url(config.edgar))
        return _Done(work, got.document, got.pending, [got.warning] if got.warning else [], got.aliases)
    return _Done(work, fingerprint(doc))


def collect(
    config: Config,
    store: Store,
    companies: CompanyIndex,
    *,
    only: str | None = None,
    sources: list[Source] | None = None,
    since: str | None = None,
    client: HttpClient | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[SourceReport]:
    """Fetch every enabled source (or `only` one, or the `sources` given) and store what is new.

    Two phases, both parallel across hosts within the HTTP client's limits: the listings, then
    the items they name (article pages, filing documents). Everything is stored from this
    thread as it arrives, one transaction per document; a source's ETag is saved only once all
    of its items are stored, so an interrupted run never makes the next one skip anything.
    `since` (YYYY-MM-DD) backfills: EDGAR filers' history is walked back to that date.
    """
    if sources is None:
        sources = [s for s in config.sources if s.enabled and (only is None or s.name == only)]
        if only is not None and not sources:
            raise KeyError(f"no enabled source named {only!r} in the configuration")
    own_client = client is None
    client = client or HttpClient(config.http)
    robots = Robots(client) if config.http.respect_robots else None
    reports: dict[str, SourceReport] = {s.name: SourceReport(s.name) for s in sources}
    try:
        states = {s.name: store.source_state(s.name) for s in sources}
        with ThreadPoolExecutor(max_workers=config.http.concurrency) as pool:
            listings = list(pool.map(
                lambda s: _list_source(client, config, s, states[s.name], since, should_stop), sources
            ))
            work: list[_Work] = []
            for listing in listings:
                report = reports[listing.source.name]
                if listing.error:
                    report.status = "failed"
                    report.error = listing.error
                    store.record_fetch(
                        listing.source.name, ok=False, type=listing.source.type,
                        url=listing.source.listing_url(config.edgar), kind=listing.source.document_kind,
                        error=listing.error, status=listing.status,
                    )
                    log.warning("source %s: failed: %s", listing.source.name, listing.error,
                                extra={"source": listing.source.name, "status": "failed", "error": listing.error})
                    continue
                report.entries = len(listing.documents) + len(listing.filings) + len(listing.facts)
                if listing.result is not None and listing.result.not_modified:
                    report.status = "not modified"
                if listing.source.type == "facts":
                    ref = companies.resolve(listing.source.company)
                    report.facts = store.upsert_facts(listing.facts, source=listing.source.name,
                                                      company=ref.name if ref else listing.source.company)
                    continue
                work.extend(_plan(listing, config, store, companies, since))
            remaining = {s.name: 0 for s in sources}
            for w in work:
                remaining[w.source.name] += 1
            futures = {pool.submit(_complete, client, config, robots, w): w for w in work}
            done = 0
            try:
                for future in as_completed(futures):
                    result = future.result()
                    source = result.work.source
                    report = reports[source.name]
                    remaining[source.name] -= 1
                    report.warnings.extend(result.warnings)
                    if result.pending:
                        report.warnings.append(result.pending)
                    _store_completed(store, result, report, companies)
                    done += 1
                    if progress:
                        progress(done, len(futures))
                    if should_stop():
                        break  # the items not started are cancelled below
            finally:
                for f in futures:
                    f.cancel()
        for listing in listings:
            if listing.error:
                continue
            _record_listing(store, config, listing, reports[listing.source.name], states, remaining)
    finally:
        if own_client:
            client.close()
    return [reports[s.name] for s in sources]


def _store_completed(store: Store, result: _Done, report: SourceReport, companies: CompanyIndex) -> None:
    doc = result.document
    doc.fetched = doc.fetched or utcnow()
    source = result.work.source
    enrich(doc, companies, source.company if source.type != "edgar" else None)
    stored = result.work.document  # a stand-in from an earlier run, being completed
    retry = stored is not None and stored.id == doc.id and result.pending is not None and store.has_document(stored.id)
    if retry:
        store.mark_attempt(doc.id, result.pending or "", max_attempts=MAX_ATTEMPTS)
        return
    outcome = store.upsert_document(doc, pending=result.pending)
    if outcome in ("new", "updated", "unchanged"):
        for alias in result.aliases:
            if stored is not None and alias == stored.id and store.has_document(alias):
                store.merge_into(alias, doc.id)  # the stand-in's page has its own canonical URL
                outcome = "updated"
            else:
                store.add_link(alias, doc.id, "alias")
    _count(report, outcome)


def _count(report: SourceReport | IngestReport, outcome: str) -> None:
    if outcome == "new":
        report.new += 1
    elif outcome == "updated":
        report.updated += 1
    elif outcome == "duplicate":
        report.duplicates += 1
    elif isinstance(report, IngestReport):
        report.unchanged += 1


def _record_listing(
    store: Store,
    config: Config,
    listing: _Listing,
    report: SourceReport,
    states: dict[str, dict | None],
    remaining: dict[str, int],
) -> None:
    source = listing.source
    report.warnings = listing.warnings + report.warnings
    old = states[source.name] or {}
    result = listing.result
    complete = listing.complete and remaining[source.name] == 0
    fresh = result is not None and not result.not_modified and complete
    store.record_fetch(
        source.name,
        ok=True,
        type=source.type,
        url=source.listing_url(config.edgar),
        kind=source.document_kind,
        status=result.status if result else None,
        etag=result.etag if fresh and result else old.get("etag"),
        last_modified=result.last_modified if fresh and result else old.get("last_modified"),
        items=report.new + report.updated + report.facts,
        warning="; ".join(report.warnings[:3]) if report.warnings else None,
    )
    log.info("source %s: %s, %d entries, %d new, %d updated%s", source.name, report.status, report.entries,
             report.new, report.updated, f", {len(report.warnings)} warnings" if report.warnings else "",
             extra={"source": source.name, "status": report.status, "entries": report.entries, "new": report.new,
                    "updated": report.updated, "warnings": report.warnings[:3]})


# -- extract -------------------------------------------------------------------------------


def extract(
    store: Store,
    extractor: Extractor,
    *,
    all: bool = False,
    progress: Progress | None = None,
    batch: int = 32,
    should_stop: Callable[[], bool] = lambda: False,
    sentiment_factory: Callable[[], SentimentModel | None] = lambda: None,
    workers: int | None = None,
) -> ExtractReport:
    """Run the NLP stage over unprocessed documents (or all); each document's events are replaced.

    Large runs without tone scoring extract in worker processes (`monitor.workers`; `workers`:
    how many, default both cores; 0: in-process), with the same results as in-process.
    With a sentiment model (built only when there is something to score), each event's
    sentence and each document get their tone, the sentences of a whole batch scored together
    (see monitor/nlp/tone.py for the rule)."""
    from monitor.workers import pool_for

    ids = store.documents_to_extract(all=all)
    report = ExtractReport()
    total = len(ids)
    sentiment = sentiment_factory() if ids else None  # our tone model imports torch only when it scores
    report.sentiment = sentiment is not None
    tone = sentiment is not None
    # Forked before anything imports torch; each batch is extracted while this process writes
    # (and scores) the one before. By default only without tone: the tone model's two threads
    # already fill both cores, and a worker beside them gained nothing (docs/benchmarks.md).
    pool = pool_for(extractor, total, workers=workers if workers is not None else (0 if tone else None))
    report.workers = pool.workers if pool is not None else 0

    def finish(results: list) -> None:
        tones: list[tuple[str, float] | None] = [None] * len(results)
        if sentiment is not None:
            tones = _score_tone(sentiment, results)
        for (doc, events, _), doc_tone in zip(results, tones, strict=True):
            report.events += store.replace_events(doc, events, version=extractor.version, tone=doc_tone)
            report.documents += 1
            if progress:
                progress(report.documents, total)

    try:
        in_flight = None
        for i in range(0, total, batch):
            if should_stop():
                break
            docs = [d for d in (store.get_document(x) for x in ids[i : i + batch]) if d is not None]
            if pool is None:
                finish(list(extractor.analyse_many(docs, tone=tone)))
                continue
            submitted = pool.submit(docs, tone)
            if in_flight is not None:
                finish(in_flight.results())  # while the workers extract the next batch
            in_flight = submitted
        if in_flight is not None:
            finish(in_flight.results())  # extracted already: stored even when asked to stop
    finally:
        if pool is not None:
            pool.close()
    return report


def _score_tone(model: SentimentModel, results: list) -> list[tuple[str, float] | None]:
    """Score every chosen sentence of a batch in one call; give events and documents theirs."""
    from monitor.nlp.tone import combine

    texts = sorted({text for _, _, chosen in results for text, _ in chosen})
    probs = dict(zip(texts, model.probabilities(texts), strict=True)) if texts else {}
    labels = model.labels
    neg, pos = labels.index("negative"), labels.index("positive")
    tones = []
    for _, events, chosen in results:
        for ev in events:
            p = probs.get(ev.sentence)
            if p is not None:
                ev.sentiment = labels[max(range(len(p)), key=p.__getitem__)]
                ev.sentiment_score = round(p[pos] - p[neg], 4)
        tones.append(combine([(w, probs[t]) for t, w in chosen if t in probs], labels))
    return tones


def run(
    config: Config,
    store: Store,
    companies: CompanyIndex,
    extractor_factory: Callable[[], Extractor],
    *,
    client: HttpClient | None = None,
    progress: Progress | None = None,
    sources: list[Source] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    sentiment_factory: Callable[[], SentimentModel | None] = lambda: None,
    alert_output: TextIO | None = None,
    base: Path | None = None,
    digest: bool = True,
) -> RunReport:
    """collect (every enabled source, or the `sources` given) + extract + alert rules, recorded
    in `runs`; then the daily digest when it is due (`digest`). A failing alert channel or
    digest is an error line of the run, never the end of it."""
    from monitor import alerts as alerting
    from monitor import digest as digesting

    started = utcnow()
    run_id = store.start_run("run")
    reports: list[SourceReport] = []
    extract_report = ExtractReport()
    alert_report: alerting.AlertReport | None = None
    digest_result: digesting.DigestResult | None = None
    errors: list[str] = []
    status = "ok"
    try:
        if config.alerts:
            store.start_alert_rules([r.name for r in config.alerts], started)
        chosen = sources if sources is not None else [s for s in config.sources if s.enabled]
        log.info("run %d: collecting %d sources", run_id, len(chosen), extra={"run": run_id, "phase": "collect"})
        reports = collect(config, store, companies, sources=sources, client=client, progress=progress, should_stop=should_stop)
        errors = [f"{s.name}: {s.error}" for s in reports if not s.ok]
        pending = store.documents_to_extract()
        if pending and not should_stop():
            log.info("run %d: extracting %d documents", run_id, len(pending), extra={"run": run_id, "phase": "extract"})
            extract_report = extract(store, extractor_factory(), progress=progress, should_stop=should_stop,
                                     sentiment_factory=sentiment_factory)
        if (any(r.facts for r in reports) or extract_report.documents) and not should_stop():
            from monitor import ledger

            try:  # the stored ledger (Datasette, SQL) follows new facts and events
                ledger.refresh(config, store, companies)
            except Exception as exc:  # a bug in the ledger must cost the ledger, not the run
                log.debug("run %d: ledger refresh failed", run_id, exc_info=True)
                errors.append(f"ledger: {_one_line(exc)}")
        if config.alerts and not should_stop():
            log.info("run %d: checking %d alert rules", run_id, len(config.alerts), extra={"run": run_id, "phase": "alerts"})
            alert_report = alerting.check(config, store, alerting.compile_rules(config, companies),
                                          first_since=started, stdout=alert_output, base=base)
            errors.extend(alert_report.errors)
        if digest and not should_stop():
            digest_result = digesting.send_if_due(config, store)
            if digest_result is not None and digest_result.status == "failed":
                errors.append(digest_result.message)
    except BaseException as exc:
        status = "failed"
        errors.append(f"run: {type(exc).__name__}: {exc}")
        raise
    finally:
        report = RunReport(run_id, reports, extract_report, alert_report, digest_result)
        final = status if status == "failed" or not errors else "partial"
        log.info("run %d: %s; %d sources ok, %d failed; %d new documents; %d events", run_id, final,
                 report.sources_ok, report.sources_failed, report.documents_new, extract_report.events,
                 extra={"run": run_id, "errors": errors[:10]})
        store.finish_run(
            run_id,
            status=final,
            errors=errors,
            sources_ok=report.sources_ok,
            sources_failed=report.sources_failed,
            documents_new=report.documents_new,
            documents_updated=report.documents_updated,
            events_new=extract_report.events,
        )
    return report


def expand_inputs(paths: Iterable[str]) -> list[tuple[str, str | None]]:
    """Directories expanded into the files they hold (sorted, not recursive), each as (input,
    error). A link inside a directory that points out of it is refused: ingesting a folder
    never reads what lies outside it. Paths given by name are read wherever they are."""
    out: list[tuple[str, str | None]] = []
    for p in paths:
        path = Path(p)
        if looks_like_url(p) or not path.is_dir():
            out.append((p, None))
            continue
        root = path.resolve()
        for child in sorted(path.iterdir()):
            target = child.resolve()
            if child.is_symlink() and not target.is_relative_to(root):
                out.append((str(child), f"{child}: link to {target}, outside {path}; not read"))
            elif target.is_file():
                out.append((str(child), None))
    return out
