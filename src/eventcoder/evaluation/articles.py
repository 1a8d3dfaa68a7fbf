"""Scoring sentences inside their articles, as a user codes news.

Annotators read the whole article around a sentence (docs/annotation.md) and so know who
"he", "the ministry" or "the governor" are. Coding each gold sentence alone measures a
harder task than the product's: here every article is coded as one document, one sentence
per line (a line break always ends a sentence, nlp/sentences.py), and each event goes to
the gold sentence it was found in.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from pathlib import Path

from eventcoder.errors import GoldFormatError
from eventcoder.evaluation.gold import GoldText, read_json_lines
from eventcoder.io.reading import Document
from eventcoder.records import Event

ARTICLES_FILE = "articles.jsonl"


class Articles:
    """The articles file (article_id, pub_date, title, sentences), each coded once when first needed."""

    def __init__(self, path: str | Path, code: Callable[[list[Document]], list[list[Event]]]):
        self.path = Path(path)
        if not self.path.exists():
            raise GoldFormatError(f"no articles file {self.path} to code the sentences in")
        self.rows = {str(row["article_id"]): row for _, _, row in read_json_lines(self.path)}
        self._code = code
        self._events: dict[str, list[list[Event]]] = {}

    def code_batch(self, batch: list[GoldText]) -> list[list[Event]]:
        """A batch function for evaluation.scoring.evaluate: the events coded in each gold
        sentence, its article coded whole (once, when first needed)."""
        for text in batch:
            self._check(text)
        missing = sorted({t.article for t in batch if t.article not in self._events})
        for article, events in zip(missing, self._code([self._document(a) for a in missing])):
            self._events[article] = _by_line(self.rows[article]["sentences"], events)
        return [self._events[text.article][text.index] for text in batch]

    def _check(self, text: GoldText) -> None:
        if text.article is None or text.index is None:
            raise GoldFormatError(f"{text.id}: no article_id and sentence_index to find it in an article")
        if text.article not in self.rows:
            raise GoldFormatError(f"{text.id}: article {text.article!r} is not in {self.path}")

    def _document(self, article: str) -> Document:
        row = self.rows[article]
        return Document(id=article, text="\n".join(row["sentences"]), pub_date=row.get("pub_date"),
                        title=row.get("title") or "")


def _by_line(sentences: list[str], events: list[Event]) -> list[list[Event]]:
    starts, offset = [], 0
    for sentence in sentences:
        starts.append(offset)
        offset += len(sentence) + 1
    grouped: list[list[Event]] = [[] for _ in sentences]
    for event in events:
        grouped[_line_of(starts, event.evidence.sentence_start)].append(event)
    return grouped


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1
