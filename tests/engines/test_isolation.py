"""A run is isolated (issue 12): one run per output, workers that die with the run, signals
that stop it cleanly and resumably, an unwritable output reported in one line.

The runs are real `eventcoder code` processes (python -m eventcoder.cli), killed with real
signals; worker processes are found through /proc.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.errors import OutputLockedError
from eventcoder.io.locking import OutputLock, lock_path

REPO = Path(__file__).resolve().parents[2]
SENTENCES = ("Russia accused Ukraine of shelling a nuclear plant.", "Kenyan police arrested dozens of protesters.",
             "Nigerian troops attacked rebels near Kano on Monday.", "Japan pledged aid to Ukraine.")
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds workers through /proc")


def corpus(path: Path, size: int) -> Path:
    rows = [{"id": f"r{n}", "text": f"{SENTENCES[n % 4]} {SENTENCES[(n + 1) % 4]}", "pub_date": "2024-03-20"}
            for n in range(size)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    return path


ENVIRONMENT = {**os.environ, "PYTHONPATH": str(REPO / "src")}


def command(source: Path, output: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "eventcoder.cli", "code", str(source), "-o", str(output), "--no-progress", *args]


def start_run(source: Path, output: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(command(source, output, *args), env=ENVIRONMENT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def status_rows(output: Path) -> list[dict]:
    path = output.with_name(output.name + ".docs.jsonl")
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines(keepends=True) if line.endswith("\n")]


def running_with_workers(tmp_path: Path, size: int = 1_500) -> tuple[subprocess.Popen, Path, list[int]]:
    """A two-worker run that has written its first status rows, and its worker pids."""
    output = tmp_path / "out.jsonl"
    run = start_run(corpus(tmp_path / "in.jsonl", size), output, "--workers", "2")
    assert wait_for(lambda: status_rows(output) or run.poll() is not None, 120), "no status row in 120 s"
    assert run.poll() is None, run.communicate()
    workers = children_of(run.pid)
    assert len(workers) >= 2, workers
    return run, output, workers


# ---------------------------------------------------------------- group 3: one run per output


def test_a_second_run_on_a_locked_output_stops_with_one_line(tmp_path):
    source = corpus(tmp_path / "in.jsonl", 3)
    output = tmp_path / "out.jsonl"
    with OutputLock(output):
        result = CliRunner().invoke(main, ["code", str(source), "-o", str(output), "--no-progress"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {output} is being written by another run (process {os.getpid()}, lock file "
        f"{lock_path(output)}); wait for it to end, or write to another output"]
    assert not output.exists()  # nothing was touched
    assert not lock_path(output).exists()  # released by its holder


def test_a_dask_run_on_a_locked_outdir_stops_before_starting_a_cluster(tmp_path):
    from eventcoder.coder import CoderOptions
    from eventcoder.engines.dask import run_dask

    outdir = tmp_path / "coded"
    with OutputLock(outdir), pytest.raises(OutputLockedError, match="is being written by another run"):
        run_dask(str(corpus(tmp_path / "in.jsonl", 2)), str(outdir), CoderOptions())
    assert not outdir.exists()


@pytest.mark.slow
def test_a_lock_held_by_a_live_process_is_refused_and_a_killed_ones_taken_over(tmp_path):
    output = tmp_path / "out.jsonl"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from eventcoder.io.locking import OutputLock; "
         f"lock = OutputLock({str(output)!r}).acquire(); print('held', flush=True); time.sleep(60)"],
        env=ENVIRONMENT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputLockedError, match=f"process {holder.pid},"):
            OutputLock(output).acquire()
    finally:
        holder.kill()
        holder.wait()
    assert lock_path(output).read_text().strip() == str(holder.pid)  # left behind by the kill
    with OutputLock(output):
        assert lock_path(output).read_text().strip() == str(os.getpid())


# ---------------------------------------------------------------- group 2: workers die with the run


@pytest.mark.slow
@pytest.mark.model
@linux_only
def test_workers_die_when_the_run_is_killed(tmp_path):
    run, output, workers = running_with_workers(tmp_path)
    run.kill()  # SIGKILL: no handler runs in the parent
    run.wait()
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 10), [p for p in workers if alive(p)]
    # the kernel released the dead run's lock: a resumed run takes it over and finishes
    rows_before = len(status_rows(output))
    result = subprocess.run(command(output.with_name("in.jsonl"), output, "--resume", "--workers", "2"),
                            env=ENVIRONMENT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = status_rows(output)
    assert len(rows) == 1_500 and len({row["line"] for row in rows}) == 1_500 and rows_before < 1_500


@pytest.mark.slow
@pytest.mark.model
@linux_only
@pytest.mark.parametrize("number, exit_code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_run_cleanly_with_its_own_exit_code(tmp_path, number, exit_code):
    run, output, workers = running_with_workers(tmp_path)
    run.send_signal(number)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == exit_code
    name = signal.Signals(number).name
    assert stderr.strip().splitlines()[-1] == (f"Error: interrupted by {name}; rerun with --resume -o {output} "
                                               "to code the rest")
    assert "Traceback" not in stderr
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 10)
    assert not lock_path(output).exists()
    rows = status_rows(output)
    assert 0 < len(rows) < 1_500
    # every finished record's events are there, and nothing more
    events = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
    assert {event["story_id"] for event in events} <= {row["id"] for row in rows}


@pytest.mark.slow
@pytest.mark.model
@linux_only
def test_a_killed_worker_ends_the_run_with_one_line_and_resume_finishes_it(tmp_path):
    run, output, workers = running_with_workers(tmp_path)
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 1
    assert stderr.strip().splitlines()[-1].startswith("Error: a worker process died while coding lines ")
    assert "Traceback" not in stderr
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 10)
    result = subprocess.run(command(output.with_name("in.jsonl"), output, "--resume", "--workers", "2"),
                            env=ENVIRONMENT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(row["line"] for row in status_rows(output)) == list(range(1, 1_501))


# ---------------------------------------------------------------- group 7: an unwritable output


@pytest.mark.parametrize("where", ["a_file/out.jsonl", "no_such_folder/out.jsonl"])
def test_an_unwritable_output_is_one_line(tmp_path, where):
    source = corpus(tmp_path / "in.jsonl", 2)
    (tmp_path / "a_file").write_text("not a folder")
    result = CliRunner().invoke(main, ["code", str(source), "-o", str(tmp_path / where), "--no-progress"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: cannot write {tmp_path / where}.lock: "), lines
