"""Real-news forms, third round (issue 14): the one who survives or escapes an attack is its
target, and a military operation is an attack. Sentences written for these tests, never taken
from a gold or dev file."""

import pytest

import coding

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text", [
    "The Indonesian minister survived the attack.",
    "The Indonesian minister escaped an assassination attempt in Jakarta.",
])
def test_who_survives_an_attack_is_its_target(coder, text):
    events = [e for e in coding.events(coder, text) if e.event == "ASSAULT"]
    assert len(events) == 1
    assert [r.text for r in events[0].recipient] == ["Indonesian minister"]
    assert "Indonesian minister" not in [a.text for a in events[0].actor]


def test_a_military_operation_is_an_attack(coder):
    events = coding.events(coder, "The Turkish military operation against Kurdish fighters began on Wednesday.")
    assert [(e.event, [a.country for a in e.actor]) for e in events] == [("ASSAULT", ["TUR"])]


@pytest.mark.parametrize("text", [
    "Turkish police carried out a rescue operation in Izmir.",
    "The Kenyan company expanded its operations in Uganda.",
])
def test_other_operations_are_no_attack(coder, text):
    assert "ASSAULT" not in coding.categories(coder, text)


@pytest.mark.parametrize("text", [
    "The Turkish lira declined against the dollar.",
    "Kenyan exports to Uganda declined by a third.",
    "Inflation in Argentina retreated to 50 percent.",
    "The Kenyan shilling surrendered its gains.",
    "Kenyan stocks rallied on Friday.",
])
def test_a_figure_that_moves_is_no_act(coder, text):
    assert coding.categories(coder, text) == []


def test_a_party_that_declines_still_refuses(coder):
    assert coding.categories(coder, "The Kenyan senator declined the offer of talks.") == ["REJECT"]


@pytest.mark.parametrize("text, actor, recipient", [
    ("Kenyan police cracked down on the protesters.", "KEN", "protesters"),
    ("The Venezuelan government harassed opposition journalists.", "VEN", "opposition journalists"),
    ("Chinese authorities persecuted Uighur activists.", "CHN", "Uighur activists"),
])
def test_repression_short_of_violence_is_coercion(coder, text, actor, recipient):
    events = coding.events(coder, text)
    assert [(e.event, [a.country for a in e.actor], [r.text for r in e.recipient]) for e in events] == \
        [("COERCE", [actor], [recipient])]


def test_feared_repression_names_no_act(coder):
    assert coding.categories(coder, "The Kenyan senator said she feared repression.") == []
