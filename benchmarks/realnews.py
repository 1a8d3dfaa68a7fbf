"""Accuracy on real news: PLV_train (development data) and the real-news set's dev, test and train parts.

Codes each input with `eventcoder code --workers N` (the command a user runs, so the
multi-worker path is what is measured), then scores the saved output with the same
functions as `eventcoder evaluate --predictions` (docs/evaluation.md):

- PLV_train (`--plv`, default ../shared/data/plv/PLV_train.tsv; skipped with a message when
  absent): root recall, dyad found, label accuracy and macro-F1, sentence precision, and the
  per-root error report.
- tests/data/realnews/: the dev, test and train parts against gold.jsonl (event precision, recall
  and F1, dyad recall, per-category error report), each sentence coded alone and, under
  `in_articles`, coded inside its whole article (as `evaluate --in-articles`). Until the adjudicated gold exists, only
  what the coder produced per part is recorded (sentences with events, events per category).
  The test part is coded and reported for the record: nobody tunes on it (docs/annotation.md).

Writes benchmarks/results/realnews.json.

    python benchmarks/realnews.py [--plv PATH] [--workers 2] [--output PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PLV = REPO.parent / "shared" / "data" / "plv" / "PLV_train.tsv"
REALNEWS = REPO / "tests" / "data" / "realnews"
# train is annotated training and error-analysis data (docs/annotation.md): reported beside
# dev and test so its figures are on record, never a test.
PARTS = ("dev", "test", "train")
RESULTS = REPO / "benchmarks" / "results"
sys.path.insert(0, str(REPO / "src"))


def run_coder(corpus: Path, output: Path, workers: int) -> float:
    """`eventcoder code` in a child process; returns its wall time in seconds."""
    command = [sys.executable, "-m", "eventcoder.cli", "code", str(corpus), "-o", str(output),
               "--no-language-check", "--no-progress", "--workers", str(workers)]
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    subprocess.run(command, check=True, env=environment, stdout=subprocess.DEVNULL)
    return round(time.perf_counter() - started, 1)


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def measure_plv(path: Path, workers: int, folder: Path) -> dict:
    from eventcoder.evaluation.gold import file_sha256
    from eventcoder.evaluation.plv import PLV_PUB_DATE, load_plv, score_plv, unique_sentences
    from eventcoder.evaluation.predictions import read_prediction_dicts

    rows = load_plv(path)
    corpus, output = folder / "plv_in.jsonl", folder / "plv_out.jsonl"
    write_jsonl(corpus, [{"id": i, "text": t, "pub_date": PLV_PUB_DATE} for i, t in unique_sentences(rows)])
    seconds = run_coder(corpus, output, workers)
    return {"file": os.path.relpath(path, REPO), "sha256": file_sha256(path), "seconds": seconds,
            **score_plv(rows, read_prediction_dicts(output))}


def measure_realnews(workers: int, folder: Path) -> dict:
    from eventcoder.evaluation.gold import file_sha256
    from eventcoder.evaluation.predictions import read_predictions

    sentences = REALNEWS / "sentences.jsonl"
    output = folder / "realnews_out.jsonl"
    seconds = run_coder(sentences, output, workers)
    predictions = read_predictions(output)
    rows = [json.loads(line) for line in sentences.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = {"sentences_sha256": file_sha256(sentences), "seconds": seconds}
    gold = REALNEWS / "gold.jsonl"
    for part in PARTS:
        result[part] = {"coder_output": _output_summary([r for r in rows if r["part"] == part], predictions)}
        if gold.exists():
            result[part]["gold"] = _score_part(gold, part, predictions)
    result["gold"] = str(gold.relative_to(REPO)) if gold.exists() else "absent: the adjudicated annotation is pending"
    if gold.exists():
        result["in_articles"] = measure_in_articles(gold, workers, folder)
    return result


def measure_in_articles(gold: Path, workers: int, folder: Path) -> dict:
    """The same sentences coded inside their whole articles (evaluate --in-articles)."""
    from eventcoder.evaluation.articles import ARTICLES_FILE, Articles
    from eventcoder.evaluation.gold import load_gold, select_part
    from eventcoder.evaluation.predictions import read_predictions
    from eventcoder.evaluation.scoring import evaluate, report

    articles = REALNEWS / ARTICLES_FILE
    rows = [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus, output = folder / "articles_in.jsonl", folder / "articles_out.jsonl"
    write_jsonl(corpus, [{"id": r["article_id"], "text": "\n".join(r["sentences"]), "pub_date": r["pub_date"],
                          "title": r.get("title") or ""} for r in rows])
    result = {"seconds": run_coder(corpus, output, workers)}
    saved = read_predictions(output)
    in_articles = Articles(articles, lambda documents: [saved.get(d.id, []) for d in documents])
    texts = load_gold(gold)
    for part in PARTS:
        result[part] = report(evaluate(select_part(texts, part), in_articles.code_batch))
    return result


def _output_summary(rows: list[dict], predictions: dict) -> dict:
    events = [e for r in rows for e in predictions.get(r["id"], [])]
    return {"sentences": len(rows), "articles": len({r["article_id"] for r in rows}),
            "sentences_with_events": sum(1 for r in rows if predictions.get(r["id"])), "events": len(events),
            "events_per_category": dict(sorted(Counter(e.event for e in events).items())),
            "events_per_aux": dict(sorted(Counter(e.aux for e in events).items()))}


def _score_part(gold: Path, part: str, predictions: dict) -> dict:
    from eventcoder.evaluation.gold import load_gold, select_part
    from eventcoder.evaluation.scoring import evaluate, report

    texts = select_part(load_gold(gold), part)
    return report(evaluate(texts, lambda batch: [predictions.get(t.id, []) for t in batch]))


def git_commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plv", type=Path, default=DEFAULT_PLV)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output", type=Path, default=RESULTS / "realnews.json")
    args = parser.parse_args()
    from eventcoder import __version__

    results = {"coder_version": __version__, "commit": git_commit(), "workers": args.workers,
               "python": platform.python_version(), "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as folder:
        if args.plv.exists():
            results["plv_train"] = measure_plv(args.plv, args.workers, Path(folder))
        else:
            results["plv_train"] = {"skipped": f"{args.plv} not found (development data lives in ../shared)"}
            print(f"PLV_train skipped: {args.plv} not found", file=sys.stderr)
        results["realnews"] = measure_realnews(args.workers, Path(folder))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in results["plv_train"].items() if not isinstance(v, dict)}, indent=1))
    print(f"-> {args.output}")


if __name__ == "__main__":
    main()
