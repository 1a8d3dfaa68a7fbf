"""Event triggers: which words in a parsed sentence can name a PLOVER event.

A trigger is a head word matching a lexicon pattern (see data/triggers/README.md): the
pattern's other words must be its dependents ("call" + "for") or stand next to it
("cease - fire"). Longer patterns win over shorter ones at the same head.

Some words change category with their neighbours: "missile strikes" are an attack, "a
general strike" a protest. The sense rules of data/triggers/_senses.tsv (knowledge/senses.py)
are tried at every trigger word; a rule whose cue is present replaces the lexicon's readings.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventcoder.knowledge.lexicon import Lexicon, TriggerPattern
from eventcoder.knowledge.senses import ANY_CUE, NO_EVENT, SenseRule, shipped_sense_rules
from eventcoder.knowledge.words import word_set

VERB_TAGS = frozenset({"VERB"})
NOUN_TAGS = frozenset({"NOUN", "PROPN"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
TIME_WORDS = word_set("time_words")
CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
WH_TAGS = frozenset({"WRB", "WP", "WDT"})
FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "'ll", "wo"})
COLLECTIVES = word_set("collectives")
QUANTITY_PREPS = frozenset({"of", "in", "worth"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
SENSE_RULES = shipped_sense_rules()
MEASURE_NOUNS = word_set("measure_nouns")
ACCIDENT_VERBS = word_set("accident_verbs")
RAMMING_PREPS = frozenset({"into", "through"})  # "drove a truck into the crowd"
CLAUSE_LINKS = frozenset({"advcl", "conj"})  # clauses told together: "crashed, killing", "killed when it crashed"
SENSE_FLAGS = frozenset({"sense"})  # a reading a sense rule gave: its cue, not a governor, decides


@dataclass
class Trigger:
    token: Token
    patterns: list[TriggerPattern]
    tokens: list[Token]

    @property
    def pattern(self) -> TriggerPattern:
        return self.patterns[0]

    @property
    def start_char(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end_char(self) -> int:
        return max(t.idx + len(t.text) for t in self.tokens)


def lemma_and_lowercase(token: Token) -> tuple[str, str]:
    """The two spellings a pattern word can match: the token's lemma and its lowercase text."""
    return token.lemma_.lower(), token.lower_


def pos_matches(token: Token, pos: str) -> bool:
    if pos == "VERB":
        return token.pos_ in VERB_TAGS
    if pos == "NOUN":
        return token.pos_ in NOUN_TAGS
    if pos == "ADJ":  # "is supportive of", "was critical of"
        return token.pos_ == "ADJ"
    return token.pos_ in VERB_TAGS | NOUN_TAGS


def _dependent_match(token: Token, pattern: TriggerPattern) -> list[Token] | None:
    """The pattern's other words among the token's children (each used once)."""
    forms = lemma_and_lowercase(token)
    if not any(w in forms for w in pattern.words):
        return None
    rest = list(pattern.words)
    rest.remove(next(w for w in pattern.words if w in forms))
    matched = [token]
    for child in _dependents(token):
        if child.dep_ == "prep" and _is_time(child):
            continue  # "called Lavrov on Friday" is no "call on"
        for word in rest:
            if word in lemma_and_lowercase(child):
                matched.append(child)
                rest.remove(word)
                break
    return matched if not rest else None


def _is_quantity(token: Token) -> bool:
    """"$50 million", "2,000 tonnes", "thousands": an amount whose complement is the thing."""
    if token.pos_ == "NUM" or token.like_num or token.lemma_.lower() in COLLECTIVES:
        return True
    return token.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in token.children)


def _dependents(token: Token) -> list[Token]:
    """The token's children and, through an amount, what it measures: in "sent $50 million
    in humanitarian aid" the aid is what was sent; in a relative clause, the noun its
    relative pronoun stands for ("the curfew, which the army lifted")."""
    found = []
    for child in token.children:
        found.append(child)
        if token.dep_ == "relcl" and child.tag_ in RELATIVE_TAGS:
            found.append(token.head)  # "measures, which the government dropped": the measures
        if child.dep_ in ("dobj", "nsubjpass", "pobj"):
            found += _measured(child)
    return found


