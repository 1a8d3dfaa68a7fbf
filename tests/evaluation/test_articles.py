"""Gold sentences scored inside their articles (evaluation/articles.py, evaluate --in-articles)."""

import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.errors import GoldFormatError
from eventcoder.evaluation.articles import Articles
from eventcoder.evaluation.gold import GoldText

ARTICLE = {"article_id": "a1", "pub_date": "2024-03-01", "title": "Budget",
           "sentences": ["Kenya's parliament passed a new budget on Tuesday.",
                         "Kenya's treasury welcomed the vote.",
                         "Otieno Kamau criticised the judges."]}


def write_set(folder):
    (folder / "articles.jsonl").write_text(json.dumps(ARTICLE) + "\n")
    (folder / "sentences.jsonl").write_text("".join(
        json.dumps({"id": f"a1-s{i}", "article_id": "a1", "sentence_index": i, "part": "dev",
                    "pub_date": "2024-03-01", "text": text}) + "\n"
        for i, text in enumerate(ARTICLE["sentences"]) if i != 1))
    gold = [{"id": "a1-s0", "events": []},
            {"id": "a1-s2", "events": [{"event": "ACCUSE", "actor": [{"country": "KEN"}], "recipient": [{"country": "KEN"}]}]}]
    (folder / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold))
    return folder / "gold.jsonl"


@pytest.mark.model
def test_each_event_goes_to_the_sentence_it_was_found_in(tmp_path, coder):
    write_set(tmp_path)
    articles = Articles(tmp_path / "articles.jsonl",
                        lambda documents: [r.events for r in coder.code_batch(documents)])
    texts = [GoldText("x", ARTICLE["sentences"][i], None, [], "dev", "a1", i) for i in range(3)]
    by_sentence = articles.code_batch(texts)
    assert [e.event for e in by_sentence[1]] == ["SUPPORT"]
    assert [e.event for e in by_sentence[2]] == ["ACCUSE"]
    assert all(e.evidence.sentence == ARTICLE["sentences"][i] for i in range(3) for e in by_sentence[i])


def test_a_sentence_without_its_article_is_a_clear_error(tmp_path):
    write_set(tmp_path)
    articles = Articles(tmp_path / "articles.jsonl", lambda documents: [[] for _ in documents])
    with pytest.raises(GoldFormatError, match="not in"):
        articles.code_batch([GoldText("x", "t", None, [], "dev", "nowhere", 0)])
    with pytest.raises(GoldFormatError, match="no article_id"):
        articles.code_batch([GoldText("x", "t", None, [])])


@pytest.mark.model
def test_evaluate_in_articles_gives_the_story_country_alone_coding_cannot(tmp_path):
    gold = write_set(tmp_path)
    alone = CliRunner().invoke(main, ["evaluate", str(gold), "--json", str(tmp_path / "alone.json")])
    inside = CliRunner().invoke(main, ["evaluate", str(gold), "--in-articles", "--json", str(tmp_path / "in.json")])
    assert alone.exit_code == 0 and inside.exit_code == 0, alone.output + inside.output
    alone_report = json.loads((tmp_path / "alone.json").read_text())
    inside_report = json.loads((tmp_path / "in.json").read_text())
    assert inside_report["in_articles"] and not alone_report["in_articles"]
    assert (alone_report["dyad_recall"], inside_report["dyad_recall"]) == (0.0, 1.0)


def test_articles_needs_in_articles(tmp_path):
    gold = write_set(tmp_path)
    result = CliRunner().invoke(main, ["evaluate", str(gold), "--articles", str(tmp_path / "articles.jsonl")])
    assert result.exit_code == 2 and "--in-articles" in result.output
