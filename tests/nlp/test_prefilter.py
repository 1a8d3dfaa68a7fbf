import pytest

from eventcoder.knowledge.lexicon import Lexicon, TriggerPattern, load_lexicon
from eventcoder.nlp.prefilter import IRREGULAR_VERBS, event_words, may_hold_event, inflected_forms


@pytest.fixture(scope="module")
def words():
    lexicon = Lexicon(governors={"say": "speech", "willing": "AGREE"})
    for text in ("attack", "withhold", "forgive", "flee", "cease - fire", "open fire", "step down"):
        lexicon.add(TriggerPattern(tuple(text.split()), "ANY", "ASSAULT"))
    return event_words(lexicon)


@pytest.mark.parametrize("sentence", [
    "Rebels attacked the town.",
    "The government withheld the payments.",
    "Their debts were forgiven in March.",
    "Thousands fled the fighting.",
    "Both sides agreed to a cease-fire on Sunday.",
    "Soldiers opened fire on the crowd.",
    "The president stepped down.",
    "Iran is willing to talk.",
    "The minister said Israel must leave.",
])
def test_sentences_with_every_word_of_a_pattern_pass(words, sentence):
    assert may_hold_event(sentence, words)


@pytest.mark.parametrize("sentence", [
    "The weather was mild and the markets were open.",  # one word of "open fire" only
    "The fire spread through the forest.",
    "The minister said the talks went well.",  # speech, but no obligation
    "Attackers? No: the attic was empty.",  # "attic" is no form of "attack"
])
def test_sentences_without_a_whole_pattern_are_skipped(words, sentence):
    assert not may_hold_event(sentence, words)


def test_irregular_forms_reach_compound_verbs():
    assert {"withheld", "withholds", "withholding"} <= inflected_forms("withhold")
    assert {"overthrew", "overthrown"} <= inflected_forms("overthrow")


def test_irregular_forms_come_from_every_verb_a_word_ends_with():
    # The filter looks each ending of a word up in the table (fast, for the cold start); it
    # must find what a scan of the whole table for verbs the word ends with finds.
    def scanned(word: str) -> set[str]:
        return {word[:len(word) - len(base)] + form for base, forms in IRREGULAR_VERBS.items()
                if word.endswith(base) for form in forms.split()}

    lexicon = load_lexicon()
    words = {word for patterns in lexicon.by_word.values() for pattern in patterns for word in pattern.words}
    words |= {"withhold", "overthrow", "undergo", "outbid", "mistake"}
    for word in sorted(words):
        regular = {word, word + "s", word + "es", word + "d", word + "ed", word + "ing", word + "n", word + "en"}
        forms = inflected_forms(word)
        assert scanned(word) <= forms, word
        assert not (forms - scanned(word) - regular - {word[:-1] + "ing", word[:-1] + "ies", word[:-1] + "ied",
                                                         word + word[-1:] + "ed", word + word[-1:] + "ing"}), word


def test_shipped_lexicon_passes_its_own_trigger_words():
    lexicon = load_lexicon()
    shipped = event_words(lexicon)
    assert may_hold_event("Troops shelled the city.", shipped)
    assert not may_hold_event("The weather in the capital was mild on Tuesday.", shipped)
