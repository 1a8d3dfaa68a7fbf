"""Which PLOVER category an event gets: every category decision lives here.

Three steps, in the order the coder takes them:

1. `fitting_patterns`: the trigger's lexicon readings that fit its valency ("thousands
   protested" is a PROTEST, "China protested the visit" an ACCUSE).
2. `decide_category`: the reading's category, changed by what governs the trigger
   ("vowed to retaliate" is a THREATEN, "refused to attend the talks" a REJECT, "ordered
   the arrest of" the arrest itself, by whoever ordered it), by what it is for ("came under
   fire over the deal" is criticism) and by
   how it is reported (announced cooperation is AGREE, announced conflict THREATEN, an
   ultimatum THREATEN, a negated cooperation REJECT, an arranged meeting CONSULT).
3. `rank_with_classifier`: when the lexicon offers several readings, the sentence
   classifier may overrule the first by a clear margin (its policy's `rank_margin`); it
   also supplies the mode, and, if its policy allows, relabels (`relabelled_category`).

Rules that create events of a fixed category from the sentence's shape (a demand that
someone "must" act, readiness to act, a speaker's demand) live in candidates.py with the
other ways an event is found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventcoder.extract import arguments
from eventcoder.extract.aux import Modality
from eventcoder.knowledge.lexicon import TriggerPattern
from eventcoder.knowledge.words import word_set
from eventcoder.ontology import CATEGORY_GOVERNORS

if TYPE_CHECKING:
    from eventcoder.extract.triggers import Trigger

COOPERATIVE_FUTURE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
# Announced conflictual acts are threats (PLOVER THREATEN: "threaten to boycott, impose a
# curfew, blockade..."), as announced cooperation is AGREE. An announced rejection is a
# threat only when it refuses dealings (REJECT mode `meet`: boycott, snub, break off talks);
# "will appeal the conviction", "will reject the plan" are the rejection itself.
CONFLICT_FUTURE = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
REVERSALS = word_set("reversal_verbs")
REFUSAL_VERBS = word_set("refusal_verbs")
VOLITION_AUXILIARIES = frozenset({"will", "would", "wo", "'ll", "shall"})
CROWD_NOUNS = word_set("crowd_nouns")
AMOUNT_WORDS = frozenset({"dozens", "hundreds", "thousands", "tens", "millions", "dozen", "hundred",
                          "thousand", "million"})
PRISON_TERMS = word_set("prison_terms")
TIME_WORDS = word_set("time_words")
REPORTING_VERBS = frozenset({"report"})  # what the news reports, not what a party announces
MULTITUDE = frozenset({"both", "two", "three", "all", "several"})  # "both sides agreed that"
SENTENCING = frozenset({"sentence", "convict", "find"})
JAILING = frozenset({"jail", "imprison"})
TERM_WORDS = frozenset({"year", "month", "life", "decade"})
CRIME_PREPS = frozenset({"for", "over", "due"})  # "jailed for fraud", "jailed due to the abuse of"
# prepositions of place the parser can mistake for an adjective or adverb before a noun
PLACE_PREPOSITIONS = word_set("place_prepositions") | {"opposite", "beside", "beyond", "behind", "alongside"}
BODY_NOUNS = word_set("body_nouns")
AGREEMENT_COMPLEMENTS = frozenset({"dobj", "prep", "xcomp", "ccomp", "dative", "agent", "nsubjpass"})
CRITICISM_PREPS = frozenset({"for", "over"})  # "came under fire over the deal", "for his remarks"
PLACE_WORDS = word_set("geographic_nouns") | word_set("place_nouns") | word_set("facility_nouns")


def fitting_patterns(trigger: "Trigger") -> list[TriggerPattern]:
    """The trigger's readings whose valency fits the sentence, best first."""
    return [p for p in trigger.patterns if _valency_fits(p, trigger.token)]


