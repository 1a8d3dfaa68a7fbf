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

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from eventcoder.extract.actors import Mention, quotation_open
from eventcoder.extract.parties import HARM, NON_STATE, place_entity
from eventcoder.extract.places import Gazetteer, resolve_in_country
from eventcoder.knowledge.dictionaries import ActorDictionary, tokenize
from eventcoder.knowledge.words import word_set
from eventcoder.records import Entity, Event, Location

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


def place_in_story(events: list[Event], story: StoryCountries, gazetteer: Gazetteer | None = None) -> list[Event]:
    """Every party of no known country takes the story's country, when it has one; with a
    gazetteer, a place name known in several countries is first read as the one in the
    story's country, or else in the one country of the document's other places."""
    country = story.main_country()
    if gazetteer is not None:
        places = _countries_by_place(events)
        events = [_settled(e, country or _other_places_country(e, places), gazetteer) for e in events]
    if not country:
        return events
    return [replace(e, actor=_placed(e.actor, country),
                    recipient=e.recipient if _harmed_by_the_story(e, country) else _placed(e.recipient, country))
            for e in events]


def _countries_by_place(events: list[Event]) -> dict[str, set[str]]:
    """The countries each place name of the document's events was read in, gathered once
    per document (a per-event scan of all events would be quadratic)."""
    places: dict[str, set[str]] = {}
    for event in events:
        if event.location is not None and event.location.name:
            places.setdefault(event.location.name, set()).add(event.location.country)
    return places


def _other_places_country(event: Event, places: dict[str, set[str]]) -> str:
    """The one country of every other place the document's events are placed in ("in
    Glasgow" for "in Perth"), else ""."""
    if event.location is None:
        return ""
    countries = set().union(*(found for name, found in places.items() if name != event.location.name))
    return countries.pop() if len(countries) == 1 else ""


def _settled(event: Event, country: str, gazetteer: Gazetteer) -> Event:
    """"Police arrested two men in Norfolk" in a British story: the English Norfolk, not
    the Virginian one the name alone would give, and the parties placed by the place move
    with it. The sentence's own evidence (a party of the place's country, "Paris, Texas")
    keeps the first choice."""
    location = event.location
    if location is None or not country or _chosen_by_the_sentence(event, location, gazetteer):
        return event
    moved = resolve_in_country(location, gazetteer, country)
    if moved is None:
        return event
    return replace(event, location=moved, actor=_moved(event.actor, location.country, country),
                   recipient=_moved(event.recipient, location.country, country))


def _chosen_by_the_sentence(event: Event, location: Location, gazetteer: Gazetteer) -> bool:
    named = {e.country for e in event.actor + event.recipient if not _placed_by_the_place(e)}
    return location.country in named or _beside_its_country(event, location, gazetteer)


def _beside_its_country(event: Event, location: Location, gazetteer: Gazetteer) -> bool:
    """"in Paris, Texas": the name written after the place is of the place's country."""
    evidence = event.evidence
    if location.end is None or not 0 <= location.end - evidence.sentence_start <= len(evidence.sentence):
        return False
    after = re.match(r"\s*,\s*([A-Z][\w.]*(?: [A-Z][\w.]*)*)", evidence.sentence[location.end - evidence.sentence_start:])
    found = gazetteer.resolve(after.group(1)) if after else None
    return found is not None and found.country == location.country


PLACED_BY_THE_PLACE = ("event location", "inferred:government where the protest happens",
                       "inferred:population where it happens")


def _placed_by_the_place(entity: Entity) -> bool:
    return any(why in entity.source for why in PLACED_BY_THE_PLACE)


def _moved(entities: list[Entity], old: str, new: str) -> list[Entity]:
    """The parties that took the place's first country take the place's new one."""
    return [replace(e, country=new, source=f"{e.source}; place read in the document's country")
            if e.country == old and _placed_by_the_place(e) else e for e in entities]


def _harmed_by_the_story(event: Event, country: str) -> bool:
    """Unnamed people harmed belong to the place where they were harmed, never to the
    attacker's country (docs/annotation.md): when the attacker is of the story's country,
    the story does not place the victims ("Indian jets attacked civilian areas")."""
    return event.event in HARM and any(a.country == country for a in event.actor)


def _placed(entities: list[Entity], country: str) -> list[Entity]:
    """An unidentified attacker is not placed: the story's country says who the parties it
    names are, not who struck unseen (only the place of an attack places its attacker)."""
    return [e if e.kind == "unidentified" else place_entity(e, country, "the story's country") for e in entities]
