"""The spaCy pipeline: blank English, sentences, companies (EntityRuler), money amounts.

The official English models cannot be installed here, and we do not need them: sentence
boundaries, a dictionary of companies and a money grammar carry most of the signal, and they
are fast. Only sentences with a money amount reach the event rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from monitor.models import Document, Event
from monitor.nlp.companies import CompanyIndex
from monitor.nlp.events import EXTRACTOR_VERSION, doc_text, events_from_doc
from monitor.nlp.money import find_money
from monitor.nlp.tone import tone_sentences

__all__ = ["EXTRACTOR_VERSION", "Extractor", "build_nlp"]

_NEWLINE = re.compile("\n")
MAX_CHARS = 1_500_000  # longer texts are cut: a 10-K is ~300,000 characters
# Longer sentences are cut into pieces of this many tokens. Real ones stay under it (4 of the
# fixture set's 18,680 sentences pass 250 tokens, the longest has 306); a page of text without a full stop or a line break would
# otherwise be one sentence, and the event rules' cost grows with amounts x sentence length.
MAX_SENTENCE_TOKENS = 400

if not Doc.has_extension("money"):
    Doc.set_extension("money", default=None)


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, table rows and list items carry no full stop.

    Found from the text and the tokens' offsets, written through one array: iterating the
    tokens in Python (one Token object each) was the stage's largest cost."""
    newlines = [m.start() for m in _NEWLINE.finditer(doc_text(doc))]
    if len(doc) < 2 or (not newlines and len(doc) <= MAX_SENTENCE_TOKENS):
        return doc
    array = doc.to_array([SENT_START])
    if newlines:
        offsets = doc.to_array([IDX])
        # the token holding each newline, in its text or its trailing whitespace; the next one starts
        starts = numpy.unique(numpy.searchsorted(offsets, numpy.array(newlines), side="right"))
        starts = starts[(starts >= 1) & (starts < len(doc))]
        array[starts] = 1
    if len(doc) > MAX_SENTENCE_TOKENS:
        _cut_long_sentences(array)
    doc.from_array([SENT_START], array)
    return doc


def _cut_long_sentences(sent_starts: numpy.ndarray) -> None:
    """Start a new sentence every MAX_SENTENCE_TOKENS tokens inside any longer one."""
    bounds = numpy.append(numpy.flatnonzero(sent_starts == 1), len(sent_starts))
    if bounds[0] != 0:
        bounds = numpy.insert(bounds, 0, 0)
    for i in numpy.flatnonzero(numpy.diff(bounds) > MAX_SENTENCE_TOKENS):
        sent_starts[bounds[i] + MAX_SENTENCE_TOKENS : bounds[i + 1] : MAX_SENTENCE_TOKENS] = 1


@Language.component("money_entities")
def money_entities(doc: Doc) -> Doc:
    """MONEY entities from the money grammar, each span carrying its normalised value."""
    found = find_money(doc_text(doc))
    doc._.money = found
    spans = []
    for m in found:
        span = doc.char_span(m.start, m.end, label="MONEY", alignment_mode="expand")
        if span is not None:
            spans.append(span)
    if spans:
        doc.ents = filter_spans(list(doc.ents) + spans)
    return doc


def build_nlp(companies: CompanyIndex) -> Language:
    nlp = spacy.blank("en")
    nlp.max_length = MAX_CHARS + 10
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("line_breaks")
    patterns = companies.patterns()
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("money_entities")
    return nlp


class Extractor:
    """Documents in, events out; pure (no I/O), so it can run over a backfill in parallel."""

    version = EXTRACTOR_VERSION

    def __init__(self, companies: CompanyIndex | None = None):
        self.companies = companies or CompanyIndex()
        self.nlp = build_nlp(self.companies)

    def _text(self, document: Document) -> str:
        return document.text[:MAX_CHARS]

    def _doc(self, text: str) -> Doc:
        """nlp(text), keeping the text on the Doc for the components and the rules (doc_text)."""
        doc = self.nlp.make_doc(text)
        doc.user_data["text"] = text
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    def extract(self, document: Document) -> list[Event]:
        doc = self._doc(self._text(document))
        return events_from_doc(doc, document, self.companies)

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
            events = events_from_doc(doc, document, self.companies)
            yield document, events, tone_sentences(doc, document, events) if tone else []