def _valency_fits(pattern: TriggerPattern, token: Token) -> bool:
    """"demonstrated its resolve" is no demonstration; "the negotiators returned" no release;
    "China protested the visit" is an accusation, "thousands protested" a protest."""
    has_object = any(not _stands_for_a_time(o) and not _misread_place_phrase(o)
                     for o in arguments.children(token, arguments.OBJECT_DEPS))
    if _infinitive_marker_as_preposition(pattern, token):
        return False
    if pattern.has("forces") and not _moves_forces(token):
        return False
    if pattern.has("crowd") and not _crowd_gathers(token):
        return False
    if pattern.has("directive"):
        return is_directive(token)
    if pattern.has("mutual") and _states_an_opinion(token):
        return False
    if pattern.has("not_naming") and arguments.children(token, frozenset({"oprd"})):
        return False  # "called the deal lousy", "called him a traitor": a name given, no call
    if pattern.has("intransitive"):
        return not has_object
    if pattern.has("transitive"):
        return has_object or arguments.is_passive(token) or _object_of_complement(token)
    return True


def _infinitive_marker_as_preposition(pattern: TriggerPattern, verb: Token) -> bool:
    """"May limit the suspect's freedom to travel": the "to" of a pattern such as `travel to`
    must be a preposition; a verb's own infinitive marker is none, so no destination."""
    if "to" not in pattern.words or verb.pos_ != "VERB":
        return False
    markers = [c for c in verb.children if c.lower_ == "to"]
    return bool(markers) and all(c.dep_ == "aux" for c in markers)


def _states_an_opinion(verb: Token) -> bool:
    """"The government agreed the issue should be decided by Congress": one party agreeing
    that something is so holds an opinion. Several parties agreeing that something should be
    done ("Hungarian and Romanian officials agreed that...", "agreed with Kenya that..."),
    or agreeing that something will be done ("agreed that the troops would withdraw"),
    agree with each other."""
    from eventcoder.extract.triggers import clause_opening

    if not any(c.dep_ == "ccomp" and clause_opening(c) == "that" for c in verb.children) and \
            not _agrees_to_nothing(verb):
        return False
    return not _several_parties(verb)


def _agrees_to_nothing(verb: Token) -> bool:
    """"The governor agreed, saying only this group could have done it": one party that
    agrees with no object, no "to", "on" or "with" and no clause assents to a view."""
    return not any(c.dep_ in AGREEMENT_COMPLEMENTS for c in verb.children)


def _several_parties(verb: Token) -> bool:
    if arguments.prep_objects(verb, frozenset({"with"})):
        return True
    for subject in arguments.children(verb, arguments.SUBJECT_DEPS):
        words = [subject, *(c for c in subject.children if c.dep_ in ("amod", "compound", "nmod"))]
        if any(c.dep_ == "conj" for w in words for c in w.children) or \
                any(c.lower_ in MULTITUDE for c in subject.children):
            return True
    return False


def _misread_place_phrase(word: Token) -> bool:
    """"Protesters rallied outside parliament": the parser may read a preposition of place as
    an adjective or adverb on the noun and make the noun the verb's object. The phrase says
    where the act happened; it is no object."""
    first = word.doc[word.left_edge.i]
    if first.lower_ not in PLACE_PREPOSITIONS or first.pos_ == "ADP" or first.i != word.i - 1 and \
            word.doc[first.i + 1].pos_ != "DET":
        return False
    # "rallied outside support" is support from outside: only a place or a body is a site
    return _names_a_place(word) or word.lemma_.lower() in BODY_NOUNS or \
        word.ent_type_ in ("ORG", "FAC") or word.pos_ == "PROPN"


def _stands_for_a_time(word: Token) -> bool:
    """"the fourth night *that* Serbians protested": a relative pronoun the parser makes an
    object, standing for a time, is no object ("protested" stays a demonstration)."""
    if word.tag_ != "WDT" or word.i == 0:
        return False
    antecedents = [word.doc[word.i - 1]]
    if antecedents[0].dep_ == "pobj" and antecedents[0].head.i > 0:  # "the fourth night in a row that"
        antecedents.append(word.doc[antecedents[0].head.i - 1])
    return any(a.lemma_.lower() in TIME_WORDS or a.lower_ in TIME_WORDS or a.ent_type_ in ("DATE", "TIME")
               for a in antecedents)


