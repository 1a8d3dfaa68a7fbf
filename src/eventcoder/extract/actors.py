"""Who acts: actor mentions in a parsed sentence and their resolution to PLOVER entities.

Knowledge (countries, organisations, people with dates, agent words) comes from an
ActorDictionary; this module decides which words of a sentence form an actor phrase and
which dictionary entries in that phrase give its country and sector. A DocumentMemory
carries people and organisations from earlier sentences, so that a later "Zakharova",
"the ministry" or "she" resolves to the same entity.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from eventcoder.extract.arguments import OBJECT_DEPS, conjuncts, dateline_end, opposes, verb_subjects
from eventcoder.knowledge.dictionaries import ActorDictionary, ActorEntry, modifier_sectors, normalize_token
from eventcoder.knowledge.words import word_map, word_set
from eventcoder.records import Entity, Location

# Dependents that belong to a noun's actor phrase (parser grammar, not lexical knowledge).
PHRASE_LEFT_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod"})
# Dictionary entry kinds that name a place (a country, its people, a city), as opposed to an
# organisation or a person.
PLACE_ENTRY_KINDS = ("country", "demonym", "capital", "city")
# Sectors of a state's officials and forces: they act abroad, so a place does not make them
# that place's ("the Ukrainian foreign minister in Brussels").
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"})
# Word lists from knowledge/data/words (docs/knowledge.md says how to change them).
ACTOR_PHRASE_PREPS = word_set("actor_phrase_preps")
ACTOR_PLACE_PREPS = word_set("actor_place_preps")
GEOGRAPHIC_NOUNS = word_set("geographic_nouns")
COLLECTIVES = word_set("collectives")
SUBJECT_PRONOUNS = word_map("subject_pronouns")
# What one party does at another's asking: "at its request", "at the invitation of"
REQUEST_NOUNS = frozenset({"request", "invitation", "behest", "urging"})
# English subject-case personal pronouns: grammar, not knowledge to override. The pronoun
# word list above (the pronouns that stand for a party named earlier) holds every case of
# the third-person ones; these say which can be a clause's subject.
SUBJECT_CASE = frozenset({"i", "we", "you", "he", "she", "it", "they"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
THIRD_PERSON_SUBJECTS = frozenset(SUBJECT_PRONOUNS) & SUBJECT_CASE  # he, she, it, they
FACILITY_NOUNS = word_set("facility_nouns")
TIME_WORDS = word_set("time_words")  # "Putin Tuesday said": a day ends a name
BODY_NOUNS = word_set("body_nouns")
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})


@dataclass
class Mention:
    start: int  # token index in the doc
    end: int
    entries: list[ActorEntry]

    @property
    def entry(self) -> ActorEntry:
        return self.entries[0]


@dataclass
class Remembered:
    """An entity the document named, with what a pronoun must be to stand for it."""

    entity: Entity
    sentence: Doc  # the parsed sentence that named it: entities keep sentence offsets
    referent: str  # person, body or group (referent_kind)
    subject: bool  # named as its clause's subject
    quoted: bool  # named inside a quotation


@dataclass
class DocumentMemory:
    """Actors seen so far in one document, for surnames, pronouns and 'the ministry'."""

    by_name_word: dict[str, Entity] = field(default_factory=dict)
    recent: list[Remembered] = field(default_factory=list)
    last_place: Location | None = None  # document offsets; where the story last said it was

    def remember(self, entity: Entity, sentence: Doc, head: Token | None = None) -> None:
        """Keeps an entity the sentence named; its head word (when given) says what pronoun
        can stand for it, whether it was a subject and whether it was quoted."""
        if entity.kind == "demonym" and not entity.sector:
            return  # "an Irish pub", "a Greek island": a thing of a people, no one "they" can be
        if entity.kind in ("city", "capital") and not entity.sector:
            return  # "arrested in Norfolk": a place, no one a pronoun stands for
        subject = head is not None and head.dep_ in ("nsubj", "nsubjpass")
        if not entity.country and not subject:
            return  # an unplaced party a pronoun may stand for only as the one who acted
        referent = referent_kind(entity, head) if head is not None else _entity_referent(entity)
        quoted = head is not None and in_quotation(head)
        self.recent.append(Remembered(entity, sentence, referent, subject, quoted))
        if entity.kind == "person" and entity.name:
            for word in entity.name.lower().split():
                self.by_name_word[word] = entity

    def person(self, word: str) -> Entity | None:
        return self.by_name_word.get(word.lower())

    def latest_with_sector(self, sector: str, before: Token) -> Entity | None:
        return next((r.entity for r in self._named_before(before)
                     if r.entity.country and sector in r.entity.sectors), None)

    def latest(self, want: str, pronoun: Token, not_for: tuple[Entity, ...] = ()) -> Entity | None:
        """The party a pronoun stands for: of the kind it can stand for, never one named in
        a quotation when the pronoun is outside it, and of the latest sentence that names
        such a party its subject first ("Police arrested a man. They released him": the
        police). Never one of `not_for`, wherever it was named."""
        quoted = in_quotation(pronoun)
        fitting = [r for r in self._named_before(pronoun)
                   if can_stand_for(want, r.referent) and (quoted or not r.quoted)
                   and not any(_same_referent(r.entity, other) for other in not_for)]
        if not fitting:
            return None
        same_sentence = [r for r in fitting if r.sentence is fitting[0].sentence]
        return next((r for r in same_sentence if r.subject), fitting[0]).entity

    def _named_before(self, word: Token) -> Iterator[Remembered]:
        """Entities named before the word, latest first. The sentence's own parties are
        resolved in argument order, not text order: "the government" or "he" never stands
        for someone the sentence names only after it ("He announced it, despite criticism by
        the Greek foreign minister")."""
        for remembered in reversed(self.recent):
            if remembered.sentence is not word.doc or remembered.entity.start < word.idx:
                yield remembered


def referent_kind(entity: Entity, head: Token) -> str:
    """What a pronoun must be to stand for a party: a plural or coordinated head is a group
    ("they"), a state, an organisation or a body noun ("the ministry") a body ("it" or
    "they"), a named person a person ("he" or "she"). A singular noun of a person ("the
    minister", "a man") is "someone": no "they" or "it" stands for it, and "he" does not
    either, since what such a noun's clauses hold is too often no act of the one named."""
    if head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children):
        return "group"
    if entity.kind == "person":
        return "person"
    if head.lemma_.lower() in BODY_NOUNS or head.lower_ in BODY_NOUNS:
        return "body"
    return "someone" if head.pos_ == "NOUN" else _entity_referent(entity)


