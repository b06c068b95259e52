"""Markdown to the plain text the extractor reads.

Filings and articles often arrive converted to Markdown (EDGAR-to-Markdown datasets, notes
exported from a reader, LLM tooling). Read as plain text, a statement row "| Capital
expenditures | (585) | (728) | (579) |" starts with a pipe, its cells carry "&nbsp;" and "**",
and no row is recognised. Here each table row becomes "label | value | value" (the form the HTML
reader gives its tables, empty cells dropped as it drops them), separator rows and rules
go, and emphasis, headings' hashes, bullets, links and inline tags are removed; the words and their
order are kept.
"""

from __future__ import annotations

import html
import re

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")  # "|---|:---:|"
_RULE = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")  # "---", "***", "___"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"</?(?:u|b|i|em|strong|span|sup|sub|font|small|br|ins|mark)\b[^>]*>", re.I)
# emphasis around words: "**bold**", "__bold__", "*italic*" (a lone "*" after a figure or before a
# footnote stays)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")


def markdown_text(text: str) -> str:
    """The text of a Markdown document, one line per line, tables as "cell | cell | cell"."""
    out: list[str] = []
    for line in text.split("\n"):
        if _SEPARATOR.match(line) or _RULE.match(line):
            continue
        line = _HEADING.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _TAG.sub("", line)
        line = _STRONG.sub(r"\2", line)
        line = _STRONG.sub(r"\2", line)  # nested: "***word***", "**__word__**"
        line = _ITALIC.sub(r"\1", line)
        line = html.unescape(line).replace("\xa0", " ")
        stripped = line.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            line = " | ".join(c for c in cells if c)  # empty cells dropped, as the HTML reader drops them
        else:
            line = _BULLET.sub(r"\1", line)
        out.append(line)
    return "\n".join(out)
