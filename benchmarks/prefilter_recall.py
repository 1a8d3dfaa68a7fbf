"""What the pre-parse filter and the numpy matrix multiply cost in accuracy on the gold file.

Runs the same evaluation as `eventcoder evaluate` (eventcoder.evaluation) twice in this
process, with CoderOptions(prefilter=True) and prefilter=False, and once more in a child
process with thinc's default blis ops (`--blis`), to check that switching to numpy's
matrix multiply leaves every event identical. Writes benchmarks/results/prefilter_recall.json.

    python benchmarks/prefilter_recall.py [--gold ../shared/data/plover/PLOVER_GSR_CAMEO.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.json"
RESULTS = REPO / "benchmarks" / "results"


def evaluate_gold(gold_path: Path, prefilter: bool) -> dict:
    """micro-F1 and friends, parse counts and a digest of every event coded."""
    from eventcoder.coder import Coder, CoderOptions
    from eventcoder.evaluation import evaluate, report
    from eventcoder.gold import load_gold
    from eventcoder.reading import Document

    coder = Coder(CoderOptions(prefilter=prefilter))
    texts = load_gold(gold_path)
    digest, counts = hashlib.sha256(), {"sentences": 0, "parsed_sentences": 0}

    def code(batch):
        documents = [Document(id=t.id, text=t.text, pub_date=t.pub_date) for t in batch]
        results = coder.code_batch(documents)
        for result in results:
            counts["sentences"] += result.sentences
            counts["parsed_sentences"] += result.parsed_sentences
            for event in result.events:
                digest.update(json.dumps(event.to_dict(), sort_keys=True).encode())
        return [result.events for result in results]

    started = time.process_time()
    figures = report(evaluate(texts, code))
    keys = ("event_micro_precision", "event_micro_recall", "event_micro_f1", "event_macro_f1", "dyad_accuracy")
    return {**{key: figures[key] for key in keys}, **counts, "events_sha256": digest.hexdigest(),
            "cpu_seconds": round(time.process_time() - started, 2)}


def blis_digest(gold_path: Path) -> str:
    """The events digest with thinc's default (blis) ops, from a fresh process."""
    output = subprocess.run([sys.executable, __file__, "--gold", str(gold_path), "--blis"],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)["events_sha256"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--blis", action="store_true", help="internal: one prefiltered run with blis ops, JSON to stdout")
    parser.add_argument("--output", type=Path, default=RESULTS / "prefilter_recall.json")
    args = parser.parse_args()
    if args.blis:
        from eventcoder import parsing

        parsing.FAST_OPS = False
        print(json.dumps(evaluate_gold(args.gold, prefilter=True)))
        return
    with_filter = evaluate_gold(args.gold, prefilter=True)
    without_filter = evaluate_gold(args.gold, prefilter=False)
    result = {
        "gold_file": args.gold.name,
        "prefilter": with_filter, "no_prefilter": without_filter,
        "micro_f1_cost": round(without_filter["event_micro_f1"] - with_filter["event_micro_f1"], 4),
        "parsed_share": round(with_filter["parsed_sentences"] / max(with_filter["sentences"], 1), 4),
        "numpy_ops_identical_to_blis": blis_digest(args.gold) == with_filter["events_sha256"],
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
