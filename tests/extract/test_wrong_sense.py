"""A trigger word read in the wrong sense (issue 14, fresh text): accidents, verbal and cyber
attacks, idioms that name no act between parties, agreeing with a view, a share of voters.
Sentences written for these tests, never taken from a gold, dev or train file."""

import pytest

import coding

pytestmark = pytest.mark.model


def _event(coder, text, category):
    return next(e for e in coding.events(coder, text) if e.event == category)


@pytest.mark.parametrize("text", [
    "Nine passengers were killed on Sunday when a small plane crashed near the airport in Lagos.",
    "Five people were killed in Kenya yesterday, when a cargo plane crashed at Wilson Airport in Nairobi.",
    "A freight train derailed outside Kharkiv, killing four workers and injuring twelve.",
    "A bus collided with a truck near Nakuru, killing eleven Kenyans.",
    "A ferry capsized off the coast of Senegal, killing 30 migrants.",
    "Typhoon Mawar struck the coast of Luzon, killing 25 Filipinos.",
    "A bus overturned near Mombasa, killing nine Kenyan tourists.",
])
def test_an_accident_is_no_attack(coder, text):
    assert "ASSAULT" not in coding.categories(coder, text)


@pytest.mark.parametrize("text", [
    "Russian missiles struck an apartment block in Dnipro, killing 40 people.",
    "A suicide bomber crashed his car into a checkpoint in Kabul, killing ten Afghan soldiers.",
    "Rebels attacked a police station in Goma, killing four Congolese officers.",
])
def test_an_attack_that_kills_stays_an_attack(coder, text):
    assert "ASSAULT" in coding.categories(coder, text)


@pytest.mark.parametrize("text", [
    "The Russian newspaper Izvestia attacked the Ukrainian government on Monday.",
    "The officers had read an editorial in the state newspaper Pravda, which attacked the Ukrainian government.",
    "In a speech in Ankara, the Turkish president attacked the European Union's recognition of the deal.",
])
def test_an_attack_in_words_is_criticism(coder, text):
    categories = coding.categories(coder, text)
    assert "ACCUSE" in categories and "ASSAULT" not in categories


def test_troops_who_attack_positions_attack_with_weapons(coder):
    """"Position" is no stance when troops attack it, also in a relative clause."""
    text = "The Kenyan army, which attacked rebel positions near Goma, said it had killed ten fighters."
    assert "ACCUSE" not in coding.categories(coder, text)
    assert _event(coder, text, "ASSAULT").actor[0].country == "KEN"


@pytest.mark.parametrize("text", [
    "Hackers attacked the websites of the Kenyan Ministry of Defence on Friday.",
    "The website of the Kenyan Ministry of Defence was attacked by hackers on Friday.",
])
def test_a_cyber_attack_is_coercion(coder, text):
    categories = coding.categories(coder, text)
    assert "ASSAULT" not in categories
    assert _event(coder, text, "COERCE").mode == "cyber"


@pytest.mark.parametrize("text", [
    "The proposal of the Kenyan government was met with protests across Kenya.",
    "The Kenyan senator amassed 1,200 delegates in the primaries.",
    "The Brazilian president tested positive for the coronavirus on Tuesday.",
    "Kenya's parliament approved a budget on Friday.",
    "The Kenyan governor signed the Water Protection Act on Wednesday.",
    "The US government is partially shut down.",
    "The Kenyan court gave the report little credence.",
    "Tourists visiting Nairobi enjoyed the national park.",
    "The Kenyan witness waived the right to anonymity.",
    "The Kenyan hospital has deployed all the necessary preparations.",
    "The senator did not release his delegates to the Kenyan candidate.",
    "The Kenyan president said he could call a national emergency.",
])
def test_an_idiom_names_no_event(coder, text):
    assert coding.categories(coder, text) == []


