"""How fast the explorer answers on a large corpus, and how much memory its server holds.

Generates N synthetic event records (default 1,000,000; the writer's Parquet schema, part
files like `eventcoder code -o OUT.parquet`), starts `eventcoder explore` on them in a
subprocess, times requests (median and worst of several rounds: a filtered list page, the
/api/events JSON, an event page, a dyad time series, the map and the matrix), reads the
server's resident memory (VmRSS now, VmHWM peak) from /proc, and writes
benchmarks/results/explore.json.

    python benchmarks/explore.py [--events 1000000] [--rounds 5] [--output PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
PART_SIZE = 100_000

COUNTRIES = ["USA", "RUS", "UKR", "CHN", "JPN", "DEU", "FRA", "GBR", "IRN", "ISR", "PSE", "SYR", "IRQ",
             "AFG", "PAK", "IND", "KEN", "NGA", "ETH", "SDN", "BRA", "MEX", "VEN", "COL", "TUR", "SAU",
             "EGY", "LBY", "YEM", "PRK", "KOR", "TWN", "PHL", "IDN", "MMR", "ZAF", "COD", "MLI", "SOM", "POL"]
CATEGORIES = [("AGREE", "", 1), ("CONSULT", "", 1), ("SUPPORT", "", 1), ("COOPERATE", "", 2), ("AID", "", 2),
              ("REQUEST", "", 1), ("ACCUSE", "disapprove", 3), ("REJECT", "", 3), ("THREATEN", "violence", 3),
              ("PROTEST", "demo", 3), ("SANCTION", "", 4), ("MOBILIZE", "", 4), ("COERCE", "arrest", 4),
              ("ASSAULT", "aerial", 4), ("ASSAULT", "firearms", 4), ("RETREAT", "", 2), ("CONCEDE", "", 2)]
AUX = ["asserted"] * 14 + ["future", "hypothetical", "negated", "historical"]
SECTORS = ["GOV", "MIL", "COP", "REB", "OPP", "CVL", "BUS", "MED"]
PLACES = [("Kyiv", "UKR", 50.45, 30.52), ("Moscow", "RUS", 55.75, 37.62), ("Beijing", "CHN", 39.91, 116.40),
          ("Nairobi", "KEN", -1.28, 36.82), ("Lagos", "NGA", 6.45, 3.40), ("Gaza", "PSE", 31.50, 34.47),
          ("Damascus", "SYR", 33.51, 36.29), ("Caracas", "VEN", 10.49, -66.88), ("Kabul", "AFG", 34.53, 69.17),
          ("Washington", "USA", 38.90, -77.04), ("Tokyo", "JPN", 35.69, 139.69), ("Khartoum", "SDN", 15.55, 32.53)]
VERBS = {"AGREE": "agreed with", "CONSULT": "met", "SUPPORT": "praised", "COOPERATE": "signed a deal with",
         "AID": "sent aid to", "REQUEST": "urged", "ACCUSE": "accused", "REJECT": "rejected the offer of",
         "THREATEN": "threatened", "PROTEST": "protested against", "SANCTION": "imposed sanctions on",
         "MOBILIZE": "deployed troops near", "COERCE": "arrested members of", "ASSAULT": "attacked",
         "RETREAT": "withdrew from", "CONCEDE": "released prisoners of"}
FILLERS = ["on Tuesday", "after weeks of tension", "according to officials", "in a statement",
           "despite international criticism", "late on Sunday", "amid rising prices", "near the border"]


def _entity(country: str, sector: str, start: int) -> dict:
    text = f"the {country} {sector.lower()}"
    return {"text": text, "start": start, "end": start + len(text), "name": f"{country} {sector}",
            "country": country, "sector": sector, "other_sectors": [], "organization": "", "kind": "agent",
            "source": "synthetic"}


def synthetic_event(number: int, rng: random.Random) -> dict:
    """One record shaped like the coder's output: spans point into its own sentence."""
    category, mode, quad = rng.choice(CATEGORIES)
    actor = _entity(rng.choice(COUNTRIES), rng.choice(SECTORS), 0)
    verb_at = actor["end"] + 1
    recipient = _entity(rng.choice(COUNTRIES), rng.choice(SECTORS), verb_at + len(VERBS[category]) + 1)
    sentence = (f"{actor['text']} {VERBS[category]} {recipient['text']} {rng.choice(FILLERS)}, "
                f"story {number // 4} reported, {rng.choice(FILLERS)}.")
    day = f"{2015 + number * 10 // 1_000_000 % 10}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    place = rng.choice(PLACES) if rng.random() < 0.4 else None
    location = ({"text": place[0], "name": place[0], "country": place[1], "admin1": "", "lat": place[2],
                 "lon": place[3], "start": None, "end": None} if place else None)
    trigger = {"text": VERBS[category], "start": verb_at, "end": verb_at + len(VERBS[category])}
    return {"id": f"story{number // 4}-{number % 4}-0", "story_id": f"story{number // 4}", "event": category,
            "actor": [actor], "recipient": [recipient],
            "evidence": {"sentence": sentence, "sentence_index": number % 4, "sentence_start": 0,
                         "trigger": trigger, "actor_spans": [{k: actor[k] for k in ("text", "start", "end")}],
                         "recipient_spans": [{k: recipient[k] for k in ("text", "start", "end")}]},
            "pub_date": day, "date": day, "date_source": "pub_date", "mode": mode, "context": [],
            "aux": rng.choice(AUX), "attributed_to": None, "quad_code": quad, "score": float(quad),
            "location": location, "dead": None, "injured": None, "arrested": None, "size": None,
            "event_text": VERBS[category], "confidence": round(rng.random(), 3), "coder_version": "synthetic"}


