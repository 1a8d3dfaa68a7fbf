import json

from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.analysis.dedup import cluster_events, deduplicate, one_a_day, one_per_story


def entity(country, sector, text="x"):
    return {"text": text, "start": 0, "end": 1, "country": country, "sector": sector, "other_sectors": []}


def event(id, story, date, category="PROTEST", actor=("SDN", "CVL"), recipient=("SDN", "GOV"), country=None):
    return {
        "id": id, "story_id": story, "date": date, "pub_date": date, "event": category,
        "actor": [entity(*actor)], "recipient": [entity(*recipient)],
        "location": {"text": "here", "country": country} if country is not None else None,
    }


EVENTS = [
    event("a1", "s1", "2025-03-01", country="SDN"),
    event("a2", "s1", "2025-03-01", country="SDN"),  # same story, same dyad: duplicate everywhere
    event("b1", "s2", "2025-03-01"),  # another story, same day: one-a-day drops it
    event("c1", "s3", "2025-03-02", country="SDN"),  # next day: cluster merges it
    event("d1", "s4", "2025-03-02", country="EGY"),  # other country: never merged
    event("e1", "s5", "2025-03-09", country="SDN"),  # outside the window
    event("f1", "s6", "2025-03-01", category="ASSAULT", country="SDN"),  # other category
    event("g1", "s7", "2025-03-01", recipient=("SDN", "MIL")),  # other recipient sector
]


def ids(records):
    return [r["id"] for r in records]


def test_one_a_day():
    assert ids(one_a_day(EVENTS)) == ["a1", "c1", "e1", "f1", "g1"]


def test_one_a_day_falls_back_to_pub_date():
    undated = [dict(event("x1", "s1", None), pub_date="2025-03-01"), event("x2", "s2", "2025-03-01")]
    assert ids(one_a_day(undated)) == ["x1"]


def test_one_per_story():
    assert ids(one_per_story(EVENTS)) == ["a1", "b1", "c1", "d1", "e1", "f1", "g1"]


def test_entity_order_and_wording_do_not_matter():
    two_actors = event("y1", "s1", "2025-03-01")
    two_actors["actor"] = [entity("SDN", "CVL", "students"), entity("SDN", "LAB", "unions")]
    swapped = event("y2", "s1", "2025-03-01")
    swapped["actor"] = [entity("SDN", "LAB", "workers"), entity("SDN", "CVL", "pupils")]
    assert ids(one_per_story([two_actors, swapped])) == ["y1"]


def test_cluster_events():
    merged = cluster_events(EVENTS, window_days=2)
    summary = [(r["id"], r["story_ids"], r["duplicate_count"]) for r in merged]
    assert summary == [
        ("a1", ["s1", "s2", "s3"], 4),
        ("f1", ["s6"], 1),
        ("g1", ["s7"], 1),
        ("d1", ["s4"], 1),
        ("e1", ["s5"], 1),
    ]
    assert merged[0]["location"] == {"text": "here", "country": "SDN"}


def test_cluster_is_deterministic_and_window_is_inclusive():
    assert cluster_events(list(reversed(EVENTS))) == cluster_events(EVENTS)
    assert [r["duplicate_count"] for r in cluster_events(EVENTS, window_days=0)][:2] == [3, 1]
    assert len(cluster_events(EVENTS, window_days=8)) == 4


def test_undated_records_are_not_merged():
    records = [event("u1", "s1", None), event("u2", "s2", None)]
    assert ids(cluster_events(records)) == ["u1", "u2"]


def test_deduplicate_rejects_unknown_method():
    try:
        deduplicate(EVENTS, "random")
    except ValueError as error:
        assert "one-a-day" in str(error)
    else:
        raise AssertionError("no error")


def run_dedup(tmp_path, *args, lines=None):
    source = tmp_path / "in.jsonl"
    source.write_text(lines if lines is not None else "".join(json.dumps(e) + "\n" for e in EVENTS))
    target = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["dedup", str(source), "-o", str(target), *args])
    return result, target


def test_cli_one_a_day(tmp_path):
    result, target = run_dedup(tmp_path, "--method", "one-a-day")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert rows == [EVENTS[0], EVENTS[3], EVENTS[5], EVENTS[6], EVENTS[7]]
    assert "8 records in, 5 out" in result.stderr


def test_cli_cluster(tmp_path):
    result, target = run_dedup(tmp_path, "--method", "cluster", "--window-days", "0")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [(r["id"], r["story_ids"], r["duplicate_count"]) for r in rows] == [
        ("a1", ["s1", "s2"], 3), ("f1", ["s6"], 1), ("g1", ["s7"], 1),
        ("c1", ["s3"], 1), ("d1", ["s4"], 1), ("e1", ["s5"], 1),
    ]
    assert rows[0] == {**EVENTS[0], "story_ids": ["s1", "s2"], "duplicate_count": 3}


def test_cli_reports_bad_line(tmp_path):
    result, target = run_dedup(tmp_path, lines=json.dumps(EVENTS[0]) + "\n{oops\n")
    assert result.exit_code == 1
    assert "line 2: not JSON" in result.stderr
