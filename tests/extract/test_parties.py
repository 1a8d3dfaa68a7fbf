"""Defaults where the text is silent, each marked as inferred."""

import pytest

from eventcoder.extract.parties import complete_parties, place_entity, resident
from eventcoder.records import Entity, Location


def entity(country="", sector="", kind="agent", text="x"):
    return Entity(text=text, start=0, end=1, country=country, sector=sector, kind=kind, source="test")


def test_unseen_attacker_is_uaf_where_it_struck():
    actors, _ = complete_parties("ASSAULT", [], [entity("IRQ", "MIL")], Location("Samarra", country="IRQ", start=5))
    assert (actors[0].country, actors[0].sector, actors[0].source) == ("IRQ", "UAF", "inferred:event location")


def test_protest_without_target_is_aimed_at_government_where_it_happens():
    _, recipients = complete_parties("PROTEST", [entity("", "CVL")], [], Location("Lagos", country="NGA", start=3))
    assert (recipients[0].country, recipients[0].sector, recipients[0].kind) == ("NGA", "GOV", "inferred")


def test_unplaced_protesters_take_the_country_of_the_place():
    actors, _ = complete_parties("PROTEST", [entity("", "CVL")], [], Location("Lagos", country="NGA"))
    assert actors[0].country == "NGA" and "inferred" in actors[0].source


def test_domestic_actor_from_the_party_it_acts_on():
    actors, _ = complete_parties("REQUEST", [entity("", "CVL")], [entity("ZWE", "GOV")], None)
    assert actors[0].country == "ZWE"


def test_international_categories_keep_unplaced_actor():
    actors, _ = complete_parties("AID", [entity("", "MED")], [entity("SDN")], None)
    assert actors[0].country == ""


def test_named_country_is_never_overwritten():
    assert place_entity(entity("FRA"), "DEU", "test").country == "FRA"


def test_ethnic_group_placed_where_it_acts():
    albanians = entity("ALB", kind="demonym", text="ethnic Albanians")
    assert resident(albanians, "SRB").country == "SRB"
    assert resident(entity("ALB", kind="demonym", text="Albanian troops"), "SRB").country == "ALB"


# Victims' country (issue 14, class 9): the place's, never the attacker's.

def test_unplaced_victims_of_an_attack_keep_no_country():
    _, recipients = complete_parties("ASSAULT", [entity("ARM", "MIL")], [entity("", "CVL")], None)
    assert recipients[0].country == ""


def test_victims_of_a_placed_attack_take_the_place_country():
    location = Location("Ganja", country="AZE", start=30)
    _, recipients = complete_parties("ASSAULT", [entity("ARM", "MIL")], [entity("", "CVL")], location)
    assert recipients[0].country == "AZE" and "event location" in recipients[0].source


def test_police_attack_their_own_people():
    _, recipients = complete_parties("ASSAULT", [entity("BLR", "COP")], [entity("", "CVL")], None)
    assert recipients[0].country == "BLR" and "acting party" in recipients[0].source


def test_arrests_fall_on_the_acting_state_own_people():
    _, recipients = complete_parties("COERCE", [entity("BLR", "MIL")], [entity("", "OPP")], None)
    assert recipients[0].country == "BLR"


def test_an_unplaced_official_takes_the_only_country_the_sentence_names():
    official = Entity(text="Deputy Minister Ana Ruiz", start=0, end=24, sector="GOV", kind="person")
    (actor,), _ = complete_parties("REJECT", [official], [], None, frozenset({"PER"}))
    assert actor.country == "PER" and "the only country the sentence names" in actor.source
    for countries in (frozenset({"PER", "CHL"}), frozenset({"IGO"}), frozenset()):
        assert complete_parties("REJECT", [official], [], None, countries)[0][0].country == ""
    farmer = Entity(text="a farmer", start=0, end=8, sector="CVL")
    assert complete_parties("REJECT", [farmer], [], None, frozenset({"PER"}))[0][0].country == ""


def test_an_unplaced_official_recipient_takes_the_only_country_the_sentence_names():
    # "The Peruvian government asked the Supreme Court to delay its ruling"
    court = Entity(text="the Supreme Court", start=30, end=47, sector="JUD", kind="agent")
    _, (recipient,) = complete_parties("REQUEST", [entity("PER", "GOV")], [court], None, frozenset({"PER"}))
    assert recipient.country == "PER" and "the only country the sentence names" in recipient.source
    _, (recipient,) = complete_parties("REQUEST", [entity("PER", "GOV")], [court], None, frozenset({"PER", "CHL"}))
    assert recipient.country == ""


@pytest.mark.model
def test_an_object_named_in_the_trigger_still_bears_the_recipient(coder):
    event = next(e for e in coder.code_text("Estonia summoned the Russian ambassador on Monday.",
                                            pub_date="2024-03-01") if e.event == "ACCUSE")
    assert [r.country for r in event.recipient] == ["RUS"]


@pytest.mark.model
def test_an_unknown_name_after_against_is_the_party(coder):
    event = next(e for e in coder.code_text("The FBI opened an investigation against Okonkwo.",
                                            pub_date="2024-03-01") if e.event == "ACCUSE")
    assert [(r.text, r.kind) for r in event.recipient] == [("Okonkwo", "name")]


@pytest.mark.model
def test_forces_the_actor_moves_are_not_the_recipient(coder):
    event = next(e for e in coder.code_text("Chile is willing to withdraw its troops from Bolivia.",
                                            pub_date="2024-03-01") if e.event == "AGREE")
    assert [(r.text, r.country) for r in event.recipient] == [("Bolivia", "BOL")]


def test_the_recipients_borrow_the_country_the_sentence_gave_the_actor():
    # "LIMA, Peru - Police have arrested a group of students"
    police, students = entity("", "COP", text="Police"), entity("", "EDU", text="students")
    actors, recipients = complete_parties("COERCE", [police], [students], None, frozenset({"PER"}))
    assert actors[0].country == "PER" and recipients[0].country == "PER"


@pytest.mark.model
def test_an_unknown_name_told_to_act_is_the_recipient(coder):
    for text in ("Opposition leaders demanded that Okonkwo return the money.",
                 "The anti-corruption agency ordered Okonkwo to appear for questioning."):
        event = next(e for e in coder.code_text(text, pub_date="2024-03-01") if e.event == "REQUEST")
        assert [(r.text, r.kind) for r in event.recipient] == [("Okonkwo", "name")]


def test_an_agentless_passive_gets_no_unseen_attacker():
    location = Location("Samarra", country="IRQ", start=5)
    actors, _ = complete_parties("ASSAULT", [], [entity("IRQ", "MIL")], location, agentless=True)
    assert actors == []


def test_a_named_person_is_not_placed_where_the_event_happens():
    person = Entity(text="Amina Tabe", start=0, end=10, kind="person", sector="CVL", name="Amina Tabe", source="agent")
    location = Location("New York", country="USA", start=40)
    (actor,), _ = complete_parties("REJECT", [person], [], location)
    assert actor.country == ""


def test_a_named_victim_is_placed_where_it_befell_them():
    person = Entity(text="Amina Tabe", start=0, end=10, kind="person", sector="CVL", name="Amina Tabe", source="agent")
    location = Location("Lagos", country="NGA", start=40)
    for category in ("ASSAULT", "COERCE", "SANCTION"):
        _, (recipient,) = complete_parties(category, [entity("", "COP")], [person], location)
        assert recipient.country == "NGA"
