"""Benchmarks of the pipeline against its targets on this machine: a table, or --json.

    python scripts/bench.py [--docs 10000] [--threads 2] [--only store] [--json]

Plain Python, no test framework. The corpus is built here: the real documents of tests/fixtures,
their sentences recombined into N news-length documents (default 10,000). Each figure is the
median of several timed runs after a warm-up. Run it on an idle machine: on 2 cores anything
else running halves the figures. Sections: extraction, sentiment, sentiment-threads, extract-e2e,
store, collection, startup.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"


def timed(fn: Callable[[], object], runs: int = 3) -> float:
    """Median seconds of `runs` calls after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_SENTENCES: list[str] = []


def all_fixture_sentences() -> list[str]:
    """Every real sentence of 6-60 words in the fixture documents, in order (cached)."""
    if _SENTENCES:
        return _SENTENCES
    from monitor.collect.html import extract_article, extract_filing

    for path in sorted(FIXTURES.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".htm", ".txt", ".json"):
            continue
        raw = path.read_bytes()
        if path.suffix in (".html", ".htm"):
            text = (extract_filing(raw) if "filings" in path.parts else extract_article(raw)).text
        else:
            text = raw.decode("utf-8", "replace")
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            words = sentence.split()
            if 6 <= len(words) <= 60 and " | " not in sentence and not sentence.lstrip().startswith(("{", "[", '"')):
                _SENTENCES.append(" ".join(words))
    return _SENTENCES


def corpus(n: int, words: int = 600, seed: int = 0) -> list:
    """N news-length documents recombined from the fixtures' real sentences: paragraphs of 3-5
    sentences until `words`, a sentence cut short as the title, dates over the last year. The
    share of sentences with an amount or a trigger word is the fixtures' own."""
    from monitor.models import Document

    rng = random.Random(seed)
    pool = all_fixture_sentences()
    now = datetime.now(UTC)
    docs = []
    for i in range(n):
        paragraphs, count = [], 0
        while count < words:
            para = [rng.choice(pool) for _ in range(rng.randint(3, 5))]
            count += sum(len(x.split()) for x in para)
            paragraphs.append(" ".join(para))
        title = " ".join(rng.choice(pool).split()[:12])
        published = (now - timedelta(minutes=rng.randint(0, 365 * 24 * 60))).replace(microsecond=0).isoformat()
        docs.append(Document(id=f"bench-{seed}-{i}", source="bench", kind="news", text="\n\n".join(paragraphs),
                             title=title, url=f"https://news.example/bench/{seed}/{i}", published=published,
                             fetched=published))
    return docs


def fixture_sentences(n: int) -> list[str]:
    """N real sentences of 12-60 words from the fixture documents (repeated when too few)."""
    sentences = [x for x in all_fixture_sentences() if len(x.split()) >= 12]
    if not sentences:
        raise SystemExit("no fixture sentences found")
    while len(sentences) < n:
        sentences += sentences
    return sentences[:n]


