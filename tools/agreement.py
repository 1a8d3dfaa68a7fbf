"""Agreement of two annotators on the real-news sentences, and what the adjudicator must settle.

    PYTHONPATH=src python tools/agreement.py A1.jsonl A2.jsonl \
        [--json agreement.json] [--disagreements to_adjudicate.jsonl] [--draft-gold draft.jsonl] \
        [--sentences tests/data/realnews/sentences.jsonl]

Both files are in the annotation format of docs/annotation.md. Prints the figures
(sentence agreement, event category agreement, actor/recipient country and aux agreement of
paired events, Cohen's kappa on sentence x category presence; eventcoder.evaluation.agreement
defines them). --disagreements writes one line per disputed sentence with both versions
(and its text, from --sentences); --draft-gold writes the undisputed sentences as adjudicated
gold lines, to which the adjudicator adds the settled disputes before saving
tests/data/realnews/gold.jsonl. `eventcoder evaluate` reads that file (evaluation/gold.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eventcoder.errors import GoldFormatError
from eventcoder.evaluation.agreement import agreed_lines, compare, read_annotations

DEFAULT_SENTENCES = Path(__file__).resolve().parent.parent / "tests" / "data" / "realnews" / "sentences.jsonl"


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def with_texts(disagreements: list[dict], sentences: Path) -> list[dict]:
    if not sentences.exists():
        return disagreements
    texts = {}
    for line in sentences.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts[str(row["id"])] = row.get("text", "")
    return [{"text": texts.get(d["id"], ""), **d} for d in disagreements]


def headline(report: dict) -> str:
    keys = ("sentences", "sentence_agreement", "event_category_agreement", "paired_events",
            "actor_country_agreement", "recipient_country_agreement", "aux_agreement", "kappa")
    lines = [f"{key:28} {report[key]}" for key in keys]
    lines.append("kappa per category: " + ", ".join(f"{c} {k}" for c, k in report["kappa_per_category"].items()))
    lines.append(f"disagreements: {len(report['disagreements'])} sentences")
    for side in ("only_in_first", "only_in_second"):
        if report[side]:
            lines.append(f"{side}: {len(report[side])} sentence ids (e.g. {report[side][0]})")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--json", type=Path, help="write the whole report here")
    parser.add_argument("--disagreements", type=Path, help="write the disputed sentences here (JSONL)")
    parser.add_argument("--draft-gold", type=Path, help="write the undisputed sentences as gold lines here")
    parser.add_argument("--sentences", type=Path, default=DEFAULT_SENTENCES, help="sentence texts for the disputes")
    args = parser.parse_args()
    try:
        first, second = read_annotations(args.first), read_annotations(args.second)
    except GoldFormatError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    report = compare(first, second)
    print(headline(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.disagreements:
        write_jsonl(args.disagreements, with_texts(report["disagreements"], args.sentences))
    if args.draft_gold:
        write_jsonl(args.draft_gold, agreed_lines(first, report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
