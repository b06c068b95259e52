"""Earnings-call transcripts to speaker turns.

Supported layouts: Motley Fool transcript pages (raw HTML, the page text saved as plain text,
or scraped into JSON with the page text under `transcript`) and JSON with `prepared_remarks` /
`q_and_a` lists of {speaker, speech} turns plus a `participants` list. Every layout is reduced to
the same turns (speaker, role, prepared remarks or Q&A, text) so the extraction downstream can
name who said a figure and whether it was scripted or an answer to an analyst.

Call metadata (company, fiscal quarter, call date) is read from the document itself -- its
title, the header line above the remarks, the operator's welcome -- never from the file name.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning

from monitor.collect.feeds import load_json
from monitor.collect.http import binary_kind, decode
from monitor.models import Document, stable_id

PREPARED = "prepared"
QA = "qa"
_SECTION_HEADINGS = {PREPARED: "Prepared remarks", QA: "Questions and answers"}
_MIN_TURNS = 3


class TranscriptError(Exception):
    """Bytes that are not a usable transcript; the message is one line, "<name>: <reason>"."""


@dataclass
class Turn:
    """One uninterrupted stretch of speech by one speaker."""

    speaker: str
    role: str | None
    section: str  # PREPARED or QA
    text: str  # paragraphs separated by single newlines, never a blank line


@dataclass
class Transcript:
    """One earnings call: who the company is, which fiscal quarter, and the turns in order."""

    company: str | None
    ticker: str | None
    fiscal_year: int | None
    fiscal_quarter: int | None
    date: str | None  # ISO date of the call
    title: str | None
    url: str | None
    turns: list[Turn] = field(default_factory=list)

    @property
    def quarter(self) -> str | None:
        """The fiscal period as one label ("Q2 FY2026"), None unless both parts are known."""
        if self.fiscal_quarter and self.fiscal_year:
            return f"Q{self.fiscal_quarter} FY{self.fiscal_year}"
        return None

    @property
    def participants(self) -> list[dict[str, str | None]]:
        """Distinct speakers in order of first appearance, with their roles."""
        seen: dict[str, str | None] = {}
        for turn in self.turns:
            if turn.speaker not in seen or (seen[turn.speaker] is None and turn.role):
                seen[turn.speaker] = turn.role
        return [{"speaker": s, "role": r} for s, r in seen.items()]


# -- patterns ----------------------------------------------------------------------------------

_UP = "A-ZÀ-ÖØ-Þ"
# A name token: "Amy", "McAleese", "O'Brien", "C.J.", "M.", "Jean-Pierre".
_TOKEN = rf"[{_UP}](?:(?:\.[{_UP}])+\.?|[\w'’\-]*\.?)"
_PARTICLE = r"(?:van|von|de|der|den|da|del|della|di|du|la|le|st\.?|bin|al)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{0,4}}"
_NAME_RE = re.compile(rf"^{_NAME}$")
_DASH_LINE = re.compile(rf"^(?P<name>{_NAME})\s*(?:--|—|–)\s*(?P<role>\S.{{0,200}})$")
_COLON_LINE = re.compile(rf"^(?P<name>{_NAME})\s*:\s*(?P<rest>.*)$", re.S)
_OPERATOR = re.compile(r"^operator$", re.I)
_GENERIC_SPEAKER = re.compile(
    r"^(?:operator|unknown speaker|unidentified (?:speaker|participant|analyst|company representative)"
    r"|company representative|moderator)$",
    re.I,
)

_HEADINGS = {
    PREPARED: {
        "prepared remarks", "full conference call transcript", "conference call transcript",
        "presentation", "transcript", "opening remarks", "management discussion section",
    },
    QA: {
        "questions and answers", "question and answer", "question and answer session",
        "question-and-answer session", "questions-and-answers", "q and a", "questions and answers session",
        "question-and-answer",
    },
    "participants": {
        "call participants", "participants", "corporate participants", "conference call participants",
        "company participants",
    },
    "skip": {
        "contents", "table of contents", "takeaways", "key takeaways", "risks", "summary",
        "industry glossary", "date", "call date",
    },
}
_END_LINE = re.compile(
    r"^(?:duration:\s*\d+\s*min(?:ute)?s?\.?"
    r"|more [\w.\-]{1,10} analysis"
    r"|all earnings call transcripts"
    r"|this article is a transcript of this conference call.*"
    r"|stocks mentioned"
    r"|the motley fool has (?:positions in|a disclosure policy|no position).*"
    r"|\*?average returns of all recommendations.*)$",
    re.I,
)
_DROP_LINE = re.compile(
    r"^(?:image source: the motley fool\.?|need a quote from a motley fool analyst.*|advertisement"
    r"|\*?stock advisor returns as of.*|\[?email\s*protected\]?)$",
    re.I,
)

_EXCHANGE = r"(?:NASDAQ|NYSE|NYSEMKT|NYSEAMERICAN|NYSEARCA|AMEX|TSX|TSXV|OTC|OTCQX|OTCMKTS|LSE|ASX|BATS)"
_TITLE_RE = re.compile(
    rf"(?P<company>[^()\n|]{{2,80}}?)\s*\(\s*(?:{_EXCHANGE}\s*:\s*)?(?P<ticker>[A-Z][A-Z0-9.\-]{{0,9}})"
    r"\s*(?:[+\-−]?\s*\d+(?:\.\d+)?\s*%\s*)?\)\s*(?P<period>[^\n]{0,40}?)\s*Earnings\s+(?:Conference\s+)?Call",
    re.I,
)
_EXCHANGE_TICKER = re.compile(rf"\b{_EXCHANGE}\s*:\s*(?P<ticker>[A-Z][A-Z0-9.\-]{{0,9}})\b")
_LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|Corp|Corporation|Co|Company|Ltd|Limited|plc|PLC|LLC|L\.P|N\.V|S\.A|AG|SE)\.?)+$"
)

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_ORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PERIOD_PATTERNS = [
    re.compile(rf"\bQ(?P<q>[1-4])\s*(?:FY|F|fiscal(?:\s+year)?)?\s*['’]?\s*{_YEAR}\b", re.I),
    re.compile(r"\bQ(?P<q>[1-4])\s*(?:FY|F)\s*['’]?(?P<yy>\d{2})\b", re.I),
    re.compile(rf"\b(?:FY|fiscal(?:\s+year)?)\s*['’]?\s*{_YEAR}\s*(?:Q(?P<q>[1-4])|{_ORD}[- ]quarter)\b", re.I),
    re.compile(rf"\b{_ORD}[- ]quarter(?:\s+of)?(?:\s+(?:fiscal|FY))?(?:\s+year)?\s*['’]?{_YEAR}\b", re.I),
]

_MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for m in names
}
_DATE_RE = re.compile(
    r"\b(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>(?:19|20)\d{2})\b",
    re.I,
)
_ISO_DATE_RE = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_TODAY_RE = re.compile(r"\btoday,?\s+(?:\w+day,?\s+)?", re.I)

_QA_START = re.compile(
    r"\b(?:our|your|the)\s+first\s+question\b|\bfirst question (?:comes|will come|is coming|is)\b"
    r"|\bquestion (?:comes|will come|is coming) from\b|\bwe have a question from\b"
    r"|\bopen (?:up )?the (?:call|line|floor) (?:up )?(?:to|for) questions\b",
    re.I,
)
_CALL_WORDS = re.compile(
    r"\b(?:conference call|earnings call|(?:this|today's|the) call|question-and-answer|Q&A|questions?"
    r"|operator|webcast|prepared remarks)\b",
    re.I,
)
_ANALYST_INTRO = re.compile(
    rf"\b(?:from|of)\s+(?:the\s+line\s+of\s+)?(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?(?P<name>{_NAME})"
    r"\s+(?:with|from|of|at)\s+(?P<firm>[^\n]+?)\s*(?:\.(?=\s|$)|[,;?!]|$)"
)
_TITLE_WORDS = (
    r"(?:chief|executive|senior|vice|president|and|&|financial|operating|investment|technology|"
    r"technical|revenue|accounting|information|marketing|commercial|strategy|strategic|business|"
    r"officer|general|counsel|head|of|investor|relations|director|corporate|deputy|co-founder|"
    r"founder|chairman|chairwoman|chair|treasurer|secretary|controller|global|group|managing|"
    r"CEO|CFO|COO|CTO|CIO|CRO|CAO|EVP|SVP|VP|IR)"
)
_TITLE_HEAD = (
    r"(?:officer|president|chairman|chairwoman|chair|CEO|CFO|COO|CTO|CIO|CRO|CAO|director|counsel|"
    r"secretary|treasurer|controller|relations|founder)"
)
_ROLE = rf"(?:{_TITLE_WORDS}\s+){{0,8}}{_TITLE_HEAD}"
_NAME_THEN_ROLE = re.compile(rf"(?P<name>{_NAME}),\s+(?i:(?:our|the)\s+)?(?P<role>(?i:{_ROLE}))\b")
_ROLE_THEN_NAME = re.compile(rf"(?P<role>\b(?i:{_ROLE})),\s+(?P<name>{_NAME})")


# -- public API ----------------------------------------------------------------------------------


def looks_like_transcript(content: bytes, name: str = "", content_type: str = "") -> bool:
    """True when the bytes parse as a call transcript; a cheap word test first, so big filings
    and news pages are turned down without being parsed."""
    if not content or not content.strip() or b"\x00" in content[:8192]:
        return False
    kind = _kind_of(content, name, content_type)
    if kind == "json":
        try:
            data = load_json(content)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return False
        if not isinstance(data, dict) or not any(
            data.get(k) for k in ("transcript", "prepared_remarks", "q_and_a", "qa_section")
        ):
            return False
    else:
        low = content[:3_000_000].lower()
        if not re.search(rb"\boperator\b|call participants|prepared remarks", low) or not re.search(
            rb"earnings call|conference call|question-and-answer|questions (?:&amp;|&|and) answers", low
        ):
            return False
    try:
        parse_transcript(content, name=name or "document", content_type=content_type)
    except TranscriptError:
        return False
    return True


def parse_transcript(content: bytes, *, name: str, content_type: str = "", url: str | None = None) -> Transcript:
    """Turns and call metadata from one transcript document (JSON, HTML page or plain text).

    `url` is where the bytes came from; a URL the document states itself takes precedence,
    since it is the same on every copy. Raises TranscriptError naming `name` and the reason.
    """
    if not content or not content.strip():
        raise TranscriptError(f"{name}: empty body")
    if binary_kind(content):
        raise TranscriptError(f"{name}: binary content, not text")
    content = content.replace(b"\x00", b"")  # stray ones
    kind = _kind_of(content, name, content_type)
    if kind == "json":
        raw = _from_json(content, name)
    elif kind == "html":
        raw = _from_html(content)
    else:
        raw = _from_lines(decode(content).splitlines())
    return _finish(raw, name, url)


def transcript_document(t: Transcript, *, source: str, url: str | None = None) -> Document:
    """The transcript as one Document: a heading line per section, then per turn a
    "Speaker (Role)" line and the turn's text, turns separated by a blank line.

    `meta["turns"]` holds each turn's speaker, role, section and the character offsets of its
    text in `document.text`, so an event found in a sentence can be attributed to a speaker.
    """
    url = url or t.url
    parts: list[str] = []
    pos = 0
    spans: list[dict[str, Any]] = []
    section: str | None = None

    def add(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    for turn in t.turns:
        if turn.section != section:
            section = turn.section
            if parts:
                add("\n\n")
            add(_SECTION_HEADINGS.get(section, section))
        add("\n\n")
        add(f"{turn.speaker} ({turn.role})" if turn.role else turn.speaker)
        add("\n")
        start = pos
        add(re.sub(r"\n\s*\n+", "\n", turn.text.strip()))  # a blank line would end the turn
        spans.append({"speaker": turn.speaker, "role": turn.role, "section": turn.section, "start": start, "end": pos})
    text = "".join(parts)
    title = t.title
    if not title:
        period = t.quarter or (f"FY{t.fiscal_year}" if t.fiscal_year else None)
        label = " ".join(p for p in (t.company, period) if p)
        title = f"{label} earnings call" if label else "Earnings call"
    doc_id = (
        stable_id("url", url)
        if url
        else stable_id("transcript", t.company or "", t.quarter or "", t.date or "")
    )
    return Document(
        id=doc_id,
        source=source,
        kind="transcript",
        text=text,
        title=title,
        url=url,
        published=t.date,
        company=t.company,
        ticker=t.ticker,
        meta={
            "turns": spans,
            "fiscal_year": t.fiscal_year,
            "fiscal_quarter": t.fiscal_quarter,
            "quarter": t.quarter,
            "call_date": t.date,
            "participants": t.participants,
        },
    )


# -- reading the three layouts -------------------------------------------------------------------


@dataclass
class _RawTurn:
    speaker: str
    role: str | None
    section: str | None  # None until Q&A is located
    paragraphs: list[str]


@dataclass
class _Raw:
    """What a layout reader found, before roles, sections and metadata are settled."""

    turns: list[_RawTurn] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # lines above the first turn
    roles: dict[str, str] = field(default_factory=dict)  # from a participants list
    qa_marked: bool = False  # the layout itself says where Q&A starts
    sectioned: bool = False  # a "Prepared remarks" / "Q&A" heading or JSON key was seen
    title: str | None = None
    url: str | None = None
    company: str | None = None
    ticker: str | None = None
    fiscal_year: int | None = None
    fiscal_quarter: int | None = None
    date: str | None = None


def _kind_of(content: bytes, name: str, content_type: str) -> str:
    suffix = Path(name.split("?")[0]).suffix.lower()
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix == ".json" or "json" in content_type or re.match(rb'[\[{]\s*["{\[\]}]', head):
        return "json"  # but not a text transcript opening with "[Operator instructions]"
    if (
        suffix in (".html", ".htm", ".xhtml")
        or "html" in content_type
        or head.startswith((b"<!doctype html", b"<html", b"<?xml"))
        or re.search(rb"<(?:body|p|div|h[1-6])[\s>]", head)
    ):
        return "html"
    return "text"


def _from_json(content: bytes, name: str) -> _Raw:
    try:
        data = load_json(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = " ".join(str(exc).split())
        raise TranscriptError(f"{name}: malformed JSON: {reason}") from None
    if not isinstance(data, dict):
        raise TranscriptError(f"{name}: JSON is a {type(data).__name__}, not a transcript object")
    roles: dict[str, str] = {}
    participants = data.get("participants")
    for entry in participants if isinstance(participants, list) else []:
        if isinstance(entry, str):
            speaker, role = _split_speaker(entry)  # "Jon Atkin--RBC Capital Markets -- Analyst"
        elif isinstance(entry, dict) and entry.get("name"):
            speaker = _clean_line(str(entry["name"]))
            role = _normalise_role(str(entry.get("role") or entry.get("title") or ""))
        else:
            continue
        if speaker and role:
            roles[speaker] = role
    turn_lists = [(k, data.get(k)) for k in ("prepared_remarks", "q_and_a", "qa_section", "transcript")]
    if any(isinstance(v, list) and v for _, v in turn_lists):
        has_qa = any(isinstance(data.get(k), list) and data.get(k) for k in ("q_and_a", "qa_section"))
        raw = _Raw(roles=roles, qa_marked=has_qa, sectioned=True)
        for key, value in turn_lists:
            if not isinstance(value, list):
                continue
            section = PREPARED if key in ("prepared_remarks", "transcript") else QA
            for item in value:
                if isinstance(item, dict):
                    _add_json_turn(raw, item, section)
        if not raw.turns:
            raise TranscriptError(f"{name}: JSON without remarks (no speaker turns in its lists)")
    else:
        text = data.get("transcript")
        prepared, qa = data.get("prepared_remarks"), data.get("q_and_a") or data.get("qa_section")
        if isinstance(text, str) and text.strip():
            raw = _from_lines(text.splitlines())
        elif isinstance(prepared, str) and prepared.strip():
            qa_lines = ["Questions and Answers:", *qa.splitlines()] if isinstance(qa, str) and qa.strip() else []
            raw = _from_lines(["Prepared Remarks:", *prepared.splitlines(), *qa_lines])
        else:
            raise TranscriptError(f"{name}: JSON without remarks (no transcript, prepared_remarks or q_and_a)")
        for speaker, role in roles.items():
            raw.roles.setdefault(speaker, role)
    raw.title = _str(data.get("title")) or raw.title
    raw.url = _str(data.get("url")) or raw.url
    raw.company = _str(data.get("company")) or raw.company
    raw.ticker = _str(data.get("ticker")) or _str(data.get("symbol")) or raw.ticker
    raw.fiscal_year = _int(data.get("fiscal_year") or data.get("year"), 1900, 2100)
    raw.fiscal_quarter = _int(data.get("fiscal_quarter") or data.get("quarter"), 1, 4)
    for key in ("call_date", "date"):
        found = _find_date(_str(data.get(key)) or "")
        if found:
            raw.date = found
            break
    return raw


def _add_json_turn(raw: _Raw, item: dict, section: str) -> None:
    speaker_field = _str(item.get("speaker") or item.get("name")) or ""
    speech = item.get("speech") or item.get("text") or item.get("content") or ""
    if not isinstance(speech, str):
        return
    if _END_LINE.match(speaker_field) or not speaker_field:
        return  # "Duration: 66 minutes" is stored as a speaker without speech
    speaker, role = _split_speaker(speaker_field)
    role = _normalise_role(_str(item.get("role")) or "") or role
    paragraphs = [p for p in (_clean_line(line) for line in speech.splitlines()) if p and not _DROP_LINE.match(p)]
    if paragraphs:
        raw.turns.append(_RawTurn(speaker, role, section, paragraphs))


_BLOCK_TAGS = [
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
    "blockquote", "pre", "ul", "ol", "dd", "dt", "header", "footer", "hr", "main",
]


def _from_html(content: bytes) -> _Raw:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(content, "lxml")
    title = _meta(soup, "headline", "og:title", "twitter:title")
    if not title and soup.title and soup.title.string:
        title = soup.title.string
    if title:
        title = re.sub(r"\s*[|\-–—]\s*The Motley Fool\s*$", "", " ".join(title.split())) or None
    url = None
    link = soup.find("link", rel="canonical")
    if isinstance(link, Tag) and link.get("href"):
        url = str(link["href"]).strip()
    url = url or _meta(soup, "og:url")
    tickers = _meta(soup, "tickers")

    root = soup.select_one(".article-content") or soup.find("article") or soup.body or soup
    for tag in root.find_all(["script", "style", "noscript", "iframe", "form", "nav", "aside", "svg", "button"]):
        tag.decompose()
    for tag in root.select("#pitch, .interad, .ad, .dfp-ads, .article-pitch-container, [class*=promo]"):
        tag.decompose()
    for tag in root.find_all(_BLOCK_TAGS):
        if tag.name == "br":
            tag.replace_with("\n")
        else:
            tag.insert_before("\n")
            tag.insert_after("\n")
    raw = _from_lines(root.get_text("").split("\n"))
    raw.title, raw.url = title, url
    if tickers and re.fullmatch(r"[A-Z][A-Z0-9.\-]{0,9}", tickers.strip()):
        raw.ticker = tickers.strip()
    return raw


def _from_lines(lines: list[str]) -> _Raw:
    """The shared reader of page text: headings switch sections, speaker lines open turns.

    Speaker lines come as "Name -- Role" (on one line or as three lines), "Operator", or
    "Name: speech". Everything in the page's summary, participant list and footer is left out.
    """
    cleaned = [c for c in (_clean_line(line) for line in lines) if c and not _DROP_LINE.match(c)]
    cleaned = _merge_dash_triples(cleaned)
    raw = _Raw()
    roles = _participant_roles(cleaned)
    raw.roles.update(roles)
    known = set(roles)
    mode = "header"  # header | prepared | qa | participants | skip | end
    current: _RawTurn | None = None
    for line in cleaned:
        heading = _heading(line)
        if heading:
            if heading == QA and raw.turns:
                raw.qa_marked = True  # a heading among the turns, not the page's table of contents
            raw.sectioned = raw.sectioned or heading in (PREPARED, QA)
            mode, current = heading, None
            continue
        if _END_LINE.match(line):
            mode, current = "end", None
            continue
        if mode in ("participants", "skip", "end"):
            if not raw.turns:
                raw.header.append(line)
            continue
        speaker = _speaker_line(line, known)
        if speaker:
            name, role, rest = speaker
            if mode == "header":
                mode = PREPARED
            section = mode if mode in (PREPARED, QA) else None
            current = _RawTurn(name, role, section, [rest] if rest else [])
            raw.turns.append(current)
            continue
        if current is not None:
            current.paragraphs.append(line)
        elif not raw.turns:
            raw.header.append(line)
    if not raw.qa_marked:
        for turn in raw.turns:
            turn.section = None
    raw.turns = [t for t in raw.turns if t.paragraphs]
    return raw


def _merge_dash_triples(lines: list[str]) -> list[str]:
    """ "Colette M. Kress" / "--" / "Chief Financial Officer" as one "Name -- Role" line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if (
            i + 2 < len(lines)
            and lines[i + 1] in ("--", "—", "–")
            and _NAME_RE.match(lines[i])
            and len(lines[i + 2]) <= 160
        ):
            out.append(f"{lines[i]} -- {lines[i + 2]}")
            i += 3
            continue
        out.append(lines[i])
        i += 1
    return out


