"""The Python API: plain records and pandas DataFrames, for notebooks and scripts."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from eventcoder.coder import Coder, CoderOptions
from eventcoder.records import Event

__all__ = ["Coder", "CoderOptions", "code_text", "events_to_dataframe"]


@lru_cache(maxsize=1)
def _default_coder() -> Coder:
    return Coder()


def code_text(text: str, pub_date: str | None = None, story_id: str = "text") -> list[Event]:
    """Code one document with the default coder (loaded once per process)."""
    return _default_coder().code_text(text, pub_date=pub_date, story_id=story_id)


def events_to_dataframe(events: list[Event]) -> pd.DataFrame:
    """One row per event; flat columns as in the CSV output (see docs/input-output.md)."""
    from eventcoder.io.writing import event_columns

    return pd.DataFrame([event_columns(e) for e in events])
