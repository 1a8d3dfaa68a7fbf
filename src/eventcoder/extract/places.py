"""Where an event happened: place phrases in a parsed sentence, resolved against a gazetteer.

The gazetteer is geonames' cities of 15,000 people or more plus every country, shipped as
data/places/gazetteer.tsv.gz (built by tools/build_places_data.py). A country resolves to
its capital's coordinates, not its geometric centroid (docs/places.md says why).
"""

from __future__ import annotations

import gzip
import importlib.resources
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from eventcoder.knowledge.cache import cached
from eventcoder.knowledge.words import word_set
from eventcoder.records import Location

if TYPE_CHECKING:  # spaCy is only needed by callers that hold a parsed sentence
    from spacy.tokens import Span, Token

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

GAZETTEER_RESOURCE = ("data", "places", "gazetteer.tsv.gz")

# Word lists from knowledge/data/words: the prepositions that put an event somewhere, event
# nouns a place name can modify ("the Khartoum protests"), words that are no place after
# "in"/"at", generic geographic words, and nouns a name hangs off ("the city of Aleppo").
# Each file's header says more; docs/knowledge.md says how to change them.
PLACE_PREPOSITIONS = word_set("place_prepositions")
EVENT_NOUNS = word_set("event_nouns")
NOT_PLACES = word_set("not_places")
GENERIC_WORDS = word_set("generic_words")
PLACE_NOUNS = word_set("place_nouns")


