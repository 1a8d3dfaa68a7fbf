"""Is a text English? A thin, cautious wrapper around py3langid.

The coder's patterns and dictionaries are English, so a German article yields no events
or wrong ones; the reader rejects such texts with a reason instead of coding them.
Short texts and texts made mostly of names or numbers are not judged: langid is
unreliable on them, and wrongly rejecting an English record is worse than coding it.
"""

from __future__ import annotations

import functools
import logging
import re

logger = logging.getLogger(__name__)

MIN_LETTERS = 40
"""Texts with fewer letters than this are not judged (detect_language returns None)."""

SAMPLE_CHARS = 20_000
"""Only the first characters are classified: enough to tell, and bounded in time."""


@functools.lru_cache(maxsize=1)
def _identifier():
    # Loaded once per process (about 1 s) and never modified, so workers can each hold one.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def count_letters(text: str) -> int:
    return sum(1 for character in text if character.isalpha())


# English function words: running text where they are a fifth of the words is English,
# and the statistical model (about 1 s to load) need not be asked.
FUNCTION_WORDS = frozenset("""the of and to in a is that for on was with as by it at from his her
their said has have had be are were will would not this which an its they he she but or""".split())
PLAINLY_ENGLISH_SHARE = 0.2
WORD = re.compile(r"[A-Za-z]+")


def plainly_english(sample: str) -> bool:
    words = WORD.findall(sample[:2000])
    return len(words) >= 8 and sum(w.lower() in FUNCTION_WORDS for w in words) >= PLAINLY_ENGLISH_SHARE * len(words)


def detect_language(text: str) -> tuple[str, float] | None:
    """Return (ISO 639-1 code, probability 0–1), or None when the text is too short to judge."""
    sample = text[:SAMPLE_CHARS]
    if count_letters(sample) < MIN_LETTERS:
        return None
    if plainly_english(sample):
        return "en", 1.0
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def language_name(code: str) -> str:
    """'de' → 'German'; unknown codes are returned unchanged."""
    try:
        import pycountry

        language = pycountry.languages.get(alpha_2=code)
    except (ImportError, LookupError, KeyError):
        language = None
    return language.name if language is not None else code
