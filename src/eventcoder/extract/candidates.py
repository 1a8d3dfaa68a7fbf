"""From triggers to event candidates: which words in a sentence name an event.

A trigger stands as an event unless it is the content of another ("condemned the
attack": the attack is what was condemned; "agreed to provide aid" is one AGREE), a
description ("poses a threat"), a condition or purpose ("unless Israel rescinds"), or the
background of the reported event ("after the invasion"), a reading that needs a negation
without one ("permit" in "will not permit"), or a refusal to comment. Rules add events
that no single trigger names: a demand that someone "must" act, and readiness to act.

Each candidate then takes its category from category.py, its aux and speaker from
aux.py, and its argument heads from party_heads.py; this module only finds the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from eventcoder.extract import arguments, party_heads, punishment
from eventcoder.extract.actors import SUBJECT_PRONOUNS, THIRD_PERSON_SUBJECTS
from eventcoder.extract.aux import Modality, read_modality, settle_reframed, speech_act_modality
from eventcoder.extract.category import companion_category, decide_category, fitting_patterns, is_directive
from eventcoder.extract.triggers import Trigger, find_triggers
from eventcoder.knowledge.lexicon import Lexicon, TriggerPattern
from eventcoder.knowledge.words import word_set
from eventcoder.ontology import CATEGORY_GOVERNORS

EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "pobj", "acl", "attr", "compound"})
OBLIGATION_MODALS = frozenset({"must", "should"})
# "needs to withdraw": an obligation like "must" ("has to" is left out: "have" is in too many
# sentences for the pre-parse filter, nlp/prefilter.py, to pass every one with a speech verb)
NEED_VERBS = frozenset({"need"})
# Verbs of saying whose bare-verb clause is a demand ("insisted that Japan withdraw")
MANDATIVE_VERBS = frozenset({"insist", "demand", "urge", "ask", "request", "recommend", "propose", "suggest"})
ADJUNCT_PREPS = word_set("adjunct_preps")
BACKGROUND_PREPS = word_set("background_preps")
NOT_EVENTS = frozenset({"if", "unless", "whether", "purpose"})
# "it", "he", "she" take a singular verb: the word list's pronouns for one person or one body
SINGULAR_SUBJECTS = frozenset(p for p in THIRD_PERSON_SUBJECTS if SUBJECT_PRONOUNS[p] in ("person", "body"))
# Verbs that state a deed happened while reporting it as an allegation or an admission
# ("alleged that police beat the protesters", "confessed to killing his sister")
STATING_DEEDS = frozenset({"allege", "confess", "admit"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE"})


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


def _directs(trigger: Trigger) -> bool:
    """"told Japan to release": the act told is the directive's content, not a report of it."""
    return trigger.pattern.has("directive") and is_directive(trigger.token)


def _embeds(outer: Trigger, lexicon: Lexicon) -> bool:
    """Whether the trigger's event is the content of `outer`: not of a verb of saying, which
    reports it ("said Japan released"), nor of a directive with no addressee ("Iran wants to
    negotiate": an aim, the negotiation stands), only of one that tells someone to act."""
    if outer.pattern.has("directive"):
        return _directs(outer)
    return lexicon.governors.get(outer.token.lemma_.lower()) != "speech"


def _is_description(trigger: Trigger, lexicon: Lexicon) -> bool:
    token = trigger.token
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "attr") and \
        token.head.lemma_.lower() in lexicon.descriptions


def standing_triggers(sentence: Span, lexicon: Lexicon) -> list[tuple[Trigger, Trigger | None]]:
    """(trigger, content trigger it governs or None) for each trigger that names an event."""
    triggers = [t for t in find_triggers(sentence, lexicon) if not _is_description(t, lexicon)]
    covered = {tok.i for t in triggers for tok in t.tokens if tok.i != t.token.i}
    triggers = [t for t in triggers if t.token.i not in covered]
    by_token = {t.token.i: t for t in triggers if not _bare_event_noun(t)}
    contents: dict[int, Trigger] = {}
    standing = []
    for trigger in triggers:
        outer = None if _bare_event_noun(trigger) else _embedding_trigger(trigger, by_token)
        if outer is not None and _embeds(outer, lexicon):
            contents.setdefault(outer.token.i, trigger)
            if not is_blamed_act(outer, trigger):
                continue
        standing.append(trigger)
    return [(t, contents.get(t.token.i)) for t in standing]


