"""Cheap sentence splitting: the model's tokenizer and punctuation, before any parsing.

Which of the sentences are worth parsing is prefilter.py's decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventcoder.errors import DocumentLimitError
from eventcoder.nlp.parsing import load_sentence_splitter

# Longer "sentences" (lists, tables, text with no full stops) are cut at spaces into pieces
# of at most this many characters: the parser's cost grows with length, and no news
# sentence is this long.
MAX_SENTENCE_CHARS = 1000
MAX_UNBROKEN_CHARS = 100_000
"""Characters per document in such over-long sentences. Beyond it the document is rejected
too_slow: each cut piece parses like a long sentence (a 999,000-character text with no full
stop took 65 s and 2.9 GB), while real news has no such sentence at all."""
MAX_WORD_CHARS = 2_000
"""Characters without a space: the tokenizer strips punctuation off a long run one character
at a time, so its time grows with the square of the run (30,000 "!" took 155 s). A longer
run (no URL or word is this long) rejects the document too_slow before it is tokenized."""
PARAGRAPH = re.compile(r"[^\n]+")
LONG_WORD = re.compile(r"[^\s]{%d,}" % (MAX_WORD_CHARS + 1))


@dataclass(frozen=True)
class SentenceSpan:
    index: int
    start: int
    end: int


def split_sentences(text: str, model: str | None = None) -> list[SentenceSpan]:
    """Sentences of a document as character spans; paragraphs (lines) never share one.
    `model` is the spaCy model whose tokenizer splits (CoderOptions.model; None: the default)."""
    nlp = load_sentence_splitter(model)
    spans = []
    unbroken = 0
    for paragraph in PARAGRAPH.finditer(text):
        _check_words(paragraph.group())
        doc = nlp(paragraph.group())
        for sent in doc.sents:
            start = paragraph.start() + sent.start_char
            end = paragraph.start() + sent.end_char
            unbroken += _check_unbroken(unbroken, end - start)
            for piece_start, piece_end in _pieces(text, start, end):
                spans.append(SentenceSpan(len(spans), piece_start, piece_end))
    return spans


def _check_words(paragraph: str) -> None:
    long_word = LONG_WORD.search(paragraph)
    if long_word:
        raise DocumentLimitError(
            f"a run of {len(long_word.group()):,} characters without a space, over the per-document limit of "
            f"{MAX_WORD_CHARS:,} (tokenizing it would take minutes; --max-chars does not change it)", "too_slow")


def _check_unbroken(so_far: int, length: int) -> int:
    """The characters a sentence adds to the document's over-long ones; raises
    DocumentLimitError past MAX_UNBROKEN_CHARS."""
    if length <= MAX_SENTENCE_CHARS:
        return 0
    if so_far + length > MAX_UNBROKEN_CHARS:
        raise DocumentLimitError(
            f"text without sentence breaks: over {MAX_UNBROKEN_CHARS:,} characters in sentences longer "
            f"than {MAX_SENTENCE_CHARS:,} characters, the per-document limit (parsing them would take "
            "minutes and gigabytes; --max-chars does not change it); break the text into sentences", "too_slow")
    return length


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while start < end:
        cut = end
        if end - start > MAX_SENTENCE_CHARS:
            space = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
            cut = space if space > start else start + MAX_SENTENCE_CHARS
        if text[start:cut].strip():
            pieces.append((start, cut))
        start = cut
    return pieces
