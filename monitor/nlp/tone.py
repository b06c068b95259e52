"""Which sentences set a document's tone, and how they add up.

Scoring every sentence of a 10-K would cost more than the rest of the pipeline, and most of them
are boilerplate. A reader forms the tone of a piece from its headline, its lead and what it says
about the money, so those are what we score:

- the title (weight 3; not for filings, whose titles are form names),
- the first three sentences of the body with at least six words (weight 2 each),
- every event's evidence sentence (weight 2),
- up to ten further sentences that name a company or an amount, spread over the text (weight 1).

Table rows ("a | b | c") and speaker lines of transcripts are never scored. The document's
probabilities are the weighted mean of its sentences' probabilities; its label is the most
probable class and its score P(positive) - P(negative) of that mean, in [-1, 1].
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

# isort: off
import monitor.nlp._spacy  # noqa: F401 - first: spaCy without torch (see there)
# isort: on
from spacy.tokens import Doc

from monitor.models import Document, Event
from monitor.nlp.events import doc_text, sentence_bounds

LEAD = 3
OTHERS = 10
MAX_SENTENCE_CHARS = 600


def scoreable(text: str) -> bool:
    """A sentence worth scoring: six words or more, not a table row."""
    return " | " not in text and len(text.split()) >= 6


def tone_sentences(doc: Doc, document: Document, events: Sequence[Event]) -> list[tuple[str, float]]:
    """(sentence, weight) pairs to score for this document; event sentences come first, in
    the order of `events`, so that their predictions can be given back to them."""
    chosen: dict[str, float] = {}
    for ev in events:
        chosen[ev.sentence] = max(chosen.get(ev.sentence, 0.0), 2.0)
    if document.title and document.kind != "filing" and scoreable(document.title):
        chosen[document.title] = max(chosen.get(document.title, 0.0), 3.0)
    lead = 0
    candidates = []
    bounds = sentence_bounds(doc)
    named = {bisect_right(bounds.starts, ent.start) - 1 for ent in doc.ents}  # Span.ents rescans the doc
    full = doc_text(doc)
    for i, (a, b) in enumerate(zip(bounds.start_chars, bounds.end_chars, strict=True)):
        text = full[a:b].strip()
        if not scoreable(text):
            continue
        if lead < LEAD:
            if text != document.title:
                key = text[:MAX_SENTENCE_CHARS]
                chosen[key] = max(chosen.get(key, 0.0), 2.0)
            lead += 1
        elif i in named:
            candidates.append(text)
    if candidates:
        step = max(1, len(candidates) // OTHERS)
        for text in candidates[::step][:OTHERS]:
            chosen.setdefault(text[:MAX_SENTENCE_CHARS], 1.0)
    return list(chosen.items())


def combine(weighted: Sequence[tuple[float, Sequence[float]]], labels: Sequence[str]) -> tuple[str, float] | None:
    """(label, polarity) of weighted sentence probabilities."""
    total = sum(w for w, _ in weighted)
    if not weighted or total <= 0:
        return None
    mean = [sum(w * p[i] for w, p in weighted) / total for i in range(len(labels))]
    best = max(range(len(labels)), key=mean.__getitem__)
    polarity = mean[labels.index("positive")] - mean[labels.index("negative")]
    return labels[best], round(polarity, 4)
