"""A trained sentence classifier: PLOVER category probabilities and the likely mode.

This is the coder's second signal next to the trigger patterns: it confirms or ranks
trigger candidates and fills `mode`. The model is a linear one over hashed word
n-grams, so nothing but numbers ships: `model.json` holds the featurizer parameters,
`category.npz` and `mode.npz` the weights (no pickle). Only the hashed columns the
training data ever touched are stored, as float16; the rest are zero.

Inference needs only the standard library and numpy: importing scikit-learn and scipy
cost about two seconds of the CLI's cold start. Training (`tools/train_classifier.py`,
see docs/classifier.md) builds its features with the same `hash_features` function.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from eventcoder.errors import ClassifierError
from eventcoder.knowledge.cache import cached

logger = logging.getLogger(__name__)

MODEL_FILE = "model.json"
CATEGORY_FILE = "category.npz"
MODE_FILE = "mode.npz"
MODE_SEPARATOR = ":"
FEATURIZER = "crc32-word-ngrams"  # model.json "featurizer.kind": which hashing scheme made the weights
SIGN_BIT = 31  # the bucket uses the low bits of the hash; the sign a bit above them
PROPOSE_PARTIES = frozenset({"both", "actor", "either"})
BATCH = 1024  # texts scored at once: bounds the (features × classes) gather in memory


@dataclass(frozen=True)
class HashedFeatures:
    """A batch of texts as sparse hashed features, one entry per (text, bucket), rows sorted."""

    rows: np.ndarray  # int64, the text each entry belongs to
    columns: np.ndarray  # int64, the hashed bucket
    values: np.ndarray  # float64, signed counts, normalised per text
    n_texts: int


def text_features(text: str, pattern: re.Pattern[str], ngram_range: tuple[int, int]) -> list[str]:
    """Lower-cased word n-grams of one text, n-grams joined by one space."""
    tokens = pattern.findall(text.lower())
    low, high = ngram_range
    features = list(tokens) if low == 1 else []
    for size in range(max(low, 2), high + 1):
        features.extend(map(" ".join, zip(*(tokens[offset:] for offset in range(size)))))
    return features


def hash_features(texts: Sequence[str], params: dict[str, Any]) -> HashedFeatures:
    """The feature extractor shared by training and inference (JSON-safe parameters).

    Each n-gram goes to bucket crc32 % n_features; with `alternate_sign` a higher bit of
    the hash gives it a sign so that collisions tend to cancel rather than add up.
    """
    pattern = re.compile(params["token_pattern"])
    ngram_range = (int(params["ngram_range"][0]), int(params["ngram_range"][1]))
    lists = [text_features(text, pattern, ngram_range) for text in texts]
    encoded = (feature.encode("utf-8") for feature in chain.from_iterable(lists))
    hashes = np.fromiter(map(zlib.crc32, encoded), dtype=np.int64)
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), [len(features) for features in lists])
    signs = np.ones(len(hashes))
    if params.get("alternate_sign", True):
        signs -= 2.0 * ((hashes >> SIGN_BIT) & 1)
    return _combine(rows, hashes % int(params["n_features"]), signs, len(texts), params)


def _combine(rows: np.ndarray, buckets: np.ndarray, signs: np.ndarray, n_texts: int,
             params: dict[str, Any]) -> HashedFeatures:
    """Sum repeated (text, bucket) entries, then normalise each text's vector."""
    keys = rows * int(params["n_features"]) + buckets
    unique, inverse = np.unique(keys, return_inverse=True)
    values = np.bincount(inverse, weights=signs, minlength=len(unique))
    rows, columns = np.divmod(unique, int(params["n_features"]))
    values = _normalise(rows, values, n_texts, params.get("norm"))
    return HashedFeatures(rows, columns, values, n_texts)


def _normalise(rows: np.ndarray, values: np.ndarray, n_texts: int, norm: str | None) -> np.ndarray:
    if norm is None:
        return values
    if norm == "l2":
        lengths = np.sqrt(np.bincount(rows, weights=values * values, minlength=n_texts))
    elif norm == "l1":
        lengths = np.bincount(rows, weights=np.abs(values), minlength=n_texts)
    else:
        raise ClassifierError(f"unknown feature norm {norm!r}")
    lengths[lengths == 0] = 1.0
    return values / lengths[rows]


