"""Runs killed with SIGKILL resume with --resume: nothing duplicated, nothing lost.

Real processes: `eventcoder code` is started as a subprocess, killed once its status file
shows finished batches, and resumed; the result must equal an uninterrupted run, event by
event and status row by status row.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.io.writing import read_events

pytestmark = [pytest.mark.model, pytest.mark.slow]

DOCUMENTS = 200
ACTORS = ["Russia", "Ukraine", "China", "Japan", "France", "Germany", "Iran", "Israel", "Turkey",
          "Kenya", "Somalia", "Nigeria", "Brazil", "India", "Pakistan", "Egypt"]
TEMPLATES = [
    "{a} accused {b} of violating the ceasefire.",
    "{a} imposed new sanctions on {b} on Tuesday.",
    "Troops from {a} attacked positions held by {b} near the border.",
    "{a} and {b} signed a trade agreement.",
    "{a} urged {b} to release the detained journalists.",
    "{a} sent humanitarian aid to {b}.",
    "The foreign minister of {a} met his counterpart from {b} last week.",
    "{a} threatened to expel diplomats from {b}.",
    "Markets in {a} were calm and trading was light.",
    "{a} rejected the proposal made by {b}.",
]


def build_corpus(path: Path, count: int = DOCUMENTS, seed: int = 7) -> list[int]:
    """count records, a few of them bad; returns the line numbers of all records."""
    rng = random.Random(seed)
    lines = []
    for number in range(count):
        if number % 41 == 5:
            lines.append('{"id": "broken", "text": ')  # malformed JSON
            continue
        if number % 53 == 9:
            lines.append(json.dumps({"id": "doc-0001", "text": "A repeated id."}))  # duplicate id
            continue
        a, b = rng.sample(ACTORS, 2)
        sentences = [rng.choice(TEMPLATES).format(a=a, b=b) for _ in range(1 + (number % 4 == 0))]
        record = {"id": f"doc-{number:04d}", "text": " ".join(sentences), "pub_date": "2024-05-15"}
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(range(1, count + 1))


def status_file(output: Path) -> Path:
    return output.with_name(output.name + ".docs.jsonl")


def status_rows(output: Path) -> list[dict]:
    return [json.loads(line) for line in status_file(output).read_text(encoding="utf-8").splitlines()]


def complete_rows(path: Path) -> int:
    if not path.exists():
        return 0
    return path.read_bytes().count(b"\n")


def start_run(corpus: Path, output: Path) -> subprocess.Popen:
    """Start a real run in its own process; kill_when_started() ends it."""
    command = [sys.executable, "-m", "eventcoder.cli", "code", str(corpus), "-o", str(output),
               "--workers", "1", "--no-progress"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_when_started(process: subprocess.Popen, output: Path, rows: int = 32, timeout: float = 120) -> int:
    """SIGKILL once the status file has at least `rows` rows; returns the rows seen then."""
    deadline = time.monotonic() + timeout
    while complete_rows(status_file(output)) < rows and process.poll() is None:
        if time.monotonic() > deadline:
            break
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stderr.close()
    return complete_rows(status_file(output))


def code(*args):
    return CliRunner().invoke(main, ["code", *map(str, args), "--workers", "1", "--no-progress"],
                              catch_exceptions=False)


def canonical(events: list[dict]) -> list[str]:
    return sorted(json.dumps(event, sort_keys=True) for event in events)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Two runs (JSONL and Parquet output) killed mid-run, and an uninterrupted reference run
    coded in this process meanwhile (a thread watches the status files and kills)."""
    directory = tmp_path_factory.mktemp("resume")
    corpus = directory / "big.jsonl"
    lines = build_corpus(corpus)
    outputs = {"jsonl": directory / "out.jsonl", "parquet": directory / "out.parquet"}
    processes = {name: start_run(corpus, output) for name, output in outputs.items()}
    seen: dict[str, int] = {}
    watcher = threading.Thread(target=lambda: seen.update(
        {name: kill_when_started(processes[name], outputs[name]) for name in outputs}))
    watcher.start()
    reference_output = directory / "reference.jsonl"
    assert code(corpus, "-o", reference_output).exit_code == 0
    watcher.join()
    reference = read_events(reference_output), status_rows(reference_output)
    return corpus, lines, outputs, seen, reference


@pytest.mark.parametrize("name", ["jsonl", "parquet"])
def test_resume_after_sigkill_equals_an_uninterrupted_run(runs, name):
    corpus, lines, outputs, seen, reference = runs
    output, seen = outputs[name], seen[name]
    assert 0 < seen < len(lines), "the kill should land mid-run"
    result = code(corpus, "-o", output, "--resume")
    assert result.exit_code == 0, result.output
    assert f"{seen} documents already coded were skipped (--resume)" in result.stderr
    events, statuses = read_events(output), status_rows(output)
    reference_events, reference_statuses = reference
    assert len(reference_events) > DOCUMENTS // 2
    ids = [event["id"] for event in events]
    assert len(ids) == len(set(ids)), "duplicated events"
    assert canonical(events) == canonical(reference_events)
    assert [row["line"] for row in statuses] == lines  # one row per record, in input order
    assert sorted(statuses, key=lambda row: row["line"]) == reference_statuses


def test_reference_run_accounts_for_bad_records(runs):
    _, statuses = runs[-1]
    rejected = {row["line"]: row["code"] for row in statuses if row["status"] == "rejected"}
    assert rejected == {n + 1: "malformed_json" for n in range(DOCUMENTS) if n % 41 == 5} | {
        n + 1: "duplicate_id" for n in range(DOCUMENTS) if n % 53 == 9 and n % 41 != 5}
    assert {row["status"] for row in statuses} == {"coded", "no_events", "rejected"}


def test_resume_after_a_crash_between_events_and_status(tmp_path):
    """Deterministic: events of unfinished documents, a cut event line and a cut status row."""
    corpus = tmp_path / "corpus.jsonl"
    records = [{"id": f"r{n}", "text": "Russia accused Ukraine of shelling a nuclear plant."} for n in range(6)]
    records[3] = {"id": "r0", "text": "A repeated id, rejected on line 4."}
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert code(corpus, "-o", output).exit_code == 0
    full_events, full_statuses = read_events(output), status_rows(output)
    # As if killed after the events of all records but the status rows of only the first three:
    rows = status_file(output).read_text(encoding="utf-8").splitlines(keepends=True)
    status_file(output).write_text("".join(rows[:3]) + rows[3][:20], encoding="utf-8")
    with output.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "r5-0-0", "story_id": "r5", "ev')
    result = code(corpus, "-o", output, "--resume")
    assert result.exit_code == 0
    assert "3 documents already coded were skipped" in result.stderr
    assert canonical(read_events(output)) == canonical(full_events)
    assert status_rows(output) == full_statuses  # the duplicate-id row on line 4 is not lost
