"""The cash-flow facts a filing tags in inline XBRL (capex and debt proceeds, contexts without
dimensions), matched by type and amount (within 0.5%) against a run's mentions of that filing.

    python xbrl_facts.py FILINGS OUT [TICKER ...]

FILINGS holds one folder of filings per ticker; OUT one TICKER.json per ticker (`monitor events
--mentions --json`). A check of facts found in statements, not of what the guideline counts.
"""

from __future__ import annotations

import collections
import html
import json
import re
import sys
from pathlib import Path

CAPEX = {"PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets", "PaymentsForCapitalImprovements",
         "PaymentsToAcquireOtherPropertyPlantAndEquipment", "PaymentsToAcquireRealEstate"}
DEBT = {"ProceedsFromIssuanceOfLongTermDebt", "ProceedsFromIssuanceOfSeniorLongTermDebt", "ProceedsFromIssuanceOfDebt",
        "ProceedsFromLinesOfCredit", "ProceedsFromLongTermLinesOfCredit", "ProceedsFromConvertibleDebt",
        "ProceedsFromIssuanceOfUnsecuredDebt", "ProceedsFromIssuanceOfSecuredDebt", "ProceedsFromBankDebt",
        "ProceedsFromIssuanceOfCommercialPaper", "ProceedsFromShortTermDebt", "ProceedsFromNotesPayable",
        "ProceedsFromIssuanceOfSubordinatedLongTermDebt", "ProceedsFromDebtNetOfIssuanceCosts",
        "ProceedsFromIssuanceOfLongTermDebtAndCapitalSecuritiesNet", "ProceedsFromSecuredNotesPayable",
        "ProceedsFromRelatedPartyDebt", "ProceedsFromIssuanceOfNotesPayable", "ProceedsFromUnsecuredNotesPayable",
        "ProceedsFromIssuanceOfSeniorDebt", "ProceedsFromOtherDebt", "ProceedsFromRepaymentsOfShortTermDebt"}
_CONTEXT = re.compile(r"<xbrli:context\b[^>]*\bid=\"([^\"]+)\"(.*?)</xbrli:context>", re.S | re.I)
_FACT = re.compile(r"<ix:nonFraction\b([^>]*)>(.*?)</ix:nonFraction>", re.S | re.I)


def facts(path: Path) -> list[tuple[str, str, str, str, float]]:
    """(type, concept, start, end, value in dollars) of each positive fact, once."""
    text = path.read_text(encoding="utf-8", errors="replace")
    periods = {}
    for m in _CONTEXT.finditer(text):
        start, end = re.search(r"startDate>([\d-]+)<", m.group(2)), re.search(r"endDate>([\d-]+)<", m.group(2))
        if start and end and not re.search(r"segment", m.group(2), re.I):
            periods[m.group(1)] = (start.group(1), end.group(1))
    out = {}
    for m in _FACT.finditer(text):
        attrs = m.group(1)
        name = re.search(r"\bname=\"[^\":]*:(\w+)\"", attrs)
        context = re.search(r"contextRef=\"([^\"]+)\"", attrs)
        if not name or not context or context.group(1) not in periods:
            continue
        kind = "capex" if name.group(1) in CAPEX else "debt" if name.group(1) in DEBT else None
        cell = html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).replace(",", "").replace("$", "").strip()
        try:
            value = float(cell)
        except ValueError:
            continue
        scale = re.search(r"\bscale=\"(-?\d+)\"", attrs)
        value *= 10 ** int(scale.group(1)) if scale else 1
        if kind and value > 0 and not re.search(r"\bsign=\"-\"", attrs):
            out[(kind, name.group(1), *periods[context.group(1)])] = value
    return [(*key, value) for key, value in out.items()]


def main(filings: Path, out: Path, tickers: list[str]) -> None:
    counts: collections.Counter = collections.Counter()
    for folder in sorted(p for p in filings.iterdir() if p.is_dir() and (not tickers or p.name in tickers)):
        mentions = json.loads((out / f"{folder.name}.json").read_text())
        for filing in sorted(folder.iterdir()):
            mine = [m for m in mentions if m["document_url"].endswith(filing.name)]
            for kind, concept, start, end, value in facts(filing):
                found = any(m["type"] == kind and m.get("amount_usd") and abs(m["amount_usd"] - value) <= 0.005 * value for m in mine)
                counts[(kind, "found" if found else "missed")] += 1
                if not found:
                    print("missed", folder.name, filing.name, concept, start, end, value)
    for key in sorted(counts):
        print(key, counts[key])


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
