import pytest
import spacy
from spacy.tokenizer import Tokenizer

from conftest import PLOVER_GOLD
from eventcoder.nlp import parsing
from eventcoder.evaluation.gold import load_gold
from eventcoder.nlp.sentences import split_sentences

TRICKY = [
    "Mr. Smith can't visit the U.S. on 3/4/2020, e.g. http://example.com/a?b=c.",
    "The U.N.'s envoy (Ms. Lee) said: \"We'll go\"—then left... #peace @UN 5km 10:30pm $4.5bn",
    "Don't!! Russia's FM, Sergei Lavrov, met Wang Yi in Beijing; they'd agreed to talk.",
    "Anti-government protesters (about 2,000) marched in São Paulo on Jan. 3rd, 2024.",
]


@pytest.mark.model
def test_model_tokenizer_matches_a_standard_load():
    # The fast load starts from an empty tokenizer that the model's saved one must fill.
    standard = spacy.load(parsing.available_model(), exclude=["ner", "tagger", "parser"])
    fast = parsing.load_model()
    gold = [item.text for item in load_gold(PLOVER_GOLD)]
    for text in TRICKY + gold:
        assert [(t.text, t.whitespace_) for t in fast.make_doc(text)] == \
               [(t.text, t.whitespace_) for t in standard.make_doc(text)]


def test_an_unfilled_tokenizer_is_detected():
    nlp = spacy.blank("en")
    assert parsing._tokenizer_restored(nlp)
    nlp.tokenizer = Tokenizer(nlp.vocab)
    assert not parsing._tokenizer_restored(nlp)


@pytest.mark.model
def test_model_is_loaded_once_whatever_the_name_form():
    assert parsing.load_model() is parsing.load_model(None) is parsing.load_model(parsing.available_model())


@pytest.mark.model
def test_splitter_uses_the_model_tokenizer_and_punctuation():
    text = "Troops left Mr. Smith's town. Talks resumed on Monday!\nA new line starts here"
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == [
        "Troops left Mr. Smith's town.", "Talks resumed on Monday!", "A new line starts here"]


@pytest.mark.model
def test_parser_runs_on_numpy_matmul():
    from thinc.api import NumpyOps, get_current_ops

    parsing.load_model()
    ops = get_current_ops()
    assert type(ops) is NumpyOps and ops.use_blis is False
