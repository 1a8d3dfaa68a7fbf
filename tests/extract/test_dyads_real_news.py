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


# ---------------------------------------------------------------- whom an attack falls on


def test_the_target_of_an_attack_takes_the_country_where_it_was_struck(coder):
    event = _only(coder, "Saudi warplanes attacked a wedding party in Yemen.", "ASSAULT")
    assert _parties(event.actor) == [("Saudi warplanes", "SAU")]
    assert _parties(event.recipient) == [("a wedding party", "YEM")]


@pytest.mark.parametrize("text", ["Police fired tear gas in central Nairobi.",
                                  "Rebels fired mortar shells in Aleppo.",
                                  "Gunmen opened fire in a market in Kano."])
def test_what_an_attack_is_made_with_is_no_target(coder, text):
    assert _only(coder, text, "ASSAULT").recipient == []


def test_a_thing_struck_with_no_attacker_is_no_party(coder):
    assert events(coder, "He struck a guard rail near Dallas.") == []


def test_the_story_never_gives_victims_their_attackers_country(coder):
    story = ("India's defence minister praised the air force on Sunday. The Indian army said it was ready. "
             "Indian jets attacked civilian areas overnight, killing nine residents.")
    attacks = [e for e in events(coder, story) if e.event == "ASSAULT"]
    assert attacks and all([a.country for a in e.actor] == ["IND"] for e in attacks)
    assert all(r.country == "" for e in attacks for r in e.recipient)


def test_the_story_still_places_the_unplaced_parties_of_other_events(coder):
    story = ("India's defence minister praised the air force on Sunday. The Indian army said it was ready. "
             "Opposition lawmakers criticised the ministry on Monday.")
    [criticism] = [e for e in events(coder, story) if e.event == "ACCUSE"]
    assert [a.country for a in criticism.actor] == ["IND"]


def test_what_belongs_to_the_one_a_relative_clause_describes_stands_for_its_owner(coder):
    text = "Protesters gathered outside the home of a Nigerian activist whose car was attacked by soldiers."
    event = _only(coder, text, "ASSAULT")
    assert _parties(event.recipient) == [("Nigerian activist", "NGA")]


# ---------------------------------------------------------------- the deed a punishment is for


def test_the_victim_of_the_crime_is_no_party_to_the_arrest(coder):
    event = _only(coder, "Police arrested two men for the murder of a Kenyan diplomat.", "COERCE")
    assert [r.text for r in event.recipient] == ["two men"]


def test_whoever_serves_a_sentence_is_its_recipient_not_the_victim_of_the_crime(coder):
    text = "Okafor, 45, is serving a life sentence for the murder of a Kenyan policeman."
    assert _parties(_only(coder, text, "SANCTION").recipient) == [("Okafor", "")]
    murder = _only(coder, text, "ASSAULT")  # the crime is its own event, done by the one punished
    assert (_parties(murder.actor), _parties(murder.recipient)) == ([("Okafor", "")], [("Kenyan policeman", "KEN")])


def test_someone_named_after_for_is_still_a_party(coder):
    event = _only(coder, "Kenyan police arrested the leader of the opposition for fraud.", "COERCE")
    assert [r.text for r in event.recipient] == ["the leader"]


def test_an_event_noun_the_pattern_names_has_its_own_recipient(coder):
    event = _only(coder, "The EU imposed sanctions on Russia for the annexation of Crimea.", "SANCTION")
    assert _parties(event.recipient) == [("Russia", "RUS")]
