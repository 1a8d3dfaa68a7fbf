"""How many: counts of dead, injured, arrested and crowd size stated in a sentence.

Regular expressions over number phrases; no parse needed. Vague plurals count as twice
their unit ("hundreds" = 200, "thousands" = 2,000, "dozens" = 24, "tens of thousands" =
20,000): the smallest plural amount, as ACLED and the Mass Mobilization project do for
crowd sizes. When one category is stated several times, the largest count wins, so
"12 people, including three children, were killed" gives 12. See docs/quantities.md.
"""

from __future__ import annotations

import re

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE = {
    "hundreds of thousands": 200_000, "tens of thousands": 20_000, "dozens": 24, "scores": 40,
    "hundreds": 200, "thousands": 2000, "millions": 2_000_000,
}

_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
_SCALE = r"(?:dozen|hundred|thousand|million)"
_WORDS = rf"(?:(?:{_UNIT_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|half an?|an?)(?: {_SCALE})*"
NUMBER = re.compile(
    rf"(?i)\b(?:{'|'.join(VAGUE)}|\d{{1,3}}(?:,\d{{3}})+(?: {_SCALE})?|\d+(?:\.\d+)?(?: {_SCALE})?|{_WORDS})\b"
)
MODIFIER = (r"(?:at least|more than|over|nearly|almost|about|around|some|roughly|up to|as many as"
            r"|an estimated|approximately|close to|fewer than|less than|a total of|another)")
AUX = r"(?:were|was|have been|had been|has been|are|is|been|being|reportedly|also|later|all)"
GAP_BLOCKERS = r"(?:who|which|that|after|before|when|while|because|said|says|to|in|on|at)"

PASSIVE = {
    "dead": r"killed|dead|died|perished|slain|lost their lives|deaths|fatalities",
    "injured": r"injured|wounded|hurt|injuries",
    "arrested": r"arrested|detained|taken into custody|rounded up|jailed|in custody|under arrest",
}
ACTIVE = {
    "dead": r"killed|killing|kills|kill|claimed the lives of|death toll (?:\w+ ){0,3}(?:to|of|at)",
    "injured": r"injured|injuring|wounded|wounding|injures|wounds|hurt",
    "arrested": r"arrested|arresting|detained|detaining|arrests|detains|rounded up|jailed|jailing",
}
CROWD_NOUNS = r"protesters|protestors|demonstrators|marchers|rioters|strikers|mourners|activists|supporters"
PEOPLE_NOUNS = r"people|workers|students|farmers|residents|women|men|citizens|teachers|villagers|opponents"
PROTEST_VERBS = re.compile(
    r"(?i)\b(?:march|rall|protest|demonstrat|gather|took to the streets|turned out|staged|massed|joined|filled|chant)")

AFTER = {c: re.compile(rf"(?i)(?:(?:\s|,)+(?!{GAP_BLOCKERS}\b)[a-z'-]+){{0,6}}?[\s,]+(?:{AUX}\s+)*(?:{v})\b")
         for c, v in PASSIVE.items()}
BEFORE = {c: re.compile(rf"(?i)\b(?:{v})\s+(?:{MODIFIER}\s+)?$") for c, v in ACTIVE.items()}
SIZE_AFTER = re.compile(rf"(?i)(?:\s+of)?\s+(?:[a-z-]+\s+)?(?:{CROWD_NOUNS})\b")
PEOPLE_AFTER = re.compile(rf"(?i)(?:\s+of)?\s+(?:[a-z-]+\s+)?(?:{PEOPLE_NOUNS})\b")
SIZE_BEFORE = re.compile(rf"(?i)\b(?:crowds?|rally|march|demonstration|protest|gathering) of\s+(?:{MODIFIER}\s+)?$")

MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
NOT_A_COUNT_AFTER = re.compile(
    rf"(?i)^(?:\s*(?:%|percent|per cent|a\.?m\b|p\.?m\b|km|kilomet|miles?\b|met(?:er|re)s|years?\b|months?\b"
    rf"|weeks?\b|days?\b|hours?\b|minutes?\b|times\b|billion|dollars?|euros?|pounds?|of (?:the|them|those)\b|{MONTHS})|[:/.]\d)")
NOT_A_COUNT_BEFORE = re.compile(
    rf"(?:[$£€#]|\b(?:No\.|number|aged|age|Article|Resolution|Route|Highway|{MONTHS}))\s*$", re.I)


def to_number(text: str) -> int:
    """The value of a number phrase matched by NUMBER: "12,000", "1.5 million", "a dozen"."""
    words = text.lower().replace("-", " ").replace(",", "").split()
    if " ".join(words) in VAGUE:
        return VAGUE[" ".join(words)]
    total = 0.0
    for word in words:
        if word in SCALES:
            total = (total or 1) * SCALES[word]
        elif word == "half":
            total += 0.5
        elif word in UNITS:
            total += UNITS[word]
        elif word not in ("a", "an"):
            total += float(word)
    return int(total)


def _is_count(sentence: str, match: re.Match) -> bool:
    """False for years, times, percentages, dates, money and other numbers that count no one."""
    after, before = sentence[match.end():], sentence[:match.start()]
    if NOT_A_COUNT_AFTER.match(after) or NOT_A_COUNT_BEFORE.search(before):
        return False
    if re.fullmatch(r"(?:19|20)\d\d", match.group()):
        return False
    return match.group().lower() not in ("a", "an", "half a", "half an")


def _category(sentence: str, match: re.Match) -> str | None:
    """What a number counts: a verb right before it ("killed 12") wins over a verb after
    it, and of the verbs after it the nearest ("five were injured and two killed")."""
    before = sentence[:match.start()]
    for category, pattern in BEFORE.items():
        if pattern.search(before):
            return category
    after = [(found.end(), c) for c, p in AFTER.items() if (found := p.match(sentence, match.end()))]
    if after:
        return min(after)[1]
    if SIZE_AFTER.match(sentence, match.end()) or SIZE_BEFORE.search(before):
        return "size"
    if PEOPLE_AFTER.match(sentence, match.end()) and PROTEST_VERBS.search(sentence):
        return "size"
    return None


def extract_quantities(sentence: str) -> dict[str, int | None]:
    """Counts stated in a sentence: {"dead", "injured", "arrested", "size"} -> int or None.
    A number counts for one casualty kind at a time; crowd size comes only from numbers
    that count no casualties ("police arrested 30 protesters" is no crowd of 30)."""
    counts: dict[str, int | None] = {"dead": None, "injured": None, "arrested": None, "size": None}
    for match in NUMBER.finditer(sentence):
        if not _is_count(sentence, match):
            continue
        category = _category(sentence, match)
        if category is not None:
            counts[category] = max(to_number(match.group()), counts[category] or 0)
    return counts
