"""The explorer over HTTP: every JSON twin, the /api/events filters against a DuckDB query of
the same file, escaping, and the server's own limits (loopback, headers, Ctrl-C)."""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlencode

import duckdb
import pytest

from explore_harness import HOSTILE_ACTOR, HOSTILE_ID, Explorer

pytestmark = [pytest.mark.slow, pytest.mark.model]

EVENT_DATE = "coalesce(try_cast(date AS DATE), try_cast(pub_date AS DATE))"
ACTOR_COUNTRIES = "list_transform(actor, lambda a: a.country)"
RECIPIENT_COUNTRIES = "list_transform(recipient, lambda r: r.country)"


@pytest.fixture(scope="module")
def reference(events_file):
    """The same file read straight by DuckDB, without the explorer's code."""
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE raw AS SELECT * FROM read_json_auto('{events_file}', format='newline_delimited')")
    return connection


def reference_ids(reference, where: str = "true", values: list | None = None) -> list[str]:
    rows = reference.execute(f"SELECT id FROM raw WHERE {where} ORDER BY {EVENT_DATE} DESC NULLS LAST, id",
                             values or []).fetchall()
    return [row[0] for row in rows]


def api(explorer, **params) -> dict:
    return explorer.get_json("/api/events?" + urlencode({"limit": 1000, **params}))


def test_no_parameter_means_every_event_whatever_its_aux(explorer, reference, coded_events):
    answer = explorer.get_json("/api/events")
    assert answer["total"] == len(coded_events) == reference.execute("SELECT count(*) FROM raw").fetchone()[0]
    assert len({event["aux"] for event in api(explorer)["events"]}) >= 2
    assert len(answer["events"]) == min(50, len(coded_events))  # default page


FILTERS = [
    ({"category": "ASSAULT"}, "event = ?", ["ASSAULT"]),
    ({"category": "accuse"}, "event = ?", ["ACCUSE"]),
    ({"actor_country": "RUS"}, f"list_contains({ACTOR_COUNTRIES}, ?)", ["RUS"]),
    ({"recipient_country": "JPN"}, f"list_contains({RECIPIENT_COUNTRIES}, ?)", ["JPN"]),
    ({"aux": "hypothetical"}, "aux = ?", ["hypothetical"]),
    ({"start": "2025-01-01"}, f"{EVENT_DATE} >= ?::DATE", ["2025-01-01"]),
    ({"start": "2024-01-01", "end": "2024-03-31"}, f"{EVENT_DATE} BETWEEN ?::DATE AND ?::DATE",
     ["2024-01-01", "2024-03-31"]),
    ({"q": "Ukraine"}, "contains(lower(evidence.sentence), ?)", ["ukraine"]),
    ({"category": "ASSAULT", "actor_country": "RUS", "end": "2024-12-31"},
     f"event = ? AND list_contains({ACTOR_COUNTRIES}, ?) AND {EVENT_DATE} <= ?::DATE", ["ASSAULT", "RUS", "2024-12-31"]),
    ({"category": "NOSUCH"}, "event = ?", ["NOSUCH"]),
]


@pytest.mark.parametrize(("params", "where", "values"), FILTERS, ids=[urlencode(f[0]) for f in FILTERS])
def test_api_filters_give_the_events_a_duckdb_query_gives(explorer, reference, params, where, values):
    expected = reference_ids(reference, where, values)
    answer = api(explorer, **params)
    assert answer["total"] == len(expected)
    assert [event["id"] for event in answer["events"]] == expected


def test_each_parameter_narrows(explorer):
    everything = api(explorer)["total"]
    category = api(explorer, category="ASSAULT")["total"]
    both = api(explorer, category="ASSAULT", actor_country="RUS")["total"]
    assert 0 < both <= category < everything


def test_limit_and_offset_page_through_the_same_order(explorer):
    full = [event["id"] for event in api(explorer)["events"]]
    first = explorer.get_json("/api/events?limit=3")
    second = explorer.get_json("/api/events?limit=3&offset=3")
    assert [event["id"] for event in first["events"] + second["events"]] == full[:6]
    assert first["total"] == second["total"] == len(full)


@pytest.mark.parametrize(("query", "named"), [("start=yesterday", "start"), ("limit=-1", "limit"),
                                              ("limit=100000", "limit"), ("interval=fortnight", "interval"),
                                              ("start=2025-02-01&end=2025-01-01", "start")])
def test_bad_parameters_are_a_400_that_names_them(explorer, query, named):
    status, headers, body = explorer.get(f"/api/events?{query}")
    assert status == 400 and headers["content-type"].startswith("application/json")
    assert named in json.loads(body)["error"]
    status, _, body = explorer.get(f"/events?{query}")
    assert status == 400 and named.encode() in body