def _participant_roles(lines: list[str]) -> dict[str, str]:
    """Roles from the "Call participants:" list, which most pages print after the call."""
    roles: dict[str, str] = {}
    inside = False
    for line in lines:
        heading = _heading(line)
        if heading:
            inside = heading == "participants"
            continue
        if not inside:
            continue
        m = _DASH_LINE.match(line)
        if not m:
            if roles:
                inside = False
            continue
        roles[m.group("name").strip()] = _normalise_role(m.group("role")) or m.group("role")
    return roles


def _heading(line: str) -> str | None:
    if len(line) > 60:
        return None
    key = re.sub(r"\s+", " ", line.strip().rstrip(":").strip().lower().replace("&", "and"))
    for kind, names in _HEADINGS.items():
        if key in names:
            return kind
    return None


def _speaker_line(line: str, known: set[str]) -> tuple[str, str | None, str] | None:
    """(speaker, role, speech on the same line) when the line opens a turn."""
    if len(line) <= 40 and _OPERATOR.match(line):
        return "Operator", None, ""
    if line in known:
        return line, None, ""
    m = _DASH_LINE.match(line)
    if m:
        name, role = m.group("name").strip(), m.group("role").strip()
        plausible = (
            (len(name.split()) >= 2 or _GENERIC_SPEAKER.match(name))
            and role[:1].isupper()
            and len(role.split()) <= 20
            and not role.endswith(("?", "--"))
            and not re.search(r"[a-z]{2}[.!?]\s+[A-Z]", role)  # a sentence, not "J.P. Morgan"
        )
        if name in known or plausible:
            return _canonical_speaker(name), _normalise_role(role), ""
    m = _COLON_LINE.match(line)
    if m:
        name, rest = m.group("name").strip(), m.group("rest").strip()
        generic = bool(_GENERIC_SPEAKER.match(name))
        if generic or name in known or (not known and 2 <= len(name.split()) <= 4 and len(name) <= 40):
            return _canonical_speaker(name), None, rest
    return None