def normalize_name(name: str) -> str:
    """Lookup key: no accents, no case, no dots, no leading "the"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = re.sub(r"\s+", " ", plain.casefold().replace(".", "")).strip()
    return key[4:] if key.startswith("the ") else key


KIND_RANK = {"country": 2, "city": 1, "admin1": 0}


class Place(NamedTuple):
    kind: str  # "country", "admin1" (US states) or "city"
    name: str
    country: str
    admin1: str
    lat: float | None
    lon: float | None
    population: int


@dataclass
class Gazetteer:
    """Places indexed by normalised name and alternate names; plain data, so it pickles.

    The packaged gazetteer pickles as a call to `Gazetteer.load`, so a Dask worker
    receives a few bytes and loads the data once per process instead of 5 MB per task.
    """

    # Kept as plain tuples and an int-or-tuple index: that shape loads from the cache in a
    # third of the time Place objects and lists take (cold start, docs/speed.md).
    places: list[tuple] = field(default_factory=list)
    index: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    packaged: bool = False
    _capitals: frozenset | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls) -> "Gazetteer":
        """The packaged gazetteer, loaded once per process (about 0.5 s; docs/places.md)."""
        return _load_packaged()

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "Gazetteer":
        """Build from TSV rows: kind, name, ISO3, admin1, lat, lon, population, aliases
        (aliases already normalised, joined by "|")."""
        gazetteer = cls()
        for line in lines:
            kind, name, country, admin1, lat, lon, population, aliases = line.rstrip("\n").split("\t")
            gazetteer._append((kind, name, country, admin1, float(lat) if lat else None,
                               float(lon) if lon else None, int(population or 0)), aliases.split("|"))
        return gazetteer

    def __reduce__(self):
        if self.packaged:
            return (Gazetteer.load, ())
        return super().__reduce__()

    def add(self, place: Place, aliases: Sequence[str] = ()) -> None:
        """Add a place (a user's own gazetteer entries, for example)."""
        self._append(tuple(place), sorted({normalize_name(a) for a in (place.name, *aliases) if a}))

    def is_capital(self, location: Location) -> bool:
        """A city at its country's point, which is the capital's (docs/places.md)."""
        if self._capitals is None:
            self._capitals = frozenset((p[2], p[4], p[5]) for p in self.places if p[0] == "country")
        return location.lat is not None and (location.country, location.lat, location.lon) in self._capitals

    def _append(self, place: tuple, keys: Iterable[str]) -> None:
        self._capitals = None
        number = len(self.places)
        self.places.append(place)
        for key in keys:
            known = self.index.get(key)
            self.index[key] = number if known is None else (*_positions(known), number)

    def candidates(self, name: str) -> list[Place]:
        return [Place._make(self.places[i]) for i in _positions(self.index.get(normalize_name(name), ()))]

    def resolve(self, name: str, prefer_countries: Sequence[str] = ()) -> Location | None:
        """The place a name most likely means: a country, else a city (a US state last) in a
        preferred country, else the most populous. None when the name is unknown."""
        found = self.candidates(name)
        if not found:
            return None
        preferred = set(prefer_countries)
        best = max(found, key=lambda p: (KIND_RANK[p.kind], p.country in preferred, p.population))
        best = _state_over_foreign_alias(best, found, normalize_name(name))
        return Location(text=name, name=best.name, country=best.country, admin1=best.admin1,
                        lat=best.lat, lon=best.lon)


def _state_over_foreign_alias(best: Place, found: list[Place], key: str) -> Place:
    """"Florida" is the US state, not Floridablanca in Colombia, which GeoNames also calls
    "Florida": a state of that very name beats a city of another country known by it only
    as an alias. (A city of the state's own country, "New York", still wins.)"""
    if best.kind != "city" or normalize_name(best.name) == key:
        return best
    state = next((p for p in found if p.kind == "admin1" and normalize_name(p.name) == key), None)
    return state if state is not None and state.country != best.country else best


@lru_cache(maxsize=1)
def _load_packaged() -> Gazetteer:
    source = importlib.resources.files("eventcoder.knowledge").joinpath(*GAZETTEER_RESOURCE).read_bytes()
    places, index = cached("gazetteer", source, lambda: _parse_packaged(source), layout=2)
    gazetteer = Gazetteer(places, index, packaged=True)
    logger.debug("loaded %d places", len(gazetteer.places))
    return gazetteer


def _parse_packaged(source: bytes) -> tuple[list[tuple], dict[str, int | tuple[int, ...]]]:
    lines = gzip.decompress(source).decode("utf-8").splitlines()
    gazetteer = Gazetteer.from_lines(lines)
    return gazetteer.places, gazetteer.index


def _positions(entry: int | tuple[int, ...]) -> tuple[int, ...]:
    return (entry,) if isinstance(entry, int) else entry


def _name_tokens(head: Token) -> list[Token]:
    """The proper-noun phrase ending at head: "Gaza Strip", "New York City"."""
    tokens = [head]
    for child in reversed(list(head.lefts)):
        if child.dep_ == "compound" and child.pos_ == "PROPN" and child.i == tokens[0].i - 1:
            tokens.insert(0, child)
    return tokens


def _phrase(tokens: list[Token]) -> tuple[str, int, int] | None:
    if any(t.lower_ in NOT_PLACES for t in tokens):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text, start, end


def _object_name(preposition: Token) -> Token | None:
    """The proper noun a place preposition governs, looking through "the city of X"."""
    for obj in (c for c in preposition.children if c.dep_ == "pobj"):
        if obj.pos_ == "PROPN":
            return obj
        if obj.lemma_.lower() in PLACE_NOUNS:
            for of in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
                return next((g for g in of.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
            return _possessor(obj)  # "in Yemen's southern governorates"
    return None


def _possessor(head: Token) -> Token | None:
    """The proper-noun possessor of a place ("*Cameroon's* Far North Region")."""
    return next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)


def _place_heads(sent: Span) -> list[Token]:
    heads = []
    for token in sent:
        # "near X and across Y": the second preposition hangs off the first as a conjunct
        if token.dep_ in ("prep", "conj") and token.pos_ == "ADP" and token.lower_ in PLACE_PREPOSITIONS:
            name = _object_name(token)
            if name is not None:
                heads += [name, *(c for c in name.conjuncts if c.pos_ == "PROPN")]  # "in X and Y"
        elif (token.dep_ == "compound" and token.pos_ == "PROPN" and token.head.pos_ == "NOUN"
              and token.head.lemma_.lower() in EVENT_NOUNS):
            heads.append(token)
    return sorted(set(heads), key=lambda t: t.i)


def _place_phrases(sent: Span) -> list[tuple[Token, tuple[str, int, int]]]:
    found = []
    for head in _place_heads(sent):
        phrase = _phrase(_name_tokens(head))
        if phrase is not None and all(phrase != seen for _, seen in found):
            found.append((head, phrase))
    return found


def find_place_phrases(sent: Span) -> list[tuple[str, int, int]]:
    """Place phrases tied to an event in a parsed sentence, as (text, start, end) with
    document character offsets: "in/at/near/outside/across X" and "the X protests"."""
    return [phrase for _, phrase in _place_phrases(sent)]


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree (a large number across sentences)."""
    steps_up = {token.i: n for n, token in enumerate([a, *a.ancestors])}
    for n, token in enumerate([b, *b.ancestors]):
        if token.i in steps_up:
            return n + steps_up[token.i]
    return 10_000


def _appositive_countries(head: Token, gazetteer: Gazetteer) -> list[str]:
    """ "in Khartoum, Sudan": the country named beside a city says which city it is."""
    codes = []
    for child in head.children:
        if child.dep_ in ("appos", "npadvmod", "conj") and child.pos_ == "PROPN":
            found = gazetteer.resolve(" ".join(t.text for t in _name_tokens(child)))
            if found is not None:
                codes.append(found.country)
    return codes


def _resolve_phrase(text: str, gazetteer: Gazetteer, prefer: Sequence[str]) -> Location | None:
    """The whole phrase, else its longest resolvable run of words ("Gaza Strip" -> Gaza)
    that has a capital letter."""
    words = text.split()
    for size in range(len(words), 0, -1):
        for first in range(len(words) - size + 1):
            run = words[first:first + size]
            if all(word.lower() in GENERIC_WORDS for word in run) or not any(c.isupper() for c in "".join(run)):
                continue  # "Quai des Orfèvres": a word with no capital ("des") is no place inside a name
            found = gazetteer.resolve(" ".join(run), prefer)
            if found is not None:
                return found
    return None


def _possessor_place(head: Token, gazetteer: Gazetteer) -> Location | None:
    """"in Cameroon's Far North Region": a region the gazetteer lacks lies in the country
    that owns it."""
    owner = _possessor(head)
    if owner is None:
        return None
    name = " ".join(t.text for t in _name_tokens(owner))
    if not any(place.kind == "country" for place in gazetteer.candidates(name)):
        return None  # "in Aleppo's old city" names the city, and the phrase resolves to it
    return gazetteer.resolve(name)


def locate_event(sent: Span, trigger_token: Token, gazetteer: Gazetteer,
                 prefer_countries: Sequence[str] = ()) -> Location | None:
    """Where the event of trigger_token happened: of the sentence's place phrases, the
    resolvable one nearest the trigger in the dependency tree; when none resolves, the
    nearest phrase with its text only. None when the sentence names no place."""
    options = []
    for head, (text, start, end) in _place_phrases(sent):
        prefer = [*_appositive_countries(head, gazetteer), *prefer_countries]
        found = _resolve_phrase(text, gazetteer, prefer) or _possessor_place(head, gazetteer) or Location(text=text)
        found.text, found.start, found.end = text, start, end
        options.append((not found.name, tree_distance(trigger_token, head), start, found))
    return min(options, key=lambda option: option[:3])[3] if options else None


def resolve_in_country(location: Location, gazetteer: Gazetteer, country: str) -> Location | None:
    """The same place name resolved inside `country`, when the gazetteer has it there; None
    when it stays. A national capital stays: "in Paris" in an American story is the French
    capital, not Paris, Texas, while "in Cambridge" in the same story is Massachusetts'."""
    if not location.name or not country or location.country == country or gazetteer.is_capital(location):
        return None
    found = _resolve_phrase(location.text, gazetteer, [country])
    if found is None or found.country != country:
        return None
    found.text, found.start, found.end = location.text, location.start, location.end
    return found
