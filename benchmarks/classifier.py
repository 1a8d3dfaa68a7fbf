"""Cross-validate the event classifier with the full coder in the loop, on PLV_train.

    .venv/bin/python benchmarks/classifier.py --shared ../shared

PLV_train (real news sentences, PLOVER root codes, ../shared/data/plv) is split into
5 folds by sentence (stratified by root, seed 0). Per fold a classifier is trained on
the other 4/5 plus the synthetic stories (tools/train_classifier.py), the coder codes the
held-out 1/5 with that classifier, and the events of all folds are scored together with
the project's PLV definitions (`--scorer`, the shared plv_score.py). Each variant is a
training setting plus a use policy (model.json "use": rank only, relabel, propose).
The sentences are parsed once; the variants differ only after parsing.

Also: the classifier alone on the held-out sentences (accuracy, macro-F1), and, for the
variants named with --gold, the PLOVER gold figures of the coder with the variant's
model trained on all of PLV_train + synthetic (a test set: reported, never tuned on).
Writes benchmarks/results/classifier.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import train_classifier as training  # noqa: E402

from eventcoder.coder import Coder  # noqa: E402
from eventcoder.evaluation.gold import load_gold  # noqa: E402
from eventcoder.evaluation.scoring import evaluate, report  # noqa: E402
from eventcoder.io.reading import Document  # noqa: E402
from eventcoder.knowledge.classifier import EventClassifier, UsePolicy  # noqa: E402

SEED = 0
PUB_DATE = "2020-01-01"  # as the shared scorer's --make-input writes


@dataclass(frozen=True)
class Training:
    """How a model is trained: each PLV row `plv_repeats` times beside the synthetic rows."""

    plv_repeats: int
    synthetic: bool = True
    c_value: float = 4.0
    realnews_repeats: int = 0  # rows of the real-news set's annotated train part (never a PLV fold)


class CachedParses:
    """Stands in for the spaCy pipeline: parses each distinct text once, then replays it."""

    def __init__(self, nlp) -> None:
        self.nlp, self.cache = nlp, {}

    def pipe(self, texts, batch_size: int = 1000):
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        self.cache.update(zip(missing, self.nlp.pipe(missing, batch_size=batch_size)))
        return (self.cache[t] for t in texts)


def synthetic_rows(shared: Path) -> tuple[list[str], np.ndarray]:
    stories = training.load_stories(shared / training.DATA_FILE)
    return training.expand(stories, "title_lead2_separate", stories["category"].to_numpy())


def train(setting: Training, synthetic, realnews, plv_texts: list[str], plv_labels: np.ndarray) -> object:
    """A model trained as `setting` says; `synthetic` and `realnews` (the real-news train rows)
    are loaded once by the caller and passed to every fold."""
    repeated_realnews = (realnews, setting.realnews_repeats) if setting.realnews_repeats else None
    texts, labels = training.plv_training_rows(plv_texts, plv_labels, setting.plv_repeats,
                                               synthetic if setting.synthetic else None, repeated_realnews)
    return training.fit_model(texts, labels, setting.c_value)


def model_directory(model, directory: Path) -> EventClassifier:
    """Store a fold's category model beside the shipped mode model and load it as shipped."""
    directory.mkdir(parents=True, exist_ok=True)
    training.save_layer(directory / "category.npz", model)
    shipped = Path(training.__file__).resolve().parents[1] / "src/eventcoder/knowledge/data/classifier"
    shutil.copy(shipped / "mode.npz", directory / "mode.npz")
    (directory / "model.json").write_text(json.dumps({"featurizer": training.FEATURIZER}), encoding="utf-8")
    return EventClassifier.load(directory)


def code_sentences(coder: Coder, ids: list[str], texts: list[str], classifier) -> list[dict]:
    coder.resources.classifier = classifier
    documents = [Document(id=i, text=t, pub_date=PUB_DATE) for i, t in zip(ids, texts)]
    return [event.to_dict() for result in coder.code_batch(documents) for event in result.events]


