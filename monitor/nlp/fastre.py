"""Trigger-word regexes that skip ahead: a lookahead of the characters a match can start with.

Python's regex engine tries every alternative of a pattern such as `\\bcapital\\s+...|\\bbonds?\\b|...`
at every position of the text. A leading `(?=[...])` of the possible first characters rejects
most positions at once: the three trigger patterns of the event rules ran 2 to 3 times faster
with identical matches. Where the first characters cannot be worked out (a pattern starting
with `\\w`, `.`, a lookaround), the pattern is compiled as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# Non-ASCII characters that re.IGNORECASE matches to an ASCII letter (long s, Kelvin sign,
# dotted and dotless i): kept in the class so that the lookahead never rejects a real match.
_CASE_PARTNERS = "\u017f\u212a\u0130\u0131"


def compile_prefixed(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), with a first-character lookahead when one can be derived."""
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]

        first = _first_chars(_parser.parse(pattern, flags).data, _constants)
    except Exception:  # a Python whose parser differs: the plain pattern is still right
        first = None
    if not first:
        return re.compile(pattern, flags)
    if flags & re.IGNORECASE:
        first = case_variants(first)
    chars = "".join(re.escape(c) for c in sorted(first))
    return re.compile(f"(?=[{chars}])(?:{pattern})", flags)


def case_variants(chars: Iterable[str]) -> set[str]:
    """Every character that re.IGNORECASE matches to one of `chars`: a plain character class of
    these is what a case-insensitive one would match, and unlike one it lets the engine skip."""
    return {
        variant
        for c in chars
        for variant in (c.lower(), c.upper(), *(o for o in _CASE_PARTNERS if re.fullmatch(re.escape(c), o, re.IGNORECASE)))
    }


def _first_chars(items: Any, c: Any) -> set[str] | None:
    """The characters a match of the parsed pattern `items` can start with; None when unknown
    or when the pattern can match the empty string."""
    for i, (op, av) in enumerate(items):
        if op is c.AT:  # \b, ^: zero-width, look at what follows
            continue
        if op is c.ASSERT_NOT and av[0] == -1:  # a negative lookbehind only narrows: "(?<!short-term\s)invest"
            continue
        if op is c.LITERAL:
            return {chr(av)}
        if op is c.IN:
            chars: set[str] = set()
            for item_op, item in av:
                if item_op is c.LITERAL:
                    chars.add(chr(item))
                elif item_op is c.RANGE and item[1] - item[0] < 256:
                    chars.update(chr(code) for code in range(item[0], item[1] + 1))
                else:  # a negated class, \w, \d: too wide to help
                    return None
            return chars
        if op is c.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                found = _first_chars(branch.data, c)
                if found is None:
                    return None
                union |= found
            return union
        if op is c.SUBPATTERN:
            return _first_chars(av[3].data, c)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            inner = _first_chars(av[2].data, c)
            if av[0] == 0:  # optional: what follows it may come first
                rest = _first_chars(items[i + 1 :], c)
                return None if inner is None or rest is None else inner | rest
            return inner
        return None
    return None
