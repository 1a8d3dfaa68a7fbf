"""Several events in one sentence, and the cooperative, request and refusal categories in
real news (issue 14): answers to requests and accusations, verbs coordinated with a
passive, demands in the subjunctive, appeals, refusals to consider. Sentences written for
these tests, never taken from a gold or dev file."""

import pytest

import coding

pytestmark = pytest.mark.model


def _event(coder, text, category):
    return next(e for e in coding.events(coder, text) if e.event == category)


def _actors(event):
    return [a.text for a in event.actor]


def _recipients(event):
    return [a.text for a in event.recipient]


@pytest.mark.parametrize("text, answerer, asker", [
    ("The Kenyan government asked the judge to delay his ruling, but he declined.", "judge", "Kenyan government"),
    ("Uganda urged the Kenyan rebels to lay down their arms, but they refused.", "Kenyan rebels", "Uganda"),
])
def test_whoever_is_asked_gives_the_refusal_that_answers(coder, text, answerer, asker):
    assert coding.categories(coder, text) == ["REJECT", "REQUEST"]
    refusal = _event(coder, text, "REJECT")
    assert _actors(refusal) == [answerer]
    assert _recipients(refusal) == [asker]


def test_whoever_is_accused_gives_the_denial_in_a_relative_clause(coder):
    text = "The Kenyan minister was accused of taking bribes, which he denied."
    assert coding.categories(coder, text) == ["ACCUSE", "REJECT"]
    assert _actors(_event(coder, text, "REJECT")) == ["Kenyan minister"]


def test_an_answer_with_its_own_named_subject_keeps_it(coder):
    text = "The Kenyan president urged the army to withdraw, but the Ugandan generals refused."
    assert _actors(_event(coder, text, "REJECT")) == ["Ugandan generals"]


def test_a_verb_coordinated_with_a_passive_is_done_by_its_subject(coder):
    text = "The Kenyan opposition leader was arrested on Monday and waived extradition to Uganda."
    assert coding.categories(coder, text) == ["COERCE", "CONCEDE"]
    assert _actors(_event(coder, text, "CONCEDE")) == ["Kenyan opposition leader"]


def test_a_bare_participle_after_a_passive_befalls_its_subject(coder):
    text = "The Kenyan opposition leader was arrested by police on Monday and charged with treason."
    charge = _event(coder, text, "ACCUSE")
    assert _actors(charge) == ["police"]
    assert _recipients(charge) == ["Kenyan opposition leader"]


@pytest.mark.parametrize("text", [
    "The Kenyan president insisted that Uganda withdraw its troops.",
    "The Kenyan president insists that the budget include funding for the police.",
])
def test_insisting_that_someone_act_is_a_demand(coder, text):
    assert coding.categories(coder, text) == ["REQUEST"]
    assert _actors(coding.events(coder, text)[0]) == ["Kenyan president"]


def test_a_report_of_what_someone_does_is_no_demand(coder):
    assert coding.categories(coder, "The Kenyan president said Uganda's army is withdrawing.") == ["RETREAT"]


@pytest.mark.parametrize("text, category", [
    ("Both Kenyan officers said they would appeal.", "REJECT"),
    ("Kenya will appeal the ruling.", "REJECT"),
    ("The Kenyan Red Cross appealed for calm.", "REQUEST"),
    ("The Kenyan president appealed to Uganda to release the fishermen.", "REQUEST"),
])
def test_an_appeal_to_no_one_for_nothing_appeals_a_ruling(coder, text, category):
    assert coding.categories(coder, text) == [category]


@pytest.mark.parametrize("text, categories", [
    ("The Kenyan government said it would not consider requests of this nature.", ["REJECT"]),
    ("Uganda will not entertain the Kenyan proposal.", ["REJECT"]),
    ("The Kenyan government will consider the request.", []),
])
def test_refusing_to_consider_a_request_is_a_rejection(coder, text, categories):
    assert coding.categories(coder, text) == categories


