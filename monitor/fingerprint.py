"""Near-duplicate detection: one wire story carried by ten sites is one story.

SimHash (Charikar 2002; Manku et al. 2007 for web pages) over word 3-grams gives each article a
64-bit fingerprint; texts that differ only in a byline, a lead sentence or boilerplate differ in a
few bits. The fingerprint is split into four 16-bit bands: two fingerprints within 3 bits of each
other share at least one band exactly (pigeonhole), so the store finds candidates with four
indexed equality lookups instead of comparing against every document.
"""

from __future__ import annotations

import hashlib
import re

MAX_DISTANCE = 3  # bits of 64; guaranteed to be found by the 4-band lookup
MIN_WORDS = 60  # shorter texts (headlines, feed summaries) share too much by chance
_WORD = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
_MASK = (1 << 64) - 1


def _shingle_hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def body_words(text: str) -> list[str]:
    """The words of the text's paragraphs: headlines, bylines, datelines and captions (lines of
    under eight words) are what copies of one story change, so they are left out."""
    words: list[str] = []
    for line in text.lower().split("\n"):
        found = _WORD.findall(line)
        if len(found) >= 8:
            words.extend(found)
    return words


def simhash(text: str, n: int = 3) -> int | None:
    """64-bit SimHash of the body's word n-grams; None when the text is too short to judge."""
    words = body_words(text)
    if len(words) < MIN_WORDS:
        return None
    counts = [0] * 64
    seen: set[str] = set()
    for i in range(len(words) - n + 1):
        shingle = " ".join(words[i : i + n])
        if shingle in seen:
            continue
        seen.add(shingle)
        h = _shingle_hash(shingle)
        for bit in range(64):
            if h >> bit & 1:
                counts[bit] += 1
            else:
                counts[bit] -= 1
    value = 0
    for bit, c in enumerate(counts):
        if c > 0:
            value |= 1 << bit
    return value


def to_signed(value: int) -> int:
    """SQLite integers are signed 64-bit."""
    return value - (1 << 64) if value >= 1 << 63 else value


def to_unsigned(value: int) -> int:
    return value & _MASK


def bands(value: int) -> tuple[int, int, int, int]:
    v = to_unsigned(value)
    return (v & 0xFFFF, v >> 16 & 0xFFFF, v >> 32 & 0xFFFF, v >> 48 & 0xFFFF)


def distance(a: int, b: int) -> int:
    return (to_unsigned(a) ^ to_unsigned(b)).bit_count()