def _entity_referent(entity: Entity) -> str:
    if entity.kind == "person":
        return "person"
    return "body" if entity.kind not in ("name", "unresolved") else "any"


def can_stand_for(want: str, referent: str) -> bool:
    """"he" and "she" stand for a named person, "it" for a body, "they" for a group or a
    body; a party of unknown kind for any."""
    if want == "any" or referent == "any":
        return True
    return want == referent or (want == "group" and referent == "body")


def in_quotation(token: Token) -> bool:
    """The token is between quotation marks of its sentence."""
    return quotation_open([t.text for t in token.doc[:token.i]])


def quotation_open(words: list[str]) -> bool:
    """After these words a quotation is open: an odd number of straight marks, or a curly
    opening mark last."""
    marks = [w for w in words if w in QUOTE_MARKS]
    if any(m in ("\u201c", "\u201d") for m in marks):
        return marks[-1] == "\u201c"
    return len(marks) % 2 == 1


def find_mentions(sentence: Span, dictionary: ActorDictionary, date: str | None) -> dict[int, Mention]:
    """Dictionary mentions in a sentence, indexed by each token they cover."""
    words = [normalize_token(t.text) for t in sentence]
    by_token: dict[int, Mention] = {}
    for start, end, entries in dictionary.find_all(words, date):
        entries = [e for e in entries if e.kind != "agent"]
        if _names_a_facility(sentence, end) or _titled_given_name(sentence, start, end, dictionary):
            entries = [e for e in entries if e.kind not in ("city", "capital")]
        if _surname_ruled_out(sentence, start, end):
            entries = [e for e in entries if not _surname_entry(e)]
        else:
            entries = _given_name_agrees(sentence, start, entries, dictionary)
        entries = _titled_of_country(sentence, words, start, end, entries, dictionary, date)
        if not entries:
            continue
        mention = Mention(sentence.start + start, sentence.start + end, entries)
        for i in range(mention.start, mention.end):
            by_token[i] = mention
    _plural_demonyms(sentence, words, dictionary, by_token)
    return by_token


