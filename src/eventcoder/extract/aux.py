"""Is it reported as fact, and by whom: every decision on PLOVER's auxiliary mode (`aux`)
and on attribution (`attributed_to`) lives here.

`read_modality` walks from a trigger up through the clauses that embed it. Modal verbs,
negation, conditional clauses and governors such as "plans to", "believes that" set the
aux; the first verb of saying sets the speaker (its subject), as does "according to X".
`speech_act_modality` gives an act of saying the mode of the saying; `settle_reframed`
asserts a promise, threat or refusal whose category came from how it was reported; and
`record_aux` adds "historical" once the event's date is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date

from spacy.tokens import Token

from eventcoder.ontology import CATEGORY_GOVERNORS

HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "ought"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
PURPOSE_MARKS = frozenset({"so", "order"})
CLIMB_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "prep", "dobj", "pobj", "attr",
                        "acomp", "oprd", "acl", "relcl", "appos", "dative"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "acomp", "pcomp", "acl"})
HISTORICAL_DAYS = 365
"""An asserted event dated more than this before publication is reported as history."""
RANK = {"asserted": 0, "historical": 1, "future": 2, "hypothetical": 3, "negated": 4}


@dataclass
class Modality:
    aux: str = "asserted"
    speaker: Token | None = None  # head of who said it
    speech_verb: Token | None = None
    belief: bool = False
    governor_category: str = ""  # "willing to", "ready to": the category the governor imposes
    modals: set[str] = field(default_factory=set)

    def raise_to(self, aux: str) -> None:
        if RANK[aux] > RANK[self.aux]:
            self.aux = aux


def _own_markers(verb: Token, modality: Modality) -> None:
    for child in verb.children:
        word = child.lower_
        if child.dep_ == "neg" or word in ("never", "no"):
            modality.raise_to("negated")
        elif child.dep_ == "aux" and word in HYPOTHETICAL_MODALS:
            modality.modals.add(word)
            modality.raise_to("hypothetical")
        elif child.dep_ == "aux" and word in FUTURE_MODALS:
            modality.raise_to("future")
        elif child.dep_ == "mark" and word in CONDITIONAL_MARKS:
            modality.modals.add(word)
            modality.raise_to("hypothetical")
    if verb.dep_ == "advcl" and any(c.lower_ in PURPOSE_MARKS for c in verb.children):
        modality.modals.add("purpose")
        modality.raise_to("hypothetical")  # "in order to counter China": a purpose, not an act
    if verb.dep_ == "advcl" and verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                          for c in verb.children):
        modality.modals.add("purpose")
        modality.raise_to("hypothetical")


def _governor_effect(token: Token, governors: dict[str, str]) -> str | None:
    lemma = token.lemma_.lower()
    if lemma == "be":
        # "Japan is aware that ...": the adjective carries the attitude.
        for child in token.children:
            if child.dep_ == "acomp" and child.lemma_.lower() in governors:
                return governors[child.lemma_.lower()]
    for child in token.children:
        if child.dep_ in ("prt", "prep") and f"{lemma} {child.lower_}" in governors:
            return governors[f"{lemma} {child.lower_}"]
    return governors.get(lemma)


def _speaker(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _speaker(verb.head)  # "Egypt promised ..., yet cautioned that": Egypt cautioned
    return None


def according_to(verb: Token) -> Token | None:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "according":
            for to in prep.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return obj
    return None


def speech_act_modality(modality: Modality) -> Modality:
    """For an event that is the act of saying: the mode of the saying, not of what was said."""
    if modality.speech_verb is None:
        return modality
    spoken = Modality(speaker=modality.speaker, speech_verb=modality.speech_verb)
    _own_markers(modality.speech_verb, spoken)
    return spoken


def read_modality(trigger: Token, governors: dict[str, str]) -> Modality:
    """The mode and speaker of the event named by `trigger`."""
    modality = Modality()
    token = trigger
    previous = ""
    clausal = True  # still on a chain of complements ("agreed to lift", "insists on aiding")
    relative = False  # above a relative clause, a governor's plan or wish is not its mode
    own_clause = False  # a conjunct with its own subject: the first conjunct's modal is not its mode
    for _ in range(12):
        if not own_clause:
            _own_markers(token, modality)
        own_clause = _own_conjunct(token)
        source = according_to(token)
        if source is not None and modality.speaker is None:
            modality.speaker = source
        if token.i != trigger.i:
            effect = _governor_effect(token, governors)
            if effect == "speech":
                modality.speaker = modality.speaker or _speaker(token)
                modality.speech_verb = token
                break
            if effect == "belief":
                modality.belief = True
                modality.raise_to("hypothetical")
                modality.speaker = modality.speaker or _speaker(token)
                break
            if effect in ("future", "hypothetical", "negated") and not relative:
                modality.raise_to(effect)
            if effect in CATEGORY_GOVERNORS and clausal and not modality.governor_category:
                modality.governor_category = effect
        if _is_aspect_subject(token, trigger, governors):
            token = token.head  # "talks hosted by Qatar will resume next week": future talks
            continue
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            _inverted_speech(token.sent.root, trigger, governors, modality)
            break
        clausal = clausal and (token.dep_ in COMPLEMENT_DEPS or token.dep_ == "prep" and previous == "pcomp")
        # "sent a plan for the march, which they rejected": a relative clause states its own
        # fact; the plan (or hope, or wish) of the clause above is not its mode.
        relative = relative or token.dep_ == "relcl"
        previous = token.dep_
        token = token.head
    _sequence_of_tenses(modality)
    return modality


def _own_conjunct(verb: Token) -> bool:
    """"said the forest should be opened, and his critics blame him": a verb coordinated with
    another and with a subject of its own is a clause of its own; the "should" or "not" of the
    verb it is coordinated with says nothing of it (a verb of saying above both still does)."""
    return verb.dep_ == "conj" and verb.pos_ in ("VERB", "AUX") and \
        any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _is_aspect_subject(token: Token, trigger: Token, governors: dict[str, str]) -> bool:
    """An event noun that is the subject of a verb of aspect ("the talks will resume",
    "the offensive could begin") takes that verb's mode."""
    return token.i == trigger.i and token.dep_ in ("nsubj", "nsubjpass") and \
        governors.get(token.head.lemma_.lower()) == "transparent"


