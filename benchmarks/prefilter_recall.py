"""What the pre-parse filter and the numpy matrix multiply cost in accuracy on the gold file.

Also codes the first `--stories` synthetic news stories with and without the filter and
reports the sentences it skips and the events it loses there (the gold texts are single
sentences chosen for holding an event, so only real-length stories show what it saves).

Runs the same evaluation as `eventcoder evaluate` (eventcoder.evaluation.scoring) twice in this
process, with CoderOptions(prefilter=True) and prefilter=False, and once more in a child
process with thinc's default blis ops (`--blis`), to check that switching to numpy's
matrix multiply leaves every event identical. Writes benchmarks/results/prefilter_recall.json.

    python benchmarks/prefilter_recall.py [--gold ../shared/data/plover/PLOVER_GSR_CAMEO.json] [--stories 1500]
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
DEFAULT_STORIES = REPO.parent / "shared" / "data" / "synthetic_stories" / "gpt_synthetic_events_2023-10-19.csv.zip"


def evaluate_gold(gold_path: Path, prefilter: bool) -> dict:
    """micro-F1 and friends, parse counts and a digest of every event coded."""
    from eventcoder.coder import Coder, CoderOptions
    from eventcoder.evaluation.scoring import evaluate, report
    from eventcoder.evaluation.gold import load_gold
    from eventcoder.io.reading import Document

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


def code_stories(path: Path, limit: int, prefilter: bool) -> tuple[set[str], dict]:
    """Every event of the first `limit` stories as JSON text, and sentence counts."""
    import pandas as pd

    from eventcoder.coder import Coder, CoderOptions

    texts = pd.read_csv(path, usecols=["text"], nrows=limit)["text"].fillna("").tolist()
    coder = Coder(CoderOptions(prefilter=prefilter))
    events, counts = set(), {"sentences": 0, "parsed_sentences": 0}
    started = time.process_time()
    documents = [{"id": f"story-{n}", "text": text, "pub_date": "2023-10-19"} for n, text in enumerate(texts)]
    for result in coder.code_documents(documents):
        counts["sentences"] += result.sentences
        counts["parsed_sentences"] += result.parsed_sentences
        events.update(json.dumps(event.to_dict(), sort_keys=True) for event in result.events)
    return events, {**counts, "events": len(events), "cpu_seconds": round(time.process_time() - started, 2)}


def compare_on_stories(path: Path, limit: int) -> dict:
    with_events, with_counts = code_stories(path, limit, prefilter=True)
    without_events, without_counts = code_stories(path, limit, prefilter=False)
    return {"stories": limit, "prefilter": with_counts, "no_prefilter": without_counts,
            "skipped_share": round(1 - with_counts["parsed_sentences"] / max(without_counts["parsed_sentences"], 1), 4),
            "events_lost": len(without_events - with_events), "events_gained": len(with_events - without_events)}


def blis_digest(gold_path: Path) -> str:
    """The events digest with thinc's default (blis) ops, from a fresh process."""
    output = subprocess.run([sys.executable, __file__, "--gold", str(gold_path), "--blis"],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)["events_sha256"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--blis", action="store_true", help="internal: one prefiltered run with blis ops, JSON to stdout")
    parser.add_argument("--stories", type=int, default=1500, help="synthetic stories to compare on (0: none)")
    parser.add_argument("--stories-file", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--output", type=Path, default=RESULTS / "prefilter_recall.json")
    args = parser.parse_args()
    if args.blis:
        from eventcoder.nlp import parsing

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
    if args.stories:
        result["synthetic_stories"] = compare_on_stories(args.stories_file, args.stories)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
