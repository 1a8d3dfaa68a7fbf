import pytest

from eventcoder.extract.triggers import find_triggers

pytestmark = pytest.mark.model


def categories(parse, lexicon, text):
    return [(t.token.text, t.pattern.category) for t in find_triggers(parse(text), lexicon)]


def test_verb_trigger_by_lemma(parse, lexicon):
    assert ("attacked", "ASSAULT") in categories(parse, lexicon, "Rebels attacked a police station.")


def test_phrasal_pattern_needs_its_particle(parse, lexicon):
    found = categories(parse, lexicon, "The senator called for an inquiry into the contracts.")
    assert ("called", "REQUEST") in found
    plain = categories(parse, lexicon, "The senator called the minister a liar.")
    assert ("called", "REQUEST") not in plain


def test_noun_trigger_with_adjective(parse, lexicon):
    found = categories(parse, lexicon, "He said the convoys would be a legitimate target.")
    assert ("target", "THREATEN") in found


def test_longest_pattern_wins_at_a_head(parse, lexicon):
    triggers = find_triggers(parse("The two leaders held talks in Cairo."), lexicon)
    held = [t for t in triggers if t.token.text == "held"]
    assert held and held[0].pattern.words == ("hold", "talk")


def test_no_trigger_in_plain_sentence(parse, lexicon):
    assert categories(parse, lexicon, "The weather in the capital was mild.") == []
