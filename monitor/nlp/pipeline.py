"""The spaCy pipeline: blank English, sentences, companies (PhraseMatcher), money amounts.

The official English models cannot be installed here, and we do not need them: sentence
boundaries, a dictionary of companies and a money grammar carry most of the signal, and they
are fast. Only sentences with a money amount reach the event rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# isort: off
import monitor.nlp._spacy  # noqa: F401 - first: spaCy without torch (see there)
# isort: on
import numpy
import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from monitor.models import Document, Event
from monitor.nlp.companies import CompanyIndex
from monitor.nlp.events import (
    EXTRACTOR_VERSION,
    Sentences,
    doc_text,
    events_from_doc,
    sentence_bounds,
)
from monitor.nlp.learned import Decider, load_default
from monitor.nlp.money import find_money
from monitor.nlp.tone import tone_sentences

__all__ = ["EXTRACTOR_VERSION", "Extractor", "build_nlp"]

_NEWLINE = re.compile("\n")
MAX_CHARS = 1_500_000  # longer texts are cut: a 10-K is ~300,000 characters
# A run of 200 or more characters without a space (an XBRL or JSON blob pasted into a page, a
# base64 image) is no word: spaCy's tokenizer spends about a second on one of 40,000 characters
# looking for affixes. Such runs are cut every 100 characters (a space for a character, so that
# every offset stays where it was).
_LONG_RUN = re.compile(r"\S{200,}")
_CUT_EVERY = 100


# Text from a PDF or a plain-text filing is wrapped at a fixed width, and a line break ends a
# sentence ("... which provided for a delayed" / "draw term loan facility of up to $2.3 billion."
# would lose its date). A break is a wrap, read as a space (same length: offsets stay), when the
# next line goes on in lower case after a line of some length, or after a long line of prose that
# ends without a stop: no table cells, not a statement row ending in figures ("(930) (737) (713)").
_ROW_END = re.compile(r"(?:\s+\(?\$?\s?[\d,.]+\)?%?|\s+[—–-]){2,}\s*$")
_STOPS = (".", "!", "?", ":", ";")


def _unwrapped(text: str) -> str:
    if "\n" not in text:
        return text
    chars = list(text)
    lines = text.split("\n")
    end = -1  # where the line break after `line` stands
    for line, nxt in zip(lines, lines[1:], strict=False):
        end += len(line) + 1
        if not nxt or not line.strip():
            continue
        if (len(line) >= 60 and nxt[0].islower()) or (
                len(line) >= 120 and (nxt[0].isalpha() or nxt[0] in "(“\"$") and "|" not in line and "\t" not in line
                and not line.rstrip().endswith(_STOPS) and not _ROW_END.search(line)):
            chars[end] = " "
    return "".join(chars)


# A footnote marker glued to the word before it ("Capital expenditures5 were $14 million", a
# press release's "$45 million²") hides the word from every rule that wants it whole: it is read
# as a space (same length: offsets stay). One digit after a lower-case word of four letters or
# more, before a space or a stop; "COVID19", "FY2024" and "Rs1,000" are not markers.
# (Each branch starts with the character it wants: a look-behind first would be tried at every
# position of every document.)
_FOOTNOTE = re.compile(r"[1-9](?<=[a-z]{4}[1-9])(?=[\s,.;:)]|$)|[¹²³⁴⁵⁶⁷⁸⁹](?<=[A-Za-z)][¹²³⁴⁵⁶⁷⁸⁹])[¹²³⁴⁵⁶⁷⁸⁹]*")


def _unglued(text: str) -> str:
    return _FOOTNOTE.sub(lambda m: " " * len(m.group()), text)


def _cut_long_runs(text: str) -> str:
    return _LONG_RUN.sub(lambda m: _spaced(m.group()), text)


def _spaced(run: str) -> str:
    """The run with every 100th character a space: the same length, no word over 99 characters."""
    chars = list(run)
    for i in range(_CUT_EVERY - 1, len(chars), _CUT_EVERY):
        chars[i] = " "
    return "".join(chars)


# Longer sentences are cut into pieces of this many tokens. Real ones stay under it (4 of the
# fixture set's 18,680 sentences pass 250 tokens, the longest has 306); a page of text without a full stop or a line break would
# otherwise be one sentence, and the event rules' cost grows with amounts x sentence length.
MAX_SENTENCE_TOKENS = 400

if not Doc.has_extension("money"):
    Doc.set_extension("money", default=None)


class SentenceBreaks:
    """spaCy's sentencizer rule, plus: a line break ends a sentence (headlines, table rows and
    list items carry no full stop), a full stop inside a Reuters code ("BRKa.N") does not, and no
    sentence runs past MAX_SENTENCE_TOKENS.

    The sentencizer's rule: a sentence starts at the first token after a "." / "!" / "?" (etc.)
    token that is neither punctuation nor such a character. The sentencizer makes a Python Token
    object for every token to apply it; here the full stops are found in the text, and only the
    few tokens after them are looked at (a quarter of the sentencizer's time)."""

    def __init__(self) -> None:
        self.punct = frozenset(Sentencizer.default_punct_chars)
        # the ASCII ones and any non-ASCII character, filtered after: a class of the 128
        # characters themselves is matched four times slower
        ascii_punct = "".join(re.escape(c) for c in sorted(self.punct) if c.isascii())
        self.candidates = re.compile(f"[{ascii_punct}\\x80-\\U0010ffff]")

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        text = doc_text(doc)
        tokens = doc.to_array([IDX, LENGTH]).astype(numpy.int64)
        offsets = tokens[:, 0]
        starts = numpy.full(n, -1, dtype=numpy.int64)
        starts[0] = 1
        chars = [m.start() for m in self.candidates.finditer(text) if m.group() in self.punct]
        if chars:
            at = numpy.searchsorted(offsets, chars)
            at = at[at < n]
            # a stop is a token that is exactly one such character ("." but not "..." or "U.S.")
            stops = at[(offsets[at] == numpy.array(chars)[: len(at)]) & (tokens[at, 1] == 1)].tolist()
            stop_set = set(stops)
            for p in stops:
                q = p + 1
                if q < n and (_ric_suffix(text, offsets, tokens[:, 1], p) or _number_sign(text, offsets, tokens[:, 1], p)):
                    continue
                while q < n and (q in stop_set or doc[q].is_punct):
                    q += 1
                if q < n:
                    starts[q] = 1
        newlines = [m.start() for m in _NEWLINE.finditer(text)]
        if newlines:
            # the token holding each newline, in its text or its trailing whitespace; the next one starts
            held = numpy.searchsorted(offsets, newlines, side="right")
            held = held[(held >= 1) & (held < n)]
            starts[held] = 1
        if n > MAX_SENTENCE_TOKENS:
            _cut_long_sentences(starts)
        doc.from_array([SENT_START], starts.astype(numpy.uint64).reshape(-1, 1))  # -1 wraps, as spaCy stores it
        doc.user_data["sentences"] = Sentences(starts, offsets, tokens[:, 1])  # for the rules: no second pass
        return doc


_EXCHANGE = re.compile(r"[A-Z]{1,2}")


def _ric_suffix(text: str, offsets: numpy.ndarray, lengths: numpy.ndarray, p: int) -> bool:
    """The stop is inside a Reuters instrument code, "( BRKa.N )" or "( VOWG_p.DE )": spaCy's
    tokenizer splits a full stop between a lower-case letter and a capital ("years.The"), and
    the code's exchange would otherwise open a sentence that loses the company before it."""
    at, nxt = int(offsets[p]), int(offsets[p + 1])
    if nxt != at + 1 or p == 0 or int(offsets[p - 1] + lengths[p - 1]) != at:
        return False
    end = nxt + int(lengths[p + 1])
    return _EXCHANGE.fullmatch(text, nxt, end) is not None and (end == len(text) or not text[end].isalnum())


_NUMBER_SIGN = re.compile(r"No|Nos")
_DIGIT_NEXT = re.compile(r"\s{0,2}\d")


def _number_sign(text: str, offsets: numpy.ndarray, lengths: numpy.ndarray, p: int) -> bool:
    """The stop ends "No." before a number ("Amendment No. 3, which increased the commitments to
    $550 million"): spaCy's tokenizer splits it from "No", and the amendment would lose the
    sentence that gives its size and date."""
    at = int(offsets[p])
    if p == 0 or int(offsets[p - 1] + lengths[p - 1]) != at:
        return False
    return (_NUMBER_SIGN.fullmatch(text, int(offsets[p - 1]), at) is not None
            and _DIGIT_NEXT.match(text, at + 1) is not None)


@Language.factory("sentence_breaks")
def make_sentence_breaks(nlp: Language, name: str) -> SentenceBreaks:
    return SentenceBreaks()


def _cut_long_sentences(sent_starts: numpy.ndarray) -> None:
    """Start a new sentence every MAX_SENTENCE_TOKENS tokens inside any longer one."""
    bounds = numpy.append(numpy.flatnonzero(sent_starts == 1), len(sent_starts))
    if bounds[0] != 0:
        bounds = numpy.insert(bounds, 0, 0)
    for i in numpy.flatnonzero(numpy.diff(bounds) > MAX_SENTENCE_TOKENS):
        sent_starts[bounds[i] + MAX_SENTENCE_TOKENS : bounds[i + 1] : MAX_SENTENCE_TOKENS] = 1


class Entities:
    """Companies (a PhraseMatcher over every configured name and alias) and MONEY amounts (the
    money grammar, each span carrying its normalised value), set on the Doc in one go.

    This is what spaCy's EntityRuler followed by a money component did, with the same result:
    the longest company match wins, then amounts and companies that overlap are resolved by
    `filter_spans`. But `doc.ents` is written once instead of twice, and without the ruler's
    per-call bookkeeping: the two had cost as much as the matching itself, four times over."""

    def __init__(self, nlp: Language, patterns: list[dict]):
        self.matcher = PhraseMatcher(nlp.vocab)
        self.keys: dict[int, tuple[str, str | None]] = {}
        phrases: dict[tuple[str, str | None], list[Doc]] = {}
        for pattern in patterns:
            phrases.setdefault((pattern["label"], pattern.get("id") or None), []).append(nlp.make_doc(pattern["pattern"]))
        for (label, ent_id), docs in phrases.items():
            key = f"{label}||{ent_id or ''}"
            self.keys[nlp.vocab.strings.add(key)] = (label, ent_id)
            self.matcher.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = self._companies(doc) if self.keys else []
        found = find_money(doc_text(doc), bare=True)
        doc._.money = found
        amounts = []
        for m in found:
            span = doc.char_span(m.start, m.end, label="MONEY", alignment_mode="expand")
            if span is not None:
                amounts.append(span)
        if amounts:
            spans = filter_spans(spans + amounts)
        if spans:
            doc.ents = spans
        return doc

    def _companies(self, doc: Doc) -> list[Span]:
        """The EntityRuler's choice: longest first, then leftmost, skipping any match whose first
        or last token is taken (a later match is never longer, so it cannot straddle one)."""
        matches = sorted(
            {(k, a, b) for k, a, b in self.matcher(doc) if a != b},
            key=lambda m: (m[1] - m[2], m[1], m[0]),  # the ruler left ties to a set's order
        )
        spans, taken = [], set()
        for key, a, b in matches:
            if a in taken or b - 1 in taken:
                continue
            label, ent_id = self.keys[key]
            spans.append(Span(doc, a, b, label=label, span_id=ent_id or 0))
            taken.update(range(a, b))
        return spans


@Language.factory("entities", default_config={"patterns": []})
def make_entities(nlp: Language, name: str, patterns: list[dict]) -> Entities:
    return Entities(nlp, patterns)


def build_nlp(companies: CompanyIndex) -> Language:
    nlp = spacy.blank("en")
    nlp.max_length = MAX_CHARS + 10
    nlp.add_pipe("sentence_breaks")
    nlp.add_pipe("entities", config={"patterns": companies.patterns()})
    return nlp


class Extractor:
    """Documents in, events out; pure (no I/O), so it can run over a backfill in parallel."""

    version = EXTRACTOR_VERSION

    def __init__(self, companies: CompanyIndex | None = None, decider: Decider | None | str = "default"):
        """`decider`: what decides each candidate amount; "default" is the shipped model
        (models/extractor), None the rules alone."""
        self.companies = companies or CompanyIndex()
        self.nlp = build_nlp(self.companies)
        self.decider: Decider | None = load_default() if decider == "default" else decider  # type: ignore[assignment]

    def _text(self, document: Document) -> str:
        return _unwrapped(_unglued(_cut_long_runs(document.text[:MAX_CHARS])))

    def _doc(self, text: str) -> Doc:
        """nlp(text), keeping the text on the Doc for the components and the rules (doc_text)."""
        doc = self.nlp.make_doc(text)
        doc.user_data["text"] = text
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    def extract(self, document: Document) -> list[Event]:
        doc = self._doc(self._text(document))
        return events_from_doc(doc, document, self.companies, self.decider)

    def sentences(self, document: Document) -> list[str]:
        """The document's sentences as the rules split them (the tone model's training reads them)."""
        doc = self._doc(self._text(document))
        bounds, text = sentence_bounds(doc), doc_text(doc)
        return [text[a:b].strip() for a, b in zip(bounds.start_chars, bounds.end_chars, strict=True)]

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = 16
    ) -> Iterator[tuple[Document, list[Event]]]:
        for document, events, _ in self.analyse_many(documents, batch_size=batch_size, tone=False):
            yield document, events

    def analyse_many(
        self, documents: Iterable[Document], batch_size: int = 16, tone: bool = True
    ) -> Iterator[tuple[Document, list[Event], list[tuple[str, float]]]]:
        """Events, and the (sentence, weight) pairs that set the document's tone (see tone.py).
        `batch_size` is kept for callers: rule components gain nothing from nlp.pipe's batches."""
        for document in documents:
            doc = self._doc(self._text(document))
            events = events_from_doc(doc, document, self.companies, self.decider)
            yield document, events, tone_sentences(doc, document, events) if tone else []