def _measured(token: Token) -> list[Token]:
    """What an amount measures ("2,000 tonnes *of wheat*", "$50 million *in aid*"), or nothing."""
    if not _is_quantity(token):
        return []
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ in QUANTITY_PREPS
            for o in p.children if o.dep_ == "pobj"]


def _contiguous_match(token: Token, pattern: TriggerPattern) -> list[Token] | None:
    size = len(pattern.words)
    doc = token.doc
    for offset in range(size):
        start = token.i - offset
        if start < 0 or start + size > len(doc):
            continue
        window = doc[start:start + size]
        if all(w in lemma_and_lowercase(t) for w, t in zip(pattern.words, window)):
            # Report the match only at its syntactic head, so it is found once.
            if window.root == token:
                return list(window)
    return None


def match_pattern(token: Token, pattern: TriggerPattern) -> list[Token] | None:
    if not pos_matches(token, pattern.pos):
        return None
    if len(pattern.words) == 1:
        return [token] if pattern.words[0] in lemma_and_lowercase(token) else None
    return _contiguous_match(token, pattern) or _dependent_match(token, pattern)


def _lemmas(token: Token) -> tuple[str, ...]:
    """The token's lemma with its left modifiers' lemmas, theirs included: "rubber bullet",
    "Victory Day march"."""
    modifiers = [t.lemma_.lower() for c in token.lefts if c.dep_ in MODIFIER_DEPS
                 for t in c.subtree if t.dep_ in MODIFIER_DEPS]
    return (*modifiers, token.lemma_.lower())


def _ends_with(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return len(phrase) <= len(words) and words[len(words) - len(phrase):] == phrase


def _cue_words(token: Token, cue: str) -> list[tuple[str, ...]]:
    """What a sense cue is read from, each as a run of lemmas (see data/triggers/_senses.tsv)."""
    if cue == "modifier":  # each modifier, by lemma and by text, and their run ("cruise missile")
        modifiers = [c for c in token.lefts if c.dep_ in MODIFIER_DEPS]
        return [(c.lemma_.lower(),) for c in modifiers] + [(c.lower_,) for c in modifiers] + \
            [_lemmas(token)[:-1]]
    if cue == "object":  # a passive's subject is its object ("the new rules were released"), and
        # an amount's is what it measures ("sent 500 tonnes of rice")
        objects = [o for c in token.children if c.dep_ in ("dobj", "nsubjpass") for o in (c, *c.conjuncts)]
        if token.dep_ == "relcl" and any(o.tag_ in RELATIVE_TAGS for o in objects):
            objects = [token.head]  # "an apology, which the president accepted"
        return [_lemmas(o) for o in objects + [m for o in objects for m in _measured(o)]]
    if cue == "prep":
        return [(c.lower_,) for c in token.children if c.dep_ == "prep" and not _is_time(c)]
    if cue == "prep_object":  # a passive's "by" (dep agent) too: "was killed by his lions"
        objects = [o for p in token.children if p.dep_ in ("prep", "agent")
                   for c in p.children if c.dep_ == "pobj" for o in (c, *c.conjuncts)]
        return [_lemmas(o) for o in objects]
    if cue == "subject":  # a name's title counts: "Hurricane Zeta", "Typhoon Hagibis"
        subjects = _subjects(token)
        return [_lemmas(s) for s in subjects] + [_lemmas(s)[:-1] for s in subjects if s.pos_ == "PROPN"]
    if cue == "predicate":
        return _predicate_words(token)
    if cue == "clause":
        return [(clause_opening(c),) for c in token.children if c.dep_ in CLAUSE_DEPS]
    if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":  # governor
        return [(token.head.lemma_.lower(),)]
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "ADJ"):
        return [(token.head.head.lemma_.lower(),)]  # "spoke at a rally", "free of charge"
    return []


