"""Events coded under the wrong PLOVER category on fresh real news (issue 14, session 6):
wanting or encouraging another party to act, attacks on computers and attacks in print, and
being "met with" protests. Sentences written for these tests, never taken from a gold, dev or
train file."""

import pytest

import coding

pytestmark = pytest.mark.model


def _coded(coder, text):
    return [(e.event, e.mode, e.aux, [a.text for a in e.actor], [r.text for r in e.recipient])
            for e in coding.events(coder, text)]


@pytest.mark.parametrize("text, actor, addressee", [
    ("The Kenyan opposition wants the Ugandan army to withdraw from the border.", "Kenyan opposition", "Ugandan army"),
    ("Ghanaian lawmakers want the finance minister to resign.", "Ghanaian lawmakers", "finance minister"),
    ("Washington encouraged Ankara to release the detained pastor.", "Washington", "Ankara"),
    ("The European Union persuaded Serbia to reopen the crossing.", "European Union", "Serbia"),
    ("The Nigerian president instructed the governors to lift the curfew.", "Nigerian president", "governors"),
])
def test_wanting_or_encouraging_another_party_to_act_is_a_request(coder, text, actor, addressee):
    coded = _coded(coder, text)
    assert [(c[0], c[2]) for c in coded] == [("REQUEST", "asserted")]
    assert any(actor in a for a in coded[0][3]) and any(addressee in r for r in coded[0][4])


def test_wanting_to_act_oneself_is_an_aim_not_a_request(coder):
    assert [(c[0], c[2]) for c in _coded(coder, "Iran wants to negotiate with the United States.")] == \
        [("CONSULT", "hypothetical")]


def test_encouraged_by_something_is_no_event(coder):
    assert coding.events(coder, "The Kenyan president was encouraged by the results of the vote.") == []


@pytest.mark.parametrize("text", [
    "Hackers attacked the Estonian ministry's website on Monday.",
    "The website of the Finnish parliament was attacked by hackers.",
    "Russian hackers attacked the servers of the Ukrainian election commission.",
    "A DDoS attack on the Kenyan tax authority's portal disrupted payments.",
])
def test_attacks_on_computers_are_cyber_coercion(coder, text):
    assert [(e.event, e.mode) for e in coding.events(coder, text)] == [("COERCE", "cyber")]


@pytest.mark.parametrize("text", [
    "The Kenyan newspaper attacked the president over the budget.",
    "The Kenyan magazine, which attacked the president, was closed.",
    "The Turkish president attacked the proclamation of the new border by Greece.",
])
def test_attacks_in_print_or_on_a_proclamation_are_criticism(coder, text):
    assert ("ACCUSE", "disapprove") in [(e.event, e.mode) for e in coding.events(coder, text)]
    assert "ASSAULT" not in coding.categories(coder, text)


def test_troops_attacking_a_site_stay_an_assault(coder):
    assert coding.categories(coder, "Russian troops attacked the site of the Ukrainian power plant.") == ["ASSAULT"]


@pytest.mark.parametrize("text", [
    "In Kenya the new tax was met with protests.",
    "The Kenyan government's decision was met with criticism.",
])
def test_being_met_with_protests_or_criticism_is_no_meeting(coder, text):
    assert "CONSULT" not in coding.categories(coder, text)


def test_meeting_with_a_party_stays_a_meeting(coder):
    assert coding.categories(coder, "The Ugandan president met with the Kenyan president in Kampala.") == ["CONSULT"]


@pytest.mark.parametrize("text, doer", [
    ("The Kenyan opposition alleged that police beat protesters in Nairobi.", "police"),
    ("The Ugandan soldier confessed to killing two villagers.", "Ugandan soldier"),
    ("The Kenyan minister admitted that troops had shelled the village.", "troops"),
])
def test_a_deed_alleged_or_admitted_is_an_event_of_its_own(coder, text, doer):
    assaults = [e for e in coding.events(coder, text) if e.event == "ASSAULT"]
    assert len(assaults) == 1 and [a.text for a in assaults[0].actor] == [doer]
    assert len(coding.events(coder, text)) == 2


def test_an_alleged_delay_is_only_the_allegation(coder):
    assert coding.categories(coder, "The Kenyan opposition alleged that the commission delayed the count.") == ["ACCUSE"]


@pytest.mark.parametrize("text, category, mode", [
    ("The Thai king suspended parliament for two months.", "COERCE", "restrict"),
    ("Saudi Arabia provided air strikes against the rebels in Yemen.", "ASSAULT", "aerial"),
    ("Iran flew weapons to the Syrian government.", "AID", ""),
    ("Russia transported ammunition to the Syrian army.", "AID", ""),
    ("The street was blocked off by Kenyan police.", "COERCE", "restrict"),
    ("Kenyan protesters blocked off the main road.", "PROTEST", "obstruct"),
    ("The Kenyan president accepted the apology of the Ugandan minister.", "SUPPORT", ""),
])
def test_the_object_or_the_doer_decides_the_category(coder, text, category, mode):
    assert [(e.event, e.mode) for e in coding.events(coder, text)] == [(category, mode)]


def test_an_apology_accepted_in_a_relative_clause_is_support(coder):
    text = "The Kenyan minister apologized to the Ugandan president, who accepted the apology."
    assert coding.categories(coder, text) == ["CONCEDE", "SUPPORT"]
    text = "The Kenyan minister, whose apology the Ugandan president accepted, resigned."
    assert "AGREE" not in coding.categories(coder, text)


def test_suspending_aid_still_cuts_ties(coder):
    assert [(e.event, e.mode) for e in coding.events(coder, "The United States suspended aid to Ethiopia.")] == \
        [("SANCTION", "discontinue")]


@pytest.mark.parametrize("text", [
    "The Kenyan parliament approved the budget on Friday.",
    "The Kenyan president signed the Data Protection Act.",
])
def test_lawmaking_is_no_support(coder, text):
    assert coding.events(coder, text) == []


def test_approving_a_party_s_plan_stays_support(coder):
    assert coding.categories(coder, "The Kenyan parliament approved the peace plan of the Ugandan president.") == ["SUPPORT"]


def test_a_conjunct_with_its_own_subject_keeps_its_own_mode(coder):
    # the parser hangs "blame" on "opened", below "said": the "should" of "opened" is not its own
    text = ("The Kenyan president has said the forest should be opened to farming, and his critics "
            "in Uganda blame him for the fires.")
    blamed = [e for e in coding.events(coder, text) if "blame" in e.evidence.trigger.text]
    assert [(e.event, e.aux) for e in blamed] == [("ACCUSE", "asserted")]
