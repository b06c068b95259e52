"""Properties that hold for any input, checked with Hypothesis (derandomised, no example database).

- `find_money` never raises on any text; every Money it returns has a span inside the text that
  is exactly its `text`, spans in order without overlap, a known currency and qualifier, and
  finite non-negative figures (a single value, or a range with low < high). Amounts written
  the usual ways ("$1,234 million", "$2.5 billion", "$5-7 billion", "3,000 euros") parse to
  exactly their value.
- `parse_feed` on random bytes, on real feeds mutated at the byte level (cut short, bytes
  flipped, slices deleted, DOCTYPEs with entity declarations inserted) and on JSON feeds with
  fields of any JSON type raises nothing but FeedError, and gives well-typed FeedEntry objects.
- `documents_from_bytes` (what `monitor ingest` runs on a file) raises nothing but IngestError
  on the same kinds of input, and its documents hold no NUL, control character or lone surrogate.
- Any Document, whatever its text and title hold (NULs, controls, lone surrogates), is stored
  in a real SQLite store and read back as the same safe text, and storing it again changes nothing.
"""

from __future__ import annotations

import functools
import json
import math
import re
import string
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.collect.feeds import FeedEntry, FeedError, parse_feed
from monitor.collect.files import IngestError, documents_from_bytes
from monitor.collect.news import fingerprint
from monitor.models import Document, safe_text
from monitor.nlp.money import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    QUALIFIERS,
    Money,
    find_money,
    parse_money,
)
from monitor.store import Store
from tests.conftest import FIXTURES, SHARED


