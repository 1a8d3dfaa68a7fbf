"""Defaults where the text is silent: whom a protest targets, who an unseen attacker is,
where an unplaced group belongs.

Every value set here is marked: inferred entities have `kind` "inferred" or "unidentified"
and a `source` starting with "inferred:", and a country added to a named entity is noted
in its `source`. docs/record.md lists the rules.
"""

from __future__ import annotations

from dataclasses import replace

from eventcoder.records import Entity, Location

UNSEEN_DOER = frozenset({"ASSAULT", "COERCE"})
DOMESTIC = frozenset({"COERCE", "CONCEDE"})
# Categories whose unplaced actor is taken to be domestic to the party it acts on.
DOMESTIC_ACTOR = frozenset({"PROTEST", "REQUEST", "ACCUSE", "REJECT", "CONCEDE", "COERCE", "THREATEN", "RETREAT"})
DOMESTIC_SECTORS = frozenset({"CVL", "REB", "OPP", "REF", "LAB", "EDU", "REL", "CRM", "AGR", "JRN"})
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "ISM"})


def complete_parties(category: str, actors: list[Entity], recipients: list[Entity],
                     location: Location | None) -> tuple[list[Entity], list[Entity]]:
    """Fill the gaps PLOVER coders fill by convention, and mark each filled value."""
    place = location.country if location is not None and location.country else ""
    if not actors and place and category in UNSEEN_DOER:
        actors = [unidentified_attacker(location)]
    if not recipients and category == "PROTEST":
        recipients = protested_government(actors, location)
    elif not recipients and category in DOMESTIC:
        recipients = domestic_population(actors, location)
    recipients = [place_entity(resident(r, place), place, "event location") for r in recipients]
    actors = [place_entity(resident(a, place), place, "event location") for a in actors]
    if category in DOMESTIC_ACTOR:
        actors = [place_entity(a, _single_country(recipients), "the party it acts on") for a in actors]
    recipients = [_domestic_recipient(r, actors) for r in recipients]
    return actors, recipients


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


def _domestic_recipient(recipient: Entity, actors: list[Entity]) -> Entity:
    """"Police opened fire on protesters": civilians, rebels or opposition of no named
    country are the acting state's own."""
    if recipient.country or recipient.sector not in DOMESTIC_SECTORS:
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
