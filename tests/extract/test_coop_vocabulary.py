"""Cooperative and request categories in the words of real news (issue 14): concessions,
permissions, withdrawals, recommendations, assurances, and the cooperative verbs whose
object says nothing passed between parties. Sentences written for these tests, never taken
from a gold or dev file."""

import pytest

pytestmark = pytest.mark.model


def categories(coder, text: str) -> list[str]:
    return [e.event for e in coder.code_text(text, pub_date="2024-03-15")]


@pytest.mark.parametrize("text, category", [
    # CONCEDE: giving in, waiving a right, undoing a conviction, dropping a demand, admitting guilt
    ("The Kenyan government gave up its plan to tax mobile money.", "CONCEDE"),
    ("The Peruvian senator waived his immunity from prosecution.", "CONCEDE"),
    ("A Turkish court acquitted the German journalist.", "CONCEDE"),
    ("Brazil's Supreme Court overturned the conviction of the former president.", "CONCEDE"),
    ("The Serbian government dropped the new curfew measures after two nights of protests.", "CONCEDE"),
    ("The Nigerian union dropped its demand for a minimum wage of 60,000 naira.", "CONCEDE"),
    ("The former Kenyan minister confessed to the bribery before the tribunal.", "CONCEDE"),
    ("The French ambassador apologized to Algeria for the remarks.", "CONCEDE"),
    ("The British government reversed its decision to exclude foreign workers from the scheme.", "CONCEDE"),
    # RETREAT: permission is access granted; armed forces leaving a country withdraw
    ("The Egyptian army gave the Red Crescent permission to enter Rafah.", "RETREAT"),
    ("French troops left Mali in 2022.", "RETREAT"),
    # REQUEST: a recommendation asks for a course of action
    ("The Kenyan electoral commission recommended a recount in Nairobi.", "REQUEST"),
    ("A Brazilian congressional committee's recommendation of charges against the president angered Lula.",
     "REQUEST"),
    # AGREE: assurances given are promises
    ("Washington gave the Kurdish forces assurances that it would protect them.", "AGREE"),
    ("The Turkish government's assurance to Sweden satisfied NATO.", "AGREE"),
])
def test_cooperative_vocabulary(coder, text, category):
    assert category in categories(coder, text)


def test_an_apology_is_a_concession_not_support(coder):
    assert categories(coder, "The Japanese prime minister apologized to South Korea.") == ["CONCEDE"]


def test_a_minister_leaving_is_no_withdrawal(coder):
    """`forces`: only armed force leaving a place is a RETREAT."""
    assert "RETREAT" not in categories(coder, "The Kenyan foreign minister left Addis Ababa on Monday.")


@pytest.mark.parametrize("text, category", [
    ("The Mexican president signed an executive order on water rights.", "SUPPORT"),
    ("The governor of Texas signed the bill into law on Friday.", "SUPPORT"),
    ("The Brazilian president delivered a speech to the United Nations.", "AID"),
    ("The Chinese foreign minister gave a press conference in Beijing.", "AID"),
    ("The Kenyan health ministry released a statement on Monday.", "RETREAT"),
    ("New rules on Cuban flights were released by the US State Department.", "RETREAT"),
])
def test_no_act_between_parties(coder, text, category):
    """Signing a domestic order, giving a speech, releasing a document: the object says the
    cooperative verb names no event (word sense NONE in _senses.tsv)."""
    assert category not in categories(coder, text)


@pytest.mark.parametrize("text, category", [
    ("Egypt signed a trade agreement with Sudan.", "SUPPORT"),
    ("Hamas released two Israeli hostages on Monday.", "RETREAT"),
    ("Japan delivered 40 tonnes of food aid to Ukraine.", "AID"),
])
def test_the_same_verbs_still_code_acts_between_parties(coder, text, category):
    assert category in categories(coder, text)