def _surname_entry(entry: ActorEntry) -> bool:
    """A person matched by the surname alone (for a person out of office on the date the
    source also ends in "(former)")."""
    return "(surname)" in entry.source


def _names_a_facility(sentence: Span, end: int) -> bool:
    """"Victoria Park", "Kennedy Street": a capitalised facility noun after a city's name
    makes the words a facility's name, which says nothing of the city's country."""
    following = sentence[end] if end < len(sentence) else None
    return following is not None and following.text[:1].isupper() and following.lower_ in FACILITY_NOUNS


def _titled_given_name(sentence: Span, start: int, end: int, dictionary: ActorDictionary) -> bool:
    """"Police director Vladimir Rebic", "Senator Vladimir Okafor": a city's name between a
    title (an agent word, or any noun in lower case) and another proper name is the
    person's given name, not the city."""
    if start == 0 or end >= len(sentence):
        return False
    title, following = sentence[start - 1], sentence[end]
    if following.pos_ != "PROPN" or not following.is_alpha or not following.text[:1].isupper():
        return False
    if title.pos_ == "NOUN" and title.is_lower:
        return True  # a title in lower case: "director", "spokesman", "lawyer"
    return dictionary.agent(title.lower_) is not None or dictionary.agent(title.lemma_.lower()) is not None


def _surname_ruled_out(sentence: Span, start: int, end: int) -> bool:
    """Words that cannot be the surname the table knows: a word not written as a name ("a
    bush", "church leaders"), or a name that goes on ("Bernie Sanders", "Rodrigo Duterte",
    "Human Rights Front": the matched word is a given name or part of another name)."""
    first = sentence[start]
    if first.pos_ != "PROPN" or not first.text[:1].isupper():
        return True
    following = sentence[end] if end < len(sentence) else None
    return following is not None and following.pos_ == "PROPN" and following.is_alpha \
        and following.lower_ not in TIME_WORDS


def _given_name(sentence: Span, start: int, dictionary: ActorDictionary) -> str:
    """The proper noun just before a surname that is a given name, not a title ("President")
    or a name of its own ("Russian"): "Kaja" in "Kaja Kallas", "Khan" in "Khan Younis"."""
    if start == 0:
        return ""
    before = sentence[start - 1]
    if before.pos_ != "PROPN" or not before.is_alpha and not before.text.endswith("."):
        return ""
    word = normalize_token(before.text)
    match = dictionary.lookup([word], 0)
    if dictionary.agent(word) is not None or (match and any(e.kind != "person" for e in match[1])):
        return ""  # a given name may itself be someone's surname ("Hassan"): still a given name
    return word


def _agrees(given: str, full_name: str) -> bool:
    """A given name (or an initial, "J.") that is one of the entry's other names."""
    others = [w.lower() for w in full_name.split()[:-1]]
    if given.endswith(".") and len(given) == 2:
        return any(w.startswith(given[0]) for w in others)
    return given in others


def _given_name_agrees(sentence: Span, start: int, entries: list[ActorEntry],
                       dictionary: ActorDictionary) -> list[ActorEntry]:
    """A surname-only match needs the given name the text writes to agree: "Kaja Kallas" is
    not Siim Kallas, and "Khan Younis" (a town) is no person named Younis."""
    given = _given_name(sentence, start, dictionary)
    if not given:
        # A bare surname of someone out of office on the date is too weak: news names a
        # former official by surname alone only after the full name, which memory holds.
        return [e for e in entries if not (_surname_entry(e) and e.source.endswith("(former)"))]
    return [e for e in entries if not _surname_entry(e) or _agrees(given, e.name)]


