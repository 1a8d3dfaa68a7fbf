"""When an event happened: date phrases in a sentence, resolved against the publication date.

A cheap regular expression finds the phrases; only those reach dateparser, and every
(phrase, pub_date) result is cached, so a corpus costs a few parses per distinct date.
News reports past events, so relative phrases resolve to the past ("on Monday" in a story
published on a Wednesday is two days before). Conventions are in docs/dates.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from functools import lru_cache

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
YEAR = r"(?:19|20)\d{2}"
ORDINAL = r"\d{1,2}(?:st|nd|rd|th)"
COUNT = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)"

# Alternatives are tried in order at each position, so longer forms come first.
# Month and weekday names must be capitalised ("may" is mostly a verb); the rest is any case.
PATTERNS = (
    r"\b\d{4}-\d{2}-\d{2}\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?i: of)? {MONTH},?(?: {YEAR})?\b",
    rf"\b{MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? {YEAR})?\b(?!-?\d)",
    rf"\b{MONTH},? {YEAR}\b",
    rf"(?i:\bon the ){ORDINAL}(?: (?i:of) {MONTH}(?:,? {YEAR})?)?\b",
    rf"(?i:\b(?:on |last |this past |past |this |next )?){WEEKDAY}\b",
    r"(?i:\b(?:the day before yesterday|yesterday|today|tonight|last night|earlier today)\b)",
    r"(?i:\b(?:(?:earlier|later|early|late) )?(?:this|last|next|past) (?:week|weekend|month|year)\b)",
    rf"(?i:\b{COUNT} (?:day|week|month|year)s? ago\b)",
    rf"(?i:\b(?:in|since|until|last|by)(?: (?:early|late|mid)-?)? ){MONTH}(?:,? {YEAR})?\b",
    rf"(?i:\bin ){YEAR}\b",
)
DATE_PHRASE = re.compile("|".join(f"(?:{p})" for p in PATTERNS))

# How exact a phrase is; the most exact phrase of a sentence wins, then the earliest.
DAY, WEEK, MONTH_PRECISION, YEAR_PRECISION = 0, 1, 2, 3
FILLER = re.compile(r"^(?:(?:on|in|since|until|by|earlier|later|early|late|mid)[\s-]+)+", re.I)
SETTINGS = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}


def find_date_phrases(sentence: str) -> list[tuple[str, int, int]]:
    """Date phrases in a sentence as (text, start, end) offsets within it."""
    return [(m.group(), m.start(), m.end()) for m in DATE_PHRASE.finditer(sentence)]


def resolve_event_date(sentence: str, pub_date: str | None) -> tuple[str | None, str, str]:
    """The event date as (YYYY-MM-DD or None, date_source, phrase): date_source is "text"
    when a phrase of the sentence resolved, else "pub_date" (the publication date), else "none"."""
    base = _pub_day(pub_date)
    resolved = []
    for position, (phrase, _, _) in enumerate(find_date_phrases(sentence)):
        date, precision = resolve_phrase(phrase, base.isoformat() if base else None)
        if date is not None:
            resolved.append((precision, position, date, phrase))
    if resolved:
        _, _, date, phrase = min(resolved)
        return date, "text", phrase
    if base is not None:
        return base.isoformat(), "pub_date", ""
    return None, "none", ""


def _pub_day(pub_date: str | None) -> dt.date | None:
    """The publication day from an ISO date or timestamp; None when absent or unreadable."""
    if not pub_date:
        return None
    try:
        return dt.date.fromisoformat(pub_date.strip()[:10])
    except ValueError:
        logger.warning("unreadable pub_date %r", pub_date)
        return None


@lru_cache(maxsize=65536)
def resolve_phrase(phrase: str, pub_date: str | None) -> tuple[str | None, int]:
    """(YYYY-MM-DD or None, precision) for one phrase found by find_date_phrases.
    Without pub_date only phrases that name their year resolve."""
    base = dt.date.fromisoformat(pub_date) if pub_date else None
    if base is None and not re.search(YEAR, phrase):
        return None, DAY
    precision = _precision(phrase)
    if (day := _resolve_without_parser(phrase, base)) is not None:
        return day.isoformat(), precision
    return _parse(FILLER.sub("", phrase), base), precision


UNIT_PRECISION = {"day": DAY, "night": DAY, "week": WEEK, "weekend": WEEK, "month": MONTH_PRECISION,
                  "year": YEAR_PRECISION}


def _precision(phrase: str) -> int:
    unit = re.search(r"(?i)\b(day|night|weekend|week|month|year)s?\b", phrase)
    if unit and not re.search(r"(?i)today|yesterday", phrase):
        return UNIT_PRECISION[unit.group(1).lower()]
    no_years = re.sub(YEAR, "", phrase)
    if re.search(rf"\d|(?i:today|yesterday|tonight)|{WEEKDAY}", no_years):
        return DAY
    return MONTH_PRECISION if re.search(MONTH, phrase) else YEAR_PRECISION


def _resolve_without_parser(phrase: str, base: dt.date | None) -> dt.date | None:
    """Kinds dateparser gets wrong for news: a bare ordinal day ("on the 30th" resolves into
    the future), a weekday named on its own day ("on Saturday" in a Saturday story) and a
    bare year (dateparser keeps the base's month and day)."""
    year = re.fullmatch(rf"(?i:in )?({YEAR})", phrase)
    if year:
        return dt.date(int(year.group(1)), 1, 1)
    if base is None:
        return None
    ordinal = re.fullmatch(r"(?i)on the (\d{1,2})(?:st|nd|rd|th)", phrase)
    if ordinal:
        return _latest_day_of_month(int(ordinal.group(1)), base)
    weekday = re.fullmatch(rf"(?i:(on |last |this past |past |this |next )?)({WEEKDAY})", phrase)
    if weekday:
        return _weekday(WEEKDAYS.index(weekday.group(2)), (weekday.group(1) or "").strip().lower(), base)
    return None


def _latest_day_of_month(day: int, base: dt.date) -> dt.date | None:
    """The latest date on or before base whose day of month is `day`."""
    year, month = base.year, base.month
    for _ in range(12):
        if day <= calendar.monthrange(year, month)[1] and dt.date(year, month, day) <= base:
            return dt.date(year, month, day)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _weekday(weekday: int, qualifier: str, base: dt.date) -> dt.date:
    if qualifier == "next":
        return base + dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)
    back = (base.weekday() - weekday) % 7
    if back == 0 and qualifier in ("last", "past", "this past"):
        back = 7  # "last Saturday" written on a Saturday is a week ago
    return base - dt.timedelta(days=back)


def _parse(phrase: str, base: dt.date | None) -> str | None:
    import dateparser  # on first use (0.05 s of a cold start): weekdays, ordinals and years never need it

    settings = dict(SETTINGS)
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    if parsed is None:
        logger.debug("dateparser could not read %r", phrase)
        return None
    return parsed.date().isoformat()
