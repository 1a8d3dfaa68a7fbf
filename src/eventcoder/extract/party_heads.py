"""Which words are an event's actor and recipient: every decision on the argument heads.

A candidate event's parties are first words of the sentence, in groups, best first;
parties.py then turns them into entities with the actor dictionaries and fills the gaps.
In the order the coder takes them:

1. `find_party_heads`: the heads read off the dependency tree by arguments.py (subjects,
   objects, possessors, prepositions), for what the trigger means (a host is the
   recipient of a visit, a speaker the actor of a threat, what a demand is about its
   recipient, who asked for what is done "at the request of").
2. `rearrange_parties`: the heads rearranged for the sentence's shape: a message speaks
   for its author, a pronoun in reported speech for the speaker, the of-complement of an
   intransitive event noun acts, the owner of a patient noun undergoes, forces on the move
   are the mover's, the one blamed or punished did the deed (punishment.py).
3. Across the sentence's events: an answer is given by whoever the request or accusation
   it answers was addressed to (`answered_by_the_addressed`), and a deed named inside
   another event is no act of that event's doer (`deeds_inside_events`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventcoder.extract import arguments, punishment
from eventcoder.extract.actors import FIRST_PERSON, SUBJECT_CASE, THIRD_PERSON_SUBJECTS
from eventcoder.knowledge.words import word_set

if TYPE_CHECKING:
    from eventcoder.extract.candidates import EventCandidate

# Verbal reactions: aimed at whoever did the deed they react to ("condemned the attack by rebels").
REACTIONS = frozenset({"ACCUSE", "REJECT", "SUPPORT", "AGREE", "REQUEST"})
# Verbs whose object is a message its author sends out ("posted a message on Twitter blaming")
MESSAGE_VERBS = frozenset({"post", "issue", "release", "publish", "send", "write", "tweet", "put"})
# Who may stand for the speaker in what is said: "Hamas said it would", '"We will not," he said'
SPEAKER_PRONOUNS = THIRD_PERSON_SUBJECTS | (FIRST_PERSON & SUBJECT_CASE)
# Verbs of blaming: the one blamed did the act blamed (candidates.is_blamed_act keeps it an event)
BLAMING = frozenset({"blame", "attribute"})
ANSWER_VERBS = word_set("answer_verbs")
# What a party answers: a request, an accusation, an offer or a warning made to it
ANSWERABLE = frozenset({"REQUEST", "ACCUSE", "AGREE", "THREATEN"})
# A pronoun that only stands in for a party: "he declined", "which he denied"
STAND_IN_PRONOUNS = THIRD_PERSON_SUBJECTS | {"which", "that"}
# "talks between Israel and Hamas", "a summit among Gulf states": who a hosted meeting gathers
MEETING_PARTY_PREPS = frozenset({"between", "among"})


# ---------------------------------------------------------------- read off the tree


def find_party_heads(candidate: "EventCandidate") -> None:
    """Sets candidate.actor_heads and recipient_heads: groups of head tokens, best first."""
    token, pattern = candidate.trigger.token, candidate.trigger.pattern
    if token.pos_ == "VERB":
        actors = [arguments.verb_subjects(token)]
        pattern_preps = [t for t in candidate.trigger.tokens if t.dep_ == "prep"]
        recipients = [[o for p in pattern_preps for o in p.children if o.dep_ == "pobj"]]
        recipients += _named_object_recipients(candidate) + _asked_of(candidate) + arguments.verb_recipient_groups(token)
    elif _at_the_request(candidate):
        actors, recipients = _requesters(token), [arguments.verb_subjects(token.head.head)]
    else:
        actors, recipients = arguments.noun_actor_groups(token), arguments.noun_recipient_groups(token)
    if candidate.content is not None:
        recipients = recipients + _content_recipients(candidate.content.token)
    recipients = [[h for h in g if not _own_forces(h) and not punishment.within_deed(h, token, candidate.category)]
                  for g in recipients]
    recipients = _with_owners([g for g in recipients if g], candidate.category in REACTIONS)
    if pattern.has("guest"):
        actors, recipients = recipients[:1], actors
    if pattern.has("speech"):
        recipients = [arguments.speech_content_subject(token)] + recipients
        actors = [[candidate.modality.speaker]] if candidate.modality.speaker is not None else []
    inside = {t.i for t in candidate.trigger.tokens}  # "hunger" in "hunger strike" is no actor
    # ... but a pattern that names its object ("summoned the ambassador") still has the
    # object's bearer as recipient: "summoned the Russian ambassador" is aimed at Russia
    named_object = {t.i for t in candidate.trigger.tokens if t.dep_ in arguments.OBJECT_DEPS and t.head.i == token.i}
    candidate.actor_heads = [h for h in (_expand(g, inside) for g in actors) if h]
    candidate.recipient_heads = [h for h in (_expand(g, inside - named_object) for g in recipients) if h]


def _with_owners(groups: list[list[Token]], reaction: bool) -> list[list[Token]]:
    """Each group of recipient candidates followed by the owners of the things it names:
    "denied the ministry's request" is aimed at the ministry when the request names no
    party itself (`resolve_groups` keeps the first group that does). A reaction to a deed
    is also aimed at its doer ("condemned the attack by rebels"); an act one orders is not
    ("ordered patrols by police": the police patrol)."""
    found: list[list[Token]] = []
    for group in groups:
        found.append(group)
        inside = {t.i for t in group}
        owners = [o for t in group for o in arguments.thing_owners(t, reaction) if o.i not in inside]
        if owners:
            found.append(owners)
    return found


def _at_the_request(candidate: "EventCandidate") -> bool:
    """"Kenya sent troops at the request of Somalia", "at Somalia's urging": a request named
    after "at" was made by its owner to whoever does what the clause says."""
    token = candidate.trigger.token
    return candidate.category == "REQUEST" and token.pos_ == "NOUN" and token.dep_ == "pobj" \
        and token.head.lower_ == "at" and token.head.head.pos_ in ("VERB", "AUX")


def _requesters(request: Token) -> list[list[Token]]:
    """Who made a request named after "at": its possessor, a pronoun too ("at its request"),
    or its "of" or "by" object ("at the request of Somalia").

    Kept apart from arguments.thing_owners, which shares only the possessor and "by": on a
    request "of" names who asked, on a thing acted on it names what it is about, and a
    possessive pronoun there mostly stands for the actor. Calling thing_owners would also
    add participle agents, relative subjects and "from" ("at the request made by Somalia"),
    which changes what is coded (tests/extract/test_requesters_and_owners.py)."""
    owners = arguments.children(request, frozenset({"poss"})) + arguments.prep_objects(request, frozenset({"of", "by"}))
    return [owners] if owners else []


def _asked_of(candidate: "EventCandidate") -> list[list[Token]]:
    """"Demanded an apology from the prime minister", "sought support from the government":
    a demand's "from" names whom it is asked of (with any other act, "from" names a source).
    Not when the thing demanded is an act with its own patient ("the withdrawal of troops
    from Bosnia": the "from" is where they leave)."""
    if candidate.category != "REQUEST":
        return []
    objects = [o for o in arguments.children(candidate.trigger.token, arguments.OBJECT_DEPS)
               if not arguments.prep_objects(o, frozenset({"of"}))]
    return [[o for obj in objects for o in arguments.prep_objects(obj, frozenset({"from"}))]]


def _named_object_recipients(candidate: "EventCandidate") -> list[list[Token]]:
    """"Imposed sanctions on Russia for the annexation of Crimea": a pattern that names its
    object (an event noun) has the object's own recipient as the verb's."""
    verb = candidate.trigger.token
    return [group for t in candidate.trigger.tokens if t.dep_ in arguments.OBJECT_DEPS and t.head.i == verb.i
            for group in arguments.noun_recipient_groups(t)]


def _own_forces(head: Token) -> bool:
    """"Russia is willing to withdraw its troops from Poland": forces the actor moves (owned
    by a pronoun) are not whom the act is aimed at; where they go or leave is."""
    return arguments.is_force(head) and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in head.children)


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