def _sequence_of_tenses(modality: Modality) -> None:
    # "Iraq said it would allow inspectors back": in reported speech "would" is the
    # future seen from the past, not a hypothetical.
    if modality.speech_verb is not None and modality.aux == "hypothetical" and modality.modals == {"would"} \
            and not modality.belief:
        modality.aux = "future"


def _inverted_speech(root: Token, trigger: Token, governors: dict[str, str], modality: Modality) -> None:
    """'X attacked Y, officials said' and 'Experts analyzed: "..."' hang the verb of saying
    below the clause it reports."""
    if modality.speech_verb is not None or modality.belief:
        return
    for child in root.children:
        if child.dep_ not in ("ccomp", "parataxis") or child.i == trigger.i:
            continue
        effect = _governor_effect(child, governors)
        if effect in ("speech", "belief") and _speaker(child) is not None:
            modality.speaker = modality.speaker or _speaker(child)
            modality.speech_verb = child
            if effect == "belief":
                modality.belief = True
                modality.raise_to("hypothetical")
            return


def settle_reframed(modality: Modality) -> None:
    """"Iran will not accept refugees" coded as a REJECT, "vowed to retaliate" as a
    THREATEN: the refusal or threat itself was made, so it is asserted (unless it is only
    somebody's belief)."""
    if modality.aux in ("future", "hypothetical", "negated") and not modality.belief:
        modality.aux = "asserted"


def record_aux(modality: Modality, event_date: str | None, date_source: str, pub_date: str | None) -> str:
    """The record's aux: the sentence's reading, or "historical" for an asserted event
    the text dates more than HISTORICAL_DAYS before publication."""
    aux = modality.aux
    if aux == "asserted" and date_source == "text" and event_date and pub_date:
        age = Date.fromisoformat(pub_date) - Date.fromisoformat(event_date)
        if age.days > HISTORICAL_DAYS:
            return "historical"
    return aux