def is_blamed_act(outer: Trigger, trigger: Trigger) -> bool:
    """"The US blamed Iran for the attack", "attributed the bombing to Houthi rebels": the act
    blamed is reported as having happened, so it is an event of its own (done by the one
    blamed, see party_heads._blamed_doer), besides the accusation. So is the deed someone is punished
    for ("sentenced to life for the assassination of": punishment.py)."""
    lemma = outer.token.lemma_.lower()
    category = trigger.pattern.category
    return lemma in party_heads.BLAMING | STATING_DEEDS and category in MATERIAL_CONFLICT or \
        punishment.is_punished_deed(lemma, category)


def _bare_event_noun(trigger: Trigger) -> bool:
    """"agree a solution with the opposition": a noun that needs an argument and has none
    names a party or a thing here, not an event, so it is no other trigger's content."""
    token = trigger.token
    return trigger.pattern.has("arg") and token.pos_ != "VERB" and not arguments.has_argument(token)


def _is_background(token: Token) -> bool:
    """"one day after a Serbian jet shot down a helicopter", "following the invasion": the
    background of the reported event, reported as news in its own day."""
    if token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS:
        return True
    if token.dep_ == "pobj" and token.head.head.lower_ in ("because", "response", "wake"):
        return True
    if token.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
    if "before" in marks and any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children):
        return True  # "must disarm before it can receive aid": a condition, not a later event
    return bool(marks & BACKGROUND_PREPS)


def _names_event(trigger: Trigger, modality: Modality) -> bool:
    """False for an event noun with no argument ("the opposition"), a condition or purpose
    ("unless Israel rescinds ...", "to demand reforms") and a background event."""
    if _bare_event_noun(trigger):
        return False
    if modality.modals & NOT_EVENTS:
        return False
    return not _is_background(trigger.token)


def _not_reciprocal(pattern: TriggerPattern) -> TriggerPattern:
    """"Israel will not negotiate with Hamas" is Israel's refusal aimed at Hamas: a meeting
    refused, promised or threatened has a recipient, unlike the meeting itself."""
    return replace(pattern, flags=pattern.flags - {"reciprocal"}) if pattern.has("reciprocal") else pattern


def _declines_to_speak(token: Token, governors: dict[str, str]) -> bool:
    """"The ministry declined to comment", "refused to say whether": withholding a comment
    from the press is no refusal between parties."""
    if governors.get(token.lemma_.lower()) != "REJECT":
        return False
    return any(c.dep_ == "xcomp" and governors.get(c.lemma_.lower()) == "speech" for c in token.children)


def extract_candidates(sentence: Span, lexicon: Lexicon) -> list[EventCandidate]:
    """Every event the sentence states, with argument heads, mode and speaker."""
    candidates = []
    for trigger, content in standing_triggers(sentence, lexicon):
        modality = read_modality(trigger.token, lexicon.governors)
        if trigger.pattern.has("speech"):
            if modality.speech_verb is None:
                continue
            modality = speech_act_modality(modality)
        trigger.patterns = _readings(trigger, modality)
        if not trigger.patterns or not _names_event(trigger, modality) or \
                _declines_to_speak(trigger.token, lexicon.governors):
            continue
        category, mode, reframed = decide_category(trigger, content, modality, lexicon.governors)
        if reframed:
            settle_reframed(modality)
            trigger.patterns = [_not_reciprocal(p) for p in trigger.patterns]
        candidate = EventCandidate(trigger, category, mode, modality=modality, content=content,
                                   alternatives=trigger.patterns[1:])
        party_heads.find_party_heads(candidate)
        candidates += _with_companion(_as_demand(party_heads.rearrange_parties(candidate)))
    candidates = party_heads.deeds_inside_events(party_heads.answered_by_the_addressed(candidates))
    taken = {c.trigger.token.i for c in candidates} | {arguments.clause_of(c.trigger.token).i for c in candidates}
    taken |= {t.head.i for c in candidates for t in [c.trigger.token] if t.dep_ == "xcomp"}
    taken |= {_reported_clause(c).i for c in candidates if c.category == "REQUEST"}
    return candidates + obligation_candidates(sentence, lexicon, taken) + \
        readiness_candidates(sentence, lexicon, taken)


