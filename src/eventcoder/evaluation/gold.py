"""Gold-standard records: PLOVER's GSR JSON and a plain JSONL format for users' own data.

Both become GoldRecord objects with current category names and ISO country codes, so that
evaluation compares like with like. The JSONL format is also the annotation format of
docs/annotation.md: a line may leave out `text` and take it (with `pub_date` and `part`)
from a sentences file, by default `sentences.jsonl` beside the gold file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.errors import GoldFormatError
from eventcoder.ontology import AUX_MODES, CATEGORIES, normalize_category

# CAMEO country codes in the PLOVER gold file that differ from ISO 3166 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UK": "GBR"}
# PLOVER's own codes for the UN and the EU; the coder, like CAMEO, calls every
# intergovernmental organisation IGO.
PLOVER_TO_CODER = {"UNO": "IGO", "EUR": "IGO"}
SENTENCES_FILE = "sentences.jsonl"


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
    aux: str = "asserted"
    trigger: str = ""
    attributed_to: str | None = None

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
    part: str | None = None
    article: str | None = None  # the article it was taken from, and its place there
    index: int | None = None


def iso_code(code: str) -> str:
    code = (code or "").strip().upper()
    return PLOVER_TO_CODER.get(code, CAMEO_TO_ISO.get(code, code))


def _entities(value) -> list[GoldEntity]:
    # The GSR file sometimes has "" or a stray string where a list of entities belongs.
    if not isinstance(value, list):
        return []
    return [_entity(item) for item in value if isinstance(item, dict) and _is_entity(item)]


def _is_entity(item: dict) -> bool:
    # GSR entities without a code are skipped (as the floors were set); an annotator's
    # entity of unknown country ("country": "") still keeps its words.
    return bool(item.get("code") or item.get("country") or item.get("text"))


def _entity(item: dict) -> GoldEntity:
    return GoldEntity(iso_code(item.get("code") or item.get("country") or ""), (item.get("sector") or "").upper(),
                      item.get("actorText") or item.get("text") or "")


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
        aux=raw.get("aux") or "asserted", trigger=raw.get("trigger") or "",
        attributed_to=raw.get("attributed_to") if isinstance(raw.get("attributed_to"), str) else None,
    )


def _unique_id(raw_id: str, seen: dict[str, int]) -> str:
    seen[raw_id] = seen.get(raw_id, 0) + 1
    return raw_id if seen[raw_id] == 1 else f"{raw_id}#{seen[raw_id]}"


def load_gold(path: str | Path, sentences: str | Path | None = None) -> list[GoldText]:
    """Reads PLOVER GSR JSON (a list) or JSONL (one record per line, events inside).

    JSONL lines without `text` take it from `sentences` (default: sentences.jsonl beside
    `path`), matched by id."""
    path = Path(path)
    text = _read(path)
    if text.lstrip().startswith("["):
        return _from_gsr(json.loads(text))
    return _from_jsonl(text.splitlines(), path, _SentenceLookup(sentences or path.parent / SENTENCES_FILE))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise GoldFormatError(f"{path}: cannot read ({error})") from error


def json_lines(lines: list[str], path: Path) -> Iterator[tuple[int, str, Any]]:
    """(line number, "path:number", value) of each non-blank JSONL line; a line that is not
    JSON is a GoldFormatError naming it. The callers judge the values' shape."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield number, where, json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldFormatError(f"{where}: malformed JSON ({error.msg})") from error


def read_json_lines(path: str | Path) -> Iterator[tuple[int, str, Any]]:
    """json_lines of a file."""
    path = Path(path)
    return json_lines(_read(path).splitlines(), path)


class _SentenceLookup:
    """The sentences file, read only when a gold line needs it."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._rows: dict[str, dict] | None = None

    def get(self, sentence_id: str, where: str) -> dict:
        if self._rows is None:
            if not self.path.exists():
                raise GoldFormatError(f"{where}: no 'text', and no sentences file {self.path} to take it from")
            self._rows = {str(row["id"]): row for _, _, row in read_json_lines(self.path)}
        if sentence_id not in self._rows:
            raise GoldFormatError(f"{where}: id {sentence_id!r} is not in {self.path}")
        return self._rows[sentence_id]


def _from_gsr(items: list) -> list[GoldText]:
    seen: dict[str, int] = {}
    texts = []
    for raw in items:
        record = _record(raw, _unique_id(str(raw.get("id", len(texts))), seen))
        if record is not None:  # the DOCUMENT record and anything without text is skipped
            texts.append(GoldText(record.id, record.text, record.pub_date, [record]))
    return texts


def _from_jsonl(lines: list[str], path: Path, sentences: _SentenceLookup) -> list[GoldText]:
    seen: dict[str, int] = {}
    texts = []
    for number, where, raw in json_lines(lines, path):
        if not isinstance(raw, dict) or not isinstance(raw.get("events", []), list):
            raise GoldFormatError(f"{where}: needs 'text' (or an 'id' of the sentences file) and a list 'events'")
        if "text" not in raw:
            raw = _with_sentence(raw, sentences, where)
        texts.append(_gold_text(raw, _unique_id(str(raw.get("id", f"line-{number}")), seen), where))
    return texts


def _with_sentence(raw: dict, sentences: _SentenceLookup, where: str) -> dict:
    if "id" not in raw:
        raise GoldFormatError(f"{where}: needs 'text' (or an 'id' of the sentences file) and a list 'events'")
    sentence = sentences.get(str(raw["id"]), where)
    return {"pub_date": sentence.get("pub_date"), "part": sentence.get("part"),
            "article_id": sentence.get("article_id"), "sentence_index": sentence.get("sentence_index"),
            **raw, "text": sentence["text"]}


def _gold_text(raw: dict, record_id: str, where: str) -> GoldText:
    events = parse_events(raw.get("events") or [], record_id, where, raw["text"], raw.get("pub_date"))
    return GoldText(record_id, raw["text"], raw.get("pub_date"), events, raw.get("part"),
                    raw.get("article_id"), raw.get("sentence_index"))


def parse_events(events: list, record_id: str, where: str, text: str = "",
                 pub_date: str | None = None) -> list[GoldRecord]:
    """The `events` list of a gold or annotation line, checked (category, aux)."""
    records = []
    for event in events:
        if not isinstance(event, dict):
            raise GoldFormatError(f"{where}: an event must be a JSON object")
        record = _record({**event, "text": text or "-", "pub_date": pub_date}, record_id)
        if record is None:
            raise GoldFormatError(f"{where}: unknown event category {event.get('event')!r}")
        if record.aux not in AUX_MODES:
            raise GoldFormatError(f"{where}: unknown aux {record.aux!r} (one of {', '.join(AUX_MODES)})")
        records.append(record)
    return records


def select_part(texts: list[GoldText], part: str | None) -> list[GoldText]:
    """The texts of one part (dev, test); all texts when `part` is None."""
    if part is None:
        return texts
    if not any(t.part for t in texts):
        raise GoldFormatError("--part given, but the gold file names no parts")
    chosen = [t for t in texts if t.part == part]
    if not chosen:
        known = sorted({t.part for t in texts if t.part})
        raise GoldFormatError(f"no text in part {part!r} (parts: {', '.join(known)})")
    return chosen


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
