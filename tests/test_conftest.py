"""The suite's own promise: a test that loads the spaCy model without the `model` marker fails.

Each case runs in an inner pytest session with this repository's conftest. None of them
gets as far as loading the model, so these tests are fast and need no marker themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CONFTEST = Path(__file__).with_name("conftest.py")
QUIET = ("-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest")  # hypothesis's summary imports it anew
UNMARKED_CASES = {
    "nlp_fixture": "def test_it(nlp):\n    nlp('Rebels attacked a base.')\n",
    "coder_fixture": "def test_it(coder):\n    coder.code_text('Rebels attacked a base.')\n",
    "parse_fixture": "def test_it(parse):\n    parse('Rebels attacked a base.')\n",
    "load_model": ("from eventcoder.nlp.parsing import load_model\n\n"
                   "def test_it():\n    load_model()\n"),
    # A Coder whose pipeline an earlier test loaded: the cached pipeline is refused too.
    "loaded_coder": ("from eventcoder.coder import Coder\n\n"
                     "def test_it():\n    coder = Coder.__new__(Coder)\n    coder._nlp = object()\n"
                     "    coder.nlp\n"),
    "sentence_split": ("from eventcoder.nlp.sentences import split_sentences\n\n"
                       "def test_it():\n    split_sentences('One. Two.')\n"),
}


@pytest.fixture
def inner(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8").replace(
        'pytest_plugins = ("pytester",)', ""))
    pytester.makeini("[pytest]\nmarkers =\n    model: loads the spaCy model\n")
    return pytester


@pytest.mark.parametrize("case", sorted(UNMARKED_CASES))
def test_model_use_without_the_marker_fails_and_says_why(inner, case):
    inner.makepyfile(test_case=UNMARKED_CASES[case])
    result = inner.runpytest_inprocess(*QUIET)
    outcomes = result.parseoutcomes()  # a fixture fails at set-up (an error), a call as a failure
    assert outcomes.get("failed", 0) + outcomes.get("errors", 0) == 1 and "passed" not in outcomes
    result.stdout.fnmatch_lines(["*not marked @pytest.mark.model*"])


def test_a_test_without_model_use_is_left_alone(inner):
    inner.makepyfile(test_case="def test_it(lexicon):\n    assert lexicon is not None\n")
    inner.runpytest_inprocess(*QUIET).assert_outcomes(passed=1)