def _canonical_speaker(name: str) -> str:
    return "Operator" if name.lower() == "operator" else name


def _split_speaker(value: str) -> tuple[str, str | None]:
    """ "Jon Atkin--RBC Capital Markets -- Analyst" -> ("Jon Atkin", "Analyst, RBC Capital Markets")."""
    value = _clean_line(value)
    parts = [p.strip() for p in re.split(r"\s*(?:--|—|–)\s*", value, maxsplit=1)]
    if len(parts) == 2 and parts[0] and parts[1]:
        return _canonical_speaker(parts[0]), _normalise_role(parts[1])
    return _canonical_speaker(value), None


def _normalise_role(role: str) -> str | None:
    """ "Credit Suisse -- Analyst" -> "Analyst, Credit Suisse"; lower-case titles get capitals."""
    parts = [p.strip(" ,;") for p in re.split(r"\s*(?:--|—|–)\s*", _clean_line(role)) if p.strip(" ,;")]
    if not parts:
        return None
    if len(parts) > 1 and parts[-1].lower() == "analyst":
        parts = ["Analyst", *parts[:-1]]
    out = ", ".join(parts)
    if out == out.lower():
        out = " ".join(w if w in ("and", "of", "&") else w[:1].upper() + w[1:] for w in out.split())
    return out


