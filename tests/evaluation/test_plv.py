"""PLV-format gold data: the figures of docs/evaluation.md on a small file of invented sentences.

Expected numbers are worked out by hand in the comments, from the definitions (the same as
the project's external PLV scorer)."""

import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.errors import GoldFormatError
from eventcoder.evaluation.plv import is_plv_file, load_plv, score_plv, unique_sentences

HEADER = "\tsentence_id\tsentence\tsource\ttarget\tgold_root\n"
ROWS = [
    ("Rebels attacked an army base in the north, and the government condemned the raid.",
     "Rebels", "an army base", "ASSAULT"),
    ("Rebels attacked an army base in the north, and the government condemned the raid.",
     "the government", "the raid", "ACCUSE"),
    ("The minister urged the neighbouring state to open the border.",
     "The minister", "the neighbouring state", "REQUEST"),
    ("Prisoners were freed by the junta on Friday.", "the junta", "Prisoners", "YIELD"),
    ("Farmers marched on the capital.", "Farmers", "the capital", "PROTEST"),
]


def event(category, actor, recipient):
    return {"event": category, "story_id": "", "actor": [{"text": actor}] if actor else [],
            "recipient": [{"text": recipient}] if recipient else []}


PREDICTED = {
    "P0000": [event("ASSAULT", "Rebels", "army base"), event("SUPPORT", "the government", "raid")],
    "P0001": [event("REQUEST", "The minister", "farmers"),
              event("THREATEN", "The minister", "the neighbouring state")],
    "P0002": [event("RETREAT", "junta", "Prisoners")],
}


@pytest.fixture
def plv_file(tmp_path):
    path = tmp_path / "tiny_plv.tsv"
    lines = [f"{i}\t{i}\t{s}\t{src}\t{tgt}\t{root}\n" for i, (s, src, tgt, root) in enumerate(ROWS)]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def test_sentences_get_ids_by_first_appearance(plv_file):
    rows = load_plv(plv_file)
    assert [r.sentence_id for r in rows] == ["P0000", "P0000", "P0001", "P0002", "P0003"]
    assert [i for i, _ in unique_sentences(rows)] == ["P0000", "P0001", "P0002", "P0003"]


def test_figures_follow_the_definitions(plv_file):
    report = score_plv(load_plv(plv_file), PREDICTED)
    # found: rows 1 (ASSAULT), 3 (REQUEST, wrong recipient), 4 (YIELD as RETREAT) -> 3/5
    assert report["root_recall"] == 0.6
    # dyad: rows 1 and 4 -> 2/5
    assert report["dyad_recall"] == 0.4
    # labels: ASSAULT, SUPPORT (best overlap for row 2), THREATEN (row 3), YIELD, none
    assert report["label_accuracy"] == 0.4
    assert report["rows_with_no_event_touching_dyad"] == 1
    # per-root F1: ASSAULT 1, YIELD 1, ACCUSE/PROTEST/REQUEST 0 -> macro 2/5
    assert report["per_root_f1"] == {"ACCUSE": 0.0, "ASSAULT": 1.0, "PROTEST": 0.0, "REQUEST": 0.0, "YIELD": 1.0}
    assert report["label_macro_f1"] == 0.4
    # categories per sentence: {ASSAULT ok, SUPPORT}, {REQUEST ok, THREATEN}, {RETREAT ok} -> 3/5
    assert report["sentence_precision"] == 0.6


def test_error_report_separates_why_rows_were_missed(plv_file):
    report = score_plv(load_plv(plv_file), PREDICTED)
    assert report["failures"] == {"other_category": 1, "wrong_dyad": 1, "no_event": 1}
    assert report["per_root"]["ACCUSE"]["produced_instead"] == {"ASSAULT": 1, "SUPPORT": 1}
    assert report["per_root"]["PROTEST"]["no_event"] == 1
    assert report["per_root"]["PROTEST"]["produced_instead"] == {"NONE": 1}
    assert report["per_root"]["REQUEST"]["wrong_dyad"] == 1
    assert report["label_confusion"]["REQUEST"] == {"THREATEN": 1}


def test_a_file_without_the_plv_columns_is_refused(tmp_path):
    path = tmp_path / "other.tsv"
    path.write_text("sentence\tlabel\nSome text.\tAGREE\n", encoding="utf-8")
    assert not is_plv_file(path)
    with pytest.raises(GoldFormatError, match="columns missing: gold_root, source, target"):
        load_plv(path)


def test_cli_scores_saved_predictions_of_a_plv_file(plv_file, tmp_path):
    predictions = tmp_path / "events.jsonl"
    predictions.write_text("".join(json.dumps({**e, "story_id": story}) + "\n"
                                   for story, events in PREDICTED.items() for e in events))
    report_path = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["evaluate", str(plv_file), "--predictions", str(predictions),
                                       "--json", str(report_path)])
    assert result.exit_code == 0, result.output
    assert "root_recall" in result.output and "0.6" in result.output
    report = json.loads(report_path.read_text())
    assert (report["format"], report["root_recall"], report["label_macro_f1"]) == ("plv", 0.6, 0.4)


def test_cli_refuses_part_on_a_plv_file(plv_file):
    result = CliRunner().invoke(main, ["evaluate", str(plv_file), "--part", "dev"])
    assert result.exit_code == 2 and "PLV file has no parts" in result.output


@pytest.mark.model
def test_coding_inside_evaluate_equals_scoring_a_saved_run(plv_file, tmp_path):
    rows = load_plv(plv_file)
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "text": t, "pub_date": "2020-01-01"}) + "\n"
                              for i, t in unique_sentences(rows)))
    runner = CliRunner()
    coded = runner.invoke(main, ["code", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--no-progress"])
    assert coded.exit_code == 0, coded.output
    inside, saved = tmp_path / "inside.json", tmp_path / "saved.json"
    for extra, path in (([], inside), (["--predictions", str(tmp_path / "out.jsonl")], saved)):
        result = runner.invoke(main, ["evaluate", str(plv_file), "--json", str(path), *extra])
        assert result.exit_code == 0, result.output
    first, second = json.loads(inside.read_text()), json.loads(saved.read_text())
    assert first["rows"] == 5 and first["sentences"] == 4
    assert {k: v for k, v in first.items() if k != "gold_file"} == {k: v for k, v in second.items() if k != "gold_file"}
