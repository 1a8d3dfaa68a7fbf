"""Gold-standard records: PLOVER's GSR JSON and a plain JSONL format for users' own data.

Both become GoldRecord objects with current category names and ISO country codes, so that
evaluation compares like with like.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.errors import GoldFormatError
from eventcoder.ontology import CATEGORIES, normalize_category

# CAMEO country codes in the PLOVER gold file that differ from ISO 3166 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UK": "GBR"}


@dataclass
class GoldEntity:
    country: str
    sector: str = ""
    text: str = ""


@dataclass
class GoldRecord:
    """One gold event of a text."""

    id: str
    text: str
    event: str
    mode: str = ""
    pub_date: str | None = None
    actor: list[GoldEntity] = field(default_factory=list)
    recipient: list[GoldEntity] = field(default_factory=list)

    @property
    def actor_countries(self) -> frozenset[str]:
        return frozenset(e.country for e in self.actor if e.country)

    @property
    def recipient_countries(self) -> frozenset[str]:
        return frozenset(e.country for e in self.recipient if e.country)


@dataclass
class GoldText:
    """A coded text and all its gold events (possibly none)."""

    id: str
    text: str
    pub_date: str | None
    events: list[GoldRecord]


def iso_code(code: str) -> str:
    code = (code or "").strip().upper()
    return CAMEO_TO_ISO.get(code, code)


def _entities(value) -> list[GoldEntity]:
    # The GSR file sometimes has "" or a stray string where a list of entities belongs.
    if not isinstance(value, list):
        return []
    found = []
    for item in value:
        if isinstance(item, dict) and (item.get("code") or item.get("country")):
            found.append(GoldEntity(iso_code(item.get("code") or item.get("country")),
                                    (item.get("sector") or "").upper(), item.get("actorText", "")))
    return found


def _record(raw: dict, record_id: str) -> GoldRecord | None:
    name = raw.get("event")
    if isinstance(name, list):
        name = name[0] if name else ""
    category, implied_mode = normalize_category(str(name or ""))
    if category not in CATEGORIES or not raw.get("text"):
        return None
    return GoldRecord(
        id=record_id, text=raw["text"], event=category, mode=raw.get("mode") or implied_mode,
        pub_date=raw.get("pub_date") or raw.get("date") or None,
        actor=_entities(raw.get("source", raw.get("actor"))),
        recipient=_entities(raw.get("target", raw.get("recipient"))),
    )


def _unique_id(raw_id: str, seen: dict[str, int]) -> str:
    seen[raw_id] = seen.get(raw_id, 0) + 1
    return raw_id if seen[raw_id] == 1 else f"{raw_id}#{seen[raw_id]}"


def load_gold(path: str | Path) -> list[GoldText]:
    """Reads PLOVER GSR JSON (a list) or JSONL (one record per line, events inside)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise GoldFormatError(f"{path}: cannot read ({error})") from error
    if text.lstrip().startswith("["):
        return _from_gsr(json.loads(text))
    return _from_jsonl(text.splitlines(), path)


def _from_gsr(items: list) -> list[GoldText]:
    seen: dict[str, int] = {}
    texts = []
    for raw in items:
        record = _record(raw, _unique_id(str(raw.get("id", len(texts))), seen))
        if record is not None:  # the DOCUMENT record and anything without text is skipped
            texts.append(GoldText(record.id, record.text, record.pub_date, [record]))
    return texts


def _from_jsonl(lines: list[str], path: Path) -> list[GoldText]:
    seen: dict[str, int] = {}
    texts = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldFormatError(f"{path}:{number}: malformed JSON ({error.msg})") from error
        if "text" not in raw or not isinstance(raw.get("events", []), list):
            raise GoldFormatError(f"{path}:{number}: needs 'text' and a list 'events'")
        record_id = _unique_id(str(raw.get("id", f"line-{number}")), seen)
        events = []
        for event in raw.get("events") or []:
            record = _record({"text": raw["text"], "pub_date": raw.get("pub_date"), **event}, record_id)
            if record is None:
                raise GoldFormatError(f"{path}:{number}: unknown event category {event.get('event')!r}")
            events.append(record)
        texts.append(GoldText(record_id, raw["text"], raw.get("pub_date"), events))
    return texts


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