def is_directive(verb: Token) -> bool:
    """"China told Japan to release the fishermen", "officials were told not to publish": a
    verb of saying with an addressee and a to-infinitive tells the addressee to act. The
    parser often hangs the addressee on the infinitive ("wants [the army to withdraw]")."""
    addressee = arguments.children(verb, arguments.OBJECT_DEPS | arguments.PASSIVE_SUBJECT_DEPS)
    return bool(addressee) and any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                                   for c in verb.children) or _object_of_complement(verb)


def _object_of_complement(verb: Token) -> bool:
    """"will not allow Israeli troops to enter": the parser hangs the object on the
    infinitive as its subject; it is still the verb's object."""
    return any(c.dep_ == "ccomp" and arguments.children(c, arguments.SUBJECT_DEPS) and
               any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children)


def _moves_forces(verb: Token) -> bool:
    """"Troops are gathering along the frontier", "moved artillery closer to", "reservists
    were called up": a verb of movement is a mobilisation when what moves is armed force."""
    deps = arguments.SUBJECT_DEPS | arguments.PASSIVE_SUBJECT_DEPS | arguments.OBJECT_DEPS
    return any(arguments.is_force(word) for head in arguments.children(verb, deps)
               for word in arguments.conjuncts(head))


def _crowd_gathers(verb: Token) -> bool:
    """"Thousands gathered outside parliament", "protesters assembled": a crowd that gathers
    is a demonstration; "thousands of mourners gathered" or "ministers gathered" is not."""
    for subject in arguments.children(verb, arguments.SUBJECT_DEPS):
        kind = arguments.prep_objects(subject, frozenset({"of"})) if _is_amount(subject) else [subject]
        if _is_amount(subject) and not kind or any(_is_crowd(k) for k in kind):
            return True
    return False


def _is_amount(token: Token) -> bool:
    return token.like_num or token.lower_ in AMOUNT_WORDS or token.lemma_.lower() in AMOUNT_WORDS


def _is_crowd(token: Token) -> bool:
    return token.lemma_.lower() in CROWD_NOUNS or token.lower_ in CROWD_NOUNS


def decide_category(trigger: "Trigger", content: "Trigger | None", modality: Modality,
                    governors: dict[str, str]) -> tuple[str, str, bool]:
    """(category, mode, reframed): reframed says the report, not the verb, set the category."""
    category, mode = _governed_category(trigger, content, governors)
    reframed = _reframe(category, modality, trigger.token, mode)
    if reframed != category:
        return reframed, "", True
    return category, mode, False


def _governed_category(trigger: "Trigger", content: "Trigger | None", governors: dict[str, str]) -> tuple[str, str]:
    """A governor that names the act ("agreed to", "refused to", "demanded") with the
    trigger's event as its content; else the trigger's own reading."""
    pattern = trigger.pattern
    effect = _governor_of(pattern, trigger.token, governors)
    if content is not None and effect == "executive" and carried_out_by_orderer(trigger.token, content.token):
        return content.pattern.category, content.pattern.mode  # "ordered the arrest of"
    if content is not None and effect in CATEGORY_GOVERNORS and not pattern.has("sense"):
        if effect == "AGREE" and content.pattern.category not in COOPERATIVE \
                and content.token.head.lemma_.lower() not in REVERSALS:
            return "THREATEN", ""  # "vowed to retaliate"
        if effect == "AGREE" and _pledged_support(content):
            return "SUPPORT", ""
        return effect, content.pattern.mode if effect == "REJECT" else ""
    if _criticised_for(pattern, trigger.token):
        return "ACCUSE", "disapprove"
    return pattern.category, pattern.mode