def fast(n: int):
    return settings(max_examples=n, deadline=None, derandomize=True, database=None, report_multiple_bugs=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


CURRENCIES = set(CURRENCY_SYMBOLS.values()) | set(CURRENCY_CODES.values()) | set(CURRENCY_WORDS.values())
UNSAFE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")
ANY_CHAR = st.characters(exclude_categories=())  # every code point, lone surrogates included


# -- find_money ------------------------------------------------------------------------------

MONEY_PIECES = [
    "$", "US$", "U.S.$", "€", "£", "¥", "HK$", "C$", "Rs", "Rs.", "₹", "USD", "EUR", "RMB", "billion", "bn", "Billion",
    "million", "mln", "m", "M", "b", "B", "k", "tn", "trillion", "lakh", "crore", "lakh crore", "%", "per cent",
    "percent", "to", "and", "between", "from", "-", "–", "—", "(", ")", "about", "up to", "more than", "~", "a",
    "an", "half", "two", "twenty-five", "hundred", "and a half", "dollars", "dlrs", "euros", "won", "pounds",
    "yen", "francs", "in 2025 dollars", ",", ".", " ", "  ", "\n", "\t", "0", "1", "18", "2,900", "1,20,000",
    ".5", "3.875", "0.0", "9" * 45, "1," * 30, "ſome", "\u212a",  # the Kelvin sign casefolds to "k"
]
number = st.from_regex(r"[0-9]{1,4}(?:[,.][0-9]{1,3}){0,4}", fullmatch=True)
money_text = st.lists(
    st.one_of(st.sampled_from(MONEY_PIECES), number, st.text(max_size=3), st.text(ANY_CHAR, max_size=2)),
    max_size=40,
).map("".join)


def check_money(text: str, found: list[Money]) -> None:
    assert isinstance(found, list)
    last_end = 0
    for m in found:
        assert isinstance(m, Money)
        assert 0 <= m.start < m.end <= len(text), (m, len(text))
        assert m.start >= last_end, f"overlapping or out of order: {found}"
        last_end = m.end
        assert m.text == text[m.start : m.end]
        assert m.currency in CURRENCIES, m
        assert m.qualifier is None or m.qualifier in set(QUALIFIERS.values()), m
        figures = [m.value, m.low, m.high, m.usd_estimate]
        for v in figures:
            assert v is None or (isinstance(v, float) and math.isfinite(v) and v >= 0), m
        if m.value is None:
            assert m.is_range and m.low < m.high, m
        else:
            assert m.low is None and m.high is None, m
        assert math.isfinite(m.magnitude) and m.magnitude >= 0


@fast(400)
@given(money_text)
def test_find_money_on_money_like_text_gives_well_formed_spans(text):
    check_money(text, find_money(text))


@fast(200)
@given(st.text(ANY_CHAR, max_size=300))
def test_find_money_on_any_text_gives_well_formed_spans(text):
    check_money(text, find_money(text))


@fast(100)
@given(st.lists(st.sampled_from(["$1,", "999", ",", "9", ".", "5 ", "billion", "-"]), min_size=200, max_size=600).map("".join))
def test_find_money_on_long_runs_of_digits_and_commas_gives_well_formed_spans(text):
    check_money(text, find_money(text))


@fast(150)
@given(st.integers(1, 10**12))
def test_dollar_millions_with_thousands_separators_parse_exactly(n):
    text = f"${n:,} million"
    m = parse_money(text)
    assert m is not None and (m.start, m.end, m.text) == (0, len(text), text)
    assert (m.currency, m.value, m.low, m.high) == ("USD", float(Decimal(n) * 10**6), None, None)


@fast(150)
@given(st.floats(0.1, 9999.9))
def test_dollar_billions_with_one_decimal_parse_exactly(x):
    text = f"${x:.1f} billion"
    m = parse_money(text)
    assert m is not None and m.text == text
    assert (m.currency, m.value) == ("USD", float(Decimal(f"{x:.1f}") * 10**9))


@fast(150)
@given(st.lists(st.integers(1, 999), min_size=2, max_size=4), st.sampled_from(["million", "billion"]),
       st.sampled_from(["$", "€", "£"]))
def test_a_scale_written_once_after_a_list_is_every_amounts(values, scale, sign):
    # "capital expenditures of $1.8 and $1.4 billion" (UPS's 10-Q): no amount of a list written
    # with "billion" comes out at another scale
    listed = [f"{sign}{v}" for v in values]
    text = ", ".join(listed[:-1]) + " and " + listed[-1] + f" {scale}"
    found = find_money(text)
    factor = 1e6 if scale == "million" else 1e9
    assert [m.value for m in found] == [v * factor for v in values]
    assert [m.listed_scale for m in found] == [True] * (len(values) - 1) + [False]


@fast(150)
@given(st.integers(1, 999), st.integers(1, 999), st.sampled_from(["-", "–", " to "]))
def test_dollar_ranges_parse_to_their_bounds(a, b, sep):
    low, high = sorted((a, a + b))
    text = f"${low}{sep}{high} billion"
    m = parse_money(text)
    assert m is not None and m.text == text and m.value is None
    assert (m.currency, m.low, m.high) == ("USD", low * 1e9, high * 1e9)


@fast(150)
@given(st.integers(1, 10**9), st.sampled_from([("euros", "EUR"), ("yen", "JPY"), ("dollars", "USD"), ("EUR", "EUR")]),
       st.sampled_from([("more than ", "more than"), ("about ", "about"), ("up to ", "up to"), ("", None)]))
def test_amounts_with_a_currency_word_or_code_and_a_qualifier_parse(n, currency, qualifier):
    word, code = currency
    text = f"{qualifier[0]}{n:,} {word}"
    m = parse_money(text)
    assert m is not None and (m.start, m.end) == (0, len(text)), (text, m)
    assert (m.currency, m.value, m.qualifier) == (code, float(n), qualifier[1])


# -- parse_feed ------------------------------------------------------------------------------

FEED_SEEDS = [
    FIXTURES / "feeds/techcrunch_3_items.rss.xml",
    SHARED / "fixtures/feeds/jornal_de_noticias_latin1.rss.xml",
    SHARED / "fixtures/feeds/google_alerts_slack.atom.xml",
    SHARED / "fixtures/feeds/sec_press_releases_2025-01.rss.xml",
    SHARED / "fixtures/feeds/nasdaq_artificial_intelligence_items_2020.json",
    SHARED / "fixtures/feeds/cnbc_top_news_items_2020-07-21.json",
]
DOC_SEEDS = FEED_SEEDS[:2] + [FEED_SEEDS[4]] + [
    SHARED / "fixtures/filings/nike_fwp_2015-10-26_pricing_term_sheet.html",
    FIXTURES / "pages/oracle_notes.html",
    FIXTURES / "faults/article_pt.html",
    FIXTURES / "transcripts/digital_realty_q4_2021.trimmed.json",
]
DOCTYPES = [
    b'<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    b'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE rss [<!ENTITY % pe SYSTEM "file:///etc/passwd"> %pe;]>',
    b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
    b"<!DOCTYPE [",
]
ENTITY_REFS = [b"&d;", b"&xxe;", b"&amp;", b"&#0;", b"&#xD800;", b"&#x1F600;", b"&nbsp;", b"&", b"<![CDATA[", b"]]>"]


@functools.cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


def _load(paths: list[Path]) -> None:
    missing = [p for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"fixtures missing: {missing}")


@st.composite
def mutated(draw, seeds: list[Path]) -> bytes:
    """A real document, cut, flipped, spliced and given entity declarations."""
    content = bytearray(_read(draw(st.sampled_from(seeds))))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "flip", "delete", "insert", "doctype", "entity"]))
        at = draw(st.integers(0, len(content)))
        if op == "truncate":
            del content[at:]
        elif op == "flip" and content:
            for _ in range(draw(st.integers(1, 8))):
                content[draw(st.integers(0, len(content) - 1))] = draw(st.integers(0, 255))
        elif op == "delete":
            del content[at : at + draw(st.integers(1, 2000))]
        elif op == "insert":
            content[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif op == "doctype":
            end = content.find(b"?>") + 2 if content.startswith(b"<?xml") else 0
            content[end:end] = draw(st.sampled_from(DOCTYPES))
        else:
            content[at:at] = draw(st.sampled_from(ENTITY_REFS))
    return bytes(content)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(ANY_CHAR, max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
JSON_FIELDS = ["id", "guid", "url", "link", "external_url", "title", "content_text", "content_html", "summary",
               "description", "date_published", "pubDate", "published", "author", "authors", "tags", "tickers"]
json_items = st.dictionaries(st.sampled_from(JSON_FIELDS), json_values | st.sampled_from(
    ["https://example.org/a", "2025-01-06T10:00:00Z", "Oracle sold $18 billion of bonds.", "<b>bold</b>"]), max_size=8)
json_feeds = st.one_of(
    st.builds(lambda items: json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode(),
              st.lists(json_items, max_size=4)),
    st.builds(lambda items: json.dumps(items).encode(), st.lists(json_items | json_values, max_size=4)),
)


def check_entries(entries: list) -> None:
    assert isinstance(entries, list)
    for e in entries:
        assert isinstance(e, FeedEntry)
        assert isinstance(e.id, str) and e.id
        assert e.title is None or (isinstance(e.title, str) and e.title), e
        assert e.link is None or isinstance(e.link, str), e
        assert e.author is None or isinstance(e.author, str), e
        assert isinstance(e.summary, str), e
        assert all(isinstance(t, str) for t in e.tags), e
        if e.published is not None:
            datetime.fromisoformat(e.published)


def parse_or_feed_error(content: bytes) -> None:
    try:
        entries = parse_feed(content, "https://feeds.example.org/feed.xml")
    except FeedError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    check_entries(entries)


@fast(300)
@given(st.binary(max_size=3000))
def test_parse_feed_on_random_bytes_raises_only_feed_error(content):
    parse_or_feed_error(content)


@fast(150)
@given(st.data())
def test_parse_feed_on_mutated_real_feeds_raises_only_feed_error(data):
    _load(FEED_SEEDS)
    parse_or_feed_error(data.draw(mutated(FEED_SEEDS)))


@fast(200)
@given(json_feeds)
def test_parse_feed_on_json_feeds_of_any_shape_raises_only_feed_error(content):
    parse_or_feed_error(content)


# -- documents_from_bytes --------------------------------------------------------------------

NAMES = ["in.txt", "in.html", "in.htm", "in.xml", "in.rss", "in.atom", "in.json", "in"]
KINDS = [None, "news", "filing", "transcript"]
CONTENT_TYPES = ["", "text/html", "application/json", "application/rss+xml", "text/plain", "text/html; charset=utf-8"]


def check_documents(content: bytes, name: str, kind: str | None, content_type: str) -> None:
    try:
        docs = documents_from_bytes(content, name=name, url="file:///tmp/in", source="file", kind=kind,
                                    content_type=content_type)
    except IngestError as exc:
        assert str(exc).startswith(f"{name}: ") and "\n" not in str(exc), str(exc)
        return
    assert docs and all(isinstance(d, Document) for d in docs)
    for d in docs:
        assert d.kind in ("news", "filing", "transcript") and d.id
        for value in (d.text, d.title, d.url, d.author, d.company):
            assert value is None or (isinstance(value, str) and not UNSAFE.search(value)), repr(value)[:200]


@fast(200)
@given(st.binary(max_size=3000), st.sampled_from(NAMES), st.sampled_from(KINDS), st.sampled_from(CONTENT_TYPES))
def test_documents_from_random_bytes_raise_only_ingest_error(content, name, kind, content_type):
    check_documents(content, name, kind, content_type)


@fast(120)
@given(st.data(), st.sampled_from(KINDS))
def test_documents_from_mutated_real_files_raise_only_ingest_error(data, kind):
    _load(DOC_SEEDS)
    seed = data.draw(st.sampled_from(DOC_SEEDS))
    content = data.draw(mutated([seed]))
    check_documents(content, seed.name, kind, "")


@fast(150)
@given(json_feeds, st.sampled_from([None, "news", "filing"]))
def test_documents_from_json_feeds_of_any_shape_raise_only_ingest_error(content, kind):
    check_documents(content, "feed.json", kind, "application/json")


@fast(150)
@given(st.text(st.sampled_from(string.printable + "\x00\x01\x0b\x7f\ud800é€"), max_size=400), st.sampled_from(NAMES))
def test_documents_from_text_with_a_few_controls_raise_only_ingest_error(text, name):
    check_documents(text.encode("utf-8", "surrogatepass"), name, None, "")


# -- Document in a real store ----------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("properties") / "p.db") as s:
        yield s


hostile_text = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    st.text(st.sampled_from("\x00\x01\x08\x0b\x1f\x7f\ud800\udbff\udc00\udfff\r\n\t\x0c \u2028\ufeffaé€"), max_size=60),
    st.lists(st.sampled_from(["Oracle ", "sold ", "$18 billion ", "of ", "bonds. ", "\n", "\x00", "\ud800"]),
             max_size=200).map("".join),
)
counter = iter(range(10**9))


@fast(200)
@given(text=hostile_text, title=st.none() | hostile_text, author=st.none() | hostile_text,
       kind=st.sampled_from(["news", "filing", "transcript"]))
def test_any_document_is_stored_and_read_back_as_safe_text(store, text, title, author, kind):
    store.db.execute("DELETE FROM documents")  # each example alone: no duplicate of an earlier one
    doc = fingerprint(Document(id=f"prop-{next(counter)}", source="props", kind=kind, text=text, title=title,
                               author=author, url="https://example.org/p", meta={"raw": "x"}))
    assert store.upsert_document(doc) == "new"
    back = store.get_document(doc.id)
    assert back is not None
    assert back.text == (safe_text(text) or "")
    assert back.title == safe_text(title) and back.author == safe_text(author)
    assert back.hash == doc.hash and back.fingerprint == doc.fingerprint
    for value in (back.text, back.title, back.author):
        assert value is None or not UNSAFE.search(value)
    assert store.upsert_document(fingerprint(Document(id=doc.id, source="props", kind=kind, text=text, title=title,
                                                      author=author, url="https://example.org/p"))) == "unchanged"
