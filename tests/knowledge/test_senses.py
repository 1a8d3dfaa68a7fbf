import pytest

from eventcoder.errors import DictionaryError
from eventcoder.knowledge.senses import NO_EVENT, read_sense_rules, shipped_sense_rules
from eventcoder.ontology import CATEGORIES


def test_shipped_table_loads_and_names_categories():
    rules = shipped_sense_rules()
    assert "strike" in rules
    assert all(rule.category in (*CATEGORIES, NO_EVENT) for found in rules.values() for rule in found)


def test_rules_keep_file_order_and_split_phrases():
    rules = read_sense_rules(["word\tNOUN\tmodifier\ttear gas|air\tASSAULT\tcrowd-control",
                              "word\tNOUN\tprep\ton\tPROTEST"], "mine.tsv")
    first, second = rules["word"]
    assert first.phrases == (("tear", "gas"), ("air",)) and first.mode == "crowd-control"
    assert second.category == "PROTEST" and second.mode == "" and second.source == "mine.tsv:2"


@pytest.mark.parametrize("line, message", [
    ("strike\tADJ\tmodifier\tair\tASSAULT", "part of speech"),
    ("strike\tNOUN\tactor\tair\tASSAULT", "cue"),
    ("call\tVERB\tpredicate\t*\tACCUSE", "only for NONE"),
    ("strike\tNOUN\tmodifier\tair\tATTACK", "not a PLOVER category"),
    ("strike\tNOUN\tmodifier", "expected lemma"),
])
def test_bad_lines_name_file_and_line(line, message):
    with pytest.raises(DictionaryError, match=f"bad.tsv:1: .*{message}"):
        read_sense_rules([line], "bad.tsv")


def test_none_names_a_sense_without_an_event():
    rules = read_sense_rules(["fight\tVERB\tobject\tpoverty\tNONE"], "mine.tsv")
    assert rules["fight"][0].category == "NONE"


def test_any_word_cue_is_read_on_none_lines():
    rules = read_sense_rules(["call\tVERB\tpredicate\t*\tNONE"], "mine.tsv")
    assert rules["call"][0].phrases == (("*",),)
