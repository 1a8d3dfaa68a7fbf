"""The Python API a notebook uses: eventcoder.code_text, Coder.code_documents, events_to_dataframe."""

from __future__ import annotations

import pandas as pd
import pytest

import eventcoder
from eventcoder import Coder, Event, code_text, events_to_dataframe
from eventcoder.io.writing import csv_columns

pytestmark = pytest.mark.model

TEXT = ("Russia accused Ukraine of shelling a nuclear plant on Monday. "
        "The United States imposed sanctions on Venezuela. The weather was mild.")


def test_code_text_returns_events_with_dates():
    events = eventcoder.code_text(TEXT, pub_date="2024-03-20", story_id="s1")
    assert all(isinstance(event, Event) for event in events)
    assert [(e.story_id, e.event, e.actor[0].country, e.recipient[0].country, e.date) for e in events] == [
        ("s1", "ACCUSE", "RUS", "UKR", "2024-03-18"), ("s1", "SANCTION", "USA", "VEN", "2024-03-20")]
    assert [e.evidence.sentence_index for e in events] == [0, 1]


def test_code_documents_yields_one_result_per_document_in_order(coder):
    documents = [{"id": f"d{n}", "text": text, "pub_date": "2024-03-20"} for n, text in enumerate(
        ["The weather was mild.", "China urged Japan to release the fishermen.", "", TEXT] * 20)]
    results = list(coder.code_documents(documents))  # 80 documents: more than one batch of 64
    assert [r.document.id for r in results] == [d["id"] for d in documents]
    assert [len(r.events) for r in results[:4]] == [0, 1, 0, 2]
    assert all(e.story_id == r.document.id for r in results for e in r.events)


def test_events_to_dataframe_has_the_flat_csv_columns():
    frame = events_to_dataframe(code_text(TEXT, pub_date="2024-03-20"))
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == csv_columns()
    assert frame[["event", "actor_country", "recipient_country", "trigger_text"]].values.tolist() == [
        ["ACCUSE", "RUS", "UKR", "accused"], ["SANCTION", "USA", "VEN", "imposed sanctions"]]


def test_same_input_gives_identical_output(coder):
    first = [e.to_dict() for e in code_text(TEXT, pub_date="2024-03-20")]
    again = [e.to_dict() for e in code_text(TEXT, pub_date="2024-03-20")]
    fresh = [e.to_dict() for e in Coder(coder.options).code_text(TEXT, pub_date="2024-03-20")]
    assert first == again == fresh
    assert events_to_dataframe([]).empty


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        eventcoder.no_such_name  # noqa: B018
