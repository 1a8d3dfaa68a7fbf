"""Who did it and to whom, read off the dependency tree around a trigger.

Returns head tokens only; actors.py turns heads into entities. The rules cover active and
passive verbs, control verbs ("Iran agreed to release", "urged Iran to release"),
coordination, relative clauses, and event nouns with their possessors and prepositions
("Japan's aid to Ukraine", "a Russian attack on Kyiv", "sanctions against Iran").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventcoder.knowledge.words import word_set

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "obj", "iobj"})
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp", "prep"})
# Word lists from knowledge/data/words; each file's header says what it decides, and
# docs/knowledge.md how to change it.
TARGET_PREPS = word_set("target_preps")
RECIPIENT_PREPS = word_set("recipient_preps")
NOUN_RECIPIENT_PREPS = word_set("noun_recipient_preps")
CONCESSIVE_PREPS = word_set("concessive_preps")
ARGUMENT_PREPS = word_set("argument_preps")
FRAME_NOUNS = word_set("frame_nouns")
OBJECT_CONTROL_VERBS = word_set("object_control_verbs")
ATTRIBUTION_VERBS = word_set("attribution_verbs")
TIME_WORDS = word_set("time_words")
INSTRUMENT_NOUNS = word_set("instrument_nouns")
FORCE_NOUNS = word_set("force_nouns")
UNDERGO_VERBS = word_set("undergo_verbs")


def conjuncts(token: Token) -> list[Token]:
    """The token and the words coordinated with it ("Israel and Lebanon")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found.extend(conjuncts(child))
    return found


