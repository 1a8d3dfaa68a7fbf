"""The pre-parse filter: which sentences can hold an event, decided from their words alone.

Parsing is the expensive step, so a sentence reaches the parser only when the words of
some way to code an event are all in it:
- a one-word trigger pattern ("attack"), in any of its word forms ("attacked", "attacks");
- every word of a multi-word pattern ("open" and "fire"; punctuation in a pattern is
  ignored, since it is always allowed to be there);
- a readiness adjective ("willing") or a speech verb with an obligation modal ("said ...
  must", "said ... needs to"), the two event sources that are not trigger patterns
  (extract/candidates.py).
Word forms are generated from each pattern word (regular endings and a table of irregular
verbs, also inside compounds: "withheld" from "withhold") and over-generated on purpose:
an extra form only costs a parse, a missing one loses an event. docs/speed.md reports
what the filter saves and, with benchmarks/prefilter_recall.py, that it loses no event.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from eventcoder.extract.candidates import NEED_VERBS, OBLIGATION_MODALS
from eventcoder.knowledge.lexicon import Lexicon
from eventcoder.knowledge.senses import NO_EVENT, shipped_sense_rules
from eventcoder.knowledge.words import word_map

# Irregular verbs: base -> past and participle forms, which a regular ending cannot reach
# (data/words/irregular_verbs.tsv).
IRREGULAR_VERBS = word_map("irregular_verbs")
WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class EventWords:
    single: frozenset[str]  # forms that alone can make an event
    patterns: tuple[tuple[frozenset[str], ...], ...]  # multi-word patterns: forms per word
    speech: frozenset[str]  # forms of speech verbs, for "said ... must"
    obligations: frozenset[str]


def event_words(lexicon: Lexicon) -> EventWords:
    forms_of = functools.cache(inflected_forms)  # 3,100 calls, 900 words: a third of the work
    patterns = {pattern for listed in lexicon.by_word.values() for pattern in listed}
    single: set[str] = set()
    multi = set()
    for pattern in patterns:
        words = [word for word in pattern.words if WORD.fullmatch(word)]
        if len(words) == 1:
            single |= forms_of(words[0])
        elif words:
            multi.add(tuple(frozenset(forms_of(word)) for word in words))
    for rules in shipped_sense_rules().values():  # "fired rockets": a sense rule's word and its cue
        multi |= {(frozenset(forms_of(rule.lemma)), frozenset(forms_of(phrase[-1])))
                  for rule in rules if rule.category != NO_EVENT for phrase in rule.phrases}
    governed = lexicon.governors.items()
    for word, effect in governed:
        if effect == "AGREE":
            single |= forms_of(word)
    speech = {form for word, effect in governed if effect == "speech" for form in forms_of(word)}
    obligations = OBLIGATION_MODALS | {form for verb in NEED_VERBS for form in forms_of(verb)}
    return EventWords(frozenset(single), tuple(sorted(multi, key=repr)), frozenset(speech), frozenset(obligations))


def inflected_forms(word: str) -> set[str]:
    """The word and its inflections, generously (inflections of each part of "step down")."""
    forms = {word}
    for part in word.split():
        forms |= _inflections(part)
    return forms


def _inflections(word: str) -> set[str]:
    forms = {word, word + "s", word + "es", word + "d", word + "ed", word + "ing", word + "n", word + "en"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2:
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    for start in range(len(word) + 1):  # each ending of the word that is an irregular verb:
        irregular = IRREGULAR_VERBS.get(word[start:])  # "withhold" -> "withheld", "overthrow" -> "overthrew"
        if irregular is not None:
            forms |= {word[:start] + form for form in irregular.split()}
    return forms


def may_hold_event(sentence: str, words: EventWords) -> bool:
    present = set(WORD.findall(sentence.lower()))
    if not present.isdisjoint(words.single):
        return True
    if not present.isdisjoint(words.speech) and not present.isdisjoint(words.obligations):
        return True
    return any(all(not present.isdisjoint(forms) for forms in pattern) for pattern in words.patterns)
