"""The Python API: plain records and pandas DataFrames, for notebooks and scripts.

Input is checked as the CLI checks it (eventcoder.io.reading): code_text raises
DocumentRejectedError for a text it cannot code, code_documents yields a result with a
status and a reason for every record. docs/api.md describes both.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping

import pandas as pd

from eventcoder.coder import Coder, CoderOptions, DocumentResult
from eventcoder.io.reading import Document
from eventcoder.records import Event

__all__ = ["Coder", "CoderOptions", "DocumentResult", "code_text", "code_documents", "events_to_dataframe"]


@lru_cache(maxsize=1)
def _default_coder() -> Coder:
    return Coder()


def code_text(text: str, pub_date: Any = None, story_id: str = "text", check_language: bool = True) -> list[Event]:
    """The events of one text, with the default coder (loaded once per process).

    pub_date is YYYY-MM-DD (or a date, or a form such as "18 March 2024"); relative dates in
    the text resolve against it. Raises DocumentRejectedError when pub_date cannot be read
    or the text is empty, binary or not English (check_language=False codes it anyway).
    """
    return _default_coder().code_text(text, pub_date=pub_date, story_id=story_id, check_language=check_language)


def code_documents(records: Iterable[Mapping[str, Any] | Document],
                   check_language: bool = True) -> Iterator[DocumentResult]:
    """One DocumentResult per record (dicts with id, text or url, pub_date, title), in order;
    result.status is "coded", "no_events" or "rejected" (then result.reason says why)."""
    return _default_coder().code_documents(records, check_language=check_language)


def events_to_dataframe(events: list[Event]) -> pd.DataFrame:
    """One row per event; flat columns as in the CSV output (see docs/input-output.md)."""
    from eventcoder.io.writing import event_columns

    return pd.DataFrame([event_columns(e) for e in events])
