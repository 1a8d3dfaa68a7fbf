"""The conflictual categories in real news (issue 14): criticism by naming, charges and
lawsuits, blamed acts, sentences to prison, leaving treaties and parties, crowds and
riots, arrest warrants. Sentences written for these tests, never taken from a gold or dev
file."""

import pytest

import coding

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text", [
    'The Kenyan opposition leader called the election result "a sham".',
    'The Greek foreign minister called the maritime deal "null and void".',
    "The Mexican president called the Senate inquiry a witch hunt.",
    'The Kenyan minister described the ambush as "a cowardly act".',
    "The Kenyan president attacked the court's ruling as an insult to voters.",
])
def test_naming_with_a_word_of_disapproval_is_an_accusation(coder, text):
    assert coding.categories(coder, text) == ["ACCUSE"]


@pytest.mark.parametrize("text", [
    "The Kenyan president called the new budget ambitious.",
    "The Kenyan finance minister called the tax plan a necessity.",
])
def test_naming_without_disapproval_is_no_event(coder, text):
    assert coding.categories(coder, text) == []


def test_attacking_an_inquiry_is_criticism_not_violence(coder):
    assert coding.categories(coder, "The Kenyan president attacked the parliamentary investigation.") == ["ACCUSE"]


@pytest.mark.parametrize("text", [
    "The Kenyan senator has come out against the new tax law.",
    "The Nigerian opposition claimed widespread fraud in the governor's election.",
    "The Kenyan opposition repeated its allegations of fraud against the electoral commission.",
    "The Kenyan opposition filed a legal challenge against the election result.",
    "The Kenyan parliament passed two articles of impeachment against the governor.",
    "The Kenyan finance minister was held in contempt by the Senate.",
])
def test_allegations_charges_and_lawsuits_are_accusations(coder, text):
    assert "ACCUSE" in coding.categories(coder, text)


@pytest.mark.parametrize("text, doer", [
    ("The Kenyan government blamed al-Shabaab for the attack on the hotel.", "al-Shabaab"),
    ("The Emirati minister attributed the bombing to Houthi rebels.", "Houthi rebels"),
])
def test_a_blamed_attack_is_also_an_attack_by_the_one_blamed(coder, text, doer):
    events = coding.events(coder, text)
    assert sorted(e.event for e in events) == ["ACCUSE", "ASSAULT"]
    assault = next(e for e in events if e.event == "ASSAULT")
    assert doer in [a.text for a in assault.actor]


def test_blaming_someone_for_a_delay_is_only_an_accusation(coder):
    assert coding.categories(coder, "The Kenyan government blamed the contractor for the delay.") == ["ACCUSE"]


@pytest.mark.parametrize("text", [
    "A Kenyan court sentenced the former governor to ten years in prison.",
    "The Kenyan journalist is serving a life sentence.",
    "Three Kenyan officials were jailed for six years for fraud.",
])
def test_a_prison_sentence_is_a_conviction_and_an_arrest(coder, text):
    assert coding.categories(coder, text) == ["COERCE", "SANCTION"]


@pytest.mark.parametrize("text, category", [
    ("A Kenyan court sentenced the former governor to death.", "SANCTION"),
    ("Kenyan police jailed the protest leaders.", "COERCE"),
])
def test_other_sentences_and_jailings_have_one_category(coder, text, category):
    assert coding.categories(coder, text) == [category]


@pytest.mark.parametrize("text", [
    "The Kenyan High Court found the new security law unconstitutional.",
    "The Kenyan electoral commission disqualified the governor from the election.",
])
def test_courts_finding_laws_unconstitutional_sanction(coder, text):
    assert "SANCTION" in coding.categories(coder, text)


@pytest.mark.parametrize("text", [
    "Russia withdrew from the arms control treaty with the United States.",
    "The Kenyan senator left the ruling party on Tuesday.",
])
def test_leaving_a_treaty_or_a_party_is_a_sanction(coder, text):
    events = coding.events(coder, text)
    assert [(e.event, e.mode) for e in events] == [("SANCTION", "withdraw")]


def test_troops_withdrawing_from_a_town_stay_a_retreat(coder):
    assert coding.categories(coder, "Russian troops withdrew from the town of Kherson.") == ["RETREAT"]