# -- settling roles, sections and metadata -------------------------------------------------------


def _finish(raw: _Raw, name: str, url: str | None) -> Transcript:
    speakers = {t.speaker for t in raw.turns}
    if len(raw.turns) < _MIN_TURNS or len(speakers) < 2:
        raise TranscriptError(
            f"{name}: no recognisable speaker turns (found {len(raw.turns)} turn(s) by {len(speakers)} speaker(s))"
        )
    if not _is_call(raw):
        raise TranscriptError(f"{name}: no recognisable speaker turns (labelled lines, but not a call)")
    _settle_sections(raw)
    roles = _settle_roles(raw)
    turns = [
        Turn(t.speaker, roles.get(t.speaker) if t.speaker != "Operator" else None, t.section or PREPARED, _join(t.paragraphs))
        for t in raw.turns
    ]
    header = " ".join(raw.header)
    opening = "\n".join(t.text for t in turns[:4])
    company, ticker = raw.company, raw.ticker
    for source in (raw.title or "", header):
        m = _TITLE_RE.search(source)
        if m:
            company = company or _company_name(m.group("company"))
            ticker = ticker or m.group("ticker").upper()
    if not ticker:
        m = _EXCHANGE_TICKER.search(header) or _EXCHANGE_TICKER.search(raw.title or "")
        ticker = m.group("ticker") if m else None
    # The title's "Q2 2026" is the fiscal period; a scraper's year/quarter fields come next,
    # then the operator's "fourth quarter 2021 earnings call".
    candidates = [
        call_period(raw.title or ""),
        call_period(header),
        (raw.fiscal_year, raw.fiscal_quarter),
        call_period(opening),
    ]
    year, quarter = next(
        ((y, q) for y, q in candidates if y and q),
        (next((y for y, _ in candidates if y), None), next((q for _, q in candidates if q), None)),
    )
    if not company:
        company = _company_from_welcome(opening)
    if company:
        company = _preferred_casing(company, "\n".join(t.text for t in turns))
    call_date = raw.date or _find_date(header)
    if not call_date:
        # "All our statements are made as of today, February 26, 2025"
        for m in _TODAY_RE.finditer(opening):
            stated = _DATE_RE.match(opening, m.end())
            if stated and (call_date := _find_date(stated.group(0))):
                break
    return Transcript(
        company=company,
        ticker=ticker,
        fiscal_year=year,
        fiscal_quarter=quarter,
        date=call_date,
        title=raw.title,
        url=raw.url or url,
        turns=turns,
    )


