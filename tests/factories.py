"""Documents and events written to a real SQLite store, dated relative to now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from monitor.models import Document, Event
from monitor.store import Store


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).replace(microsecond=0).isoformat()


def add(store: Store, doc_id: str, text: str, events: list[dict[str, Any]] | None = None, *,
        title: str | None = None, kind: str = "news", published: str | None = None, company: str | None = None,
        url: str | None = None, tone: tuple[str, float] | None = None, source: str = "test") -> Document:
    """Store a document and its events (each event's sentence must be in the text)."""
    doc = Document(id=doc_id, source=source, kind=kind, text=text, title=title, url=url or f"https://news.example/{doc_id}",
                   published=published or ago(hours=1), fetched=ago(minutes=5), company=company)
    store.upsert_document(doc)
    evs = []
    for spec in events or []:
        spec = dict(spec)
        sentence = spec.pop("sentence")
        start = text.index(sentence)
        evs.append(Event(sentence=sentence, start=start, end=start + len(sentence), **spec))
    store.replace_events(doc, evs, version="test", tone=tone)
    return doc


def debt(company: str, amount: float, sentence: str, **kw: Any) -> dict[str, Any]:
    return {"type": "debt", "company": company, "amount_usd": amount, "currency": "USD", "sentence": sentence,
            "amount_text": f"${amount / 1e9:g} billion", "status": kw.pop("status", "priced"),
            "instrument": kw.pop("instrument", "notes"), "confidence": kw.pop("confidence", 0.9), **kw}


def capex(company: str, amount: float, sentence: str, **kw: Any) -> dict[str, Any]:
    return {"type": "capex", "company": company, "amount_usd": amount, "currency": "USD", "sentence": sentence,
            "amount_text": f"${amount / 1e9:g} billion", "status": kw.pop("status", "guidance"),
            "confidence": kw.pop("confidence", 0.9), **kw}
