"""Dyads of found events on real news (issue 14): the actor and recipient of an event the
coder already finds. Sentences written for these tests, never taken from a gold or dev file."""

import pytest

from tests.extract.coding import events

pytestmark = pytest.mark.model


def _only(coder, text, category):
    found = [e for e in events(coder, text) if e.event == category]
    assert len(found) == 1, [(e.event, e.evidence.trigger.text) for e in events(coder, text)]
    return found[0]


def _parties(entities):
    return [(e.text, e.country) for e in entities]


# ---------------------------------------------------------------- passives with no subject of their own


def test_a_participle_clause_with_no_subject_falls_on_the_clause_it_modifies(coder):
    event = _only(coder, "The Kenyan opposition leader wept in court when convicted.", "SANCTION")
    assert event.actor == []
    assert _parties(event.recipient) == [("Kenyan opposition leader", "KEN")]


def test_a_name_that_is_convicted_in_a_participle_clause_is_kept_unplaced(coder):
    event = _only(coder, "Ferreira wept in court when convicted.", "SANCTION")
    assert (event.actor, _parties(event.recipient)) == ([], [("Ferreira", "")])


def test_a_passive_infinitive_of_purpose_does_not_fall_on_the_subject(coder):
    text = "The Kenyan parliament voted to refer the ministers to the courts to be held in contempt."
    assert all("parliament" not in r.text for e in events(coder, text) for r in e.recipient)


# ---------------------------------------------------------------- an event named as the doer


def test_an_attack_named_as_subject_is_an_unidentified_attacker_placed_where_it_struck(coder):
    event = _only(coder, "The attack killed twelve people in Kabul.", "ASSAULT")
    [attacker] = event.actor
    assert (attacker.sector, attacker.kind, attacker.country) == ("UAF", "unidentified", "AFG")
    assert attacker.text == ""  # no words of the text name the attacker


def test_drone_strikes_as_agent_name_no_doer(coder):
    event = _only(coder, "Oil tankers owned by the Iranian state were hit by drone strikes.", "ASSAULT")
    assert [a.country for a in event.actor] == [""]
    assert _parties(event.recipient) == [("Oil tankers", "IRN")]


def test_an_attack_with_its_doer_still_names_it(coder):
    event = next(e for e in events(coder, "The Taliban attack killed twelve Afghan soldiers.")
                 if e.evidence.trigger.text == "killed")
    assert [a.country for a in event.actor] == ["AFG"] and "Taliban" in event.actor[0].text


def test_the_story_does_not_place_an_unseen_attacker(coder):
    story = ("Kenyan police said on Monday that they had arrested two men. "
             "The Kenyan interior minister praised the police. "
             "The attacks struck two power plants overnight.")
    attack = _only(coder, story, "ASSAULT")
    assert [a.country for a in attack.actor] == [""]
