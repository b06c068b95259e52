"""Match each judged mention to a later regression run's output (`monitor events --mentions --json`,
one TICKER.json per company in OUT): kept as it was, changed, or gone.

    python after_fixes.py OUT
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
KEYS = ("company", "amount_usd", "period", "status", "instrument", "history")


def main(out: Path) -> None:
    cache: dict[str, list[dict]] = {}
    counts: collections.Counter = collections.Counter()
    for batch in range(1, 9):
        mentions = json.loads((HERE / f"batch{batch}.json").read_text())
        for line in (HERE / f"judgments_batch{batch}.jsonl").read_text().splitlines():
            judged = json.loads(line)
            m = mentions[judged["index"]]
            if m["ticker"] not in cache:
                cache[m["ticker"]] = json.loads((out / f"{m['ticker']}.json").read_text())
            name = Path(m["file"]).name
            same = [x for x in cache[m["ticker"]] if x["sentence"] == m["sentence"] and x["amount_text"] == m["amount_text"]
                    and x["type"] == m["type"] and x["document_url"].endswith(name)]
            state = "gone" if not same else "changed" if any(m[k] != same[0][k] for k in KEYS) else "same"
            counts[(state, judged["right"])] += 1
            if state != "same":
                diff = {k: (m[k], same[0][k]) for k in KEYS if same and m[k] != same[0][k]}
                print(batch, judged["index"], m["ticker"], state, "right" if judged["right"] else judged.get("error_class"),
                      diff, m["sentence"][:90])
    for key in sorted(counts, key=str):
        print(key, counts[key])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