@dataclass(frozen=True)
class LinearLayer:
    """Weights of one multinomial linear model, stored over the used hashed columns."""

    classes: tuple[str, ...]
    columns: np.ndarray  # int64, sorted: the hashed buckets that have weights
    # float16 as shipped, shape (n_classes, len(columns)): converting and transposing the
    # whole matrix at load cost 0.1 s of every cold start; column_weights converts only the
    # columns a batch uses, with the same float32 values.
    coef: np.ndarray
    intercept: np.ndarray  # float32, shape (n_classes,)

    @classmethod
    def from_arrays(cls, arrays: Any) -> LinearLayer:
        columns = arrays["columns"].astype(np.int64)
        coef = arrays["coef"]
        if np.any(columns[1:] < columns[:-1]):  # searchsorted needs them sorted
            order = np.argsort(columns, kind="stable")
            columns, coef = columns[order], coef[:, order]
        classes = tuple(str(name) for name in arrays["classes"])
        return cls(classes, columns, coef, arrays["intercept"].astype(np.float32))

    def column_weights(self, positions: np.ndarray) -> np.ndarray:
        """float32 weights (len(positions), n_classes) of the columns at `positions`."""
        return self.coef[:, positions].T.astype(np.float32)

    def scores(self, features: HashedFeatures) -> np.ndarray:
        """Linear scores (n_texts, n_classes): the weight rows of present buckets, summed."""
        found = np.minimum(np.searchsorted(self.columns, features.columns), len(self.columns) - 1)
        present = self.columns[found] == features.columns
        rows = features.rows[present]
        contributions = self.column_weights(found[present]) * features.values[present, None].astype(np.float32)
        totals = np.zeros((features.n_texts, len(self.classes)), dtype=np.float64)
        starts = np.searchsorted(rows, np.arange(features.n_texts))
        nonempty = np.bincount(rows, minlength=features.n_texts) > 0
        if nonempty.any():
            # Rows are sorted, so each non-empty text is one contiguous run of contributions.
            totals[nonempty] = np.add.reduceat(contributions, starts[nonempty], axis=0)
        return totals + self.intercept


