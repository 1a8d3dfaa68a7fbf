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
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from eventcoder.extract.parties import HARM, NON_STATE, place_entity
from eventcoder.knowledge.dictionaries import ActorDictionary, tokenize
from eventcoder.records import Entity, Event

MIN_SENTENCES = 2
MIN_SHARE = 0.5
UNPARSED_KINDS = frozenset({"country", "demonym"})


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
    return {entries[0].country for _, _, entries in dictionary.find_all(tokenize(text), date)
            if entries[0].kind in UNPARSED_KINDS}


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