def _subjects(token: Token) -> list[Token]:
    """Who does it: a verb's subject, a noun's possessor ("protesters' clashes"), with conjuncts."""
    deps = ("nsubj",) if token.pos_ == "VERB" else ("poss",)
    subjects = [c for c in token.children if c.dep_ in deps]
    if not subjects and token.pos_ == "VERB" and shares_subject(token):  # "the plane crashed and struck"
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
    if not subjects and token.dep_ == "acl" and token.tag_ == "VBG":  # "a bus overturned, *killing* nine"
        subjects = [token.head]  # (the parser made "a bus" the root, both verbs its modifiers)
    if token.dep_ == "relcl":  # "the magazine, *which* attacked": the relative pronoun stands for its noun
        subjects = [n for s in subjects for n in (_antecedents(token.head) if s.tag_ in RELATIVE_TAGS else [s])]
    return [s for c in subjects for s in (c, *c.conjuncts)]


def _antecedents(noun: Token) -> list[Token]:
    """What a relative pronoun on `noun` stands for: the noun, and the one it renames ("the
    newspaper Pravda, which")."""
    return [noun, noun.head] if noun.dep_ == "appos" else [noun]


def shares_subject(verb: Token) -> bool:
    """A coordinated verb, or a participial tail ("the storm hit the coast, *killing* 25"),
    has its head's subject."""
    return verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")


def clause_opening(clause: Token) -> str:
    """How a clausal complement opens: its wh-word ("discussed *why* he left"), "to" for an
    infinitive, "will" for a clause of what will be done ("agreed that the troops *would*
    withdraw"), its conjunction ("agreed *that* the plan is sound"), "that" for a finite
    clause with none ("agreed the vote should wait"), "bare" for a bare infinitive ("helped
    organize")."""
    before = [c for c in clause.children if c.i < clause.i]
    wh_words = [c for c in before if c.tag_ in WH_TAGS and c.lower_ != "that"]
    if wh_words:
        return wh_words[0].lemma_.lower()
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in before):
        return "to"
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in before):
        return "will"  # "agreed that the troops would withdraw": an agreement on an act
    marks = [c for c in before if c.dep_ == "mark"]
    if marks:
        return marks[0].lemma_.lower()
    return "that" if any(c.dep_ in ("nsubj", "nsubjpass") for c in before) else "bare"


def _predicate_words(token: Token) -> list[tuple[str, ...]]:
    """What the object is called: "called the deal *lousy*", "called the inquiry a *witch
    hunt*", "described the attacks *as a dastardly act*" - every word of the predicate, and
    its head's run of modifiers."""
    predicates = [c for c in token.children if c.dep_ in ("oprd", "acomp")]
    # 'called the deal "lousy"': an adjective after its noun is a predicate the parser hung on the noun
    predicates += [a for o in token.children if o.dep_ == "dobj" for a in o.rights if a.dep_ == "amod"]
    predicates += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "as"
                   for o in p.children if o.dep_ == "pobj"]
    words = [(t.lemma_.lower(),) for p in predicates for t in p.subtree if t.is_alpha]
    words += [(t.lower_,) for p in predicates for t in p.subtree if t.is_alpha]
    return words + [_lemmas(p) for p in predicates]


