"""PLV-format gold data: real news sentences with one annotated PLOVER root and dyad per row.

A PLV file is tab-separated with (at least) the columns `sentence`, `gold_root`, `source`
and `target` (the layout of the PLV data of Hu et al., ACL 2024). The coder sees only the
sentences, one document per unique sentence, and must find the events itself. The figures
are defined per row, as docs/evaluation.md states:

- root recall: the coder emitted, in that sentence, an event of the row's root code
  (the old root YIELD is matched by CONCEDE or RETREAT);
- dyad found: one such event has an actor whose words overlap `source` and a recipient
  whose words overlap `target` (case-insensitive words, ignoring "the", "of", "a", "an", "s");
- label: the category of the event whose actor + recipient words overlap source + target
  most ("none" if no event touches them); accuracy and macro-F1 over the gold root codes;
- sentence precision: of the distinct categories emitted per sentence, the share that is a
  gold root of that sentence (a lower bound: sentences hold events no row names).
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from eventcoder.errors import GoldFormatError

PLV_COLUMNS = ("sentence", "gold_root", "source", "target")
YIELD = frozenset({"CONCEDE", "RETREAT"})
IGNORED_WORDS = frozenset({"the", "of", "a", "an", "s"})
NO_LABEL = "none"
NO_EVENT = "NONE"
# Every sentence is coded with this publication date, so that runs are comparable.
PLV_PUB_DATE = "2020-01-01"


@dataclass(frozen=True)
class PlvRow:
    sentence_id: str
    sentence: str
    root: str
    source: str
    target: str


def is_plv_file(path: str | Path) -> bool:
    """A tab-separated file whose header names the PLV columns."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            header = handle.readline().rstrip("\r\n").split("\t")
    except (OSError, UnicodeDecodeError):
        return False
    return all(column in header for column in PLV_COLUMNS)


def load_plv(path: str | Path) -> list[PlvRow]:
    """Rows in file order; sentence ids P0000, P0001, ... by first appearance of a sentence."""
    csv.field_size_limit(2**31 - 1)
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        missing = [c for c in PLV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise GoldFormatError(f"{path}: not a PLV file, columns missing: {', '.join(missing)}")
        raw_rows = list(reader)
    ids: dict[str, str] = {}
    rows = []
    for number, raw in enumerate(raw_rows, 2):
        sentence = (raw["sentence"] or "").strip()
        if not sentence or not (raw["gold_root"] or "").strip():
            raise GoldFormatError(f"{path}:{number}: a PLV row needs a sentence and a gold_root")
        sentence_id = ids.setdefault(sentence, f"P{len(ids):04d}")
        rows.append(PlvRow(sentence_id, sentence, raw["gold_root"].strip(), raw["source"] or "",
                           raw["target"] or ""))
    return rows


def unique_sentences(rows: list[PlvRow]) -> list[tuple[str, str]]:
    """(sentence id, sentence) once each, in first-seen order: what the coder is given."""
    seen: dict[str, str] = {}
    for row in rows:
        seen.setdefault(row.sentence_id, row.sentence)
    return list(seen.items())


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in IGNORED_WORDS}


def overlap(first: str, second: str) -> int:
    return len(words(first) & words(second))


def side_text(side) -> str:
    """The words of an event's actor or recipient list (entity text, else its name)."""
    if isinstance(side, list):
        return " ".join(str((e or {}).get("text") or (e or {}).get("name") or "") for e in side)
    return str(side or "")


def matches_root(category: str, root: str) -> bool:
    return category in YIELD if root == "YIELD" else category == root


def _dyad_found(row: PlvRow, same: list[dict]) -> bool:
    return any(overlap(side_text(e.get("actor")), row.source) and overlap(side_text(e.get("recipient")), row.target)
               for e in same)


def _label(row: PlvRow, events: list[dict]) -> str:
    best, best_score = NO_LABEL, 0
    for event in events:
        score = overlap(side_text(event.get("actor")), row.source) + overlap(side_text(event.get("recipient")), row.target)
        if score > best_score:
            best, best_score = event["event"], score
    return "YIELD" if best in YIELD else best


@dataclass
class RowOutcome:
    row: PlvRow
    found: bool
    dyad: bool
    label: str
    predicted: list[str]

    @property
    def failure(self) -> str:
        """Why the row's event was missed: no event at all, other categories only, wrong dyad."""
        if not self.predicted:
            return "no_event"
        if not self.found:
            return "other_category"
        return "" if self.dyad else "wrong_dyad"


