"""Justice and criticism in real news, second round (issue 14): unnamed suspects are parties
(sector CRM), coming under fire over something is criticism, resigning in protest criticises.
Sentences written for these tests, never taken from a gold or dev file."""

import pytest

import coding

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, held", [
    ("One suspect was arrested by Kenyan police on Monday.", "One suspect"),
    ("The alleged shooter was detained in Nairobi.", "alleged shooter"),
    ("The accused was remanded in custody in Nairobi.", "accused"),
    ("Kenyan police arrested two suspects in connection with the killing.", "two suspects"),
])
def test_an_unnamed_suspect_is_a_criminal_party(coder, text, held):
    events = coding.events(coder, text)
    assert [(e.event, e.mode) for e in events] == [("COERCE", "arrest")]
    assert [(r.text, r.sector) for r in events[0].recipient] == [(held, "CRM")]


def test_suspect_as_a_verb_names_no_party(coder):
    assert coding.categories(coder, "Kenyan police suspect the ruling party of funding the gang.") == []


@pytest.mark.parametrize("text, critics", [
    ("The Kenyan finance minister came under fire from opposition lawmakers over the loan deal.",
     ["opposition lawmakers"]),
    ("The Kenyan president came under attack from opposition leaders over his remarks.",
     ["opposition leaders"]),
])
def test_coming_under_fire_over_a_deed_is_criticism_by_whoever_it_comes_from(coder, text, critics):
    events = coding.events(coder, text)
    assert [(e.event, e.mode) for e in events] == [("ACCUSE", "disapprove")]
    assert [a.text for a in events[0].actor] == critics
    assert [r.sector for r in events[0].recipient] == ["GOV"]


@pytest.mark.parametrize("text", [
    "Kenyan troops came under fire for two hours near the border.",
    "Kenyan troops came under fire from rebels over the border.",
])
def test_coming_under_fire_for_a_time_or_over_a_place_stays_an_attack(coder, text):
    events = coding.events(coder, text)
    assert [e.event for e in events] == ["ASSAULT"]
    assert [r.text for r in events[0].recipient] == ["Kenyan troops"]


@pytest.mark.parametrize("text", [
    "The Kenyan health minister resigned in protest at the government's vaccine policy.",
    "The Kenyan health minister stepped down in protest.",
])
def test_resigning_in_protest_is_a_resignation_and_a_criticism(coder, text):
    events = coding.events(coder, text)
    assert [(e.event, e.mode) for e in events] == [("RETREAT", "resign"), ("ACCUSE", "disapprove")]
    assert all([a.text for a in e.actor] == ["Kenyan health minister"] for e in events)


def test_resigning_without_protest_is_only_a_resignation(coder):
    events = coding.events(coder, "The Kenyan health minister resigned on Monday.")
    assert [(e.event, e.mode) for e in events] == [("RETREAT", "resign")]


def test_an_infinitive_marker_is_no_destination(coder):
    """Now that a suspect is a party, "the suspect's freedom to travel" must not read as a
    visit: the "to" of `travel to` is the verb's own infinitive marker."""
    assert coding.categories(coder, "The court order limits the suspect's freedom to travel.") == []


def test_travelling_to_a_place_stays_a_visit(coder):
    events = coding.events(coder, "The Kenyan president plans to travel to Addis Ababa next week.")
    assert [(e.event, e.mode) for e in events] == [("CONSULT", "visit")]


@pytest.mark.parametrize("text", [
    "The Kenyan driver was cited for reckless driving by police.",
    "Kenyan police cited the bus company for safety violations.",
])
def test_cited_for_an_offence_is_a_charge(coder, text):
    events = coding.events(coder, text)
    assert [(e.event, e.mode) for e in events] == [("ACCUSE", "allege")]


@pytest.mark.parametrize("text", [
    "The Kenyan officer was cited for bravery.",
    "The Kenyan government cited economic reasons for the decision.",
])
def test_cited_for_an_honour_or_a_reason_is_no_charge(coder, text):
    assert coding.categories(coder, text) == []


@pytest.mark.parametrize("text", [
    "The Kenyan president came under criticism from opposition leaders for his handling of the floods.",
    "The Kenyan president drew sharp criticism from opposition leaders.",
    "The Kenyan president faced criticism from opposition leaders over the floods.",
])
def test_criticism_drawn_from_someone_is_theirs(coder, text):
    events = coding.events(coder, text)
    assert [(e.event, e.mode) for e in events] == [("ACCUSE", "disapprove")]
    assert [a.text for a in events[0].actor] == ["opposition leaders"]
    assert [r.text for r in events[0].recipient] == ["Kenyan president"]