def _with_companion(candidate: EventCandidate) -> list[EventCandidate]:
    """The candidate, and a second record when PLOVER gives the same act two categories
    ("sentenced to ten years in prison": SANCTION convict and COERCE arrest)."""
    companion = companion_category(candidate.trigger, candidate.category)
    if companion is None or candidate.category != candidate.trigger.pattern.category:
        return [candidate]
    category, mode = companion
    return [candidate, replace(candidate, category=category, mode=mode, alternatives=[])]


def _readings(trigger: Trigger, modality: Modality) -> list[TriggerPattern]:
    """The trigger's fitting readings; a `negated` reading ("will not permit") only under
    negation, and then the refusal itself is asserted."""
    readings = [p for p in fitting_patterns(trigger) if not p.has("negated") or modality.aux == "negated"]
    if readings and readings[0].has("negated"):
        settle_reframed(modality)
    return readings


OBLIGATION = TriggerPattern(("must",), "VERB", "REQUEST", "", frozenset(), "rule:obligation")


def obligation_candidates(sentence: Span, lexicon: Lexicon, taken: set[int]) -> list[EventCandidate]:
    """"The Bush administration declared that China must drop barriers": saying that someone
    else must, should or needs to act is a demand on them, whatever the verb of the
    content; so is insisting that they act ("insists that Japan withdraw": a subjunctive)."""
    found = []
    for verb in sentence:
        speech_verb = _saying_verb(verb, lexicon)
        if verb.i in taken or speech_verb is None:
            continue
        modal = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS), None)
        subject = arguments.children(verb, arguments.SUBJECT_DEPS | arguments.PASSIVE_SUBJECT_DEPS)
        # also of a coordinated verb ("cited ... and said") and of a message ("a statement which said")
        speaker = party_heads.message_author(arguments.verb_subjects(speech_verb))
        if (modal is None and not _subjunctive(verb) and _needed_act(verb) is None) or not subject or not speaker \
                or party_heads.first_person(subject, speaker[0]):
            continue  # '"we still need to fight for ...," she said': one's own duty is no demand
        modality = speech_act_modality(read_modality(verb, lexicon.governors))
        trigger = _obligation_trigger(verb, modal)
        found.append(EventCandidate(trigger, "REQUEST", "", [speaker], [subject], modality))
    return found


def _saying_verb(verb: Token, lexicon: Lexicon) -> Token | None:
    """The verb of saying whose content clause the verb is, also as the second of two
    coordinated clauses ("said the shrine matters to all and its status must be kept")."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or lexicon.governors.get(clause.head.lemma_.lower()) != "speech":
        return None
    return clause.head


def _obligation_trigger(verb: Token, modal: Token | None) -> Trigger:
    """The words of the obligation: "must drop", "needs to withdraw", or the subjunctive verb."""
    if modal is not None:
        return Trigger(verb, [OBLIGATION], [modal, verb])
    act = _needed_act(verb)
    return Trigger(act, [OBLIGATION], [verb, act]) if act is not None else Trigger(verb, [OBLIGATION], [verb])


def _needed_act(verb: Token) -> Token | None:
    """"Uganda needs to withdraw", "they need to stand by us": the act a party is said to need
    to do, an obligation like "must"."""
    if verb.lemma_.lower() not in NEED_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _subjunctive(verb: Token) -> bool:
    """"The president insists that the budget include funding for the wall": after a verb of
    demanding, a bare verb with no auxiliary (with a singular subject: "include", not
    "includes") is a mandative subjunctive, what the speaker demands."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in MANDATIVE_VERBS or \
            any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    singular = any(s.tag_ in ("NN", "NNP") or s.lower_ in SINGULAR_SUBJECTS
                   for s in arguments.children(verb, arguments.SUBJECT_DEPS))
    return verb.tag_ == "VB" or verb.tag_ == "VBP" and singular  # the tagger often reads "include" as VBP


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
        if modality.modals & NOT_EVENTS or lexicon.governors.get(act.lemma_.lower()) == "speech":
            continue  # "not ready to comment": no refusal between parties (_declines_to_speak)
        category = "REJECT" if modality.aux == "negated" else "AGREE"
        if category == "REJECT":
            settle_reframed(modality)  # "we are not prepared to risk a no-deal exit": a refusal, asserted
        trigger = Trigger(word, [replace(READINESS, category=category)], [word])
        actors = [arguments.verb_subjects(word)]
        recipients = arguments.complement_recipient_groups(word)
        found.append(EventCandidate(trigger, category, "", [g for g in actors if g], recipients, modality))
    return found


