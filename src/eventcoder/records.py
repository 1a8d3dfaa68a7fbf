"""The records eventcoder produces: PLOVER event records with their evidence.

Field names follow the PLOVER manual ("Data Fields") where it names a field; the rest
(evidence, aux, attributed_to, date_source, coder_version) are documented in docs/record.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class TextSpan:
    """Characters [start, end) of the document, and the text found there."""

    text: str
    start: int
    end: int


@dataclass
class Entity:
    """One actor or recipient (PLOVER entity object)."""

    text: str
    start: int
    end: int
    name: str = ""
    country: str = ""
    sector: str = ""
    other_sectors: list[str] = field(default_factory=list)
    organization: str = ""
    kind: str = ""
    source: str = ""

    @property
    def sectors(self) -> list[str]:
        return [self.sector, *self.other_sectors] if self.sector else list(self.other_sectors)


@dataclass
class Location:
    text: str
    name: str = ""
    country: str = ""
    admin1: str = ""
    lat: float | None = None
    lon: float | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Evidence:
    sentence: str
    sentence_index: int
    sentence_start: int
    trigger: TextSpan
    actor_spans: list[TextSpan] = field(default_factory=list)
    recipient_spans: list[TextSpan] = field(default_factory=list)


@dataclass
class Event:
    id: str
    story_id: str
    event: str
    actor: list[Entity]
    recipient: list[Entity]
    evidence: Evidence
    pub_date: str | None = None
    date: str | None = None
    date_source: str = "none"
    mode: str = ""
    context: list[str] = field(default_factory=list)
    aux: str = "asserted"
    attributed_to: Entity | None = None
    quad_code: int = 0
    score: float = 0.0
    location: Location | None = None
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    size: int | None = None
    event_text: str = ""
    confidence: float = 0.0
    coder_version: str = ""
    url: str | None = None
    title: str | None = None
    source_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        values = dict(data)
        values["actor"] = [Entity(**e) for e in values.get("actor") or []]
        values["recipient"] = [Entity(**e) for e in values.get("recipient") or []]
        if values.get("attributed_to"):
            values["attributed_to"] = Entity(**values["attributed_to"])
        if values.get("location"):
            values["location"] = Location(**values["location"])
        evidence = dict(values["evidence"])
        evidence["trigger"] = TextSpan(**evidence["trigger"])
        evidence["actor_spans"] = [TextSpan(**s) for s in evidence.get("actor_spans") or []]
        evidence["recipient_spans"] = [TextSpan(**s) for s in evidence.get("recipient_spans") or []]
        values["evidence"] = Evidence(**evidence)
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in values.items() if k in known})