def _is_call(raw: _Raw) -> bool:
    """ "Label: value" lines of a term sheet or a feed look like speaker lines too; a call has
    an operator, section headings or titled speakers, and talks about the call."""
    roled = {t.speaker for t in raw.turns if t.role} | (set(raw.roles) & {t.speaker for t in raw.turns})
    structure = raw.sectioned or len(roled) >= 2 or any(t.speaker == "Operator" for t in raw.turns)
    spoken = " ".join(p for t in raw.turns[:40] for p in t.paragraphs)
    return structure and bool(_CALL_WORDS.search(spoken))


def _settle_sections(raw: _Raw) -> None:
    """Where the layout does not mark Q&A, it starts with the operator's first question call."""
    if raw.qa_marked:
        section = PREPARED
        for turn in raw.turns:
            section = turn.section or section
            turn.section = section
        return
    start = next(
        (i for i, t in enumerate(raw.turns) if t.speaker == "Operator" and _QA_START.search(" ".join(t.paragraphs))),
        None,
    )
    for i, turn in enumerate(raw.turns):
        turn.section = QA if start is not None and i >= start else PREPARED


def _settle_roles(raw: _Raw) -> dict[str, str]:
    """A role per speaker: the participants list, then the speaker line, then the IR host's
    introductions ("Amy Hood, Chief Financial Officer") and the operator's ("Keith Weiss with
    Morgan Stanley" -> "Analyst, Morgan Stanley")."""
    roles: dict[str, str] = {}
    speakers = list(dict.fromkeys(t.speaker for t in raw.turns))
    for turn in raw.turns:
        if turn.role and turn.speaker not in roles:
            roles[turn.speaker] = turn.role
    for speaker, role in raw.roles.items():
        if speaker in speakers:
            roles[speaker] = role
    prepared_text = " ".join(" ".join(t.paragraphs) for t in raw.turns if t.section == PREPARED)
    for pattern in (_NAME_THEN_ROLE, _ROLE_THEN_NAME):
        for m in pattern.finditer(prepared_text):
            speaker = m.group("name").strip()
            if speaker in speakers and speaker not in roles and speaker != "Operator":
                roles[speaker] = _normalise_role(m.group("role")) or ""
    for turn in raw.turns:
        if turn.speaker != "Operator":
            continue
        for m in _ANALYST_INTRO.finditer(" ".join(turn.paragraphs)):
            speaker = _match_speaker(m.group("name"), speakers)
            firm = m.group("firm").strip()
            if speaker and roles.get(speaker) in (None, "Analyst") and 0 < len(firm) <= 60:
                roles[speaker] = f"Analyst, {firm}"
    return {k: v for k, v in roles.items() if v}


