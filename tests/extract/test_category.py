"""Category decisions (extract/category.py) on sentences written for these tests."""

import pytest

pytestmark = pytest.mark.model


def events_of(coder, text):
    return [(e.event, e.aux) for e in coder.code_text(text, pub_date="2024-03-15")]


def test_arranged_meeting_is_consult_in_the_future(coder):
    text = "The foreign ministers of Chile and Peru will meet in Lima next month to discuss fishing rights."
    assert events_of(coder, text) == [("CONSULT", "future")]


def test_promise_to_meet_is_agree(coder):
    assert events_of(coder, "Chile agreed to meet Peru in Lima next month.") == [("AGREE", "asserted")]


def test_future_aid_is_still_agree(coder):
    assert events_of(coder, "Brazil will send medical aid to Bolivia next week.") == [("AGREE", "asserted")]


def test_announced_meeting_is_agree(coder):
    text = "Chile said its foreign minister will meet Peru's president in Lima next month."
    assert events_of(coder, text) == [("AGREE", "asserted")]