@pytest.mark.parametrize("text, category, doer", [
    ("The Kenyan journalist was jailed for refusing to reveal his sources.", "REJECT", "Kenyan journalist"),
    ("A Kenyan court jailed the activist for criticizing the president.", "ACCUSE", "activist"),
])
def test_the_defiance_someone_is_punished_for_is_theirs(coder, text, category, doer):
    assert sorted(coding.categories(coder, text)) == sorted(["COERCE", category])
    assert _actors(_event(coder, text, category)) == [doer]


def test_a_verb_coordinated_with_a_reported_there_is_the_speakers(coder):
    text = "The Ugandan minister said there was no evidence and urged Kenya to withdraw its troops."
    request = _event(coder, text, "REQUEST")
    assert _actors(request) == ["Ugandan minister"]
    assert _recipients(request) == ["Kenya"]


def test_a_participle_on_a_message_is_said_by_its_author(coder):
    text = "The US secretary of state posted a message on Twitter blaming Iran for the attacks."
    blame = _event(coder, text, "ACCUSE")
    assert _actors(blame) == ["US secretary of state"]
    assert _recipients(blame) == ["Iran"]


@pytest.mark.parametrize("text, addressee", [
    ('"Release the Kenyan fishermen now," the Kenyan president told Uganda.', "Uganda"),
    ('The Kenyan commander told his men: "Take your rifles and attack the Ugandan border posts tonight."', "his men"),
    ('"Do not attack the Ugandan border posts," the Kenyan president told the army.', "army"),
])
def test_a_quoted_order_is_a_demand_on_whoever_is_told(coder, text, addressee):
    assert coding.categories(coder, text) == ["REQUEST"]
    demand = coding.events(coder, text)[0]
    assert _recipients(demand) == [addressee]


def test_a_quoted_statement_with_a_subject_is_no_order(coder):
    assert coding.categories(coder, '"Uganda will release the Kenyan fishermen," the Kenyan president said.') == ["RETREAT"]


@pytest.mark.parametrize("text, demanded", [
    ("The Kenyan president said Uganda needs to withdraw its troops.", "Uganda"),
    ("The Kenyan president said the African Union needs to stand by Kenya.", "African Union"),
])
def test_saying_someone_needs_to_act_is_a_demand(coder, text, demanded):
    assert coding.categories(coder, text) == ["REQUEST"]
    demand = coding.events(coder, text)[0]
    assert _actors(demand) == ["Kenyan president"]
    assert _recipients(demand) == [demanded]


def test_the_speakers_own_duty_is_no_demand(coder):
    assert coding.categories(coder, 'A Kenyan activist said, "We still need to fight for our rights."') == []


def test_the_speaker_of_a_coordinated_verb_of_saying_makes_the_demand(coder):
    text = 'The Kenyan president cited the treaty and said, "Uganda needs to stand by us."'
    assert _actors(_event(coder, text, "REQUEST")) == ["Kenyan president"]


def test_a_first_person_told_in_a_quote_is_the_speaker(coder):
    text = 'A spokesman for the Kenyan Interior Ministry said "I have been told not to publish the figures."'
    assert _recipients(_event(coder, text, "REQUEST")) == ["spokesman for the Kenyan Interior Ministry"]


@pytest.mark.parametrize("text, absent", [
    ("The Kenyan senator was aided by the support of younger voters.", "SUPPORT"),
    ("The Kenyan president promised to lift up working people.", "CONCEDE"),
])
def test_support_among_voters_and_lifting_people_up_name_no_act_between_parties(coder, text, absent):
    assert absent not in coding.categories(coder, text)


@pytest.mark.parametrize("text, category", [
    ("Uganda announced its support for the Kenyan candidate.", "SUPPORT"),
    ("The Kenyan government lifted the ban on Ugandan imports.", "CONCEDE"),
])
def test_support_for_a_party_and_lifting_a_ban_stay_events(coder, text, category):
    assert coding.categories(coder, text) == [category]


def test_a_law_that_offers_something_states_its_content(coder):
    assert coding.categories(coder, "The new Kenyan bill does not offer Ugandan refugees the same rights.") == []
    assert coding.categories(coder, "Kenya offered Uganda a ceasefire.") == ["AGREE"]