def score_row(row: PlvRow, events: list[dict]) -> RowOutcome:
    same = [e for e in events if matches_root(e["event"], row.root)]
    return RowOutcome(row, bool(same), _dyad_found(row, same), _label(row, events),
                      sorted({e["event"] for e in events}))


def score_plv(rows: list[PlvRow], events_by_sentence: dict[str, list[dict]]) -> dict:
    """The PLV figures and a per-root error report; events are records as `code` writes them."""
    outcomes = [score_row(row, events_by_sentence.get(row.sentence_id, [])) for row in rows]
    count = len(rows)
    report = {
        "format": "plv", "rows": count, "sentences": len({r.sentence_id for r in rows}),
        "root_recall": _rounded(sum(o.found for o in outcomes), count),
        "dyad_recall": _rounded(sum(o.dyad for o in outcomes), count),
        "sentence_precision": _sentence_precision(rows, events_by_sentence),
        "label_accuracy": _rounded(sum(o.label == o.row.root for o in outcomes), count),
        "rows_with_no_event_touching_dyad": sum(o.label == NO_LABEL for o in outcomes),
    }
    report["per_root_f1"], report["label_macro_f1"] = _label_f1(outcomes)
    report["failures"] = dict(Counter(o.failure for o in outcomes if o.failure))
    report["per_root"] = _per_root(outcomes)
    report["label_confusion"] = _label_confusion(outcomes)
    return report


def _rounded(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _sentence_precision(rows: list[PlvRow], events_by_sentence: dict[str, list[dict]]) -> float:
    gold: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        gold[row.sentence_id] |= YIELD if row.root == "YIELD" else {row.root}
    right = wrong = 0
    for sentence_id, roots in gold.items():
        for category in {e["event"] for e in events_by_sentence.get(sentence_id, [])}:
            right += category in roots
            wrong += category not in roots
    return _rounded(right, right + wrong)


def _label_f1(outcomes: list[RowOutcome]) -> tuple[dict[str, float], float]:
    pairs = [(o.row.root, o.label) for o in outcomes]
    per_root = {}
    for root in sorted({gold for gold, _ in pairs}):
        tp = sum(1 for g, p in pairs if g == root and p == root)
        fp = sum(1 for g, p in pairs if g != root and p == root)
        fn = sum(1 for g, p in pairs if g == root and p != root)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per_root[root] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    macro = round(sum(per_root.values()) / len(per_root), 3) if per_root else 0.0
    return {root: round(f1, 3) for root, f1 in per_root.items()}, macro


def _per_root(outcomes: list[RowOutcome]) -> dict[str, dict]:
    """For each gold root: recall, dyads, why rows were missed, what was coded instead."""
    grouped: dict[str, list[RowOutcome]] = defaultdict(list)
    for outcome in outcomes:
        grouped[outcome.row.root].append(outcome)
    return {root: _root_summary(group) for root, group in sorted(grouped.items())}


def _root_summary(group: list[RowOutcome]) -> dict:
    instead = Counter(category for o in group if not o.found for category in (o.predicted or [NO_EVENT]))
    failures = Counter(o.failure for o in group)
    return {"rows": len(group), "root_recall": _rounded(sum(o.found for o in group), len(group)),
            "dyad_recall": _rounded(sum(o.dyad for o in group), len(group)),
            "no_event": failures["no_event"], "other_category": failures["other_category"],
            "wrong_dyad": failures["wrong_dyad"], "produced_instead": dict(instead.most_common())}


def _label_confusion(outcomes: list[RowOutcome]) -> dict[str, dict[str, int]]:
    rows: dict[str, dict[str, int]] = defaultdict(dict)
    for (gold, label), count in sorted(Counter((o.row.root, o.label) for o in outcomes).items()):
        rows[gold][label] = count
    return dict(rows)


def evaluate_plv(rows: list[PlvRow], code: Callable[[list[tuple[str, str]]], list[list[dict]]],
                 batch_size: int = 64) -> dict:
    """Codes every unique sentence with `code` (a batch function giving event dicts) and scores."""
    sentences = unique_sentences(rows)
    events: dict[str, list[dict]] = {}
    for start in range(0, len(sentences), batch_size):
        batch = sentences[start:start + batch_size]
        for (sentence_id, _), found in zip(batch, code(batch)):
            events[sentence_id] = found
    return score_plv(rows, events)
