"""Shared fixtures: the spaCy pipeline and a Coder are loaded once per test session.

Everything a test reads lives in this repository (tests/data/, examples/), so a fresh clone
runs the whole suite with no sibling folders. Loading the spaCy model is slow, so every test
that loads it carries `@pytest.mark.model`; `_model_guard` fails any test that loads it
without the marker, so `pytest -m "not model"` stays fast and the marker stays true.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("pytester",)  # tests/test_conftest.py runs the guard in an inner session

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
PLOVER_GOLD = DATA / "plover" / "PLOVER_GSR_CAMEO.json"
"""PLOVER's gold records (CC BY-SA 4.0, vendored unchanged; tests/data/plover/PROVENANCE.md)."""
SEED_ARTICLE = REPO / "examples" / "japan_ukraine_commentary.txt"

UNMARKED_MODEL_USE = ("{test} loads the spaCy model but is not marked @pytest.mark.model; "
                      "add the marker (tests/conftest.py explains why)")


def _has_model_marker(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker("model") is not None


def _require_model_marker(request: pytest.FixtureRequest) -> None:
    if not _has_model_marker(request):
        pytest.fail(UNMARKED_MODEL_USE.format(test=request.node.nodeid), pytrace=False)


@pytest.fixture(autouse=True)
def _model_guard(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """In a test without the marker, every way to the model (even a cached one) fails."""
    if _has_model_marker(request):
        yield
        return
    from eventcoder.coder import Coder
    from eventcoder.nlp import parsing, sentences

    def refuse(*args, **kwargs):
        pytest.fail(UNMARKED_MODEL_USE.format(test=request.node.nodeid), pytrace=False)

    monkeypatch.setattr(parsing, "_load_model", refuse)
    monkeypatch.setattr(sentences, "load_sentence_splitter", refuse)
    monkeypatch.setattr(Coder, "nlp", property(refuse))
    yield


@pytest.fixture(scope="session")
def _session_nlp():
    from eventcoder.nlp.parsing import load_model

    return load_model()


@pytest.fixture(scope="session")
def _session_coder():
    from eventcoder.coder import Coder

    return Coder()


# The marker is checked before the session fixture is asked for: a failure while building a
# session fixture would be cached and fail every later test that uses it.
@pytest.fixture
def nlp(request: pytest.FixtureRequest):
    _require_model_marker(request)
    return request.getfixturevalue("_session_nlp")


@pytest.fixture
def coder(request: pytest.FixtureRequest):
    _require_model_marker(request)
    return request.getfixturevalue("_session_coder")


@pytest.fixture(scope="session")
def lexicon():
    from eventcoder.knowledge.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture
def parse(nlp):
    def parse_sentence(text: str):
        return nlp(text)[:]

    return parse_sentence
