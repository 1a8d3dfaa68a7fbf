"""From triggers to event candidates: which words in a sentence name an event.

A trigger stands as an event unless it is the content of another ("condemned the
attack": the attack is what was condemned; "agreed to provide aid" is one AGREE), a
description ("poses a threat"), a condition or purpose ("unless Israel rescinds"), or the
background of the reported event ("after the invasion"), a reading that needs a negation
without one ("permit" in "will not permit"), or a refusal to comment. Rules add events
that no single trigger names: a demand that someone "must" act, and readiness to act.

Each candidate then takes its category from category.py, its aux and speaker from
aux.py, and its argument heads from parties.py; this module only finds the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from eventcoder.extract import arguments, punishment
from eventcoder.extract.actors import SUBJECT_PRONOUNS
from eventcoder.extract.aux import Modality, read_modality, settle_reframed, speech_act_modality
from eventcoder.extract.category import companion_category, decide_category, fitting_patterns, is_directive
from eventcoder.extract.parties import find_party_heads
from eventcoder.extract.triggers import Trigger, find_triggers
from eventcoder.knowledge.lexicon import Lexicon, TriggerPattern
from eventcoder.knowledge.words import word_set
from eventcoder.ontology import CATEGORY_GOVERNORS

EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "pobj", "acl", "attr", "compound"})
OBLIGATION_MODALS = frozenset({"must", "should"})
# "needs to withdraw": an obligation like "must" ("has to" is left out: "have" is in too many
# sentences for the pre-parse filter, nlp/prefilter.py, to pass every one with a speech verb)
NEED_VERBS = frozenset({"need"})
# Verbs whose object is a message its author sends out ("posted a message on Twitter blaming")
MESSAGE_VERBS = frozenset({"post", "issue", "release", "publish", "send", "write", "tweet", "put"})
# Verbs of saying whose bare-verb clause is a demand ("insisted that Japan withdraw")
MANDATIVE_VERBS = frozenset({"insist", "demand", "urge", "ask", "request", "recommend", "propose", "suggest"})
ADJUNCT_PREPS = word_set("adjunct_preps")
BACKGROUND_PREPS = word_set("background_preps")
NOT_EVENTS = frozenset({"if", "unless", "whether", "purpose"})
# English subject-case personal pronouns: grammar, not knowledge to override. The pronoun
# word list (words/subject_pronouns.tsv: the pronouns that stand for a party named earlier)
# holds every case of the third-person ones; these say which can be a clause's subject.
SUBJECT_CASE = frozenset({"i", "we", "you", "he", "she", "it", "they"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
THIRD_PERSON_SUBJECTS = frozenset(SUBJECT_PRONOUNS) & SUBJECT_CASE  # he, she, it, they
# "it", "he", "she" take a singular verb: the word list's pronouns for one person or one body
SINGULAR_SUBJECTS = frozenset(p for p in THIRD_PERSON_SUBJECTS if SUBJECT_PRONOUNS[p] in ("person", "body"))
# Who may stand for the speaker in what is said: "Hamas said it would", '"We will not," he said'
SPEAKER_PRONOUNS = THIRD_PERSON_SUBJECTS | (FIRST_PERSON & SUBJECT_CASE)
BLAMING = frozenset({"blame", "attribute"})
# Verbs that state a deed happened while reporting it as an allegation or an admission
# ("alleged that police beat the protesters", "confessed to killing his sister")
STATING_DEEDS = frozenset({"allege", "confess", "admit"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE"})
ANSWER_VERBS = word_set("answer_verbs")
# What a party answers: a request, an accusation, an offer or a warning made to it
ANSWERABLE = frozenset({"REQUEST", "ACCUSE", "AGREE", "THREATEN"})
# A pronoun that only stands in for a party: "he declined", "which he denied"
STAND_IN_PRONOUNS = THIRD_PERSON_SUBJECTS | {"which", "that"}
# "talks between Israel and Hamas", "a summit among Gulf states": who a hosted meeting gathers
MEETING_PARTY_PREPS = frozenset({"between", "among"})


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
    blamed, see _blamed_doer), besides the accusation. So is the deed someone is punished
    for ("sentenced to life for the assassination of": punishment.py)."""
    lemma = outer.token.lemma_.lower()
    category = trigger.pattern.category
    return lemma in BLAMING | STATING_DEEDS and category in MATERIAL_CONFLICT or \
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
        find_party_heads(candidate)
        candidates += _with_companion(_as_demand(_rearrange_parties(candidate)))
    candidates = _deeds_inside_events(_answered_by_the_addressed(candidates))
    taken = {c.trigger.token.i for c in candidates} | {_clause_of(c.trigger.token).i for c in candidates}
    taken |= {t.head.i for c in candidates for t in [c.trigger.token] if t.dep_ == "xcomp"}
    taken |= {_reported_clause(c).i for c in candidates if c.category == "REQUEST"}
    return candidates + obligation_candidates(sentence, lexicon, taken) + \
        readiness_candidates(sentence, lexicon, taken)


