"""The annotation format of docs/annotation.md read as gold, parts, and the error report."""

import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.errors import GoldFormatError
from eventcoder.evaluation.gold import load_gold, select_part
from eventcoder.evaluation.scoring import Tally, report, score_text
from eventcoder.records import Entity, Event, Evidence, TextSpan

SENTENCES = [
    {"id": "a-s00", "article_id": "a", "part": "dev", "pub_date": "2024-03-01",
     "text": "Government troops shelled a rebel town, and the rebels refused to attend the talks."},
    {"id": "a-s01", "article_id": "a", "part": "dev", "pub_date": "2024-03-01",
     "text": "The weather in the capital stayed mild."},
    {"id": "b-s00", "article_id": "b", "part": "test", "pub_date": "2024-03-02",
     "text": "Kenya urged Ethiopia to reopen the border."},
]
ANNOTATIONS = [
    {"id": "a-s00", "annotator": "adjudicated", "events": [
        {"event": "ASSAULT", "mode": "heavy-weapons", "aux": "asserted", "trigger": "shelled",
         "actor": [{"text": "Government troops", "country": "SDN", "sector": "MIL"}],
         "recipient": [{"text": "a rebel town", "country": "SDN", "sector": "REB"}]},
        {"event": "REJECT", "mode": "meet", "aux": "asserted", "trigger": "refused",
         "actor": [{"text": "the rebels", "country": "SDN", "sector": "REB"}], "recipient": []}]},
    {"id": "a-s01", "annotator": "adjudicated", "events": []},
    {"id": "b-s00", "annotator": "adjudicated", "events": [
        {"event": "REQUEST", "aux": "asserted", "actor": [{"text": "Kenya", "country": "KEN"}],
         "recipient": [{"text": "Ethiopia", "country": "ETH"}]}]},
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def gold_folder(tmp_path):
    write_jsonl(tmp_path / "sentences.jsonl", SENTENCES)
    write_jsonl(tmp_path / "gold.jsonl", ANNOTATIONS)
    return tmp_path


def event(category, actors, recipients, aux="asserted", story="a-s00"):
    span = TextSpan("x", 0, 1)
    return Event(id=f"{story}-{category}", story_id=story, event=category, aux=aux,
                 actor=[Entity("a", 0, 1, country=c) for c in actors],
                 recipient=[Entity("r", 0, 1, country=c) for c in recipients],
                 evidence=Evidence("x", 0, 0, span))


def test_annotation_lines_take_text_date_and_part_from_the_sentences_beside_them(gold_folder):
    texts = load_gold(gold_folder / "gold.jsonl")
    assert [(t.id, t.part, t.pub_date) for t in texts] == [
        ("a-s00", "dev", "2024-03-01"), ("a-s01", "dev", "2024-03-01"), ("b-s00", "test", "2024-03-02")]
    assert texts[0].text.startswith("Government troops shelled")
    assert [(e.event, e.aux, e.trigger) for e in texts[0].events] == [
        ("ASSAULT", "asserted", "shelled"), ("REJECT", "asserted", "refused")]


def test_parts_select_texts_and_unknown_parts_are_named(gold_folder):
    texts = load_gold(gold_folder / "gold.jsonl")
    assert [t.id for t in select_part(texts, "test")] == ["b-s00"]
    assert select_part(texts, None) == texts
    with pytest.raises(GoldFormatError, match=r"no text in part 'train' \(parts: dev, test\)"):
        select_part(texts, "train")


def test_a_line_without_text_needs_its_sentence(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "x-s00", "events": []}])
    with pytest.raises(GoldFormatError, match="no sentences file"):
        load_gold(gold)
    write_jsonl(tmp_path / "sentences.jsonl", SENTENCES)
    with pytest.raises(GoldFormatError, match="id 'x-s00' is not in"):
        load_gold(gold)


def test_an_unknown_aux_is_refused(tmp_path):
    write_jsonl(tmp_path / "sentences.jsonl", SENTENCES)
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "a-s01", "events": [{"event": "AID", "aux": "maybe"}]}])
    with pytest.raises(GoldFormatError, match="unknown aux 'maybe'"):
        load_gold(gold)