def _match_speaker(named: str, speakers: list[str]) -> str | None:
    """The speaker the operator introduced, allowing for spelling slips ("Eric"/"Erik")."""
    if named in speakers:
        return named
    def key(s: str) -> list[str]:
        return re.sub(r"[.']", "", s).lower().split()
    n = key(named)
    if not n:
        return None
    same_last = [s for s in speakers if key(s) and key(s)[-1] == n[-1]]
    initial = [s for s in same_last if key(s)[0][:1] == n[0][:1]]
    if len(initial) == 1:
        return initial[0]
    return same_last[0] if len(same_last) == 1 and len(n) == 1 else None


def call_period(text: str) -> tuple[int | None, int | None]:
    """The fiscal (year, quarter) a call's title or opening names: "Q3 2022 Equinix Inc Earnings
    Call" is (2022, 3); either may be None."""
    for pattern in _PERIOD_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        quarter = int(groups["q"]) if groups.get("q") else _ORDINALS.get((groups.get("ord") or "").lower())
        if groups.get("year"):
            year = int(groups["year"])
        elif groups.get("yy"):
            year = 2000 + int(groups["yy"])
        else:
            year = None
        return year, quarter
    return None, None


def _find_date(text: str) -> str | None:
    for m in _DATE_RE.finditer(text):
        month = _MONTHS.get(m.group("month").lower().rstrip("."))
        iso = _iso(int(m.group("year")), month, int(m.group("day"))) if month else None
        if iso:
            return iso
    m = _ISO_DATE_RE.search(text)
    return _iso(int(m.group("year")), int(m.group("month")), int(m.group("day"))) if m else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _company_name(value: str) -> str | None:
    value = " ".join(value.split()).strip(" ,;:-")
    value = _LEGAL_SUFFIX.sub("", value).strip(" ,")
    return value or None


