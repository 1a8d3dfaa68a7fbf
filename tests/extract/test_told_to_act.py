"""Right category, wrong dyad, third round (issue 14): whoever is told to act is the
recipient even where the parser hangs the infinitive on a nearer noun. Sentences written
for these tests, never taken from a gold or dev file."""

import pytest

pytestmark = pytest.mark.model


def _recipient_texts(coder, text, category):
    events = [e for e in coder.code_text(text, pub_date="2024-03-15") if e.event == category]
    return [[r.text for r in e.recipient] for e in events]


def test_an_infinitive_hung_on_a_noun_of_the_object_still_says_who_is_told(coder):
    text = "The Irish detective said he would urge anyone with any information to contact police."
    assert ["anyone"] in _recipient_texts(coder, text, "REQUEST")


def test_an_infinitive_of_a_noun_is_no_telling_without_a_verb_of_telling(coder):
    text = "The Irish minister criticized anyone with a plan to leave the party."
    assert all("anyone" not in texts for texts in _recipient_texts(coder, text, "ACCUSE"))


def test_the_opposition_alone_is_an_actor_of_sector_opp(coder):
    text = "The Kenyan president agreed a deal with the opposition."
    recipients = [r for e in coder.code_text(text, pub_date="2024-03-15") for r in e.recipient]
    assert [(r.text, r.sector) for r in recipients] == [("opposition", "OPP")]


@pytest.mark.parametrize("text, country", [
    ("Ethnic Palestinians from Jordan criticized the Israeli president.", "JOR"),
    ("Palestinians in Lebanon criticized the Israeli president.", "LBN"),
    ("Palestinians criticized the Israeli president.", "PSE"),
])
def test_a_people_named_by_its_plural_lives_where_the_text_places_it(coder, text, country):
    events = [e for e in coder.code_text(text, pub_date="2024-03-15") if e.event == "ACCUSE"]
    assert events and [a.country for a in events[0].actor] == [country]
