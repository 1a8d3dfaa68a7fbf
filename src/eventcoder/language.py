"""Is a text English? A thin, cautious wrapper around py3langid.

The coder's patterns and dictionaries are English, so a German article yields no events
or wrong ones; the reader rejects such texts with a reason instead of coding them.
Short texts and texts made mostly of names or numbers are not judged: langid is
unreliable on them, and wrongly rejecting an English record is worse than coding it.
"""

from __future__ import annotations

import functools
import logging

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


def detect_language(text: str) -> tuple[str, float] | None:
    """Return (ISO 639-1 code, probability 0–1), or None when the text is too short to judge."""
    sample = text[:SAMPLE_CHARS]
    if count_letters(sample) < MIN_LETTERS:
        return None
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
