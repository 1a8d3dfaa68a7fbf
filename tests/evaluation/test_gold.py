import json

import pytest

from eventcoder.errors import GoldFormatError
from eventcoder.evaluation.scoring import Tally, report, score_text
from eventcoder.evaluation.gold import iso_code, load_gold
from eventcoder.records import Entity, Event, Evidence, TextSpan


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_gsr_format_maps_old_names_and_codes(tmp_path):
    records = [
        {"id": "D", "event": "DOCUMENT", "eventText": "x"},
        {"id": "a", "event": "DEMAND", "text": "Some text.", "date": "2001-02-03",
         "source": [{"code": "JAP", "sector": "GOV"}], "target": ""},
        {"id": "a", "event": "FIGHT", "text": "Other text.", "source": [{"code": "IGO"}],
         "target": [{"code": "ITL"}]},
    ]
    texts = load_gold(write(tmp_path, "g.json", json.dumps(records)))
    assert [(t.id, t.events[0].event) for t in texts] == [("a", "REQUEST"), ("a#2", "ASSAULT")]
    assert texts[0].events[0].actor_countries == {"JPN"} and texts[0].events[0].recipient == []
    assert texts[1].events[0].recipient_countries == {"ITA"}
    assert texts[0].pub_date == "2001-02-03"


def test_jsonl_format_allows_texts_without_events(tmp_path):
    lines = [json.dumps({"id": "1", "text": "t", "events": []}),
             json.dumps({"id": "2", "text": "u", "events": [{"event": "AID", "actor": [{"country": "USA"}]}]})]
    texts = load_gold(write(tmp_path, "g.jsonl", "\n".join(lines)))
    assert [len(t.events) for t in texts] == [0, 1]


def test_jsonl_errors_name_the_line(tmp_path):
    with pytest.raises(GoldFormatError, match=r"g.jsonl:2: malformed JSON"):
        load_gold(write(tmp_path, "g.jsonl", '{"id": 1, "text": "x", "events": []}\n{oops'))
    with pytest.raises(GoldFormatError, match="unknown event category 'PUNISH'"):
        load_gold(write(tmp_path, "h.jsonl", '{"text": "x", "events": [{"event": "PUNISH"}]}'))


def test_iso_code_keeps_non_state_codes():
    assert iso_code("jap") == "JPN" and iso_code("IGO") == "IGO"


def _event(category, actors, recipients):
    span = TextSpan("x", 0, 1)
    return Event(id="e", story_id="s", event=category,
                 actor=[Entity("a", 0, 1, country=c) for c in actors],
                 recipient=[Entity("r", 0, 1, country=c) for c in recipients],
                 evidence=Evidence("x", 0, 0, span))


def test_scoring_counts_sets_and_dyads(tmp_path):
    lines = [json.dumps({"id": "1", "text": "t", "events": [
        {"event": "ASSAULT", "actor": [{"country": "RUS"}], "recipient": [{"country": "UKR"}]}]})]
    text = load_gold(write(tmp_path, "g.jsonl", "\n".join(lines)))[0]
    tally = Tally()
    score_text(text, [_event("ASSAULT", ["RUS"], ["UKR"]), _event("THREATEN", ["RUS"], [])], tally)
    result = report(tally)
    assert result["event_micro_precision"] == 0.5 and result["event_micro_recall"] == 1.0
    assert result["dyad_accuracy"] == 1.0
    assert result["per_category"]["THREATEN"]["predicted"] == 1


def test_wrong_recipient_is_not_a_dyad(tmp_path):
    line = json.dumps({"id": "1", "text": "t", "events": [{"event": "AID", "actor": [{"country": "JPN"}],
                                                            "recipient": [{"country": "UKR"}]}]})
    text = load_gold(write(tmp_path, "g.jsonl", line))[0]
    tally = Tally()
    score_text(text, [_event("AID", ["JPN"], ["RUS"])], tally)
    result = report(tally)
    assert result["actor_country_accuracy"] == 1.0 and result["recipient_country_accuracy"] == 0.0
    assert result["dyad_accuracy"] == 0.0