def test_a_decision_alone_is_no_agreement(coder):
    """"decide"/"decision" only govern (decided to withdraw: the withdrawal, reported as
    decided); on their own they name no AGREE."""
    assert "AGREE" not in categories(coder, "The Indian Supreme Court's decision surprised the government in Delhi.")


def test_a_bare_party_noun_is_no_content(coder):
    """"agree a solution with the opposition": the opposition is a party, not an event the
    agreement is about (an `arg` noun without its argument embeds nothing)."""
    found = coder.code_text("The Kenyan president said he would agree a deal with the opposition.",
                            pub_date="2024-03-15")
    assert [e.event for e in found] == ["AGREE"]


@pytest.mark.parametrize("text", [
    "The United States withdrew from the nuclear treaty with Russia.",
    "Argentina withdrew from the trade talks with Brazil.",
])
def test_leaving_an_agreement_or_talks_is_sanction_withdraw(coder, text):
    """PLOVER SANCTION withdraw: leaving a group, an agreement or a negotiation; RETREAT
    withdraw is forces leaving territory."""
    found = coder.code_text(text, pub_date="2024-03-15")
    assert [(e.event, e.mode) for e in found] == [("SANCTION", "withdraw")]


def test_troops_withdrawing_stay_a_retreat(coder):
    found = coder.code_text("Russia withdrew its troops from the Kherson region.", pub_date="2024-03-15")
    assert [(e.event, e.mode) for e in found] == [("RETREAT", "withdraw")]


@pytest.mark.parametrize("text, category", [
    ("The Kenyan senator sought the nomination of the Jubilee party.", "REQUEST"),
    ("The Taliban seek to retake control of the north of Afghanistan.", "REQUEST"),
    ("The Argentine government proposed a bill on abortion.", "AGREE"),
    ("The Indian parliament voted to establish procedural rules for the inquiry.", "AGREE"),
    ("The Kenyan ministry provided details of the plan to reporters.", "AID"),
    ("The Mexican senator joined the Morena party in 2018.", "COOPERATE"),
])
def test_no_request_offer_aid_or_cooperation_between_parties(coder, text, category):
    assert category not in categories(coder, text)


@pytest.mark.parametrize("text, category", [
    ("Ukraine sought military help from Poland.", "REQUEST"),
    ("Japan proposed a ceasefire to Russia and Ukraine.", "AGREE"),
    ("Germany provided Ukraine with air defence systems.", "AID"),
])
def test_requests_offers_and_aid_between_parties_stay(coder, text, category):
    assert category in categories(coder, text)


def test_telling_someone_to_act_is_a_request_on_them(coder):
    found = coder.code_text("China told Japan to release the fishermen.", pub_date="2024-03-15")
    assert [(e.event, [a.country for a in e.actor], [r.country for r in e.recipient]) for e in found] == \
        [("REQUEST", ["CHN"], ["JPN"])]


def test_being_told_not_to_act_is_a_request(coder):
    found = coder.code_text("Kenyan officials were told not to publish the figures.", pub_date="2024-03-15")
    assert [(e.event, [r.country for r in e.recipient]) for e in found] == [("REQUEST", ["KEN"])]


def test_telling_reporters_something_is_no_request(coder):
    assert "REQUEST" not in categories(coder, "The Kenyan minister told reporters that the talks had failed.")


def test_congratulations_in_a_quote_are_the_speakers_support(coder):
    found = coder.code_text('The Kenyan president wrote, "Congratulations to Nigeria on a peaceful election."',
                            pub_date="2024-03-15")
    assert [(e.event, [a.country for a in e.actor]) for e in found] == [("SUPPORT", ["KEN"])]


def test_congratulations_outside_speech_name_no_event(coder):
    assert "SUPPORT" not in categories(coder, "Congratulations poured into Abuja from across Africa.")


