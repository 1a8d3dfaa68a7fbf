"""Agreement between two annotators of the same sentences (docs/annotation.md).

Figures, over the sentence ids both files hold:

- sentence agreement: share of sentences where both coded the same set of categories;
- event agreement: events paired within a sentence by category (each event of one
  annotator with at most one of the other, greedily by the most shared actor countries);
  category agreement is 2 x pairs / (events of A + events of B), and for the pairs the share
  with equal actor countries, equal recipient countries, and equal aux;
- Cohen's kappa on sentence x category presence (16 yes/no judgements per sentence),
  overall and per category.

Every sentence with different category sets, or a pair with different countries or aux, is
listed as a disagreement for the adjudicator.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.errors import GoldFormatError
from eventcoder.evaluation.gold import GoldRecord, parse_events, read_json_lines
from eventcoder.ontology import CATEGORIES


@dataclass
class Annotations:
    annotator: str
    events: dict[str, list[GoldRecord]] = field(default_factory=dict)


def read_annotations(path: str | Path) -> Annotations:
    """One line per sentence id: {"id", "annotator", "events": [...]}; text is not needed."""
    path = Path(path)
    found = Annotations(annotator=path.stem)
    for _, where, raw in read_json_lines(path):
        if not isinstance(raw, dict):
            raise GoldFormatError(f"{where}: an annotation line must be a JSON object")
        if "id" not in raw or not isinstance(raw.get("events"), list):
            raise GoldFormatError(f"{where}: an annotation line needs 'id' and a list 'events'")
        sentence_id = str(raw["id"])
        if sentence_id in found.events:
            raise GoldFormatError(f"{where}: sentence {sentence_id!r} is annotated twice")
        found.annotator = str(raw.get("annotator") or found.annotator)
        found.events[sentence_id] = parse_events(raw["events"], sentence_id, where)
    return found


def pair_events(first: list[GoldRecord], second: list[GoldRecord]) -> list[tuple[GoldRecord, GoldRecord]]:
    """Events of the same category paired one to one, most shared actor countries first."""
    pairs = []
    left = list(second)
    for event in first:
        same = [other for other in left if other.event == event.event]
        if same:
            partner = max(same, key=lambda other: len(other.actor_countries & event.actor_countries))
            left.remove(partner)
            pairs.append((event, partner))
    return pairs


def cohen_kappa(first: list[bool], second: list[bool]) -> float:
    """Cohen's kappa of two yes/no judgement lists of equal length (1.0 when both are constant and equal)."""
    total = len(first)
    if not total:
        return 0.0
    observed = sum(a == b for a, b in zip(first, second)) / total
    yes_first, yes_second = sum(first) / total, sum(second) / total
    expected = yes_first * yes_second + (1 - yes_first) * (1 - yes_second)
    return 1.0 if expected == 1 else round((observed - expected) / (1 - expected), 4)


def _categories(events: list[GoldRecord]) -> set[str]:
    return {e.event for e in events}


def _pair_differences(pair: tuple[GoldRecord, GoldRecord]) -> list[str]:
    first, second = pair
    found = []
    if first.actor_countries != second.actor_countries:
        found.append("actor country")
    if first.recipient_countries != second.recipient_countries:
        found.append("recipient country")
    if first.aux != second.aux:
        found.append("aux")
    return [f"{first.event}: {what}" for what in found]


def summarize(event: GoldRecord) -> dict:
    return {"event": event.event, "mode": event.mode, "aux": event.aux, "trigger": event.trigger,
            "actor": sorted(event.actor_countries), "recipient": sorted(event.recipient_countries)}


def compare(first: Annotations, second: Annotations) -> dict:
    """Agreement figures and the disagreements to adjudicate (see the module docstring)."""
    shared = sorted(set(first.events) & set(second.events))
    counts: Counter = Counter()
    disagreements = []
    for sentence_id in shared:
        a, b = first.events[sentence_id], second.events[sentence_id]
        pairs = pair_events(a, b)
        counts.update(same_set=_categories(a) == _categories(b), events=len(a) + len(b), pairs=len(pairs),
                      actor=sum(x.actor_countries == y.actor_countries for x, y in pairs),
                      recipient=sum(x.recipient_countries == y.recipient_countries for x, y in pairs),
                      aux=sum(x.aux == y.aux for x, y in pairs))
        reasons = _reasons(a, b, pairs)
        if reasons:
            disagreements.append({"id": sentence_id, "reasons": reasons, first.annotator: [summarize(e) for e in a],
                                  second.annotator: [summarize(e) for e in b]})
    return {"annotators": [first.annotator, second.annotator], "sentences": len(shared),
            "only_in_first": sorted(set(first.events) - set(second.events)),
            "only_in_second": sorted(set(second.events) - set(first.events)),
            **_figures(counts, len(shared)), **_kappas(first, second, shared), "disagreements": disagreements}


def _reasons(a: list[GoldRecord], b: list[GoldRecord], pairs) -> list[str]:
    reasons = []
    if _categories(a) != _categories(b):
        reasons.append(f"categories {sorted(_categories(a))} vs {sorted(_categories(b))}")
    elif len(a) != len(b):
        reasons.append(f"{len(a)} vs {len(b)} events")
    for pair in pairs:
        reasons.extend(_pair_differences(pair))
    return reasons


def _figures(counts: Counter, sentences: int) -> dict:
    def share(part: int, whole: int) -> float:
        return round(part / whole, 4) if whole else 0.0

    return {"sentence_agreement": share(counts["same_set"], sentences),
            "event_category_agreement": share(2 * counts["pairs"], counts["events"]),
            "paired_events": counts["pairs"],
            "actor_country_agreement": share(counts["actor"], counts["pairs"]),
            "recipient_country_agreement": share(counts["recipient"], counts["pairs"]),
            "aux_agreement": share(counts["aux"], counts["pairs"])}


def _kappas(first: Annotations, second: Annotations, shared: list[str]) -> dict:
    def presence(annotations: Annotations, category: str) -> list[bool]:
        return [category in _categories(annotations.events[s]) for s in shared]

    per_category = {c: cohen_kappa(presence(first, c), presence(second, c)) for c in CATEGORIES
                    if any(presence(first, c)) or any(presence(second, c))}
    all_first = [flag for c in CATEGORIES for flag in presence(first, c)]
    all_second = [flag for c in CATEGORIES for flag in presence(second, c)]
    return {"kappa": cohen_kappa(all_first, all_second), "kappa_per_category": per_category}


def agreed_lines(first: Annotations, report: dict) -> list[dict]:
    """Sentences without disagreement, as adjudicated gold lines (the first annotator's events):
    a start for the adjudicator, who adds the disputed sentences."""
    disputed = {d["id"] for d in report["disagreements"]}
    return [{"id": sentence_id, "annotator": "adjudicated", "events": [_as_line(e) for e in first.events[sentence_id]]}
            for sentence_id in sorted(set(first.events) - disputed) if sentence_id not in report["only_in_first"]]


def _as_line(event: GoldRecord) -> dict:
    def entities(items):
        return [{"text": e.text, "country": e.country, "sector": e.sector} for e in items]

    return {"event": event.event, "mode": event.mode, "aux": event.aux, "trigger": event.trigger,
            "actor": entities(event.actor), "recipient": entities(event.recipient),
            "attributed_to": event.attributed_to}
