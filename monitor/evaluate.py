"""Scoring against labelled sets, exactly by the matching rule of ../shared/eval-format.md."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor.collect.transcripts import call_period
from monitor.models import Document
from monitor.nlp.companies import CompanyIndex

if TYPE_CHECKING:
    from monitor.nlp.pipeline import Extractor

TOLERANCE = 0.005
ATTRIBUTES = ("period", "status", "instrument")
PREDICTION_FIELDS = (
    "type", "company", "companies", "ticker", "cik", "amount_usd", "amount_low_usd", "amount_high_usd",
    "currency", "amount_original", "amount_low_original", "amount_high_original", "amount_usd_est",
    "qualifier", "period", "status", "instrument", "coupon", "maturity", "use_of_proceeds", "change",
    "previous_usd", "previous_low_usd", "previous_high_usd", "history", "sentence", "start", "end", "confidence",
)
_KINDS = {"news": "news", "press_release": "news", "sec_filing": "filing", "filing": "filing", "transcript": "transcript"}


class EvalError(Exception):
    """A labelled file that cannot be read; the message names the file and line."""


def read_jsonl(path: str) -> list[dict[str, Any]]:
    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from None
    lines = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{n}: invalid JSON: {exc.msg}") from None
        if not isinstance(obj, dict) or "text" not in obj:
            raise EvalError(f"{path}:{n}: a line needs an object with 'id' and 'text'")
        obj.setdefault("id", f"line{n}")
        lines.append(obj)
    return lines


def line_document(line: dict[str, Any]) -> Document:
    """A labelled line as the document it was taken from. A call's `title` names the fiscal
    quarter it reports on ("Q3 2022 Equinix Inc Earnings Call"), as a stored transcript's does:
    an undated call's "this quarter" and "the year" resolve against it."""
    kind = _KINDS.get(str(line.get("source_kind") or "news"), "news")
    title = line.get("title") if isinstance(line.get("title"), str) else None
    meta: dict[str, Any] = {}
    if kind == "transcript" and title:
        meta["fiscal_year"], meta["fiscal_quarter"] = call_period(title)
    return Document(
        id=str(line["id"]),
        source="eval",
        kind=kind,  # type: ignore[arg-type]
        text=str(line["text"]),
        title=title,
        company=line.get("company"),
        published=line.get("published") or line.get("date"),
        meta=meta,
    )


