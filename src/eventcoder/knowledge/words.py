"""Word lists as data: the small vocabularies the extract stages decide with.

Each list is one file, data/words/<name>.tsv (format and catalogue in its README.md):
one lowercase word a line, for some lists a tab and a value ("exiled<TAB>ELI OPP"), and
`#` comments. The stages read their lists once, when their module is imported.

Users change a list without editing the package: the folder named by the environment
variable EVENTCODER_WORDS may hold files of the same names, whose lines are merged over
the shipped ones (a user value wins), or replace them when the file's first line is
`# replace`. Because the lists are read at import, the variable must be set before
eventcoder is imported; worker processes inherit it from the environment they start in
(docs/knowledge.md).
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Callable, Iterable

from eventcoder.errors import DictionaryError
from eventcoder.ontology import SECTORS

OVERRIDE_VARIABLE = "EVENTCODER_WORDS"
REPLACE_MARKER = "# replace"
PRONOUN_REFERENTS = ("person", "body", "group", "any")

def _no_value(value: str, where: str) -> str:
    if value:
        raise DictionaryError(f"{where}: this list takes one word a line, no value column")
    return ""


def _sector_codes(value: str, where: str) -> str:
    codes = value.split()
    unknown = [code for code in codes if code not in SECTORS]
    if not codes or unknown:
        raise DictionaryError(f"{where}: expected space-separated PLOVER sector codes after the tab "
                              f"(one of {', '.join(SECTORS)}), got {value!r}")
    return " ".join(codes)


def _pronoun_referent(value: str, where: str) -> str:
    if value not in PRONOUN_REFERENTS:
        raise DictionaryError(f"{where}: expected what the pronoun can stand for after the tab "
                              f"({', '.join(PRONOUN_REFERENTS)}), got {value!r}")
    return value


def _inflected_forms(value: str, where: str) -> str:
    forms = value.split()
    if not forms or any(form != form.lower() for form in forms):
        raise DictionaryError(f"{where}: expected the lowercase irregular forms after the tab, "
                              f"separated by spaces, got {value!r}")
    return " ".join(forms)


# list name -> how its value column is read; plain word lists take none.
VALUE_READERS: dict[str, Callable[[str, str], str]] = {
    "modifier_sectors": _sector_codes,
    "subject_pronouns": _pronoun_referent,
    "irregular_verbs": _inflected_forms,
}
WORD_LISTS = (
    # extract/actors.py
    "actor_phrase_preps", "actor_place_preps", "collectives", "geographic_nouns", "subject_pronouns",
    "facility_nouns", "body_nouns",
    # extract/story.py
    "currency_nouns", "naming_words",
    # knowledge/dictionaries.py
    "modifier_sectors",
    # extract/parties.py
    "charge_verbs", "weapon_nouns",
    # extract/arguments.py
    "argument_preps", "concessive_preps", "frame_nouns", "instrument_nouns", "noun_recipient_preps",
    "object_control_verbs", "recipient_preps", "target_preps", "time_words", "attribution_verbs",
    "undergo_verbs",
    # extract/places.py
    "event_nouns", "generic_words", "not_places", "place_nouns", "place_prepositions",
    # nlp/prefilter.py
    "irregular_verbs",
    # extract/candidates.py, extract/category.py
    "adjunct_preps", "background_preps", "reversal_verbs", "refusal_verbs", "answer_verbs",
    # extract/category.py: movements of armed forces
    "force_nouns",
    # extract/category.py: crowds that gather to protest, prison terms of a sentence
    "crowd_nouns", "prison_terms", "measure_nouns",
    # extract/triggers.py: killings in accidents
    "accident_verbs",
)


def word_set(name: str) -> frozenset[str]:
    """The words of a plain list (shipped, then the user's override folder)."""
    if name in VALUE_READERS:
        raise ValueError(f"word list {name!r} maps words to values; use word_map")
    return frozenset(_merged(name))


def word_map(name: str) -> dict[str, str]:
    """A list that maps each word to a value, in file order (user lines last)."""
    if name not in VALUE_READERS:
        raise ValueError(f"word list {name!r} has no value column; use word_set")
    return dict(_merged(name))


def override_folder() -> Path | None:
    """The user's folder of word lists, from EVENTCODER_WORDS (None when unset)."""
    setting = os.environ.get(OVERRIDE_VARIABLE, "").strip()
    if not setting:
        return None
    folder = Path(setting)
    if not folder.is_dir():
        raise DictionaryError(f"{OVERRIDE_VARIABLE}={setting}: no such folder of word lists")
    _check_file_names(folder)
    return folder


@lru_cache(maxsize=None)
def _merged(name: str) -> dict[str, str]:
    if name not in WORD_LISTS:
        raise ValueError(f"no word list named {name!r} (known: {', '.join(WORD_LISTS)})")
    shipped = _shipped_file(name).read_text(encoding="utf-8").splitlines()
    entries = read_word_list(shipped, name, f"words/{name}.tsv")
    user_file = _user_file(name)
    if user_file is not None:
        lines = _read_user_lines(user_file)
        if lines and lines[0].strip().lower() == REPLACE_MARKER:
            entries = {}
        entries.update(read_word_list(lines, name, str(user_file)))
    return entries


def _user_file(name: str) -> Path | None:
    folder = override_folder()
    path = folder / f"{name}.tsv" if folder is not None else None
    return path if path is not None and path.is_file() else None


def read_word_list(lines: Iterable[str], name: str, where: str) -> dict[str, str]:
    """Parse one list file: word -> value ("" for plain lists); DictionaryError names file:line."""
    read_value = VALUE_READERS.get(name, _no_value)
    entries: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        word, _, value = text.partition("\t")
        _check_word(word, f"{where}:{number}")
        entries[word] = read_value(value.strip(), f"{where}:{number}")
    return entries


def _check_word(word: str, where: str) -> None:
    if word != word.strip() or not word or "\t" in word or " " in word:
        raise DictionaryError(f"{where}: expected one word at the start of the line, then optionally "
                              f"a tab and a value; got {word!r}")
    if word != word.lower():
        raise DictionaryError(f"{where}: write {word!r} in lower case (words are matched lowercased)")


def _shipped_file(name: str) -> Traversable:
    return resources.files("eventcoder.knowledge") / "data" / "words" / f"{name}.tsv"


def _read_user_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise DictionaryError(f"{path}: not UTF-8 text ({error})") from error


def _check_file_names(folder: Path) -> None:
    """A misspelt file name would be silently ignored; say so instead."""
    unknown = sorted(path.name for path in folder.glob("*.tsv") if path.stem not in WORD_LISTS)
    if unknown:
        raise DictionaryError(f"{folder}: {', '.join(unknown)} name no word list "
                              f"(known: {', '.join(WORD_LISTS)})")