def plv_scores(scorer: Path, plv_path: Path, events: list[dict], work: Path) -> dict:
    events_path = work / "events.jsonl"
    events_path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    output = subprocess.run([sys.executable, str(scorer), str(plv_path), str(events_path)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def sentence_scores(truth: list[str], predicted: list[str]) -> dict:
    return {"accuracy": round(float(accuracy_score(truth, predicted)), 4),
            "macro_f1": round(float(f1_score(truth, predicted, average="macro")), 4)}


def ranked_scores(truth: np.ndarray, probabilities: np.ndarray, classes: np.ndarray) -> dict:
    """Accuracy and macro-F1 of the top category, and top-2 accuracy, of a probability
    matrix whose columns are `classes` (benchmarks/encoder.py, benchmarks/textcat.py)."""
    ranked = classes[np.argsort(-probabilities, axis=1, kind="stable")]
    return {**sentence_scores(truth, ranked[:, 0]),
            "top2_accuracy": round(float(np.mean([t in r[:2] for t, r in zip(truth, ranked)])), 4)}


def checked_plv(shared: Path):
    """PLV_train, refused unless it is the file these benchmarks were written for."""
    plv_path = shared / training.PLV_FILE
    if training.sha256(plv_path) != training.PLV_SHA256:
        raise SystemExit(f"{plv_path}: not the PLV_train this benchmark was written for")
    return training.load_plv(plv_path)


def write_results(output: Path, results: dict) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


POLICIES = {
    "rank": UsePolicy(),
    "relabel.5": UsePolicy(relabel_floor=0.5, relabel_margin=0.2),
    "relabel.4": UsePolicy(relabel_floor=0.4, relabel_margin=0.15),
    "relabel.3": UsePolicy(relabel_floor=0.3, relabel_margin=0.1),
    "propose.4": UsePolicy(propose_floor=0.4),
    "propose.25": UsePolicy(propose_floor=0.25),
    "propose.1": UsePolicy(propose_floor=0.1),
    "propose.0": UsePolicy(propose_floor=0.0),
    "relabel.4+propose.25": UsePolicy(relabel_floor=0.4, relabel_margin=0.15, propose_floor=0.25),
    "relabel.3+propose.25": UsePolicy(relabel_floor=0.3, relabel_margin=0.1, propose_floor=0.25),
    "relabel.5+propose.4": UsePolicy(relabel_floor=0.5, relabel_margin=0.2, propose_floor=0.4),
    "propose.4/actor": UsePolicy(propose_floor=0.4, propose_parties="actor"),
    "propose.4/either": UsePolicy(propose_floor=0.4, propose_parties="either"),
    "propose.25/actor": UsePolicy(propose_floor=0.25, propose_parties="actor"),
    "propose.1/actor": UsePolicy(propose_floor=0.1, propose_parties="actor"),
    "propose.1/either": UsePolicy(propose_floor=0.1, propose_parties="either"),
    "propose.4+second.7": UsePolicy(propose_floor=0.4, second_floor=0.7),
    "propose.4+second.55": UsePolicy(propose_floor=0.4, second_floor=0.55),
    "propose.4+second.4": UsePolicy(propose_floor=0.4, second_floor=0.4),
    "propose.4+second.25": UsePolicy(propose_floor=0.4, second_floor=0.25),
    "propose.4/actor+second.55/actor": UsePolicy(propose_floor=0.4, propose_parties="actor", second_floor=0.55),
    "propose.1/actor+speech": UsePolicy(propose_floor=0.1, propose_parties="actor", propose_speech_root=True),
    "propose.1/actor+overrule.5": UsePolicy(propose_floor=0.1, propose_parties="actor", overrule_floor=0.5),
    "propose.1/actor+overrule.3": UsePolicy(propose_floor=0.1, propose_parties="actor", overrule_floor=0.3),
    "propose.1/actor+speech+overrule.5": UsePolicy(propose_floor=0.1, propose_parties="actor",
                                                   propose_speech_root=True, overrule_floor=0.5),
    "propose.25/actor+speech": UsePolicy(propose_floor=0.25, propose_parties="actor", propose_speech_root=True),
    "propose.1/actor+rank.05": UsePolicy(propose_floor=0.1, propose_parties="actor", rank_margin=0.05),
    "propose.1/actor+rank.3": UsePolicy(propose_floor=0.1, propose_parties="actor", rank_margin=0.3),
    "propose.1/actor+rank.0": UsePolicy(propose_floor=0.1, propose_parties="actor", rank_margin=0.0),
    "propose.4+speech": UsePolicy(propose_floor=0.4, propose_speech_root=True),
    "propose.4+overrule.5": UsePolicy(propose_floor=0.4, overrule_floor=0.5),
    "propose.4+speech+overrule.5": UsePolicy(propose_floor=0.4, propose_speech_root=True, overrule_floor=0.5),
    "propose.4/actor+speech+overrule.5": UsePolicy(propose_floor=0.4, propose_parties="actor",
                                                   propose_speech_root=True, overrule_floor=0.5),
    "propose.4/actor+overrule.4": UsePolicy(propose_floor=0.4, propose_parties="actor", overrule_floor=0.4),
    "propose.25/actor+overrule.5": UsePolicy(propose_floor=0.25, propose_parties="actor", overrule_floor=0.5),
    "propose.25+overrule.5": UsePolicy(propose_floor=0.25, overrule_floor=0.5),
    "propose.4/actor+speech+overrule.4": UsePolicy(propose_floor=0.4, propose_parties="actor",
                                                   propose_speech_root=True, overrule_floor=0.4),
    "propose.4/actor+speech+overrule.6": UsePolicy(propose_floor=0.4, propose_parties="actor",
                                                   propose_speech_root=True, overrule_floor=0.6),
    "propose.4/actor+speech+overrule.3": UsePolicy(propose_floor=0.4, propose_parties="actor",
                                                   propose_speech_root=True, overrule_floor=0.3),
    "propose.4/actor+speech+overrule.4+second.7": UsePolicy(
        propose_floor=0.4, propose_parties="actor", propose_speech_root=True, overrule_floor=0.4, second_floor=0.7),
    "propose.4/actor+speech+overrule.4+second.55": UsePolicy(
        propose_floor=0.4, propose_parties="actor", propose_speech_root=True, overrule_floor=0.4, second_floor=0.55),
}
TRAININGS = {"synthetic only": Training(0), "synthetic+plv×3": Training(3), "synthetic+plv×1": Training(1),
             "synthetic+plv×6": Training(6), "synthetic+plv×12": Training(12),
             "plv only": Training(1, synthetic=False),
             "synthetic+plv×6+train×3": Training(6, realnews_repeats=3),
             "synthetic+plv×6+train×6": Training(6, realnews_repeats=6),
             "synthetic+plv×6+train×12": Training(6, realnews_repeats=12)}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--scorer", type=Path, default=None, help="plv_score.py (default: SHARED/tools/plv_score.py)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--trainings", nargs="*", default=list(TRAININGS))
    parser.add_argument("--policies", nargs="*", default=list(POLICIES))
    parser.add_argument("--coder-trainings", nargs="*", default=None,
                        help="trainings to run the coder with (default: all of --trainings)")
    parser.add_argument("--gold", nargs="*", default=[], help="TRAINING/POLICY pairs to score on the PLOVER gold file")
    parser.add_argument("--event-readings", action="store_true",
                        help="also measure (b): an event-level model over the lexicon's category and trigger")
    parser.add_argument("--output", type=Path, default=Path("benchmarks/results/classifier.json"))
    return parser.parse_args(argv)


def make_folds(labels: np.ndarray, n_folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    return list(StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=SEED).split(labels, labels))


def fold_models(setting: Training, synthetic, realnews, plv, folds, work: Path) -> tuple[list[EventClassifier], dict]:
    """One model per fold, and the classifier-alone scores on the held-out sentences."""
    texts, labels = list(plv["sentence"]), plv["category"].to_numpy()
    models, predicted = [], np.empty(len(texts), dtype=object)
    for number, (train_rows, test_rows) in enumerate(folds):
        model = train(setting, synthetic, realnews, [texts[i] for i in train_rows], labels[train_rows])
        classifier = model_directory(model, work / f"fold{number}")
        matrix = classifier.category_matrix([texts[i] for i in test_rows])
        predicted[test_rows] = np.array(classifier.categories)[matrix.argmax(axis=1)]
        models.append(classifier)
    return models, sentence_scores(list(labels), list(predicted.astype(str)))


def cross_validated_coder(coder: Coder, models, policy, plv, folds, ids, scorer, plv_path, work,
                          keep: list | None = None) -> dict:
    events = []
    texts = list(plv["sentence"])
    for classifier, (_, test_rows) in zip(models, folds):
        chosen = classifier.with_policy(policy) if classifier is not None else None
        events += code_sentences(coder, [ids[i] for i in test_rows], [texts[i] for i in test_rows], chosen)
    if keep is not None:
        keep.extend(events)
    return plv_scores(scorer, plv_path, events, work)


# ------------------------------------------------- (b) an event-level reading model, measured only


def _words(text: str) -> set[str]:
    """The shared scorer's word overlap (plv_score.py), for finding the annotated event."""
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in {"the", "of", "a", "an", "s"}}


def _side(entities: list[dict]) -> str:
    return " ".join(str(e.get("text") or e.get("name") or "") for e in entities or [])


def annotated_event(events: list[dict], source: str, target: str) -> dict | None:
    """The event the scorer's label figure reads: best actor + recipient overlap, first on ties."""
    best, best_score = None, 0
    for event in events:
        score = len(_words(_side(event["actor"])) & _words(source)) + \
            len(_words(_side(event["recipient"])) & _words(target))
        if score > best_score:
            best, best_score = event, score
    return best


def reading_text(event: dict) -> str:
    """The lexicon's category and trigger as marker words before the sentence."""
    category, trigger = event["event"].lower(), event["evidence"]["trigger"]["text"].lower().replace(" ", "_")
    return f"zzlex_{category} zzlex_{category} zzlex_{category} zztrigger_{trigger} {event['evidence']['sentence']}"


def event_reading_experiment(events: list[dict], plv_path: Path, ids: list[str], folds) -> dict:
    """Label accuracy on the annotated events the lexicon found: its own category against a
    model that reads the sentence plus the lexicon's category and trigger, trained per fold
    on the other folds' annotated events with the gold root as target."""
    with plv_path.open(encoding="utf-8", newline="") as handle:
        first_rows = {}
        for row in csv.DictReader(handle, delimiter="\t"):
            first_rows.setdefault(row["sentence"].strip(), row)
    rows = list(first_rows.values())  # in the scorer's order: rows[n] is sentence ids[n]
    by_story: dict[str, list[dict]] = {}
    for event in events:
        by_story.setdefault(event["story_id"], []).append(event)
    examples = {}
    for number, row in enumerate(rows):
        found = annotated_event(by_story.get(ids[number], []), row["source"], row["target"])
        if found is not None:
            examples[number] = (reading_text(found), found["event"], training.PLV_ROOTS.get(row["gold_root"], row["gold_root"]))
    lexicon_right = model_right = 0
    for train_rows, test_rows in folds:
        train_set = [examples[i] for i in train_rows if i in examples]
        test_set = [examples[i] for i in test_rows if i in examples]
        model = training.fit_model([t for t, _, _ in train_set], np.array([g for _, _, g in train_set]), 4.0)
        predicted = model.predict(training.vectorize([t for t, _, _ in test_set]))
        lexicon_right += sum(_same(lexicon, gold) for _, lexicon, gold in test_set)
        model_right += sum(_same(guess, gold) for guess, (_, _, gold) in zip(predicted, test_set))
    return {"annotated_events_found": len(examples), "rows": len(rows),
            "lexicon_category_right": lexicon_right, "reading_model_right": model_right}


def _same(predicted: str, gold: str) -> bool:
    yielded = {"CONCEDE", "RETREAT"}
    return predicted == gold or (predicted in yielded and gold in yielded)


def gold_figures(coder: Coder, classifier, gold_path: Path) -> dict:
    coder.resources.classifier = classifier

    def code(batch):
        documents = [Document(id=t.id, text=t.text, pub_date=t.pub_date) for t in batch]
        return [result.events for result in coder.code_batch(documents)]

    figures = report(evaluate(load_gold(gold_path), code))
    return {key: figures[key] for key in ("event_micro_f1", "event_micro_precision", "event_micro_recall",
                                          "dyad_accuracy", "event_macro_f1", "actor_country_accuracy",
                                          "recipient_country_accuracy")}


HEADLINE = ("root_recall", "dyad_recall", "sentence_precision", "label_accuracy", "label_macro_f1")


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    scorer = args.scorer or args.shared / "tools/plv_score.py"
    plv_path = args.shared / training.PLV_FILE
    plv = checked_plv(args.shared)
    ids = [f"P{n:04d}" for n in range(len(plv))]  # the scorer numbers sentences in first-seen order
    folds = make_folds(plv["category"].to_numpy(), args.folds)
    synthetic = synthetic_rows(args.shared)
    realnews = training.load_realnews()  # read once, not once per fold of every training that uses it
    coder = Coder()
    coder._nlp = CachedParses(coder.nlp)  # parse once for every variant
    results = {"data": {"plv_sha256": training.PLV_SHA256, "synthetic_sha256": training.DATA_SHA256,
                        "folds": args.folds, "split": "StratifiedKFold by sentence on its root, seed 0"},
               "sentence_only": {}, "coder": {}, "gold": {}}
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        started = time.perf_counter()
        lexicon_events: list[dict] = []
        results["coder"]["lexicon only"] = cross_validated_coder(
            coder, [None] * len(folds), None, plv, folds, ids, scorer, plv_path, work, lexicon_events)
        if args.event_readings:
            results["event_readings"] = event_reading_experiment(lexicon_events, plv_path, ids, folds)
            print(f"event readings: {results['event_readings']}", flush=True)
        print(f"baseline ({time.perf_counter() - started:.0f}s)", flush=True)
        _print_row("lexicon only", results["coder"]["lexicon only"])
        for name in args.trainings:
            started = time.perf_counter()
            models, alone = fold_models(TRAININGS[name], synthetic, realnews, plv, folds, work / name)
            results["sentence_only"][name] = alone
            print(f"{name}: classifier alone {alone} ({time.perf_counter() - started:.0f}s)", flush=True)
            if args.coder_trainings is not None and name not in args.coder_trainings:
                continue
            for policy_name in args.policies:
                key = f"{name}/{policy_name}"
                results["coder"][key] = cross_validated_coder(
                    coder, models, POLICIES[policy_name], plv, folds, ids, scorer, plv_path, work)
                _print_row(key, results["coder"][key])
        for pair in args.gold:
            name, policy_name = pair.split("/", 1)
            model = train(TRAININGS[name], synthetic, realnews, list(plv["sentence"]), plv["category"].to_numpy())
            classifier = model_directory(model, work / "full" / name).with_policy(POLICIES[policy_name])
            results["gold"][pair] = gold_figures(coder, classifier, args.shared / training.GOLD_FILE)
            print(f"gold {pair}: {results['gold'][pair]}", flush=True)
        # The shipped model has seen all of PLV_train: it is scored on the gold file only.
        results["gold"]["shipped"] = gold_figures(coder, EventClassifier.load(), args.shared / training.GOLD_FILE)
        print(f"gold shipped: {results['gold']['shipped']}", flush=True)
    write_results(args.output, results)
    return 0


def _print_row(name: str, scores: dict) -> None:
    print(f"  {name:40s} " + "  ".join(f"{key} {scores[key]:.3f}" for key in HEADLINE), flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