def bench_sentiment(threads: int, n: int = 2048) -> dict:
    """Our tone model (fp32 and bf16) beside a BERT-base-sized classifier (FinBERT's shape,
    random weights), same sentences, same threads, same batching."""
    from monitor.nlp.sentiment import SentimentModel, base_model_dir, load_default, set_threads

    set_threads(threads)
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    sentences = fixture_sentences(n)
    tokenizer = AutoTokenizer.from_pretrained(str(base_model_dir()))
    tokens = statistics.mean(len(tokenizer(s)["input_ids"]) for s in sentences[:500])
    out: dict = {"sentences": n, "mean_tokens": round(tokens, 1), "threads": threads}
    ours = load_default(threads=threads)
    fp32 = timed(lambda: ours.probabilities(sentences))
    out["ours_fp32_per_s"] = round(n / fp32, 1)
    probs32 = ours.probabilities(sentences)
    ours.bf16 = True
    bf16 = timed(lambda: ours.probabilities(sentences))
    probs16 = ours.probabilities(sentences)
    out["ours_bf16_per_s"] = round(n / bf16, 1)
    out["bf16_label_agreement"] = round(
        sum(max(range(3), key=a.__getitem__) == max(range(3), key=b.__getitem__) for a, b in zip(probs32, probs16, strict=True)) / n, 4
    )
    torch.manual_seed(0)
    bert = BertForSequenceClassification(BertConfig(num_labels=3))  # bert-base: 12 layers, 768 wide, 110M
    bert.eval()
    reference = SentimentModel(tokenizer, bert, None, ["negative", "neutral", "positive"], max_length=64, pooled=False)
    subset = sentences[: max(128, n // 8)]
    ref = timed(lambda: reference.probabilities(subset), runs=2)
    out["bert_base_fp32_per_s"] = round(len(subset) / ref, 1)
    reference.bf16 = True
    ref16 = timed(lambda: reference.probabilities(subset), runs=2)
    out["bert_base_bf16_per_s"] = round(len(subset) / ref16, 1)
    best = max(out["ours_fp32_per_s"], out["ours_bf16_per_s"])
    out["speedup_vs_bert_base"] = round(best / out["bert_base_fp32_per_s"], 1)
    out["speedup_fp32_vs_bert_base"] = round(out["ours_fp32_per_s"] / out["bert_base_fp32_per_s"], 1)
    out["speedup_bf16_vs_bert_base_bf16"] = round(out["ours_bf16_per_s"] / out["bert_base_bf16_per_s"], 1)
    return out


def fixture_documents() -> list:
    """Every document the test fixtures hold (feeds give one per entry), as monitor reads them."""
    from monitor.collect.files import IngestError, read_path

    docs = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".html", ".htm", ".txt", ".json", ".xml"):
            try:
                docs.extend(read_path(path))
            except IngestError:
                continue
    return docs


def bench_extraction(threads: int, n_docs: int) -> dict:
    """The extraction stage alone (spaCy pipeline + money + candidates + the learned decider +
    tables, no sentiment) over the corpus, beside spaCy's own floor on the same text (blank
    English + sentencizer) and the rules alone (no model). The corpus is cut in three: each
    third is one timed run (after a warm-up on 100 documents)."""
    # isort: off
    import monitor.nlp._spacy  # noqa: F401 - first: spaCy without torch, as `monitor extract` imports it
    import spacy
    # isort: on

    from monitor.config import load_config
    from monitor.nlp.companies import CompanyIndex
    from monitor.nlp.pipeline import Extractor

    docs = corpus(n_docs)
    companies = CompanyIndex(load_config(ROOT / "feeds.yaml").companies)
    extractor = Extractor(companies)
    floor_nlp = spacy.blank("en")
    floor_nlp.add_pipe("sentencizer")
    list(extractor.extract_many(docs[:100]))
    list(floor_nlp.pipe([d.text for d in docs[:100]]))
    thirds = [docs[i::3] for i in range(3)]
    # the workers first, forked now: they start from this process's state after the warm-up, as
    # it does below (forked later, they would find spaCy's caches full of the corpus's words)
    pooled = _pooled_extraction(extractor, thirds, threads)
    rules = Extractor(companies, decider=None)
    list(rules.extract_many(docs[:100]))
    rates, floors, rule_rates, events = [], [], [], 0
    for part in thirds:
        texts = [d.text for d in part]
        words = sum(len(t.split()) for t in texts)
        start = time.perf_counter()
        results = list(extractor.extract_many(part))
        seconds = time.perf_counter() - start
        events += sum(len(evs) for _, evs in results)
        start = time.perf_counter()
        list(rules.extract_many(part))
        rule_rates.append(len(part) / (time.perf_counter() - start))
        start = time.perf_counter()
        list(floor_nlp.pipe(texts))
        floor = time.perf_counter() - start
        rates.append((len(part) / seconds, words / seconds))
        floors.append(words / floor)
    docs_per_s = statistics.median(r[0] for r in rates)
    words_per_s = statistics.median(r[1] for r in rates)
    floor_words = statistics.median(floors)
    best = max(docs_per_s, pooled["docs_per_s"] or 0.0)
    return {
        "documents": len(docs), "mean_words": round(sum(len(d.text.split()) for d in docs) / len(docs)),
        "events_found": events,
        "decider": "models/extractor" if extractor.decider is not None else "rules",
        "docs_per_s_one_process": round(docs_per_s, 1),
        "docs_per_s_workers": pooled["docs_per_s"],
        "workers": pooled["workers"],
        "same_events_in_workers": pooled["same_events"],
        "rules_alone_docs_per_s": round(statistics.median(rule_rates), 1),
        "words_per_s_one_process": round(words_per_s),
        "spacy_floor_words_per_s": round(floor_words),
        "ratio_to_floor_one_process": round(words_per_s / floor_words, 3),
        "target_docs_per_s": 300,
        "met": best >= 300,
    }


def _pooled_extraction(extractor, thirds: list, threads: int) -> dict:
    """The same stage as `monitor extract --no-sentiment` runs it on `threads` cores: worker
    processes forked from this one (monitor.workers), batches of 32 submitted ahead; one timed
    run per third, and a check that the events are the in-process ones. Not run where forking
    is unsafe (torch already imported by an earlier section)."""
    from monitor.nlp.pipeline import Extractor
    from monitor.workers import ExtractionPool

    if threads < 2 or "torch" in sys.modules:
        return {"docs_per_s": None, "workers": 0, "same_events": None}
    rates = []
    with ExtractionPool(extractor, threads) as pool:
        pool.submit(thirds[0][:64], False).results()  # warm-up: the workers' first calls
        for part in thirds:
            start = time.perf_counter()
            batches = [pool.submit(part[i : i + 32], False) for i in range(0, len(part), 32)]
            for batch in batches:
                batch.results()
            rates.append(len(part) / (time.perf_counter() - start))
        check = thirds[0][:200]
        pooled = [events for _, events, _ in pool.submit(check, False).results()]
    inline = [events for _, events in Extractor(extractor.companies).extract_many(check)]  # a fresh one: same caches as the rest

    def key(runs: list) -> list:
        return [[(e.type, e.company, e.amount_usd, e.period, e.status) for e in evs] for evs in runs]

    return {"docs_per_s": round(statistics.median(rates), 1), "workers": threads, "same_events": key(pooled) == key(inline)}


def _burn() -> None:  # pragma: no cover - runs in a child process
    while True:
        pass


def bench_sentiment_threads(threads: int, n: int = 1024) -> dict:
    """Our model with 1 and 2 torch threads, idle and beside one busy process: what default to ship."""
    import multiprocessing

    from monitor.nlp.sentiment import load_default, set_threads

    sentences = fixture_sentences(n)
    model = load_default(threads=threads)
    out: dict = {}
    for busy in (False, True):
        burner = None
        if busy:
            burner = multiprocessing.get_context("spawn").Process(target=_burn, daemon=True)
            burner.start()
        try:
            for t in (1, 2):
                set_threads(t)
                seconds = timed(lambda: model.probabilities(sentences), runs=2)
                out[f"{'busy' if busy else 'idle'}_{t}_threads_per_s"] = round(n / seconds, 1)
        finally:
            if burner is not None:
                burner.terminate()
    set_threads(threads)
    return out


def _monitor(*args: str, db: Path, config: Path | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "monitor"]
    if config is not None:
        cmd += ["--config", str(config)]
    return cmd + ["--db", str(db), *args]


PSS_EVERY = 1.0  # seconds between PSS samples (see _run_measured)


def _run_measured(cmd: list[str], pss: list[int] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes, the process and its children, added up) of a command.
    Forked workers share their parent's pages, which that sum counts once per process; the
    peak of the processes' summed PSS (each shared page divided among its sharers) is appended
    to `pss` when given: the memory the command really holds.

    RSS is sampled every 50 ms (a read of /proc/PID/statm: microseconds). PSS is sampled once
    a second: reading it walks /proc/PID/smaps, 13 ms of kernel time for a process with the tone
    model loaded, and sampled every 50 ms it took a fifth of a core from the command measured
    (44.2 s for the end-to-end run that takes 39 s alone on 2 cores)."""
    import psutil

    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ | {"PYTHONPATH": str(ROOT)})
    peak = peak_pss = 0
    next_pss = start
    while proc.poll() is None:
        try:
            procs = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs))
            if pss is not None and time.perf_counter() >= next_pss:
                peak_pss = max(peak_pss, sum(p.memory_full_info().pss for p in procs))
                next_pss = time.perf_counter() + PSS_EVERY
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-500:]}")
    if pss is not None:
        pss.append(peak_pss)
    return seconds, peak


def bench_extract_e2e(threads: int, n_docs: int) -> dict:
    """`monitor extract` end to end (a new process: imports, model loads, spaCy, sentiment on,
    store writes) over a stored corpus: documents/s and peak RSS. Three runs of `extract --all`
    after the first extraction (the warm-up)."""
    from monitor.store import Store

    n = min(n_docs, 2000)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "e2e.db"
        config = Path(tmp) / "feeds.yaml"
        config.write_text((ROOT / "feeds.yaml").read_text().replace("threads: 2", f"threads: {threads}"), encoding="utf-8")
        with Store(db) as store:
            for doc in corpus(n, seed=1):
                store.upsert_document(doc)
        _run_measured(_monitor("extract", db=db, config=config))
        pss: list[int] = []
        runs = [_run_measured(_monitor("extract", "--all", db=db, config=config), pss) for _ in range(3)]
        with Store(db) as store:
            scored = store.db.execute("SELECT COUNT(*) FROM documents WHERE sentiment IS NOT NULL").fetchone()[0]
            events = store.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    seconds = statistics.median(r[0] for r in runs)
    peak = max(r[1] for r in runs)
    return {"documents": n, "events": events, "documents_with_sentiment": scored,
            "seconds": round(seconds, 1), "docs_per_s": round(n / seconds, 1),
            "peak_rss_mb": round(peak / 2**20), "peak_pss_mb": round(max(pss) / 2**20),
            "target_docs_per_s": 50, "target_peak_rss_mb": 1536,
            "met": n / seconds >= 50 and peak <= 1.5 * 2**30}


STORE_SIZES: tuple[int, ...] = (100_000, 1_000_000)
SEARCH_TERMS = {
    "rare": ["hyperscaler", "Stargate", "CoreWeave", "warrants", "megawatts"],
    "common": ["billion", "company", "data", "quarter", "capital"],
    "phrase": ['"data center"', '"capital expenditures"', '"term loan"', '"senior notes"', '"free cash flow"'],
    "prefix": ["invest*", "financ*", "guid*", "borrow*", "spend*"],
}
EVENT_FILTERS = [
    {"type": "debt"},
    {"companies": ["oracle", "orcl"]},
    {"type": "capex", "min_amount": 1e10},
    {"since": "30d"},
    {"sentiment": "negative", "type": "debt"},
    {"companies": ["meta", "meta"], "type": "capex", "since": "90d"},
    {"query": '"term loan"'},
    {},
]
COMPANY_NAMES = ["Oracle", "Meta", "Alphabet", "Amazon", "Microsoft", "Nvidia", "CoreWeave", "xAI", "OpenAI",
                 "SoftBank", "Digital Realty", "Equinix", "Broadcom", "AMD", "Micron", "Dell", "Lambda", "Nebius"]


def _store_rows(start: int, n: int, pool: list[str], rng: random.Random, now: datetime) -> tuple[list, list]:
    """Generated documents (a title and a lead of 2-4 real sentences) and one event each."""
    from monitor.store import chronological_rowid

    docs, events = [], []
    for i in range(start, start + n):
        text = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 4)))
        published = (now - timedelta(seconds=rng.randint(0, 3 * 365 * 86400))).replace(microsecond=0).isoformat()
        doc_id = f"s{i:08d}"
        # rowids by date, as Store.upsert_document gives them (i keeps them unique within a second)
        docs.append({"rowid": chronological_rowid(published) + i % 1_000_000, "id": doc_id, "source": "bench", "kind": rng.choice(("news", "news", "news", "filing")),
                     "text": text, "title": " ".join(rng.choice(pool).split()[:10]), "url": f"https://x.example/{i}",
                     "published": published, "fetched": published, "hash": f"{i:064x}", "extracted": published,
                     "attempts": 0, "sentiment": rng.choice(("negative", "neutral", "positive")),
                     "sentiment_score": round(rng.uniform(-1, 1), 3)})
        company = rng.choice(COMPANY_NAMES)
        amount = float(rng.choice((5e8, 1e9, 2.5e9, 1e10, 1.8e10, 4e10, 7.2e10)))
        kind = rng.choice(("capex", "debt"))
        sentence = rng.choice(pool)
        events.append({"id": f"e{i:08d}", "document_id": doc_id, "type": kind, "company": company,
                       "ticker": company[:4].upper(), "amount_usd": amount, "currency": "USD", "sentence": sentence,
                       "start": 0, "end": len(sentence), "confidence": 0.8, "published": published,
                       "created": published, "sentiment": rng.choice(("negative", "neutral", "positive")),
                       "sentiment_score": round(rng.uniform(-1, 1), 3),
                       "event_key": f"k{rng.randint(0, n + start):08d}", "status": "announced"})
    return docs, events


def _latencies(fn: Callable[[], object], repeat: int = 3) -> list[float]:
    fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _percentiles(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[max(0, int(len(ms) * 0.95 + 0.5) - 1)], 2),
            "max_ms": round(ms[-1], 2), "queries": len(ms)}


def bench_store(threads: int, n_docs: int, sizes: tuple[int, ...] = (100_000, 1_000_000)) -> dict:
    """The store: inserts with FTS triggers on (through Store.upsert_document, the collectors'
    path, and in bulk), then `search` and `events` latency at each size."""
    from monitor.store import Store

    pool = all_fixture_sentences()
    rng = random.Random(7)
    now = datetime.now(UTC)
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store.db")
        # the collectors' path: one document per call, duplicate checks, one transaction each
        from monitor.models import Document

        sample = corpus(2000, words=120, seed=3)
        start = time.perf_counter()
        for d in sample:
            store.upsert_document(Document(**{**d.__dict__}))
        out["upsert_document_per_s"] = round(len(sample) / (time.perf_counter() - start))
        store.db.execute("DELETE FROM documents")
        have = 0
        for size in sizes:
            start = time.perf_counter()
            batch = 20_000
            while have < size:
                n = min(batch, size - have)
                docs, events = _store_rows(have, n, pool, rng, now)
                with store.db.atomic():
                    store.db["documents"].insert_all(docs, batch_size=2000)
                    store.db["events"].insert_all(events, batch_size=2000)
                have += n
            seconds = time.perf_counter() - start
            store.db.execute("ANALYZE")
            label = f"{size // 1000}k"
            res: dict = {"insert_rows_per_s_with_fts": round((size - (0 if size == sizes[0] else sizes[0])) * 2 / seconds)}
            newest, ranked = [], []
            per_kind: dict[str, list[float]] = {}
            for kind, terms in SEARCH_TERMS.items():
                for term in terms:
                    t = _latencies(lambda term=term: store.search(term, limit=20))
                    newest += t
                    per_kind.setdefault(kind, []).extend(t)
                    ranked += _latencies(lambda term=term: store.search(term, limit=20, rank=True), repeat=1)
            res["search_newest_first"] = _percentiles(newest)
            res["search_newest_first_by_kind_p50_ms"] = {k: round(statistics.median(v), 2) for k, v in per_kind.items()}
            res["search_ranked"] = _percentiles(ranked)
            ev = []
            for f in EVENT_FILTERS:
                f = dict(f)
                if "since" in f:
                    f["since"] = (now - timedelta(days=int(f["since"][:-1]))).isoformat()
                ev += _latencies(lambda f=f: store.events(**f, limit=50, consolidate=True))
            res["events_consolidated"] = _percentiles(ev)
            ev_m = []
            for f in EVENT_FILTERS:
                f = dict(f)
                if "since" in f:
                    f["since"] = (now - timedelta(days=int(f["since"][:-1]))).isoformat()
                ev_m += _latencies(lambda f=f: store.events(**f, limit=50))
            res["events_mentions"] = _percentiles(ev_m)
            res["db_mb"] = round(sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20)
            res["met"] = (res["search_newest_first"]["p50_ms"] <= 20 and res["search_newest_first"]["p95_ms"] <= 100
                          and res["search_ranked"]["p95_ms"] <= 100 and res["events_consolidated"]["p50_ms"] <= 50)
            out[label] = res
        store.close()
    out["targets"] = "at 1M: search p50 <= 20 ms, p95 <= 100 ms (ranked within the p95); events p50 <= 50 ms"
    return out


def bench_collection(threads: int, n_docs: int, feeds: int = 200) -> dict:
    """A second `collect` over 200 RSS feeds served on 127.0.0.1 that all answer 304."""
    import http.server

    from monitor.config import parse_config
    from monitor.jobs import collect
    from monitor.nlp.companies import CompanyIndex
    from monitor.store import Store

    body = (FIXTURES / "feeds").glob("*.xml")
    feed = next(iter(sorted(body))).read_bytes()
    counts = {"requests": 0, "not_modified": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802
            counts["requests"] += 1
            etag = '"v1"'
            if self.headers.get("If-None-Match") == etag:
                counts["not_modified"] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(feed)))
            self.end_headers()
            self.wfile.write(feed)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    # 200 feeds stand for 200 sites: the per-host spacing is lifted for the one local host
    config = parse_config({
        "http": {"user_agent": "monitor-bench/0.1 (bench@example.org)", "retries": 0,
                 "host_requests_per_second": {"127.0.0.1": 1000}},
        "sources": [{"name": f"feed-{i:03d}", "type": "rss", "url": f"{base}/feed/{i}.xml", "fetch_articles": False}
                    for i in range(feeds)],
    })
    out: dict = {"feeds": feeds}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "c.db") as store:
        companies = CompanyIndex(config.companies)
        start = time.perf_counter()
        first = collect(config, store, companies)
        out["first_run_s"] = round(time.perf_counter() - start, 2)
        out["first_run_failed"] = sum(not r.ok for r in first)
        times = []
        for _ in range(3):
            counts.update(requests=0, not_modified=0)
            start = time.perf_counter()
            reports = collect(config, store, companies)
            times.append(time.perf_counter() - start)
            out["second_run_not_modified"] = counts["not_modified"]
            out["second_run_new_documents"] = sum(r.new for r in reports)
    server.shutdown()
    out["all_304_run_s"] = round(statistics.median(times), 3)
    out["target_s"] = 5.0
    out["met"] = out["all_304_run_s"] <= 5.0
    return out


SMALL_DOCUMENT = ("Oracle sold $18 billion of bonds in one of the largest bond sales of the year, "
                  "a sale that pleased investors.\n")
HEAVY = ("torch", "spacy", "transformers")


def _timed_runs(cmd: list[str], runs: int, before: Callable[[], object] | None = None) -> dict:
    """Median wall and CPU (user + system) seconds of a fresh process, after one warm-up run;
    `before` prepares each run (outside the timing)."""
    import resource

    walls, cpus = [], []
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    for i in range(runs + 1):
        if before is not None:
            before()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i:
            walls.append(wall)
            cpus.append(after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime)
    return {"s": round(statistics.median(walls), 3), "cpu_s": round(statistics.median(cpus), 3)}


def _import_times(cmd: list[str], before: Callable[[], object] | None = None) -> dict[str, float]:
    """Seconds spent importing each heavy package (python -X importtime): the cumulative time of
    each import of one of its modules that is not inside another of its imports, so lazy imports
    count (transformers loads its model code on first use). Across packages times nest: spaCy's
    includes the torch it imports first, which also counts as torch's."""
    if before is not None:
        before()
    proc = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True,
                          env=os.environ | {"PYTHONPATH": str(ROOT)})
    # importtime lists a module after the modules it imported, indented one level (2 spaces) less
    pending: list[tuple[int, str, int, list]] = []
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        depth = (len(parts[2]) - len(parts[2].lstrip())) // 2
        children = []
        while pending and pending[-1][0] > depth:
            children.insert(0, pending.pop())
        pending.append((depth, parts[2].strip(), int(parts[1]), children))
    out: dict[str, float] = {}

    def walk(nodes: list, inside: frozenset[str]) -> None:
        for _, name, cumulative, children in nodes:
            package = name.partition(".")[0]
            if package in HEAVY and package not in inside:
                out[package] = round(out.get(package, 0.0) + cumulative / 1e6, 3)
            walk(children, inside | {package})

    walk(pending, frozenset())
    return out