def write_corpus(target: Path, count: int, seed: int = 13) -> None:
    """count events as a folder of Parquet parts with the writer's schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventcoder.io.writing import EVENT_SCHEMA

    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    for part, first in enumerate(range(0, count, PART_SIZE)):
        rows = [synthetic_event(number, rng) for number in range(first, min(first + PART_SIZE, count))]
        pq.write_table(pa.Table.from_pylist(rows, schema=EVENT_SCHEMA), target / f"part-{part:06d}.parquet")


# ---------------------------------------------------------------- serving and timing

REQUESTS = {
    "list page, filtered (category, actor country, 3 years)":
        "/events?category=ASSAULT&actor_country=RUS&start=2018-01-01&end=2020-12-31",
    "list page, no filter": "/events",
    "list page, text search": "/events?q=border&aux=future",
    "list page, deep offset": "/events?category=PROTEST&offset=20000",
    "api/events, filtered, limit 100": "/api/events?category=PROTEST&recipient_country=KEN&limit=100",
    "api/events, no filter, limit 1000": "/api/events?limit=1000",
    "event page": "/events/{middle_id}",
    "dyad time series (json), all, per month": "/dyads.json?interval=month",
    "dyad time series (page), one actor country": "/dyads?actor_country=RUS&interval=week",
    "map (json)": "/map.json",
    "country-pair matrix (json), filtered": "/matrix.json?category=ASSAULT&start=2019-01-01",
}


def _memory_mb(pid: int) -> dict:
    """Resident memory of the server now (VmRSS) and at its peak (VmHWM), from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = round(int(value.split()[0]) / 1024)
    return {"rss_mb": fields["VmRSS"], "peak_rss_mb": fields["VmHWM"]}


def start_server(corpus: Path) -> tuple[subprocess.Popen, str, float]:
    environment = {**os.environ, "PYTHONUNBUFFERED": "1",
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "explore", str(corpus), "--port", "0"],
                              stdout=subprocess.PIPE, text=True, env=environment)
    line = server.stdout.readline()
    if " at http://" not in line:
        server.kill()
        raise SystemExit(f"the explorer did not start: {line!r}")
    return server, line.split(" at ")[1].split()[0].rstrip("/"), time.perf_counter() - started


def time_request(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        size = len(response.read())
        assert response.status == 200, url
    return time.perf_counter() - started, size


def measure(base: str, rounds: int) -> dict:
    """First (cold) time, then median and worst of `rounds` more, per request."""
    figures = {}
    total = json.loads(urllib.request.urlopen(base + "/api/events?limit=0").read())["total"]
    middle = json.loads(urllib.request.urlopen(f"{base}/api/events?limit=1&offset={total // 2}").read())
    for name, path in REQUESTS.items():
        path = path.format(middle_id=middle["events"][0]["id"])
        first, size = time_request(base + path)
        times = [time_request(base + path)[0] for _ in range(rounds)]
        figures[name] = {"path": path, "first_s": round(first, 3), "median_s": round(statistics.median(times), 3),
                         "worst_s": round(max(times), 3), "bytes": size}
        print(f"  {name:48} first {first:6.3f} s  median {statistics.median(times):6.3f} s  "
              f"worst {max(times):6.3f} s", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, help="reuse (or create) the synthetic Parquet folder here")
    parser.add_argument("--output", type=Path, default=RESULTS / "explore.json")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explore-bench-") as scratch:
        corpus = arguments.corpus or Path(scratch) / "events.parquet"
        generated = None
        if not corpus.exists():
            started = time.perf_counter()
            write_corpus(corpus, arguments.events)
            generated = round(time.perf_counter() - started, 1)
            print(f"generated {arguments.events:,} events in {generated} s -> {corpus}", flush=True)
        server, base, startup = start_server(corpus)
        try:
            loaded = _memory_mb(server.pid)
            print(f"server ready in {startup:.1f} s at {base}; RSS {loaded['rss_mb']} MB "
                  f"(peak while loading {loaded['peak_rss_mb']} MB)", flush=True)
            timings = measure(base, arguments.rounds)
            served = _memory_mb(server.pid)
            print(f"after the requests: RSS {served['rss_mb']} MB, peak {served['peak_rss_mb']} MB", flush=True)
            total = json.loads(urllib.request.urlopen(base + "/api/events?limit=0").read())["total"]
        finally:
            server.send_signal(2)
            server.wait(timeout=60)
    write_results(arguments, total, generated, startup, loaded, served, timings)


def write_results(arguments, total, generated, startup, loaded, served, timings) -> None:
    slowest = max(figure["median_s"] for figure in timings.values())
    results = {
        "events": total, "generated_s": generated, "startup_s": round(startup, 1),
        "memory_after_load": loaded, "memory_after_requests": served, "rounds": arguments.rounds,
        "requests": timings, "slowest_median_s": slowest,
        "targets": {"answer_under_s": 1.0, "server_under_mb": 1024,
                    "met": slowest < 1.0 and served["peak_rss_mb"] < 1024},
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average": os.getloadavg()},
    }
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"slowest median {slowest:.3f} s; peak RSS {served['peak_rss_mb']} MB -> {arguments.output}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    main()
