"""Hand-written event records, written by the real writers in every output format.

Not a conftest.py: tests import `conftest` by name (from conftest import SHARED), so a
second conftest module would shadow the top-level one. Import the `written` fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.extract.places import Gazetteer
from eventcoder.io.writing import open_writer
from eventcoder.records import Entity, Event, Evidence, Location, TextSpan

# CSV output has no entity kind, organization or source (io/writing.py event_columns).
NOT_IN_CSV = {"actor_kind", "actor_organization", "actor_country_inferred",
              "recipient_kind", "recipient_organization", "recipient_country_inferred"}
FORMATS = {"jsonl": "events.jsonl", "csv": "events.csv", "parquet": "events.parquet", "duckdb": "events.duckdb"}


def party(text: str, start: int, country: str, sector: str = "", name: str = "", kind: str = "country",
          source: str = "pycountry") -> Entity:
    return Entity(text=text, start=start, end=start + len(text), name=name or text, country=country,
                  sector=sector, kind=kind, source=source)


def event(id: str, category: str, actors: list[Entity], recipients: list[Entity], date: str | None,
          pub_date: str = "2025-09-22", story_id: str = "s1", **values) -> Event:
    evidence = Evidence(sentence="A sentence.", sentence_index=0, sentence_start=0, trigger=TextSpan("met", 2, 5))
    return Event(id=id, story_id=story_id, event=category, actor=actors, recipient=recipients, evidence=evidence,
                 date=date, pub_date=pub_date, coder_version="test", **values)


def sample_events() -> list[Event]:
    xi = party("Chinese President Xi Jinping", 0, "CHN", "GOV", name="Xi Jinping", kind="person")
    xi_again = party("Xi Jinping", 18, "CHN", "GOV", name="Xi Jinping", kind="person")  # inside the span above
    usa, rus, ukr, fra = (party(n, s, c) for n, s, c in
                          [("the United States", 40, "USA"), ("Russia", 0, "RUS"), ("Ukraine", 60, "UKR"),
                           ("France", 11, "FRA")])
    gazetteer = Gazetteer.load()
    aleppo, ukraine = gazetteer.resolve("Aleppo"), gazetteer.resolve("Ukraine")
    crowd = Entity(text="", start=30, end=30, country="SYR", sector="GOV", kind="inferred",
                   source="inferred:government where the protest happens")
    return [
        # Sunday 2025-09-21: its week starts Monday 2025-09-15
        event("e1", "CONSULT", [xi, xi_again], [usa], "2025-09-21", mode="visit", quad_code=1, score=4.0),
        event("e2", "ACCUSE", [rus, fra], [ukr, usa], "2025-09-22", mode="investigate", quad_code=3, score=-3.5),
        event("e3", "ASSAULT", [rus], [], None, pub_date="2025-10-01", quad_code=4, score=-9.0,
              location=aleppo, dead=3),
        event("e4", "PROTEST", [party("students", 5, "SYR", "EDU", kind="group")], [crowd], "2025-08-31",
              quad_code=4, score=-5.0, location=Location(text="Narnia Valley", start=20, end=33)),
        event("e5", "THREATEN", [rus], [ukr], "2025-09-22", aux="hypothetical", quad_code=3, score=-3.5,
              story_id="s2"),
        event("e6", "ACCUSE", [rus], [ukr], "2025-09-22", quad_code=3, score=-3.0, story_id="s3",
              location=ukraine),
        event("e7", "ACCUSE", [rus], [ukr], "2025-09-22", quad_code=3, score=-3.0, story_id="s4"),
    ]


def write_events(events: list[Event], path: Path) -> Path:
    writer = open_writer(path)
    writer.write(events)
    writer.close()
    return path


@pytest.fixture(scope="session")
def written(tmp_path_factory) -> dict[str, Path]:
    """The sample events in each output format: {format: path}."""
    folder = tmp_path_factory.mktemp("written")
    return {format: write_events(sample_events(), folder / name) for format, name in FORMATS.items()}