# ---------------------------------------------------------------- rearranged for the sentence's shape


def rearrange_parties(candidate: EventCandidate) -> EventCandidate:
    """The heads `find_party_heads` read, rearranged for what the sentence's shape means,
    each step a rule of its own (in order): a message's author, a hosted meeting's guests,
    a subject past an expletive or a passive, an attitude's holder, a pronoun in reported
    speech, an intransitive or patient event noun, forces on the move, the one blamed, the
    one punished."""
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
        candidate.actor_heads = [message_author(candidate.actor_heads[0])] + candidate.actor_heads[1:]
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


def message_author(group: list[Token]) -> list[Token]:
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
    if candidate.recipient_heads and first_person(candidate.recipient_heads[0], speaker):
        # '"I have been told not to publish," a ministry source said': the one told is the speaker
        candidate.recipient_heads = [[speaker]] + candidate.recipient_heads[1:]
    if not candidate.actor_heads or arguments.children(verb, arguments.OBJECT_DEPS):
        return candidate
    first = candidate.actor_heads[0]
    if len(first) == 1 and first[0].tag_ == "PRP" and first[0].lower_ in SPEAKER_PRONOUNS and first[0].i != speaker.i:
        candidate.actor_heads = [[speaker]] + candidate.actor_heads[1:]
    return candidate


def first_person(group: list[Token], speaker: Token) -> bool:
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


# ---------------------------------------------------------------- across the sentence's events


def deeds_inside_events(candidates: list[EventCandidate]) -> list[EventCandidate]:
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


def answered_by_the_addressed(candidates: list[EventCandidate]) -> list[EventCandidate]:
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
               and c.trigger.token.i < token.i and arguments.clause_of(c.trigger.token).i in ancestors]
    return max(earlier, key=lambda c: c.trigger.token.i, default=None)


def _stands_in(groups: list[list[Token]]) -> bool:
    """No party, or a pronoun that only stands in for one ("he declined", "which he denied")."""
    return not groups or (len(groups[0]) == 1 and groups[0][0].lower_ in STAND_IN_PRONOUNS)
