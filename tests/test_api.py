"""The Python API a notebook uses: eventcoder.code_text, code_documents, Coder, events_to_dataframe.

It checks input as the CLI does: a bad pub_date, a record without a text field or a text
that is not English is rejected with a reason, never coded silently or met with a raw
TypeError. Tests of rejections need no spaCy model (nothing is parsed) and carry no marker.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pandas as pd
import pytest

import eventcoder
from eventcoder import Coder, DocumentRejectedError, Event, code_documents, code_text, events_to_dataframe
from eventcoder.io.reading import Document
from eventcoder.io.status import STATUSES
from eventcoder.io.writing import csv_columns

TEXT = ("Russia accused Ukraine of shelling a nuclear plant on Monday. "
        "The United States imposed sanctions on Venezuela. The weather was mild.")
FRENCH = ("La police kényane a arrêté mardi des dizaines de manifestants à Nairobi, "
          "selon le ministère de l'Intérieur, qui accuse l'opposition de violences.")


@pytest.fixture(scope="module")
def checking_coder() -> Coder:
    """A Coder for tests that only reach the checks (it never loads the spaCy model)."""
    return Coder(use_classifier=False)


@pytest.mark.model
def test_code_text_returns_events_with_dates():
    events = eventcoder.code_text(TEXT, pub_date="2024-03-20", story_id="s1")
    assert all(isinstance(event, Event) for event in events)
    assert [(e.story_id, e.event, e.actor[0].country, e.recipient[0].country, e.date) for e in events] == [
        ("s1", "ACCUSE", "RUS", "UKR", "2024-03-18"), ("s1", "SANCTION", "USA", "VEN", "2024-03-20")]
    assert [e.evidence.sentence_index for e in events] == [0, 1]


@pytest.mark.model
@pytest.mark.parametrize("pub_date", ["2024-03-20", "20 March 2024", "March 20, 2024", "2024-03-20T23:10:00Z",
                                      dt.date(2024, 3, 20), dt.datetime(2024, 3, 20, 8, 0)])
def test_code_text_reads_the_pub_date_forms_the_reader_reads(pub_date):
    events = code_text(TEXT, pub_date=pub_date)
    assert [(e.pub_date, e.date) for e in events] == [("2024-03-20", "2024-03-18"), ("2024-03-20", "2024-03-20")]


@pytest.mark.parametrize("pub_date", ["14/03/2025", "yesterday", "2025-13-01", 20250314])
def test_an_unreadable_pub_date_is_a_named_error_not_a_missing_date(checking_coder, pub_date):
    with pytest.raises(DocumentRejectedError, match="use YYYY-MM-DD") as raised:
        checking_coder.code_text(TEXT, pub_date=pub_date)
    assert raised.value.code == "bad_pub_date" and isinstance(raised.value, ValueError)


def test_module_code_text_checks_the_pub_date_too():
    with pytest.raises(DocumentRejectedError, match=r"'14/03/2025' is not a date I can read; use YYYY-MM-DD"):
        eventcoder.code_text(TEXT, pub_date="14/03/2025")


def test_french_text_is_rejected_with_the_language_named(checking_coder):
    with pytest.raises(DocumentRejectedError, match=r"French .*check_language=False") as raised:
        checking_coder.code_text(FRENCH)
    assert raised.value.code == "not_english"


@pytest.mark.model
def test_the_language_check_can_be_switched_off(coder):
    assert isinstance(coder.code_text(FRENCH, check_language=False), list)
    [result] = coder.code_documents([{"id": "fr", "text": FRENCH}], check_language=False)
    assert result.status in ("coded", "no_events") and result.rejection is None


@pytest.mark.parametrize("text, code", [("", "empty_text"), ("   \n", "empty_text"), ("\x00\x01\x02" * 20, "binary")])
def test_text_that_cannot_be_coded_is_a_named_error(checking_coder, text, code):
    with pytest.raises(DocumentRejectedError) as raised:
        checking_coder.code_text(text)
    assert raised.value.code == code


def test_rejected_records_carry_status_code_and_reason(checking_coder):
    records = [{"id": "a1", "body": "Police arrested protesters.", "date": "2024-01-10"},
               {"body": "No id and no text."},
               {"id": "fr", "text": FRENCH, "pub_date": "2024-01-10"},
               {"id": "d1", "text": TEXT, "pub_date": "14/03/2025"},
               "just a string",
               {"id": "e1", "text": ""}]
    results = list(checking_coder.code_documents(records))
    assert [(r.id, r.status, r.rejection.code) for r in results] == [
        ("a1", "rejected", "missing_text"), ("line-2", "rejected", "missing_text"),
        ("fr", "rejected", "not_english"), ("d1", "rejected", "bad_pub_date"),
        (None, "rejected", "bad_record"), ("e1", "rejected", "empty_text")]
    assert results[0].reason == ("a1: no 'text' or 'url' field; the record has: body, date, id "
                                 "(expected: id, text or url, and optionally pub_date, title)")
    assert results[1].reason.startswith("line 2: no 'text' or 'url' field; the record has: body ")
    assert "French" in results[2].reason and "use YYYY-MM-DD" in results[3].reason
    assert all(r.document is None and r.events == [] for r in results)


@pytest.mark.model
def test_code_documents_yields_one_result_per_record_in_order(coder):
    documents = [{"id": f"d{n}", "text": text, "pub_date": "2024-03-20"} for n, text in enumerate(
        ["The weather was mild.", "China urged Japan to release the fishermen.", "", TEXT] * 20)]
    results = list(coder.code_documents(documents))  # 80 documents: more than one batch of 64
    assert [r.id for r in results] == [d["id"] for d in documents]
    assert [(r.status, len(r.events)) for r in results[:4]] == [
        ("no_events", 0), ("coded", 1), ("rejected", 0), ("coded", 2)]
    assert {r.status for r in results} <= set(STATUSES)  # the CLI's status-row values
    assert all(e.story_id == r.document.id for r in results for e in r.events)


@pytest.mark.model
def test_duplicate_ids_and_documents_are_handled_as_the_reader_does(coder):
    records = [Document(id="x", text=TEXT, pub_date="2024-03-20"), {"id": "x", "text": TEXT}]
    first, second = coder.code_documents(records)
    assert first.status == "coded" and first.document.pub_date == "2024-03-20"
    assert second.status == "rejected" and second.rejection.code == "duplicate_id"


@pytest.mark.model
def test_module_code_documents_uses_the_default_coder():
    [result] = code_documents([{"id": "n1", "text": TEXT, "pub_date": "2024-03-20"}])
    assert [e.event for e in result.events] == ["ACCUSE", "SANCTION"]


@pytest.mark.model
def test_events_to_dataframe_has_the_flat_csv_columns():
    frame = events_to_dataframe(code_text(TEXT, pub_date="2024-03-20"))
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == csv_columns()
    assert frame[["event", "actor_country", "recipient_country", "trigger_text"]].values.tolist() == [
        ["ACCUSE", "RUS", "UKR", "accused"], ["SANCTION", "USA", "VEN", "imposed sanctions"]]


@pytest.mark.model
def test_same_input_gives_identical_output(coder):
    first = [e.to_dict() for e in code_text(TEXT, pub_date="2024-03-20")]
    again = [e.to_dict() for e in code_text(TEXT, pub_date="2024-03-20")]
    fresh = [e.to_dict() for e in Coder(coder.options).code_text(TEXT, pub_date="2024-03-20")]
    assert first == again == fresh
    assert events_to_dataframe([]).empty


def test_dir_lists_the_api_and_every_name_resolves():
    listed = set(dir(eventcoder))
    assert {"code_text", "code_documents", "Coder", "events_to_dataframe", "Event", "DocumentResult",
            "DocumentRejectedError", "__version__"} <= listed
    assert set(eventcoder.__all__) <= listed
    assert all(getattr(eventcoder, name) is not None for name in eventcoder.__all__)


def test_importing_eventcoder_and_listing_it_does_not_import_spacy():
    script = "import sys, eventcoder; dir(eventcoder); print('spacy' in sys.modules, 'pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        eventcoder.no_such_name  # noqa: B018
