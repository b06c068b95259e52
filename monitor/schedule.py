"""When each source is due, and the `monitor run --every` loop.

Each source is polled at its own interval (`every` in feeds.yaml, else the loop's); a source that
keeps failing is polled less often (the interval doubles per consecutive failure, up to 16x), so
a dead feed does not cost a request every cycle.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from monitor.config import Config, Source
from monitor.jobs import RunReport, run
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store

if TYPE_CHECKING:
    from monitor.collect.http import HttpClient
    from monitor.digest import DigestResult
    from monitor.nlp.pipeline import Extractor
    from monitor.nlp.sentiment import SentimentModel

MAX_BACKOFF = 16


def interval_of(source: Source, default: float) -> float:
    return source.interval or default


def next_due(source: Source, state: dict | None, default: float) -> datetime:
    """When the source should next be fetched (now or earlier if it never was)."""
    if not state or not state.get("last_fetched"):
        return datetime.min.replace(tzinfo=UTC)
    last = datetime.fromisoformat(state["last_fetched"])
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    failures = int(state.get("consecutive_failures") or 0)
    factor = min(2**failures, MAX_BACKOFF)
    return last + timedelta(seconds=interval_of(source, default) * factor)


def due_sources(config: Config, store: Store, default: float, now: datetime | None = None) -> list[Source]:
    now = now or datetime.now(UTC)
    states = {s["name"]: s for s in store.sources()}
    return [s for s in config.sources if s.enabled and next_due(s, states.get(s.name), default) <= now]


def seconds_until_next(config: Config, store: Store, default: float, now: datetime | None = None) -> float:
    now = now or datetime.now(UTC)
    states = {s["name"]: s for s in store.sources()}
    times = [next_due(s, states.get(s.name), default) for s in config.sources if s.enabled]
    if not times:
        return default
    return max(0.0, (min(times) - now).total_seconds())


def watch(
    config: Config,
    store: Store,
    companies: CompanyIndex,
    extractor_factory: Callable[[], Extractor],
    *,
    every: float,
    stop: threading.Event,
    on_run: Callable[[RunReport], None] = lambda report: None,
    on_digest: Callable[[DigestResult], None] = lambda result: None,
    client: HttpClient | None = None,
    max_runs: int | None = None,
    sentiment_factory: Callable[[], SentimentModel | None] = lambda: None,
    alert_output: TextIO | None = None,
    base: Path | None = None,
    guard: Callable[[], AbstractContextManager[bool]] = lambda: nullcontext(True),
) -> int:
    """Run the due sources, wait for the next due time, repeat until `stop` is set. The daily
    digest goes out at its time (digest.time in digest.timezone) whether or not a source is due.

    Returns the number of runs done. The wait is on the event, so a signal ends it at once; a
    signal during a run lets the documents in flight be stored before the loop returns. Each
    turn's work happens inside `guard()` (the writer lock), which yields False when `stop` came
    while it waited.
    """
    from monitor import digest

    runs = 0
    while not stop.is_set() and (max_runs is None or runs < max_runs):
        due = due_sources(config, store, every)
        if due or digest.is_due(config, store):
            with guard() as acquired:
                if not acquired:
                    break
                due = due_sources(config, store, every)  # another writer may have run meanwhile
                if due:
                    report = run(config, store, companies, extractor_factory, client=client, sources=due,
                                 should_stop=stop.is_set, sentiment_factory=sentiment_factory,
                                 alert_output=alert_output, base=base)
                    runs += 1
                    on_run(report)
                elif (result := digest.send_if_due(config, store)) is not None:
                    on_digest(result)
            if max_runs is not None and runs >= max_runs:
                break
        wait = seconds_until_next(config, store, every)
        digest_wait = digest.seconds_until_due(config, store)
        if digest_wait is not None:
            wait = min(wait, digest_wait)
        stop.wait(max(1.0, wait))
    return runs
