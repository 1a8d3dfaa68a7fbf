"""Fixtures of the explorer tests: real coded events in a real file, the real server in a subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest
from explore_harness import Explorer, code_corpus


@pytest.fixture(scope="session")
def coded_events() -> list:
    return code_corpus()


@pytest.fixture(scope="session")
def events_file(tmp_path_factory, coded_events) -> Path:
    """The coded events as JSONL, written by eventcoder's own writer."""
    from eventcoder.io.writing import open_writer

    path = tmp_path_factory.mktemp("explore") / "events.jsonl"
    writer = open_writer(path)
    writer.write(coded_events)
    writer.close()
    return path


@pytest.fixture(scope="session")
def explorer(events_file):
    running = Explorer(events_file)
    yield running
    running.stop()
