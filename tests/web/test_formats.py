"""The explorer over every format `eventcoder code` writes: the same events, the same pages."""

from __future__ import annotations

import pytest
from explore_harness import HOSTILE_ID, Explorer

pytestmark = [pytest.mark.slow, pytest.mark.model]


@pytest.fixture(scope="module", params=["csv", "parquet", "duckdb"])
def explorer_over(request, tmp_path_factory, coded_events):
    from eventcoder.io.writing import open_writer

    path = tmp_path_factory.mktemp(request.param) / f"events.{request.param}"
    writer = open_writer(path)
    writer.write(coded_events)
    writer.close()
    running = Explorer(path)
    yield running
    running.stop()


def test_the_same_filtered_events_from_every_format(explorer_over, explorer):
    for query in ("", "category=ASSAULT", "actor_country=RUS&start=2024-01-01", "q=ukraine&aux=asserted"):
        expected = explorer.get_json(f"/api/events?limit=1000&{query}")
        answer = explorer_over.get_json(f"/api/events?limit=1000&{query}")
        assert answer["total"] == expected["total"]
        assert [event["id"] for event in answer["events"]] == [event["id"] for event in expected["events"]]


def test_event_page_highlights_the_evidence_from_every_format(explorer_over):
    html = explorer_over.get(f"/events/{HOSTILE_ID}")[2].decode()
    assert '<mark class="trigger">attacked</mark>' in html and '<mark class="actor">the army</mark>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    for path in ("/events", "/dyads", "/map", "/matrix"):
        assert explorer_over.get(path)[0] == 200