def _titled_of_country(sentence: Span, words: list[str], start: int, end: int, entries: list[ActorEntry],
                       dictionary: ActorDictionary, date: str | None) -> list[ActorEntry]:
    """"King Hassan of Morocco", "Prime Minister Fumio Kishida of Japan": a person named with
    a title and "of <country>" is that country's, whatever person of the same name the
    dictionary holds for another country (a Jordanian Hassan). Such a name becomes a person
    of the named country with the title's sector; a dictionary person of that very country
    is kept as it is."""
    people = [e for e in entries if e.kind == "person"]
    name_end = _name_end(sentence, end, dictionary)  # "Hassan Ali": the name may go on
    country = _of_country(words, name_end, dictionary, date) if people else None
    if not country or any(e.country == country.country for e in people):
        return entries
    title = _title_before(sentence, start, dictionary)
    if title is None:
        return entries
    name = sentence[_name_start(sentence, start, dictionary):name_end].text
    person = ActorEntry(pattern=" ".join(words[start:end]), name=name, kind="person", country=country.country,
                        sector=title.sector, source=f"eventcoder:title of {country.name}")
    return [person, *(e for e in entries if e.kind != "person")]


def _of_country(words: list[str], end: int, dictionary: ActorDictionary, date: str | None) -> ActorEntry | None:
    """The country named by "of (the) <country>" at words[end:]."""
    if end >= len(words) or words[end] != "of":
        return None
    start = end + 2 if end + 1 < len(words) and words[end + 1] == "the" else end + 1
    match = dictionary.lookup(words, start, date)
    countries = [e for e in match[1] if e.kind == "country"] if match else []
    return countries[0] if countries else None


def _name_start(sentence: Span, start: int, dictionary: ActorDictionary) -> int:
    """The first word of a person's name whose matched part begins at start: the given
    names before a surname ("Fumio Kishida"), not the title before them ("Prime Minister")."""
    first = start
    while first > max(start - 3, 0) and _given_name_word(sentence[first - 1], dictionary):
        first -= 1
    return first


def _name_end(sentence: Span, end: int, dictionary: ActorDictionary) -> int:
    """The end of a person's name whose matched part ends at end ("Hassan" of "Hassan Ali")."""
    last = end
    while last < min(end + 2, len(sentence)) and _given_name_word(sentence[last], dictionary):
        last += 1
    return last


def _given_name_word(token: Token, dictionary: ActorDictionary) -> bool:
    return token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper() \
        and dictionary.agent(token.lower_) is None


def _title_before(sentence: Span, start: int, dictionary: ActorDictionary) -> ActorEntry | None:
    """The agent word of a title just before a name ("King", "Prime Minister")."""
    first = _name_start(sentence, start, dictionary)
    for size in (2, 1):
        if first - size < 0:
            continue
        words = sentence[first - size:first]
        title = dictionary.agent(" ".join(t.lower_ for t in words))
        if title is not None:
            return title
    return None


def _plural_demonyms(sentence: Span, words: list[str], dictionary: ActorDictionary,
                     by_token: dict[int, Mention]) -> None:
    """"Young Algerians", "ethnic Turks": a people named by a plural demonym."""
    for offset, token in enumerate(sentence):
        if token.i in by_token or token.tag_ not in ("NNPS", "NNS") or not words[offset].endswith("s"):
            continue
        match = dictionary.lookup([words[offset][:-1]], 0)
        if match is not None:
            entries = [e for e in match[1] if e.kind in ("demonym", "country")]
            if entries:
                by_token[token.i] = Mention(token.i, token.i + 1, entries)


def phrase_tokens(head: Token) -> list[Token]:
    """The head noun with its modifiers, appositions and of/for/from complements."""
    tokens = [head]
    for child in head.children:
        if opposes(child):
            continue  # "anti-American protesters" are not American
        if child.dep_ in PHRASE_LEFT_DEPS or child.dep_ == "appos":
            tokens.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in ACTOR_PHRASE_PREPS:
            tokens.extend(child.subtree)
    return sorted(set(tokens), key=lambda t: t.i)


