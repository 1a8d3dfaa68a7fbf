"""Coder output read back for scoring: a JSONL file as `eventcoder code` writes it.

Scoring a saved run lets a benchmark code with several workers once and score many ways,
and gives the same figures as coding inside `evaluate` (the records are the same).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from eventcoder.errors import GoldFormatError
from eventcoder.records import Event


def read_prediction_dicts(path: str | Path) -> dict[str, list[dict]]:
    """Event records grouped by story_id (the id of the document they came from)."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GoldFormatError(f"{path}: cannot read predictions ({error})") from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldFormatError(f"{path}:{number}: malformed JSON ({error.msg})") from error
        if not isinstance(record, dict) or "event" not in record or "story_id" not in record:
            raise GoldFormatError(f"{path}:{number}: not an event record (needs 'event' and 'story_id')")
        grouped[str(record["story_id"])].append(record)
    return dict(grouped)


def read_predictions(path: str | Path) -> dict[str, list[Event]]:
    """Event objects grouped by story_id."""
    grouped = read_prediction_dicts(path)
    try:
        return {story: [Event.from_dict(record) for record in records] for story, records in grouped.items()}
    except (KeyError, TypeError) as error:
        raise GoldFormatError(f"{path}: an event record lacks a field of eventcoder's output ({error})") from error
