"""Real-news forms, second round (issue 14): weak triggers that name no act between
parties (storms and vehicles that strike, campaign rallies, calling or conceding an
election, receiving a payment, preventing infections, discussing why, agreeing that
something is so), negated cooperation that is no refusal, demands made by "expect from", a
time's relative pronoun that is no object, later events, crimes punished, adjectives of
attitude, sexual violence and drawn weapons. Sentences written for these tests, never taken from a gold or dev file."""

import pytest

import coding

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text", [
    "Typhoon Hagibis struck the Japanese coast on Saturday.",
    "Hurricane Ida slammed into the Mexican coast overnight.",
    "A Russian passenger plane struck a hangar at the Moscow airport.",
])
def test_storms_and_vehicles_that_strike_are_no_attack(coder, text):
    assert coding.categories(coder, text) == []


def test_warplanes_that_strike_still_attack(coder):
    assert coding.categories(coder, "Russian warplanes struck a market in Idlib.") == ["ASSAULT"]


def test_a_campaign_rally_is_no_protest(coder):
    assert coding.categories(coder, "The Brazilian president spoke at a campaign rally in Recife.") \
        == []
    assert "PROTEST" in coding.categories(coder, "Thousands of Serbian protesters held a rally outside parliament.")


@pytest.mark.parametrize("text", [
    "The Mexican president has not yet conceded the election.",
    "Brazilian television called the election for the Brazilian president.",
    "The Kenyan government received a payment from the Ethiopian government.",
])
def test_election_calls_records_and_payments_name_no_event(coder, text):
    assert coding.categories(coder, text) == []


def test_preventing_infections_is_no_coercion(coder):
    assert coding.categories(coder, "The Kenyan government prevented the spread of the virus.") == []
    assert coding.categories(coder, "Italian police prevented the protesters from entering the square.") == ["COERCE"]


def test_warning_of_a_disease_is_no_threat(coder):
    assert coding.categories(coder, "Chinese doctors warned Chinese officials about the outbreak.") == []
    assert coding.categories(coder, "Turkey warned Syria of severe consequences.") == ["THREATEN"]


def test_discussing_why_is_no_meeting(coder):
    assert coding.categories(coder, "The Kenyan senator discussed why he decided to leave the ruling party.") == []


@pytest.mark.parametrize("text", [
    "The Kenyan government agreed that the vote should be delayed.",
    "The Kenyan president agreed the election had been fair.",
])
def test_one_party_agreeing_that_something_is_so_states_an_opinion(coder, text):
    assert coding.categories(coder, text) == []


@pytest.mark.parametrize("text", [
    "Kenyan and Ethiopian officials agreed on Monday that their countries should reopen the border.",
    "Kenya agreed with Ethiopia that the border should be reopened.",
    "Kenya agreed that its troops would withdraw from the border.",
])
def test_parties_agreeing_with_each_other_or_on_an_act_agree(coder, text):
    assert "AGREE" in coding.categories(coder, text)


def test_a_cooperative_act_that_did_not_happen_is_negated_not_refused(coder):
    events = coding.events(coder, "The Kenyan president did not endorse the Ethiopian candidate.")
    assert [(e.event, e.aux) for e in events] == [("SUPPORT", "negated")]


@pytest.mark.parametrize("text", [
    "The Kenyan government did not accept the Ethiopian offer.",
    "Kenya will not accept Ethiopian refugees.",
    "The Kenyan president decided not to attend the summit in Addis Ababa.",
    "Kenya and Ethiopia failed to reach an agreement on the border.",
    "The Kenyan government did not give permission for the opposition rally.",
])
def test_answers_decisions_and_wills_that_say_no_are_refusals(coder, text):
    assert [(e.event, e.aux) for e in coding.events(coder, text)] == [("REJECT", "asserted")]


def test_expecting_something_from_a_party_is_a_demand(coder):
    events = coding.events(coder, "Kenya expects from Ethiopia a full apology.")
    assert [(e.event, [a.text for a in e.recipient]) for e in events] == [("REQUEST", ["Ethiopia"])]
    assert coding.categories(coder, "Kenya expects the talks to resume next week.") == []


def test_the_night_that_they_protested_is_no_object_of_protest(coder):
    assert coding.categories(coder, "It was the third night in a row that Serbians protested.") == ["PROTEST"]
    assert coding.categories(coder, "The decision, which Serbia protested, was reversed.") == ["ACCUSE"]


