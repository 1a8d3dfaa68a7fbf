"""The real-news set as built by tools/build_realnews.py: whole, attributed, split by article."""

import json
from collections import Counter
from pathlib import Path

from eventcoder.evaluation.gold import file_sha256

REALNEWS = Path(__file__).resolve().parents[1] / "data" / "realnews"
FLOORS = json.loads((Path(__file__).parent / "accuracy_floors.json").read_text())
FIELDS = {"id", "article_id", "sentence_index", "part", "text", "pub_date", "url", "title"}


def rows(name):
    return [json.loads(line) for line in (REALNEWS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_sentences_are_the_pinned_set():
    # Annotations refer to these ids and texts: a rebuild that changes them must be deliberate.
    assert file_sha256(REALNEWS / "sentences.jsonl") == FLOORS["realnews"]["sentences_sha256"]


def test_every_sentence_has_its_fields_and_a_unique_id():
    sentences = rows("sentences.jsonl")
    assert len(sentences) >= 450
    assert all(FIELDS <= set(s) and s["text"].strip() for s in sentences)
    assert len({s["id"] for s in sentences}) == len(sentences)
    assert all(s["url"].startswith("https://en.wikinews.org/wiki/") for s in sentences)


def test_parts_are_split_by_article_about_two_to_one():
    # A test article gives only test sentences; a dev article may also give train ones
    # (step 5 of tools/build_realnews.py), never test ones.
    articles = {a["article_id"]: a["part"] for a in rows("articles.jsonl")}
    for s in rows("sentences.jsonl"):
        assert s["part"] == articles[s["article_id"]] or (s["part"], articles[s["article_id"]]) == ("train", "dev")
    articles = Counter(articles.values())
    assert set(articles) == {"dev", "test", "train"}
    assert 0.55 <= articles["dev"] / (articles["dev"] + articles["test"]) <= 0.75


def test_train_lines_follow_every_dev_and_test_line():
    # dev and test were annotated before train existed: their lines keep their places.
    for name in ("sentences.jsonl", "articles.jsonl"):
        parts = [row["part"] for row in rows(name)]
        first_train = parts.index("train")
        assert "train" not in parts[:first_train] and set(parts[first_train:]) == {"train"}


def test_train_articles_tell_other_stories_than_dev_and_test():
    articles = rows("articles.jsonl")
    evaluated = [a for a in articles if a["part"] in ("dev", "test")]
    train = [a for a in articles if a["part"] == "train"]
    assert train and not {a["url"] for a in train} & {a["url"] for a in evaluated}
    assert not {a["title"].lower() for a in train} & {a["title"].lower() for a in evaluated}


def test_each_sentence_is_its_article_sentence_at_its_index():
    articles = {a["article_id"]: a for a in rows("articles.jsonl")}
    for s in rows("sentences.jsonl"):
        assert articles[s["article_id"]]["sentences"][s["sentence_index"]] == s["text"]


def test_every_article_is_attributed():
    provenance = (REALNEWS / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "CC BY 2.5" in provenance and (REALNEWS / "LICENSE.md").exists()
    assert all(a["url"] in provenance for a in rows("articles.jsonl"))
