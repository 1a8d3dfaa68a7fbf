"""Shared fixtures: the spaCy pipeline and a Coder are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_ARTICLE = REPO / "examples" / "japan_ukraine_commentary.txt"


@pytest.fixture(scope="session")
def nlp():
    from eventcoder.nlp.parsing import load_model

    return load_model()


@pytest.fixture(scope="session")
def coder():
    from eventcoder.coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def lexicon():
    from eventcoder.knowledge.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture
def parse(nlp):
    def parse_sentence(text: str):
        return nlp(text)[:]

    return parse_sentence