def _criticised_for(pattern: TriggerPattern, verb: Token) -> bool:
    """"The minister came under fire from lawmakers over the loan deal", "came under attack
    for his remarks": an attack someone comes under (a `guest` ASSAULT) for something they
    did is criticism, by whoever it comes from. A for/over phrase that names a time or a
    place ("for two hours", "over the weekend", "over the border") leaves it an attack."""
    if pattern.category != "ASSAULT" or not pattern.has("guest"):
        return False
    heads = [verb, *(o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj")]
    reasons = [o for head in heads for p in head.children if p.dep_ == "prep" and p.lower_ in CRITICISM_PREPS
               for o in p.children if o.dep_ == "pobj"]  # the parser may hang it on "fire" or the critics
    return any(not _names_a_time(o) and not _names_a_place(o) for o in reasons)


def _names_a_place(word: Token) -> bool:
    return word.ent_type_ in ("GPE", "LOC", "FAC") or word.lemma_.lower() in PLACE_WORDS


def _pledged_support(content: "Trigger") -> bool:
    """"pledged his full support for the initiative", "promised Washington's backing": to
    pledge support is to express it now (SUPPORT is verbal), not a promise of a later act
    ("promised to recognize the state" stays AGREE: the content is a verb)."""
    return content.pattern.category == "SUPPORT" and content.token.pos_ in ("NOUN", "PROPN")


def _governor_of(pattern: TriggerPattern, token: Token, governors: dict[str, str]) -> str | None:
    """The governor effect of the trigger's word, unless a longer pattern made it another
    word: "called off the strike" is no call for a strike (`call` governs as REQUEST)."""
    if len(pattern.words) > 1:
        return governors.get(" ".join(pattern.words))
    return governors.get(token.lemma_.lower())


def carried_out_by_orderer(order: Token, content: Token) -> bool:
    """"The court ordered the arrest of the governor", "ordered the embassy closed", "ordered
    troops to withdraw": an authority's order that its own side carries out is the act
    itself, by the authority. "Germany ordered Russia to withdraw" stays a demand."""
    if content.pos_ != "VERB":
        return True
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in content.children):
        return True  # a small clause: "ordered the embassy closed", "ordered them jailed"
    orderees = arguments.children(order, arguments.OBJECT_DEPS)
    return not orderees or all(arguments.is_force(t) for t in orderees)


def _has_ultimatum(token: Token) -> bool:
    """"will withdraw its force unless the president holds elections": an ultimatum."""
    return any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in token.children)


def _arranged_meeting(category: str, modality: Modality) -> bool:
    """"The ministers will meet in Ankara next month": a meeting the report states as
    arranged is a CONSULT with aux future (PLOVER's own example of the future mode), also
    when a third party reports it ("Al Jazeera reported the president will visit"). When a
    party announces it ("X said it will meet Y"), the announcement is a commitment: AGREE."""
    if category != "CONSULT" or modality.belief:
        return False
    return modality.speech_verb is None or modality.speech_verb.lemma_.lower() in REPORTING_VERBS


