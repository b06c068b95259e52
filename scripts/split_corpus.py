"""Split the labelled corpus (data/extraction/corpus.jsonl) into train, dev and a locked test.

Never one document in two splits, and the test split's publishers and companies are absent from
train:

- a passage's *group* is who wrote it: the outlet for news, the company for a filing, a press
  release or an earnings call (their authors are the companies themselves);
- whole groups go to test, chosen by a stable hash of the group's name (no choice by hand) until
  test holds TEST_SHARE of each source kind; news outlets that hold more than a fifth of the
  news are kept out of test so that train still sees that kind of text;
- every passage outside test that names a test company (the line's `company` or an event's) goes
  to dev, not train; the rest is split into train and dev by a stable hash of its document.

Run: python scripts/split_corpus.py [--corpus data/extraction/corpus.jsonl]
It rewrites train.jsonl, dev.jsonl, test.jsonl and splits.json beside the corpus. The result
depends only on the corpus: re-running it changes nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

TEST_SHARE = 0.22
DEV_SHARE = 0.15
LEGAL = re.compile(r"[,.]?\s+(?:inc|corp|corporation|co|company|ltd|limited|plc|llc|group|holdings?|sa|ag|nv|se)\.?$", re.I)


def canonical(name: str | None) -> str | None:
    if not name:
        return None
    name = " ".join(str(name).split()).strip()
    while True:
        short = LEGAL.sub("", name)
        if short == name:
            break
        name = short
    return name.casefold() or None


def _hash(text: str) -> float:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:12], 16) / 16**12


def group_of(line: dict) -> str:
    if line.get("source_kind") == "news":
        return "outlet:" + str(line.get("publisher") or line.get("doc"))
    company = canonical(line.get("company")) or canonical(next((e.get("company") for e in line.get("events", [])), None))
    return "company:" + (company or str(line.get("publisher") or line.get("doc")))


def companies_of(line: dict) -> set[str]:
    names = {canonical(line.get("company"))} | {canonical(e.get("company")) for e in line.get("events", [])}
    return {n for n in names if n}


def doc_groups(lines: list[dict]) -> dict[str, str]:
    """Each document's group: the one most of its passages have, so a document stays whole."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for line in lines:
        votes[line["doc"]][group_of(line)] += 1
    return {doc: c.most_common(1)[0][0] for doc, c in votes.items()}


def split(lines: list[dict]) -> dict[str, list[dict]]:
    doc_group = doc_groups(lines)

    def group(line: dict) -> str:
        return doc_group[line["doc"]]

    doc_companies: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        doc_companies[line["doc"]] |= companies_of(line)
    by_kind: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for line in lines:
        by_kind[line.get("source_kind", "news")][group(line)].append(line)
    test_groups: set[str] = set()
    for kind, groups in by_kind.items():
        total = sum(len(v) for v in groups.values())
        taken = 0
        for name in sorted(groups, key=_hash):
            size = len(groups[name])
            if taken >= TEST_SHARE * total:
                break
            if kind == "news" and size > total / 5:
                continue
            if taken + size > 1.5 * TEST_SHARE * total:
                continue
            test_groups.add(name)
            taken += size
    test = [x for x in lines if group(x) in test_groups]
    test_companies = set().union(*(companies_of(x) for x in test)) if test else set()
    train, dev = _train_or_dev([x for x in lines if group(x) not in test_groups], doc_companies, test_companies)
    return {"train": train, "dev": dev, "test": test}


def _train_or_dev(lines: list[dict], doc_companies: dict[str, set[str]], test_companies: set[str]) -> tuple[list[dict], list[dict]]:
    """A document that names a test company goes to dev; the rest by a stable hash of the document."""
    train, dev = [], []
    for line in lines:
        if doc_companies[line["doc"]] & test_companies or _hash("dev:" + str(line["doc"])) < DEV_SHARE:
            dev.append(line)
        else:
            train.append(line)
    return train, dev