def test_what_happens_before_something_is_no_background(coder):
    text = "The gunman reached the gate of the Kenyan parliament before he was shot by a Kenyan police officer."
    assert coding.categories(coder, text) == ["ASSAULT"]
    assert coding.categories(coder, "Kenyan police arrested the gunman after he attacked a Kenyan police officer.") \
        == ["COERCE"]
    # with a modal, a before-clause is a condition: "must disarm before it can receive aid"
    assert coding.categories(coder, "Kenya said Ethiopia must withdraw its troops before Kenya would support "
                              "lifting the sanctions.") == ["REQUEST"]


def test_an_announced_rejection_is_a_rejection_and_an_announced_boycott_a_threat(coder):
    assert coding.categories(coder, "The Kenyan lawyer said he intended to appeal the conviction.") == ["REJECT"]
    assert coding.categories(coder, "Kenya will reject the Ethiopian proposal.") == ["REJECT"]
    assert coding.categories(coder, "Kenya said it will boycott the summit in Ethiopia.") == ["THREATEN"]
    assert coding.categories(coder, "Kenya said it would break off talks with Ethiopia.") == ["THREATEN"]


def test_a_rally_someone_speaks_at_is_no_protest(coder):
    assert coding.categories(coder, "The Brazilian president said at a rally in Recife that he would win.") == []
    assert coding.categories(coder, "Thousands of protesters rallied in Recife.") == ["PROTEST"]


def test_a_coordinated_verb_shares_its_subject_for_a_sense_rule(coder):
    assert coding.categories(coder, "The Kenyan passenger plane crashed near the runway and struck a hangar.") == []


def test_opposing_an_act_is_criticism_and_opposing_a_bill_a_rejection(coder):
    assert coding.categories(coder, "The Kenyan opposition opposed the withdrawal of the troops.") == ["ACCUSE"]
    assert coding.categories(coder, "The Kenyan opposition opposed the bill.") == ["REJECT"]


def test_being_cut_off_by_a_driver_is_no_sanction(coder):
    assert coding.categories(coder, "The Kenyan minister said he had been cut off by another driver.") == []


def test_a_visit_the_news_reports_as_planned_is_a_future_consultation(coder):
    text = "Kenyan television reported that President Ruto was planning to visit the Ethiopian prime minister."
    assert [(e.event, e.aux) for e in coding.events(coder, text)] == [("CONSULT", "future")]
    announced = "President Ruto said he will visit the Ethiopian prime minister next week."
    assert coding.categories(coder, announced) == ["AGREE"]


def test_the_crime_someone_is_punished_for_is_their_act(coder):
    events = coding.events(coder, "A Kenyan court sentenced the rebel commander to death for the massacre of 40 villagers.")
    assert sorted((e.event, [a.text for a in e.actor][:1]) for e in events) == \
        [("ASSAULT", ["rebel commander"]), ("SANCTION", ["Kenyan court"])]
    assert coding.categories(coder, "Kenyan police arrested two men for protesting outside parliament.") == ["COERCE"]


@pytest.mark.parametrize("text, category, actor, recipient", [
    ("The Kenyan government is supportive of the Ethiopian rebels.", "SUPPORT", "Kenyan government",
     "Ethiopian rebels"),
    ("The Kenyan army is well armed and supportive of the Ethiopian rebels.", "SUPPORT", "Kenyan army",
     "Ethiopian rebels"),
    ("The Kenyan president was highly critical of the Ethiopian government.", "ACCUSE", "Kenyan president",
     "Ethiopian government"),
])
def test_adjectives_of_attitude_are_held_by_the_copulas_subject(coder, text, category, actor, recipient):
    events = coding.events(coder, text)
    assert [(e.event, [a.text for a in e.actor], [r.text for r in e.recipient]) for e in events] == \
        [(category, [actor], [recipient])]
    assert coding.categories(coder, "A critical report on Kenya was published in Nairobi.") == []


def test_the_crime_after_due_to_is_the_jailed_mens_sexual_assault(coder):
    events = coding.events(coder, "Nine Kenyan men were jailed due to the rape of two girls.")
    assert [(e.event, e.mode, [a.text for a in e.actor]) for e in events if e.event == "ASSAULT"] == \
        [("ASSAULT", "sexual", ["Nine Kenyan men"])]
    assert coding.categories(coder, "The Kenyan minister was accused of abuse of power.") == ["ACCUSE"]


@pytest.mark.parametrize("text", [
    "Kenyan police drew weapons on the protesters outside parliament.",
    "A Kenyan officer brandished a pistol at the crowd.",
])
def test_weapons_drawn_on_someone_threaten_force(coder, text):
    assert coding.categories(coder, text) == ["THREATEN"]