def _is_time(preposition: Token) -> bool:
    """"a strike on Monday": a preposition whose object is a time."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return any(o.ent_type_ in ("DATE", "TIME") or o.lower_ in TIME_WORDS for o in objects)


def _cue_present(token: Token, rule: SenseRule) -> bool:
    found = _cue_words(token, rule.cue)
    if ANY_CUE in rule.phrases and found:
        return True
    return any(_ends_with(words, phrase) for words in found for phrase in rule.phrases)


def sense_reading(token: Token, rules: dict[str, tuple[SenseRule, ...]] = SENSE_RULES) -> TriggerPattern | None:
    """The reading a sense rule gives the token ("air strikes" -> ASSAULT), or None."""
    for rule in rules.get(token.lemma_.lower(), ()):
        if pos_matches(token, rule.pos) and _cue_present(token, rule):
            return TriggerPattern((rule.lemma,), rule.pos, rule.category, rule.mode, SENSE_FLAGS, rule.source)
    return None


def _moves_a_figure(token: Token) -> bool:
    """A verb whose subject is a measured quantity (words/measure_nouns.tsv): "stocks rallied"."""
    if token.pos_ != "VERB":
        return False
    subjects = _subjects(token)
    return bool(subjects) and all(s.lemma_.lower() in MEASURE_NOUNS for s in subjects)


def is_accident(verb: Token) -> bool:
    """"the plane crashed", "a train derailed": no object, so nobody crashed anything on purpose."""
    return (verb.pos_ in VERB_TAGS and verb.lemma_.lower() in ACCIDENT_VERBS
            and not any(c.dep_ == "dobj" for c in verb.children))


def _driving(verb: Token) -> bool:
    """"was driving a pickup truck and struck a group of motorcycles": a driver on the road;
    "drove a truck *into* the crowd" is an attack."""
    return verb.lemma_.lower() == "drive" and any(c.dep_ == "dobj" for c in verb.children) and \
        not any(c.dep_ == "prep" and c.lower_ in RAMMING_PREPS for c in verb.children)


def told_of_an_accident(token: Token) -> bool:
    """A killing or a blow told with an accident ("killed when a bomber crashed", "a train
    derailed, killing four"), or a participial tail of a blow that names no event ("Typhoon
    Mawar struck the coast, killing 25"): no attack (docs/patterns.md)."""
    if token.pos_ not in VERB_TAGS:
        return False
    linked = [c for c in token.children if c.dep_ in CLAUSE_LINKS]
    # "killed yesterday, when a bomber crashed": the parser hangs the when-clause on the time word
    linked += [r for c in token.children if c.dep_ == "npadvmod" for r in c.children if r.dep_ == "relcl"]
    if token.dep_ in CLAUSE_LINKS:
        linked.append(token.head)
    if any(is_accident(verb) or _driving(verb) for verb in linked):
        return True
    if not shares_subject(token):
        return False
    head_sense = sense_reading(token.head)  # "struck the coast, killing": the tail goes with its head
    return head_sense is not None and head_sense.category == NO_EVENT or told_of_an_accident(token.head)


def _all_assault(patterns: list[TriggerPattern]) -> bool:
    return all(p.category == "ASSAULT" for p in patterns)


def token_triggers(token: Token, lexicon: Lexicon) -> Trigger | None:
    seen: dict[TriggerPattern, list[Token]] = {}
    for form in set(lemma_and_lowercase(token)):
        for pattern in lexicon.candidates(form):
            if pattern not in seen:
                matched = match_pattern(token, pattern)
                if matched:
                    seen[pattern] = matched
    if _moves_a_figure(token):
        return None  # "prices declined", "the lira retreated": no act between parties
    sense = sense_reading(token)
    if sense is not None and sense.category == NO_EVENT:
        return None  # "vowed to fight corruption": this sense names no event
    if not seen:
        return Trigger(token, [sense], [token]) if sense is not None else None
    longest = max(len(p.words) for p in seen)
    best = [p for p in seen if len(p.words) == longest]
    tokens = sorted({t.i: t for p in best for t in seen[p]}.values(), key=lambda t: t.i)
    if sense is not None and not any(_hyphenated(p) for p in best):
        best = [sense]
    if _all_assault(best) and told_of_an_accident(token):
        return None  # "seven people were killed when a bomber crashed"
    return Trigger(token, best, tokens)


def _hyphenated(pattern: TriggerPattern) -> bool:
    """"test-fired a missile", "a cease-fire": a hyphenated word is a word of its own, so the
    sense rules of its last part ("fired a missile") do not read it."""
    return "-" in pattern.words


def find_triggers(sentence: Span, lexicon: Lexicon) -> list[Trigger]:
    """Every trigger in a parsed sentence, in text order."""
    found = (token_triggers(token, lexicon) for token in sentence)
    return [trigger for trigger in found if trigger is not None]