def _entry_rank(entry: ActorEntry) -> int:
    order = {"person": 0, "igo": 1, "ngo": 1, "group": 1, "pre": 2, "country": 3, "demonym": 3,
             "capital": 4, "city": 5}
    return order.get(entry.kind, 6)


def best_mention(tokens: list[Token], mentions: dict[int, Mention]) -> Mention | None:
    found = {id(mentions[t.i]): mentions[t.i] for t in tokens if t.i in mentions and not _on_a_border(t)}
    if not found:
        return None
    return min(found.values(), key=lambda m: (_entry_rank(m.entry), m.start))


def _on_a_border(token: Token) -> bool:
    """"a stronghold on the Thai border": the country names a place, not a party."""
    return token.head.lemma_.lower() in GEOGRAPHIC_NOUNS and token.dep_ in ("amod", "compound", "nmod")


def agent_tokens(head: Token) -> list[Token]:
    """Words that can say what kind of actor the head is: the head, its modifiers and its
    apposition with that apposition's complements ("a spokesperson for the Ministry")."""
    tokens = [head]
    for child in head.children:
        if child.dep_ == "compound":
            tokens.extend(child.subtree)  # "Detective Inspector Steven Jones"
        elif child.dep_ == "amod":
            tokens.append(child)
        elif child.dep_ == "appos":
            tokens.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of" and (head.like_num or head.lemma_.lower() in COLLECTIVES):
            # "dozens of protesters", "members of the opposition": the kind is in the complement
            tokens.extend(t for t in child.children if t.dep_ == "pobj")
    return tokens


def agent_sectors(tokens: list[Token], dictionary: ActorDictionary) -> tuple[str, list[str]]:
    """Sector from agent words ("minister", "troops"), with modifiers ("opposition", "former")."""
    sector, others = "", []
    for token in sorted(tokens, key=lambda t: (t.dep_ not in ("ROOT", "nsubj", "appos"), t.i)):
        entry = _agent_entry(token, tokens, dictionary)
        if entry and entry.sector and not sector:
            sector = entry.sector
            others.extend(entry.other_sectors)
        for extra in modifier_sectors(token.lower_):
            if extra not in others:
                others.append(extra)
    others = [s for s in others if s != sector]
    return sector, others


def _agent_entry(token: Token, tokens: list[Token], dictionary: ActorDictionary) -> ActorEntry | None:
    """The agent a word names; failing that, with the word before it: "Coast Guard" and
    "attorneys general" are agents their last word alone is not. (The word alone comes
    first: modifiers such as "former" add their sectors on top, and the table's two-word
    entries code "former president" or "rights activist" less finely.)"""
    entry = dictionary.agent(token.lemma_.lower()) or dictionary.agent(token.lower_)
    before = token.doc[token.i - 1] if token.i > 0 else None
    if entry is not None or before is None or before not in tokens:
        return entry
    return dictionary.agent(f"{before.lower_} {token.lemma_.lower()}") or \
        dictionary.agent(f"{before.lower_} {token.lower_}")


def person_name(head: Token) -> str:
    """A proper-noun name ending at the head ("Maria Zakharova")."""
    if head.pos_ != "PROPN":
        return ""
    parts = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [head]
    return " ".join(t.text for t in parts)


def entity_from_entry(entry: ActorEntry, text_tokens: list[Token]) -> Entity:
    first, last = text_tokens[0], text_tokens[-1]
    return Entity(
        text=_span_text(text_tokens), start=first.idx, end=last.idx + len(last.text),
        name=entry.name, country=entry.country, sector=entry.sector,
        other_sectors=list(entry.other_sectors), organization=entry.organization,
        kind=entry.kind, source=entry.source,
    )


