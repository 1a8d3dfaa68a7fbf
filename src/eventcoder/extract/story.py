"""The story's country: who the unplaced parties of a news story most likely are.

A sentence often names a party without its country ("the government", "police", "Judge
Miller", "protesters", a name no dictionary holds) because the story said it earlier or
says it all along. Human coders read the article and give such a party the country the
story is about (docs/annotation.md); this stage does the same, once every sentence of a
document is coded, and marks each value it fills as inferred (docs/record.md).

The story's country must be clear: named in at least MIN_SENTENCES sentences and in at
least MIN_SHARE of the sentences that name any country. A one-sentence text never has one,
so short texts are coded from their sentence alone. Parsed sentences count every actor the
dictionaries found in them (officials too); sentences the pre-parse filter skipped count
only the countries and peoples they name (`countries_named`), since without a parse a
surname or a city name is too often someone or somewhere else; a document's title counts
as one more such sentence.

A parsed sentence's count leaves out what names no party or place of the story: a name in a
quotation (someone's words: "a comment on the American dream"), a name given to a thing
("an artwork entitled America", words/naming_words.tsv) and a country word on a currency
("six million US dollars", words/currency_nouns.tsv).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from eventcoder.extract.actors import Mention, quotation_open
from eventcoder.extract.parties import HARM, NON_STATE, place_entity
from eventcoder.knowledge.dictionaries import ActorDictionary, tokenize
from eventcoder.knowledge.words import word_set
from eventcoder.records import Entity, Event

MIN_SENTENCES = 2
MIN_SHARE = 0.5
UNPARSED_KINDS = frozenset({"country", "demonym"})
CURRENCY_NOUNS = word_set("currency_nouns")
NAMING_WORDS = word_set("naming_words")


@dataclass
class StoryCountries:
    """How many coded sentences of a story name each country."""

    naming: Counter = field(default_factory=Counter)
    sentences: int = 0  # sentences that name a state

    def add_sentence(self, countries: set[str]) -> None:
        states = {c for c in countries if c and c not in NON_STATE}
        self.naming.update(states)
        self.sentences += bool(states)

    def main_country(self) -> str:
        """The country the story is about, or "" when no country stands out."""
        ranked = self.naming.most_common(2)
        if not ranked:
            return ""
        first, count = ranked[0]
        tied = len(ranked) > 1 and ranked[1][1] == count
        if count < MIN_SENTENCES or count < MIN_SHARE * self.sentences or tied:
            return ""
        return first


def countries_named(text: str, dictionary: ActorDictionary, date: str | None) -> set[str]:
    """The countries an unparsed sentence names by a country's name or its people's."""
    words = tokenize(text)
    return {entries[0].country for start, end, entries in dictionary.find_all(words, date)
            if entries[0].kind in UNPARSED_KINDS and names_the_story(words, start, end)}


def countries_in_sentence(sentence: Doc, mentions: dict[int, Mention]) -> set[str]:
    """The countries a parsed sentence names for the story's count (its mentions')."""
    words = [t.lower_ for t in sentence]
    unique = {id(m): m for m in mentions.values()}.values()
    return {m.entry.country for m in unique if names_the_story(words, m.start, m.end)}


def names_the_story(words: list[str], start: int, end: int) -> bool:
    """Words start:end name a party or place of the story, not someone's words (inside a
    quotation), a thing's name ("an artwork entitled America") or a currency ("US dollars")."""
    if quotation_open(words[:start]) or start > 0 and words[start - 1] in NAMING_WORDS:
        return False
    following = words[end] if end < len(words) else ""
    return following not in CURRENCY_NOUNS and following.removesuffix("s") not in CURRENCY_NOUNS


def place_in_story(events: list[Event], story: StoryCountries) -> list[Event]:
    """Every party of no known country takes the story's country, when it has one."""
    country = story.main_country()
    if not country:
        return events
    return [replace(e, actor=_placed(e.actor, country),
                    recipient=e.recipient if _harmed_by_the_story(e, country) else _placed(e.recipient, country))
            for e in events]


def _harmed_by_the_story(event: Event, country: str) -> bool:
    """Unnamed people harmed belong to the place where they were harmed, never to the
    attacker's country (docs/annotation.md): when the attacker is of the story's country,
    the story does not place the victims ("Indian jets attacked civilian areas")."""
    return event.event in HARM and any(a.country == country for a in event.actor)


def _placed(entities: list[Entity], country: str) -> list[Entity]:
    """An unidentified attacker is not placed: the story's country says who the parties it
    names are, not who struck unseen (only the place of an attack places its attacker)."""
    return [e if e.kind == "unidentified" else place_entity(e, country, "the story's country") for e in entities]
