"""A trained sentence classifier: PLOVER category probabilities and the likely mode.

This is the coder's second signal next to the trigger patterns: it confirms or ranks
trigger candidates and fills `mode`. The model is a linear one over hashed word
n-grams, so nothing but numbers ships: `model.json` holds the HashingVectorizer
parameters, `category.npz` and `mode.npz` the weights (no pickle). Only the hashed
columns the training data ever touched are stored, as float16; the rest are zero.
Retrain with `tools/train_classifier.py` (see docs/classifier.md).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from eventcoder.errors import ClassifierError

logger = logging.getLogger(__name__)

MODEL_FILE = "model.json"
CATEGORY_FILE = "category.npz"
MODE_FILE = "mode.npz"
MODE_SEPARATOR = ":"


def make_vectorizer(params: dict[str, Any]) -> HashingVectorizer:
    """The feature extractor shared by training and inference (JSON-safe parameters)."""
    options = dict(params)
    if "ngram_range" in options:
        options["ngram_range"] = tuple(options["ngram_range"])
    return HashingVectorizer(**options)


@dataclass(frozen=True)
class LinearLayer:
    """Weights of one multinomial linear model, stored over the used hashed columns."""

    classes: tuple[str, ...]
    weights: sparse.csr_matrix  # shape (n_features, n_classes)
    intercept: np.ndarray  # shape (n_classes,)

    @classmethod
    def from_arrays(cls, arrays: Any, n_features: int) -> LinearLayer:
        columns = arrays["columns"].astype(np.int64)
        coef = arrays["coef"].astype(np.float32)  # (n_classes, n_used)
        # Scatter the stored columns into a sparse (n_features, n_classes) matrix so that
        # scoring is one sparse product, without materialising the zero columns.
        weights = sparse.csr_matrix(
            _scatter_rows(coef.T, columns, n_features), dtype=np.float32
        )
        classes = tuple(str(name) for name in arrays["classes"])
        return cls(classes, weights, arrays["intercept"].astype(np.float32))

    def scores(self, features: sparse.csr_matrix) -> np.ndarray:
        return np.asarray((features @ self.weights).todense()) + self.intercept


def _scatter_rows(rows: np.ndarray, positions: np.ndarray, n_total: int) -> sparse.csr_matrix:
    n_used, width = rows.shape
    indptr = np.zeros(n_total + 1, dtype=np.int64)
    indptr[positions + 1] = width
    indptr = np.cumsum(indptr)
    indices = np.tile(np.arange(width), n_used)
    return sparse.csr_matrix((rows.ravel(), indices, indptr), shape=(n_total, width))


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


class EventClassifier:
    """Sentence → PLOVER category probabilities, plus the best mode within a category.

    Picklable and immutable after `load`; safe to ship to Dask workers.
    """

    def __init__(self, params: dict[str, Any], category: LinearLayer, mode: LinearLayer,
                 metadata: dict[str, Any] | None = None) -> None:
        self._params = dict(params)
        self._vectorizer = make_vectorizer(params)
        self._category = category
        self._mode = mode
        self._mode_mask = _mode_mask(category.classes, mode.classes)
        self.metadata = dict(metadata or {})

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
            with resources.as_file(resources.files("eventcoder") / "data" / "classifier") as path:
                return cls._load_from(Path(path))
        return cls._load_from(Path(directory))

    @classmethod
    def _load_from(cls, directory: Path) -> EventClassifier:
        try:
            metadata = json.loads((directory / MODEL_FILE).read_text(encoding="utf-8"))
            params = metadata["vectorizer"]
            with np.load(directory / CATEGORY_FILE, allow_pickle=False) as arrays:
                category = LinearLayer.from_arrays(arrays, params["n_features"])
            with np.load(directory / MODE_FILE, allow_pickle=False) as arrays:
                mode = LinearLayer.from_arrays(arrays, params["n_features"])
        except (OSError, KeyError, ValueError) as error:
            raise ClassifierError(f"cannot load the event classifier from {directory}: {error}") from error
        logger.debug("loaded event classifier from %s", directory)
        return cls(params, category, mode, metadata)

    def category_matrix(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities as an (n_texts, n_categories) array, columns in `categories` order."""
        if len(texts) == 0:
            return np.zeros((0, len(self.categories)), dtype=np.float32)
        return softmax(self._category.scores(self._vectorizer.transform(texts)))

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
        scores = self._mode.scores(self._vectorizer.transform(texts))
        best = np.where(mask, scores, -np.inf).argmax(axis=1)
        return [_split_mode(self._mode.classes[index])[1] if mask[row].any() else ""
                for row, index in enumerate(best)]

    def _category_index(self, name: str) -> int:
        try:
            return self.categories.index(name)
        except ValueError:
            return -1

    def __reduce__(self):
        # Rebuild from the compact parts; the vectorizer and mask are derived.
        return (EventClassifier, (self._params, self._category, self._mode, self.metadata))


def _split_mode(label: str) -> tuple[str, str]:
    category, _, mode = label.partition(MODE_SEPARATOR)
    return category, mode


def _mode_mask(categories: tuple[str, ...], mode_classes: tuple[str, ...]) -> np.ndarray:
    """Boolean (n_categories, n_mode_classes): which mode labels belong to which category."""
    owners = [_split_mode(label)[0] for label in mode_classes]
    return np.array([[owner == name for owner in owners] for name in categories], dtype=bool)
