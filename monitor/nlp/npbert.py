"""The sentiment encoder (MiniLM, a BERT) in numpy, for a handful of sentences.

Why: a one-document `monitor extract` scores a few sentences, and importing torch for them cost
1.5 of its 3.5 seconds. numpy is imported anyway; six layers of 384 dimensions over a few
sentences take milliseconds in it. Large batches still go to the torch encoder (monitor.nlp.bert),
which is several times faster per sentence there. The operations are those of monitor.nlp.bert
(post-LayerNorm BERT, exact GELU, masked softmax attention), on the same merged weights, so the
two give the same probabilities (tests/test_sentiment.py compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy

_SQRT_HALF = 0.7071067811865476


def erf(x: numpy.ndarray) -> numpy.ndarray:
    """The error function, within 1.2e-7 (Numerical Recipes' erfc, Chebyshev fit): numpy has
    none, and scipy's import would cost what this module saves."""
    z = numpy.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (
        0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    erfc = t * numpy.exp(poly)
    return numpy.where(x >= 0, 1.0 - erfc, erfc - 1.0)


def gelu(x: numpy.ndarray) -> numpy.ndarray:
    return 0.5 * x * (1.0 + erf(x * _SQRT_HALF))


def layer_norm(x: numpy.ndarray, weight: numpy.ndarray, bias: numpy.ndarray, eps: float) -> numpy.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / numpy.sqrt(var + eps) * weight + bias


class NumpyEncoder:
    """BertModel's last hidden state from a state dict of float32 arrays (names as in
    transformers' BertModel, without the "bert." prefix)."""

    def __init__(self, weights: dict[str, numpy.ndarray], heads: int, layers: int, eps: float = 1e-12):
        self.w = weights
        self.heads = heads
        self.layers = layers
        self.eps = eps

    def _linear(self, x: numpy.ndarray, name: str) -> numpy.ndarray:
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def __call__(self, input_ids: numpy.ndarray, attention_mask: numpy.ndarray) -> numpy.ndarray:
        w, eps = self.w, self.eps
        batch, length = input_ids.shape
        hidden = (w["embeddings.word_embeddings.weight"][input_ids] + w["embeddings.token_type_embeddings.weight"][0]
                  + w["embeddings.position_embeddings.weight"][:length])
        hidden = layer_norm(hidden, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
        size = hidden.shape[-1] // self.heads
        # padding keys get -inf before the softmax (what SDPA does with a boolean mask)
        bias = numpy.where(attention_mask[:, None, None, :].astype(bool), 0.0, -numpy.inf).astype(numpy.float32)
        for i in range(self.layers):
            p = f"encoder.layer.{i}"

            def heads(x: numpy.ndarray) -> numpy.ndarray:
                return x.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q = heads(self._linear(hidden, f"{p}.attention.self.query"))
            k = heads(self._linear(hidden, f"{p}.attention.self.key"))
            v = heads(self._linear(hidden, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) * (size ** -0.5) + bias
            scores = numpy.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
            attended = layer_norm(self._linear(context, f"{p}.attention.output.dense") + hidden,
                                  w[f"{p}.attention.output.LayerNorm.weight"], w[f"{p}.attention.output.LayerNorm.bias"], eps)
            inner = gelu(self._linear(attended, f"{p}.intermediate.dense"))
            hidden = layer_norm(self._linear(inner, f"{p}.output.dense") + attended,
                                w[f"{p}.output.LayerNorm.weight"], w[f"{p}.output.LayerNorm.bias"], eps)
        return hidden


def merged_weights(base: dict[str, numpy.ndarray], tensors: dict[str, numpy.ndarray], scale: float) -> dict[str, numpy.ndarray]:
    """The packaged encoder's weights with our fine-tuning (models/sentiment/adapter.safetensors)
    written in: low-rank updates of every layer's Linear, of the word embeddings, and the fully
    fine-tuned tensors. Both encoders (numpy here, torch in monitor.nlp.bert) run on these."""
    prefix = "bert." if any(name.startswith("bert.") for name in base) else ""
    w = {name[len(prefix):]: numpy.asarray(value, dtype=numpy.float32) for name, value in base.items()
         if name.startswith(prefix) and not name[len(prefix):].startswith("pooler.")
         and not name.endswith(("position_ids", "token_type_ids"))}
    for name in list(w):
        if ".layer." in name and name.endswith(".weight") and w[name].ndim == 2:
            module = name[: -len(".weight")]
            a, b = tensors.get(f"lora.{module}.A"), tensors.get(f"lora.{module}.B")
            if a is not None and b is not None:
                w[name] = w[name] + (b.astype(numpy.float32) @ a.astype(numpy.float32)) * numpy.float32(scale)
    a, b = tensors.get("lora.embeddings.word_embeddings.A"), tensors.get("lora.embeddings.word_embeddings.B")
    if a is not None and b is not None:
        w["embeddings.word_embeddings.weight"] = w["embeddings.word_embeddings.weight"] + b.astype(numpy.float32) @ a.astype(numpy.float32)
    for name, value in tensors.items():
        if name.startswith("encoder."):
            w[name[len("encoder."):]] = numpy.asarray(value, dtype=numpy.float32)
    return w


def mean_pool(hidden: numpy.ndarray, mask: numpy.ndarray) -> numpy.ndarray:
    m = mask[..., None].astype(hidden.dtype)
    return (hidden * m).sum(axis=1) / numpy.maximum(m.sum(axis=1), 1e-9)


class WordPieceTokenizer:
    """The folder's tokenizer.json run by `tokenizers`, called like a transformers tokenizer
    (padding to the longest, truncation at max_length; torch tensors out, numpy with
    return_tensors="np", lists of ids with return_tensors=None)."""

    def __init__(self, path: Path):
        from tokenizers import Tokenizer

        self.backend = Tokenizer.from_file(str(path))
        padding = self.backend.padding or {}
        self.pad_id = padding.get("pad_id", 0)
        self.pad_token = padding.get("pad_token", "[PAD]")
        self.backend.no_truncation()
        self.backend.no_padding()

    def __call__(self, texts: Sequence[str], *, padding: bool = True, truncation: bool = True,
                 max_length: int = 512, return_tensors: str | None = "pt") -> dict[str, Any]:
        if truncation:
            self.backend.enable_truncation(max_length=max_length)
        else:
            self.backend.no_truncation()
        if padding:
            self.backend.enable_padding(pad_id=self.pad_id, pad_token=self.pad_token)
        else:
            self.backend.no_padding()
        encodings = self.backend.encode_batch(list(texts))
        if return_tensors is None:
            return {"input_ids": [e.ids for e in encodings], "attention_mask": [e.attention_mask for e in encodings]}
        if return_tensors == "np":
            return {"input_ids": numpy.array([e.ids for e in encodings], dtype=numpy.int64),
                    "attention_mask": numpy.array([e.attention_mask for e in encodings], dtype=numpy.int64)}
        import torch

        return {
            "input_ids": torch.tensor([e.ids for e in encodings], dtype=torch.long),
            "attention_mask": torch.tensor([e.attention_mask for e in encodings], dtype=torch.long),
        }