def test_event_twin_is_the_record_in_the_file(explorer, events_file):
    for line in events_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert explorer.get_json(f"/events/{quote(record['id'], safe='')}.json") == record


def test_unknown_event_is_a_404_in_both_forms(explorer):
    assert explorer.get("/events/no-such-event")[0] == 404
    status, headers, body = explorer.get("/events/no-such-event.json")
    assert status == 404 and "no-such-event" in json.loads(body)["error"]


def test_events_twin_matches_the_api(explorer):
    page = explorer.get_json("/events.json?category=AGREE&limit=5")
    assert page == explorer.get_json("/api/events?category=AGREE&limit=5")
    assert page["filters"] == {"category": "AGREE"}


def _reference_pairs(reference) -> dict[tuple[str, str], int]:
    rows = reference.execute(f"""
        SELECT a.country, r.country, count(DISTINCT id) FROM raw,
            unnest(actor) AS actors(a), unnest(recipient) AS recipients(r)
        WHERE a.country <> '' AND r.country <> '' GROUP BY ALL""").fetchall()
    return {(actor, recipient): count for actor, recipient, count in rows}


def test_matrix_twin_counts_events_per_country_pair(explorer, reference):
    answer = explorer.get_json("/matrix.json")
    cells = {(cell["actor_country"], cell["recipient_country"]): cell["count"] for cell in answer["cells"]}
    assert cells and cells == _reference_pairs(reference)  # fewer countries than the matrix shows
    assert set(answer["countries"]) == {country for pair in cells for country in pair}


def test_dyads_twin_series_adds_up_to_each_dyads_count(explorer, reference):
    answer = explorer.get_json("/dyads.json?interval=year")
    pairs = _reference_pairs(reference)
    assert answer["interval"] == "year" and answer["dyads"]
    for dyad in answer["dyads"]:
        key = (dyad["actor_country"], dyad["recipient_country"])
        assert dyad["count"] == pairs[key]
        in_series = [point["count"] for point in answer["series"] if point["dyad"] == " → ".join(key)]
        assert sum(in_series) == dyad["count"]
    assert {point["period"][5:] for point in answer["series"]} == {"01-01"}


def test_dyads_twin_filtered_to_one_actor_country(explorer):
    answer = explorer.get_json("/dyads.json?actor_country=RUS")
    assert answer["dyads"] and {dyad["actor_country"] for dyad in answer["dyads"]} == {"RUS"}


def test_map_twin_counts_located_events_per_place(explorer, reference):
    answer = explorer.get_json("/map.json")
    expected = dict(reference.execute(
        "SELECT location.name, count(*) FROM raw WHERE location.lat IS NOT NULL GROUP BY ALL").fetchall())
    assert expected, "the test corpus should have located events"
    assert {place["name"]: place["count"] for place in answer["places"]} == expected
    assert answer["located"] == sum(expected.values()) and answer["total"] >= answer["located"]


@pytest.mark.parametrize("path", ["/events", "/dyads", "/map", "/matrix", f"/events/{HOSTILE_ID}"])
def test_every_page_links_its_json_twin_and_names_no_other_host(explorer, path):
    status, headers, body = explorer.get(path + "?category=ASSAULT" if path != f"/events/{HOSTILE_ID}" else path)
    html = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert re.search(rf'id="json-twin" href="{re.escape(path)}\.json', html)
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "default-src 'self'" in headers["content-security-policy"]


def test_hostile_text_is_escaped_in_the_event_page_and_the_list(explorer):
    event_page = explorer.get(f"/events/{HOSTILE_ID}")[2].decode()
    list_page = explorer.get("/events?q=alert")[2].decode()
    for html in (event_page, list_page):
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in event_page
    assert '<mark class="trigger">attacked</mark>' in event_page
    assert explorer.get_json(f"/events/{HOSTILE_ID}.json")["actor"][0]["name"] == HOSTILE_ACTOR


def test_static_assets_are_served_by_the_explorer(explorer):
    for path in ("/static/vendor/vega.min.js", "/static/vendor/countries-110m.json", "/static/explorer.js"):
        assert explorer.get(path)[0] == 200


def test_serves_on_loopback_and_stops_cleanly_on_ctrl_c(events_file):
    running = Explorer(events_file)
    try:
        assert running.url.startswith("http://127.0.0.1:")
        assert running.get("/events")[0] == 200
    finally:
        assert running.stop() == 0
