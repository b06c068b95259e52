"""Benchmarks of the pipeline's stages on this machine: a table, or --json.

    python scripts/bench.py [--threads 2] [--only sentiment] [--json]

Plain Python, no test framework. Each figure is the median of several timed runs after a
warm-up. Run it on an idle machine: on 2 cores anything else running halves the figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
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


def fixture_sentences(n: int) -> list[str]:
    """Real sentences of 12-60 words from the fixture documents (news, filings, transcripts)."""
    from monitor.collect.html import extract_article, extract_filing

    texts = []
    for path in sorted(FIXTURES.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".htm", ".txt", ".json"):
            continue
        raw = path.read_bytes()
        if path.suffix in (".html", ".htm"):
            page = extract_filing(raw) if "filings" in path.parts else extract_article(raw)
            texts.append(page.text)
        else:
            texts.append(raw.decode("utf-8", "replace"))
    sentences = []
    for text in texts:
        for s in re.split(r"(?<=[.!?])\s+|\n+", text):
            words = s.split()
            if 12 <= len(words) <= 60 and " | " not in s:
                sentences.append(" ".join(words))
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


def bench_extraction(threads: int) -> dict:
    """The extraction stage alone (spaCy pipeline + money + events + tables, no sentiment) over the
    fixture documents, beside spaCy's own floor on the same text (blank English + sentencizer)."""
    import spacy

    from monitor.config import load_config
    from monitor.nlp.companies import CompanyIndex
    from monitor.nlp.pipeline import Extractor

    docs = fixture_documents()
    companies = CompanyIndex(load_config(ROOT / "feeds.yaml").companies)
    extractor = Extractor(companies)
    words = sum(len(d.text.split()) for d in docs)
    floor_nlp = spacy.blank("en")
    floor_nlp.add_pipe("sentencizer")
    texts = [d.text for d in docs]
    sentences = sum(len(list(doc.sents)) for doc in extractor.nlp.pipe(texts))
    seconds = timed(lambda: list(extractor.extract_many(docs)))
    floor = timed(lambda: list(floor_nlp.pipe(texts)))
    return {
        "documents": len(docs), "words": words, "sentences": sentences,
        "docs_per_s": round(len(docs) / seconds, 1),
        "sentences_per_s": round(sentences / seconds),
        "words_per_s": round(words / seconds),
        "spacy_floor_words_per_s": round(words / floor),
        "ratio_to_floor": round(floor / seconds, 3),
    }


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


SECTIONS: dict[str, Callable[..., dict]] = {
    "extraction": bench_extraction,
    "sentiment": bench_sentiment,
    "sentiment-threads": bench_sentiment_threads,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {"machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                           "threads": args.threads}}
    for name in args.only or list(SECTIONS):
        results[name] = SECTIONS[name](args.threads)
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
