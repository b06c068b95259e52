"""Apply the second look at train periods (guideline v26) to corpus.jsonl; then run
scripts/split_corpus.py. Writes decisions.jsonl: one line per label changed or kept against a
judgment, with its basis. Re-running it changes nothing."""

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE.parent / "corpus.jsonl"
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}
# where the adjudication (section 8s) settles an item against its batch judgment
OVERRIDES = {
    213: ("FY2026", "8s: a call's guidance that names no period is for the fiscal year under way at the call's date"),
    51: ("FY2026", "8s: a call's guidance that names no period is for the fiscal year under way; section 7 names "
                   "Williams-Sonoma's year ending February 1, 2026, read from the date, FY2026"),
    219: ("2022", "8s: an undated call's guidance that names no period is for the year its title names"),
    74: ("Q4 2023", "8s: a comparison's bare year after a quarter is that quarter of the year"),
}
DATED = re.compile(r"^On (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2},? (\d{4})")

items = {}
for b in range(3):
    for line in open(HERE / f"batch_{b}.jsonl", encoding="utf-8"):
        d = json.loads(line)
        items[d["item"]] = d
decisions = []
for b in range(3):
    for line in open(HERE / f"judged_{b}.jsonl", encoding="utf-8"):
        j = json.loads(line)
        item = items[j["item"]]
        new, basis = j["period"], f"judged_{b}: {j['reason']}"
        if j["item"] in OVERRIDES:
            new, basis = OVERRIDES[j["item"]]
        m = DATED.match(item["text"])
        if item["id"].startswith("prF-mstr") and m and new is None:
            # 8s: a debt announcement, pricing or option the passage dates takes that date's quarter
            new = f"Q{(MONTHS[m.group(1).lower()] - 1) // 3 + 1} {m.group(2)}"
            basis = "8s: the date the 8-K gives for the announcement or pricing, as its quarter"
        if new != j["current"] or j["item"] in OVERRIDES:
            decisions.append({"item": j["item"], "id": j["id"], "event_index": j["event_index"], "old": j["current"],
                              "new": new, "basis": basis})

lines = [json.loads(x) for x in open(CORPUS, encoding="utf-8")]
by_id = {d["id"]: d for d in lines}
# 8s on the one train 8-K passage with an undated label the batches did not hold (the model had
# read it as the label did): "On February 20, 2025, Strategy issued a press release announcing
# that it has priced ..."
# section 7 on the same passages' other labels, which the judges pointed at: lululemon's quarter of
# its call of 2024-12-05 (its comparison became Q3 FY2024), and the same $850 million facility of
# Bed Bath & Beyond's call of 2020-07-08 in another passage (judged Q2 FY2021)
decisions.append({"item": None, "id": "tr-b08-h068", "event_index": 0, "old": "Q3 FY2024", "new": "Q3 FY2025",
                  "basis": "section 7: the quarter of the call of 2024-12-05, in the year ending February 2, 2025"})
decisions.append({"item": None, "id": "tr-b06-f080", "event_index": 0, "old": "Q2 FY2020", "new": "Q2 FY2021",
                  "basis": "section 7: the facility judged Q2 FY2021 in tr-b06-f076, the same call"})
decisions.append({"item": None, "id": "prF-mstr-8k-20250220-2", "event_index": 0, "old": None, "new": "Q1 2025",
                  "basis": "8s: the date the 8-K gives for the announcement or pricing, as its quarter"})
changed = 0
for dec in decisions:
    event = by_id[dec["id"]]["events"][dec["event_index"]]
    if event.get("period") not in (dec["old"], dec["new"]):
        raise SystemExit(f"{dec['id']}: label is {event.get('period')!r}, expected {dec['old']!r}")
    if event.get("period") != dec["new"]:
        event["period"] = dec["new"]
        changed += 1
CORPUS.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in lines), encoding="utf-8")
with open(HERE / "decisions.jsonl", "w", encoding="utf-8") as f:
    for dec in decisions:
        f.write(json.dumps(dec, ensure_ascii=False) + "\n")
print(f"{len(decisions)} decisions, {sum(d['old'] != d['new'] for d in decisions)} labels differ, {changed} changed now")
