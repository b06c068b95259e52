"""HTML to text: article pages through trafilatura (boilerplate removal), filings through
BeautifulSoup (structure matters: every table row stays a row, with its cells in order)."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, CData, NavigableString, Tag, XMLParsedAsHTMLWarning

from monitor.collect.dates import parse_date
from monitor.collect.http import decode
from monitor.collect.urls import own_canonical

_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
    "article", "blockquote", "pre", "ul", "ol", "dd", "dt", "header", "footer", "hr",
}
_SCALE_RE = re.compile(r"\(\s*(?:[$€£¥\w]+\s+){0,3}in\s+(thousands|millions|billions)\b", re.I)


@dataclass
class Page:
    title: str | None
    text: str
    published: str | None = None
    author: str | None = None
    canonical_url: str | None = None
    tables: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)  # inline XBRL dei: facts (DocumentType...)


# Characters lxml refuses in a str ("All strings must be XML compatible"): C0 controls other
# than tab, newline and carriage return, and lone surrogates. A page may hold any of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _parsable(html: str) -> str:
    return _NOT_XML.sub("", html) if _NOT_XML.search(html) else html


def page_text(html: str | bytes) -> str:
    """A page as text lxml accepts. Decoded here rather than by BeautifulSoup: a charset name a
    page declares goes to lxml as is, and a control character in it is a crash, not a wrong guess."""
    return _parsable(decode(html) if isinstance(html, bytes) else html)


def soup_of(html: str | bytes) -> BeautifulSoup:
    return _soup(page_text(html))


def _soup(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(text, "lxml")


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if isinstance(tag, Tag) and tag.get("content"):
            return str(tag["content"]).strip()
    return None


def _canonical(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    if isinstance(link, Tag) and link.get("href"):
        return str(link["href"]).strip()
    return _meta(soup, "og:url")


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")  # zero-width characters


def clean_whitespace(text: str) -> str:
    text = _INVISIBLE.sub("", text.replace("\xa0", " "))
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def extract_article(html: str | bytes, url: str | None = None) -> Page:
    """Main text and metadata of a news page. Its canonical link counts only on the site of
    `url`, where the page was fetched (see urls.own_canonical)."""
    import trafilatura

    # One decoding for both parsers (charset sniffing, not a guess), safe for lxml.
    html = page_text(html)
    soup = _soup(html)
    title = _meta(soup, "og:title", "twitter:title")
    if not title and soup.title and soup.title.string:
        title = soup.title.string.strip()
    published = parse_date(
        _meta(soup, "article:published_time", "og:published_time", "pubdate", "date", "dc.date", "DC.date.issued")
    )
    author = _meta(soup, "author", "article:author")
    text = ""
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
        )
    except Exception:  # trafilatura is a heuristic; a failure falls back to paragraphs
        result = None
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = data.get("text") or ""
        title = data.get("title") or title
        published = published or parse_date(data.get("date"))
        author = author or data.get("author")
    if len(text) < 200:
        paragraphs = [p.get_text(" ", strip=True) for p in soup.find_all("p")]
        fallback = "\n\n".join(p for p in paragraphs if len(p) > 40)
        if len(fallback) > len(text):
            text = fallback
    if not text.strip():  # no article structure (or nesting too deep for trafilatura): all the text
        text = (soup.body or soup).get_text("\n", strip=True)
    return Page(
        title=clean_whitespace(title) if title else None,
        text=clean_whitespace(text),
        published=published,
        author=author,
        canonical_url=own_canonical(_canonical(soup), url),
        tables=_data_tables(soup),
    )


def _data_tables(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Tables of figures in an article (not the layout tables of old pages)."""
    out = []
    for table in soup.find_all("table"):
        if table.find("table") is not None:
            continue  # a layout table around other content
        rows = _table_rows(table)
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        cells = [c for r in rows for c in r]
        if sum(1 for c in cells if re.search(r"\d", c)) < 2 or sum(len(c) for c in cells) > 20_000:
            continue
        context = " ".join(" ".join(r) for r in rows[:4])
        scale = _SCALE_RE.search(context)
        out.append({"rows": rows, "scale": scale.group(1).lower() if scale else None})
    return out


def _cell_text(cell: Tag) -> str:
    """A cell's text; a cell holding only a zero-width space (Workiva's spacer cells in Riot's
    statements) is empty, so that it is dropped and the row's figures line up."""
    return re.sub(r"\s+", " ", _INVISIBLE.sub("", cell.get_text(" ", strip=True))).strip()


def _table_rows(table: Tag) -> list[list[str]]:
    rows = []
    for tr in table.find_all("tr"):
        cells = [_cell_text(td) for td in tr.find_all(["td", "th"])]
        # Filings split "$" and "(4,511" and ")" into separate cells: glue them back.
        merged: list[str] = []
        for c in cells:
            if not c:
                continue
            if merged and (c in (")", "%", ")%") or merged[-1] in ("$", "(", "$(")):
                merged[-1] = (merged[-1] + c).replace("$(", "($")
            else:
                merged.append(c)
        if merged:
            rows.append(merged)
    return rows


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)
_HIDDEN_RULE = re.compile(r"\.([\w-]+)\s*\{[^}]*display\s*:\s*none", re.I)


