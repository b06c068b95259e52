"""Build monitor/data/sec_fiscal_year_ends.json: the month each SEC filer's fiscal year ends.

A call or an article says "the quarter" or "in June" of a company we do not configure; whether that
is Q2 2024 or Q2 FY2024 (lululemon's year ends in January, Darden's in May, Visa's in September)
depends on the company's fiscal calendar. The SEC's Financial Statement Data Sets state it for
every XBRL filer: `sub.txt` has one row per 10-K/10-Q/20-F/40-F with the filer's CIK and its
fiscal year end (`fye`, MMDD).

    python scripts/fiscal_calendars.py SUB [SUB ...]

Each SUB is a `sub.txt` (tab-separated, as the SEC publishes it) or the same table as a Parquet
file (read with pyarrow, which only this script needs). Later files win, so pass them oldest
first. The shipped table was built from the quarters 2010q1-2010q4 and 2021q1 as kept in
HansjoergW/sec-fincancial-statement-data-set@64eac750d0ed56f697a2f1be60489a4d1675da9c
(`tests/_testdata/parquet_new/quarter/<quarter>.zip/sub.txt.parquet`); the data are the SEC's
(public domain), the repository is Apache-2.0.

A 52/53-week year ending in a month's first week counts as the month before (Apple's "0926" is a
September year, Adobe's "1202" a November one), as `monitor.collect.edgar.fiscal_year_end_month`
reads a filing's own header.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.collect.edgar import fiscal_year_end_month  # noqa: E402

FORMS = {"10-K", "10-K/A", "10-KT", "10-Q", "10-Q/A", "20-F", "20-F/A", "40-F", "40-F/A"}


def read_rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq  # a build-time need only

        return pq.read_table(path, columns=["cik", "fye", "form", "filed"]).to_pylist()
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def build(paths: list[Path]) -> dict[int, int]:
    months: dict[int, tuple[str, int]] = {}  # cik -> (filed, month): the latest filing wins
    for path in paths:
        for row in read_rows(path):
            if row.get("form") not in FORMS or not row.get("fye"):
                continue
            fye = str(row["fye"]).strip()
            month = fiscal_year_end_month(fye.zfill(4))
            if month is None:
                continue
            cik = int(row["cik"])
            filed = str(row.get("filed") or "")
            if cik not in months or filed >= months[cik][0]:
                months[cik] = (filed, month)
    return {cik: month for cik, (_, month) in sorted(months.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("subs", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "monitor" / "data" / "sec_fiscal_year_ends.json")
    args = parser.parse_args()
    table = build(args.subs)
    payload = {
        "source": "SEC Financial Statement Data Sets, sub.txt (fye) of " + ", ".join(p.parent.name or p.name for p in args.subs),
        "fields": ["cik", "fiscal_year_end_month"],
        "data": [[cik, month] for cik, month in table.items()],
    }
    args.out.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    not_december = sum(1 for m in table.values() if m != 12)
    print(f"{len(table)} filers, {not_december} with a fiscal year not ending in December -> {args.out}")


if __name__ == "__main__":
    main()
