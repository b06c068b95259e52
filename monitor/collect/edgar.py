"""SEC EDGAR: filings identified by accession number, with filer name, CIK and form.

Listings (the Atom feeds, a filer's submissions JSON) describe filings; the filing index page
names each document with its type (the form itself, EX-99.1...); the full-submission `.txt`
holds all documents between <DOCUMENT> tags. One filing becomes one Document.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from monitor.collect.dates import parse_date
from monitor.collect.feeds import FeedEntry, load_json
from monitor.collect.html import extract_filing, soup_of
from monitor.models import Document

ACCESSION_RE = re.compile(r"\b(\d{10}-\d{2}-\d{6})\b")
_TITLE_RE = re.compile(r"^\s*(?P<form>[^\s].*?)\s+-\s+(?P<name>.+?)\s+\((?P<cik>\d{4,10})\)\s*(?:\((?P<role>\w+)\))?\s*$")
_ITEM_RE = re.compile(r"\bItems?\s+(\d\.\d\d)", re.I)
_ITEMS_DESC_RE = re.compile(r"\d\.\d\d")
_ARCHIVE_CIK_RE = re.compile(r"/Archives/edgar/data/(\d+)/")


class EdgarError(Exception):
    """An EDGAR listing or index that cannot be used; the message is the reason."""


@dataclass
class Filing:
    """One filing as a listing (an Atom feed entry, the submissions JSON) describes it."""

    accession: str
    form: str | None
    company: str | None
    cik: int | None
    items: list[str] = field(default_factory=list)
    filed: str | None = None  # ISO date or date-time
    primary_document: str | None = None
    description: str | None = None
    report_date: str | None = None
    title: str | None = None
    link: str | None = None
    summary: str = ""

    @property
    def folder(self) -> str:
        return self.accession.replace("-", "")

    def index_url(self, archive_url: str) -> str:
        return f"{archive_url.rstrip('/')}/Archives/edgar/data/{self.cik}/{self.folder}/{self.accession}-index.htm"

    def document_url(self, archive_url: str, name: str) -> str:
        return f"{archive_url.rstrip('/')}/Archives/edgar/data/{self.cik}/{self.folder}/{name}"

    def matches(self, forms: list[str]) -> bool:
        form = (self.form or "").strip().upper()
        return not forms or any(form == f.upper() or form.startswith(f.upper() + "/") for f in forms)


def accession_of(*texts: str | None) -> str | None:
    for t in texts:
        if t:
            m = ACCESSION_RE.search(t)
            if m:
                return m.group(1)
    return None


def filing_ref(entry: FeedEntry) -> Filing | None:
    """What an EDGAR feed entry says about its filing (None when it names no accession)."""
    accession = accession_of(
        entry.extra.get("edgar_accessionnumber"), entry.id, entry.summary, entry.link
    )
    if not accession:
        return None
    form = entry.extra.get("edgar_formtype") or (entry.tags[0] if entry.tags else None)
    company = entry.extra.get("edgar_companyname")
    cik_text = entry.extra.get("edgar_ciknumber")
    m = _TITLE_RE.match(entry.title or "")
    if m:
        form = form or m.group("form").strip()
        company = company or m.group("name").strip()
        cik_text = cik_text or m.group("cik")
    elif entry.title and not form:
        form = entry.title.split(" - ")[0].strip() or None
    if not cik_text and entry.link:
        lm = _ARCHIVE_CIK_RE.search(entry.link)
        cik_text = lm.group(1) if lm else None
    items = sorted(set(_ITEM_RE.findall(entry.summary)))
    return Filing(
        accession=accession,
        form=form,
        company=company,
        cik=int(cik_text) if cik_text and cik_text.isdigit() else None,
        items=items,
        filed=entry.published,
        title=entry.title,
        link=entry.link,
        summary=entry.summary,
    )


def entry_document(entry: FeedEntry, source: str, *, company: str | None = None, cik: int | None = None) -> Document | None:
    ref = filing_ref(entry)
    if ref is None:
        return None
    return stub_document(ref, source, company=company, cik=cik)


_ROLE_RE = re.compile(r"\((Issuer|Subject|Filer|Filed by|Reporting)\)\s*$", re.I)
# Whose listing entry stands for a filing listed under several filers (a Form 4 under its issuer
# and each reporting owner, an 8-K under co-registrants): the company it is about first.
_ROLE_RANK = {"issuer": 0, "subject": 0, "filer": 1, "filed by": 2, "reporting": 2}


def listing_rank(filing: Filing) -> list[int]:
    """The order in which listing entries of one filing stand for it: role, then lowest CIK.
    A fixed order, so that reading the listings again, or in another order, stores the same."""
    m = _ROLE_RE.search(filing.title or "")
    return [_ROLE_RANK[m.group(1).lower()] if m else 1, filing.cik if filing.cik is not None else 10**10]


def stub_document(filing: Filing, source: str, *, company: str | None = None, cik: int | None = None) -> Document:
    """The filing as its listing describes it: stored at once so that nothing is lost when its
    documents cannot be fetched yet; replaced by the full text when they can."""
    title = filing.title or " - ".join(p for p in (filing.form, filing.company or company) if p) or filing.accession
    if company and filing.company is None and company not in title:
        title = f"{title} - {company}"
    lines = [title]
    if filing.summary:
        lines.append(filing.summary)
    elif filing.items:
        lines.append("Items " + ", ".join(filing.items))
    return Document(
        id=filing.accession,
        source=source,
        kind="filing",
        text="\n".join(lines),
        title=title,
        url=filing.link,
        published=filing.filed,
        company=filing.company or company,
        cik=filing.cik or cik,
        meta={"form": filing.form, "items": filing.items, "accession": filing.accession,
              "listing_rank": listing_rank(filing)},
    )


# -- the submissions JSON (data.sec.gov/submissions/CIK##########.json) ----------------------


def filings_from_submissions(content: bytes) -> tuple[list[Filing], list[dict[str, Any]]]:
    """The filings of one filer, newest first, and the older pages (`filings.files`) to walk
    for history. The JSON is columnar: one array per field, index i across them is filing i."""
    try:
        data = load_json(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EdgarError(f"malformed submissions JSON: {exc}") from None
    if not isinstance(data, dict):
        raise EdgarError("malformed submissions JSON: not an object")
    name = data.get("name")
    cik = data.get("cik")
    if "filings" in data:
        recent = (data.get("filings") or {}).get("recent") or {}
        older = (data.get("filings") or {}).get("files") or []
    elif "accessionNumber" in data:  # one of the older pages
        recent, older = data, []
    else:
        raise EdgarError("not an EDGAR submissions JSON (no filings)")
    columns = {k: v for k, v in recent.items() if isinstance(v, list)}
    accessions = columns.get("accessionNumber") or []
    out = []
    for i, accession in enumerate(accessions):
        def col(key: str, i: int = i) -> Any:
            values = columns.get(key) or []
            return values[i] if i < len(values) and values[i] not in ("", None) else None

        items = [x.strip() for x in (col("items") or "").split(",") if x.strip()]
        accepted = col("acceptanceDateTime")
        out.append(
            Filing(
                accession=str(accession),
                form=col("form"),
                company=name,
                cik=int(cik) if cik and str(cik).isdigit() else None,
                items=items,
                filed=(accepted[:19] + "+00:00") if accepted and len(accepted) >= 19 else col("filingDate"),
                primary_document=col("primaryDocument"),
                description=col("primaryDocDescription"),
                report_date=col("reportDate"),
                title=f"{col('form')} - {name}" if name else col("form"),
            )
        )
    out.sort(key=lambda f: f.filed or "", reverse=True)
    return out, [f for f in older if isinstance(f, dict) and f.get("name")]


# -- the filing index page (NNNNNNNNNN-YY-NNNNNN-index.htm) ----------------------------------


@dataclass
class IndexRow:
    seq: str
    description: str
    name: str
    url: str
    type: str
    size: int | None


def parse_index(content: bytes | str, url: str) -> list[IndexRow]:
    """The "Document Format Files" table of a filing index: every document with its type."""
    soup = soup_of(content)
    table = soup.find("table", attrs={"summary": re.compile("Document Format Files", re.I)})
    if table is None:
        table = soup.find("table", class_="tableFile")
    if table is None:
        raise EdgarError("filing index without a document table")
    rows = []
    for tr in table.find_all("tr"):
        cells = tr.find_all("td")
        if len(cells) < 4:
            continue
        link = cells[2].find("a")
        if link is None or not link.get("href"):
            continue
        href = str(link["href"])
        if href.startswith("/ix?doc="):  # the inline XBRL viewer wraps the document's path
            href = href[len("/ix?doc="):]
        size_text = re.sub(r"\D", "", cells[4].get_text()) if len(cells) > 4 else ""
        rows.append(
            IndexRow(
                seq=cells[0].get_text(strip=True),
                description=cells[1].get_text(" ", strip=True),
                name=link.get_text(strip=True),
                url=urljoin(url, href),
                type=cells[3].get_text(strip=True).upper(),
                size=int(size_text) if size_text else None,
            )
        )
    if not rows:
        raise EdgarError("filing index lists no documents")
    return rows


_TEXT_DOC = re.compile(r"\.(?:htm|html|txt|xml)$", re.I)


def choose_documents(filing: Filing, rows: list[IndexRow], exhibits: list[str]) -> tuple[IndexRow | None, list[IndexRow]]:
    """The primary document (the form itself) and the exhibits worth reading (EX-99.x: the
    press release of an 8-K)."""
    form = (filing.form or "").upper()
    readable = [r for r in rows if _TEXT_DOC.search(r.name)]
    primary = None
    if filing.primary_document:
        primary = next((r for r in readable if r.name == filing.primary_document), None)
    if primary is None:
        primary = next((r for r in readable if r.type == form), None)
    if primary is None:
        primary = next((r for r in readable if r.seq == "1"), None) or (readable[0] if readable else None)
    wanted = [p.upper() for p in exhibits]
    chosen = [
        r for r in readable
        if r is not primary and any(r.type == p or r.type.startswith(p + ".") or r.type.startswith(p) for p in wanted)
    ]
    return primary, chosen


def expected_exhibits(filing: Filing) -> list[str]:
    """What a complete filing of this kind carries: an 8-K reporting results (item 2.02) or a
    Regulation FD release (7.01) furnishes its press release as EX-99."""
    form = (filing.form or "").upper()
    if form.startswith("8-K") and any(i in ("2.02", "7.01") for i in filing.items):
        return ["EX-99"]
    return []


# -- sections of long periodic reports -------------------------------------------------------

_LIQUIDITY = re.compile(r"^\s*Liquidity and Capital Resources\.?\s*$", re.I | re.M)
_CASH_FLOWS = re.compile(r"^\s*(?:CONDENSED\s+)?CONSOLIDATED\s+STATEMENTS?\s+OF\s+CASH\s+FLOWS\s*(?:\(.*\))?\s*$", re.I | re.M)
_NEXT_HEADING = re.compile(
    r"^\s*(?:Item\s+\d+[A-C]?\.|Results of Operations|Critical Accounting|Quantitative and Qualitative|"
    r"Recent Accounting|(?:CONDENSED\s+)?CONSOLIDATED\s+(?:STATEMENTS?|BALANCE\s+SHEETS?)\b|"
    r"Notes to (?:Condensed )?Consolidated|NOTES TO)",
    re.I | re.M,
)


def _section(text: str, start: int, limit: int) -> str:
    m = _NEXT_HEADING.search(text, start + 40)
    end = m.start() if m and m.start() - start < limit else start + limit
    return text[start:end].strip()


def report_sections(text: str, form: str | None) -> tuple[str, list[str]]:
    """Of a 10-K/10-Q, the parts that carry capex and debt: the liquidity section of the MD&A
    and the cash-flow statement. Risk factors and boilerplate are full of amounts that are
    neither. Falls back to the whole text when neither heading is found."""
    if not form or not form.upper().startswith(("10-K", "10-Q")):
        return text, []
    head = text[:1500]
    parts: list[str] = []
    names: list[str] = []
    for name, rx, limit in (("liquidity", _LIQUIDITY, 40_000), ("cash flows", _CASH_FLOWS, 15_000)):
        # The table of contents names the heading too; the real section is the last long one.
        best = ""
        for m in rx.finditer(text):
            body = _section(text, m.start(), limit)
            if len(body) > len(best):
                best = body
        if len(best) > 300:
            parts.append(best)
            names.append(name)
    if not parts:
        return text, []
    return head + "\n\n" + "\n\n".join(parts), names


def filing_document(
    filing: Filing,
    parts: list[tuple[IndexRow, bytes]],
    source: str,
    *,
    index_url: str | None = None,
    company: str | None = None,
) -> Document:
    """One Document per filing (the accession number is its identity): the primary document
    followed by its exhibits, each headed by its type, tables kept as rows with their scale."""
    texts: list[str] = []
    tables: list[dict[str, Any]] = []
    documents = []
    sections: list[str] = []
    cover = Cover()
    for i, (row, content) in enumerate(parts):
        page = extract_filing(content)
        text = page.text
        if i == 0:
            cover = cover_of(text, page.facts)  # the period of report, when the listing gives none
            text, sections = report_sections(text, filing.form)
        else:
            text = f"[{row.type}] {row.description}\n{text}" if row.description else f"[{row.type}]\n{text}"
        texts.append(text)
        kept = [t for t in page.tables if not sections or (t["rows"] and " | ".join(t["rows"][0]) in text)]
        tables.extend({**t, "document": row.type} for t in kept)
        documents.append({"type": row.type, "name": row.name, "url": row.url, "description": row.description})
    title = filing.title or " - ".join(p for p in (filing.form, filing.company or company) if p)
    return Document(
        id=filing.accession,
        source=source,
        kind="filing",
        text="\n\n".join(t for t in texts if t),
        title=title,
        url=index_url or filing.link,
        published=filing.filed,
        company=filing.company or company,
        cik=filing.cik,
        tables=tables,
        meta={
            "form": filing.form,
            "items": filing.items,
            "accession": filing.accession,
            "documents": documents,
            **({"sections": sections} if sections else {}),
            **({"report_date": filing.report_date or cover.period} if filing.report_date or cover.period else {}),
            **({"fiscal_year_end": cover.fiscal_year_end} if cover.fiscal_year_end else {}),
        },
    )


_SUBMISSION_HEADER = {
    "accession": re.compile(r"ACCESSION NUMBER:\s*(\S+)"),
    "form": re.compile(r"CONFORMED SUBMISSION TYPE:\s*(\S+)"),
    "company": re.compile(r"COMPANY CONFORMED NAME:\s*(.+)"),
    "cik": re.compile(r"CENTRAL INDEX KEY:\s*(\d+)"),
    "filed": re.compile(r"FILED AS OF DATE:\s*(\d{8})"),
    "period": re.compile(r"CONFORMED PERIOD OF REPORT:\s*(\d{8})"),
    "fiscal_year_end": re.compile(r"FISCAL YEAR END:\s*(\d{4})"),
    "items": re.compile(r"ITEM INFORMATION:\s*(.+)"),
}
_DOC_RE = re.compile(r"<DOCUMENT>(.*?)</DOCUMENT>", re.S | re.I)
_TYPE_RE = re.compile(r"<TYPE>\s*([^\s<]+)", re.I)
_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S | re.I)
_WANTED_TYPES = re.compile(r"^(8-K|10-Q|10-K|424B\d|FWP|EX-99|EX-1|EX-4|EX-10)", re.I)


def header_of(text: str) -> dict[str, str]:
    """The fields of an EDGAR submission header at the start of a text ("FILED AS OF DATE:
    20240223", "CONFORMED PERIOD OF REPORT: 20231231"), whether the header is SGML or was saved or
    converted with the filing (a Markdown conversion writes "**FILED AS OF DATE**: 20240223")."""
    head = text[:20000]
    info: dict[str, str] = {}
    for key, rx in _SUBMISSION_HEADER.items():
        m = rx.search(head)
        if m:
            info[key] = m.group(1).strip()
    return info


_PEM_HEAD = re.compile(rb"\s*-----BEGIN PRIVACY-ENHANCED MESSAGE-----.*?\n\s*\n", re.S)


def is_full_submission(content: bytes) -> bool:
    """An EDGAR complete submission text file, as the Archives serve it: the SGML header and its
    documents, with or without the signature block the older ones open with ("-----BEGIN
    PRIVACY-ENHANCED MESSAGE-----", until 2010 or so), whose HTML must not be read as prose."""
    head = content[:4000]
    pem = _PEM_HEAD.match(head)
    if pem:
        head = head[pem.end() :]
    return head.lstrip()[:200].upper().startswith((b"<SEC-DOCUMENT>", b"<SEC-HEADER>"))


def submission_document(content: bytes, source: str, url: str | None = None) -> Document:
    """One Document from a full-submission .txt: the main form and its text exhibits, in order.

    Binary parts (uuencoded images, XBRL) are skipped; the accession number is the identity.
    """
    text = content.decode("latin-1")
    header = text[:20000]
    info = header_of(text)
    parts: list[str] = []
    tables = []
    facts: dict[str, str] = {}
    for block in _DOC_RE.findall(text):
        doc_type = (_TYPE_RE.search(block) or [None, ""])[1]
        body = _TEXT_RE.search(block)
        if not body or not _WANTED_TYPES.match(doc_type):
            continue
        raw = body.group(1)
        if "<html" in raw[:2000].lower() or "<table" in raw.lower():
            page = extract_filing(raw)
            parts.append(f"[{doc_type}]\n{page.text}")
            tables.extend(page.tables)
            facts = facts or page.facts
        else:
            parts.append(f"[{doc_type}]\n{raw.strip()}")
    accession = info.get("accession") or accession_of(text[:5000]) or ""
    if not accession:
        raise ValueError("no ACCESSION NUMBER in the submission header")
    body_text = "\n\n".join(parts)
    cover = cover_of(body_text, facts, info)
    items = _ITEMS_DESC_RE.findall(" ".join(_SUBMISSION_HEADER["items"].findall(header)))
    return Document(
        id=accession,
        source=source,
        kind="filing",
        text=body_text,
        title=cover.title,
        url=url,
        published=cover.date,
        company=cover.filer,
        cik=cover.cik,
        ticker=cover.ticker,
        tables=tables,
        meta={"accession": accession, **cover.meta(), "items": sorted(set(items))},
    )


# -- what a filing says about itself (a file ingested without its EDGAR listing) -------------

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"{_MONTH}\s+\d{{1,2}}\s*,\s*(?:19|20)\d\d"
_COVER_DATES = [  # the date the filing (or the exhibit) carries, in order of trust
    re.compile(rf"Date of Report[^\n:]*:?\s*\|?\s*({_DATE})", re.I),
    re.compile(rf"({_DATE})\s*\n+\s*\(?Date of Report", re.I),
    re.compile(rf"(?:Prospectus(?: Supplement)?|Free Writing Prospectus|Pricing Supplement|Term Sheet)\s+dated\s+({_DATE})", re.I),
    re.compile(rf"^\s*Dated?(?: as of)?:?\s*\|?\s*({_DATE})", re.I | re.M),
    re.compile(rf"(?:Trade|Pricing) Date\*?:?\s*\|?\s*({_DATE})", re.I),
    re.compile(rf"For Immediate Release\s*:?\s*\|?\s*({_DATE})", re.I),
    re.compile(rf"^[A-Z][A-Za-z .]+,\s+[A-Z][A-Za-z .]+,?\s+({_DATE})\s*(?:--|—|–|/)", re.M),  # a dateline
]
# When a report was signed: "Date: March 25, 2024", "signed ... on March 25, 2024"; the date first
# on the signature line ("March 25, 2024 | By: /s/ Marvin R. Ellison", Lowe's; "July 25, 2023 |
# By: | /s/ RUTH M. PORAT"; "August 2, 2023 | /s/ D. James Umpleby III"); under "DATED:" and the
# signer's name ("DATED: | Blake Jorgensen" / "February 7, 2017", Electronic Arts); or alone on a
# line under the signer's name and title (Standard Pacific)
_SIGNED = re.compile(rf"(?:Dated?:?\s*\|?\s*|signed[^.]{{0,200}}?\b(?:as of|on)\s+)({_DATE})|({_DATE})\s*\|?\s*(?:By:?\s*\|?\s*)?/s/|"
                     rf"\bDated?:\s*\|[^\n\d]{{0,80}}\n\s*({_DATE})|(?m:^)[ \t]*({_DATE})[ \t]*(?m:$)", re.I)
_PERIOD = re.compile(rf"For the (?:fiscal year|quarterly period|transition period from \S+ to)\s+ended\s+({_DATE})", re.I)
_FORM_LINE = re.compile(r"^\s*FORM\s+(8-K|10-K|10-Q|20-F|6-K|S-\d|F-\d)(?:/A)?\s*$", re.I | re.M)
_DOC_TYPE_LINE = re.compile(r"^\s*(EX-\d+(?:\.\d+)?|FWP|424B\d|8-K|10-K|10-Q)\s*\n\s*\d+\s*\n", re.I)
_EXHIBIT = re.compile(r"^\s*Exhibit\s+(\d+(?:\.\d+)?)\s*$", re.I | re.M)
_RULE_424 = re.compile(r"Filed\s+Pursuant\s+to\s+Rule\s+424\s*\(\s*b\s*\)\s*\(\s*(\d)\s*\)", re.I)
_RULE_433 = re.compile(r"Filed\s+pursuant\s+to\s+Rule\s+433", re.I)
_REGISTRANT = re.compile(r"^\s*([^\n|]{2,120}?)\s*\n+\s*\(\s*Exact name of (?:registrant|issuer)", re.I | re.M)
_AS_ISSUER = re.compile(r"^\s*([A-Z][A-Z.,&\s]{2,60}?),?\s*\n+\s*as Issuer\b", re.M)
_ISSUER = re.compile(r"^\s*Issuer\s*:\s*\|?\s*([^\n|]{2,120})", re.I | re.M)
_RELEASE_FILER = re.compile(r"\b((?:The\s+)?[A-Z][\w.&',]*(?:\s+[A-Z][\w.&',]*){0,4})\s*\((?:NYSE|NASDAQ|Nasdaq)\s*:\s*[A-Z.]+\)")
_SIGNATURES = re.compile(r"^\s*SIGNATURES?\s*$", re.M | re.I)
_ANNOUNCER = re.compile(r"(?:—|--)\s*([A-Z][\w.&]*(?:\s+[A-Z][\w.&,]*){0,3})®?\s+(?:today\s+)?announced")
_HEADLINE = re.compile(r"^[^\n|]{0,80}\b(?:reports?|announces?|prices?|completes?)\b[^\n|]{5,150}$", re.I | re.M)


@dataclass
class Cover:
    """What a filing states about itself: form, filer, date, period of report."""

    form: str | None = None
    filer: str | None = None
    cik: int | None = None
    ticker: str | None = None
    date: str | None = None  # when filed or signed (ISO)
    period: str | None = None  # period of report: fiscal period end, or an 8-K's event date (ISO)
    fiscal_period: str | None = None  # "FY 2024", "Q2 2026" (the filer's fiscal calendar)
    headline: str | None = None  # a press release's own title
    fiscal_year_end: int | None = None  # the month the filer's fiscal year ends (SGML header, dei)

    def meta(self) -> dict[str, str]:
        """The document's `meta` entries: form, and the period of report when known."""
        return {k: v for k, v in (("form", self.form), ("report_date", self.period),
                                  ("fiscal_period", self.fiscal_period), ("fiscal_year_end", self.fiscal_year_end)) if v}

    @property
    def title(self) -> str | None:
        if not self.form and not self.filer:
            return None
        head = " - ".join(p for p in (self.form, self.filer) if p)
        if self.headline:
            return f"{head}: {self.headline}"
        if self.period and self.form and self.form.upper().startswith(("10-K", "10-Q", "20-F")):
            return f"{head} (period ended {self.period})"
        return head


def _iso(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"\s+,", ",", text.strip())
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    value = parse_date(text)
    return value[:10] if value else None


def _name(value: str | None) -> str | None:
    """A filer's name as people write it: "AMAZON.COM, INC." -> "Amazon.com, Inc."."""
    if not value:
        return None
    value = re.sub(r"\s+", " ", value).strip(" ,")
    if value.isupper():
        value = " ".join(w if len(w) <= 3 and "." not in w and w not in ("INC", "THE", "CO") else w.capitalize()
                         for w in value.split(" "))
        value = re.sub(r"\bInc\b(?!\.)", "Inc.", value.replace("INC", "Inc"))
    return value


def cover_of(text: str, facts: dict[str, str] | None = None, header: dict[str, str] | None = None) -> Cover:
    """Form, filer, date and period of a filing from what it carries: the SGML header of a full
    submission (`header`), the inline XBRL `dei:` facts, then the cover page's own words. A file
    ingested on its own has no listing to say so, and the ingest date is not the filing's."""
    facts = facts or {}
    header = header or {}
    head = text[:6000]
    cover = Cover()
    cover.form = header.get("form") or facts.get("DocumentType")
    if not cover.form:
        for rx, fmt in ((_DOC_TYPE_LINE, "{}"), (_FORM_LINE, "{}"), (_RULE_424, "424B{}"), (_EXHIBIT, "EX-{}")):
            m = rx.search(head)
            if m:
                cover.form = fmt.format(m.group(1).upper())
                break
        else:
            cover.form = "FWP" if _RULE_433.search(head) else None
    filer = header.get("company") or facts.get("EntityRegistrantName")
    if not filer:
        m = (_REGISTRANT.search(head) or _ISSUER.search(head) or _AS_ISSUER.search(head) or _RELEASE_FILER.search(head)
             or _ANNOUNCER.search(head))
        filer = re.sub(r"\s*\((?:the|a|an)\s.*$", "", m.group(1)) if m else None
    cover.filer = _name(filer)
    if cover.form and cover.form.upper().startswith("EX-99"):
        m = _HEADLINE.search(head)
        cover.headline = re.sub(r"\s+", " ", m.group(0)).strip() if m else None
    cik = header.get("cik") or facts.get("EntityCentralIndexKey")
    cover.cik = int(cik) if cik and cik.isdigit() and int(cik) else None
    cover.ticker = facts.get("TradingSymbol")
    period = _iso(header.get("period")) or _iso(facts.get("DocumentPeriodEndDate"))
    if not period:
        m = _PERIOD.search(head)
        period = _iso(m.group(1)) if m else None
    date = _iso(header.get("filed"))
    if not date:
        signatures = [m.end() for m in _SIGNATURES.finditer(text)]  # the last one: not the contents
        signed = _SIGNED.finditer(text, signatures[-1], signatures[-1] + 5000) if signatures else iter(())
        # a report is signed after its period ends: an earlier date is another document's (the
        # exhibit index's "Transition Agreement ..., dated November 18, 2016")
        dates = (_iso(next(g for g in m.groups() if g)) for m in signed)
        date = next((d for d in dates if d and not (period and d < period)), None)
    for rx in _COVER_DATES:
        m = None if date else rx.search(head)
        if m:
            date = _iso(m.group(1))
    form = (cover.form or "").upper()
    if form.startswith("8-K") and not period:
        m = _COVER_DATES[0].search(head) or _COVER_DATES[1].search(head)
        period = _iso(m.group(1)) if m else None
    if not period and not date:
        period = _dated_most(text)
    cover.period = period
    cover.date = date or (period if form.startswith(("8-K", "6-K")) else None)
    focus, year = facts.get("DocumentFiscalPeriodFocus"), facts.get("DocumentFiscalYearFocus")
    cover.fiscal_period = f"{focus} {year}" if focus and year else None
    cover.fiscal_year_end = fiscal_year_end_month(header.get("fiscal_year_end") or facts.get("CurrentFiscalYearEndDate"))
    # the period this report covers, as its own dei facts name it, outranks a company-wide fact
    # that can be mis-tagged: Sonos tags "--01-01" on a 10-Q whose "Q2" ended April 2, 2022, a
    # September year
    cover.fiscal_year_end = _year_end_of_focus(form, period, focus) or cover.fiscal_year_end
    if cover.fiscal_year_end is None and not form.startswith(("8-K", "6-K")):
        # a filing without dei facts that says how its year runs: "a 52- week or 53- week fiscal
        # year ending on the Saturday nearest September 30 each year" (Sonos's 10-Q)
        m = _FISCAL_YEAR_RUNS.search(text[:400_000])
        cover.fiscal_year_end = fiscal_year_end_month(f"{m.group(1)} {m.group(2) or 28}") if m else None
    if cover.fiscal_year_end is None and period and not form.startswith(("8-K", "6-K")):
        years = Counter(m.group(1) for m in _YEARS_ENDED.finditer(text))  # "Years ended June 30" heads its statements
        cover.fiscal_year_end = fiscal_year_end_month(years.most_common(1)[0][0]) if years else None
    if cover.fiscal_year_end is None and form.startswith("10-K") and period:
        # an annual report's period ends its fiscal year (older filings state no dei fact):
        # Southwest Iowa Renewable Energy's "fiscal year ended September 30, 2008" is a September year
        cover.fiscal_year_end = fiscal_year_end_month(period[5:])
    return cover


_ANY_DATE = re.compile(_DATE, re.I)
_FISCAL_YEAR_RUNS = re.compile(
    rf"\bfiscal\s+years?\s+(?:that\s+)?(?:ends?|ending)\s+on\s+(?:the\s+)?(?:last\s+)?(?:(?:Saturday|Sunday|Friday)\s+)?"
    rf"(?:(?:nearest|closest\s+to|in|of)\s+)?({_MONTH})(?:\s+(\d{{1,2}})\b)?", re.I)
_YEARS_ENDED = re.compile(rf"\b(?:fiscal\s+)?years?\s+ended\s+({_MONTH}\s+\d{{1,2}})\b", re.I)


def _dated_most(text: str) -> str | None:
    """The date a filing without a cover (an exhibit holding the annual report's financial
    section) names most often, at least five times: its balance sheet date, "as of June 30, 2022",
    the best stand-in for its period of report. Without it the ingest date would be taken, and
    the year's own borrowing would read as history."""
    counts = Counter(_iso(m.group(0)) for m in _ANY_DATE.finditer(text))
    counts.pop(None, None)
    if not counts:
        return None
    value, n = counts.most_common(1)[0]
    return value if n >= 5 else None


# months left in the fiscal year after a report's period ends, by its dei focus: a 10-K covers the
# whole year, a 10-Q a part of it
_MONTHS_LEFT = {"10-K": {"FY": 0, "Q4": 0, "H2": 0}, "10-Q": {"Q3": 3, "Q2": 6, "H1": 6, "Q1": 9}}


def _year_end_of_focus(form: str, period: str | None, focus: str | None) -> int | None:
    """The month a fiscal year ends, from a 10-K's or 10-Q's period end and the part of the year
    it says it covers ("Q2" ended 2022-04-02: September)."""
    months = _MONTHS_LEFT.get(form[:4], {}).get((focus or "").strip().upper())
    if months is None or not period or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        return None
    month = fiscal_year_end_month(period[5:])
    return None if month is None else (month - 1 + months) % 12 + 1


def fiscal_year_end_month(value: str | None) -> int | None:
    """The month a fiscal year ends, from the SGML header's "FISCAL YEAR END: 1202" or the dei
    fact ("--12-02", "1/25", "January 25"). A 52/53-week year that ends in a month's first week
    is the month before's (Adobe's "1202" is a November year; Apple's "0930" September): that is
    the month its quarters are counted from."""
    text = (value or "").strip()
    m = re.fullmatch(r"(?:--)?(\d{1,2})[-/]?(\d{2})", text)  # "1202", "--12-02", "1/25" (ixt:date-month-day)
    named = re.fullmatch(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})", text, re.I)
    if m:
        month, day = int(m.group(1)), int(m.group(2))
    elif named:
        month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(named.group(1).lower()) + 1
        day = int(named.group(2))
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (month - 2) % 12 + 1 if day <= 7 else month
