"""`--workers N` gives byte-identical output to one worker (runner.coded_batches)."""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import SimpleNamespace

import pytest

from eventcoder.coder import CoderOptions
from eventcoder.engines.local import RunOptions, _submitted, run
from eventcoder.errors import WorkerDiedError

NEWS = [
    "Turkish warplanes bombed Kurdish militant positions in northern Iraq on Tuesday, the army said.",
    "The European Union imposed new sanctions on Belarus over the crackdown on opposition leaders.",
    "Indian and Chinese diplomats met in Beijing to discuss the disputed border.\nBoth sides agreed to keep talking.",
    "Police arrested dozens of protesters outside parliament in Nairobi after a march against tax increases.",
    "Japan pledged 500 million dollars in humanitarian aid to Ukraine, the foreign ministry announced.",
    "The weather in Lisbon was mild and sunny for most of the week.",
    "Iran rejected a proposal from the United States to resume nuclear talks in Oman.",
    "Rebels attacked a military convoy near Goma, killing seven soldiers, a local official said.",
    "Brazil's president called on Argentina to reopen the border crossing for trucks.",
    "Thousands of workers went on strike in Seoul demanding higher wages.",
    "Russia accused Britain of spying on its embassy in London.",
    "Egypt and Sudan signed an agreement on sharing water from the Nile.",
]


def write_corpus(path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for number, text in enumerate(NEWS):
            handle.write(json.dumps({"id": f"n{number}", "text": text, "pub_date": "2024-05-0{}".format(number % 9 + 1)}) + "\n")
        handle.write("{not json\n")  # a rejection must land in the same place whatever the worker count


def run_with(tmp_path, source, workers: int, batch_size: int) -> tuple[bytes, bytes]:
    output = tmp_path / f"w{workers}-b{batch_size}.jsonl"
    run(str(source), RunOptions(output=str(output), workers=workers, batch_size=batch_size), CoderOptions())
    status = output.with_name(output.name + ".docs.jsonl")
    return output.read_bytes(), status.read_bytes()


@pytest.mark.model
@pytest.mark.slow
def test_two_workers_write_the_same_bytes_as_one(tmp_path):
    source = tmp_path / "news.jsonl"
    write_corpus(source)
    one = run_with(tmp_path, source, workers=1, batch_size=3)
    two = run_with(tmp_path, source, workers=2, batch_size=3)  # 5 batches: the process pool is used
    assert one == two
    events = [json.loads(line) for line in one[0].splitlines()]
    assert len(events) >= 6
    assert {e["story_id"] for e in events} >= {"n0", "n4", "n11"}
    statuses = [json.loads(line)["status"] for line in one[1].splitlines()]
    assert len(statuses) == len(NEWS) + 1 and statuses[-1] == "rejected"


@pytest.mark.model
@pytest.mark.slow
def test_a_single_batch_with_two_workers_matches_one_worker(tmp_path):
    source = tmp_path / "news.jsonl"
    write_corpus(source)
    assert run_with(tmp_path, source, workers=2, batch_size=64) == run_with(tmp_path, source, workers=1, batch_size=64)


@pytest.mark.model
def test_resume_of_a_folder_matches_records_by_file_and_line(tmp_path, coder):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, texts in (("a.jsonl", NEWS[:3]), ("b.jsonl", NEWS[3:6])):  # the same line numbers in both files
        (folder / name).write_text("".join(json.dumps({"id": f"{name}{n}", "text": t}) + "\n"
                                           for n, t in enumerate(texts)), encoding="utf-8")
    output = tmp_path / "out.jsonl"
    status = output.with_name("out.jsonl.docs.jsonl")
    run(str(folder), RunOptions(output=str(output), batch_size=2), coder.options, coder=coder)
    full_events, full_statuses = output.read_text(), status.read_text()
    status.write_text("".join(full_statuses.splitlines(keepends=True)[:4]))  # killed after b.jsonl line 1
    summary = run(str(folder), RunOptions(output=str(output), batch_size=2, resume=True), coder.options, coder=coder)
    assert (summary.skipped, summary.documents) == (4, 2)
    assert status.read_text() == full_statuses
    assert sorted(output.read_text().splitlines()) == sorted(full_events.splitlines())


def _exit_abruptly():
    os._exit(9)


def test_a_pool_broken_before_a_batch_is_handed_out_is_a_worker_death_with_its_lines():
    # submit() itself raises once a worker has died; that must read as the same one-line error
    pool = ProcessPoolExecutor(1)
    with pytest.raises(BrokenProcessPool):
        pool.submit(_exit_abruptly).result()
    waiting = [([SimpleNamespace(line=7)], None)]
    with pytest.raises(WorkerDiedError, match="lines 7-9"):
        _submitted(pool, ["a document"], waiting, [SimpleNamespace(line=9)])
    pool.shutdown()
