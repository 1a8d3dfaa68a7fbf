"""Justice, criticism and punishment in real news (issue 14): fines, contempt,
detention on suspicion, closing off an area, jailing for a crime, and the nouns of coercive
acts. Sentences written for these tests, never taken from a gold or dev file."""

import pytest

import coding

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text", [
    "The Kenyan court fined the newspaper $2 million for defamation.",
    "The newspaper was fined $2 million by a Kenyan court.",
])
def test_a_fine_is_a_sanction_also_with_its_amount(coder, text):
    events = coding.events(coder, text)
    assert [e.event for e in events] == ["SANCTION"]
    assert [r.text for r in events[0].recipient] == ["newspaper"]


def test_holding_someone_in_contempt_is_a_charge_with_the_object_between(coder):
    events = coding.events(coder, "The Kenyan senate voted to hold the minister in contempt.")
    assert [(e.event, e.mode) for e in events] == [("ACCUSE", "allege")]
    assert [r.text for r in events[0].recipient] == ["minister"]


@pytest.mark.parametrize("text, held", [
    ("The Kenyan senator was stopped by police on suspicion of drunk driving.", "Kenyan senator"),
    ("Kenyan police held two men on suspicion of arson.", "two men"),
])
def test_held_or_stopped_on_suspicion_is_a_detention(coder, text, held):
    events = coding.events(coder, text)
    assert [(e.event, e.mode) for e in events] == [("COERCE", "arrest")]
    assert [r.text for r in events[0].recipient] == [held]


def test_held_without_suspicion_keeps_its_other_readings(coder):
    assert coding.categories(coder, "Kenyan leaders held talks in Nairobi.") == ["CONSULT"]


@pytest.mark.parametrize("text", [
    "Kenyan police blocked the road to the parliament.",
    "Kenyan troops sealed off the town.",
    "Kenyan police cordoned off the square after the riot.",
])
def test_authorities_closing_off_an_area_restrict_movement(coder, text):
    events = coding.events(coder, text)
    assert [(e.event, e.mode) for e in events] == [("COERCE", "restrict")]


def test_a_crowd_blocking_a_road_still_protests(coder):
    events = coding.events(coder, "Kenyan protesters blocked the road to the parliament.")
    assert [(e.event, e.mode) for e in events] == [("PROTEST", "obstruct")]


@pytest.mark.parametrize("text", [
    "Nine Kenyan men were jailed for fraud on Wednesday.",
    "The Kenyan rebel leader was jailed over the killing of a policeman.",
])
def test_jailed_for_a_crime_is_a_sentence_as_well_as_prison(coder, text):
    categories = coding.categories(coder, text)
    assert "COERCE" in categories and "SANCTION" in categories


@pytest.mark.parametrize("text", [
    "Nine Kenyan men were jailed on Wednesday.",
    "The Kenyan journalist was jailed for 48 hours.",
])
def test_jailed_with_no_crime_named_stays_an_arrest(coder, text):
    assert coding.categories(coder, text) == ["COERCE"]


@pytest.mark.parametrize("text, mode", [
    ("The deportation of 30 Somali migrants by Kenyan authorities began on Monday.", "deport"),
    ("The confiscation of their land by the Kenyan army angered farmers.", "seize"),
    ("The Kenyan government's censorship of the press angered editors.", "censor"),
])
def test_nouns_of_coercive_acts_are_events(coder, text, mode):
    assert ("COERCE", mode) in [(e.event, e.mode) for e in coding.events(coder, text)]


@pytest.mark.parametrize("text", [
    "Kenyan editors spoke of their fear of censorship.",
    "Censorship is common in Kenya.",
])
def test_a_noun_of_a_coercive_act_without_its_argument_is_no_event(coder, text):
    assert coding.categories(coder, text) == []


@pytest.mark.parametrize("text", [
    "The Kenyan foreign minister said the Somali decision was unacceptable.",
    '"This decision is outrageous," the Kenyan president said.',
])
def test_judging_something_unacceptable_in_reported_speech_condemns_it(coder, text):
    events = coding.events(coder, text)
    assert [(e.event, e.mode) for e in events] == [("ACCUSE", "disapprove")]
    assert "Kenyan" in events[0].actor[0].text


