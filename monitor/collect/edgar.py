"""SEC EDGAR: filings identified by accession number, with filer name, CIK and form.

EDGAR's Atom feeds (latest filings, a company's filings) describe filings; the full-submission
`.txt` holds the documents themselves between <DOCUMENT> tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.collect.feeds import FeedEntry
from monitor.collect.html import extract_filing
from monitor.models import Document

ACCESSION_RE = re.compile(r"\b(\d{10}-\d{2}-\d{6})\b")
_TITLE_RE = re.compile(r"^\s*(?P<form>[^\s].*?)\s+-\s+(?P<name>.+?)\s+\((?P<cik>\d{4,10})\)\s*(?:\((?P<role>\w+)\))?\s*$")
_ITEM_RE = re.compile(r"\bItems?\s+(\d\.\d\d)", re.I)
_ITEMS_DESC_RE = re.compile(r"\d\.\d\d")


@dataclass
class FilingRef:
    accession: str
    form: str | None
    company: str | None
    cik: int | None
    items: list[str]


def accession_of(*texts: str | None) -> str | None:
    for t in texts:
        if t:
            m = ACCESSION_RE.search(t)
            if m:
                return m.group(1)
    return None


def filing_ref(entry: FeedEntry) -> FilingRef | None:
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
    items = sorted(set(_ITEM_RE.findall(entry.summary)))
    return FilingRef(
        accession=accession,
        form=form,
        company=company,
        cik=int(cik_text) if cik_text and cik_text.isdigit() else None,
        items=items,
    )


def entry_document(entry: FeedEntry, source: str, *, company: str | None = None, cik: int | None = None) -> Document | None:
    ref = filing_ref(entry)
    if ref is None:
        return None
    title = entry.title or f"{ref.form} {ref.accession}"
    if company and ref.company is None:
        title = f"{title} - {company}"
    text = "\n".join(p for p in (title, entry.summary) if p)
    return Document(
        id=ref.accession,
        source=source,
        kind="filing",
        text=text,
        title=title,
        url=entry.link,
        published=entry.published,
        company=ref.company or company,
        cik=ref.cik or cik,
        meta={"form": ref.form, "items": ref.items, "accession": ref.accession},
    )


_SUBMISSION_HEADER = {
    "accession": re.compile(r"ACCESSION NUMBER:\s*(\S+)"),
    "form": re.compile(r"CONFORMED SUBMISSION TYPE:\s*(\S+)"),
    "company": re.compile(r"COMPANY CONFORMED NAME:\s*(.+)"),
    "cik": re.compile(r"CENTRAL INDEX KEY:\s*(\d+)"),
    "filed": re.compile(r"FILED AS OF DATE:\s*(\d{8})"),
    "items": re.compile(r"ITEM INFORMATION:\s*(.+)"),
}
_DOC_RE = re.compile(r"<DOCUMENT>(.*?)</DOCUMENT>", re.S | re.I)
_TYPE_RE = re.compile(r"<TYPE>\s*([^\s<]+)", re.I)
_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S | re.I)
_WANTED_TYPES = re.compile(r"^(8-K|10-Q|10-K|424B\d|FWP|EX-99|EX-1|EX-4|EX-10)", re.I)


def is_full_submission(content: bytes) -> bool:
    return content.lstrip()[:200].upper().startswith((b"<SEC-DOCUMENT>", b"<SEC-HEADER>"))


def submission_document(content: bytes, source: str, url: str | None = None) -> Document:
    """One Document from a full-submission .txt: the main form and its text exhibits, in order.

    Binary parts (uuencoded images, XBRL) are skipped; the accession number is the identity.
    """
    text = content.decode("latin-1")
    header = text[:20000]
    info: dict[str, str] = {}
    for key, rx in _SUBMISSION_HEADER.items():
        m = rx.search(header)
        if m:
            info[key] = m.group(1).strip()
    parts: list[str] = []
    tables = []
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
        else:
            parts.append(f"[{doc_type}]\n{raw.strip()}")
    accession = info.get("accession") or accession_of(text[:5000]) or ""
    if not accession:
        raise ValueError("no ACCESSION NUMBER in the submission header")
    filed = info.get("filed")
    published = f"{filed[:4]}-{filed[4:6]}-{filed[6:]}" if filed else None
    company = info.get("company")
    form = info.get("form")
    items = _ITEMS_DESC_RE.findall(" ".join(_SUBMISSION_HEADER["items"].findall(header)))
    return Document(
        id=accession,
        source=source,
        kind="filing",
        text="\n\n".join(parts),
        title=f"{form} - {company}" if form and company else None,
        url=url,
        published=published,
        company=company.title() if company and company.isupper() else company,
        cik=int(info["cik"]) if info.get("cik") else None,
        tables=tables,
        meta={"form": form, "items": sorted(set(items)), "accession": accession},
    )