def _deeds_inside_events(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """"Police opened an investigation into the killing of the journalist": the parser hangs
    "into the killing" on the verb, so the killing took the verb's subject as its doer. A
    deed named inside another event (the verb's object is that event's trigger) is no act
    of whoever does the outer event; with no doer of its own it is an attack by an unseen
    hand (parties.UNSEEN_DOER) or no event."""
    triggers = {c.trigger.token.i for c in candidates}
    for deed in candidates:
        outer = _verb_of_outer_event(deed.trigger.token, triggers)
        if outer is not None:
            doers = {t.i for t in arguments.verb_subjects(outer)}
            deed.actor_heads = [g for g in deed.actor_heads if not any(t.i in doers for t in g)]
    return candidates


def _verb_of_outer_event(noun: Token, triggers: set[int]) -> Token | None:
    """The verb the deed noun's preposition hangs on, when that verb's object names another
    event ("opened an investigation into", "ordered an inquiry into")."""
    verb = noun.head.head
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or verb.pos_ != "VERB":
        return None
    objects = arguments.children(verb, arguments.OBJECT_DEPS)
    return verb if any(o.i in triggers and o.i != noun.i for o in objects) else None


def _answered_by_the_addressed(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """"The government asked the judge to delay his ruling, but he declined", "the minister
    was accused of fraud, which he denied": an answer (words/answer_verbs.tsv) coordinated
    with or relative to a request, offer, accusation or warning is given by whoever was
    addressed, and aimed at whoever addressed them. Without this the answer's pronoun
    took the nearest name before it, often the one who asked."""
    for answer in candidates:
        addressed = _answered(answer, candidates)
        if addressed is not None:
            answer.actor_heads = [addressed.recipient_heads[0]] + answer.actor_heads
            if addressed.actor_heads and _stands_in(answer.recipient_heads):
                answer.recipient_heads = [addressed.actor_heads[0]] + answer.recipient_heads[1:]
    return candidates


def _answered(answer: EventCandidate, candidates: list[EventCandidate]) -> EventCandidate | None:
    """The request, offer, accusation or warning the answer answers: the nearest one before
    it whose clause the answer is coordinated with or hangs on as a relative clause."""
    token = answer.trigger.token
    if token.lemma_.lower() not in ANSWER_VERBS or token.dep_ not in ("conj", "relcl") or \
            not _stands_in(answer.actor_heads):
        return None
    ancestors = {t.i for t in token.ancestors}
    earlier = [c for c in candidates if c.category in ANSWERABLE and c.recipient_heads
               and c.trigger.token.i < token.i and _clause_of(c.trigger.token).i in ancestors]
    return max(earlier, key=lambda c: c.trigger.token.i, default=None)


def _stands_in(groups: list[list[Token]]) -> bool:
    """No party, or a pronoun that only stands in for one ("he declined", "which he denied")."""
    return not groups or (len(groups[0]) == 1 and groups[0][0].lower_ in STAND_IN_PRONOUNS)


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


def _rearrange_parties(candidate: EventCandidate) -> EventCandidate:
    """Argument heads rearranged for what the sentence's shape means: a pronoun in reported
    speech, an intransitive event noun, forces on the move.

    These three belong with the other rearrangements in parties.find_party_heads; they
    live here only while another change holds parties.py (issue 14)."""
    return punishment.punished_doer(_blamed_doer(_forces_move_themselves(_patient_noun_owner(_intransitive_noun_doer(
        _speaker_as_pronoun(_attitude_holder(_subject_after_passive(_subject_past_expletive(
            _guests_of_hosted_meeting(_author_of_message(candidate)))))))))))


def _author_of_message(candidate: EventCandidate) -> EventCandidate:
    """"Pompeo posted a message on Twitter blaming Iran": a participle the parser hangs on the
    object of a preposition after the message someone posted, issued or sent is said by its
    author, as when it hangs on the message itself ("issued a statement condemning",
    arguments.verb_subjects)."""
    token = candidate.trigger.token
    if token.dep_ == "relcl" and candidate.actor_heads:
        candidate.actor_heads = [_message_author(candidate.actor_heads[0])] + candidate.actor_heads[1:]
    if token.pos_ != "VERB" or token.dep_ != "acl" or candidate.actor_heads:
        return candidate
    noun = token.head
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head
    if noun.i != token.head.i and noun.dep_ in arguments.OBJECT_DEPS and noun.head.lemma_.lower() in MESSAGE_VERBS:
        candidate.actor_heads = [arguments.verb_subjects(noun.head)]
    return candidate


def _guests_of_hosted_meeting(candidate: EventCandidate) -> EventCandidate:
    """"Qatar hosted talks between Israel and Hamas": what a host receives (the object of a
    `guest` verb) is the visitor, but a meeting hosted is no visitor; the parties it is
    between or among are, and the host is their recipient (docs/annotation.md). Offering to
    host it ("ready to host talks between") is the host's act, aimed at them."""
    if not candidate.trigger.pattern.has("guest") or not candidate.actor_heads:
        return candidate
    meetings = [t for t in candidate.actor_heads[0] if t.pos_ == "NOUN"]
    guests = [g for noun in meetings for party in arguments.prep_objects(noun, MEETING_PARTY_PREPS)
              for g in arguments.conjuncts(party)]
    if not guests:
        return candidate
    if candidate.category == "CONSULT":
        candidate.actor_heads = [guests] + candidate.actor_heads[1:]
    else:
        candidate.actor_heads, candidate.recipient_heads = candidate.recipient_heads, [guests]
    return candidate


def _message_author(group: list[Token]) -> list[Token]:
    """"Greece issued a statement that urged Turkey to withdraw": a message that says, urges
    or condemns (the subject of a relative clause) speaks for whoever issued, posted or
    released it."""
    if len(group) != 1 or group[0].dep_ not in arguments.OBJECT_DEPS or \
            group[0].head.lemma_.lower() not in MESSAGE_VERBS:
        return group
    return arguments.verb_subjects(group[0].head) or group


def _subject_past_expletive(candidate: EventCandidate) -> EventCandidate:
    """"The minister said there was no evidence and urged Kenya to withdraw": the parser
    coordinates the second verb with the reported "there was"; with no subject of its own it
    is the speaker's, not the expletive's."""
    token = candidate.trigger.token
    head = token.head
    if token.pos_ != "VERB" or token.dep_ != "conj" or arguments.children(token, arguments.SUBJECT_DEPS) or \
            head.dep_ != "ccomp" or not arguments.children(head, frozenset({"expl"})) or \
            arguments.children(head, arguments.SUBJECT_DEPS):
        return candidate
    speakers = arguments.verb_subjects(head.head)
    if speakers:
        candidate.actor_heads = [speakers] + candidate.actor_heads
    return candidate


def _subject_after_passive(candidate: EventCandidate) -> EventCandidate:
    """A verb coordinated with a passive one and with no subject of its own shares the
    passive's subject: as its doer when active ("the suspect was arrested on Monday and
    waived extradition", "was attacked by rebels and fled": not the agent), as the one it
    befalls when a bare participle ("was arrested and charged with treason")."""
    token = candidate.trigger.token
    if token.pos_ != "VERB" or token.dep_ != "conj" or arguments.children(token, arguments.SUBJECT_DEPS) or \
            arguments.is_passive(token) or not arguments.is_passive(token.head):
        return candidate
    subjects = arguments.children(token.head, arguments.PASSIVE_SUBJECT_DEPS)
    if not subjects:
        return candidate
    ids = {t.i for t in subjects}
    if _elliptic_participle(token):
        candidate.recipient_heads = [subjects] + candidate.recipient_heads
        candidate.actor_heads = [g for g in candidate.actor_heads if not {t.i for t in g} & ids]
    else:
        candidate.actor_heads = [subjects]
        candidate.recipient_heads = [g for g in candidate.recipient_heads if not {t.i for t in g} & ids]
    return candidate


def _elliptic_participle(token: Token) -> bool:
    """"Was arrested and charged": a bare participle after a passive is passive too. The
    parser often tags a regular participle there as a past tense ("was convicted and
    sentenced to ten years": VBD); such an -ed form with no object of its own is read as
    the participle, since an active verb there usually takes one ("and waived extradition")."""
    if any(c.dep_ == "aux" for c in token.children):
        return False
    if token.tag_ == "VBN":
        return True
    return token.tag_ == "VBD" and token.lower_.endswith("ed") and \
        not any(c.dep_ in ("dobj", "ccomp", "xcomp", "prt") for c in token.children)


def _attitude_holder(candidate: EventCandidate) -> EventCandidate:
    """"The government is supportive of the rebels", "Kenya, which is critical of Ethiopia":
    an adjective of attitude is held by the subject of its copula."""
    token = candidate.trigger.token
    if token.pos_ != "ADJ" or candidate.actor_heads:
        return candidate
    while token.dep_ == "conj":  # "is well armed and supportive of the rebels"
        token = token.head
    holders = arguments.verb_subjects(token.head) if token.dep_ == "acomp" else []
    if holders:
        candidate.actor_heads = [holders]
    return candidate


def _speaker_as_pronoun(candidate: EventCandidate) -> EventCandidate:
    """"Hamas said it would not release the hostages", '"We will not negotiate," the minister
    said': the pronoun that acts in what a speaker says is the speaker, unless the speaker
    addresses someone ("told Japan it must" - see _addressed)."""
    speaker, verb = candidate.modality.speaker, candidate.modality.speech_verb
    if speaker is None or verb is None:
        return candidate
    if candidate.recipient_heads and _first_person(candidate.recipient_heads[0], speaker):
        # '"I have been told not to publish," a ministry source said': the one told is the speaker
        candidate.recipient_heads = [[speaker]] + candidate.recipient_heads[1:]
    if not candidate.actor_heads or arguments.children(verb, arguments.OBJECT_DEPS):
        return candidate
    first = candidate.actor_heads[0]
    if len(first) == 1 and first[0].tag_ == "PRP" and first[0].lower_ in SPEAKER_PRONOUNS and first[0].i != speaker.i:
        candidate.actor_heads = [[speaker]] + candidate.actor_heads[1:]
    return candidate


def _first_person(group: list[Token], speaker: Token) -> bool:
    return len(group) == 1 and group[0].lower_ in FIRST_PERSON and group[0].i != speaker.i


def _intransitive_noun_doer(candidate: EventCandidate) -> EventCandidate:
    """"The capitulation of the garrison", "the withdrawal of US troops": the of-complement
    of an intransitive event noun (flag `intransitive`) is who acts, not whom it concerns."""
    token = candidate.trigger.token
    if token.pos_ == "VERB" or not candidate.trigger.pattern.has("intransitive"):
        return candidate
    noun = arguments.frame(token)
    if arguments.children(noun, frozenset({"poss"})) or arguments.prep_objects(noun, frozenset({"by"})):
        return candidate  # "its withdrawal of troops": the owner acts, the of-complement is moved
    doers = arguments.prep_objects(noun, frozenset({"of"}))
    if doers:
        ids = {t.i for t in doers}
        # after a light verb's subject: "the US speeded up the withdrawal of its forces"
        light_verb = noun.dep_ in arguments.OBJECT_DEPS and noun.head.pos_ == "VERB"
        candidate.actor_heads = candidate.actor_heads + [doers] if light_verb else [doers] + candidate.actor_heads
        candidate.recipient_heads = [g for g in candidate.recipient_heads if not {t.i for t in g} & ids]
    return candidate


def _patient_noun_owner(candidate: EventCandidate) -> EventCandidate:
    """"Okafor's arrest", "his conviction", "the minister's death sentence": the owner of a
    `patient` event noun is the one it befalls, unless an of-complement names that one
    ("Brazil's prosecution of the senator"); the doer is then a "by" object or the subject
    of the verb whose object the noun is ("police announced Okafor's arrest")."""
    token = candidate.trigger.token
    if token.pos_ == "VERB" or not candidate.trigger.pattern.has("patient"):
        return candidate
    noun = arguments.frame(token)
    owners = arguments.children(noun, frozenset({"poss"}))
    if owners and not arguments.prep_objects(noun, frozenset({"of"})):  # "Brazil's prosecution of the senator"
        ids = {t.i for t in owners}
        candidate.actor_heads = [g for g in candidate.actor_heads if not {t.i for t in g} & ids]
        candidate.recipient_heads = [owners] + candidate.recipient_heads
    return candidate


def _forces_move_themselves(candidate: EventCandidate) -> EventCandidate:
    """In a MOBILIZE the forces moved belong to the actor, not the recipient: "American
    warships were deployed to the strait" (no doer named: the forces are the actor, their
    country moved them); "Russia moved artillery closer to the border" (the recipient is
    where they go, if anyone)."""
    token = candidate.trigger.token
    if candidate.category != "MOBILIZE" or token.pos_ != "VERB":
        return candidate
    movers = arguments.children(token, arguments.PASSIVE_SUBJECT_DEPS) if arguments.unaided_passive(token) else []
    if movers:
        candidate.actor_heads = [movers] + candidate.actor_heads
    moved = {t.i for t in movers} | {t.i for t in arguments.children(token, arguments.OBJECT_DEPS)
                                     if arguments.is_force(t)}
    candidate.recipient_heads = [g for g in candidate.recipient_heads if not {t.i for t in g} & moved]
    return candidate


def _blamed_doer(candidate: EventCandidate) -> EventCandidate:
    """"Blamed Iran for the attack" (the object), "attributed the bombing to Houthi rebels"
    (the to-object): the one blamed is the doer of the act blamed."""
    token = candidate.trigger.token
    blamer = token.head.head if token.dep_ == "pobj" else token.head
    if token.dep_ not in ("pobj", "dobj") or blamer.lemma_.lower() not in BLAMING:
        return candidate
    blamed = arguments.prep_objects(blamer, frozenset({"to"})) if token.dep_ == "dobj" else \
        arguments.children(blamer, arguments.OBJECT_DEPS)
    if blamed:
        candidate.actor_heads = [blamed] + candidate.actor_heads
    return candidate


def _clause_of(token: Token) -> Token:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


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
        speaker = _message_author(arguments.verb_subjects(speech_verb))
        if (modal is None and not _subjunctive(verb) and _needed_act(verb) is None) or not subject or not speaker \
                or _first_person(subject, speaker[0]):
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
    return token if verb is not None and token.head.i == verb.i else _clause_of(candidate.trigger.token)


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
    clause = _clause_of(token)
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
