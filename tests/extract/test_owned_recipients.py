"""Recipients named through what they own or made (issue 14): an act aimed at someone's
request, plan or decision is aimed at them. Sentences written for these tests, never taken
from a gold or dev file."""

import pytest

from eventcoder.extract.arguments import thing_owners

pytestmark = pytest.mark.model


def _recipients(coder, text, category):
    return [[(r.text, r.country) for r in e.recipient]
            for e in coder.code_text(text, pub_date="2024-03-15") if e.event == category]


def _object_owners(nlp, text, verb):
    doc = nlp(text)
    thing = next(c for t in doc if t.lower_ == verb for c in t.children if c.dep_ == "dobj")
    return [t.text for t in thing_owners(thing)]


def test_the_owner_of_a_thing_is_its_possessor_participle_agent_or_relative_subject(nlp):
    assert _object_owners(nlp, "The minister denied the opposition's request.", "denied") == ["opposition"]
    assert _object_owners(nlp, "The court rejected the proposal drafted by the rebels.", "rejected") == ["rebels"]
    assert _object_owners(nlp, "The minister rejected the plan that the rebels had sent.", "rejected") == ["rebels"]


def test_a_possessive_pronoun_or_a_relative_pronoun_is_no_owner(nlp):
    assert _object_owners(nlp, "The council defended its decision.", "defended") == []
    assert _object_owners(nlp, "The council rejected the plan which was sent on Monday.", "rejected") == []


def test_a_request_is_aimed_at_whoever_made_it(coder):
    found = _recipients(coder, "The Ugandan minister denied the opposition's request for a recount.", "REJECT")
    assert found == [[("opposition", "UGA")]]


def test_a_plan_is_aimed_at_whoever_sent_or_drafted_it(coder):
    sent = _recipients(coder, "The Ugandan minister rejected the plan that the rebels had sent.", "REJECT")
    drafted = _recipients(coder, "The Ugandan government rejected the proposal drafted by the rebels.", "REJECT")
    assert sent == drafted == [[("rebels", "UGA")]]


def test_the_owner_of_a_prepositional_object_is_an_unknown_party(coder):
    found = _recipients(coder, "The Kenyan minister agreed to help with Otieno Kamau's investigation.", "AGREE")
    assert found == [[("Otieno Kamau", "")]]


def test_an_unknown_owner_takes_the_story_country(coder):
    text = ("Kenya's opposition leader criticised the budget. Kenya's finance minister defended it. "
            "The senator rejected the plan drawn up by Otieno Kamau.")
    events = [e for e in coder.code_text(text, pub_date="2024-03-15") if e.event == "REJECT"]
    owner = events[0].recipient[0]
    assert (owner.text, owner.country) == ("Otieno Kamau", "KEN")
    assert owner.source.endswith("country inferred from the story's country")


def test_the_actor_announcing_its_own_act_gets_no_recipient(coder):
    assert _recipients(coder, "The Kenyan government defended its decision to raise taxes.", "SUPPORT") == [[]]


def test_a_name_one_meets_backs_or_criticises_is_someone(coder):
    assert _recipients(coder, "The Kenyan president praised Okonkwo.", "SUPPORT") == [[("Okonkwo", "")]]
    assert _recipients(coder, "The Kenyan president threatened Okonkwo.", "THREATEN") == [[("Okonkwo", "")]]


def test_a_name_one_shuts_or_bans_stays_a_thing(coder):
    found = _recipients(coder, "The Kenyan government banned Telegrix.", "COERCE")
    assert found and not any(text == "Telegrix" for recipients in found for text, _ in recipients)


def test_a_name_described_by_a_who_clause_is_a_person(coder):
    text = "Police in Nairobi arrested Okonkwo, who had led the march."
    events = [e for e in coder.code_text(text, pub_date="2024-03-15") if e.event == "COERCE"]
    person = events[0].recipient[0]
    assert (person.text, person.kind) == ("Okonkwo", "name")


def test_a_reaction_to_a_deed_is_aimed_at_its_doer(coder):
    condemned = _recipients(coder, "The Kenyan government condemned the attack by the rebels.", "ACCUSE")
    dismissed = _recipients(coder, "The Kenyan president dismissed a ceasefire proposal by the opposition.", "REJECT")
    assert condemned == [[("rebels", "KEN")]]
    assert dismissed == [[("opposition", "KEN")]]


def test_an_act_one_orders_is_not_aimed_at_its_doer(coder):
    assert _recipients(coder, "The Kenyan government ordered patrols by police.", "MOBILIZE") == [[]]


def test_a_demand_is_asked_of_whoever_follows_from(coder):
    found = _recipients(coder, "The Kenyan court demanded an explanation from the police chief.", "REQUEST")
    assert found == [[("police chief", "KEN")]]


def test_the_from_of_a_demanded_withdrawal_is_where_it_leaves(coder):
    found = _recipients(coder, "Kenyan ministers demanded the withdrawal of Ugandan troops from Somalia.", "REQUEST")
    assert ("Somalia", "SOM") not in [r for recipients in found for r in recipients]


def test_an_unknown_name_in_a_later_candidate_group_is_the_party(coder):
    found = _recipients(coder, "A Kenyan court has ordered an investigation against Otieno Kamau over the allegation.", "ACCUSE")
    assert found == [[("Otieno Kamau", "")]]


def test_what_an_accusation_noun_looks_into_is_the_accused(coder):
    into = _recipients(coder, "The Kenyan police opened an investigation into Otieno Holdings Ltd last week.", "ACCUSE")
    of = _recipients(coder, "Kenyan prosecutors opened an investigation of Kamau.", "ACCUSE")
    assert into == [[("Otieno Holdings Ltd", "")]]
    assert of == [[("Kamau", "")]]


def test_an_object_pronoun_never_stands_for_its_own_verb_subject(coder):
    text = ("Senator Bernie Sanders met Hillary Clinton on Monday. "
            "In 2016, Sanders continued his campaign for two months, and did not endorse her until July.")
    events = [e for e in coder.code_text(text, pub_date="2024-03-15") if e.event == "SUPPORT"]
    assert [(r.text, r.name) for r in events[0].recipient] == [("her", "Hillary Clinton")]


def test_a_subject_pronoun_still_stands_for_the_earlier_subject(coder):
    text = "Senator Bernie Sanders met Hillary Clinton on Monday. He criticised the Kenyan government."
    events = [e for e in coder.code_text(text, pub_date="2024-03-15") if e.event == "ACCUSE"]
    assert events[0].actor[0].name == "Bernard Sanders"


def test_a_request_after_at_is_made_by_its_owner_to_the_clause_subject(coder):
    events = [e for e in coder.code_text("At the request of the Somali president, Kenya sent troops to Mogadishu.",
                                         pub_date="2024-03-15") if e.event == "REQUEST"]
    assert [[a.country for a in e.actor] for e in events] == [["SOM"]]
    assert [[r.country for r in e.recipient] for e in events] == [["KEN"]]


def test_a_reaction_to_an_offer_is_aimed_at_whoever_it_came_from(coder):
    found = _recipients(coder, "The Kenyan government rejected an offer from the rebels.", "REJECT")
    assert found == [[("rebels", "KEN")]]


def test_a_lawsuit_against_a_measure_is_aimed_at_whoever_declared_it(coder):
    found = _recipients(coder, "Kenyan lawyers filed a lawsuit against the curfew that President Ruto declared last week.",
                        "ACCUSE")
    assert found == [[("President Ruto", "KEN")]]