def _hidden_classes(soup: Any) -> set[str]:
    """Classes a filing's own stylesheet hides (`div.x1 {display:none}`)."""
    return {m.group(1) for style in soup.find_all("style") for m in _HIDDEN_RULE.finditer(style.get_text() or "")}


def extract_filing(html: str | bytes) -> Page:
    """Text of an SEC filing document with its tables kept as rows.

    Each table row becomes one line with cells joined by " | ", and is also returned in
    `tables` with the statement's scale ("in millions") when the table or its caption says so.
    """
    soup = soup_of(html)
    hidden = _hidden_classes(soup)
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    facts = dei_facts(soup)  # before the hidden header that holds some of them goes
    for tag in soup.find_all(lambda t: t.name and t.name.lower() == "ix:header"):
        tag.decompose()
    # what no reader sees: an inline-XBRL header whose ix tags a rendering dropped but whose
    # "display:none" block it kept ("false2021FY0000812011..." before Vail Resorts' cover page).
    # Blocks only: a table's hidden rows and cells stay (Marathon Digital's 10-Q hides rows of
    # its statements' headings that the rows below are read by)
    for tag in soup.find_all(lambda t: t.name in ("div", "p") and (_HIDDEN_STYLE.search(t.get("style") or "") or hidden.intersection(t.get("class") or ()))):
        if tag.find_parent("table") is None and tag.find("table") is None:
            tag.decompose()
    tables: list[dict[str, Any]] = []
    for table in soup.find_all("table"):
        rows = _table_rows(table)
        if not rows:
            table.decompose()
            continue
        context = " ".join(" ".join(r) for r in rows[:4])
        prev = table.find_previous(string=_SCALE_RE)
        scale_match = _SCALE_RE.search(context) or (_SCALE_RE.search(str(prev)) if prev else None)
        tables.append({"rows": rows, "scale": scale_match.group(1).lower() if scale_match else None})
        replacement = soup.new_tag("pre")
        replacement.string = "\n" + "\n".join(" | ".join(r) for r in rows) + "\n"
        table.replace_with(replacement)
    title = soup.title.string.strip() if soup.title and soup.title.string else None
    text = clean_whitespace(_block_text(soup.body or soup))
    return Page(title=title, text=text, tables=tables, facts=facts)


def dei_facts(soup: BeautifulSoup) -> dict[str, str]:
    """The cover page's inline XBRL `dei:` facts (DocumentType, DocumentPeriodEndDate,
    EntityRegistrantName...), first value of each: what the filer states about the filing itself."""
    facts: dict[str, str] = {}
    for tag in soup.find_all(lambda t: t.name in ("ix:nonnumeric", "ix:nonfraction")):
        name = str(tag.get("name") or "")
        if name.lower().startswith("dei:") and name[4:] not in facts:
            value = re.sub(r"\s+", " ", tag.get_text(" ", strip=True)).strip()
            if value and len(value) < 300:
                facts[name[4:]] = value
    return facts


_END = object()


def _block_text(root: Tag) -> str:
    """get_text("") with a line break around each block element. A line break in the HTML source
    is a space, as a browser shows it (Marathon Digital's 10-Q wraps every paragraph's source at
    130 characters: read as lines, its sentences fell apart); only <pre> keeps its lines (the
    tables, rendered as rows). Iterative and without editing the tree: Tag.insert_after walks the
    whole subtree, quadratic on deeply nested pages."""
    parts: list[str] = []
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if node is _END:
            parts.append("\n")
        elif isinstance(node, Tag):
            if node.name == "pre" and node is not root:
                parts.append("\n" + node.get_text() + "\n")
                continue
            if node.name in _BLOCK_TAGS and node is not root:
                parts.append("\n")
                stack.append(_END)
            stack.extend(reversed(node.contents))
        elif type(node) in (NavigableString, CData):
            parts.append(_SOURCE_BREAK.sub(" ", str(node)))
    return "".join(parts)


_SOURCE_BREAK = re.compile(r"[\r\n]+")


def looks_like_filing(html: bytes | str) -> bool:
    head = html[:20000] if isinstance(html, str) else html[:20000].decode("latin-1")
    return bool(
        re.search(r"SECURITIES AND EXCHANGE COMMISSION|ix:header|<SEC-DOCUMENT>|Form\s+(?:8-K|10-K|10-Q)|"
            r"\bEX-\d+(?:\.\d+)?\b|Exhibit\s+\d+\.\d+|Rule\s+(?:424|433)|PRICING TERM SHEET|INDENTURE",
            head,
            re.I,
        )
    )