@dataclass(frozen=True)
class UsePolicy:
    """How far the coder trusts a model: thresholds chosen by cross-validating the coder
    with that model in the loop (benchmarks/classifier.py), stored with its weights in
    model.json "use". A model without them only ranks the lexicon's own readings."""

    rank_margin: float = 0.15  # overrule the lexicon's first reading by one of its other readings
    relabel_floor: float | None = None  # replace any lexicon category by the model's top one (None: never)
    relabel_margin: float = 0.0  # ... when the top one is this much more probable than the lexicon's
    propose_floor: float | None = None  # code a sentence where the lexicon found nothing (None: never)
    # which parties a proposal must name: "both" actor and recipient, "actor", or "either"
    propose_parties: str = "both"
    # propose beside the lexicon's events a category none of them has (None: never)
    second_floor: float | None = None
    # a speech root that reports no clause ("announced sanctions on ...") is the clause itself
    propose_speech_root: bool = False
    # propose on a verb the lexicon knows but coded nothing for, from this probability (None: never)
    overrule_floor: float | None = None

    def __post_init__(self) -> None:
        if self.propose_parties not in PROPOSE_PARTIES:
            raise ClassifierError(f"model.json \"use\": propose_parties must be one of {sorted(PROPOSE_PARTIES)}")

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any]) -> UsePolicy:
        settings = metadata.get("use") or {}
        unknown = set(settings) - set(cls.__dataclass_fields__)
        if unknown:
            raise ClassifierError(f"model.json \"use\": unknown settings {sorted(unknown)}")
        return cls(**settings)


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an npz file, read back from the per-user cache (cache.py) when it holds
    them for this file's bytes. The npz is compressed, half the size in the package;
    inflating it took 0.05 s of every cold start, reading the cached raw bytes a millisecond."""
    source = path.read_bytes()
    raw = cached(f"classifier-{path.stem}", source, lambda: _raw_arrays(source))
    return {name: np.frombuffer(data, dtype=np.dtype(dtype)).reshape(shape) for name, (dtype, shape, data) in raw.items()}


def _raw_arrays(source: bytes) -> dict[str, tuple[str, tuple[int, ...], bytes]]:
    """Each array as (dtype, shape, C-order bytes): plain values that marshal can store."""
    with np.load(io.BytesIO(source), allow_pickle=False) as arrays:
        return {name: (arrays[name].dtype.str, arrays[name].shape, arrays[name].tobytes()) for name in arrays.files}


class EventClassifier:
    """Sentence → PLOVER category probabilities, plus the best mode within a category.

    Picklable and immutable after `load`; safe to ship to Dask workers.
    """

    def __init__(self, params: dict[str, Any], category: LinearLayer, mode: LinearLayer,
                 metadata: dict[str, Any] | None = None) -> None:
        self._params = dict(params)
        self._category = category
        self._mode = mode
        self._mode_mask = _mode_mask(category.classes, mode.classes)
        self.metadata = dict(metadata or {})
        self.policy = UsePolicy.from_metadata(self.metadata)

    @property
    def categories(self) -> tuple[str, ...]:
        return self._category.classes

    @property
    def modes(self) -> dict[str, tuple[str, ...]]:
        """The modes the model can predict, per category (empty tuple: none)."""
        return {name: tuple(_split_mode(label)[1] for label, allowed
                            in zip(self._mode.classes, self._mode_mask[index]) if allowed)
                for index, name in enumerate(self.categories)}

    @classmethod
    def load(cls, directory: str | Path | None = None) -> EventClassifier:
        """Load a model directory; None loads the model shipped with eventcoder."""
        if directory is None:
            with resources.as_file(resources.files("eventcoder.knowledge") / "data" / "classifier") as path:
                return cls._load_from(Path(path))
        return cls._load_from(Path(directory))

    @classmethod
    def _load_from(cls, directory: Path) -> EventClassifier:
        try:
            metadata = json.loads((directory / MODEL_FILE).read_text(encoding="utf-8"))
            params = metadata["featurizer"]
            category = LinearLayer.from_arrays(_read_arrays(directory / CATEGORY_FILE))
            mode = LinearLayer.from_arrays(_read_arrays(directory / MODE_FILE))
        except (OSError, KeyError, ValueError) as error:
            raise ClassifierError(f"cannot load the event classifier from {directory}: {error}") from error
        if params.get("kind") != FEATURIZER:
            # Weights trained on another hashing scheme would give confident nonsense.
            raise ClassifierError(f"{directory}: featurizer {params.get('kind')!r} is not "
                                  f"{FEATURIZER!r}; retrain with tools/train_classifier.py")
        logger.debug("loaded event classifier from %s", directory)
        return cls(params, category, mode, metadata)

    def top_category(self, probabilities: dict[str, float]) -> tuple[str, float]:
        """The most probable category of one `predict_proba` row (first in `categories` on ties)."""
        best = max(self.categories, key=lambda name: probabilities.get(name, 0.0))
        return best, probabilities.get(best, 0.0)

    def with_policy(self, policy: UsePolicy) -> EventClassifier:
        """The same weights used under other thresholds (for measuring them)."""
        metadata = {**self.metadata, "use": {k: getattr(policy, k) for k in policy.__dataclass_fields__}}
        return EventClassifier(self._params, self._category, self._mode, metadata)

    def category_matrix(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities as an (n_texts, n_categories) array, columns in `categories` order."""
        if len(texts) == 0:
            return np.zeros((0, len(self.categories)), dtype=np.float32)
        return softmax(self._scores(self._category, texts))

    def predict_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each text, category → probability (sums to 1 over the 16 categories)."""
        matrix = self.category_matrix(texts)
        return [dict(zip(self.categories, row.tolist())) for row in matrix]

    def predict_mode(self, texts: Sequence[str], categories: Sequence[str]) -> list[str]:
        """Best mode for each text within its given category; "" when none or unknown."""
        if len(texts) != len(categories):
            raise ValueError("texts and categories must have the same length")
        if len(texts) == 0:
            return []
        rows = np.array([self._category_index(name) for name in categories])
        known = rows >= 0
        mask = np.zeros((len(texts), len(self._mode.classes)), dtype=bool)
        mask[known] = self._mode_mask[rows[known]]
        best = np.where(mask, self._scores(self._mode, texts), -np.inf).argmax(axis=1)
        return [_split_mode(self._mode.classes[index])[1] if mask[row].any() else ""
                for row, index in enumerate(best)]

    def _scores(self, layer: LinearLayer, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        return np.vstack([layer.scores(hash_features(texts[start:start + BATCH], self._params))
                          for start in range(0, len(texts), BATCH)])

    def _category_index(self, name: str) -> int:
        try:
            return self.categories.index(name)
        except ValueError:
            return -1

    def __reduce__(self):
        # Rebuild from the compact parts; the mode mask is derived.
        return (EventClassifier, (self._params, self._category, self._mode, self.metadata))


def _split_mode(label: str) -> tuple[str, str]:
    category, _, mode = label.partition(MODE_SEPARATOR)
    return category, mode


def _mode_mask(categories: tuple[str, ...], mode_classes: tuple[str, ...]) -> np.ndarray:
    """Boolean (n_categories, n_mode_classes): which mode labels belong to which category."""
    owners = [_split_mode(label)[0] for label in mode_classes]
    return np.array([[owner == name for owner in owners] for name in categories], dtype=bool)
