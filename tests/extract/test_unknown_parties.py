"""Right category, wrong dyad (issue 14): recipients the dictionaries do not know, and
pronouns that stand only for someone named before them. Sentences written for these
tests, never taken from a gold or dev file."""

import pytest

from eventcoder.extract.actors import DocumentMemory
from eventcoder.records import Entity

pytestmark = pytest.mark.model


def _events(coder, text, category):
    return [e for e in coder.code_text(text, pub_date="2024-03-15") if e.event == category]


def _recipient_texts(coder, text, category):
    return [[r.text for r in e.recipient] for e in _events(coder, text, category)]


def test_a_pronoun_never_stands_for_someone_its_sentence_names_after_it(nlp):
    earlier, sentence = nlp("Yoweri Museveni spoke."), nlp("He signed it after criticism by Ruto.")
    memory = DocumentMemory()
    memory.remember(Entity(text="Museveni", start=0, end=8, country="UGA", sector="GOV", kind="person"), earlier)
    memory.remember(Entity(text="Ruto", start=33, end=37, country="KEN", sector="GOV", kind="person"), sentence)
    assert memory.latest("person", sentence[0]).country == "UGA"
    assert memory.latest_with_sector("GOV", sentence[0]).country == "UGA"
    assert memory.latest("person", sentence[-1]).country == "KEN"  # "." comes after Ruto


def test_a_relative_pronoun_with_a_doer_stands_for_its_noun(coder):
    text = "Students urged the governor, Amina Tabe, who is backed by the Nigerian army, to resign."
    assert any("Amina Tabe" in r for texts in _recipient_texts(coder, text, "SUPPORT") for r in texts)


def test_people_only_described_by_an_agentless_relative_passive_are_no_accusation(coder):
    text = "The bill would let the Chinese government extradite people who had been accused of crimes."
    assert _events(coder, text, "ACCUSE") == []


@pytest.mark.parametrize("text, category, recipient", [
    ("The Democratic National Committee urged states not to postpone their primaries.", "REQUEST", "states"),
    ("The Kenyan president called on residents to stay indoors.", "REQUEST", "residents"),
    ("The Ugandan president accused the network of fraud.", "ACCUSE", "the network"),
    ("Prosecutors in Lagos charged Okonkwo with bribery.", "ACCUSE", "Okonkwo"),
])
def test_whoever_is_told_to_act_or_accused_is_the_recipient(coder, text, category, recipient):
    assert [recipient] in _recipient_texts(coder, text, category)


def test_an_unknown_name_offered_something_is_the_recipient(coder):
    text = "The Kenyan government offered Okonkwo a seat in the cabinet."
    assert ["Okonkwo"] in _recipient_texts(coder, text, "AGREE")


def test_a_thing_acted_on_gives_its_named_owner(coder):
    text = "The Kenyan president praised Okonkwo's endorsement on Monday."
    assert ["Okonkwo"] in _recipient_texts(coder, text, "SUPPORT")


def test_an_object_that_is_no_party_is_not_kept(coder):
    text = "The Turkish foreign ministry denounced the conclusions of the summit, calling them unlawful."
    assert all("conclusions" not in r for texts in _recipient_texts(coder, text, "ACCUSE") for r in texts)


def test_an_unplaced_pronoun_object_takes_the_story_country(coder):
    text = ("Kenyan police arrested a teacher in Nairobi on Monday.\n"
            "Kenyan officials said the teacher had led the protest.\n"
            "Police later released him on bail.")
    (release,) = [e for e in _events(coder, text, "RETREAT") if e.evidence.trigger.text == "released"]
    assert [(r.text, r.country) for r in release.recipient] == [("him", "KEN")]


def test_victims_named_by_their_number_take_the_place_country(coder):
    text = "Gunmen stormed a hotel in Kabul, killing twelve."
    killing = [e for e in _events(coder, text, "ASSAULT") if e.evidence.trigger.text == "killing"]
    assert [(r.text, r.country) for r in killing[0].recipient] == [("twelve", "AFG")]


def test_victims_named_by_their_number_never_take_the_attacker_country(coder):
    text = "Indian jets attacked the villages, killing twelve."
    killed = [r for e in _events(coder, text, "ASSAULT") for r in e.recipient if r.text == "twelve"]
    assert killed and all(r.country != "IND" for r in killed)


def test_an_agentless_passive_attack_has_no_inferred_attacker(coder):
    (attack,) = _events(coder, "Two soldiers were killed near Samarra on Monday.", "ASSAULT")
    assert attack.actor == [] and {r.country for r in attack.recipient} == {"IRQ"}


def test_an_attack_named_by_its_weapon_is_placed_where_it_struck(coder):
    (attack,) = _events(coder, "A roadside bomb near Samarra killed two soldiers.", "ASSAULT")
    assert {a.country for a in attack.actor} == {"IRQ"}


@pytest.mark.parametrize("text", [
    "Police director Vladimir Petrovic criticized the protesters.",
    "Senator Vladimir Okafor criticized the protesters.",
])
def test_a_city_name_between_a_title_and_a_surname_is_a_given_name(coder, text):
    (accusation,) = _events(coder, text, "ACCUSE")
    assert "RUS" not in {a.country for a in accusation.actor}


def test_a_city_name_alone_still_names_the_city(coder):
    (accusation,) = _events(coder, "Officials in Vladimir criticized the protesters.", "ACCUSE")
    assert {a.country for a in accusation.actor} == {"RUS"}


@pytest.mark.parametrize("text, category, recipient_country", [
    ("Kenyan president Ruto would have faced impeachment over the scandal.", "ACCUSE", "KEN"),
    ("Ugandan rebels suffered heavy air strikes near the border.", "ASSAULT", "UGA"),
    ("Russia faced new sanctions over the war.", "SANCTION", "RUS"),
])
def test_the_subject_of_a_verb_of_undergoing_is_the_recipient(coder, text, category, recipient_country):
    (event,) = _events(coder, text, category)
    assert event.actor == [] and {r.country for r in event.recipient} == {recipient_country}
