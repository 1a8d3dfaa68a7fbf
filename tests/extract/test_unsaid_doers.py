"""Events whose doer the sentence names by a pronoun the coder cannot resolve (issue 14,
session 6): "he fired a shot", "we will not accept the terms". The doer is said, so the
event is kept, with the pronoun as an unplaced actor that only the story's country may
place. Sentences written for these tests, never taken from a gold or dev file."""

import pytest

from eventcoder.extract.parties import complete_parties, names_a_party, personal_doer
from eventcoder.records import Entity
from tests.extract.coding import events

PRONOUN_SOURCE = "unresolved: a pronoun whose antecedent was not found"


def _only(coder, text, category):
    found = [e for e in events(coder, text) if e.event == category]
    assert len(found) == 1, [(e.event, e.evidence.trigger.text) for e in events(coder, text)]
    return found[0]


def _pronoun(text: str) -> Entity:
    return Entity(text=text, start=0, end=len(text), kind="pronoun", source=PRONOUN_SOURCE)


# ---------------------------------------------------------------- which pronouns name a doer


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("He sent food to the camp.", True),
    ("She sent food to the camp.", True),
    ("They sent food to the camp.", True),
    ("We sent food to the camp.", True),
    ("I sent food to the camp.", True),
    ("It sent food to the camp.", False),   # "it" is as often no one ("it is time to")
    ("You sent food to the camp.", False),  # "you" is as often anyone
])
def test_a_personal_pronoun_subject_other_than_it_and_you_names_a_doer(nlp, text, expected):
    subject = nlp(text)[0]
    assert personal_doer(subject) is expected


@pytest.mark.model
def test_an_object_pronoun_and_a_relative_pronoun_are_no_doer(nlp):
    doc = nlp("The envoy, who met them on Monday, left.")
    assert not any(personal_doer(t) for t in doc if t.lower_ in ("who", "them"))


# ---------------------------------------------------------------- the event is kept


@pytest.mark.model
@pytest.mark.parametrize("text, category, doer", [
    ("He fired two shots at the crowd.", "ASSAULT", "He"),
    ("We will not accept the ceasefire terms.", "REJECT", "We"),
    ("She thanked the donors for their support.", "SUPPORT", "She"),
])
def test_an_event_whose_doer_is_an_unresolved_pronoun_is_kept_with_the_pronoun_unplaced(coder, text, category, doer):
    event = _only(coder, text, category)
    assert [(a.text, a.country, a.kind) for a in event.actor] == [(doer, "", "pronoun")]
    assert event.actor[0].source == PRONOUN_SOURCE


@pytest.mark.model
def test_a_pronoun_doer_does_not_take_the_country_of_the_party_it_acts_on(coder):
    """"They called on Ghana": who calls on a state is as often foreign as its own."""
    event = _only(coder, "They called on Ghana to reopen the border.", "REQUEST")
    assert [(a.text, a.country) for a in event.actor] == [("They", "")]
    assert [r.country for r in event.recipient] == ["GHA"]


@pytest.mark.model
def test_a_pronoun_with_an_antecedent_still_takes_it(coder):
    text = "Ethiopian troops shelled Kenyan border posts on Monday.\nThey attacked a market in the town on Tuesday."
    attacks = [e for e in events(coder, text) if e.event == "ASSAULT" and "market" in e.evidence.sentence]
    assert [(a.text, a.country, a.kind) for a in attacks[0].actor] == [("They", "ETH", "demonym")]


@pytest.mark.model
def test_it_and_you_as_subject_give_no_event_with_no_one_placed(coder):
    assert events(coder, "It is time to give the farmers a fair price.") == []
    assert events(coder, "You must attack the convoy at dawn.") == []


@pytest.mark.model
def test_the_story_country_places_a_pronoun_doer_and_marks_it_inferred(coder):
    text = ("Kenyan police arrested ten protesters in Nairobi.\n"
            "The Kenyan government denied any abuse.\n"
            "He fired a shot at the crowd.")
    shot = [e for e in events(coder, text) if e.event == "ASSAULT"][0]
    assert [(a.text, a.country) for a in shot.actor] == [("He", "KEN")]
    assert "story's country" in shot.actor[0].source


# ---------------------------------------------------------------- the decisions themselves


def test_a_pronoun_names_a_party_a_bare_unresolved_phrase_does_not():
    assert names_a_party([_pronoun("he")])
    assert not names_a_party([Entity(text="the deployments", start=0, end=15, kind="unresolved")])


def test_a_pronoun_doer_is_not_placed_where_the_event_happened_nor_by_its_target():
    from eventcoder.records import Location

    place = Location(text="Accra", name="Accra", country="GHA", start=0, end=5)
    target = Entity(text="Ghana", start=0, end=5, country="GHA", kind="country")
    actors, _ = complete_parties("REQUEST", [_pronoun("They")], [target], place)
    assert actors[0].country == ""
