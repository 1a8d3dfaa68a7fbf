"""The trained classifier proposes an event where the lexicon found none (extract/proposal.py),
and may relabel a lexicon reading (category.relabelled_category); both only as its policy allows."""

from dataclasses import replace

import pytest

from eventcoder.coder import Coder, CoderOptions
from eventcoder.extract.category import relabelled_category
from eventcoder.extract.proposal import proposed_candidates, reported_clause
from eventcoder.knowledge.classifier import EventClassifier, UsePolicy

pytestmark = pytest.mark.model

# "slap tariffs on" is in no trigger list: only a proposal can code it.
TARIFFS = "Turkey slapped new tariffs on Greek steel on Monday."


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier.load()


@pytest.fixture(scope="module")
def unfiltered():
    # The pre-parse filter skips sentences without a trigger word; proposals need the parse.
    return Coder(CoderOptions(prefilter=False))


def code(coder: Coder, classifier: EventClassifier, text: str):
    coder.resources = replace(coder.resources, classifier=classifier)
    return coder.code_text(text, pub_date="2024-03-04")


def top(classifier: EventClassifier, text: str) -> tuple[str, float]:
    return classifier.top_category(classifier.predict_proba([text])[0])


def test_a_silent_sentence_becomes_one_event_of_the_top_category(unfiltered, classifier):
    events = code(unfiltered, classifier.with_policy(UsePolicy(propose_floor=0.0)), TARIFFS)
    assert len(events) == 1
    event = events[0]
    assert event.event == top(classifier, TARIFFS)[0]
    assert event.evidence.trigger.text == "slapped"
    assert [a.country for a in event.actor] == ["TUR"] and [r.country for r in event.recipient] == ["GRC"]


def test_no_proposal_below_the_floor_or_without_a_policy(unfiltered, classifier):
    _, probability = top(classifier, TARIFFS)
    assert code(unfiltered, classifier.with_policy(UsePolicy(propose_floor=probability + 0.01)), TARIFFS) == []
    assert code(unfiltered, classifier.with_policy(UsePolicy()), TARIFFS) == []
    assert code(unfiltered, None, TARIFFS) == []


def test_reported_speech_proposes_the_reported_clause(unfiltered, classifier, nlp, lexicon):
    text = "Officials in Athens said Turkey had slapped new tariffs on Greek steel."
    assert reported_clause(nlp(text)[:].root, lexicon).text == "slapped"
    events = code(unfiltered, classifier.with_policy(UsePolicy(propose_floor=0.0)), text)
    assert [e.evidence.trigger.text for e in events] == ["slapped"]
    assert events[0].attributed_to is not None and events[0].attributed_to.text == "Officials"


def test_a_clause_without_a_recipient_proposes_nothing(nlp, lexicon, classifier):
    sentence = nlp("Turkey slept through the night.")[:]
    probabilities = classifier.predict_proba([sentence.text])[0]
    assert proposed_candidates(sentence, lexicon, classifier.with_policy(UsePolicy(propose_floor=0.0)),
                               probabilities) == []


def test_a_lexicon_event_leaves_no_room_for_a_proposal(unfiltered, classifier):
    text = "Kenyan troops stormed a camp of the Somali militia."
    events = code(unfiltered, classifier.with_policy(UsePolicy(propose_floor=0.0)), text)
    assert [(e.event, e.evidence.trigger.text) for e in events] == [("ASSAULT", "stormed")]


ATTACK = "Rebels attacked an army base with mortars, killing four soldiers."


def test_relabelling_needs_a_policy_a_floor_and_a_margin(classifier):
    probabilities = classifier.predict_proba([ATTACK])[0]
    best, probability = classifier.top_category(probabilities)
    other = min(probabilities, key=probabilities.get)  # a lexicon reading the model finds unlikely
    assert relabelled_category(other, probabilities, classifier.with_policy(UsePolicy())) == other
    sure = classifier.with_policy(UsePolicy(relabel_floor=probability - 0.01))
    assert relabelled_category(other, probabilities, sure) == best
    too_high = classifier.with_policy(UsePolicy(relabel_floor=probability + 0.01))
    assert relabelled_category(other, probabilities, too_high) == other
    no_margin = classifier.with_policy(UsePolicy(relabel_floor=0.0, relabel_margin=1.0))
    assert relabelled_category(other, probabilities, no_margin) == other


def test_concede_and_retreat_are_not_relabelled_into_each_other(classifier):
    probabilities = {name: 0.0 for name in classifier.categories} | {"CONCEDE": 0.9, "RETREAT": 0.1}
    always = classifier.with_policy(UsePolicy(relabel_floor=0.0))
    assert relabelled_category("RETREAT", probabilities, always) == "RETREAT"
    assert relabelled_category("ACCUSE", probabilities, always) == "CONCEDE"
