"""The two records that flow through the pipeline: a Document in, Events out."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DocumentKind = Literal["news", "filing", "transcript"]
EventType = Literal["capex", "debt"]


# C0 controls but tab, newline, carriage return and form feed; DEL; lone UTF-16 surrogates (a
# JSON "\ud800" escape), which SQLite cannot store as UTF-8 and which break every later encode.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")


def safe_text(value: str | None) -> str | None:
    """Text without NUL bytes, control characters or lone surrogates: what the store keeps."""
    return _UNSAFE.sub("", value) if value and _UNSAFE.search(value) else value


def content_hash(text: str) -> str:
    """Hash of the normalised text, so whitespace-only changes are not new content."""
    normalised = " ".join(text.split()).lower()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


def stable_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class Document:
    """One fetched or ingested item.

    `id` is stable across re-fetches: the SEC accession number for filings, a hash of the
    canonical URL for web pages and feed entries, so storing it twice replaces, never duplicates.
    """

    id: str
    source: str
    kind: DocumentKind
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601
    fetched: str | None = None  # ISO 8601
    company: str | None = None  # filer, transcript company, or headline subject
    ticker: str | None = None
    cik: int | None = None
    author: str | None = None
    tables: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    hash: str = ""
    fingerprint: int | None = None  # SimHash of the text, for near-duplicate news (signed 64-bit)

    def __post_init__(self) -> None:
        # Whatever a feed, a page or a file held, a document's text fields are storable.
        self.text = safe_text(self.text) or ""
        for name in ("title", "url", "author", "company"):
            setattr(self, name, safe_text(getattr(self, name)))
        if not self.hash:
            self.rehash()

    def rehash(self) -> None:
        """Recompute the content hash after the text or title changed."""
        self.hash = content_hash((self.title or "") + "\n" + self.text)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """One capex figure or debt announcement as stated in one sentence of one document."""

    type: EventType
    sentence: str
    start: int  # character offsets of the evidence sentence in the document text
    end: int
    company: str | None = None
    ticker: str | None = None
    cik: int | None = None
    companies: list[str] = field(default_factory=list)  # collective figures
    amount_usd: float | None = None
    amount_low_usd: float | None = None
    amount_high_usd: float | None = None
    currency: str | None = None
    amount_original: float | None = None
    amount_low_original: float | None = None
    amount_high_original: float | None = None
    amount_usd_est: float | None = None  # a stated USD equivalent of a non-USD amount
    amount_text: str | None = None
    qualifier: str | None = None
    period: str | None = None
    status: str | None = None
    instrument: str | None = None
    confidence: float = 0.5
    document_id: str | None = None
    coupon: float | None = None  # debt: interest rate in percent (3.875)
    maturity: str | None = None  # debt: year (or date) the tranche is due
    use_of_proceeds: str | None = None  # "fund data centers"
    change: str | None = None  # capex guidance: raised | lowered
    previous_usd: float | None = None  # the guidance it replaces
    previous_low_usd: float | None = None
    previous_high_usd: float | None = None
    sentiment: str | None = None  # tone of the evidence sentence: negative / neutral / positive
    sentiment_score: float | None = None  # P(positive) - P(negative), in [-1, 1]
    history: bool = False  # debt raised before the document's window, or a standing facility: not news

    @property
    def id(self) -> str:
        return stable_id(self.document_id or "", self.type, str(self.start), self.amount_text or "")

    @property
    def figure(self) -> tuple[str, str, str, str]:
        """Type, company, currency and amount (to three significant figures, so "$18 billion" and
        "$18.0bn" agree): what two mentions of one event share before their period."""
        who = (self.company or ",".join(sorted(self.companies)) or "").casefold()
        value = next((v for v in (self.amount_usd, self.amount_high_usd, self.amount_original, self.amount_high_original)
                      if v is not None), None)
        amount = f"{value:.3g}" if value is not None else ""
        return self.type, who, self.currency or "USD", amount

    @property
    def key(self) -> str:
        """What makes two mentions the same event: their figure and period. An 8-K, the press
        release and ten articles reporting one bond sale share a key."""
        return stable_id(*self.figure, (self.period or "").casefold())

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["id"] = self.id
        d["event_key"] = self.key
        return d
