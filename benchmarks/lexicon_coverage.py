"""How much of real news the trigger lexicon can reach: a ceiling for a lexicon-driven coder.

For every gold event of the real-news set (tests/data/realnews/gold.jsonl; dev, test and
train parts), the words of the annotators' `trigger` text are looked up in the shipped
lexicon (knowledge/data/triggers, its governors such as "refuse" → REJECT, and the sense
table knowledge/data/triggers/_senses.tsv), by lemma and by lower-cased form, in the
sentence as spaCy parses it. A pattern counts when all its words occur in the sentence.
An event is:

- `same_category`: some trigger word has a pattern, governor or sense of the gold category
  (the lexicon could in principle give this event);
- `other_category_only`: trigger words are known, but only under other categories;
- `unknown`: no trigger word is known at all.

Beside it, the coder's own event recall on the same part (coded in articles, as
`eventcoder evaluate --in-articles`). The share `same_category` bounds what any rule
about parties, clauses or senses can recover without new vocabulary; the gap between it
and the coder's recall is what such rules still can.

For dev and train, each reachable event the coder missed is traced through the stages of
extraction (the sentence parsed alone) to the first one that loses it:
`pattern` (no trigger of the gold category matched: part of speech, arguments, sense),
`embedded` (the trigger is the content of another, or a description), `not_an_event`
(a background, condition or purpose, a withheld comment), `category` (the candidate got
another category), `parties` (a candidate of the right category was built, then dropped
because it names no party the coder can place, or relabelled at assembly).

Only aggregate figures are written (per part, and per gold category for dev and train):
the test part is measured for the record, never read for errors (docs/annotation.md).

Writes benchmarks/results/lexicon_coverage.json.

    python benchmarks/lexicon_coverage.py [--output PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REALNEWS = REPO / "tests" / "data" / "realnews"
RESULTS = REPO / "benchmarks" / "results"
PARTS = ("dev", "train", "test")
sys.path.insert(0, str(REPO / "src"))


def trigger_tokens(doc, trigger: str) -> list:
    words = set(trigger.lower().replace("...", " ").replace("[", " ").replace("]", " ").split())
    return [token for token in doc if token.lower_ in words]


def categories_known(tokens, sentence_words: set[str], lexicon, senses) -> set[str]:
    """The categories the lexicon, its governors and the sense table give these words."""
    found = set()
    for token in tokens:
        for form in {token.lemma_.lower(), token.lower_}:
            found |= {p.category for p in lexicon.candidates(form) if set(p.words) <= sentence_words}
            found |= {lexicon.governors.get(form)} - {None, "speech"}
            found |= {rule.category for rule in senses.get(form, ())}
    return found - {"NONE"}


def losing_stage(doc, tokens, category: str, lexicon) -> str:
    """The first extraction stage that loses a reachable gold event (module docstring)."""
    from eventcoder.extract.candidates import extract_candidates, standing_triggers
    from eventcoder.extract.triggers import find_triggers

    ids = {token.i for token in tokens}
    triggers = [t for t in find_triggers(doc[:], lexicon) if t.token.i in ids]
    if not any(category in {p.category for p in t.patterns} for t in triggers):
        return "pattern"
    if not any(t.token.i in ids for t, _ in standing_triggers(doc[:], lexicon)):
        return "embedded"
    candidates = [c for c in extract_candidates(doc[:], lexicon) if c.trigger.token.i in ids]
    if not candidates:
        return "not_an_event"
    return "parties" if any(c.category == category for c in candidates) else "category"


def measure(texts, coded: list[list], nlp, lexicon, senses, trace: bool) -> tuple[Counter, dict, Counter]:
    """One pass over a part's gold events, each sentence parsed once: how far the lexicon
    reaches (overall and per category) and, when `trace`, what became of each reachable
    event (found, or the stage that lost it)."""
    totals, by_category, stages = Counter(), defaultdict(Counter), Counter()
    for text, events in zip(texts, coded):
        if not text.events:
            continue
        doc = nlp(text.text)
        words = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
        left = Counter(e.event for e in events)
        for event in text.events:
            tokens = trigger_tokens(doc, event.trigger or "")
            known = categories_known(tokens, words, lexicon, senses)
            reach = "same_category" if event.event in known else "other_category_only" if known else "unknown"
            totals[reach] += 1
            by_category[event.event][reach] += 1
            if trace and reach == "same_category":
                stages[_fate(doc, tokens, event.event, left, lexicon)] += 1
    return totals, by_category, stages


def _fate(doc, tokens, category: str, left: Counter, lexicon) -> str:
    """"found" when the coder gave the sentence an event of the category not yet matched,
    else the stage that lost it."""
    if left[category] > 0:
        left[category] -= 1
        return "found"
    return losing_stage(doc, tokens, category, lexicon)


def shares(counts: Counter) -> dict:
    total = sum(counts.values())
    return {"events": total, **{k: round(counts[k] / total, 3) if total else 0.0
                                for k in ("same_category", "other_category_only", "unknown")}}


def article_coder():
    """A batch function: the coder's events of each gold sentence, its article coded whole
    (one coder for every part)."""
    from eventcoder.coder import Coder
    from eventcoder.evaluation.articles import Articles

    coder = Coder()
    return Articles(REALNEWS / "articles.jsonl", lambda docs: [r.events for r in coder.code_batch(docs)]).code_batch


def recall(texts, coded: list[list]) -> float:
    from eventcoder.evaluation.scoring import evaluate, report

    by_id = {text.id: events for text, events in zip(texts, coded)}
    return report(evaluate(texts, lambda batch: [by_id[t.id] for t in batch]))["event_micro_recall"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=RESULTS / "lexicon_coverage.json")
    args = parser.parse_args()

    from eventcoder import __version__
    from eventcoder.evaluation.gold import file_sha256, load_gold, select_part
    from eventcoder.knowledge.lexicon import load_lexicon
    from eventcoder.knowledge.senses import shipped_sense_rules
    from eventcoder.nlp.parsing import load_model

    nlp, lexicon, senses, code = load_model(), load_lexicon(), shipped_sense_rules(), article_coder()
    gold = load_gold(REALNEWS / "gold.jsonl")
    result = {"coder_version": __version__, "gold_sha256": file_sha256(REALNEWS / "gold.jsonl"), "parts": {}}
    for part in PARTS:
        texts = select_part(gold, part)
        coded = code(texts)
        totals, by_category, stages = measure(texts, coded, nlp, lexicon, senses, trace=part != "test")
        entry = {**shares(totals), "coder_recall_in_articles": round(recall(texts, coded), 3)}
        if part != "test":
            entry["per_category"] = {c: shares(by_category[c]) for c in sorted(by_category)}
            entry["reachable_events"] = dict(stages.most_common())
        result["parts"][part] = entry
        print(f"{part:6} events {entry['events']:4}  lexicon reaches {entry['same_category']:.3f}  "
              f"other category only {entry['other_category_only']:.3f}  unknown {entry['unknown']:.3f}  "
              f"coder recall {entry['coder_recall_in_articles']:.3f}")
        if "reachable_events" in entry:
            print("        reachable events:", entry["reachable_events"])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
