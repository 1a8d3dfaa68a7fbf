"""The nested record shape the event page reads, from any file's row.

JSONL, Parquet and DuckDB rows are already records (records.Event.to_dict()). A CSV row is
flat (io.writing.event_columns): lists joined by ';' (codes) or ' | ' (words), the evidence
as sentence and trigger columns. Its parties' offsets are their spans in the sentence.
"""

from __future__ import annotations

from typing import Any


def _split(value: Any, separator: str) -> list[str]:
    return str(value).split(separator) if value not in (None, "") else []


def _integer(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _parties(row: dict[str, Any], prefix: str) -> list[dict[str, Any]]:
    starts = _split(row.get(f"{prefix}_start"), ";")
    columns = {name: _split(row.get(f"{prefix}_{name}"), separator) + [""] * len(starts)
               for name, separator in (("text", " | "), ("name", " | "), ("country", ";"), ("sector", ";"),
                                       ("end", ";"))}
    parties = []
    for index, start in enumerate(starts):
        sectors = columns["sector"][index].split("+")
        parties.append({"text": columns["text"][index], "name": columns["name"][index],
                        "country": columns["country"][index], "sector": sectors[0], "other_sectors": sectors[1:],
                        "start": _integer(start), "end": _integer(columns["end"][index]), "kind": "", "source": ""})
    return parties


def _spans(parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"text": party["text"], "start": party["start"], "end": party["end"]} for party in parties]


def nested_record(row: dict[str, Any]) -> dict[str, Any]:
    """row itself when it is nested already, else the nested shape rebuilt from CSV columns."""
    if isinstance(row.get("evidence"), dict):
        return row
    actors, recipients = _parties(row, "actor"), _parties(row, "recipient")
    attributed = row.get("attributed_to")
    location = {key: row.get(f"location_{key}") for key in ("text", "name", "country", "admin1", "lat", "lon")}
    evidence = {"sentence": row.get("evidence_sentence") or "",
                "sentence_index": _integer(row.get("sentence_index")),
                "sentence_start": _integer(row.get("sentence_start")) or 0,
                "trigger": {"text": row.get("trigger_text"), "start": _integer(row.get("trigger_start")),
                            "end": _integer(row.get("trigger_end"))},
                "actor_spans": _spans(actors), "recipient_spans": _spans(recipients)}
    return {**row, "actor": actors, "recipient": recipients, "evidence": evidence,
            "context": _split(row.get("context"), ";"),
            "attributed_to": {"text": attributed} if attributed else None,
            "location": location if any(location.values()) else None}
