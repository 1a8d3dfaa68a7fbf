"""The word lists in knowledge/data/words: they load, they validate, and a user folder changes them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from eventcoder.errors import DictionaryError
from eventcoder.knowledge import words
from eventcoder.knowledge.words import OVERRIDE_VARIABLE, WORD_LISTS, read_word_list, word_map, word_set

WORDS_DIR = Path(str(resources.files("eventcoder.knowledge") / "data" / "words"))


@pytest.fixture
def user_folder(tmp_path, monkeypatch):
    """An EVENTCODER_WORDS folder for this test; the loader's memo is cleared around it."""
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    words._merged.cache_clear()
    yield tmp_path
    words._merged.cache_clear()


def test_every_shipped_file_is_a_known_list_and_loads():
    files = sorted(path.stem for path in WORDS_DIR.glob("*.tsv"))
    assert files == sorted(WORD_LISTS)
    for name in WORD_LISTS:
        loaded = word_map(name) if name in words.VALUE_READERS else word_set(name)
        assert loaded, f"{name}.tsv is empty"


def test_the_readme_lists_every_file():
    readme = (WORDS_DIR / "README.md").read_text(encoding="utf-8")
    assert [name for name in WORD_LISTS if f"`{name}.tsv`" not in readme] == []


def test_shipped_values_are_read_in_file_order():
    assert word_map("modifier_sectors")["exiled"] == "ELI OPP"
    assert word_map("subject_pronouns")["she"] == "person"
    assert "withheld" not in word_map("irregular_verbs")  # bases only; "hold" -> "held"
    assert word_map("irregular_verbs")["hold"] == "held"
    assert "border" in word_set("geographic_nouns")


@pytest.mark.parametrize("name, line, message", [
    ("frame_nouns", "push\tbig", "no value column"),
    ("frame_nouns", "Push", "lower case"),
    ("frame_nouns", "push back", "one word"),
    ("modifier_sectors", "hardline\tOPX", "PLOVER sector codes"),
    ("modifier_sectors", "hardline", "PLOVER sector codes"),
    ("subject_pronouns", "thou\tghost", "person, body, group, any"),
])
def test_malformed_line_names_file_and_line(name, line, message):
    with pytest.raises(DictionaryError, match=rf"mine\.tsv:3: .*{message}"):
        read_word_list(["# my list", "", line], name, "mine.tsv")


def test_user_file_is_merged_over_the_shipped_list(user_folder):
    (user_folder / "frame_nouns.tsv").write_text("# mine\npush  # \"a diplomatic push for\"\n")
    (user_folder / "modifier_sectors.tsv").write_text("hardline\tOPP\nformer\tELI OPP\n")
    assert word_set("frame_nouns") == words.read_word_list(
        (WORDS_DIR / "frame_nouns.tsv").read_text().splitlines(), "frame_nouns", "x").keys() | {"push"}
    sectors = word_map("modifier_sectors")
    assert (sectors["hardline"], sectors["former"], sectors["opposition"]) == ("OPP", "ELI OPP", "OPP")


def test_replace_marker_drops_the_shipped_list(user_folder):
    (user_folder / "frame_nouns.tsv").write_text("# replace\npush\n")
    assert word_set("frame_nouns") == {"push"}


def test_malformed_user_file_names_its_path_and_line(user_folder):
    (user_folder / "time_words.tsv").write_text("# times\ndawn\nDusk\n")
    with pytest.raises(DictionaryError, match=rf"{user_folder / 'time_words.tsv'}:3: write 'Dusk' in lower case"):
        word_set("time_words")


def test_misspelt_user_file_is_an_error(user_folder):
    (user_folder / "frame_noun.tsv").write_text("push\n")
    with pytest.raises(DictionaryError, match="frame_noun.tsv name no word list"):
        word_set("frame_nouns")


def test_missing_user_folder_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path / "nowhere"))
    words._merged.cache_clear()
    try:
        with pytest.raises(DictionaryError, match="no such folder of word lists"):
            word_set("frame_nouns")
    finally:
        words._merged.cache_clear()


# A parse built by hand (no model): "Troops gathered beyond Kabul." with "beyond" a preposition
# and "the Thai ridge", where "ridge" is not a shipped geographic noun.
DECISIONS = """
import json
import spacy
from spacy.tokens import Doc
from eventcoder.extract.actors import _on_a_border
from eventcoder.extract.places import find_place_phrases

doc = Doc(spacy.blank("en").vocab, words=["Troops", "gathered", "beyond", "Kabul", "near", "the", "Thai", "ridge", "."],
          heads=[1, 1, 1, 2, 1, 7, 7, 4, 1],
          deps=["nsubj", "ROOT", "prep", "pobj", "prep", "det", "amod", "pobj", "punct"],
          pos=["NOUN", "VERB", "ADP", "PROPN", "ADP", "DET", "ADJ", "NOUN", "PUNCT"],
          lemmas=["troop", "gather", "beyond", "Kabul", "near", "the", "thai", "ridge", "."])
print(json.dumps({"places": [text for text, _, _ in find_place_phrases(doc[:])],
                  "thai_is_a_place": _on_a_border(doc[6])}))
"""


def _decisions(folder: Path | None) -> dict:
    env = {key: value for key, value in os.environ.items() if key != OVERRIDE_VARIABLE}
    if folder is not None:
        env[OVERRIDE_VARIABLE] = str(folder)
    done = subprocess.run([sys.executable, "-c", DECISIONS], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_an_override_changes_decisions_in_a_fresh_process(tmp_path):
    assert _decisions(None) == {"places": [], "thai_is_a_place": False}
    (tmp_path / "place_prepositions.tsv").write_text("beyond\n")
    (tmp_path / "geographic_nouns.tsv").write_text("ridge  # \"the Thai ridge\"\n")
    assert _decisions(tmp_path) == {"places": ["Kabul"], "thai_is_a_place": True}


@pytest.mark.slow
def test_a_bad_override_stops_the_import_naming_the_line(tmp_path):
    (tmp_path / "collectives.tsv").write_text("dozens\nbunch\tof\n")
    env = {**os.environ, OVERRIDE_VARIABLE: str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", "import eventcoder.extract.actors"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"DictionaryError: {tmp_path / 'collectives.tsv'}:2: this list takes one word a line" in done.stderr