@pytest.mark.parametrize("text, category", [
    ("Kenya's president met with the Ethiopian prime minister on Monday.", "CONSULT"),
    ("Kenyan troops were deployed to the border with Somalia.", "MOBILIZE"),
    ("North Korea tested a ballistic missile on Sunday.", "MOBILIZE"),
])
def test_the_same_words_still_name_events(coder, text, category):
    assert category in coding.categories(coder, text)


def test_a_suspended_parliament_is_coercion(coder):
    assert coding.categories(coder, "The Kenyan president suspended parliament for five weeks.") == ["COERCE"]


@pytest.mark.parametrize("text", [
    "The Kenyan governor agreed, saying only the rebels could have carried out the attack.",
    "The Kenyan opposition leader agreed and favoured new elections.",
])
def test_one_party_agreeing_with_nothing_agrees_with_a_view(coder, text):
    assert "AGREE" not in coding.categories(coder, text)


@pytest.mark.parametrize("text", [
    "Kenya and Ethiopia agreed on Monday.",
    "Kenya agreed to withdraw its troops from Somalia.",
    "Kenya agreed on a ceasefire with the rebels.",
])
def test_an_agreement_with_a_party_or_on_an_act_stays(coder, text):
    assert "AGREE" in coding.categories(coder, text)


def test_encouraging_a_party_to_act_is_a_plea(coder):
    request = _event(coder, "The United States encouraged Kenya to investigate the killings.", "REQUEST")
    assert [a.country for a in request.actor] == ["USA"]
    assert [r.country for r in request.recipient] == ["KEN"]
    assert coding.categories(coder, "The minister encouraged investment in Kenya.") == []


@pytest.mark.parametrize("text", [
    "In the referendum on the treaty in Kenya, 67% came out against.",
    "In the poll, 55 percent of Kenyans backed the plan.",
])
def test_a_share_of_voters_is_a_figure(coder, text):
    assert coding.categories(coder, text) == []


def test_the_classifier_proposes_no_event_for_an_accident(coder):
    """With the killing no attack the sentence is silent; its accident is no event either."""
    text = "A Kenyan police helicopter crashed near Garissa, killing five Kenyan officers."
    assert coding.categories(coder, text) == []


def test_a_driver_who_strikes_people_is_in_an_accident(coder):
    text = ("Police said the man was driving a pickup truck on the highway near Nakuru and struck "
            "a group of cyclists, killing seven Kenyans.")
    assert coding.categories(coder, text) == []


def test_a_truck_driven_into_a_crowd_is_an_attack(coder):
    text = "A man drove a truck into the crowd in Nice, killing 86 French civilians."
    assert "ASSAULT" in coding.categories(coder, text)


@pytest.mark.parametrize("text, actor, recipient", [
    ("The rebels in Somalia want Kenyan forces to leave the country.", "SOM", "KEN"),
    ("Kenyan officials want the United Nations to investigate the killings.", "KEN", "IGO"),
])
def test_wanting_another_party_to_act_is_a_demand(coder, text, actor, recipient):
    request = _event(coder, text, "REQUEST")
    assert [a.country for a in request.actor] == [actor]
    assert [r.country for r in request.recipient] == [recipient]
    assert "RETREAT" not in coding.categories(coder, text)


def test_wanting_to_act_oneself_stays_a_plan(coder):
    visit = _event(coder, "The Ethiopian president wants to visit Kenya next year.", "CONSULT")
    assert visit.aux == "hypothetical"
    assert "REQUEST" not in coding.categories(coder, "The Ethiopian president wants to visit Kenya next year.")


def test_describing_an_attack_is_no_attack(coder):
    assert "ASSAULT" not in coding.categories(coder, "The Kenyan minister described the attacks as a cowardly act.")


def test_support_that_aids_a_candidate_is_no_aid(coder):
    assert coding.categories(coder, "The Kenyan senator was aided by the support of younger voters.") == []
    assert coding.categories(coder, "Kenya aided the rebels with weapons.") == ["AID"]
