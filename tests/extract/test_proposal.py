"""The trained classifier proposes an event where the lexicon found none (extract/proposal.py),
and may relabel a lexicon reading (category.relabelled_category); both only as its policy allows."""

from dataclasses import replace

import pytest

from eventcoder.coder import Coder, CoderOptions
from eventcoder.extract.category import relabelled_category
from eventcoder.errors import ClassifierError
from eventcoder.extract.proposal import _judged_by_lexicon, proposed_candidates, reported_clause
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


def always(**settings) -> UsePolicy:
    return UsePolicy(propose_floor=0.0, **settings)


def candidates(nlp, lexicon, classifier, text: str, policy: UsePolicy, coded=frozenset()):
    sentence = nlp(text)[:]
    probabilities = classifier.predict_proba([text])[0]
    return proposed_candidates(sentence, lexicon, classifier.with_policy(policy), probabilities, frozenset(coded))


def test_an_actor_alone_is_enough_when_the_policy_says_so(nlp, lexicon, classifier):
    text = "Turkey slept through the night."  # a subject, no recipient
    assert candidates(nlp, lexicon, classifier, text, always()) == []
    for needed in ("actor", "either"):
        [candidate] = candidates(nlp, lexicon, classifier, text, always(propose_parties=needed))
        assert [t.text for t in candidate.actor_heads[0]] == ["Turkey"] and candidate.recipient_heads == []


def test_a_recipient_alone_is_enough_only_for_either(nlp, lexicon, classifier):
    text = "The votes were tallied slowly."  # an agentless passive: no actor
    assert candidates(nlp, lexicon, classifier, text, always()) == []
    assert candidates(nlp, lexicon, classifier, text, always(propose_parties="actor")) == []
    [candidate] = candidates(nlp, lexicon, classifier, text, always(propose_parties="either"))
    assert candidate.actor_heads == [] and [t.text for t in candidate.recipient_heads[0]] == ["votes"]


def test_an_unknown_party_rule_is_refused():
    with pytest.raises(ClassifierError, match="propose_parties"):
        UsePolicy(propose_parties="anyone")


def test_a_speech_root_reporting_no_clause_is_the_clause_when_allowed(nlp, lexicon, classifier):
    text = "Moscow announced new tariffs on Georgian wine."
    root = nlp(text)[:].root
    assert reported_clause(root, lexicon) is None
    assert reported_clause(root, lexicon, speech_root=True).text == "announced"
    assert candidates(nlp, lexicon, classifier, text, always()) == []
    [candidate] = candidates(nlp, lexicon, classifier, text, always(propose_speech_root=True))
    assert candidate.trigger.token.text == "announced"


def test_a_second_event_needs_its_own_floor_and_a_category_the_lexicon_missed(nlp, lexicon, classifier):
    best, probability = top(classifier, TARIFFS)
    other = next(name for name in classifier.categories if name != best)
    assert candidates(nlp, lexicon, classifier, TARIFFS, always(), coded={other}) == []  # no second_floor
    sure = always(second_floor=probability - 0.01)
    [candidate] = candidates(nlp, lexicon, classifier, TARIFFS, sure, coded={other})
    assert candidate.category == best
    assert candidates(nlp, lexicon, classifier, TARIFFS, sure, coded={best}) == []
    too_high = always(second_floor=probability + 0.01)
    assert candidates(nlp, lexicon, classifier, TARIFFS, too_high, coded={other}) == []


def test_the_lexicon_judgement_of_a_verb_is_overruled_only_above_its_floor(nlp, lexicon, classifier):
    text = "Egypt took the disputed island from Sudan."  # "take" is a trigger word; here it codes nothing
    assert _judged_by_lexicon(nlp(text)[:].root, lexicon)
    _, probability = top(classifier, text)
    assert candidates(nlp, lexicon, classifier, text, always()) == []
    assert candidates(nlp, lexicon, classifier, text, always(overrule_floor=probability + 0.01)) == []
    [candidate] = candidates(nlp, lexicon, classifier, text, always(overrule_floor=probability - 0.01))
    assert candidate.trigger.token.text == "took"


def test_a_reading_the_lexicon_dropped_is_not_overruled(nlp, lexicon, classifier):
    text = "Egypt took the disputed island from Sudan."
    own = {pattern.category for pattern in lexicon.candidates("take")}
    other = next(name for name in classifier.categories if name not in own)
    sentence, policy = nlp(text)[:], classifier.with_policy(always(overrule_floor=0.5))
    for category in sorted(own):
        sure = {name: 0.0 for name in classifier.categories} | {category: 0.9}
        assert proposed_candidates(sentence, lexicon, policy, sure) == []  # its own reading, dropped
    sure = {name: 0.0 for name in classifier.categories} | {other: 0.9}
    assert [c.category for c in proposed_candidates(sentence, lexicon, policy, sure)] == [other]


def test_the_coder_adds_a_second_event_beside_the_lexicon_ones(unfiltered, classifier):
    text = "Ankara slapped new tariffs on Greek steel, and Greek farmers protested in Athens."
    lexicon_only = [e.event for e in code(unfiltered, classifier.with_policy(UsePolicy()), text)]
    assert lexicon_only == ["PROTEST"]
    best, probability = top(classifier, text)
    assert best != "PROTEST"  # else the model agrees with the lexicon and nothing is added
    events = code(unfiltered, classifier.with_policy(UsePolicy(second_floor=probability - 0.01)), text)
    assert [(e.event, e.evidence.trigger.text) for e in events] == [("PROTEST", "protested"), (best, "slapped")]
