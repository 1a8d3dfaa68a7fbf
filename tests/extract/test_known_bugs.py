"""Four coding bugs found by the session-5 helpers (issue 14): a negated readiness, a deed
named inside another event, criticism with no critic, and a protest whose place phrase the
parser reads as an object. Sentences written for these tests, never taken from a gold or
dev file."""

import pytest

import coding

pytestmark = pytest.mark.model


def _only(coder, text, category):
    found = [e for e in coding.events(coder, text) if e.event == category]
    assert len(found) == 1, coding.categories(coder, text)
    return found[0]


@pytest.mark.parametrize("text", [
    "Israel is not willing to negotiate with Hamas.",
    "The junta was not prepared to meet the envoys.",
    "Colombia is not ready to resume talks with the rebels.",
])
def test_a_negated_readiness_to_cooperate_is_a_refusal(coder, text):
    assert "AGREE" not in coding.categories(coder, text)
    refusal = _only(coder, text, "REJECT")
    assert refusal.aux == "asserted"


def test_readiness_without_negation_stays_an_agreement(coder):
    assert "AGREE" in coding.categories(coder, "Israel is willing to negotiate with Hamas.")


@pytest.mark.parametrize("text, investigators", [
    ("Police opened an investigation into the killing of the journalist.", "Police"),
    ("Prosecutors launched an inquiry into the bombing of the embassy.", "Prosecutors"),
])
def test_a_deed_under_investigation_is_not_done_by_the_investigators(coder, text, investigators):
    for event in coding.events(coder, text):
        if event.event == "ASSAULT":
            assert investigators not in [a.text for a in event.actor]
    assert investigators in [a.text for a in _only(coder, text, "ACCUSE").actor]


def test_a_deed_the_doer_carries_out_keeps_its_doer(coder):
    attack = _only(coder, "The rebels carried out an attack on the convoy.", "ASSAULT")
    assert [a.text for a in attack.actor] == ["rebels"]


def test_criticism_with_no_critic_named_is_kept_without_an_actor(coder):
    criticism = _only(coder, "The finance minister came under fire for the loan deal.", "ACCUSE")
    assert criticism.actor == []
    assert [r.text for r in criticism.recipient] == ["finance minister"]


def test_free_of_charge_is_a_price_not_an_accusation(coder):
    text = "The clinic made the vaccine free of charge for pensioners."
    assert "ACCUSE" not in coding.categories(coder, text)


@pytest.mark.parametrize("text", [
    "Protesters rallied outside parliament.",
    "Students demonstrated outside Congress on Tuesday.",
])
def test_a_place_phrase_read_as_an_object_does_not_block_a_protest(coder, text):
    assert "PROTEST" in coding.categories(coder, text)


def test_a_real_adjective_before_the_object_still_counts_as_an_object(coder):
    # "rally" with an object is gathering support, no demonstration
    assert "PROTEST" not in coding.categories(coder, "The party rallied outside donors behind its candidate.")