def _refused(token: Token) -> bool:
    """A cooperative act not done is a refusal when it answers another party ("did not
    accept the offer"), is decided against ("decided not to attend") or is negated as a will
    ("will not meet their demands") - words/refusal_verbs.tsv; otherwise it is the act with
    aux negated ("did not endorse a candidate": docs/annotation.md)."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    deciding = verb.head if verb.dep_ == "xcomp" else verb  # "decided not to attend"
    answers = [verb, deciding, *arguments.children(verb, arguments.OBJECT_DEPS)]  # "did not give permission"
    if any(word.lemma_.lower() in REFUSAL_VERBS for word in answers):
        return True
    return any(c.dep_ == "aux" and c.lower_ in VOLITION_AUXILIARIES for v in (verb, verb.head) for c in v.children)


def _unready(act: Token) -> bool:
    """"Israel is not willing to negotiate": the parser hangs the "not" on the copula, above
    the adjective of readiness, so the act itself is not negated but the readiness is.
    (`readiness_candidates` in candidates.py codes the same refusal when the act is no
    trigger of its own.)"""
    if act.pos_ == "NOUN" and act.dep_ == "dobj":
        act = act.head  # "not ready to resume talks"
    readiness = act.head
    if act.dep_ != "xcomp" or readiness.pos_ != "ADJ" or _negated_here(act):
        return False
    return _negated_here(readiness) or readiness.dep_ == "acomp" and _negated_here(readiness.head)


def _negated_here(word: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in word.children)


def _reframe(category: str, modality: Modality, token: Token, mode: str = "") -> str:
    """Category changes that come from how the act is reported, not from its verb."""
    governed = modality.governor_category
    if governed == "AGREE" and category in COOPERATIVE and modality.aux == "negated" and _unready(token):
        return "REJECT"  # "Israel is not willing to negotiate with Hamas": a refusal
    if governed == "AGREE":
        return "AGREE" if category in COOPERATIVE else "THREATEN"
    if governed in ("REJECT", "THREATEN", "REQUEST"):
        return governed
    if _has_ultimatum(token):
        return "THREATEN"
    if category in COOPERATIVE and modality.aux == "negated" and not modality.belief and \
            (_refused(token) or _unready(token)):
        return "REJECT"  # "will not accept refugees", "would not meet their demands": a refusal
    if category in COOPERATIVE_FUTURE and modality.aux == "future" and not _arranged_meeting(category, modality):
        return "AGREE"  # PLOVER: future cooperation is AGREE
    if (category in CONFLICT_FUTURE or category == "REJECT" and mode == "meet") and modality.aux == "future":
        return "THREATEN"
    return category


def rank_with_classifier(candidate, context, classifier) -> tuple[str, str, float]:
    """(category, mode, confidence) after the classifier has had its say.

    Only a category that is still the trigger's first reading is ranked or relabelled (a
    reframed or rule-made category is not the lexicon's to overrule). The classifier's
    `policy` says how sure it must be: by default it only picks among the trigger's own
    readings; a model trained on real news may also replace the reading
    (`relabelled_category`). `context` caches the sentence's probabilities
    (assembly.SentenceContext)."""
    category, mode = candidate.category, candidate.mode
    if classifier is None:
        return category, mode, 0.0
    probabilities = context.probabilities(classifier)
    if category == candidate.trigger.pattern.category:
        category, mode = _ranked_reading(candidate, probabilities, classifier.policy.rank_margin)
        relabelled = relabelled_category(category, probabilities, classifier)
        if relabelled != category:
            category, mode = relabelled, ""
    if not mode:
        mode = context.mode(classifier, category)
    return category, mode, round(probabilities.get(category, 0.0), 4)


def _ranked_reading(candidate, probabilities: dict[str, float], margin: float) -> tuple[str, str]:
    """Of the trigger's readings, the classifier's favourite if it leads the first by `margin`."""
    first = candidate.trigger.pattern
    best = max([first, *candidate.alternatives], key=lambda p: probabilities.get(p.category, 0.0))
    if best is not first and probabilities.get(best.category, 0.0) - probabilities.get(first.category, 0.0) >= margin:
        return best.category, best.mode
    return candidate.category, candidate.mode


# CONCEDE and RETREAT were one PLOVER category (YIELD); real-news labels still mix them.
SAME_ACT = {"RETREAT": "CONCEDE"}


def relabelled_category(category: str, probabilities: dict[str, float], classifier) -> str:
    """The classifier's top category in place of the lexicon's when it is sure enough:
    "the court sentenced the general" (lexicon: ACCUSE) reads as COERCE in news. Off
    unless the model's policy sets `relabel_floor`."""
    policy = classifier.policy
    if policy.relabel_floor is None:
        return category
    best, probability = classifier.top_category(probabilities)
    if SAME_ACT.get(best, best) == SAME_ACT.get(category, category):
        return category
    if probability >= policy.relabel_floor and \
            probability - probabilities.get(category, 0.0) >= policy.relabel_margin:
        return best
    return category