def test_an_arrest_warrant_is_a_threat_of_arrest(coder):
    events = coding.events(coder, "Iran issued arrest warrants for three US officials.")
    assert [(e.event, e.mode) for e in events] == [("THREATEN", "arrest")]
    assert [a.country for a in events[0].actor] == ["IRN"]


@pytest.mark.parametrize("text", [
    "Thousands of people gathered outside the Kenyan parliament on Tuesday.",
    "Kenyan opposition supporters assembled in central Nairobi.",
])
def test_a_crowd_that_gathers_is_a_protest(coder, text):
    assert coding.categories(coder, text) == ["PROTEST"]


def test_mourners_or_ministers_gathering_is_no_protest(coder):
    assert "PROTEST" not in coding.categories(coder, "Thousands of mourners gathered for the funeral in Nairobi.")
    assert "PROTEST" not in coding.categories(coder, "EU foreign ministers gathered in Brussels.")


def test_protesters_clashing_with_police_riot_and_fight(coder):
    events = coding.events(coder, "Kenyan protesters clashed with police outside parliament.")
    assert sorted((e.event, e.mode) for e in events if e.event == "PROTEST") == [("PROTEST", "riot")]
    assert "ASSAULT" in [e.event for e in events]


def test_soldiers_clashing_stays_an_assault(coder):
    assert coding.categories(coder, "Sudanese soldiers clashed with rebels near the border.") == ["ASSAULT"]


def test_a_relative_clause_keeps_its_own_mode(coder):
    events = coding.events(coder, "The Kenyan opposition sent police a plan for the march, which the Kenyan police rejected.")
    reject = [e for e in events if e.event == "REJECT"]
    assert reject and reject[0].aux == "asserted"
    assert "THREATEN" not in [e.event for e in events if e.evidence.trigger.text == "rejected"]


def test_appealing_a_conviction_is_no_plea(coder):
    events = coding.events(coder, "Lawyers for the Kenyan senator will appeal the conviction.")
    assert "REQUEST" not in [e.event for e in events]


@pytest.mark.parametrize("text", [
    "A Kenyan farmer was killed by his lions on Tuesday.",
    "The virus has killed 800 people in Kenya.",
    "Fourteen Kenyans were injured in the crash.",
])
def test_deaths_from_accidents_disease_or_animals_are_no_assault(coder, text):
    assert "ASSAULT" not in coding.categories(coder, text)


def test_deaths_at_the_hands_of_police_stay_an_assault(coder):
    events = coding.events(coder, "A Kenyan farmer was killed by police on Tuesday.")
    assert [e.event for e in events] == ["ASSAULT"]
    assert [a.sector for a in events[0].actor] == ["COP"]


def test_fighting_for_rights_is_no_assault(coder):
    assert "ASSAULT" not in coding.categories(coder, "Kenyan activists vowed to fight for equal rights.")
    assert "ASSAULT" in coding.categories(coder, "Rebels fought for control of the Kenyan border town.")


def test_an_overturned_conviction_is_a_concession_not_a_sanction(coder):
    assert coding.categories(coder, "The Kenyan Supreme Court overturned the convictions of two former ministers.") == \
        ["CONCEDE"]


def test_suspending_a_campaign_cuts_no_relations(coder):
    assert "SANCTION" not in coding.categories(coder, "Two Kenyan senators suspended their campaigns.")
    assert "SANCTION" in coding.categories(coder, "Kenya suspended its trade talks with Uganda.")


def test_a_quoted_adjective_after_the_object_is_what_it_is_called(coder):
    events = coding.events(coder, 'The British minister called the prime minister\'s Brexit deal "lousy".')
    assert [(e.event, e.mode) for e in events] == [("ACCUSE", "disapprove")]


def test_a_murder_named_by_a_noun_is_an_assault(coder):
    events = coding.events(coder, "Saudi agents carried out the murder of the journalist inside the consulate.")
    assert [(e.event, e.mode) for e in events] == [("ASSAULT", "targeted")]
    assert "ASSAULT" not in coding.categories(coder, "The murder rate in Nairobi rose.")
