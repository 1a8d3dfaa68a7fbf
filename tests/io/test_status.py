"""The status log: one durable row per record, resumable after a crash."""

from __future__ import annotations

import json

import pytest

from eventcoder.io.status import DocumentStatus, StatusLog, status_path, truncate_partial_tail


def test_status_path_is_beside_the_output_for_every_format(tmp_path):
    assert status_path(tmp_path / "OUT.jsonl") == tmp_path / "OUT.jsonl.docs.jsonl"
    assert status_path("runs/out.parquet").name == "out.parquet.docs.jsonl"
    assert status_path("out.duckdb").name == "out.duckdb.docs.jsonl"


def test_rows_and_summary(tmp_path):
    path = tmp_path / "out.jsonl.docs.jsonl"
    with StatusLog(path) as log:
        log.record([DocumentStatus("a", 1, "coded", events=3), DocumentStatus("b", 2, "no_events")])
        log.record([DocumentStatus(None, 3, "rejected", reason="line 3: malformed JSON", code="malformed_json"),
                    DocumentStatus("d", 4, "rejected", reason="line 4: empty", code="empty_text")])
        summary = log.summary()
    assert summary == {"coded": 1, "no_events": 1, "rejected": 2,
                       "rejected:empty_text": 1, "rejected:malformed_json": 1}
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert rows[0] == {"id": "a", "line": 1, "status": "coded", "events": 3, "reason": "", "code": "", "flags": []}
    assert rows[2]["reason"] == "line 3: malformed JSON"


def test_unknown_status_is_refused(tmp_path):
    with StatusLog(tmp_path / "s.jsonl") as log, pytest.raises(ValueError, match="unknown status"):
        log.record([DocumentStatus("a", 1, "done")])


def test_completed_ignores_a_truncated_last_row(tmp_path):
    path = tmp_path / "s.jsonl"
    with StatusLog(path) as log:
        log.record([DocumentStatus("a", 1, "coded", events=1), DocumentStatus(None, 2, "rejected", code="x")])
    with path.open("a") as handle:
        handle.write('{"id": "c", "line": 3, "sta')
    ids, lines = StatusLog.completed(path)
    assert ids == {"a"}
    assert lines == {1, 2}


def test_completed_of_a_missing_file_is_empty(tmp_path):
    assert StatusLog.completed(tmp_path / "none.jsonl") == (set(), set())


def test_append_after_a_crash_does_not_glue_rows(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "a", "line": 1, "status": "coded"}\n{"id": "b", "li')
    with StatusLog(path, append=True) as log:
        log.record([DocumentStatus("b", 2, "coded", events=2)])
        assert log.summary()["coded"] == 1  # this run only
    ids, _ = StatusLog.completed(path)
    assert ids == {"a", "b"}
    assert len(path.read_text().splitlines()) == 2


def test_truncate_partial_tail(tmp_path):
    path = tmp_path / "e.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c":')
    assert truncate_partial_tail(path) == 5
    assert path.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert truncate_partial_tail(path) == 0
    path.write_bytes(b"x" * 200_000)  # no newline at all: nothing complete survives
    assert truncate_partial_tail(path) == 200_000
    assert path.read_bytes() == b""
