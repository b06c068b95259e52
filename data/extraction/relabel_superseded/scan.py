"""List the train and dev capex and debt labels whose amount a prior-figure phrase introduces or
follows ("from $17 billion", "a previously forecast $9 billion", "$1.1 billion previously
forecast"): the candidates apply.py's removals were read from, by hand."""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from monitor.nlp.events import PRIOR_FIGURE  # noqa: E402
from monitor.nlp.money import find_money  # noqa: E402

AFTER = re.compile(r"[^.;]{0,25}\b(?:previously|earlier|initially|originally)\b", re.I)
# "to $3.7 billion from an original estimate for $4 billion", which PRIOR_FIGURE's "of" leaves out
ESTIMATE_FOR = re.compile(r"\b(?:original|initial|earlier|previous|prior)\s+(?:estimate|forecast|plan|target|guidance|projection)s?\s+for\s*$", re.I)


def amount(e: dict) -> float | None:
    return e.get("amount_usd") or e.get("amount_original") or e.get("amount_low_usd") or e.get("amount_low_original")


for split in ("train", "dev"):
    for line in open(ROOT / "data" / "extraction" / f"{split}.jsonl", encoding="utf-8"):
        d = json.loads(line)
        text = d["text"]
        found = find_money(text, bare=True)
        for e in d.get("events") or []:
            a = amount(e)
            m = next((m for m in found if a and abs((m.value if m.value is not None else m.low or 0) - a) < 1e-6 * a), None)
            if m is None:
                continue
            before = text[max(0, m.start - 60) : m.start]
            if PRIOR_FIGURE.search(before) or ESTIMATE_FOR.search(before) or AFTER.match(text, m.end):
                context = text[max(0, m.start - 120) : m.end + 60].replace("\n", " ")
                print(f"{split}\t{d['id']}\t{e['type']}\t{e.get('status')}\t{e.get('period')}\t{context}")
