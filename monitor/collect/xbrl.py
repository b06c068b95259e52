"""SEC XBRL company facts (data.sec.gov/api/xbrl/companyfacts/CIK##########.json) -> Facts.

The API returns every value a filer has tagged in its 10-K/10-Q/8-K XBRL, by taxonomy and
concept, each with its period, the filing that reported it (accession, form, filing date) and
the filing's fiscal year and period. We keep only the concepts the ledger maps (see
LedgerSettings.concepts), so that a filer's multi-megabyte history stays a few thousand rows.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from monitor.models import stable_id


class FactsError(Exception):
    """A company-facts response that cannot be used; the message is the reason."""


@dataclass
class Fact:
    """One reported value: a concept for a period (start..end, or an instant: end only), as one
    filing reported it. The same period reported again by a later filing is another Fact; the
    store marks the latest filed one as current (a restatement supersedes, nothing is lost)."""

    cik: int
    company: str | None
    taxonomy: str
    concept: str
    unit: str
    start: str | None
    end: str
    value: float
    accession: str
    form: str | None
    filed: str | None
    fy: int | None
    fp: str | None
    frame: str | None = None

    @property
    def id(self) -> str:
        return stable_id(str(self.cik), self.taxonomy, self.concept, self.unit, self.start or "", self.end,
                         self.accession)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["id"] = self.id
        return d


def facts_url(data_url: str, cik: int) -> str:
    return f"{data_url.rstrip('/')}/api/xbrl/companyfacts/CIK{cik:010d}.json"


def parse_company_facts(content: bytes, concepts: set[str] | None = None, *, cik: int | None = None) -> list[Fact]:
    """The facts of the given concepts (all when None) in a companyfacts response. Values in
    units other than USD are skipped: the ledger is in dollars. A fact missing its end date,
    value or accession is malformed and skipped."""
    try:
        data = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FactsError(f"malformed company-facts JSON: {str(exc)[:120]}") from None
    except RecursionError:
        raise FactsError("malformed company-facts JSON: nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("facts"), dict):
        raise FactsError("not an XBRL company-facts response (no `facts`)")
    try:
        filer = int(data.get("cik") or cik or 0)
    except (TypeError, ValueError):
        raise FactsError(f"bad cik {data.get('cik')!r} in company-facts JSON") from None
    if cik and filer and filer != cik:
        raise FactsError(f"company facts of CIK {filer}, not of CIK {cik} as configured")
    name = _text(data.get("entityName"), 200)
    out: list[Fact] = []
    for taxonomy, by_concept in data["facts"].items():
        if not isinstance(by_concept, dict):
            continue
        for concept, body in by_concept.items():
            if concepts is not None and concept not in concepts:
                continue
            units = body.get("units") if isinstance(body, dict) else None
            for unit, values in (units or {}).items():
                if unit != "USD" or not isinstance(values, list):
                    continue
                for v in values:
                    fact = _fact(v, filer, name, taxonomy, concept, unit)
                    if fact is not None:
                        out.append(fact)
    return out


def _date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD), or None for anything else."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _text(value: Any, limit: int = 40) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def _fact(v: Any, cik: int, company: str | None, taxonomy: str, concept: str, unit: str) -> Fact | None:
    if not isinstance(v, dict):
        return None
    end, value, accession = _date(v.get("end")), v.get("val"), _text(v.get("accn"))
    if end is None or not isinstance(value, int | float) or isinstance(value, bool) or not accession:
        return None
    if not math.isfinite(value):
        return None
    start = _date(v.get("start"))
    if v.get("start") is not None and (start is None or start > end):
        return None
    fy = v.get("fy")
    return Fact(
        cik=cik, company=company, taxonomy=taxonomy, concept=concept, unit=unit, start=start, end=end,
        value=float(value), accession=accession, form=_text(v.get("form")), filed=_date(v.get("filed")),
        fy=fy if isinstance(fy, int) and not isinstance(fy, bool) else None, fp=_text(v.get("fp")),
        frame=_text(v.get("frame")),
    )
