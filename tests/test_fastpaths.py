"""The extraction stage's fast paths give exactly what the plain versions give.

- The money scanner (`money._TOKEN_RE`, one plain character class first, articles only before a
  scale word) finds the same amounts as the plain pattern it replaces.
- `compile_prefixed` patterns (a lookahead of the possible first characters) match exactly
  where the plain pattern matches, case partners such as the long s included.
- `SentenceBreaks` (spaCy's sentencizer rule applied from the text, plus line breaks) gives the sentences
  spaCy's own sentencizer gives, and `sentence_bounds` the bounds of `doc.sents`.
- `Entities` (a PhraseMatcher and the money grammar, `doc.ents` set once) gives the companies
  spaCy's EntityRuler gives.
"""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.nlp import money
from monitor.nlp.companies import CompanyIndex
from monitor.nlp.events import CAPEX_TRIGGERS, DEBT_TRIGGERS, NEGATIVE_CUES, sentence_bounds
from monitor.nlp.fastre import compile_prefixed
from monitor.nlp.money import NUMBER_WORDS, _phrase_alternation, find_money
from monitor.nlp.pipeline import build_nlp


def fast(n: int):
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


# The scanner as it was written before it was made fast: every number, number word and article.
PLAIN_TOKEN_RE = re.compile(
    r"(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?|(?<![\w.])\.[0-9]+)"
    rf"|(?<![A-Za-z])(?P<word>{_phrase_alternation([*NUMBER_WORDS, 'half', 'an', 'a'])})(?![A-Za-z])",
    re.IGNORECASE,
)

PIECES = ["a", "an", "A", "An", "half", "Half a", "ſix", "six", "one", "hundred", "billion", "Billion", "bn", "mn",
          "m", "k", "lakh", "crore", "trn", "$", "US$", "EUR", "€", "euros", "dollars", "yen", "to", "and",
          "between", "-", "–", "5", "1,200", ".5", "3.25", "2025", "%", "about", "up to", "data", "\u212a",
          "twenty-five", "Thousand", "a-billion", "a  half", "a billion", "an mn", "A Trillion", "a lakh", "a tn",
          " ", "  ", "\n", ",", ".", "(", ")"]
money_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=2)), max_size=30).map(" ".join)


def _plain_find_money(text: str) -> list:
    with pytest.MonkeyPatch.context() as m:
        m.setattr(money, "_TOKEN_RE", PLAIN_TOKEN_RE)
        return find_money(text)


@fast(600)
@given(money_text)
def test_fast_money_scanner_finds_what_the_plain_one_finds(text):
    assert find_money(text) == _plain_find_money(text)


def test_fast_money_scanner_on_real_sentences():
    text = ("Microsoft will spend about $80 billion this fiscal year. It raised a half billion euros and two "
            "hundred million dollars, a year after a $5-7 billion plan; an ſix billion yen loan; between 3 and 4 "
            "bn USD. A data centre cost a fraction of 1.5 per cent, a billion dollars, a trillion won and a lakh crore rupees.")
    fast_found = find_money(text)
    assert fast_found == _plain_find_money(text)
    assert [m.text for m in fast_found][:3] == ["about $80 billion", "a half billion euros", "two hundred million dollars"]
    assert [m.text for m in fast_found][-3:] == ["a billion dollars", "a trillion won", "a lakh crore rupees"]


@pytest.mark.parametrize("rx", [CAPEX_TRIGGERS, DEBT_TRIGGERS, NEGATIVE_CUES], ids=["capex", "debt", "neg"])
def test_trigger_patterns_carry_a_first_character_lookahead(rx):
    assert rx.pattern.startswith("(?=[")


trigger_text = st.lists(st.sampled_from([
    "capital expenditures", "capex", "Cap-ex", "ſpending", "spent", "on", "AI data centers", "bonds", "notes due",
    "senior notes", "term loan", "revolving credit facility", "free cash flow", "cash flow", "revenue", "IPO",
    "buybacks", "the", "of", "in", "5.25%", "$", "10", " ", ",", ".", ";", "\u212a", "İnvest", "outstanding",
]), max_size=25).map(" ".join)


@fast(300)
@given(trigger_text)
def test_prefixed_trigger_patterns_match_where_the_plain_ones_match(text):
    for rx in (CAPEX_TRIGGERS, DEBT_TRIGGERS, NEGATIVE_CUES):
        plain = re.compile(rx.pattern[rx.pattern.index("])") + 2 :], rx.flags)
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bbonds?\b", set("bB")),
    (r"\b(?:free\s+)?cash\s+flows?\b", set("fFcC")),
    (r"\bseries\b", set("sSſ")),
    (r"[0-9]+|\.[0-9]", set("0123456789.")),
])
def test_compile_prefixed_works_out_the_first_characters(pattern, expected):
    rx = compile_prefixed(pattern, re.I if pattern[0] == "\\" else 0)
    head = rx.pattern[len("(?=[") : rx.pattern.index("])")]
    assert set(re.sub(r"\\(.)", r"\1", head)) == expected


