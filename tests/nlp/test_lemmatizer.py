import pytest
import spacy

from conftest import PLOVER_GOLD
from eventcoder.nlp import parsing
from eventcoder.evaluation.gold import load_gold
from eventcoder.nlp.lemmatizer import RememberingLemmatizer

pytestmark = pytest.mark.model

TEXTS = [
    "They were gonna say the soldiers ain't fighting; mice ran better than geese.",
    "The ministers' talks were held; she's been meeting him, and they'd met before.",
    "Protesters threw stones at police, who fired tear gas and arrested 40 people.",
]


def test_lemmas_equal_spacys_own_lemmatizer():
    standard = spacy.load(parsing.available_model(), exclude=["ner"])
    remembering = parsing.load_model()
    assert isinstance(remembering.get_pipe("lemmatizer"), RememberingLemmatizer)
    gold = [item.text for item in load_gold(PLOVER_GOLD)]
    texts = TEXTS + gold
    # Twice through: the second pass answers from what the first remembered.
    for _ in range(2):
        for ours, theirs in zip(remembering.pipe(texts), standard.pipe(texts)):
            assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_lemmas_set_by_the_attribute_ruler_are_kept():
    doc = parsing.load_model()("We're gonna win.")
    assert [t.lemma_ for t in doc][2:4] == ["go", "to"]  # the model's own rule for "gonna"


def test_remembered_lemmas_are_bounded(monkeypatch):
    from eventcoder.nlp import lemmatizer

    monkeypatch.setattr(lemmatizer, "MAX_REMEMBERED", 5)
    nlp = parsing.load_model()
    doc = nlp("Armies marched across seven bridges toward the burning cities and villages.")
    assert len(nlp.get_pipe("lemmatizer")._lemmas) <= 5
    assert [t.lemma_ for t in doc][:2] == ["army", "march"]