def split_releases(lines: list[dict]) -> dict[str, list[dict]]:
    """Each release split once and then frozen, so the locked test split only ever grows by
    passages nobody has scored: the first release's lines (no `release` field) split by `split`;
    the lines of each later release (`"release": 2`, 3, ...) among themselves by the same rule,
    except that a group already in a split keeps it, and a group whose companies train has seen
    never goes to test. Any passage outside test that names a test company goes to dev."""
    releases = sorted({int(x.get("release") or 1) for x in lines})
    parts = split([x for x in lines if int(x.get("release") or 1) == releases[0]])
    for release in releases[1:]:
        parts = _add_release(parts, [x for x in lines if int(x.get("release") or 1) == release])
    return parts


def _add_release(parts: dict[str, list[dict]], new: list[dict]) -> dict[str, list[dict]]:
    def groups(part: list[dict]) -> set[str]:
        return {group_of(x) for x in part}

    old_test, old_rest = groups(parts["test"]), groups(parts["train"]) | groups(parts["dev"])
    train_companies = set().union(*(companies_of(x) for x in parts["train"]))
    fresh = split([x for x in new if group_of(x) not in old_test | old_rest])
    new_test = [x for x in new if group_of(x) in old_test]
    # such a line must go to test (its outlet or company is there), and test must name no company
    # train has seen: a release may not hold one that does (leave it out of the corpus)
    clash = [x["id"] for x in new_test if companies_of(x) & train_companies]
    if clash:
        raise ValueError(f"lines of a locked-test group name companies train has seen: {', '.join(clash)}")
    by_group: dict[str, list[dict]] = defaultdict(list)
    doc_group = doc_groups(new)  # a document's lines stay together even where their own groups differ
    for x in fresh["test"]:
        by_group[doc_group[x["doc"]]].append(x)
    for members in by_group.values():  # a whole group or none of it, and only one train has not seen
        if not set().union(*(companies_of(y) for y in members)) & train_companies:
            new_test.extend(members)
    test_docs = {x["doc"] for x in new_test}
    test = parts["test"] + new_test
    test_companies = set().union(*(companies_of(x) for x in test))
    train, dev = [], list(parts["dev"])
    for x in parts["train"]:
        (dev if companies_of(x) & test_companies else train).append(x)
    doc_companies: dict[str, set[str]] = defaultdict(set)
    for x in new:
        doc_companies[x["doc"]] |= companies_of(x)
    new_train, new_dev = _train_or_dev([x for x in new if x["doc"] not in test_docs], doc_companies, test_companies)
    return {"train": train + new_train, "dev": dev + new_dev, "test": test}


def stats(lines: list[dict]) -> dict:
    return {
        "passages": len(lines),
        "with_events": sum(1 for x in lines if x.get("events")),
        "hard_negatives": sum(1 for x in lines if not x.get("events")),
        "events": dict(Counter(e["type"] for x in lines for e in x.get("events", []))),
        "documents": len({x["doc"] for x in lines}),
        "companies": len(set().union(*(companies_of(x) for x in lines))) if lines else 0,
        "source_kinds": dict(Counter(x.get("source_kind") for x in lines)),
        "non_us_share": round(sum(1 for x in lines if x.get("country") not in (None, "US")) / max(1, len(lines)), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="data/extraction/corpus.jsonl")
    args = parser.parse_args()
    path = Path(args.corpus)
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    parts = split_releases(lines)
    docs = {name: {x["doc"] for x in part} for name, part in parts.items()}
    assert not (docs["train"] & docs["test"]) and not (docs["dev"] & docs["test"]) and not (docs["train"] & docs["dev"])
    # every passage in exactly one split: a document whose lines name two publishers would fall between them
    assert sum(len(part) for part in parts.values()) == len(lines), "a passage is in no split: give every line of a document one publisher"
    for name, part in parts.items():
        (path.parent / f"{name}.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in part), encoding="utf-8")
    summary = {"all": stats(lines), **{name: stats(part) for name, part in parts.items()}}
    (path.parent / "splits.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
