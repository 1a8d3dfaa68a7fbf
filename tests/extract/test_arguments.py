"""Argument reading (extract/arguments.py) for event nouns, on sentences written for these tests."""

import pytest

pytestmark = pytest.mark.model


def parties(coder, text):
    return [(e.event, sorted(a.country for a in e.actor), sorted(r.country for r in e.recipient))
            for e in coder.code_text(text, pub_date="2024-03-15")]


def test_demand_that_someone_act_is_aimed_at_the_clause_subject(coder):
    assert parties(coder, "Washington's demand that Paris extradite the two men angered French officials.") == \
        [("REQUEST", ["USA"], ["FRA"])]


def test_accord_between_two_parties_signed_in_the_passive(coder):
    assert parties(coder, "An accord between Kenya and Ethiopia to reopen the border was signed on Monday.") == \
        [("SUPPORT", ["ETH", "KEN"], [])]


def test_offensive_noun_takes_the_light_verb_subject_and_its_target(coder):
    assert parties(coder, "The Russian army began an offensive into eastern Ukraine.") == \
        [("ASSAULT", ["RUS"], ["UKR"])]
    assert parties(coder, "Russia launched an offensive against Ukrainian positions.") == \
        [("ASSAULT", ["RUS"], ["UKR"])]


def test_host_named_by_a_participle_takes_part_in_the_talks(coder):
    assert parties(coder, "Negotiations hosted by Qatar will resume next week.") == [("CONSULT", ["QAT"], [])]


def test_of_complement_of_an_intransitive_event_noun_is_the_doer(coder):
    assert parties(coder, "The capitulation of the Ukrainian garrison ended the siege.") == \
        [("RETREAT", ["UKR"], [])]
    assert parties(coder, "The withdrawal of Russian troops from Syria began on Monday.")[0][:2] == \
        ("RETREAT", ["RUS"])


def test_mediator_who_launched_the_effort_acts_not_the_parties_between(coder):
    assert parties(coder, "Norway launched a mediation effort between Colombia and Venezuela.")[0][:2] == \
        ("CONSULT", ["NOR"])


def test_possessor_of_a_withdrawal_acts_and_its_of_complement_is_what_moves(coder):
    assert parties(coder, "The United States completed its withdrawal of troops from Iraq.")[0][:2] == \
        ("RETREAT", ["USA"])


def test_light_verb_event_nouns(coder):
    assert parties(coder, "The Brazilian government filed a lawsuit against a Canadian mining company.") == \
        [("ACCUSE", ["BRA"], ["CAN"])]
    assert parties(coder, "The European Commission launched legal action against Poland over its courts.") == \
        [("ACCUSE", ["IGO"], ["POL"])]
    assert parties(coder, "The Sudanese government declared a state of emergency.")[0][:2] == ("COERCE", ["SDN"])
    assert parties(coder, "The Sudanese government declared a cessation of hostilities in Darfur.") == \
        [("RETREAT", ["SDN"], [])]


def test_the_one_an_act_is_laid_on_did_it(coder):
    # the governor only says who bombed; the rebels bombed
    events = coder.code_text("The provincial governor attributed the bombing to Boko Haram.", pub_date="2024-03-01")
    bombing = next(e for e in events if e.event == "ASSAULT")
    assert [(a.text, a.country) for a in bombing.actor] == [("Boko Haram", "NGA")]
    assert "Boko Haram" not in [r.text for r in bombing.recipient]
