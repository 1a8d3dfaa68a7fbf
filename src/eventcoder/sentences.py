"""Cheap sentence splitting and the pre-parse filter.

Parsing is the expensive step, so a sentence reaches the parser only when it holds a
possible trigger word. The check is on word forms, before any tagging: a token passes if
it starts with a lexicon lemma's stem ("aid" in "aiding") or is a listed irregular form.
docs/speed.md reports what this filter costs in recall on the gold file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventcoder.lexicon import Lexicon
from eventcoder.parsing import load_sentence_splitter

# Irregular past forms of lexicon verbs, which a stem prefix cannot find.
IRREGULAR_FORMS = {
    "met": "meet", "held": "hold", "fought": "fight", "struck": "strike", "shot": "shoot",
    "beat": "beat", "beaten": "beat", "froze": "freeze", "frozen": "freeze", "sought": "seek",
    "told": "tell", "gave": "give", "given": "give", "sent": "send", "led": "lead", "took": "take",
    "taken": "take", "broke": "break", "broken": "break", "left": "leave", "flew": "fly",
    "flown": "fly", "won": "win", "rose": "rise", "overran": "overrun", "withdrew": "withdraw",
    "withdrawn": "withdraw", "forgave": "forgive", "undertook": "undertake", "wounded": "wound",
    "lent": "lend", "stood": "stand", "threw": "throw", "burnt": "burn", "began": "begin",
    "begun": "begin", "quit": "quit", "made": "make", "spoke": "speak", "said": "say",
}
WORD = re.compile(r"[a-z][a-z\-]+")
# Longer "sentences" (lists, tables, text with no full stops) are cut at spaces into pieces
# of at most this many characters: the parser's cost grows with length, and no news
# sentence is this long.
MAX_SENTENCE_CHARS = 1000
PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class SentenceSpan:
    index: int
    start: int
    end: int


def trigger_stems(lexicon: Lexicon) -> frozenset[str]:
    stems = set()
    for word in lexicon.words:
        stems.add(word)
        if len(word) > 3 and word[-1] in "ey":
            stems.add(word[:-1])
    return frozenset(stems)


def split_sentences(text: str) -> list[SentenceSpan]:
    """Sentences of a document as character spans; paragraphs (lines) never share one."""
    nlp = load_sentence_splitter()
    spans = []
    for paragraph in PARAGRAPH.finditer(text):
        doc = nlp(paragraph.group())
        for sent in doc.sents:
            start = paragraph.start() + sent.start_char
            end = paragraph.start() + sent.end_char
            for piece_start, piece_end in _pieces(text, start, end):
                spans.append(SentenceSpan(len(spans), piece_start, piece_end))
    return spans


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


def may_hold_event(sentence: str, stems: frozenset[str]) -> bool:
    for word in WORD.findall(sentence.lower()):
        if word in IRREGULAR_FORMS:
            return True
        for size in range(3, min(len(word), 14) + 1):
            if word[:size] in stems:
                return True
    return False
