"""Time and peak memory of `eventcoder aggregate` on 1M and 10M synthetic events.

The events are generated here (nothing is read from ../shared): rows with the writer's
own Parquet schema (io.writing.EVENT_SCHEMA), written as a folder of 1M-row parts like
`eventcoder code -o OUT.parquet` writes. Distributions are skewed the way news data is:
actor and recipient countries Zipf-like over 60 countries, categories weighted toward
CONSULT/ACCUSE/ASSAULT, 1-3 actors (10% with two, 3% three), 30% of events without a
recipient, 80% asserted, dates over three years with 15% taken from pub_date. Each run of
`eventcoder aggregate` is a fresh child process; its peak RSS comes from os.wait4.

Usage: python benchmarks/aggregate.py [--sizes 1000000 10000000] [--workdir DIR] [--keep]
Writes benchmarks/results/aggregate.json (--output) and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventcoder import __version__  # noqa: E402
from eventcoder.io.writing import EVENT_SCHEMA  # noqa: E402
from eventcoder.ontology import AUX_MODES, BASE_SCORES, QUAD  # noqa: E402

PART_ROWS = 1_000_000
COUNTRIES = ["USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU", "IND", "PAK", "TUR", "SYR",
             "IRQ", "AFG", "JPN", "KOR", "PRK", "SAU", "EGY", "NGA", "KEN", "ETH", "SDN", "SSD", "COD", "MLI",
             "BRA", "MEX", "COL", "VEN", "ARG", "CAN", "AUS", "IDN", "PHL", "MMR", "THA", "VNM", "BGD", "LKA",
             "NPL", "YEM", "LBN", "JOR", "LBY", "TUN", "DZA", "MAR", "ZAF", "ZWE", "UGA", "SOM", "POL", "HUN",
             "SRB", "GEO", "ARM", "AZE"]
SECTORS = ["GOV", "MIL", "COP", "REB", "OPP", "CVL", "BUS", "JUD", "LEG", "PTY", ""]
CATEGORY_WEIGHTS = {"CONSULT": 14, "ACCUSE": 12, "ASSAULT": 11, "AGREE": 9, "SUPPORT": 8, "REQUEST": 7,
                    "COERCE": 7, "THREATEN": 5, "PROTEST": 5, "REJECT": 4, "COOPERATE": 4, "AID": 4,
                    "SANCTION": 2, "MOBILIZE": 2, "CONCEDE": 1, "RETREAT": 1}
AUX_WEIGHTS = {"asserted": 80, "future": 7, "hypothetical": 6, "negated": 4, "historical": 3}
CASES = {
    "by category, per week (events view)": ["--by", "category", "--period", "week"],
    "by actor and recipient country, per month (dyads view)": ["--by", "actor_country,recipient_country"],
}


def choice(rng: np.random.Generator, values: list, n: int, weights=None) -> np.ndarray:
    p = None if weights is None else np.asarray(weights, float) / np.sum(weights)
    return np.asarray(values, dtype=object)[rng.choice(len(values), size=n, p=p)]


def zipf_countries(rng: np.random.Generator, n: int) -> np.ndarray:
    ranks = np.arange(1, len(COUNTRIES) + 1)
    return choice(rng, COUNTRIES, n, 1 / ranks)


def entity_array(rng: np.random.Generator, counts: np.ndarray) -> pa.Array:
    """A list<entity struct> column: counts[i] parties for row i."""
    total = int(counts.sum())
    countries = zipf_countries(rng, total)
    starts = rng.integers(0, 2000, total)
    entity_type = EVENT_SCHEMA.field("actor").type.value_type
    values = {
        "text": countries, "start": starts, "end": starts + 7, "name": countries, "country": countries,
        "sector": choice(rng, SECTORS, total), "other_sectors": pa.array([[]] * total, pa.list_(pa.string())),
        "organization": np.full(total, "", object), "kind": np.full(total, "country", object),
        "source": np.full(total, "pycountry", object),
    }
    struct = pa.StructArray.from_arrays([pa.array(values[f.name], f.type) for f in entity_type], fields=list(entity_type))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), struct)


def evidence_array(n: int) -> pa.Array:
    evidence_type = EVENT_SCHEMA.field("evidence").type
    span_type = evidence_type.field("trigger").type
    trigger = pa.StructArray.from_arrays([pa.array(np.full(n, "met", object)), pa.array(np.zeros(n, np.int64)),
                                          pa.array(np.full(n, 3, np.int64))], fields=list(span_type))
    empty_spans = pa.array([[]] * n, pa.list_(span_type))
    columns = [pa.array(np.full(n, "A synthetic sentence.", object)), pa.array(np.zeros(n, np.int64)),
               pa.array(np.zeros(n, np.int64)), trigger, empty_spans, empty_spans]
    return pa.StructArray.from_arrays(columns, fields=list(evidence_type))


def location_array(rng: np.random.Generator, n: int) -> pa.Array:
    location_type = EVENT_SCHEMA.field("location").type
    countries = zipf_countries(rng, n)
    columns = {"text": countries, "name": countries, "country": countries, "admin1": np.full(n, "", object),
               "lat": rng.uniform(-40, 60, n), "lon": rng.uniform(-100, 140, n),
               "start": np.zeros(n, np.int64), "end": np.zeros(n, np.int64)}
    arrays = [pa.array(columns[f.name], f.type) for f in location_type]
    missing = pa.array(rng.random(n) < 0.4)  # 40% of events name no place
    return pa.StructArray.from_arrays(arrays, fields=list(location_type), mask=missing)


def dates(rng: np.random.Generator, n: int) -> tuple[pa.Array, pa.Array]:
    start = np.datetime64("2022-01-01")
    pub = start + rng.integers(0, 3 * 365, n).astype("timedelta64[D]")
    event = pub - rng.integers(0, 4, n).astype("timedelta64[D]")
    from_pub = rng.random(n) < 0.15
    date_text = np.where(from_pub, pub, event).astype(str).astype(object)
    return pa.array(date_text, pa.string()), pa.array(pub.astype(str).astype(object), pa.string())


def synthetic_part(rng: np.random.Generator, first: int, n: int) -> pa.Table:
    categories = choice(rng, list(CATEGORY_WEIGHTS), n, list(CATEGORY_WEIGHTS.values()))
    date, pub_date = dates(rng, n)
    ids = np.char.add("s", (np.arange(first, first + n) // 3).astype(str)).astype(object)
    columns = {
        "id": pa.array(np.char.add("e", np.arange(first, first + n).astype(str)).astype(object)),
        "story_id": pa.array(ids), "event": pa.array(categories, pa.string()),
        "actor": entity_array(rng, rng.choice([1, 2, 3], size=n, p=[0.87, 0.10, 0.03])),
        "recipient": entity_array(rng, (rng.random(n) >= 0.3).astype(np.int64)),
        "evidence": evidence_array(n), "pub_date": pub_date, "date": date,
        "date_source": pa.array(np.full(n, "text", object)), "mode": pa.array(np.full(n, "", object)),
        "context": pa.array([[]] * n, pa.list_(pa.string())),
        "aux": pa.array(choice(rng, list(AUX_WEIGHTS), n, list(AUX_WEIGHTS.values())), pa.string()),
        "quad_code": pa.array([QUAD[c] for c in categories], pa.int64()),
        "score": pa.array([BASE_SCORES[c] for c in categories], pa.float64()),
        "location": location_array(rng, n), "confidence": pa.array(rng.random(n)),
        "event_text": pa.array(np.full(n, "met", object)), "coder_version": pa.array(np.full(n, __version__, object)),
    }
    arrays = [columns[f.name] if f.name in columns else pa.nulls(n, f.type) for f in EVENT_SCHEMA]
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)


def write_events(folder: Path, rows: int, seed: int = 13) -> float:
    """Write rows synthetic events as Parquet parts; return the seconds it took."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for number, first in enumerate(range(0, rows, PART_ROWS)):
        part = synthetic_part(rng, first, min(PART_ROWS, rows - first))
        pq.write_table(part, folder / f"part-{number:06d}.parquet")
    return time.perf_counter() - started


