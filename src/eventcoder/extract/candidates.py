"""From triggers to events: one event per predicate, with its actor and recipient heads.

Decides which triggers stand as events (a noun that is the object of "condemned" is the
content of the condemnation, not a second event; "agreed to provide aid" is one AGREE),
applies the lexicon flags (speech, reciprocal, guest), and reads the mode and speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventcoder.extract import arguments
from eventcoder.knowledge.lexicon import Lexicon, TriggerPattern
from eventcoder.extract.aux import Modality, read_modality, speech_act_modality
from eventcoder.extract.triggers import Trigger, find_triggers

EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "pobj", "acl", "attr", "compound"})
CATEGORY_GOVERNORS = frozenset({"AGREE", "REJECT", "THREATEN", "REQUEST"})
COOPERATIVE_FUTURE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
# Announced conflictual acts are threats (PLOVER THREATEN: "threaten to boycott, impose a
# curfew, blockade..."), as announced cooperation is AGREE.
CONFLICT_FUTURE = frozenset({"REJECT", "SANCTION", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
OBLIGATION_MODALS = frozenset({"must", "should"})
ADJUNCT_PREPS = frozenset({"despite", "amid", "after", "before", "during", "since", "following",
                           "until", "because", "as", "while", "like", "unlike"})
# Verbs that undo what their object names: agreeing to "postpone the demonstration" is a
# concession, not a threat.
REVERSALS = frozenset({"postpone", "delay", "cancel", "end", "stop", "halt", "suspend", "abandon",
                       "lift", "call", "drop", "withdraw", "scrap", "defer"})
BACKGROUND_PREPS = frozenset({"after", "following", "since", "before", "amid"})
NOT_EVENTS = frozenset({"if", "unless", "whether", "purpose"})


@dataclass
class EventCandidate:
    trigger: Trigger
    category: str
    mode: str
    actor_heads: list[list[Token]] = field(default_factory=list)  # groups, best first
    recipient_heads: list[list[Token]] = field(default_factory=list)
    modality: Modality = field(default_factory=Modality)
    content: Trigger | None = None
    alternatives: list[TriggerPattern] = field(default_factory=list)


def _embedding_trigger(trigger: Trigger, by_token: dict[int, Trigger]) -> Trigger | None:
    """The trigger that takes this one as its content ("condemned the attack", "agreed to aid")."""
    token = trigger.token
    for _ in range(3):
        if token.dep_ not in EMBEDDING_DEPS and token.dep_ != "prep" or token.head.i == token.i:
            return None
        if token.dep_ == "prep" and token.lower_ in ADJUNCT_PREPS:
            return None  # "despite Russia's opposition, Japan ...": a second event, not content
        token = arguments.clause_head(token) if token.dep_ == "pcomp" else token.head
        if token.i in by_token and by_token[token.i] is not trigger:
            return by_token[token.i]
        noun = _governing_object(token, by_token)
        if noun is not None and noun is not trigger:
            return noun  # "reiterated its demand that Israel ease restrictions"
    return None


def _governing_object(verb: Token, by_token: dict[int, Trigger]) -> Trigger | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and child.i in by_token and \
                by_token[child.i].pattern.category in CATEGORY_GOVERNORS:
            return by_token[child.i]
    return None


def _is_description(trigger: Trigger, lexicon: Lexicon) -> bool:
    token = trigger.token
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "attr") and \
        token.head.lemma_.lower() in lexicon.descriptions


def standing_triggers(sentence: Span, lexicon: Lexicon) -> list[tuple[Trigger, Trigger | None]]:
    """(trigger, content trigger it governs or None) for each trigger that names an event."""
    triggers = [t for t in find_triggers(sentence, lexicon) if not _is_description(t, lexicon)]
    covered = {tok.i for t in triggers for tok in t.tokens if tok.i != t.token.i}
    triggers = [t for t in triggers if t.token.i not in covered]
    by_token = {t.token.i: t for t in triggers}
    contents: dict[int, Trigger] = {}
    standing = []
    for trigger in triggers:
        outer = _embedding_trigger(trigger, by_token)
        if outer is not None and lexicon.governors.get(outer.token.lemma_.lower()) != "speech":
            contents.setdefault(outer.token.i, trigger)
            continue
        standing.append(trigger)
    return [(t, contents.get(t.token.i)) for t in standing]


def _heads_for(candidate: EventCandidate) -> None:
    token, pattern = candidate.trigger.token, candidate.trigger.pattern
    if token.pos_ == "VERB":
        actors = [arguments.verb_subjects(token)]
        pattern_preps = [t for t in candidate.trigger.tokens if t.dep_ == "prep"]
        recipients = [[o for p in pattern_preps for o in p.children if o.dep_ == "pobj"]]
        recipients += arguments.verb_recipient_groups(token)
    else:
        actors, recipients = arguments.noun_actor_groups(token), arguments.noun_recipient_groups(token)
    if candidate.content is not None:
        recipients = recipients + _content_recipients(candidate.content.token)
    recipients = [g for g in recipients if g]
    if pattern.has("guest"):
        actors, recipients = recipients[:1], actors
    if pattern.has("speech"):
        recipients = [arguments.speech_content_subject(token)] + recipients
        actors = [[candidate.modality.speaker]] if candidate.modality.speaker is not None else []
    inside = {t.i for t in candidate.trigger.tokens}  # "hunger" in "hunger strike" is no actor
    candidate.actor_heads = [h for h in (_expand(g, inside) for g in actors) if h]
    candidate.recipient_heads = [h for h in (_expand(g, inside) for g in recipients) if h]


def _content_recipients(content: Token) -> list[list[Token]]:
    """Whom a demand, refusal or promise concerns: "demanded that the US cancel" -> the US."""
    if content.pos_ != "VERB":
        return arguments.noun_recipient_groups(content)
    own_subject = arguments.children(content, arguments.SUBJECT_DEPS)
    if content.dep_ == "ccomp" and own_subject:
        return [own_subject]
    return arguments.verb_recipient_groups(content)


def _expand(heads: list[Token], exclude: set[int]) -> list[Token]:
    """The heads and the words coordinated with them ("Israel and Lebanon")."""
    found: dict[int, Token] = {}
    for head in heads:
        for token in arguments.conjuncts(head):
            if token.i not in exclude:
                found.setdefault(token.i, token)
    return list(found.values())


def _category(trigger: Trigger, content: Trigger | None, governors: dict[str, str]) -> tuple[str, str]:
    pattern = trigger.pattern
    effect = governors.get(trigger.token.lemma_.lower())
    if content is not None and effect in CATEGORY_GOVERNORS:
        if effect == "AGREE" and content.pattern.category not in COOPERATIVE \
                and content.token.head.lemma_.lower() not in REVERSALS:
            return "THREATEN", ""  # "vowed to retaliate"
        return effect, content.pattern.mode if effect == "REJECT" else ""
    return pattern.category, pattern.mode


def _valency_fits(pattern: TriggerPattern, token: Token) -> bool:
    """"demonstrated its resolve" is no demonstration; "the negotiators returned" no release;
    "China protested the visit" is an accusation, "thousands protested" a protest."""
    has_object = bool(arguments.children(token, arguments.OBJECT_DEPS))
    if pattern.has("intransitive"):
        return not has_object
    if pattern.has("transitive"):
        return has_object or arguments.is_passive(token)
    return True


def _is_background(token: Token) -> bool:
    """"one day after a Serbian jet shot down a helicopter", "following the invasion": the
    background of the reported event, reported as news in its own day."""
    if token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS:
        return True
    if token.dep_ == "pobj" and token.head.head.lower_ in ("because", "response", "wake"):
        return True
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_PREPS for c in token.children)


def _has_ultimatum(token: Token) -> bool:
    """"will withdraw its force unless the president holds elections": an ultimatum."""
    return any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in token.children)


def _reframe(category: str, modality: Modality, token: Token) -> str:
    """Category changes that come from how the act is reported, not from its verb."""
    governed = modality.governor_category
    if governed == "AGREE":
        return "AGREE" if category in COOPERATIVE else "THREATEN"
    if governed in ("REJECT", "THREATEN", "REQUEST"):
        return governed
    if _has_ultimatum(token):
        return "THREATEN"
    if category in COOPERATIVE and modality.aux == "negated" and not modality.belief:
        return "REJECT"  # "will not accept refugees", "would not meet their demands": a refusal
    if category in COOPERATIVE_FUTURE and modality.aux == "future":
        return "AGREE"  # PLOVER: future cooperation is AGREE
    if category in CONFLICT_FUTURE and modality.aux == "future":
        return "THREATEN"
    return category


def extract_candidates(sentence: Span, lexicon: Lexicon) -> list[EventCandidate]:
    """Every event the sentence states, with argument heads, mode and speaker."""
    candidates = []
    for trigger, content in standing_triggers(sentence, lexicon):
        modality = read_modality(trigger.token, lexicon.governors)
        if trigger.pattern.has("speech"):
            if modality.speech_verb is None:
                continue
            modality = speech_act_modality(modality)
        trigger.patterns = [p for p in trigger.patterns if _valency_fits(p, trigger.token)]
        if not trigger.patterns:
            continue
        if trigger.pattern.has("arg") and trigger.token.pos_ != "VERB" and not arguments.has_argument(trigger.token):
            continue
        if modality.modals & NOT_EVENTS:
            continue  # "unless Israel rescinds ...", "to demand reforms": conditions and purposes
        if _is_background(trigger.token):
            continue
        category, mode = _category(trigger, content, lexicon.governors)
        reframed = _reframe(category, modality, trigger.token)
        if reframed != category:
            category, mode = reframed, ""
            if modality.aux in ("future", "hypothetical", "negated") and not modality.belief:
                modality.aux = "asserted"  # the promise, threat or refusal itself was made
        candidate = EventCandidate(trigger, category, mode, modality=modality, content=content,
                                   alternatives=trigger.patterns[1:])
        _heads_for(candidate)
        candidates.append(_as_demand(candidate))
    taken = {c.trigger.token.i for c in candidates} | {_clause_of(c.trigger.token).i for c in candidates}
    taken |= {t.head.i for c in candidates for t in [c.trigger.token] if t.dep_ == "xcomp"}
    return candidates + obligation_candidates(sentence, lexicon, taken) + \
        readiness_candidates(sentence, lexicon, taken)


def _clause_of(token: Token) -> Token:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


OBLIGATION = TriggerPattern(("must",), "VERB", "REQUEST", "", frozenset(), "rule:obligation")


def obligation_candidates(sentence: Span, lexicon: Lexicon, taken: set[int]) -> list[EventCandidate]:
    """"The Bush administration declared that China must drop barriers": saying that someone
    else must or should act is a demand on them, whatever the verb of the content."""
    found = []
    for verb in sentence:
        if verb.i in taken or verb.dep_ != "ccomp" or lexicon.governors.get(verb.head.lemma_.lower()) != "speech":
            continue
        modal = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS), None)
        subject = arguments.children(verb, arguments.SUBJECT_DEPS)
        speaker = arguments.children(verb.head, arguments.SUBJECT_DEPS)
        if modal is None or not subject or not speaker:
            continue
        modality = speech_act_modality(read_modality(verb, lexicon.governors))
        trigger = Trigger(verb, [OBLIGATION], [modal, verb])
        found.append(EventCandidate(trigger, "REQUEST", "", [speaker], [subject], modality))
    return found


READINESS = TriggerPattern(("willing",), "ANY", "AGREE", "", frozenset(), "rule:readiness")


def readiness_candidates(sentence: Span, lexicon: Lexicon, taken: set[int]) -> list[EventCandidate]:
    """"France is ready to contribute 4,000 troops to the force in Liberia": declaring oneself
    willing or ready to act is an AGREE, whatever the verb of the act (PLOVER: "indicate
    willingness ... to cooperate")."""
    found = []
    for word in sentence:
        if word.i in taken or lexicon.governors.get(word.lemma_.lower()) != "AGREE" or word.pos_ != "ADJ":
            continue
        act = next((c for c in word.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if act is None or act.i in taken:
            continue
        modality = read_modality(word, lexicon.governors)
        if modality.modals & NOT_EVENTS or modality.aux == "negated":
            continue
        trigger = Trigger(word, [READINESS], [word])
        actors = [arguments.verb_subjects(word)]
        recipients = arguments.complement_recipient_groups(word)
        found.append(EventCandidate(trigger, "AGREE", "", [g for g in actors if g], recipients, modality))
    return found


def _as_demand(candidate: EventCandidate) -> EventCandidate:
    """"Russia said Sudan must return the helicopter": a demand by the speaker on Sudan."""
    modality = candidate.modality
    if modality.speaker is None or modality.belief or not (modality.modals & OBLIGATION_MODALS):
        return candidate
    heads = [h for group in candidate.actor_heads for h in group]
    if any(h.i == modality.speaker.i for h in heads) or not heads:
        return candidate
    demand = EventCandidate(candidate.trigger, "REQUEST", "", [[modality.speaker]], candidate.actor_heads,
                            speech_act_modality(modality), candidate.content)
    return demand
