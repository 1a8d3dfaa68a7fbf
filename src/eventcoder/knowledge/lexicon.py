"""Trigger knowledge as data: the per-category pattern files and the governor table.

The files live in eventcoder/knowledge/data/triggers (format in its README.md); users add their own
with the same format. Loading is separate from matching so a loaded Lexicon can be pickled
and shipped to worker processes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from eventcoder.errors import DictionaryError
from eventcoder.ontology import CATEGORIES

FLAGS = frozenset({"speech", "reciprocal", "guest", "arg", "intransitive", "transitive", "forces",
                   "negated", "patient", "crowd", "directive",
                   "not_naming", "mutual"})
POS_VALUES = frozenset({"VERB", "NOUN", "ANY", "ADJ"})
GOVERNOR_EFFECTS = frozenset(
    {"speech", "belief", "future", "hypothetical", "negated", "transparent", "executive", "AGREE",
     "REJECT", "THREATEN", "REQUEST"}
)


@dataclass(frozen=True)
class TriggerPattern:
    words: tuple[str, ...]
    pos: str
    category: str
    mode: str = ""
    flags: frozenset[str] = frozenset()
    source: str = ""

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass
class Lexicon:
    """All trigger patterns indexed by each word, plus governors and description verbs."""

    by_word: dict[str, list[TriggerPattern]] = field(default_factory=lambda: defaultdict(list))
    governors: dict[str, str] = field(default_factory=dict)
    descriptions: frozenset[str] = frozenset()

    def add(self, pattern: TriggerPattern) -> None:
        for word in set(pattern.words):
            self.by_word[word].append(pattern)

    def candidates(self, lemma: str) -> list[TriggerPattern]:
        return self.by_word.get(lemma, [])


def _data_dir():
    return resources.files("eventcoder.knowledge") / "data" / "triggers"


def parse_pattern_line(line: str, category: str, where: str) -> TriggerPattern | None:
    text = line.split("#", 1)[0].rstrip("\n")
    if not text.strip():
        return None
    cells = [c.strip() for c in text.split("\t")] + ["", "", ""]
    words, pos, mode, flags = cells[0], cells[1] or "ANY", cells[2], cells[3]
    if not words:
        raise DictionaryError(f"{where}: empty pattern")
    if pos not in POS_VALUES:
        raise DictionaryError(f"{where}: part of speech {pos!r} is not one of {sorted(POS_VALUES)}")
    flag_set = frozenset(f for f in flags.split(",") if f)
    if flag_set - FLAGS:
        raise DictionaryError(f"{where}: unknown flags {sorted(flag_set - FLAGS)}")
    return TriggerPattern(tuple(words.lower().split()), pos, category, mode, flag_set, where)


def read_pattern_file(lines: Iterable[str], name: str, category: str | None = None) -> list[TriggerPattern]:
    """Parse one lexicon file; a user file may give the category per line as a 5th column."""
    patterns = []
    for number, line in enumerate(lines, 1):
        where = f"{name}:{number}"
        line_category = category
        if category is None:
            cells = line.split("#", 1)[0].split("\t")
            if len(cells) < 5 or not cells[4].strip():
                if line.split("#", 1)[0].strip():
                    raise DictionaryError(f"{where}: user pattern lines need 5 tab-separated columns "
                                          "(pattern, pos, mode, flags, category)")
                continue
            line_category = cells[4].strip().upper()
            if line_category not in CATEGORIES:
                raise DictionaryError(f"{where}: {line_category!r} is not a PLOVER category")
        pattern = parse_pattern_line(line, line_category, where)
        if pattern:
            patterns.append(pattern)
    return patterns


def _read_table(name: str) -> list[list[str]]:
    rows = []
    for line in (_data_dir() / name).read_text(encoding="utf-8").splitlines():
        text = line.split("#", 1)[0].strip()
        if text:
            rows.append(text.split("\t"))
    return rows


def load_lexicon(user_files: Sequence[str | Path] = ()) -> Lexicon:
    """The shipped lexicons, then user pattern files (which are consulted first)."""
    lexicon = Lexicon()
    for path in [Path(p) for p in user_files]:
        if not path.is_file():
            raise DictionaryError(f"{path}: pattern file not found")
        for pattern in read_pattern_file(path.read_text(encoding="utf-8").splitlines(), str(path)):
            lexicon.add(pattern)
    for category in CATEGORIES:
        name = f"{category.lower()}.tsv"
        lines = (_data_dir() / name).read_text(encoding="utf-8").splitlines()
        for pattern in read_pattern_file(lines, name, category):
            lexicon.add(pattern)
    lexicon.governors = _load_governors()
    lexicon.descriptions = frozenset(row[0] for row in _read_table("_descriptions.tsv"))
    return lexicon


def _load_governors() -> dict[str, str]:
    governors: dict[str, str] = {}
    for row in _read_table("_governors.tsv"):
        lemma, effect = row[0].strip(), row[-1].strip()
        if effect not in GOVERNOR_EFFECTS:
            raise DictionaryError(f"_governors.tsv: unknown effect {effect!r} for {lemma!r}")
        governors.setdefault(lemma, effect)
    return governors