@pytest.mark.parametrize("pattern", [r"\w+ing", r".*bonds", r"(?:a)?", r"(?!x)bonds", r"x|", r"[^a]b"])
def test_compile_prefixed_leaves_patterns_it_cannot_work_out(pattern):
    assert compile_prefixed(pattern).pattern == pattern


# -- sentences -------------------------------------------------------------------------------

sentence_text = st.lists(st.sampled_from([
    "Capex rose", "to $5 billion", ".", "!", "?", "...", "\"", "'", ")", "(", "Mr.", "U.S.", "Inc.", "\n", "\n\n",
    " ", "  ", "—", "|", "Q3", "2025", "said", "it", "e.g.", ":", ";", "。", "‼",
]), max_size=60).map(" ".join)


@pytest.fixture(scope="module")
def pipelines():
    spacy_nlp = spacy.blank("en")
    spacy_nlp.add_pipe("sentencizer")
    return spacy_nlp, build_nlp(CompanyIndex())


@fast(300)
@given(text=sentence_text)
def test_sentence_breaks_follow_the_sentencizer_and_line_breaks(pipelines, text):
    spacy_nlp, nlp = pipelines
    reference = spacy_nlp(text)
    starts = {s.start for s in reference.sents}
    # a line break also ends a sentence: the token after the one holding a newline starts one
    for token in reference[:-1]:
        if "\n" in token.text_with_ws:
            starts.add(token.i + 1)
    doc = nlp(text)
    assert {s.start for s in doc.sents} == starts
    expected = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
    kept = sentence_bounds(doc)  # kept on the Doc by the pipeline
    assert list(zip(kept.starts, kept.ends, kept.start_chars, kept.end_chars, strict=True)) == expected
    doc.user_data.pop("sentences", None)  # read again from the Doc's arrays
    read = sentence_bounds(doc)
    assert list(zip(read.starts, read.ends, read.start_chars, read.end_chars, strict=True)) == expected


def test_a_reuters_code_does_not_end_a_sentence_and_a_glued_full_stop_does(pipelines):
    """spaCy's tokenizer splits a full stop between a lower-case letter and a capital: "years.The"
    (text scraped without its space) ends a sentence, "( BRKa.N )" and "( VOWG_p.DE )" do not."""
    _, nlp = pipelines
    text = ("Warren Buffett's Berkshire Hathaway ( BRKa.N ) opened 2011 with a $1.5 billion debt sale. "
            "Volkswagen ( VOWG_p.DE ), the carmaker, will invest. It grew over the next six years.The region is big.")
    assert [s.text for s in nlp(text).sents] == [
        "Warren Buffett's Berkshire Hathaway ( BRKa.N ) opened 2011 with a $1.5 billion debt sale.",
        "Volkswagen ( VOWG_p.DE ), the carmaker, will invest.",
        "It grew over the next six years.",
        "The region is big.",
    ]


# -- companies -------------------------------------------------------------------------------

company_text = st.lists(st.sampled_from([
    "Microsoft", "Microsoft Corp.", "Microsoft Corporation", "Azure", "Microsoft Azure", "Alphabet", "Google",
    "Google Cloud", "Meta", "Meta Platforms", "Oracle", "CoreWeave", "Amazon", "AWS", "Amazon Web Services",
    "said", "$5 billion", "and", "of", ",", ".", "\n", "Inc.", "the", "notes", "raised", "$", "2",
]), max_size=40).map(" ".join)


@pytest.fixture(scope="module")
def company_pipelines():
    from monitor.config import load_config
    from tests.conftest import ROOT

    companies = CompanyIndex(load_config(ROOT / "feeds.yaml").companies)
    ruler_nlp = spacy.blank("en")
    ruler = ruler_nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(companies.patterns())
    return ruler_nlp, build_nlp(companies)


@fast(300)
@given(text=company_text)
def test_company_entities_are_the_entity_rulers(company_pipelines, text):
    ruler_nlp, nlp = company_pipelines
    expected = [(e.start, e.end, e.label_, e.ent_id_) for e in ruler_nlp(text).ents]
    got = [(e.start, e.end, e.label_, e.ent_id_) for e in nlp(text).ents if e.label_ == "ORG"]
    assert got == expected  # no amount here overlaps a name, so every company stays


def test_a_negative_lookbehind_keeps_the_first_character_lookahead():
    from monitor.nlp.fastre import compile_prefixed

    # 3.72's capex trigger opens on "(?<!short-term\s)" before "invest": still a first-character skip
    rx = compile_prefixed(r"\b(?<!short-term\s)(?:investments?|spend)\b|capex", re.I)
    assert rx.pattern.startswith("(?=[")
    assert rx.search("new capital investments") and not rx.search("cash and short-term investments")
    assert compile_prefixed(r"(?<!x)").pattern == "(?<!x)"  # nothing after it: no first character to require