def run_aggregate(events: Path, output: Path, arguments: list[str]) -> dict:
    """One `eventcoder aggregate` in a fresh process: wall seconds and peak RSS (MB)."""
    command = [sys.executable, "-m", "eventcoder.cli", "aggregate", str(events), "-o", str(output), *arguments]
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    error = process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"aggregate failed: {error}")
    rows = sum(1 for _ in output.open()) - 1
    return {"arguments": arguments, "seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "output_rows": rows, "stderr": error.strip().splitlines()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--workdir", type=Path, default=None, help="where the synthetic Parquet goes (a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic data")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks/results/aggregate.json")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="aggregate-bench-"))
    results = []
    try:
        for size in args.sizes:
            folder = workdir / f"events-{size}.parquet"
            generate_seconds = write_events(folder, size)
            disk_mb = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
            for name, arguments in CASES.items():
                run = run_aggregate(folder, workdir / "aggregate.csv", arguments)
                results.append({"events": size, "case": name, "parquet_mb": round(disk_mb, 1),
                                "generate_seconds": round(generate_seconds, 1), **run})
                print(f"{size:>11,} events  {name:<58} {run['seconds']:>7.1f} s  {run['peak_rss_mb']:>7.0f} MB peak"
                      f"  ({run['output_rows']} rows)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"version": __version__, "machine": machine, "runs": results}, indent=2) + "\n")
    print(f"-> {args.output}")


if __name__ == "__main__":
    main()
