"""Score a regression run's mentions against the paragraph labels: an event is found when a mention
of the same filing has its type, company (compared as `monitor eval events` compares them) and
amount (within 0.5%). Mentions are those of OUT/TICKER.json; the paragraphs' offsets are in the
stored documents' text.

    python recall.py OUT [BATCH ...]     (paragraph batches: 1 2 for round 1, 3 4 for round 2; all by default)
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

from monitor.config import load_config
from monitor.nlp.companies import CompanyIndex

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE.parents[3]


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 0.005 * max(abs(a), abs(b))


def same_amount(gold: dict, m: dict) -> bool:
    if gold.get("amount_usd") is not None:
        return _close(gold["amount_usd"], m.get("amount_usd"))
    if gold.get("amount_low_usd") is not None:
        return _close(gold["amount_low_usd"], m.get("amount_low_usd")) and _close(gold.get("amount_high_usd"), m.get("amount_high_usd"))
    if gold.get("amount_original") is not None:
        return _close(gold["amount_original"], m.get("amount_original"))
    return m.get("amount_usd") is None and m.get("amount_original") is None


def main(out: Path, batches: list[int]) -> None:
    companies = CompanyIndex(load_config(ROOT / "feeds.yaml").companies)
    counts: collections.Counter = collections.Counter()
    for batch in batches:
        paragraphs = {p["pid"]: p for p in json.loads((HERE / f"paras{batch}.json").read_text())}
        for line in (HERE / f"labels_batch{batch}.jsonl").read_text().splitlines():
            labelled = json.loads(line)
            p = paragraphs[labelled["pid"]]
            doc = [m for m in json.loads((out / f"{p['ticker']}.json").read_text()) if m["document_id"] == p["document_id"]]
            for gold in labelled["events"]:
                hits = [m for m in doc if m["type"] == gold["type"] and same_amount(gold, m)
                        and companies.canonical(m.get("company")) == companies.canonical(gold.get("company"))]
                inside = [m for m in hits if m["start"] < p["end"] and m["end"] > p["start"]]
                state = "found" if inside else "found elsewhere" if hits else "MISSED"
                counts[(gold["type"], state)] += 1
                if inside:
                    counts[("period as labelled", inside[0].get("period") == gold.get("period"))] += 1
                if not hits:
                    print("missed", p["pid"], p["ticker"], gold["type"], gold.get("amount_usd") or gold.get("amount_original"), gold.get("words", "")[:90])
    for key in sorted(counts, key=str):
        print(key, counts[key])


if __name__ == "__main__":
    main(Path(sys.argv[1]), [int(b) for b in sys.argv[2:]] or [1, 2, 3, 4])