@pytest.mark.parametrize("text", [
    "The curfew, which the Thai army lifted on Monday, had lasted a month.",
    "Protests followed the new Serbian lockdown measures, which the government dropped after two days.",
])
def test_a_relative_pronoun_stands_for_its_noun_in_a_pattern(coder, text):
    """"lift curfew", "drop measure": in a relative clause the object is the antecedent."""
    assert "CONCEDE" in categories(coder, text)


@pytest.mark.parametrize("text", [
    "Kenya and Ethiopia reached an agreement on the border crossing.",
    "Canada and Mexico have agreed a new trade deal.",
])
def test_an_agreement_reached_is_support(coder, text):
    """PLOVER SUPPORT: ratify, sign or finalize an agreement; agreeing *to* act stays AGREE."""
    assert "SUPPORT" in categories(coder, text)


def test_agreeing_to_act_stays_agree(coder):
    assert categories(coder, "Kenya agreed to reopen the border with Ethiopia.") == ["AGREE"]


@pytest.mark.parametrize("text", [
    "Hungary pledged its full support for the Polish initiative.",
    "The Canadian government promised support for Ukraine.",
])
def test_pledged_support_is_support(coder, text):
    assert categories(coder, text) == ["SUPPORT"]


def test_a_promise_to_act_stays_agree(coder):
    assert categories(coder, "Japan promised to recognize Palestine.") == ["AGREE"]


@pytest.mark.parametrize("text, mode", [
    ("Ghana contributed 800 soldiers to the UN peacekeeping mission in Mali.", "military"),
    ("The United States evacuated 10,500 people from Haiti.", "humanitarian"),
    ("Lithuania opened its borders to refugees in 1997.", "humanitarian"),
])
def test_personnel_evacuation_and_asylum_are_aid(coder, text, mode):
    """PLOVER AID: military assistance including personnel, emergency assistance, asylum."""
    found = coder.code_text(text, pub_date="2024-03-15")
    assert ("AID", mode) in [(e.event, e.mode) for e in found]


def test_evacuating_a_base_stays_a_retreat(coder):
    assert categories(coder, "Russia evacuated its base in Syria.") == ["RETREAT"]


def test_calling_off_a_strike_is_a_concession_not_a_call_for_one(coder):
    """`call` governs as REQUEST ("called for sanctions"), but in `call off` it is another word."""
    assert categories(coder, "Kenyan doctors called off their strike after talks with the government.") == ["CONCEDE"]


def test_a_time_is_no_preposition_of_a_pattern(coder):
    """"called the Ethiopian prime minister on Friday" is a phone call, not a `call on` plea."""
    assert categories(coder, "The Kenyan president called the Ethiopian prime minister on Friday.") == ["CONSULT"]


@pytest.mark.parametrize("text", [
    "Musicians in Kenya have lifted their boycott of the national theatre.",
    "The United States reduced tariffs on Chinese exports.",
    "Kenyan prosecutors dropped the investigation of the former governor.",
])
def test_easing_pressure_is_a_concession(coder, text):
    assert "CONCEDE" in categories(coder, text)


def test_deploying_peacekeepers_is_military_aid(coder):
    found = coder.code_text("Nigeria announced the deployment of 230 troops to Liberia on a peacekeeping mission.",
                            pub_date="2024-03-15")
    assert [(e.event, e.mode) for e in found] == [("AID", "military")]


def test_saying_something_must_be_done_is_a_request_in_the_passive_too(coder):
    found = coder.code_text("The Greek foreign minister said the status of the museum must be maintained.",
                            pub_date="2024-03-15")
    assert [(e.event, [a.country for a in e.actor]) for e in found] == [("REQUEST", ["GRC"])]


@pytest.mark.parametrize("text", [
    "The Turkish minister called the Greek proposal a provocation.",
    "The Kenyan president called the opposition's investigation a witch hunt.",
])
def test_calling_something_a_name_is_no_call_and_no_request(coder, text):
    found = categories(coder, text)
    assert "CONSULT" not in found and "REQUEST" not in found