@pytest.mark.parametrize("text", [
    "Kenyan officials say the drug is illegal in Kenya.",
    "The Kenyan minister said the new budget was ambitious.",
    "The Somali decision was unacceptable to many voters.",
])
def test_stating_the_law_or_judging_outside_speech_is_no_accusation(coder, text):
    assert "ACCUSE" not in coding.categories(coder, text)


@pytest.mark.parametrize("text", [
    "The Kenyan activist was sentenced to serve 120 months in prison.",
    "The Kenyan activist was convicted of fraud and sentenced to ten years in prison.",
    "The Kenyan activist was convicted of fraud in 2020 and was sentenced to serve 120 months in prison.",
])
def test_a_prison_term_in_an_infinitive_or_a_conjoined_sentence_is_prison(coder, text):
    assert [(e.event, e.mode) for e in coding.events(coder, text)] == [("SANCTION", "convict"), ("COERCE", "arrest")]


@pytest.mark.parametrize("text", [
    "The Kenyan activist was convicted of fraud and sentenced to death.",
    "The Kenyan activist was sentenced to perform community service.",
])
def test_a_sentence_without_a_prison_term_is_no_arrest(coder, text):
    assert "COERCE" not in coding.categories(coder, text)


@pytest.mark.parametrize("text", [
    "The Kenyan opposition lambasted the government over the deal.",
    "The Kenyan foreign minister castigated Somalia for the border raids.",
])
def test_verbs_of_scolding_are_criticism(coder, text):
    assert ("ACCUSE", "disapprove") in [(e.event, e.mode) for e in coding.events(coder, text)]


def test_dragging_someone_to_court_sues_them(coder):
    events = coding.events(coder, "The Kenyan opposition dragged the electoral board to court.")
    assert [(e.event, e.mode) for e in events] == [("ACCUSE", "allege")]


def test_a_british_spelling_of_penalize_is_a_sanction(coder):
    assert coding.categories(coder, "The Kenyan central bank penalised three lenders.") == ["SANCTION"]


@pytest.mark.parametrize("text", [
    "Kenyan police apprehended two Somali men near the border.",
    "The Kenyan activist was remanded in custody.",
    "The Kenyan activist was taken into custody on Monday.",
])
def test_apprehended_remanded_and_taken_into_custody_are_detentions(coder, text):
    assert [(e.event, e.mode) for e in coding.events(coder, text)] == [("COERCE", "arrest")]


def test_a_court_remanding_a_case_detains_no_one(coder):
    assert coding.categories(coder, "The Kenyan supreme court remanded the case to the lower court.") == []


def test_withdrawing_peacekeepers_withdraws_aid_but_troops_retreat(coder):
    assert [(e.event, e.mode) for e in coding.events(coder, "Kenya withdrew its peacekeepers from Somalia.")] == \
        [("SANCTION", "withdraw")]
    assert coding.categories(coder, "Kenya withdrew its troops from the border town.") == ["RETREAT"]


def test_summoning_any_envoy_is_a_complaint(coder):
    text = "Somalia summoned a senior Kenyan diplomat to complain about the raids."
    assert [(e.event, e.mode) for e in coding.events(coder, text)] == [("ACCUSE", "disapprove")]


def test_suspending_a_newspaper_s_publication_censors_it(coder):
    text = "Kenyan authorities suspended publication of the opposition newspaper."
    assert [(e.event, e.mode) for e in coding.events(coder, text)] == [("COERCE", "censor")]
    assert coding.categories(coder, "The Kenyan minister suspended the aid programme.") == ["SANCTION"]


def test_a_cyberattack_is_coercion(coder):
    text = "Somali hackers launched a cyberattack on the Kenyan tax agency."
    assert [(e.event, e.mode) for e in coding.events(coder, text)] == [("COERCE", "cyber")]


@pytest.mark.parametrize("text", [
    "Kenya ended its mediation efforts in the Somali dispute.",
    "Kenya terminated security cooperation with Somalia.",
])
def test_ending_mediation_or_cooperation_cuts_relations(coder, text):
    assert [(e.event, e.mode) for e in coding.events(coder, text)] == [("SANCTION", "discontinue")]


def test_ending_talks_is_no_sanction(coder):
    text = "The Kenyan envoy ended the talks in Nairobi on a positive note."
    assert "SANCTION" not in coding.categories(coder, text)