def companion_category(trigger: "Trigger", category: str) -> tuple[str, str] | None:
    """The second category PLOVER gives the same act, or None. "Convictions that result in
    imprisonment should also be coded as COERCE arrest" (PLOVER manual, SANCTION): "sentenced
    to ten years in prison", "a life sentence" are SANCTION convict and COERCE arrest, and
    "was jailed for six years" (a term, so a court's sentence) is COERCE arrest and SANCTION
    convict. So is "was jailed for fraud", "jailed over the killing of" (a crime, so a
    court's sentence). Being jailed or held with no term and no crime, or "for 48 hours",
    stays an arrest only. Protesters who clash with police riot (PROTEST riot) and fight
    them (ASSAULT). Resigning in protest is a resignation and a criticism (ACCUSE)."""
    token = trigger.token
    if _folded_into_its_head(token):
        return None
    words = {t.lemma_.lower() for t in _sentence_words(token)}
    if category == "SANCTION" and token.lemma_.lower() in SENTENCING and words & PRISON_TERMS:
        return "COERCE", "arrest"
    if category == "COERCE" and token.lemma_.lower() in JAILING and (words & TERM_WORDS or _crime_punished(token)):
        return "SANCTION", "convict"
    if category == "PROTEST" and trigger.pattern.mode == "riot" and token.lemma_.lower() == "clash":
        return "ASSAULT", ""  # protesters clashing with police: a riot, and violence between them
    if category == "RETREAT" and trigger.pattern.mode == "resign" and _in_protest(token):
        return "ACCUSE", "disapprove"
    return None


def _folded_into_its_head(token: Token) -> bool:
    """"convicted of fraud and sentenced to ten years in prison": the conjoined sentence is
    one act of the court with the conviction, whose companion already reads its words."""
    return token.dep_ == "conj" and token.lemma_.lower() in SENTENCING | JAILING and \
        token.head.lemma_.lower() in SENTENCING | JAILING | {"convict"}


def _in_protest(verb: Token) -> bool:
    """"Resigned in protest at the budget cuts", "quit the cabinet in protest": leaving an
    office in protest criticises what it protests (ACCUSE disapprove), besides the
    resignation (PLOVER codes both acts)."""
    return any(o.lemma_.lower() == "protest" for p in verb.children if p.dep_ == "prep" and p.lower_ == "in"
               for o in p.children if o.dep_ == "pobj")


def _sentence_words(token: Token) -> list[Token]:
    """The words that say what a punishment is: the token's own, those of a to-infinitive
    ("sentenced *to serve 120 months in prison*", which the parser makes a clause of its
    own) and those of a punishment conjoined to it ("convicted of fraud and *sentenced to
    ten years in prison*": one act of the court)."""
    found = _own_words(token)
    for child in token.children:
        if child.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            found += _own_words(child)
        elif child.dep_ == "conj" and child.lemma_.lower() in SENTENCING | JAILING:
            found += _sentence_words(child)
    return found


def _crime_punished(verb: Token) -> bool:
    """"jailed for fraud", "jailed over the killing", "jailed due to the abuse of": a
    for/over/due-to phrase that names no time ("for 48 hours", "for a week") names the crime."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in CRIME_PREPS):
        heads = [prep, *(c for c in prep.children if c.dep_ == "pcomp")]  # "due to"
        objects = [o for h in heads for o in h.children if o.dep_ == "pobj"]
        if any(not _names_a_time(o) for o in objects):
            return True
    return False


def _names_a_time(word: Token) -> bool:
    return word.ent_type_ in ("DATE", "TIME") or word.like_num or \
        word.lemma_.lower() in TIME_WORDS or word.lemma_.lower() in TERM_WORDS or \
        any(c.dep_ == "nummod" for c in word.children)


def _own_words(token: Token) -> list[Token]:
    """The words of the token's phrase without coordinated clauses: in "was convicted and
    sentenced to life", "life" belongs to "sentenced", not to "convicted"."""
    found = [token]
    for child in token.children:
        if child.dep_ not in ("conj", "cc", "relcl", "advcl", "ccomp", "parataxis"):
            found += _own_words(child)
    return found