def predict_lines(lines: list[dict[str, Any]], extractor: Extractor) -> Iterator[dict[str, Any]]:
    """Each input line with `events` replaced by the extractor's events."""
    docs = [line_document(line) for line in lines]
    for line, (_doc, events) in zip(lines, extractor.extract_many(docs), strict=True):
        out = dict(line)
        out["events"] = [{k: getattr(e, k) for k in PREDICTION_FIELDS} for e in events]
        yield out


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def amounts_agree(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    g_cur = (gold.get("currency") or "USD").upper()
    p_cur = (pred.get("currency") or "USD").upper()
    if gold.get("amount_usd") is not None and pred.get("amount_usd") is not None:
        return _close(gold["amount_usd"], pred["amount_usd"])
    if gold.get("amount_low_usd") is not None and pred.get("amount_low_usd") is not None:
        return _close(gold["amount_low_usd"], pred["amount_low_usd"]) and _close(
            gold.get("amount_high_usd"), pred.get("amount_high_usd")
        )
    if g_cur != "USD" or p_cur != "USD":
        if g_cur != p_cur:
            return False
        if gold.get("amount_original") is not None or pred.get("amount_original") is not None:
            return _close(gold.get("amount_original"), pred.get("amount_original"))
        return _close(gold.get("amount_low_original"), pred.get("amount_low_original")) and _close(
            gold.get("amount_high_original"), pred.get("amount_high_original")
        )
    keys = ("amount_usd", "amount_low_usd", "amount_high_usd", "amount_original")
    return all(gold.get(k) is None for k in keys) and all(pred.get(k) is None for k in keys)


def _norm(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split()).casefold()
    return text or None


@dataclass
class EvalResult:
    lines: int = 0
    gold: int = 0
    predicted: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    attributes: dict[str, list[int]] = field(default_factory=lambda: {a: [0, 0] for a in ATTRIBUTES})
    errors: list[dict[str, Any]] = field(default_factory=list)
    by_kind: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # source kind -> type -> tp/fp/fn
    kind_attributes: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    kind: str = "news"  # the source kind of the line being scored

    def _add(self, type_: str, key: str) -> None:
        for name in (type_, "overall"):
            self.counts.setdefault(name, {"tp": 0, "fp": 0, "fn": 0})[key] += 1
            self.by_kind.setdefault(self.kind, {}).setdefault(name, {"tp": 0, "fp": 0, "fn": 0})[key] += 1

    def _attr(self, attr: str, correct: bool) -> None:
        for table in (self.attributes, self.kind_attributes.setdefault(self.kind, {a: [0, 0] for a in ATTRIBUTES})):
            table[attr][1] += 1
            table[attr][0] += int(correct)

    def scores(self, counts: dict[str, dict[str, int]] | None = None) -> dict[str, dict[str, float]]:
        counts = self.counts if counts is None else counts
        out = {}
        names = sorted(k for k in counts if k != "overall") + ["overall"]
        for name in names:
            c = counts.get(name, {"tp": 0, "fp": 0, "fn": 0})
            p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[name] = {"precision": p, "recall": r, "f1": f, **c}
        return out

    def kind_scores(self) -> dict[str, dict[str, dict[str, float]]]:
        """Scores per source kind (news, press_release, sec_filing, transcript) and type."""
        return {kind: self.scores(counts) for kind, counts in sorted(self.by_kind.items())}

    def attribute_accuracy(self, attributes: dict[str, list[int]] | None = None) -> dict[str, dict[str, float]]:
        attributes = self.attributes if attributes is None else attributes
        return {
            a: {"accuracy": (c / t if t else 0.0), "correct": c, "total": t}
            for a, (c, t) in attributes.items()
        }

    def error_classes(self) -> dict[str, int]:
        """How many errors of each class, most frequent first."""
        counts: dict[str, int] = {}
        for err in self.errors:
            counts[err["kind"]] = counts.get(err["kind"], 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def to_dict(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "gold": self.gold,
            "predicted": self.predicted,
            "scores": self.scores(),
            "attributes": self.attribute_accuracy(),
            "by_source_kind": {
                kind: {"scores": scores, "attributes": self.attribute_accuracy(self.kind_attributes.get(kind, {a: [0, 0] for a in ATTRIBUTES}))}
                for kind, scores in self.kind_scores().items()
            },
            "error_classes": self.error_classes(),
            "errors": self.errors,
        }


def _scale_off(a: Any, b: Any) -> bool:
    """Amounts a power of 1,000 apart: a scale read wrong ("billion" taken for "million")."""
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if a <= 0 or b <= 0:
        return False
    return any(_close(a * k, b) or _close(b * k, a) for k in (1e3, 1e6, 1e9))


def _amount(e: dict[str, Any]) -> Any:
    for k in ("amount_usd", "amount_low_usd", "amount_original", "amount_low_original"):
        if e.get(k) is not None:
            return e[k]
    return None


def error_class(event: dict[str, Any], others: list[dict[str, Any]], companies: CompanyIndex, miss: bool) -> str:
    """Why a gold event was missed or a prediction was a false alarm, judged against the other
    side's unmatched events of the same line: the company, the type or the scale was wrong, a
    prediction repeated one already matched, or the amount was not taken (missed) / is not an
    event (not an event)."""
    company = companies.canonical(event.get("company"))
    for o in others:
        same_amount = amounts_agree(event, o)
        same_company = companies.canonical(o.get("company")) == company
        if same_amount and o.get("type") == event.get("type") and not same_company:
            return "wrong company"
        if same_amount and o.get("type") != event.get("type"):
            return "wrong type"
        if o.get("type") == event.get("type") and same_company and _scale_off(_amount(event), _amount(o)):
            return "wrong scale"
    return "missed" if miss else "not an event"


def score_line(
    line_id: str,
    text: str,
    gold: list[dict[str, Any]],
    pred: list[dict[str, Any]],
    companies: CompanyIndex,
    result: EvalResult,
) -> None:
    used: set[int] = set()
    missed: list[dict[str, Any]] = []
    matched: list[dict[str, Any]] = []
    for g in gold:
        g_type = g.get("type")
        g_company = companies.canonical(g.get("company"))
        match = None
        for i, p in enumerate(pred):
            if i in used or p.get("type") != g_type:
                continue
            if companies.canonical(p.get("company")) != g_company:
                continue
            if amounts_agree(g, p):
                match = i
                break
        if match is None:
            missed.append(g)
            continue
        used.add(match)
        matched.append(g)
        result._add(str(g_type), "tp")
        p = pred[match]
        for attr in ATTRIBUTES:
            if attr == "period" and g.get("period_from_context"):
                continue  # the period is only knowable from the whole document, not this text
            correct = _norm(g.get(attr)) == _norm(p.get(attr))
            result._attr(attr, correct)
            if not correct:
                result.errors.append({
                    "kind": f"wrong {attr}", "id": line_id,
                    "event": {"type": g_type, "company": g.get("company"), "gold": g.get(attr), "predicted": p.get(attr)},
                    "text": text,
                })
    extra = [p for i, p in enumerate(pred) if i not in used]
    for g in missed:
        result._add(str(g.get("type")), "fn")
        result.errors.append({"kind": "miss: " + error_class(g, extra, companies, miss=True), "id": line_id, "event": g, "text": text})
    for p in extra:
        result._add(str(p.get("type")), "fp")
        shown = {k: v for k, v in p.items() if k not in ("sentence", "start", "end") and v not in (None, [])}
        why = error_class(p, missed, companies, miss=False)
        if why == "not an event" and any(amounts_agree(p, g) and g.get("type") == p.get("type") for g in matched):
            why = "duplicate"
        result.errors.append({"kind": "false alarm: " + why, "id": line_id, "event": shown, "text": text})


def evaluate_events(lines: list[dict[str, Any]], extractor: Extractor, companies: CompanyIndex) -> EvalResult:
    result = EvalResult()
    for line, predicted in zip(lines, predict_lines(lines, extractor), strict=True):
        gold = line.get("events") or []
        pred = predicted["events"]
        result.lines += 1
        result.kind = str(line.get("source_kind") or "news")
        result.gold += len(gold)
        result.predicted += len(pred)
        score_line(str(line["id"]), str(line["text"]), gold, pred, companies, result)
    result.counts.setdefault("overall", {"tp": 0, "fp": 0, "fn": 0})
    return result


# -- sentiment -------------------------------------------------------------------------------

SENTIMENT_LABELS = ("negative", "neutral", "positive")


def sentiment_scores(gold: list[str], pred: list[str], labels: tuple[str, ...] = SENTIMENT_LABELS) -> dict[str, Any]:
    """Accuracy, macro-F1 and support-weighted F1, per-class figures and the confusion matrix."""
    n = len(gold)
    if n == 0 or len(pred) != n:
        raise EvalError("sentiment scores need as many predictions as gold labels (and at least one)")
    per_class: dict[str, dict[str, float]] = {}
    for c in labels:
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[c] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    return {
        "n": n,
        "accuracy": round(accuracy, 4),
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(labels), 4),
        "weighted_f1": round(sum(c["f1"] * c["support"] for c in per_class.values()) / n, 4),
        "per_class": per_class,
        "confusion": {g: {p: sum(1 for a, b in zip(gold, pred, strict=True) if a == g and b == p) for p in labels} for g in labels},
    }


def read_sentiment_set(path: str) -> list[dict[str, Any]]:
    """A labelled sentiment set (`{"id", "text", "label"}` per line)."""
    lines = read_jsonl(path)
    for n, line in enumerate(lines, 1):
        if line.get("label") not in SENTIMENT_LABELS:
            raise EvalError(f"{path}: line {n} ({line.get('id')}): label must be one of {', '.join(SENTIMENT_LABELS)}")
    return lines