def test_plover_un_and_eu_codes_read_as_igo(tmp_path):
    line = {"id": "1", "text": "t", "events": [{"event": "AID", "actor": [{"country": "UNO"}],
                                                "recipient": [{"country": "EUR"}]}]}
    record = load_gold(write_jsonl(tmp_path / "g.jsonl", [line]))[0].events[0]
    assert record.actor_countries == {"IGO"} and record.recipient_countries == {"IGO"}


def test_error_report_classes_each_missed_gold_event(gold_folder):
    texts = load_gold(gold_folder / "gold.jsonl")
    tally = Tally()
    # a-s00: ASSAULT found with the right dyad, REJECT missed though another event exists
    score_text(texts[0], [event("ASSAULT", ["SDN"], ["SDN"]), event("ACCUSE", ["SDN"], [])], tally)
    # a-s01: nothing predicted, nothing expected
    score_text(texts[1], [], tally)
    # b-s00: REQUEST found but with the wrong recipient
    score_text(texts[2], [event("REQUEST", ["KEN"], ["SOM"], story="b-s00")], tally)
    result = report(tally)
    assert result["errors"]["REJECT"]["other_category"] == 1
    assert result["errors"]["REJECT"]["produced_instead"] == {"ACCUSE": 1, "ASSAULT": 1}
    assert result["errors"]["REQUEST"]["wrong_dyad"] == 1 and result["errors"]["REQUEST"]["recall"] == 1.0
    assert result["errors"]["ALL"] == {"no_event": 0, "other_category": 1, "wrong_dyad": 1}
    assert result["dyad_recall"] == round(1 / 3, 4) and result["texts_without_gold_events"] == 1
    # micro: TP ASSAULT, REQUEST; FP ACCUSE; FN REJECT
    assert (result["event_micro_precision"], result["event_micro_recall"]) == (round(2 / 3, 4), round(2 / 3, 4))


def test_dyad_recall_accepts_any_event_of_the_category():
    from eventcoder.evaluation.gold import GoldEntity, GoldRecord, GoldText

    gold = GoldRecord("1", "t", "ASSAULT", actor=[GoldEntity("ISR")], recipient=[GoldEntity("PSE")])
    tally = Tally()
    # the best actor match (ISR -> LBN) is wrong; the second ISR event has the right dyad
    score_text(GoldText("1", "t", None, [gold]),
               [event("ASSAULT", ["ISR"], ["LBN"]), event("ASSAULT", ["ISR"], ["PSE"])], tally)
    result = report(tally)
    assert result["dyad_recall"] == 1.0 and result["dyad_accuracy"] == 0.0


def test_aux_accuracy_compares_found_events():
    from eventcoder.evaluation.gold import GoldEntity, GoldRecord, GoldText

    gold = GoldRecord("1", "t", "CONSULT", aux="future", actor=[GoldEntity("TUR")])
    tally = Tally()
    score_text(GoldText("1", "t", None, [gold]), [event("CONSULT", ["TUR"], [], aux="asserted")], tally)
    assert report(tally)["aux_accuracy"] == 0.0


def test_cli_scores_one_part_from_saved_predictions(gold_folder, tmp_path):
    predictions = tmp_path / "events.jsonl"
    predictions.write_text(json.dumps(event("REQUEST", ["KEN"], ["ETH"], story="b-s00").to_dict()) + "\n")
    report_path = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["evaluate", str(gold_folder / "gold.jsonl"), "--part", "test",
                                       "--predictions", str(predictions), "--json", str(report_path)])
    assert result.exit_code == 0, result.output
    saved = json.loads(report_path.read_text())
    assert (saved["part"], saved["texts"], saved["event_micro_f1"], saved["dyad_recall"]) == ("test", 1, 1.0, 1.0)
    assert "Missed gold events by category" in result.output


def test_cli_names_a_missing_part(gold_folder, tmp_path):
    result = CliRunner().invoke(main, ["evaluate", str(gold_folder / "gold.jsonl"), "--part", "train",
                                       "--predictions", str(gold_folder / "sentences.jsonl")])
    assert result.exit_code == 1 and "no text in part 'train'" in result.output
