import pytest

from eventcoder.errors import DictionaryError
from eventcoder.knowledge.lexicon import load_lexicon, read_pattern_file
from eventcoder.ontology import CATEGORIES


def test_every_category_has_patterns():
    lexicon = load_lexicon()
    found = {p.category for patterns in lexicon.by_word.values() for p in patterns}
    assert found == set(CATEGORIES)


def test_governors_loaded():
    lexicon = load_lexicon()
    assert lexicon.governors["say"] == "speech"
    assert lexicon.governors["refuse"] == "REJECT"


def test_user_pattern_file_adds_category(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("blockade runner\tNOUN\t\t\tCOERCE\nembargo\tNOUN\t\t\tSANCTION\n")
    lexicon = load_lexicon([path])
    assert lexicon.candidates("embargo")[0].source.startswith(str(path))


def test_user_pattern_bad_category_names_line(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("# comment\nembargo\tNOUN\t\t\tPUNISH\n")
    with pytest.raises(DictionaryError, match=r"mine.tsv:2: 'PUNISH' is not a PLOVER category"):
        load_lexicon([path])


def test_bad_flag_is_reported():
    with pytest.raises(DictionaryError, match="unknown flags"):
        read_pattern_file(["attack\tVERB\t\tloud"], "x.tsv", "ASSAULT")
