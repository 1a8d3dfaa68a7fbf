"""tools/train_classifier.py's real-news rows: one row per category of a part's gold events."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "train_classifier.py"
_spec = importlib.util.spec_from_file_location("train_classifier", TOOL)
train_classifier = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = train_classifier
_spec.loader.exec_module(train_classifier)


def write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def realnews(tmp_path: Path) -> Path:
    write(tmp_path / "sentences.jsonl", [
        {"id": "a-s00", "part": "train", "text": "Police arrested and charged two men."},
        {"id": "a-s01", "part": "train", "text": "The weather was fine."},
        {"id": "b-s00", "part": "test", "text": "Rebels attacked a convoy."},
    ])
    write(tmp_path / "gold.jsonl", [
        {"id": "a-s00", "events": [{"event": "COERCE"}, {"event": "ACCUSE"}, {"event": "COERCE"}]},
        {"id": "a-s01", "events": []},
        {"id": "b-s00", "events": [{"event": "ASSAULT"}]},
    ])
    return tmp_path


def test_each_category_of_a_sentence_is_one_row_and_other_parts_give_none(realnews):
    rows = train_classifier.load_realnews(realnews, "train")
    assert list(zip(rows["sentence"], rows["category"])) == [
        ("Police arrested and charged two men.", "COERCE"), ("Police arrested and charged two men.", "ACCUSE")]


def test_real_news_rows_are_repeated_beside_plv_and_synthetic_rows(realnews):
    rows = train_classifier.load_realnews(realnews, "train")
    texts, labels = train_classifier.plv_training_rows(["p"], ["AID"], 2, (["s"], ["AGREE"]), (rows, 3))
    assert list(labels) == ["AID", "AID"] + ["COERCE", "ACCUSE"] * 3 + ["AGREE"]
    assert texts[-1] == "s"
