"""Recall of the extractor on whole SEC filings, against a hand-made list of analyst facts.

The audit of 2026-12-02 (data/extraction/audit/whole_filings_REPORT.md) listed by hand the capex
and debt facts of 8 whole filings and counted which ones `monitor` found. This script repeats that
count on the current code, so the figure can be re-measured after every change to the extractor:

    python scripts/audit_filings.py --files DIR [--facts data/extraction/audit/facts_whole_filings.jsonl]

Each line of the facts file is one fact: `filing` (short id), `source` (repo@commit:path of the
filing), `company`, `type` (capex | debt), `amount_usd`, `period`, `where` and
`found_in_2026_12_02_audit`. The filing behind an id is `--map`'s entry for it (a JSON object
{filing id: file name in --files}), else `<filing id>.html` in --files, else the basename of its
`source` path.

The filings go through the command line exactly as a user would run it, against a temporary
SQLite database: `monitor ingest --kind filing --company COMPANY FILE` for each filing,
`monitor extract --no-sentiment` once, `monitor events --mentions --json`. A fact counts as found
when a mention of its filing has the same type, the same company (compared case-insensitively,
punctuation and legal suffixes removed) and an amount within 0.5 % (`amount_usd`, or either bound
of a range). Each mention credits at most one fact (a maximum one-to-one matching per filing), so a
cash-flow row of $797.6 million cannot also stand for a separate $800.0 million term loan, and two
$750 million tranches need two mentions; the count without that condition is shown beside it. The
period is not required; how often it agrees is reported apart.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.config import load_config  # noqa: E402
from monitor.nlp.companies import CompanyIndex  # noqa: E402

TOLERANCE = 0.005


@dataclass
class Fact:
    filing: str
    source: str
    company: str
    type: str
    amount_usd: float
    period: str | None
    where: str
    found_before: bool
    matches: list[dict[str, Any]] = field(default_factory=list)  # same type, company and amount
    near: list[dict[str, Any]] = field(default_factory=list)  # same amount, other company or type
    assigned: dict[str, Any] | None = None  # the mention this fact gets in the one-to-one matching

    @property
    def found(self) -> bool:
        return self.assigned is not None

    @property
    def period_agrees(self) -> bool:
        return any(m.get("period") == self.period for m in self.matches)


def load_facts(path: Path) -> list[Fact]:
    facts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            facts.append(Fact(d["filing"], d["source"], d["company"], d["type"], float(d["amount_usd"]),
                              d.get("period"), d.get("where", ""), bool(d.get("found_in_2026_12_02_audit"))))
    return facts


_COMPANIES: CompanyIndex | None = None


def company_key(name: str | None) -> str:
    """The project's own comparison key, that of `monitor eval events` ("J.M. Smucker" and "J M
    Smucker Co" are one company, and so are "IBM" and "International Business Machines")."""
    global _COMPANIES
    if _COMPANIES is None:
        _COMPANIES = CompanyIndex(load_config(ROOT / "feeds.yaml").companies)
    return _COMPANIES.canonical(name) or ""


def amounts(event: dict[str, Any]) -> list[float]:
    return [float(event[k]) for k in ("amount_usd", "amount_low_usd", "amount_high_usd") if event.get(k)]


def same_amount(fact: Fact, event: dict[str, Any], scale: float = 1.0) -> bool:
    return any(abs(a * scale - fact.amount_usd) <= TOLERANCE * fact.amount_usd for a in amounts(event))


def filing_files(facts: list[Fact], folder: Path, mapping: dict[str, str]) -> dict[str, Path]:
    files = {}
    for fact in facts:
        if fact.filing in files:
            continue
        candidates = [folder / mapping[fact.filing]] if fact.filing in mapping else [
            folder / f"{fact.filing}.html", folder / Path(fact.source.rsplit(":", 1)[-1]).name]
        path = next((p for p in candidates if p.is_file()), None)
        if path is None:
            raise SystemExit(f"no file for {fact.filing} in {folder} (tried {', '.join(map(str, candidates))})")
        files[fact.filing] = path
    if len(set(files.values())) < len(files):
        raise SystemExit("two filings map to the same file: give --map")
    return files


