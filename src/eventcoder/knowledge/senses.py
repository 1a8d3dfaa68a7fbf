"""Word sense as data: the rules that give a trigger word its category from its neighbours.

"Strike" is a labour protest in "a general strike" and an attack in "missile strikes on
nine sites"; "fire" is crowd control when what is fired is tear gas. Each rule in
data/triggers/_senses.tsv (format in its header) names a lemma, where a cue must stand
(a modifier, the object, a preposition) and the reading the cue gives. The rules are read
once, when extract/triggers.py is imported, and applied there (docs/patterns.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from eventcoder.errors import DictionaryError
from eventcoder.ontology import CATEGORIES

CUES = ("modifier", "object", "prep", "prep_object", "governor", "subject", "predicate", "clause")
ANY_CUE = ("*",)  # a cue phrase that matches any word there: only for NONE lines
NO_EVENT = "NONE"  # a sense that names no event ("fight corruption")
SENSE_POS = ("VERB", "NOUN")


@dataclass(frozen=True)
class SenseRule:
    lemma: str
    pos: str
    cue: str
    phrases: tuple[tuple[str, ...], ...]  # each cue phrase as its words
    category: str
    mode: str
    source: str


def parse_sense_line(line: str, where: str) -> SenseRule | None:
    """One table line as a rule; None for comments and blank lines."""
    text = line.split("#", 1)[0].rstrip()
    if not text.strip():
        return None
    cells = [cell.strip() for cell in text.split("\t")] + [""]
    if len(cells) < 6 or not all(cells[:5]):
        raise DictionaryError(f"{where}: expected lemma, pos, cue, cue phrases, category and "
                              f"optionally a mode, separated by tabs")
    lemma, pos, cue, phrases, category, mode = cells[:6]
    if pos not in SENSE_POS:
        raise DictionaryError(f"{where}: part of speech {pos!r} is not one of {', '.join(SENSE_POS)}")
    if cue not in CUES:
        raise DictionaryError(f"{where}: cue {cue!r} is not one of {', '.join(CUES)}")
    if category not in CATEGORIES and category != NO_EVENT:
        raise DictionaryError(f"{where}: {category!r} is not a PLOVER category (or {NO_EVENT})")
    words = tuple(tuple(p.split()) for p in phrases.lower().split("|") if p.strip())
    if ANY_CUE in words and category != NO_EVENT:
        raise DictionaryError(f"{where}: the cue phrase '*' (any word) is only for {NO_EVENT} lines")
    return SenseRule(lemma.lower(), pos, cue, words, category, mode, where)


def read_sense_rules(lines: Iterable[str], name: str) -> dict[str, tuple[SenseRule, ...]]:
    """Rules by lemma, in file order (the first matching rule wins)."""
    rules: dict[str, list[SenseRule]] = {}
    for number, line in enumerate(lines, 1):
        rule = parse_sense_line(line, f"{name}:{number}")
        if rule is not None:
            rules.setdefault(rule.lemma, []).append(rule)
    return {lemma: tuple(found) for lemma, found in rules.items()}


@lru_cache(maxsize=1)
def shipped_sense_rules() -> dict[str, tuple[SenseRule, ...]]:
    """The packaged table, data/triggers/_senses.tsv."""
    path = resources.files("eventcoder.knowledge") / "data" / "triggers" / "_senses.tsv"
    return read_sense_rules(path.read_text(encoding="utf-8").splitlines(), "_senses.tsv")
