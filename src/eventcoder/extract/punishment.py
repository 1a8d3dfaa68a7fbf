"""The deed a punishment or accusation is for: one rule, read by candidates.py,
party_heads.py and parties.py.

"A court jailed two men for the murder of a Kenyan diplomat": what someone is punished
for is reported as having happened, so

1. the deed is an event of its own when it is violence, coercion, defiance, protest or
   criticism (`is_punished_deed`; candidates.py keeps it standing beside the punishment),
2. done by whoever is punished - the punishment's passive subject or object, a
   sentence's owner, or whoever serves it - and no one else (`punished_doer`), and
3. the deed, and whoever it was done to, are no party to the punishment, nor to a sanction
   or accusation "for" it (`within_deed`, `names_only_the_deed`): the diplomat is not the
   one jailed.

Points 1 and 2 read the deed after "for", "of", "over" or "due to" on a punishing word
(`PUNISHING`, `CRIME_PREPS`); point 3 reads only "for", on any event of a punishing or
accusing category (`PUNISHING_CATEGORIES`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventcoder.extract import arguments

if TYPE_CHECKING:
    from eventcoder.extract.candidates import EventCandidate

# Punishments whose for/of phrase names a crime that happened ("jailed for the murder of");
# arrests and charges are not among them: what they are for is only alleged
PUNISHING = frozenset({"sentence", "convict", "conviction", "jail", "imprison", "execute", "punish"})
CRIME_PREPS = frozenset({"for", "of", "over", "due"})  # "jailed due to the rape of", "over the killing of"
# What someone can be punished for: violence, and defiance, protest or criticism ("jailed
# for refusing to reveal his sources", "for criticizing the president")
PUNISHED_ACTS = frozenset({"ASSAULT", "COERCE", "REJECT", "PROTEST", "ACCUSE"})
# Categories of punishing or accusing someone: what they are punished "for" is their deed,
# not a party to the punishment.
PUNISHING_CATEGORIES = frozenset({"SANCTION", "COERCE", "ACCUSE"})
DEED_PREP = "for"


def is_punished_deed(punishment_lemma: str, deed_category: str) -> bool:
    """"Sentenced to life for the assassination of", "jailed for refusing to reveal his
    sources": the deed (of `deed_category`) a punishing word is for is an event of its own."""
    return punishment_lemma in PUNISHING and deed_category in PUNISHED_ACTS


def punished_doer(candidate: "EventCandidate") -> "EventCandidate":
    """"Nine men were jailed for the murder of", "Sirhan is serving a life sentence for the
    assassination of": the one punished did the crime, and no one else (never the court
    or the police that punish); nor is the one punished whom the crime was done to."""
    punishment = _punishment_of(candidate.trigger.token)
    punished = _the_punished(punishment) if punishment is not None else []
    if punished:
        ids = {t.i for t in punished}
        candidate.actor_heads = [punished]
        candidate.recipient_heads = [g for g in candidate.recipient_heads if not {t.i for t in g} & ids]
    return candidate


def _punishment_of(deed: Token) -> Token | None:
    """The punishing word whose for/of/over/due-to phrase the deed is, if any."""
    if deed.dep_ not in ("pobj", "pcomp") or deed.head.lower_ not in CRIME_PREPS:
        return None
    punishment = deed.head.head
    return punishment if punishment.lemma_.lower() in PUNISHING else None


def _the_punished(punishment: Token) -> list[Token]:
    if punishment.pos_ == "VERB":
        return arguments.children(punishment, arguments.PASSIVE_SUBJECT_DEPS | arguments.OBJECT_DEPS)
    owners = arguments.children(punishment, frozenset({"poss"}))
    if owners or punishment.dep_ not in arguments.OBJECT_DEPS:
        return owners
    return arguments.children(punishment.head, arguments.SUBJECT_DEPS)  # "is serving a life sentence for"


def within_deed(head: Token, trigger: Token, category: str) -> bool:
    """"Jailed two men for the murder of a Kenyan diplomat": a head inside the "for" phrase
    of a punishment or accusation (below it, up to the trigger) is whom the deed was done
    to, no party to the punishment."""
    if category not in PUNISHING_CATEGORIES:
        return False
    above = head.head
    while above.i != above.head.i and above.i != trigger.i:
        if _deed_phrase(above):
            return True
        above = above.head
    return False


def names_only_the_deed(head: Token, category: str) -> bool:
    """The head is the "for" phrase of a punishment or accusation: it names the deed, so
    it is a party only when it names someone itself ("arrested the leader of the
    opposition for fraud" - parties.py asks the dictionaries)."""
    return category in PUNISHING_CATEGORIES and _deed_phrase(head)


def _deed_phrase(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ == DEED_PREP