def _addressed(heads: list[list[Token]], speech_verb: Token | None) -> list[list[Token]]:
    """"China told Japan it must withdraw": the pronoun that must act is the one addressed."""
    addressees = arguments.children(speech_verb, arguments.OBJECT_DEPS) if speech_verb is not None else []
    if addressees and heads and all(h.tag_ == "PRP" for h in heads[0]):
        return [addressees] + heads
    return heads


def _reported_clause(candidate: EventCandidate) -> Token:
    """The clause of what the speaker says that holds the trigger ("insists [that the budget
    include funding]"), or the trigger's own clause."""
    token, verb = candidate.trigger.token, candidate.modality.speech_verb
    while verb is not None and token.head.i != verb.i and token.head.i != token.i:
        token = token.head
    return token if verb is not None and token.head.i == verb.i else arguments.clause_of(candidate.trigger.token)


def _as_demand(candidate: EventCandidate) -> EventCandidate:
    """"Russia said Sudan must return the helicopter": a demand by the speaker on Sudan; so is
    a quoted order ('"Release the fishermen," the president told Uganda'), on whoever is told."""
    modality = candidate.modality
    if modality.speaker is None or modality.belief:
        return candidate
    clause = _reported_clause(candidate)
    if modality.speech_verb is not None and _imperative(clause):
        addressees = arguments.children(modality.speech_verb, arguments.OBJECT_DEPS)
        return _demand(candidate, [addressees] if addressees else [])
    if not (modality.modals & OBLIGATION_MODALS or _subjunctive(clause) or _needed(candidate.trigger.token)):
        return candidate
    # no doer of the act named: whoever its clause says must see to it ("that the budget include funding")
    actors = candidate.actor_heads or [arguments.children(clause, arguments.SUBJECT_DEPS | arguments.PASSIVE_SUBJECT_DEPS)]
    heads = [h for group in actors for h in group]
    if any(h.i == modality.speaker.i for h in heads) or not heads:
        return candidate
    return _demand(candidate, _addressed(actors, modality.speech_verb))


def _needed(token: Token) -> bool:
    """The trigger's clause is what someone needs or has to do ("Uganda needs to withdraw")."""
    clause = arguments.clause_of(token)
    needed = _needed_act(clause.head) if clause.dep_ == "xcomp" else None
    return needed is not None and needed.i == clause.i


def _demand(candidate: EventCandidate, recipients: list[list[Token]]) -> EventCandidate:
    modality = candidate.modality
    return EventCandidate(candidate.trigger, "REQUEST", "", [[modality.speaker]], recipients,
                          speech_act_modality(modality), candidate.content)


def _imperative(clause: Token) -> bool:
    """'"Release the fishermen," the president told Uganda', 'told his men: "Take your rifles
    and attack"': what is said is an order - a bare verb with no subject, no "to" and no
    auxiliary but the "do" of "do not"."""
    if clause.pos_ != "VERB" or clause.tag_ != "VB" or clause.dep_ not in ("ccomp", "xcomp", "parataxis"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") or
                   c.dep_ in ("aux", "auxpass") and c.lemma_.lower() != "do" for c in clause.children)