def children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    found = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def agent_of_passive(verb: Token) -> list[Token]:
    return [obj for agent in verb.children if agent.dep_ == "agent"
            for obj in agent.children if obj.dep_ == "pobj"]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def clause_of(token: Token) -> Token:
    """The verb (or auxiliary) whose clause holds the token: the token itself if it is one."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def clause_head(token: Token) -> Token:
    """Climb from a prepositional complement ("insists on aiding") to the verb it hangs on."""
    head = token.head
    if token.dep_ == "pcomp" and head.dep_ == "prep":
        return head.head
    return head


DATELINE_DASHES = frozenset({"-", "--", "—", "–", ":"})


def dateline_end(sentence: Span) -> int:
    """The doc index just after a dateline ("LIMA, Peru -", "QUITO (Reuters) -", "UNITED
    NATIONS --"), else the sentence's start. A dateline says where the story was filed,
    never who acts; it opens with a word in capitals and ends at a dash set off by spaces
    within its first eight words ("US-China talks" is no dateline)."""
    first = sentence[0]
    if not (first.is_alpha and first.is_upper and len(first) > 1):
        return sentence.start
    for token in sentence[1:8]:
        if token.text in DATELINE_DASHES and token.doc[token.i - 1].whitespace_:
            return token.i + 1
    return sentence.start


def verb_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The doer of a verb, inherited through control, coordination and relative clauses."""
    after_dateline = dateline_end(verb.sent)
    own = sorted(children(verb, SUBJECT_DEPS), key=lambda s: s.i < after_dateline)  # "MOSCOW - A court ruled"
    if own:
        return _relative_antecedent(own[0])
    if is_passive(verb):
        return agent_of_passive(verb) or _parties_between(children(verb, PASSIVE_SUBJECT_DEPS))
    if reduced_passive(verb):
        return []  # "wept when convicted": the one convicted, not the one convicting
    if depth > 4 or verb.dep_ == "ROOT":
        return []
    governor = clause_head(verb)
    if verb.dep_ == "relcl":
        return [governor]
    if verb.dep_ == "acl" and governor.pos_ in ("NOUN", "PROPN"):
        owners = children(governor, frozenset({"poss"})) or prep_objects(governor, frozenset({"by", "of"}))
        if not owners and governor.dep_ in OBJECT_DEPS and governor.head.pos_ == "VERB":
            return verb_subjects(governor.head, depth + 1)  # "issued a declaration demanding ..."
        return owners
    if verb.dep_ == "xcomp" and governor.lemma_ in OBJECT_CONTROL_VERBS:
        objects = children(governor, OBJECT_DEPS)
        if objects:
            return objects
    if verb.dep_ in INHERIT_DEPS and verb.dep_ != "ccomp":
        return verb_subjects(governor, depth + 1)
    return []


def reduced_passive(verb: Token) -> bool:
    """"Wept when convicted", "arrested in March, he ...": a past participle that modifies
    a clause with no auxiliary or subject of its own is a passive."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBN" and \
        not any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS or c.dep_ in ("aux", "auxpass") for c in verb.children)


def understood_patient(verb: Token) -> list[Token]:
    """"Okonkwo wept when convicted", "he was freed after being detained": a passive adverbial
    clause with no subject falls on the subject of the clause it modifies."""
    if verb.dep_ not in ("advcl", "pcomp") or children(verb, PASSIVE_SUBJECT_DEPS):
        return []
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []  # "referred them to the House to be held in contempt": the object is held
    if not (reduced_passive(verb) or is_passive(verb)):
        return []
    return verb_subjects(clause_head(verb))


def _parties_between(nouns: list[Token]) -> list[Token]:
    """"An accord between Kenya and Ethiopia was signed": with no agent, the parties the
    signed or held thing is between are its doers."""
    return [o for noun in nouns for o in prep_objects(noun, frozenset({"between"}))]


def participle_agents(noun: Token) -> list[Token]:
    """"Negotiations hosted by Qatar", "the offensive launched by the army": the agent of a
    participle that modifies an event noun takes part in the event."""
    return [o for clause in noun.children if clause.dep_ == "acl" and clause.tag_ == "VBN"
            for o in agent_of_passive(clause)]


def _whose_owner(subject: Token) -> Token:
    """"a student whose arm was broken by police", "an activist whose car was attacked": what
    belongs to the one a relative clause describes stands for its owner."""
    whose = any(c.dep_ == "poss" and c.tag_ == "WP$" for c in subject.children)
    clause = subject.head
    return clause.head if whose and clause.dep_ == "relcl" else subject


def _relative_antecedent(subject: Token) -> list[Token]:
    # "the rebels who attacked": the relative pronoun stands for the noun it modifies.
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        return [subject.head.head]
    return [subject]


Groups = list[list[Token]]  # argument candidates, best first; assembly keeps the first that resolves


def is_time(token: Token) -> bool:
    return token.lower_ in TIME_WORDS or token.like_num or token.lemma_.lower() in TIME_WORDS


def _not_time(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not is_time(t) and not (t.lemma_.lower() in INSTRUMENT_NOUNS
                                                         and t.head.lower_ == "with")]


def is_force(token: Token) -> bool:
    """Armed forces or their weapons ("troops", "warships", "artillery")."""
    return token.lemma_.lower() in FORCE_NOUNS or token.lower_ in FORCE_NOUNS


def unaided_passive(verb: Token) -> bool:
    """"Warships were deployed to the strait", "wept when convicted": a passive that names no doer."""
    return verb.pos_ == "VERB" and (is_passive(verb) or reduced_passive(verb)) and not agent_of_passive(verb)


def verb_recipient_groups(verb: Token) -> Groups:
    groups = []
    if is_passive(verb):
        # "Carrie Lam, who is supported by Beijing": the relative pronoun stands for its noun
        # (not so without a doer: "people who had been accused of crimes" only describes them)
        subjects = [_whose_owner(s) for s in children(verb, PASSIVE_SUBJECT_DEPS)]
        groups.append([a for s in subjects for a in _relative_antecedent(s)] if agent_of_passive(verb) else subjects)
    groups.append(understood_patient(verb))
    objects = children(verb, OBJECT_DEPS) + children(verb, frozenset({"attr", "oprd"}))
    groups.append(objects)
    # "complained to the UN over Israeli air raids": what the act is about or aimed at comes
    # before whom it is addressed to
    groups.append(_not_time(prep_objects(verb, TARGET_PREPS)))
    groups.append(_not_time(prep_objects(verb, RECIPIENT_PREPS - TARGET_PREPS)))
    # "held talks with Peru", "imposed sanctions on Venezuela"
    groups.append(_not_time([o for obj in objects for o in prep_objects(obj, NOUN_RECIPIENT_PREPS - {"of"})]))
    groups.extend(complement_recipient_groups(verb))
    groups.append(ultimatum_subjects(verb))
    groups.extend(purpose_recipient_groups(verb))
    # "anti-American protesters burned flags": the doers' anti- word names whom it is aimed at
    groups.append([m for subject in children(verb, SUBJECT_DEPS) for m in opposed_modifiers(subject)])
    return [g for g in groups if g]


def purpose_recipient_groups(token: Token) -> Groups:
    """"staged rallies to demand reforms by Suharto's government", "began a hunger strike to
    protest Assad's failure": the purpose names whom the act is aimed at."""
    anchors = [token]
    if token.dep_ in OBJECT_DEPS and token.head.pos_ == "VERB":
        anchors.append(token.head)  # the light verb: "staged", "began"
    groups: Groups = []
    for anchor in anchors:
        for clause in anchor.children:
            if clause.dep_ in ("advcl", "xcomp", "acl") and any(c.lower_ == "to" for c in clause.children):
                objects = children(clause, OBJECT_DEPS)
                groups.append(objects + _not_time(prep_objects(clause, RECIPIENT_PREPS)))
    return [g for g in groups if g]


def complement_recipient_groups(verb: Token, depth: int = 0) -> Groups:
    """Whom the act described in a complement concerns: "threatened to break relations with
    Russia" -> Russia; "demanded that the US cancel the sale" -> the US."""
    groups: Groups = []
    for child in verb.children:
        if child.dep_ == "ccomp" and children(child, SUBJECT_DEPS):
            groups.append(children(child, SUBJECT_DEPS))
        elif child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX") and depth < 2:
            objects = children(child, OBJECT_DEPS)
            groups.append(objects)
            groups.append(_not_time(prep_objects(child, RECIPIENT_PREPS)))
            groups.append([o for obj in objects for o in prep_objects(obj, NOUN_RECIPIENT_PREPS)])
            groups.extend(complement_recipient_groups(child, depth + 1))
    return [g for g in groups if g]


def ultimatum_subjects(verb: Token) -> list[Token]:
    """"... unless the Kremlin closes its base": the one the ultimatum is aimed at."""
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(m.lower_ == "unless" for m in clause.children):
            return children(clause, SUBJECT_DEPS)
    for clause in verb.children:
        if clause.dep_ == "xcomp":
            found = ultimatum_subjects(clause)
            if found:
                return found
    return []


def has_argument(noun: Token) -> bool:
    """"Russia's opposition to", "a demand for": an event noun with someone or something
    attached, not a name ("the opposition", "opposition coalition")."""
    noun = frame(noun)
    if noun.dep_ == "compound":
        return False
    if children(noun, frozenset({"poss"})) or prep_objects(noun, ARGUMENT_PREPS):
        return True
    return noun.dep_ in OBJECT_DEPS and noun.head.pos_ == "VERB"


def frame(noun: Token) -> Token:
    """The noun that carries the arguments: the frame noun for "mediation effort"."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in FRAME_NOUNS:
        return noun.head
    return noun


def opposes(modifier: Token) -> bool:
    """"Anti-government protests", "anti-American protesters": what an anti- word names is
    what the act or the group is against, never who acts."""
    doc, i = modifier.doc, modifier.i
    if modifier.lower_.startswith("anti-"):
        return True
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "anti"


def opposed_modifiers(noun: Token) -> list[Token]:
    return [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") and opposes(c)]


def noun_actor_groups(noun: Token) -> Groups:
    noun = frame(noun)
    groups = [attributed_doers(noun), _pronoun_owner(noun),
              children(noun, frozenset({"poss"})) + prep_objects(noun, frozenset({"by"})),
              [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") and not opposes(c)],
              participle_agents(noun)]
    if noun.dep_ in OBJECT_DEPS and noun.head.pos_ == "VERB" and not undergone(noun):
        # "Israel completed the withdrawal", "Italy announced a suspension of air links"
        groups.append(verb_subjects(noun.head))
    elif noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" and noun.head.lower_ not in CONCESSIVE_PREPS:
        # "crowds converged for a rally", "workers went on strike"
        groups.append(verb_subjects(noun.head.head))
    # "an accord between Kenya and Ethiopia", after any mediator ("launched a mediation
    # effort between India and Pakistan": the one who launched it acts)
    groups.append(_parties_between([noun]))
    return [g for g in groups if g]


def attributed_doers(noun: Token) -> list[Token]:
    """"Officials attributed the bombing to Houthi rebels", "the attack was blamed on the
    army": the one the act is laid on did it; who lays it there only says so."""
    verb = noun.head
    if noun.dep_ not in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS or verb.lemma_.lower() not in ATTRIBUTION_VERBS:
        return []
    laid_on = frozenset({"to", "on"})
    return prep_objects(verb, laid_on) or prep_objects(noun, laid_on)  # the parser hangs "on" on either


def _pronoun_owner(noun: Token) -> list[Token]:
    """"Sanders and Obama announced their support": a possessive pronoun on the verb's
    object stands for the verb's subject, all of its conjuncts included."""
    owners = children(noun, frozenset({"poss"}))
    if not owners or any(o.tag_ != "PRP$" for o in owners):
        return []
    if noun.dep_ not in OBJECT_DEPS or noun.head.pos_ != "VERB":
        return []
    return [s for s in verb_subjects(noun.head) if s.tag_ not in ("PRP", "PRP$")]


def clause_subjects(noun: Token) -> list[Token]:
    """"Washington's demand that Paris extradite the men": whom a demand, plan or accusation
    is aimed at is the subject of its that-clause (not a pronoun: "a warning to X that it
    would not tolerate" - "it" is the one warning)."""
    return [subject for clause in noun.children if clause.dep_ in ("acl", "ccomp")
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
            for subject in children(clause, SUBJECT_DEPS) if subject.tag_ != "PRP"]


def thing_owners(thing: Token, doer: bool = False) -> list[Token]:
    """Whose a thing acted on is: "denied the ministry's request", "rejected the plan drawn up
    by the army", "the plan the rebels had sent", "the deal that Kenya signed". An act aimed
    at someone's request, plan or decision is aimed at them (docs/actors.md): a possessor
    named by a noun, the agent of a participle on the thing, or the subject of a relative
    clause on it whose subject is not the relative pronoun (that subject made or owns it);
    with `doer`, also a bare "by" ("a proposal by the army": on an act it names its doer,
    who is whom a reaction to the act is aimed at). Not a possessive pronoun ("charged its
    neighbour", "until their demands are met"): it mostly stands for the actor, or for
    whoever the thing itself already names."""
    if thing.pos_ not in ("NOUN", "PROPN"):
        return []
    owners = [p for p in children(thing, frozenset({"poss"})) if p.tag_ != "PRP$"] + participle_agents(thing)
    if doer:
        owners += prep_objects(thing, frozenset({"by"}))
        if not prep_objects(thing, frozenset({"of"})):  # "the withdrawal of troops from Somalia": where they leave
            owners += prep_objects(thing, frozenset({"from"}))
    return owners + [s for clause in thing.children if clause.dep_ == "relcl"
                     for s in children(clause, SUBJECT_DEPS) if s.tag_ not in ("WP", "WDT", "PRP")]


def undergone(noun: Token) -> bool:
    """"Nixon faced impeachment", "the rebels suffered air strikes", "is serving a life
    sentence": the subject of a verb of undergoing is the one the event falls on."""
    return noun.dep_ in OBJECT_DEPS and noun.head.pos_ == "VERB" and noun.head.lemma_.lower() in UNDERGO_VERBS


def noun_recipient_groups(noun: Token) -> Groups:
    noun = frame(noun)
    groups = [verb_subjects(noun.head)] if undergone(noun) else []
    groups += [opposed_modifiers(noun), clause_subjects(noun), _not_time(prep_objects(noun, NOUN_RECIPIENT_PREPS))]
    if noun.dep_ in OBJECT_DEPS and noun.head.pos_ == "VERB":
        # "opened investigations against 28 officials": the preposition hangs on the verb
        groups.append(_not_time(prep_objects(noun.head, RECIPIENT_PREPS)))
    if noun.dep_ == "pobj" and noun.head.lower_ in CONCESSIVE_PREPS:
        # "despite Russia's opposition, Japan insists ...": aimed at the main clause's subject.
        groups.append(verb_subjects(noun.head.head))
    groups.extend(purpose_recipient_groups(noun))
    return [g for g in groups if g]


def speech_content_subject(trigger: Token) -> list[Token]:
    """For a said-to-be event ("X would become a legitimate target"): the clause's subject."""
    head = trigger
    while head.dep_ not in ("ccomp", "ROOT") and head.head.i != head.i:
        if head.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
            break
        head = head.head
    return children(head, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS) if head.pos_ in ("VERB", "AUX") else []
