"""Sentences of real news that gave no event at all (issue 14, fourth round): meetings a
third party hosts, legal demands, messages that speak for whoever issued them. Sentences
written for these tests, never taken from a gold or dev file."""

import pytest

import coding

pytestmark = pytest.mark.model


def _event(coder, text, category):
    return next(e for e in coding.events(coder, text) if e.event == category)


def _countries(entities):
    return sorted(e.country for e in entities)


@pytest.mark.parametrize("text, guests, host", [
    ("Qatar hosted talks between Israel and Hamas on Sunday.", ["ISR", "PSE"], ["QAT"]),
    ("Norway hosted negotiations between the Colombian government and the rebels.", ["COL"], ["NOR"]),
    ("Turkey hosted a meeting between the Russian and Ukrainian foreign ministers.", ["RUS", "UKR"], ["TUR"]),
])
def test_a_hosted_meeting_gathers_the_parties_it_is_between(coder, text, guests, host):
    meeting = _event(coder, text, "CONSULT")
    assert _countries(meeting.actor) == guests
    assert _countries(meeting.recipient) == host


def test_a_host_still_receives_its_visitor(coder):
    visit = _event(coder, "Egypt hosted the Israeli prime minister on Sunday.", "CONSULT")
    assert _countries(visit.actor) == ["ISR"]
    assert _countries(visit.recipient) == ["EGY"]


@pytest.mark.parametrize("text, recipient", [
    ("Kenya's parliament issued subpoenas to the finance minister.", "finance minister"),
    ("The Senate committee subpoenaed the defence secretary.", "defence secretary"),
])
def test_a_subpoena_is_a_demand(coder, text, recipient):
    assert coding.categories(coder, text) == ["REQUEST"]
    assert [r.text for r in _event(coder, text, "REQUEST").recipient] == [recipient]


def test_a_subpoena_only_mentioned_is_no_event(coder):
    assert coding.categories(coder, "The senator said the subpoena was unlawful.") == []


@pytest.mark.parametrize("text, actor, recipient", [
    ("Greece issued a statement that urged Turkey to withdraw its ships.", "GRC", ["TUR"]),
    ("Kenya's president sent a letter that asked Uganda to release the fishermen.", "KEN", ["UGA"]),
])
def test_a_message_that_urges_speaks_for_whoever_issued_it(coder, text, actor, recipient):
    request = _event(coder, text, "REQUEST")
    assert _countries(request.actor) == [actor]
    assert _countries(request.recipient) == recipient


def test_a_message_that_says_something_must_be_done_is_its_authors_demand(coder):
    text = 'The Greek foreign ministry released a statement which said, "The shrine\'s status must be preserved".'
    request = _event(coder, text, "REQUEST")
    assert _countries(request.actor) == ["GRC"]


def test_offering_to_host_a_meeting_is_the_hosts_act_aimed_at_the_parties(coder):
    offer = _event(coder, "Egypt offered to host talks between Israel and Hamas.", "AGREE")
    assert _countries(offer.actor) == ["EGY"]
    assert _countries(offer.recipient) == ["ISR", "PSE"]


@pytest.mark.parametrize("text, recipient", [
    ("The Kenyan minister said the talks had stalled and the budget must be balanced.", []),
    ("The Kenyan minister said that the government would act and that Uganda should pay for the damage.", ["UGA"]),
    ('US senators released a statement which said, "The shrine matters to Muslims and Christians alike, '
     'and its status as a museum must be maintained".', []),
])
def test_a_second_coordinated_clause_of_what_was_said_can_be_a_demand(coder, text, recipient):
    request = _event(coder, text, "REQUEST")
    assert _countries(request.recipient) == recipient


def test_ones_own_duty_in_a_second_clause_is_still_no_demand(coder):
    text = '"The talks failed, and we must defend our border," the Kenyan minister said.'
    assert "REQUEST" not in coding.categories(coder, text)


@pytest.mark.parametrize("text", [
    "Russian forces pounded Kharkiv with missiles overnight.",
    "The army bombarded rebel positions near Goma.",
])
def test_pounding_or_bombarding_a_place_is_an_assault(coder, text):
    assert coding.categories(coder, text) == ["ASSAULT"]


def test_a_storm_that_pounds_a_coast_is_no_assault(coder):
    assert coding.categories(coder, "A storm pounded the coast of Florida.") == []