def _company_from_welcome(text: str) -> str | None:
    """ "welcome to the Digital Realty fourth quarter 2021 earnings call" -> "Digital Realty"."""
    m = re.search(
        rf"\b(?i:welcome (?:everyone |you |all )?to (?:the )?)(?P<company>[{_UP}][\w&.'’\- ]{{1,60}}?)(?:['’]s)?\s+"
        r"(?i:(?:fiscal\s+)?(?:\d{4}\s+)?(?:first|second|third|fourth|Q[1-4])\b)",
        text,
    )
    return _company_name(m.group("company")) if m else None


def _preferred_casing(company: str, text: str) -> str:
    """The page header may say "Nvidia" where the call itself says "NVIDIA": take the casing
    the transcript uses most."""
    counts: dict[str, int] = {}
    for m in re.finditer(rf"(?<!\w){re.escape(company)}(?!\w)", text, re.I):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    if not counts:
        return company
    best = max(counts, key=lambda k: (counts[k], k == company))
    return best if counts[best] > counts.get(company, 0) else company


# -- small helpers -------------------------------------------------------------------------------


def _clean_line(line: str) -> str:
    line = line.replace("\xa0", " ").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", line).strip()


def _join(paragraphs: list[str]) -> str:
    """Paragraphs one per line; a line starting in lower case, or following "Mr."/"Ms.",
    continues the one before it (scrapes break paragraphs mid-sentence, e.g. after "U.S.")."""
    out: list[str] = []
    for p in paragraphs:
        if out and (p[:1].islower() or re.search(r"\b(?:Mr|Ms|Mrs|Dr)\.$", out[-1])):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return "\n".join(out)


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for key in names:
        tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
        if isinstance(tag, Tag) and tag.get("content"):
            return " ".join(str(tag["content"]).split()) or None
    return None


def _str(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _int(value: object, low: int, high: int) -> int | None:
    try:
        n = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return n if low <= n <= high else None