def bench_startup(threads: int, n_docs: int) -> dict:
    """Wall time of `monitor --help` and `monitor events --json --limit 10` (a fresh process each,
    median of 5), and whether either imported torch or spaCy. Then the start-up cost of the
    commands that load models: `monitor extract` of one new one-sentence document with and
    without sentiment, and `monitor sentiment "..."` (median wall and CPU seconds of 5 fresh
    processes, and the import time of torch, spaCy and transformers in one more run)."""
    from monitor.store import Store

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.db"
        with Store(db) as store:
            for d in corpus(50, words=100, seed=5):
                store.upsert_document(d)
        cmds = {"help": [sys.executable, "-m", "monitor", "--help"],
                "events": _monitor("--config", str(ROOT / "feeds.yaml"), "events", "--json", "--limit", "10", db=db)}
        for name, cmd in cmds.items():
            times = []
            for _ in range(6):
                start = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True, env=os.environ | {"PYTHONPATH": str(ROOT)})
                times.append(time.perf_counter() - start)
            out[f"{name}_s"] = round(statistics.median(times[1:]), 3)
            probe = subprocess.run(
                [sys.executable, "-c", "import sys; from monitor.cli import cli\n"
                 "try:\n    cli(sys.argv[1:], standalone_mode=False)\nexcept SystemExit: pass\n"
                 f"print('HEAVY', sorted(m for m in {HEAVY!r} if m in sys.modules))",
                 *cmd[3:]], capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(ROOT)})
            out[f"{name}_heavy_imports"] = probe.stdout.strip().rpartition("HEAVY ")[2]

        one_db, text = Path(tmp) / "one.db", Path(tmp) / "one.txt"
        text.write_text(SMALL_DOCUMENT)
        config = ROOT / "feeds.yaml"

        def fresh_document() -> None:
            """A new database holding one document not extracted yet."""
            one_db.unlink(missing_ok=True)
            subprocess.run(_monitor("ingest", str(text), "--kind", "news", db=one_db, config=config), check=True,
                           capture_output=True, env=os.environ | {"PYTHONPATH": str(ROOT)})

        loads = {
            "extract_one": (_monitor("extract", db=one_db, config=config), fresh_document),
            "extract_one_no_sentiment": (_monitor("extract", "--no-sentiment", db=one_db, config=config), fresh_document),
            "sentiment_one": (_monitor("sentiment", "Oracle shares slid after it raised its capex forecast again",
                                       db=one_db, config=config), None),
        }
        for name, (cmd, before) in loads.items():
            timing = _timed_runs(cmd, 5, before)
            out[f"{name}_s"], out[f"{name}_cpu_s"] = timing["s"], timing["cpu_s"]
            out[f"{name}_import_s"] = _import_times(cmd, before)
    out["met"] = out["help_s"] <= 0.5 and out["events_s"] <= 1.0 and out["extract_one_s"] < 3.0
    return out


SECTIONS: dict[str, Callable[..., dict]] = {
    "extraction": bench_extraction,
    "sentiment": lambda threads, n_docs: bench_sentiment(threads),
    "sentiment-threads": lambda threads, n_docs: bench_sentiment_threads(threads),
    "extract-e2e": bench_extract_e2e,
    "store": lambda threads, n_docs: bench_store(threads, n_docs, STORE_SIZES),
    "collection": bench_collection,
    "startup": bench_startup,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--docs", type=int, default=10_000, help="Corpus size for the extraction stage")
    parser.add_argument("--store-sizes", default="100000,1000000",
                        help="Database sizes (documents, one event each) for the store section")
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    global STORE_SIZES
    STORE_SIZES = tuple(int(x) for x in args.store_sizes.split(","))
    results = {"machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                           "threads": args.threads}}
    for name in args.only or list(SECTIONS):
        results[name] = SECTIONS[name](args.threads, args.docs)
        if not args.json:
            print(f"[{name}] done", file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for section, values in results.items():
            print(f"[{section}]")
            for key, value in values.items():
                print(f"  {key:<28} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