@pytest.mark.parametrize("text, donor, receiver", [
    ("Japan sent 500 tonnes of rice to North Korea.", "JPN", "PRK"),
    ("Turkey sent tents and blankets to Syria after the earthquake.", "TUR", "SYR"),
    ("China shipped 100,000 doses of its vaccine to Pakistan.", "CHN", "PAK"),
])
def test_relief_goods_sent_are_aid_whatever_amount_comes_first(coder, text, donor, receiver):
    aid = _event(coder, text, "AID")
    assert _countries(aid.actor) == [donor]
    assert _countries(aid.recipient) == [receiver]


def test_a_letter_sent_is_no_aid(coder):
    assert coding.categories(coder, "Kenyan students sent a letter to the president.") == []


@pytest.mark.parametrize("text", [
    "Thousands of people came together in Belgrade to demand the government's resignation.",
    "Opposition supporters flooded into the streets of Tbilisi.",
])
def test_crowds_that_come_together_or_pour_into_the_streets_protest(coder, text):
    assert coding.categories(coder, text) == ["PROTEST"]


def test_families_that_come_together_for_a_memorial_do_not_protest(coder):
    assert coding.categories(coder, "The families came together for a memorial in Kyiv.") == []


@pytest.mark.parametrize("text, parties", [
    ("Macron spoke by phone with Zelensky on Tuesday.", ["FRA", "UKR"]),
    ("Biden spoke on the phone with Xi Jinping.", ["CHN", "USA"]),
    ("The Kenyan president had a telephone conversation with his Ugandan counterpart.", ["KEN", "UGA"]),
])
def test_a_call_named_by_how_it_was_made_is_a_consultation(coder, text, parties):
    call = _event(coder, text, "CONSULT")
    assert call.mode == "phone"
    assert _countries(call.actor) == parties


def test_a_missile_test_fired_is_a_show_of_force_not_an_attack(coder):
    assert coding.categories(coder, "North Korea test-fired a ballistic missile on Tuesday.") == ["MOBILIZE"]
    assert coding.categories(coder, "Hamas fired rockets at Israel.") == ["ASSAULT"]


def test_a_pullout_named_by_a_noun_is_a_withdrawal(coder):
    pullout = _event(coder, "Ethiopia's pullout from the Tigray region began on Monday.", "RETREAT")
    assert _countries(pullout.actor) == ["ETH"]


@pytest.mark.parametrize("text", [
    "Ukraine's allies rallied behind Kyiv after the attack.",
    "Kenyan MPs rallied around the president.",
])
def test_rallying_behind_a_party_backs_it(coder, text):
    assert coding.categories(coder, text) == ["SUPPORT"]


def test_a_crowd_that_rallies_in_a_city_still_protests(coder):
    assert coding.categories(coder, "Thousands of Kenyans rallied in Nairobi against the new tax.") == ["PROTEST"]


@pytest.mark.parametrize("text", [
    "China staged military drills around Taiwan.",
    "Iran held naval exercises in the Strait of Hormuz.",
    "India conducted war games near the Pakistani border.",
    "NATO scrambled jets after Russian planes entered Estonian airspace.",
])
def test_exercises_of_one_side_and_scrambled_jets_are_mobilisation(coder, text):
    assert coding.categories(coder, text) == ["MOBILIZE"]


@pytest.mark.parametrize("text", [
    "Russia and China held joint military exercises in the Sea of Japan.",
    "The armies of Kenya and Uganda held joint war games near the border.",
])
def test_joint_exercises_are_cooperation(coder, text):
    assert coding.categories(coder, text) == ["COOPERATE"]


@pytest.mark.parametrize("text", [
    "The talks were an exercise in futility, the Kenyan minister said.",
    "Opposition parties scrambled to form a coalition in Kenya.",
])
def test_an_exercise_or_a_scramble_without_forces_is_no_mobilisation(coder, text):
    assert coding.categories(coder, text) == []


def test_declaring_oneself_not_ready_to_act_is_a_refusal(coder):
    text = "The British government said it was not prepared to risk a no-deal exit."
    refusal = _event(coder, text, "REJECT")
    assert refusal.aux == "asserted"
    assert _countries(refusal.actor) == ["GBR"]


def test_not_ready_to_comment_is_no_refusal(coder):
    assert coding.categories(coder, "The Kenyan ministry was not ready to comment on the report.") == []
