"""The packaged MiniLM encoder (a BERT) in plain torch, and its tokenizer through `tokenizers`.

Why not transformers' BertModel: importing it pulls in torch._dynamo, torch.distributed and
scipy.optimize, three seconds of a one-document `monitor extract` that this 6-layer encoder
never uses. The modules below have the parameter names and the operations of transformers'
BERT (post-LayerNorm, exact GELU, SDPA attention with a padding mask only when there is padding),
so the same weights give the same numbers: tests/test_sentiment.py compares the two.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.nn import functional

from monitor.nlp.npbert import WordPieceTokenizer  # noqa: F401 - imported from here by callers


@dataclass(frozen=True)
class BertConfig:
    """The fields of a Hugging Face BERT config.json that an encoder-only forward pass reads."""

    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12
    pad_token_id: int = 0

    @classmethod
    def from_file(cls, path: Path) -> BertConfig:
        raw = json.loads(path.read_text())
        if raw.get("model_type", "bert") != "bert" or raw.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"{path}: not a plain BERT config (model_type {raw.get('model_type')!r}, "
                             f"hidden_act {raw.get('hidden_act')!r})")
        if raw.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError(f"{path}: position_embedding_type {raw['position_embedding_type']!r} is not supported")
        return cls(**{name: raw[name] for name in cls.__dataclass_fields__ if name in raw})


class Linear(nn.Linear):
    """nn.Linear without the random initialisation: every weight comes from the checkpoint
    (from_weights refuses weights that do not fit), and initialising 22M numbers costs 0.2-0.3 s.
    (Building on the meta device instead imports torch's meta registrations: 1.3 s.)"""

    def reset_parameters(self) -> None:
        pass


class Embedding(nn.Embedding):
    """nn.Embedding without the random initialisation (see Linear)."""

    def reset_parameters(self) -> None:
        pass


class Embeddings(nn.Module):
    def __init__(self, config: BertConfig):
        super().__init__()
        self.word_embeddings = Embedding(config.vocab_size, config.hidden_size, padding_idx=config.pad_token_id)
        self.position_embeddings = Embedding(config.max_position_embeddings, config.hidden_size)
        self.token_type_embeddings = Embedding(config.type_vocab_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)  # noqa: N815 - the checkpoint's name

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        batch, length = input_ids.shape
        positions = torch.arange(length).unsqueeze(0)
        types = torch.zeros((batch, length), dtype=torch.long)
        embeddings = self.word_embeddings(input_ids) + self.token_type_embeddings(types)
        embeddings = embeddings + self.position_embeddings(positions)
        return self.LayerNorm(embeddings)


class SelfAttention(nn.Module):
    def __init__(self, config: BertConfig):
        super().__init__()
        self.heads = config.num_attention_heads
        self.head_size = config.hidden_size // config.num_attention_heads
        self.query = Linear(config.hidden_size, config.hidden_size)
        self.key = Linear(config.hidden_size, config.hidden_size)
        self.value = Linear(config.hidden_size, config.hidden_size)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        shape = (*hidden.shape[:-1], -1, self.head_size)
        query = self.query(hidden).view(*shape).transpose(1, 2)
        key = self.key(hidden).view(*shape).transpose(1, 2)
        value = self.value(hidden).view(*shape).transpose(1, 2)
        out = functional.scaled_dot_product_attention(query, key, value, attn_mask=mask, dropout_p=0.0,
                                                      scale=self.head_size ** -0.5, is_causal=False)
        return out.transpose(1, 2).contiguous().reshape(*hidden.shape[:-1], -1).contiguous()


class DenseNorm(nn.Module):
    """dense, then LayerNorm of the result plus the residual (BertSelfOutput and BertOutput)."""

    def __init__(self, config: BertConfig, size_in: int):
        super().__init__()
        self.dense = Linear(size_in, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)  # noqa: N815

    def forward(self, hidden: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dense(hidden) + residual)


class Attention(nn.Module):
    def __init__(self, config: BertConfig):
        super().__init__()
        self.self = SelfAttention(config)
        self.output = DenseNorm(config, config.hidden_size)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        return self.output(self.self(hidden, mask), hidden)


class Intermediate(nn.Module):
    def __init__(self, config: BertConfig):
        super().__init__()
        self.dense = Linear(config.hidden_size, config.intermediate_size)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return functional.gelu(self.dense(hidden))


class Layer(nn.Module):
    def __init__(self, config: BertConfig):
        super().__init__()
        self.attention = Attention(config)
        self.intermediate = Intermediate(config)
        self.output = DenseNorm(config, config.intermediate_size)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        attended = self.attention(hidden, mask)
        return self.output(self.intermediate(attended), attended)


class Encoder(nn.Module):
    def __init__(self, config: BertConfig):
        super().__init__()
        self.layer = nn.ModuleList(Layer(config) for _ in range(config.num_hidden_layers))


@dataclass
class EncoderOutput:
    last_hidden_state: torch.Tensor


class BertEncoder(nn.Module):
    """BertModel without its pooler: token vectors of the last layer."""

    def __init__(self, config: BertConfig):
        super().__init__()
        self.config = config
        self.embeddings = Embeddings(config)
        self.encoder = Encoder(config)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> EncoderOutput:
        hidden = self.embeddings(input_ids)
        mask = None
        if not bool(attention_mask.all()):  # as transformers: no mask without padding (a faster kernel)
            batch, length = attention_mask.shape
            mask = attention_mask.bool()[:, None, None, :].expand(batch, 1, length, length)
        for layer in self.encoder.layer:
            hidden = layer(hidden, mask)
        return EncoderOutput(hidden)

    @classmethod
    def from_weights(cls, config_path: Path, weights: dict[str, Any]) -> BertEncoder:
        """An encoder over given weights (numpy arrays or tensors, named as transformers' BertModel
        without the pooler), shared rather than copied; refuses weights that do not fit."""
        encoder = cls(BertConfig.from_file(config_path))
        state = {name: torch.as_tensor(value) for name, value in weights.items()}
        missing, unexpected = encoder.load_state_dict(state, strict=False, assign=True)
        if missing or unexpected:
            raise ValueError(f"{config_path.parent}: weights do not fit a BERT encoder (missing {missing[:3]}, unexpected {unexpected[:3]})")
        encoder.eval()
        return encoder