def _contiguous(tokens: list[Token]) -> list[Token]:
    """The phrase tokens from the first to the last, trimmed of edge punctuation."""
    doc = tokens[0].doc
    span = doc[tokens[0].i:tokens[-1].i + 1]
    words = [t for t in span]
    while words and words[-1].is_punct:
        words.pop()
    while words and (words[0].is_punct or words[0].dep_ == "det"):
        words.pop(0)
    return words or tokens


class ActorResolver:
    """Turns an argument head token into an Entity, or None when it names no actor."""

    def __init__(self, dictionary: ActorDictionary, memory: DocumentMemory, mentions: dict[int, Mention]):
        self.dictionary = dictionary
        self.memory = memory
        self.mentions = mentions

    def resolve(self, head: Token, remember: bool = True) -> Entity | None:
        """The entity the head names; `remember=False` only looks, leaving the document's
        memory as it was (for a pronoun's exclusions, which are not new mentions)."""
        if head.lower_ in SUBJECT_PRONOUNS:
            return self._pronoun(head)
        after_dateline = dateline_end(head.sent)
        if head.i < after_dateline:
            head = _past_dateline(head, after_dateline)
            if head is None:
                return None
        tokens = [t for t in phrase_tokens(head) if t.i >= after_dateline]
        entity = self._from_phrase(head, tokens)
        if entity is not None and remember:
            self.memory.remember(entity, head.doc, head)
        return entity

    def resolve_compound(self, head: Token) -> list[Entity]:
        """"Hungarian and Romanian officials": one entity per coordinated country modifier."""
        modifiers = [c for c in head.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i in self.mentions
                     and not opposes(c)]
        collective = [t for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                      for t in prep.children if t.dep_ == "pobj"] if head.lemma_.lower() in COLLECTIVES else []
        modifiers += [c for noun in collective for c in noun.lefts  # "scores of Liberian and Sierra Leonean refugees"
                      if c.dep_ in ("amod", "compound", "nmod") and c.i in self.mentions]
        coordinated = [m for first in modifiers for m in conjuncts(first) if m.i in self.mentions]
        if len(coordinated) < 2:
            entity = self.resolve(head)
            return [entity, *self._coordinated_with(head, entity)] if entity is not None else []
        sector, others = agent_sectors(agent_tokens(head), self.dictionary)
        entities = []
        for modifier in coordinated:
            entry = self.mentions[modifier.i].entry
            entity = entity_from_entry(entry, [modifier, head] if modifier.i < head.i else [head])
            entity.sector = entity.sector or sector
            entity.other_sectors = [s for s in others if s != entity.sector]
            entities.append(entity)
        return entities

    def _coordinated_with(self, head: Token, entity: Entity) -> list[Entity]:
        """"aid for Romania and Poland": the countries coordinated with the one found inside
        a phrase are parties too."""
        if head.i in self.mentions or entity.kind not in PLACE_ENTRY_KINDS:
            return []
        mention = best_mention(phrase_tokens(head), self.mentions)
        if mention is None:
            return []
        first = self._mention_head(head.doc[mention.start])
        others = [c for c in conjuncts(first)[1:] if c.i in self.mentions]
        return [e for e in (self.resolve(c) for c in others) if e is not None and e.country]

    def resolve_within(self, head: Token) -> list[Entity]:
        """The head's own actors, else the first actors named inside its phrase ("the equipment
        purchased by Japan" -> Japan; "aid for Romania and Poland" -> both); an actor of no
        known country takes the country named inside its phrase ("refugees fleeing the war
        in Liberia" -> REF of Liberia)."""
        own = self.resolve_compound(head)
        if own and all(e.country for e in own):
            return own
        entity = own[0] if own else None
        inner = self._inner(head)
        if entity is None or not inner:
            return own or inner
        return [replace(entity, country=inner[0].country, organization=inner[0].organization)]

    def _inner(self, head: Token) -> list[Entity]:
        for token in head.subtree:
            if token.i in self.mentions and token.i != head.i and not _surname_only(self.mentions[token.i]):
                first = self._mention_head(token)
                if first.head.lemma_.lower() in GEOGRAPHIC_NOUNS:
                    continue  # "a stronghold on the Thai border": a place, not a party
                heads = [first, *(c for c in conjuncts(first)[1:] if c.i in self.mentions)]
                return [e for e in (self.resolve(h) for h in heads) if e is not None]
        return []

    def _mention_head(self, token: Token) -> Token:
        mention = self.mentions[token.i]
        span = token.doc[mention.start:mention.end]
        return span.root

    def _from_phrase(self, head: Token, tokens: list[Token]) -> Entity | None:
        mention = best_mention(tokens, self.mentions) or self._placed(head)
        sector, others = agent_sectors(agent_tokens(head), self.dictionary)
        text_tokens = _contiguous(tokens)
        remembered = self.memory.person(head.text) if head.pos_ == "PROPN" else None
        if mention is not None:
            mention = self._residence(head, mention)
            entity = entity_from_entry(mention.entry, text_tokens)
            return self._with_sector(entity, mention.entry, sector, others, head)
        if remembered is not None:
            return replace(remembered, text=_span_text(text_tokens), start=text_tokens[0].idx,
                           end=_end(text_tokens))
        if sector:
            entity = Entity(text=_span_text(text_tokens), start=text_tokens[0].idx, end=_end(text_tokens),
                            name=person_name(head), sector=sector, other_sectors=others,
                            kind="person" if person_name(head) else "agent", source="agent")
            return self._definite(head, entity)
        return None

    def _definite(self, head: Token, entity: Entity) -> Entity:
        """"The ministry said", "the president added": a definite agent with no country of its
        own is the one of the same sector named before in the document."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return entity
        earlier = self.memory.latest_with_sector(entity.sector, head)
        if earlier is None:
            return entity
        return replace(entity, country=earlier.country, organization=earlier.organization,
                       source=f"agent; country from earlier mention {earlier.text!r}")

    def _residence(self, head: Token, mention: Mention) -> Mention:
        """"Ethnic Albanians in southern Serbia": a people named by where they live belongs
        to that country, as domestic actors do in event data."""
        agent = self.dictionary.agent(head.lemma_.lower())
        people = head.i in self.mentions or (agent is not None and agent.sector not in STATE_SECTORS)
        if not _names_a_people(head, mention) or not people:
            # "a Cambodian refugee camp in Thailand" stays Cambodian; "the Ukrainian foreign
            # minister in Brussels" is Ukraine's: officials travel, peoples live somewhere
            return mention
        place = self._placed(head)
        if place is not None and place.entry.kind in PLACE_ENTRY_KINDS and place.entry.kind != "demonym":
            return place
        return mention

    def _placed(self, head: Token) -> Mention | None:
        """"Demonstrators in Baghdad", "opposition groups in Zimbabwe": the country of a
        group or agent named only by where it is."""
        if head.pos_ != "NOUN" and head.tag_ != "NNPS":
            return None
        places = [t for prep in head.children if prep.dep_ == "prep" and prep.lower_ in ACTOR_PLACE_PREPS
                  for t in prep.subtree]
        return best_mention(places, self.mentions) if places else None

    def _with_sector(self, entity: Entity, entry: ActorEntry, sector: str, others: list[str],
                     head: Token) -> Entity:
        if entry.kind in PLACE_ENTRY_KINDS:
            name = person_name(head) if self.mentions.get(head.i) is None else ""
            if name and not self.dictionary.resolve_name(name):
                # "Maria Zakharova, a spokesperson for the Russian Foreign Ministry": a person
                # bound to a country and sector by her title or apposition.
                entity.name, entity.kind = name, "person"
            elif entry.kind == "capital" and not sector and self.mentions.get(head.i) is not None \
                    and not (head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "near")):
                sector = "GOV"  # "the Kremlin said", "Tokyo protested": seat of government
            if sector:
                entity.sector = sector
            entity.other_sectors = [s for s in dict.fromkeys(entity.other_sectors + others)
                                    if s != entity.sector]
        return entity

    def _pronoun(self, head: Token) -> Entity | None:
        own_subjects = _own_clause_subjects(head)
        not_for = tuple(e for e in (self.resolve(t, remember=False) for t in own_subjects) if e is not None)
        found = self._earlier_subject(head, own_subjects) or \
            self.memory.latest(SUBJECT_PRONOUNS[head.lower_], head, not_for)
        if found is None:
            return None
        return replace(found, text=head.text, start=head.idx, end=head.idx + len(head.text))

    def _earlier_subject(self, pronoun: Token, own_subjects: list[Token]) -> Entity | None:
        """"Japan maintains restraint in its aid": the sentence's own earlier subject first,
        of the kind the pronoun can stand for ("its" no person: "Pompeo cited the Cuban
        government's support and its repression" - "its" is the government's)."""
        want = SUBJECT_PRONOUNS[pronoun.lower_]
        deps = ("nsubj", "nsubjpass", "poss") if want == "body" else ("nsubj", "nsubjpass")
        quoted = in_quotation(pronoun)
        for token in pronoun.sent:
            if token.i >= pronoun.i:
                return None
            if token in own_subjects:
                continue
            if token.dep_ in deps and token.lower_ not in SUBJECT_PRONOUNS and (quoted or not in_quotation(token)):
                entity = self._from_phrase(token, phrase_tokens(token))
                if entity is not None and entity.country and can_stand_for(want, referent_kind(entity, token)):
                    return entity
        return None


def _same_referent(entity: Entity, other: Entity) -> bool:
    """The same party: the same words, or the same named entry."""
    if entity.start == other.start and entity.end == other.end:
        return True
    return bool(entity.name) and (entity.name, entity.source) == (other.name, other.source)


def _own_clause_subjects(pronoun: Token) -> list[Token]:
    """"Sanders did not endorse her", "police released them": an object pronoun never stands
    for the subject of its own verb (that would be "herself", "themselves"), so the verb's
    subject, inherited through coordination and control too, is no referent for it. Nor
    does the owner of a request stand for whoever acted at it (_acted_at_request)."""
    if pronoun.dep_ in OBJECT_DEPS and pronoun.head.pos_ in ("VERB", "AUX"):
        return verb_subjects(pronoun.head)
    verb = _acted_at_request(pronoun)
    return verb_subjects(verb) if verb is not None else []


def _acted_at_request(pronoun: Token) -> Token | None:
    """"Kenya sent troops to Somalia at its request", "at the invitation of their
    government": no one acts at their own request, so the possessive names someone other
    than the doer. The verb that was done at the request, or None."""
    if pronoun.dep_ != "poss":
        return None
    token = pronoun.head
    for _ in range(3):
        if token.dep_ != "pobj" or token.head.dep_ != "prep":
            return None
        if token.lemma_.lower() in REQUEST_NOUNS and token.head.lower_ == "at":
            return token.head.head if token.head.head.pos_ in ("VERB", "AUX") else None
        token = token.head.head  # "the request of its government": up from "government"
    return None


def _names_a_people(head: Token, mention: Mention) -> bool:
    """A demonym, or a plural proper noun a country entry names ("Palestinians", "Kurds": some
    country blocks of the tables list the people's plural as a name of the country)."""
    if mention.entry.kind == "demonym":
        return True
    return mention.entry.kind == "country" and head.tag_ == "NNPS" and mention.start <= head.i < mention.end


def _past_dateline(head: Token, after_dateline: int) -> Token | None:
    """"NAIROBI -- A Kenyan court rejected": the parser makes the dateline the subject and
    the real one its apposition or conjunct."""
    return next((c for c in head.subtree if c.i >= after_dateline and c.dep_ in ("appos", "conj")
                 and c.head.i < after_dateline), None)


def _surname_only(mention: Mention) -> bool:
    # A bare surname deep inside a phrase is more often part of a place or another name
    # ("the town of Sharq el Oteibi") than the actor the phrase is about.
    return all(e.source.endswith("(surname)") for e in mention.entries)


def _span_text(tokens: list[Token]) -> str:
    """The text from the first token to the last (Span.text: Doc.text would join the
    whole sentence on every call)."""
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text


def _end(tokens: list[Token]) -> int:
    return tokens[-1].idx + len(tokens[-1].text)
