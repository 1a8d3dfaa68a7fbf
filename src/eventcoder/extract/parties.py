"""Who did it and to whom: every decision on an event's actor and recipient entities.

In the order the coder takes them:

1. party_heads.py (`find_party_heads`, `rearrange_parties`): the argument heads of a
   candidate event, words of the sentence in groups, best first, read off the dependency
   tree and rearranged for what the trigger and the sentence's shape mean.
2. `named_parties`: those heads resolved to entities with the actor dictionaries
   (actors.py), the first group that names a placed actor winning; a doer the
   dictionaries do not know stays as an unresolved entity.
3. `complete_parties`: defaults where the text is silent: whom a protest targets, who an
   unseen attacker is, where an unplaced group belongs.

Every value set by step 3 is marked: inferred entities have `kind` "inferred" or
"unidentified" and a `source` starting with "inferred:", and a country added to a named
entity is noted in its `source`. docs/record.md lists the rules.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventcoder.extract import arguments, punishment
from eventcoder.extract.actors import SUBJECT_PRONOUNS, ActorResolver, agent_sectors
from eventcoder.knowledge.words import word_set
from eventcoder.records import Entity, Location

if TYPE_CHECKING:
    from eventcoder.extract.candidates import EventCandidate

UNSEEN_DOER = frozenset({"ASSAULT", "COERCE"})
# "The minister came under fire for the deal": criticism, a charge or an investigation is
# often reported with only whom it is aimed at; PLOVER and the real-news annotation keep it
# without an actor (no unidentified attacker is put in the critic's place).
UNNAMED_CRITIC = frozenset({"ACCUSE"})
# Categories whose recipient is harmed: unnamed victims take the country of the place, never
# the attacker's.
HARM = frozenset({"ASSAULT"})
DOMESTIC = frozenset({"COERCE", "CONCEDE"})
# Verbal acts whose direct object is someone: one meets, backs, criticises or threatens a party.
PARTY_OBJECT = frozenset({"CONSULT", "SUPPORT", "ACCUSE", "THREATEN"})
# Categories whose unplaced actor is taken to be domestic to the party it acts on.
DOMESTIC_ACTOR = frozenset({"PROTEST", "REQUEST", "ACCUSE", "REJECT", "CONCEDE", "COERCE", "THREATEN", "RETREAT"})
DOMESTIC_SECTORS = frozenset({"CVL", "REB", "OPP", "REF", "LAB", "EDU", "REL", "CRM", "AGR", "JRN"})
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "ISM"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# "accused X of", "charged X with", "fined X for": the prepositions that name the charge
CHARGE_PREPS = frozenset({"of", "with", "for"})
CHARGE_VERBS = word_set("charge_verbs")
# "The attack killed twelve": an event named as a verb's subject is no one who acts
EVENT_NOUNS = word_set("event_nouns")
WEAPON_NOUNS = word_set("weapon_nouns")
# Entities that name one person or body: a place does not say whose they are.
NAMED_KINDS = frozenset({"person"})
BARE_PLACE_KINDS = frozenset({"country", "city", "capital"})
"""Entity kinds that are only a place when they follow an unplaced actor ("protesters ... in Nairobi")."""


# ---------------------------------------------------------------- 2. entities the sentence names


def named_parties(candidate: "EventCandidate", resolver: ActorResolver) -> tuple[list[Entity], list[Entity]]:
    """Actors and recipients as the sentence names them (before any inference)."""
    actors = resolve_groups(candidate.actor_heads, resolver.resolve_compound) or \
        _unresolved_subject(candidate.actor_heads, candidate.category)
    recipients = resolve_groups(candidate.recipient_heads, _not_own_state(_recipient_resolver(candidate, resolver), actors)) \
        or _unresolved_name(candidate.recipient_heads, candidate.category, bool(actors))
    recipients = [r for r in recipients if not any(_same_party(r, a) for a in actors)]
    if candidate.trigger.pattern.has("reciprocal"):
        return _unique(actors + recipients), []  # talks: every party is an actor
    return actors, recipients


def _recipient_resolver(candidate: "EventCandidate", resolver: ActorResolver):
    """How a recipient head becomes entities: the head's own actors, else those named inside
    its phrase; but the deed a punishment or accusation is for names only itself ("jailed
    two men for the murder of a Kenyan diplomat": the diplomat is not the one jailed;
    punishment.py)."""
    def resolve(head: Token) -> list[Entity]:
        if punishment.names_only_the_deed(head, candidate.category) and not _names_someone(head, resolver):
            return []
        return resolver.resolve_within(head)
    return resolve


def _names_someone(head: Token, resolver: ActorResolver) -> bool:
    """The head itself names an actor: a dictionary name or an agent word ("the leader")."""
    return head.i in resolver.mentions or bool(agent_sectors([head], resolver.dictionary)[0])


def _not_own_state(resolve, actors: list[Entity]):
    """A recipient resolver that passes over the acting state itself: "the president withdrew
    the US from a treaty with Iran" is aimed at Iran, the next party the clause names, not at
    the state the president acts for (the state a country, capital or state official
    stands for is never the recipient of its own act)."""
    states = {a.country for a in actors if a.country and (a.kind in ("country", "capital") or a.sector in STATE_SECTORS)}
    if not states:
        return resolve

    def resolve_others(head: Token) -> list[Entity]:
        return [e for e in resolve(head) if not (e.kind in ("country", "capital") and e.country in states
                                                  and e.sector in ("", "GOV"))]
    return resolve_others


def _same_party(recipient: Entity, actor: Entity) -> bool:
    """The recipient is the actor: the same words, or a pronoun that stands for the actor
    ("Trump denied that he made a deal": "he" is no one the denial is aimed at)."""
    if recipient.start < actor.end and actor.start < recipient.end:
        return True
    return recipient.text.lower() in SUBJECT_PRONOUNS and bool(recipient.name) \
        and (recipient.name, recipient.source) == (actor.name, actor.source)


def _unique(entities: list[Entity]) -> list[Entity]:
    seen, found = set(), []
    for entity in entities:
        key = (entity.start, entity.end)
        if key not in seen:
            seen.add(key)
            found.append(entity)
    return found


def resolve_all(heads: list[Token], resolve) -> list[Entity]:
    """`resolve` maps a head to its entities (ActorResolver.resolve_compound / resolve_within)."""
    return _unique([entity for head in heads for entity in resolve(head)])


def resolve_groups(groups: list[list[Token]], resolve) -> list[Entity]:
    """The first group of argument candidates that names a placed actor, else the first
    that names any actor. An unplaced actor followed by a bare place ("dozens of
    protesters" ... "in Nairobi") is that actor, placed there."""
    fallback: list[Entity] = []
    for group in groups:
        entities = resolve_all(group, resolve)
        placed = [e for e in entities if e.country or e.name]
        if any(e.country for e in entities):
            if fallback and all(e.kind in BARE_PLACE_KINDS for e in placed):
                return [replace(e, country=placed[0].country) for e in fallback]
            return placed
        fallback = fallback or entities
    return fallback


def _phrase_entity(head: Token, source: str, accused: bool = False) -> Entity:
    """An entity of the head's whole phrase, with its words and no codes; kind `name` when
    the head is a person's or organisation's name the dictionaries do not know."""
    first, last = head.left_edge, head.right_edge
    charge = next((p for p in head.rights if p.dep_ == "prep" and p.lower_ in CHARGE_PREPS), None)
    if charge is not None and accused:  # "the network of swindling": the accused, not the charge
        last = head.doc[charge.i - 1]
    if last.dep_ == "case" and last.i > head.i:  # "Okonkwo's": the name without the 's
        last = head.doc[last.i - 1]
    if any(_is_age(c) or _who_clause(c) for c in head.rights):  # "Okonkwo, 45,": the name without the age
        last = head
    start, end = first.idx, last.idx + len(last.text)
    kind = "name" if _is_name(head) else "unresolved"
    return Entity(text=head.doc[first.i:last.i + 1].text, start=start, end=end, kind=kind, source=source)


def _is_name(head: Token) -> bool:
    """A proper name ("Okonkwo", "Ferreira"): the dictionaries already placed every country
    and city, so an unknown one is a person or body. (The parser runs without NER.)"""
    return head.pos_ == "PROPN" and head.text[:1].isupper() and all(map(_part_of_name, head.children))


def _part_of_name(child: Token) -> bool:
    """"The Democratic National Committee": capitalised words, the article and punctuation;
    also the age news writes beside a name ("Okonkwo, 45,")."""
    if _is_age(child):
        return True
    return child.dep_ in ("det", "punct", "case") or (child.dep_ in ("compound", "amod") and child.text[:1].isupper())


def _described_person(head: Token) -> bool:
    """"arrested Okonkwo, who led the march": a proper name with a relative clause opened by
    "who", "whom" or "whose" names a person, wherever it stands."""
    rest = [c for c in head.children if not _who_clause(c)]
    return head.pos_ == "PROPN" and head.text[:1].isupper() and len(rest) < len(list(head.children)) \
        and all(map(_part_of_name, rest))


def _who_clause(child: Token) -> bool:
    """"Okonkwo, who was being treated in hospital": a relative clause opened by "who", "whom"
    or "whose" describes a person, so the name it follows names someone, not a place."""
    return child.dep_ == "relcl" and child.i > child.head.i and child.left_edge.lower_ in ("who", "whom", "whose")


def _is_age(child: Token) -> bool:
    return child.dep_ in ("appos", "npadvmod") and child.like_num


def _unresolved_name(groups: list[list[Token]], category: str, has_actor: bool) -> list[Entity]:
    """"Ferreira was convicted", "urged states to vote by mail", "praised Warren's
    endorsement": a party the dictionaries do not know is still the one the event falls
    on, when its place in the clause makes it a party (`_unknown_party`). It keeps its
    words and no codes; the story's country may place it later (extract/story.py). The
    first group whose head is such a party gives it ("ordered an inquiry against Okonkwo":
    the inquiry is no party, Okonkwo is)."""
    heads = (group[0] for group in groups if group)
    party = next((p for p in (_unknown_party(h, category, has_actor) for h in heads) if p is not None), None)
    if party is None:
        return []
    entity = _phrase_entity(party, "unresolved: not in the actor dictionaries", _charged(party))
    return [replace(entity, kind="name") if _described_person(party) else entity]


def _unknown_party(head: Token, category: str, has_actor: bool = False) -> Token | None:
    """The words that name the party an event falls on, where no dictionary knows them. An
    unknown name as a plain object is as often a place or a thing ("shut down Khatmandu",
    "banned Telegram"), so a name counts only where `_befallen` says, as the object of a
    verbal act aimed at someone (`_met_or_judged`) or when a "who" clause says it is a
    person ("arrested Okonkwo, who led the march"); any noun or pronoun
    counts where the clause addresses it as someone who acts or is accused (`_addressed`),
    and a thing acted on gives its named owner ("criticized the House's decision")."""
    if _is_name(head) and (_befallen(head) or _met_or_judged(head, category) or _inquired_into(head, category)) \
            or _described_person(head) \
            or _addressed(head) or _charged(head):
        return head
    if category in HARM and (_counted_victims(head) or has_actor and _struck_target(head)):
        return head
    if head.pos_ == "PRON" and SUBJECT_PRONOUNS.get(head.lower_) in ("person", "group", "any") \
            and head.dep_ in arguments.OBJECT_DEPS | {"nsubjpass"}:
        return head  # "released him on bail": someone the earlier text named, unplaced
    if head.dep_ not in arguments.OBJECT_DEPS | {"nsubjpass", "pobj"}:
        return None
    return next((o for o in arguments.thing_owners(head) if _is_name(o)), None)


def _met_or_judged(name: Token, category: str) -> bool:
    """"Ruto met Okonkwo", "praised Okonkwo", "threatened Okonkwo": what one meets, backs,
    criticises or threatens is someone, so a name as the object of such an act is a party
    (a place or a thing is what one shuts, bans or seizes: "shut down Khatmandu")."""
    return name.dep_ == "dobj" and category in PARTY_OBJECT


def _inquired_into(name: Token, category: str) -> bool:
    """"an investigation into Okonkwo Holdings", "a probe of Okonkwo": what an accusation
    noun looks into is the one accused."""
    prep = name.head
    return category == "ACCUSE" and name.dep_ == "pobj" and prep.lower_ in ("into", "of") and prep.head.pos_ == "NOUN"


def _counted_victims(head: Token) -> bool:
    """"killed twelve", "five were wounded": people named only by their number."""
    return head.pos_ == "NUM" and head.dep_ in arguments.OBJECT_DEPS | {"nsubjpass"} \
        and not any(c.dep_ == "prep" for c in head.children)


def _struck_target(head: Token) -> bool:
    """"Jets attacked a wedding party in Yemen", "the attack struck a power plant": whoever or
    whatever an attack by someone falls on is its target, named or not; it takes the country
    of the place where it was struck (`complete_parties`). Weapons are no target ("fired
    tear gas", `words/weapon_nouns.tsv`); with no attacker at all ("he struck a guard rail") it may be an accident."""
    if head.dep_ not in ("dobj", "nsubjpass") or head.pos_ not in ("NOUN", "PROPN"):
        return False
    return not arguments.is_force(head) and head.lemma_.lower() not in WEAPON_NOUNS


def _addressed(head: Token) -> bool:
    """"urged states not to reschedule", "called on residents to stay home": whoever is
    told to act is a party, named or not."""
    on = head.dep_ == "pobj" and head.head.lower_ == "on"
    if not (head.dep_ in arguments.OBJECT_DEPS or on) or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    verb = head.head.head if on else head.head
    if verb.lemma_.lower() not in arguments.OBJECT_CONTROL_VERBS:
        return False  # not "denounced the conclusions, calling them ..."
    if any(c.dep_ == "xcomp" and c.i > head.i for c in verb.children):
        return True
    return any(_misattached_infinitive(t, verb) for t in verb.subtree if t.i > head.i)


def _misattached_infinitive(token: Token, verb: Token) -> bool:
    """"urge anyone with information to contact police": the parser hangs the infinitive on
    the nearest noun ("information ... to contact" as a relative clause), though it is
    what the one addressed is told to do. Only an infinitive with no verb between it and
    the verb of telling counts."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in ("relcl", "acl"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" and c.i < token.i for c in token.children):
        return False
    above = token.head
    while above.pos_ not in ("VERB", "AUX") and above.head.i != above.i:
        above = above.head
    return above.i == verb.i


def _charged(head: Token) -> bool:
    """"accused the network of swindling", "charged three men with murder", "convicted the
    officer of assault": the object of an accusation that also names the charge is the one
    accused (the parser hangs the charge on the verb or on the object)."""
    verb = head.head
    if head.dep_ not in arguments.OBJECT_DEPS or verb.lemma_.lower() not in CHARGE_VERBS:
        return False
    preps = [p for p in list(verb.children) + list(head.children) if p.dep_ == "prep" and p.i > head.i]
    return head.pos_ in ("NOUN", "PROPN") and any(p.lower_ in CHARGE_PREPS for p in preps)


def _befallen(head: Token) -> bool:
    """A name the event falls on by its place in the clause, where it names a party, not a
    place or thing: a passive subject, an owner ("Ferreira's conviction"), an indirect
    object ("offered Okonkwo a tour"), the complement
    of "against" ("an investigation against Okonkwo"), the subject of a demanded act
    ("demanded that Okonkwo resign"), the one told to act ("ordered Okonkwo to appear") or
    the subject a passive clause with no subject of its own falls on ("wept when convicted")."""
    if head.dep_ in ("nsubjpass", "poss", "dative") or (head.dep_ == "pobj" and head.head.lower_ == "against"):
        return True  # "dative": the one given or offered something ("offered Okonkwo a tour")
    if head.dep_ == "nsubj" and head.head.dep_ == "ccomp":
        return True
    if head.dep_ == "nsubj" and head.head.lemma_.lower() in arguments.UNDERGO_VERBS:
        return True  # "Okonkwo is serving a life sentence"
    if head.dep_ == "nsubj" and any(arguments.understood_patient(c) for c in head.head.children):
        return True  # "Okonkwo wept when convicted"
    return head.dep_ == "dobj" and any(c.dep_ == "xcomp" for c in head.head.children)


def _unresolved_subject(groups: list[list[Token]], category: str) -> list[Entity]:
    """"Members of the Association of African Jurists investigated ...": a doer the
    dictionaries do not know is still the doer; it keeps its words and no codes."""
    if not groups or not groups[0]:
        return []
    head = groups[0][0]
    if head.i < arguments.dateline_end(head.sent):
        return []  # "MOSCOW (Sputnik) -": where the story was filed
    if head.dep_ == "poss" and _is_name(head):  # "Okonkwo's investigation of the deal"
        return [_phrase_entity(head, "unresolved: not in the actor dictionaries")]
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ not in ("nsubj", "nsubjpass", "pobj"):
        return []
    if head.lemma_.lower() in EVENT_NOUNS:
        return _unseen_doer(head, category)
    return [_phrase_entity(head, "unresolved: not in the actor dictionaries")]


def _unseen_doer(event_noun: Token, category: str) -> list[Entity]:
    """"The attack killed twelve", "the mine was hit by drone strikes": an event named as the
    doer says that someone struck, not who. An attack or a raid is PLOVER's unidentified
    armed force (placed later where it struck); any other event names no actor."""
    if category not in UNSEEN_DOER:
        return []
    return [Entity(text="", start=event_noun.idx, end=event_noun.idx, sector="UAF", kind="unidentified",
                   source="inferred:an attack named without its doer")]


def names_a_party(entities: list[Entity]) -> bool:
    """An event is coded only when one of its parties has a country or a sector, or is a
    proper name the dictionaries do not know (someone, though unplaced): "the military
    deployments" names no one. A pronoun nothing resolves does not count: kept, such
    events were right on real-news dev but lowered precision on the unseen parts
    (docs/patterns.md, "When an event is kept with no placed actor")."""
    return any(e.country or e.sector or e.kind == "name" for e in entities)


def needs_no_actor(candidate: "EventCandidate") -> bool:
    """Passives ("two soldiers were killed") and blasts ("a bombing killed two soldiers")
    name their victim but often not the doer."""
    if candidate.category in UNSEEN_DOER | UNNAMED_CRITIC or candidate.trigger.pattern.has("patient"):
        return True  # "Okafor's conviction" names its victim as "Okafor was convicted" does
    token = candidate.trigger.token
    if token.pos_ == "NOUN" and arguments.opposed_modifiers(arguments.frame(token)):
        return True  # "anti-government protests" name their target, not always who protests
    if token.pos_ == "NOUN" and arguments.undergone(arguments.frame(token)):
        return True  # "Russia faced new sanctions": who imposed them is often unsaid
    return token.pos_ == "VERB" and (any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
                                     or arguments.reduced_passive(token))


def agentless_passive(candidate: "EventCandidate") -> bool:
    """"Five civilians were injured", "the man was arrested": the text leaves the doer out."""
    return arguments.unaided_passive(candidate.trigger.token)


def speaker_entity(head: Token | None, resolver: ActorResolver) -> Entity | None:
    """Who the text says reported or claimed the event (`attributed_to`)."""
    if head is None:
        return None
    return resolver.resolve(head) or _phrase_entity(head, "")


# ---------------------------------------------------------------- 3. defaults where the text is silent


def complete_parties(category: str, actors: list[Entity], recipients: list[Entity],
                     location: Location | None, sentence_countries: frozenset[str] = frozenset(),
                     agentless: bool = False) -> tuple[list[Entity], list[Entity]]:
    """Fill the gaps PLOVER coders fill by convention, and mark each filled value.
    `sentence_countries` are the countries of every actor the sentence names."""
    place = location.country if location is not None and location.country else ""
    if not actors and place and category in UNSEEN_DOER and not agentless:
        actors = [unidentified_attacker(location)]
    if not recipients and category == "PROTEST":
        recipients = protested_government(actors, location)
    elif not recipients and category in DOMESTIC:
        recipients = domestic_population(actors, location)
    victims = category in HARM | DOMESTIC | {"SANCTION"}
    recipients = [_placed_where_it_happened(resident(r, place), place, victims) for r in recipients]
    actors = [_placed_where_it_happened(resident(a, place), place, False) for a in actors]
    if category in DOMESTIC_ACTOR:
        actors = [place_entity(a, _single_country(recipients), "the party it acts on") for a in actors]
    # before the recipients borrow the actors' country: "LIMA - Police arrested students"
    actors = [_sole_country_official(a, sentence_countries) for a in actors]
    recipients = [_domestic_recipient(r, actors, category) for r in recipients]
    return actors, [_sole_country_official(r, sentence_countries) for r in recipients]


def _placed_where_it_happened(entity: Entity, place: str, victim: bool) -> Entity:
    """"Dozens of protesters in Nairobi": a group of no known country is where it acts. A
    named person or body is not: people travel ("Okonkwo addressed reporters in New York"),
    and the place is often only the one the story last named; only the victims of an
    attack, an arrest or a ban are placed where it befell them."""
    if entity.kind in NAMED_KINDS and not victim:
        return entity
    return place_entity(entity, place, "event location")


def _sole_country_official(actor: Entity, sentence_countries: frozenset[str]) -> Entity:
    """"Vice-President Moody Awori declined to resign despite pressure by the Kenya
    Anti-Corruption Commission", "the Peruvian government asked the Supreme Court": an
    official or state body the dictionaries cannot place, actor or recipient, in a sentence
    that names one country only, is taken to be that country's."""
    states = sentence_countries - NON_STATE
    if actor.country or actor.sector not in STATE_SECTORS or len(states) != 1:
        return actor
    return place_entity(actor, next(iter(states)), "the only country the sentence names")


def place_entity(entity: Entity, country: str, why: str) -> Entity:
    """"Dozens of protesters in Nairobi": an entity of no known country takes `country`."""
    if entity.country or not country:
        return entity
    return replace(entity, country=country, source=f"{entity.source}; country inferred from {why}".lstrip("; "))


def resident(entity: Entity, country: str) -> Entity:
    """"Ethnic Albanians demonstrated in Serbia": an ethnic group acting where it lives is
    coded with that country, as event data codes domestic actors."""
    if not country or entity.kind != "demonym" or "ethnic" not in entity.text.lower().split():
        return entity
    if entity.country == country:
        return entity
    return replace(entity, country=country, source=f"{entity.source}; ethnic group placed where it acts")


def _single_country(entities: list[Entity]) -> str:
    countries = {e.country for e in entities if e.country and e.country not in NON_STATE}
    return countries.pop() if len(countries) == 1 else ""


def _domestic_recipient(recipient: Entity, actors: list[Entity], category: str) -> Entity:
    """"Police arrested protesters": civilians, rebels or opposition of no named country
    are the acting state's own. Not so for the victims of an attack: "jets attacked civilian
    areas" may be abroad, so unplaced victims keep no country unless police did it (police
    act at home). Victims of a placed attack already hold the place's country."""
    if recipient.country or recipient.sector not in DOMESTIC_SECTORS:
        return recipient
    if category in HARM and not all("COP" in a.sectors for a in actors):
        return recipient
    return place_entity(recipient, _single_country(actors), "the acting party")


def unidentified_attacker(location: Location) -> Entity:
    """"A roadside bomb near Samarra killed two soldiers": PLOVER's unidentified armed force
    (UAF), placed in the country where it struck."""
    start = location.start or 0
    return Entity(text="", start=start, end=start, country=location.country, sector="UAF",
                  kind="unidentified", source="inferred:event location")


def protested_government(actors: list[Entity], location: Location | None) -> list[Entity]:
    """PLOVER PROTEST requires a recipient; a protest that names none is taken to be aimed at
    the government where it happens."""
    country = (location.country if location is not None and location.country else "") or \
        next((a.country for a in actors if a.country and a.country not in NON_STATE), "")
    if not country:
        return []
    start = location.start if location is not None and location.start is not None else 0
    return [Entity(text="", start=start, end=start, country=country, sector="GOV", kind="inferred",
                   source="inferred:government where the protest happens")]


def domestic_population(actors: list[Entity], location: Location | None) -> list[Entity]:
    """A curfew, arrest or ban (COERCE), or its lifting (CONCEDE), that names no target falls
    on the people where it happens: the event's place, else the actor's own country."""
    return [replace(e, sector="", source="inferred:population where it happens")
            for e in protested_government(actors, location)]
