"""PLOVER contexts at document level: what a story is about (military, election, asylum…).

Contexts describe the story, not one event, so they are read once per document from
signal words listed in data/contexts.tsv (a user can edit or extend that file) and given
to every event of the document. A context needs two signal words in a document of
several sentences, one in a document of one or two; at most three, most frequent first.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

WORD = re.compile(r"[a-z][a-z\-]+")
MAX_CONTEXTS = 3


@lru_cache(maxsize=1)
def signal_words() -> dict[str, str]:
    """word -> context, from the packaged table (first listing of a word wins)."""
    words: dict[str, str] = {}
    text = (resources.files("eventcoder.knowledge") / "data" / "contexts.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            context, listed = line.split("\t", 1)
            for word in listed.split():
                for form in (word, word + "s", word + "es"):
                    words.setdefault(form, context)
    return words


def document_contexts(text: str, sentences: int) -> list[str]:
    words = signal_words()
    counts = Counter(words[w] for w in WORD.findall(text.lower()) if w in words)
    needed = 1 if sentences <= 2 else 2
    ranked = sorted((c for c, n in counts.items() if n >= needed), key=lambda c: (-counts[c], c))
    return ranked[:MAX_CONTEXTS]
