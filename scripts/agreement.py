"""Agreement of two independent labellings of the same passages (docs/labelling.md, section 5).

    python scripts/agreement.py data/extraction/agreement/second.jsonl [--corpus data/extraction/corpus.jsonl]

The first labelling is the corpus; the second labels the same ids without having seen it.
Agreement is the F1 of one against the other under the matching rule of monitor eval events
(type, company, amount), with the attributes' agreement on matched events, per source kind, and
the disagreements listed by class for the guideline's revision.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.config import load_config  # noqa: E402
from monitor.evaluate import EvalResult, read_jsonl, score_line  # noqa: E402
from monitor.nlp.companies import CompanyIndex  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("second")
    parser.add_argument("--corpus", default=str(ROOT / "data" / "extraction" / "corpus.jsonl"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    companies = CompanyIndex(load_config(ROOT / "feeds.yaml").companies)
    first = {x["id"]: x for x in read_jsonl(args.corpus)}
    result = EvalResult()
    for line in read_jsonl(args.second):
        gold = first.get(line["id"])
        if gold is None:
            continue
        result.lines += 1
        result.kind = str(gold.get("source_kind") or "news")
        result.gold += len(gold.get("events") or [])
        result.predicted += len(line.get("events") or [])
        score_line(line["id"], gold["text"], gold.get("events") or [], line.get("events") or [], companies, result)
    data = result.to_dict()
    if args.json:
        print(json.dumps(data, indent=2))
        return
    s = data["scores"]["overall"]
    print(f"{result.lines} passages, first labelling {result.gold} events, second {result.predicted}")
    print(f"agreement F1 {s['f1']:.3f} (P {s['precision']:.3f}, R {s['recall']:.3f}; {s['tp']} agreed, {s['fn']} only first, {s['fp']} only second)")
    for kind, scores in result.kind_scores().items():
        print(f"  {kind:<14} F1 {scores['overall']['f1']:.3f} ({scores['overall']['tp']} agreed, {scores['overall']['fn']}+{scores['overall']['fp']} not)")
    for attr, acc in data["attributes"].items():
        print(f"  {attr} agrees on {acc['accuracy']:.3f} of agreed events ({acc['correct']}/{acc['total']})")
    print("disagreements: " + ", ".join(f"{k} {v}" for k, v in data["error_classes"].items()))


if __name__ == "__main__":
    main()
