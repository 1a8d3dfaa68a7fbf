"""Accuracy on gold data, matched as docs/evaluation.md states.

Per text, the set of predicted categories is compared with the set of gold categories:
a category in both is a true positive, one predicted only a false positive, one in the
gold only a false negative. For each gold event whose category was predicted, the
predicted event of that category whose actors overlap the gold actors most is its match;
actor (recipient) country is right when the match's set of actor (recipient) countries
equals the gold set. Full-dyad accuracy counts gold events with category, actor and
recipient countries all right, over all gold events; dyad recall asks the same of any
predicted event of the category, not only the best match. Every missed gold event is put
in one class: no event at all in its text, other categories only, or a wrong dyad.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from eventcoder.evaluation.gold import GoldRecord, GoldText
from eventcoder.ontology import CATEGORIES
from eventcoder.records import Event

NONE = "NONE"


@dataclass
class Miss:
    gold: GoldRecord
    predicted: list[dict]
    reason: str


@dataclass
class Tally:
    true_positive: Counter = field(default_factory=Counter)
    false_positive: Counter = field(default_factory=Counter)
    false_negative: Counter = field(default_factory=Counter)
    confusion: Counter = field(default_factory=Counter)
    checks: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)
    gold_events: int = 0
    texts: int = 0
    texts_without_events: int = 0


def _countries(entities) -> frozenset[str]:
    return frozenset(e.country for e in entities if e.country)


def _best_match(gold: GoldRecord, events: list[Event]) -> Event:
    return max(events, key=lambda e: len(_countries(e.actor) & gold.actor_countries))


def _summary(events: list[Event]) -> list[dict]:
    return [{"event": e.event, "actor": sorted(_countries(e.actor)),
             "recipient": sorted(_countries(e.recipient)), "trigger": e.evidence.trigger.text,
             "aux": e.aux} for e in events]


def score_text(gold: GoldText, events: list[Event], tally: Tally) -> None:
    tally.texts += 1
    tally.texts_without_events += not gold.events
    predicted = {e.event for e in events}
    expected = {g.event for g in gold.events}
    for category in predicted & expected:
        tally.true_positive[category] += 1
    for category in predicted - expected:
        tally.false_positive[category] += 1
    for category in expected - predicted:
        tally.false_negative[category] += 1
    for record in gold.events:
        _score_event(record, events, tally)


def _score_event(record: GoldRecord, events: list[Event], tally: Tally) -> None:
    tally.gold_events += 1
    same = [e for e in events if e.event == record.event]
    if not same:
        others = sorted({e.event for e in events}) or [NONE]
        for other in others:
            tally.confusion[(record.event, other)] += 1
        tally.outcomes[(record.event, "other_category" if events else "no_event")] += 1
        tally.misses.append(Miss(record, _summary(events), "event not found"))
        return
    tally.confusion[(record.event, record.event)] += 1
    match = _best_match(record, same)
    actor_ok = _countries(match.actor) == record.actor_countries
    recipient_ok = _countries(match.recipient) == record.recipient_countries
    tally.checks["found"] += 1
    if record.actor_countries:
        tally.checks["actor_total"] += 1
        tally.checks["actor_right"] += actor_ok
    tally.checks["recipient_right"] += recipient_ok
    tally.checks["aux_right"] += any(e.aux == record.aux for e in same)
    _score_sector(record, match, tally)
    any_dyad = any(_same_dyad(record, e) for e in same)
    tally.checks["dyad_any"] += any_dyad
    tally.outcomes[(record.event, "right" if any_dyad else "wrong_dyad")] += 1
    if actor_ok and recipient_ok:
        tally.checks["dyad_right"] += 1
    else:
        tally.misses.append(Miss(record, _summary(same), "wrong actor" if not actor_ok else "wrong recipient"))


def _same_dyad(record: GoldRecord, event: Event) -> bool:
    return (_countries(event.actor) == record.actor_countries
            and _countries(event.recipient) == record.recipient_countries)


def _score_sector(record: GoldRecord, match: Event, tally: Tally) -> None:
    gold_sectors = {e.sector for e in record.actor if e.sector}
    if not gold_sectors:
        return
    predicted = {s for e in match.actor for s in e.sectors}
    tally.checks["sector_total"] += 1
    tally.checks["sector_right"] += bool(gold_sectors & predicted)


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def report(tally: Tally) -> dict:
    per_category = {}
    for category in CATEGORIES:
        tp, fp, fn = (tally.true_positive[category], tally.false_positive[category],
                      tally.false_negative[category])
        precision, recall, f1 = _f1(tp, fp, fn)
        per_category[category] = {"precision": round(precision, 4), "recall": round(recall, 4),
                                  "f1": round(f1, 4), "support": tp + fn, "predicted": tp + fp}
    totals = [sum(c.values()) for c in (tally.true_positive, tally.false_positive, tally.false_negative)]
    precision, recall, micro = _f1(*totals)
    supported = [v["f1"] for v in per_category.values() if v["support"]]
    checks = tally.checks
    return {
        "texts": tally.texts, "gold_events": tally.gold_events,
        "event_micro_precision": round(precision, 4), "event_micro_recall": round(recall, 4),
        "event_micro_f1": round(micro, 4),
        "event_macro_f1": round(sum(supported) / len(supported), 4) if supported else 0.0,
        "events_found": checks["found"],
        "actor_country_accuracy": _ratio(checks["actor_right"], checks["actor_total"]),
        "recipient_country_accuracy": _ratio(checks["recipient_right"], checks["found"]),
        "sector_accuracy": _ratio(checks["sector_right"], checks["sector_total"]),
        "dyad_accuracy": _ratio(checks["dyad_right"], tally.gold_events),
        "dyad_recall": _ratio(checks["dyad_any"], tally.gold_events),
        "aux_accuracy": _ratio(checks["aux_right"], checks["found"]),
        "texts_without_gold_events": tally.texts_without_events,
        "per_category": per_category,
        "confusion": _confusion_rows(tally.confusion),
        "errors": error_report(tally),
    }


OUTCOMES = ("no_event", "other_category", "wrong_dyad")


def error_report(tally: Tally) -> dict:
    """Per gold category: recall, dyad recall, why its events were missed, what came instead."""
    report = {}
    for category in CATEGORIES:
        count = sum(tally.outcomes[(category, o)] for o in (*OUTCOMES, "right"))
        if not count:
            continue
        instead = {p: n for (g, p), n in tally.confusion.items() if g == category and p != category}
        found = tally.outcomes[(category, "right")] + tally.outcomes[(category, "wrong_dyad")]
        report[category] = {"gold": count, "recall": _ratio(found, count),
                            "dyad_recall": _ratio(tally.outcomes[(category, "right")], count),
                            **{o: tally.outcomes[(category, o)] for o in OUTCOMES},
                            "produced_instead": dict(sorted(instead.items(), key=lambda item: -item[1]))}
    report["ALL"] = {o: sum(tally.outcomes[(c, o)] for c in CATEGORIES) for o in OUTCOMES}
    return report


def _ratio(right: int, total: int) -> float:
    return round(right / total, 4) if total else 0.0


def _confusion_rows(confusion: Counter) -> dict[str, dict[str, int]]:
    rows: dict[str, dict[str, int]] = defaultdict(dict)
    for (gold, predicted), count in sorted(confusion.items()):
        rows[gold][predicted] = count
    return dict(rows)


def evaluate(gold: Iterable[GoldText], code: Callable[[list[GoldText]], list[list[Event]]],
             batch_size: int = 64) -> Tally:
    """Codes every gold text with `code` (a batch function) and tallies the comparison."""
    tally = Tally()
    batch: list[GoldText] = []
    for text in [*gold, None]:
        if text is not None:
            batch.append(text)
        if batch and (text is None or len(batch) >= batch_size):
            for item, events in zip(batch, code(batch)):
                score_text(item, events, tally)
            batch = []
    return tally
