"""The extraction stage on more than one core: worker processes forked from one that has built
its Extractor.

spaCy's tokenizer, the money scanner and the rules are pure Python and C extensions that hold
the GIL, so threads would take turns; processes do not. Forking after the Extractor is built
costs milliseconds and shares its memory (the spaCy pipeline, the company index, the model's
weights) copy-on-write, where spawning would load each of them again.

A pool is used only where forking is safe and pays: a platform with `fork`, a process that has
not imported torch (whose thread pools do not survive a fork), and enough documents to amortise
the start. Otherwise `pool_for` gives None and the caller extracts in-process, with the same
results. `monitor extract` uses one when it scores no tone: the tone model's two threads already
fill a 2-core machine.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

from monitor.models import Document, Event

MIN_DOCUMENTS = 64  # fewer: a pool's start and the pickling cost more than they save

_EXTRACTOR: Any = None  # the parent's Extractor, inherited by forked workers


def default_workers() -> int:
    """Both cores of a 2-core machine, at most 2: the stage's share of a run is small beside
    collection and the store's writes, which stay in the parent."""
    return max(1, min(2, os.cpu_count() or 1))


def _ignore_interrupts() -> None:
    # The parent decides when to stop (Ctrl-C sets its stop flag) and ends the pool itself;
    # workers that took the signal too would each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _analyse(documents: list[Document], tone: bool) -> list[tuple[list[Event], list[tuple[str, float]]]]:
    return [(events, chosen) for _, events, chosen in _EXTRACTOR.analyse_many(documents, tone=tone)]


class Batch:
    """One batch in flight: its documents and the workers' pending results."""

    def __init__(self, documents: list[Document], pending: list[Any]):
        self.documents = documents
        self.pending = pending

    def results(self) -> list[tuple[Document, list[Event], list[tuple[str, float]]]]:
        parts = [p.get() for p in self.pending]
        flat = [r for part in parts for r in part]
        return [(doc, events, chosen) for doc, (events, chosen) in zip(self.documents, flat, strict=True)]


class ExtractionPool:
    """`workers` forked processes running the parent's Extractor; `submit` returns at once, so
    the parent scores tone and writes the previous batch while this one is extracted."""

    def __init__(self, extractor: Any, workers: int):
        global _EXTRACTOR
        _EXTRACTOR = extractor
        self.workers = workers
        self._pool = multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupts)

    def submit(self, documents: Sequence[Document], tone: bool) -> Batch:
        docs = list(documents)
        size = -(-len(docs) // self.workers) if docs else 1
        chunks = [docs[i : i + size] for i in range(0, len(docs), size)]
        return Batch(docs, [self._pool.apply_async(_analyse, (chunk, tone)) for chunk in chunks])

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def pool_for(extractor: Any, documents: int, workers: int | None = None) -> ExtractionPool | None:
    """A pool for `documents` documents, or None where one is unsafe or would not pay."""
    workers = default_workers() if workers is None else workers
    if workers < 1 or documents < MIN_DOCUMENTS or "torch" in sys.modules:
        return None
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return ExtractionPool(extractor, workers)
