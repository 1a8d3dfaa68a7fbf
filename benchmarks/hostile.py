"""The adversarial run of issue 12: a 10,000-record corpus of good and hostile records
(tests/io/hostile.py's cases) through `eventcoder code --workers 2`.

Reports records in, status rows out, crashes (a non-zero exit, a traceback, a status row
whose status or code is not the one its case requires), peak memory of the run's process
tree and wall time; prints them and writes benchmarks/results/hostile.json.

    .venv/bin/python benchmarks/hostile.py                  # 10,000 records, about 30% hostile
    .venv/bin/python benchmarks/hostile.py --records 2000   # a quicker run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "io"))

import hostile  # noqa: E402  (tests/io/hostile.py: the cases and what must become of each)


def run_corpus(corpus: Path, output: Path, workers: int) -> tuple[subprocess.CompletedProcess, float, int]:
    """The CLI on the corpus; (process, wall seconds, peak RSS in MB of the run and its workers)."""
    command = [sys.executable, "-m", "eventcoder.cli", "code", str(corpus), "-o", str(output),
               "--workers", str(workers), "--no-progress"]
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    wall = time.perf_counter() - started
    # ru_maxrss of waited-for children: the largest single process of the run (the parent or a worker)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return result, wall, peak_mb


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def measure(records: int, workers: int, share: float, folder: Path) -> dict:
    lines = hostile.corpus_lines(records, hostile_share=share)
    corpus = hostile.write_corpus(folder / "corpus.jsonl", lines)
    output = folder / "events.jsonl"
    result, wall, peak_mb = run_corpus(corpus, output, workers)
    status = output.with_name(output.name + ".docs.jsonl")
    rows = [json.loads(line) for line in status.read_text("utf-8").splitlines()] if status.exists() else []
    problems = hostile.check_statuses(rows, lines)
    crashes = int(result.returncode != 0) + int("Traceback" in result.stderr)
    by_status: dict[str, int] = {}
    for row in rows:
        key = row["status"] + (f":{row['code']}" if row["code"] else "")
        by_status[key] = by_status.get(key, 0) + 1
    return {
        "records_in": len(lines),
        "hostile_records": sum(case is not None for _, case in lines),
        "corpus_bytes": corpus.stat().st_size,
        "status_rows_out": len(rows),
        "events_out": count_lines(output) if output.exists() else 0,
        "crashes": crashes,
        "exit_code": result.returncode,
        "status_rows_not_as_expected": len(problems),
        "first_problems": problems[:10],
        "statuses": dict(sorted(by_status.items())),
        "peak_rss_mb": peak_mb,
        "wall_seconds": round(wall, 1),
        "stderr_tail": result.stderr.strip().splitlines()[-3:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--hostile-share", type=float, default=0.3)
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "hostile.json")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventcoder-hostile-") as folder:
        figures = measure(arguments.records, arguments.workers, arguments.hostile_share, Path(folder))
    figures = {"workers": arguments.workers, **figures, "cpu_count": os.cpu_count(),
               "python": platform.python_version(), "machine": platform.machine()}
    for key in ("records_in", "hostile_records", "status_rows_out", "events_out", "crashes",
                "status_rows_not_as_expected", "peak_rss_mb", "wall_seconds"):
        print(f"{key:28s} {figures[key]}")
    print("statuses:", json.dumps(figures["statuses"]))
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    print(f"-> {arguments.output}")


if __name__ == "__main__":
    main()
