"""The data the sentiment scripts share: the TFNS split, PhraseBank (test only), the teacher's
soft labels, and unlabelled sentences from the fixture documents.

Both `train_teacher.py` and `train_sentiment.py` read their rows from here, so the teacher and
the small model see the same split and never our validation tweets.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sentiment_synthetic import sentences  # noqa: E402

from monitor.nlp.sentiment import LABELS, clean_text  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "sentiment"
FIXTURES = ROOT.parent / "shared" / "fixtures"
SOFT_LABELS = ROOT / "models" / "sentiment-teacher" / "soft_labels.jsonl.gz"
TFNS_LABELS = {"0": "negative", "1": "positive", "2": "neutral"}
UNLABELLED = -100  # CrossEntropyLoss's ignore_index: a row the teacher labels, nobody else


def read_tfns(path: Path) -> list[tuple[str, int]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [(clean_text(r["text"]), LABELS.index(TFNS_LABELS[r["label"]])) for r in csv.DictReader(f)]


def read_phrasebank(path: Path) -> list[tuple[str, int]]:
    rows = []
    for line in path.read_text(encoding="latin-1").splitlines():
        text, _, label = line.rpartition("@")
        if label.strip() in LABELS:
            rows.append((text.strip(), LABELS.index(label.strip())))
    return rows


def split(rows: list[tuple[str, int]], fraction: float, seed: int) -> tuple[list, list]:
    rng = random.Random(seed)
    train, val = [], []
    for label in range(len(LABELS)):
        items = [r for r in rows if r[1] == label]
        rng.shuffle(items)
        n = round(len(items) * fraction)
        val += items[:n]
        train += items[n:]
    rng.shuffle(train)
    return train, val


def tfns_split(data: Path, fraction: float, seed: int) -> tuple[list, list]:
    return split(read_tfns(data / "twitter-financial-news-sentiment" / "sent_train.csv"), fraction, seed)


def labelled_rows(data: Path, fraction: float, seed: int, synthetic: int, limit: int = 0) -> tuple[list, list]:
    """The training rows (our TFNS split and `synthetic` templated sentences, shuffled) and our
    validation split. `limit`: the first N tweets only, and a sample of the validation split (it
    is grouped by label), for smoke tests."""
    train, val = tfns_split(data, fraction, seed)
    if limit:
        train, val = train[:limit], random.Random(seed).sample(val, min(len(val), max(50, limit // 10)))
    if synthetic:
        train = train + [(t, LABELS.index(label)) for t, label in sentences(synthetic, seed)]
        random.Random(seed).shuffle(train)
    return train, val


def text_key(text: str) -> str:
    """Soft labels are looked up by text, so a change of split or templates cannot misalign them."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def read_soft_labels(path: Path) -> dict[str, list[float]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return {row["key"]: row["logits"] for row in map(json.loads, f)}
    except (OSError, ValueError, KeyError) as exc:
        raise SystemExit(f"{path}: not a soft-label file ({exc})") from exc


def write_soft_labels(path: Path, texts: Iterable[str], logits: Iterable[list[float]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as raw:  # mtime 0: the same labels give the same bytes
        for text, row in zip(texts, logits, strict=True):
            raw.write((json.dumps({"key": text_key(text), "logits": [round(x, 3) for x in row]}) + "\n").encode())


def held_out_texts(data: Path = DATA) -> set[str]:
    """Texts no training row may copy: our dev sentences and PhraseBank's."""
    dev = (ROOT / "tests" / "data" / "sentiment_dev.jsonl").read_text(encoding="utf-8")
    texts = {json.loads(line)["text"] for line in dev.splitlines() if line.strip()}
    phrasebank = data / "financial-phrasebank-v1.0" / "Sentences_50Agree.txt"
    if phrasebank.exists():
        texts |= {t for t, _ in read_phrasebank(phrasebank)}
    return texts


def fixture_sentences(fixtures: Path = FIXTURES, exclude: Iterable[str] = ()) -> list[str]:
    """Every usable sentence (six words or more, not a table row) of the fixture documents:
    news, filings and call transcripts, split the way the monitor splits them. Unlabelled: they
    teach the register the monitor reads, through the teacher's judgement of them."""
    from monitor.collect.files import read_path
    from monitor.nlp.pipeline import Extractor
    from monitor.nlp.tone import scoreable

    skip = set(exclude)
    extractor = Extractor()
    seen: dict[str, None] = {}
    for path in sorted(p for p in fixtures.rglob("*") if p.is_file() and p.name != "README.md"):
        try:
            documents = read_path(path)
        except Exception as exc:  # noqa: BLE001 - a fixture the monitor cannot read is skipped, named
            print(f"{path}: skipped ({exc})", file=sys.stderr)
            continue
        for document in documents:
            for sentence in extractor.sentences(document):
                text = clean_text(sentence)
                if scoreable(text) and len(text) < 400 and text not in skip:
                    seen.setdefault(text, None)
    return list(seen)
