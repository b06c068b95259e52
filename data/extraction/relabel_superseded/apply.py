"""Apply guideline section 8's rule on superseded figures (docs/labelling.md, "Superseded
figures") to the train and dev labels that broke it, in corpus.jsonl; then run
scripts/split_corpus.py. Writes decisions.jsonl: one line per label removed, with its basis.
Re-running it changes nothing."""

import json
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE.parent / "corpus.jsonl"
RULE = "section 8 (superseded figures): "
# (passage, type, the removed label's amount in US dollars, why): read by hand among the labels
# scan.py lists, every train and dev label whose amount a prior-figure phrase introduces or follows
# ("from", "a previous estimate of", "previously forecast", "originally planned"); the earlier
# actuals of their own periods ("compared with $1.2 billion in 2022") stay events
REMOVE = [
    ("nw-04-15-1", "capex", 17_000_000_000, "lower ... capital spending to $15.5 billion from $17 billion: the new figure's previous value"),
    ("nw-07-4-1", "capex", 9_000_000_000, "cut ... to $4 billion in 2009 down from ... a previous estimate of over $9 billion: the same year's earlier estimate"),
    ("nw-09-3-2", "capex", 9_000_000_000, "slash capital spending this year ... to $4 billion from a previously forecast $9 billion"),
    ("nw-14-10-0", "capex", 34_000_000_000, "higher in 2013 at $40 billion up from the $34 billion flagged early in the year: 2013's earlier figure"),
    ("nw-16-8-0", "capex", 1_100_000_000, "now expected to be about $1.0 billion, below the $1.1 billion previously forecast"),
    ("nw-16-30-1", "capex", 4_000_000_000, "cut its 2009 capital spending plans to $3 billion from $4 billion"),
    ("nw-16-26-1", "capex", 4_000_000_000, "reduce capital expenditures this year ... to $3.7 billion from an original estimate for $4 billion"),
    ("nw-11-19-2", "debt", 8_000_000_000, "a credit line now $10.5 to $11.5 billion, up from an originally planned $8 billion: the initial size of a resized raise"),
]


def main() -> None:
    lines = [json.loads(x) for x in open(CORPUS, encoding="utf-8")]
    by_id = {d["id"]: d for d in lines}
    decisions, removed = [], 0
    for pid, etype, amount, why in REMOVE:
        events = by_id[pid]["events"]
        hits = [e for e in events if e["type"] == etype and e.get("amount_usd") == amount]
        if len(hits) > 1:
            raise SystemExit(f"{pid}: {len(hits)} {etype} labels of {amount}")
        if hits:
            events.remove(hits[0])
            removed += 1
        decisions.append({"id": pid, "type": etype, "amount_usd": amount, "removed": True, "basis": RULE + why})
    CORPUS.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in lines), encoding="utf-8")
    with open(HERE / "decisions.jsonl", "w", encoding="utf-8") as f:
        for dec in decisions:
            f.write(json.dumps(dec, ensure_ascii=False) + "\n")
    print(f"{len(decisions)} decisions, {removed} labels removed now")


if __name__ == "__main__":
    main()
