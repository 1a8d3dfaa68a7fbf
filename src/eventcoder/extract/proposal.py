"""Events the lexicon missed: the trained classifier proposes one for a silent sentence.

News names many events with words no trigger list holds ("Tokyo handed Seoul a note",
"Seoul slapped tariffs on Tokyo"). When a sentence gives no event from its triggers, but
its main clause has a subject and an object or prepositional argument, and the sentence
classifier is sure enough of one category (the model's `policy.propose_floor`), that
clause becomes one event of that category. Its parties are read from the clause as for
any verb trigger (parties.py), so a proposal with no nameable actor still gives nothing.
Reported speech ("Ankara said Seoul had slapped tariffs...") proposes the reported
clause, with the speaker as its source.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventcoder.extract.aux import read_modality
from eventcoder.extract.candidates import EventCandidate
from eventcoder.extract.party_heads import find_party_heads
from eventcoder.extract.triggers import Trigger, is_accident, shares_subject, told_of_an_accident
from eventcoder.knowledge.lexicon import Lexicon, TriggerPattern
from eventcoder.ontology import CATEGORY_GOVERNORS

SOURCE = "rule:classifier"
CLAUSE_POS = frozenset({"VERB", "AUX"})


def proposed_candidates(sentence: Span, lexicon: Lexicon, classifier, probabilities: dict[str, float],
                        coded: frozenset[str] = frozenset()) -> list[EventCandidate]:
    """At most one candidate: the main clause, coded as the classifier's top category.

    `coded` holds the categories of the events the lexicon found in the sentence: with
    none, the policy's `propose_floor` applies; with some, only a category none of them
    has is proposed, and only above the policy's `second_floor`."""
    floor = _floor(classifier, coded)
    if floor is None:
        return []
    policy = classifier.policy
    category, probability = classifier.top_category(probabilities)
    clause = reported_clause(sentence.root, lexicon, policy.propose_speech_root)
    if probability < floor or category in coded or clause is None:
        return []
    if _judged_by_lexicon(clause, lexicon) and not _overrules(clause, lexicon, category, probability, policy):
        return []
    if is_accident(clause) or told_of_an_accident(clause):
        return []  # "a ferry capsized off Senegal": an accident is no event of any category
    if not coded and any(_judged_by_lexicon(verb, lexicon) for verb in _continuations(clause)):
        return []  # "the plane crashed and struck a hangar", "a bus collided with a truck, killing
        # eleven": the lexicon judged the act the clause goes on to name
    pattern = TriggerPattern((clause.lemma_.lower(),), "VERB", category, "", frozenset(), SOURCE)
    candidate = EventCandidate(Trigger(clause, [pattern], [clause]), category, "",
                               modality=read_modality(clause, lexicon.governors))
    find_party_heads(candidate)
    return [candidate] if _names_parties(candidate, policy.propose_parties) else []


def _floor(classifier, coded: frozenset[str]) -> float | None:
    if classifier is None:
        return None
    return classifier.policy.second_floor if coded else classifier.policy.propose_floor


def _names_parties(candidate: EventCandidate, needed: str) -> bool:
    """The parties a proposal must have found ("both", "actor", or "either" of them)."""
    actor, recipient = bool(candidate.actor_heads), bool(candidate.recipient_heads)
    if needed == "actor":
        return actor
    if needed == "either":
        return actor or recipient
    return actor and recipient


def _judged_by_lexicon(clause: Token, lexicon: Lexicon) -> bool:
    """A verb the lexicon knows (a trigger, or a governor that names a category, such as
    "refuse") was judged already: when it gave no event ("declined to comment"), the
    classifier does not overrule that judgement."""
    lemma = clause.lemma_.lower()
    return bool(lexicon.candidates(lemma)) or lexicon.governors.get(lemma) in CATEGORY_GOVERNORS


def _continuations(clause: Token) -> list[Token]:
    """Verbs coordinated with the clause, and its participial tail ("..., killing eleven")."""
    return [c for c in clause.children if c.pos_ in CLAUSE_POS and shares_subject(c)]


def _overrules(clause: Token, lexicon: Lexicon, category: str, probability: float, policy) -> bool:
    """The model may code a verb the lexicon judged silent only when it is sure enough and
    reads it as a category the lexicon does not: when the lexicon's own reading was
    dropped ("was killed by his lions": no political actor), the drop was no matter of
    category and stands."""
    if policy.overrule_floor is None or probability < policy.overrule_floor:
        return False
    return category not in _lexicon_categories(clause, lexicon)


def _lexicon_categories(clause: Token, lexicon: Lexicon) -> set[str]:
    lemma = clause.lemma_.lower()
    return {pattern.category for pattern in lexicon.candidates(lemma)} | {lexicon.governors.get(lemma)}


def reported_clause(root: Token, lexicon: Lexicon, speech_root: bool = False) -> Token | None:
    """The clause that states the event: the root verb, or what a speech root reports.

    A speech root that reports no clause ("Moscow announced sanctions on Kyiv") is itself
    the clause when `speech_root` is set."""
    if root.pos_ not in CLAUSE_POS:
        return None
    if lexicon.governors.get(root.lemma_.lower()) != "speech":
        return root
    reported = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in CLAUSE_POS]
    if reported:
        return reported[0]
    return root if speech_root else None
