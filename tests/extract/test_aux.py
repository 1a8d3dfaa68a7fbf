"""Aux decisions (extract/aux.py) on sentences written for these tests."""

import pytest

pytestmark = pytest.mark.model


def events_of(coder, text):
    return [(e.event, e.aux) for e in coder.code_text(text, pub_date="2024-03-15")]


def test_event_noun_subject_of_an_aspect_verb_takes_its_mode(coder):
    assert events_of(coder, "Negotiations hosted by Qatar will resume next week.") == [("CONSULT", "future")]
    assert events_of(coder, "Talks between Chile and Peru resumed on Monday.") == [("CONSULT", "asserted")]


def test_speaker_of_a_coordinated_verb_of_saying_is_the_first_verbs_subject(coder):
    events = coder.code_text("Egypt promised to reopen the crossing, yet cautioned that Israel must stop the bombing.",
                             pub_date="2024-03-15")
    request = [e for e in events if e.event == "REQUEST"][0]
    assert request.attributed_to is not None and request.attributed_to.text == "Egypt"


def test_refusal_by_negation_is_asserted(coder):
    assert events_of(coder, "Turkey will not permit the Greek ship to dock.") == [("REJECT", "asserted")]