def run_monitor(monitor: list[str], db: Path, config: Path, *args: str) -> str:
    cmd = [*monitor, "--config", str(config), "--db", str(db), *args]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def extract_mentions(files: dict[str, Path], companies: dict[str, str], monitor: str, config: Path,
                     workdir: Path) -> list[dict[str, Any]]:
    """Every mention the tool reports for the filings, from a new database in `workdir`."""
    db = workdir / "audit.db"
    if db.exists():
        raise SystemExit(f"{db} exists: give an empty --workdir")
    for filing, path in files.items():
        run_monitor([monitor], db, config, "ingest", "--kind", "filing", "--company", companies[filing], str(path))
    run_monitor([monitor], db, config, "extract", "--no-sentiment")
    rows: list[dict[str, Any]] = json.loads(run_monitor([monitor], db, config, "events", "--mentions", "--json"))
    (workdir / "mentions.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return rows


def by_filing(rows: list[dict[str, Any]], files: dict[str, Path]) -> dict[str, list[dict[str, Any]]]:
    """Mentions per filing id: a mention's document URL (file://...) names its file."""
    by_name = {path.resolve().name: filing for filing, path in files.items()}
    per_filing: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        name = Path(str(row.get("document_url") or "").removeprefix("file://")).name
        if name not in by_name:
            raise SystemExit(f"mention of an unknown document: {row.get('document_url')!r}")
        per_filing[by_name[name]].append(row)
    return per_filing


def judge(facts: list[Fact], mentions: dict[str, list[dict[str, Any]]]) -> None:
    for fact in facts:
        for event in mentions.get(fact.filing, []):
            if not same_amount(fact, event):
                if same_amount(fact, event, 1e3) or same_amount(fact, event, 1e6):
                    fact.near.append(event)  # the right figure read at the wrong scale
                continue
            if event.get("type") == fact.type and company_key(event.get("company")) == company_key(fact.company):
                fact.matches.append(event)
            else:
                fact.near.append(event)
    for filing in dict.fromkeys(f.filing for f in facts):
        assign_one_to_one([f for f in facts if f.filing == filing])


def assign_one_to_one(facts: list[Fact]) -> None:
    """A maximum matching of facts to their candidate mentions (augmenting paths; the sets are small)."""
    owner: dict[Any, Fact] = {}

    def augment(fact: Fact, seen: set[Any]) -> bool:
        for event in fact.matches:
            key = event["id"]
            if key in seen:
                continue
            seen.add(key)
            if key not in owner or augment(owner[key], seen):
                owner[key] = fact
                fact.assigned = event
                return True
        return False

    for fact in facts:
        augment(fact, set())


def share(n: int, d: int) -> str:
    return f"{n}/{d} = {100 * n / d:.1f} %" if d else "0/0"


def report(facts: list[Fact], mentions: dict[str, list[dict[str, Any]]]) -> str:
    out = ["| Filing | Facts | Found | Capex | Debt | Any-match rule | Found in 2026-12-02 audit | Mentions |",
           "|---|---|---|---|---|---|---|---|"]
    filings = list(dict.fromkeys(f.filing for f in facts))
    for filing in filings + ["Total"]:
        fs = facts if filing == "Total" else [f for f in facts if f.filing == filing]
        by = {t: [f for f in fs if f.type == t] for t in ("capex", "debt")}
        n_mentions = sum(len(v) for v in mentions.values()) if filing == "Total" else len(mentions.get(filing, []))
        out.append(f"| {filing} | {len(fs)} | {share(sum(f.found for f in fs), len(fs))} | "
                   + " | ".join(f"{sum(f.found for f in by[t])}/{len(by[t])}" for t in ("capex", "debt"))
                   + f" | {sum(bool(f.matches) for f in fs)}/{len(fs)} | {sum(f.found_before for f in fs)}/{len(fs)}"
                   + f" | {n_mentions} |")
    found = [f for f in facts if f.found]
    lenient = sum(any(str(m.get("period") or "").replace("FY", "") == str(f.period).replace("FY", "")
                      for m in f.matches) for f in found)
    out += ["", f"Period agreement among found facts (a matching mention has the fact's period): "
                f"{share(sum(f.period_agrees for f in found), len(found))}; "
                f"accepting a fiscal year written as a calendar one (FY2023 as 2023): {share(lenient, len(found))}.",
            "", "Found facts whose period disagrees (fact period → periods of the matching mentions):"]
    for f in found:
        if not f.period_agrees:
            periods = sorted({str(m.get("period")) for m in f.matches})
            out.append(f"- {f.filing} {f.type} {f.amount_usd:,.0f} {f.period} → {', '.join(periods)} ({f.where})")
    changed = [f for f in facts if f.found != f.found_before]
    out += ["", "Changed since the 2026-12-02 audit:"]
    out += [f"- {'now found' if f.found else 'now missed'}: {f.filing} {f.type} {f.amount_usd:,.0f} {f.period} "
            f"({f.where})" for f in changed] or ["- none"]
    out += ["", "Misses (near: the amount seen with another type or company, or at another scale):"]
    for f in facts:
        if not f.found:
            near = "; ".join(sorted({f"{m.get('type')} {m.get('company')!r} {m.get('amount_text')!r} = "
                                     + "-".join(f"{a:,.0f}" for a in amounts(m)) + " USD" for m in f.near}))
            taken = "; ".join(f"{m.get('amount_text')!r} in {one_line(m.get('sentence'))!r}" for m in f.matches)
            out.append(f"- {f.filing} {f.type} {f.amount_usd:,.0f} {f.period}: {f.where}"
                       + (f" [near: {near}]" if near else "")
                       + (f" [its only candidate mentions went to other facts: {taken}]" if taken else ""))
    return "\n".join(out)


def one_line(text: str | None, width: int = 100) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--facts", type=Path, default=ROOT / "data/extraction/audit/facts_whole_filings.jsonl")
    ap.add_argument("--files", type=Path, required=True, help="Folder holding the filings")
    ap.add_argument("--map", type=Path, help="JSON object {filing id: file name in --files}")
    ap.add_argument("--config", type=Path, default=ROOT / "feeds.yaml", help="monitor configuration (companies)")
    ap.add_argument("--monitor", default=str(Path(sys.executable).with_name("monitor")),
                    help="monitor executable (default: the one beside this Python)")
    ap.add_argument("--workdir", type=Path, help="Keep the database and mentions.json here (default: a temporary folder)")
    ap.add_argument("--mentions", type=Path, help="Judge this saved mentions.json (from --workdir) instead of running monitor")
    args = ap.parse_args(argv)

    facts = load_facts(args.facts)
    mapping = json.loads(args.map.read_text(encoding="utf-8")) if args.map else {}
    files = filing_files(facts, args.files, mapping)
    if args.mentions:
        rows = json.loads(args.mentions.read_text(encoding="utf-8"))
    else:
        companies = {f.filing: f.company for f in reversed(facts)}  # a filing's first fact names its filer
        workdir = args.workdir or Path(tempfile.mkdtemp(prefix="audit_filings_"))
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            rows = extract_mentions(files, companies, args.monitor, args.config, workdir)
        finally:
            if args.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)
    mentions = by_filing(rows, files)
    judge(facts, mentions)
    print(report(facts, mentions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
