"""Record assembly: event candidates plus context become finished PLOVER records.

Resolves argument heads to entities, fills date, place, casualties, quad class and
score, attaches the evidence (sentence, offsets of trigger, actor and recipient), and
shifts every offset from the parsed sentence into the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date as Date

from spacy.tokens import Doc, Token

from eventcoder.extract import dates
from eventcoder.extract import places
from eventcoder.extract import quantities
from eventcoder.extract.actors import ActorResolver, DocumentMemory, Mention
from eventcoder.extract.candidates import EventCandidate
from eventcoder.extract.parties import UNSEEN_DOER, complete_parties
from eventcoder.ontology import conflict_score, quad_class
from eventcoder.io.reading import Document
from eventcoder.records import Entity, Event, Evidence, TextSpan
from eventcoder.nlp.sentences import SentenceSpan

HISTORICAL_DAYS = 365
CLASSIFIER_MARGIN = 0.15
PLACE_KINDS = frozenset({"country", "city", "capital"})


@dataclass
class SentenceContext:
    document: Document
    span: SentenceSpan
    doc: Doc
    memory: DocumentMemory
    version: str
    mentions: dict[int, Mention] = field(default_factory=dict)
    _date: tuple | None = None
    _quantities: dict | None = None
    _probabilities: dict | None = None
    _modes: dict = field(default_factory=dict)

    @property
    def offset(self) -> int:
        return self.span.start

    @property
    def text(self) -> str:
        """The sentence: the slice of the document that `doc` was parsed from (Doc.text
        would join every token anew on each call)."""
        return self.document.text[self.span.start:self.span.end]

    def event_date(self) -> tuple[str | None, str, str]:
        """Date and quantities are read once per sentence, however many events it holds."""
        if self._date is None:
            self._date = dates.resolve_event_date(self.text, self.document.pub_date)
        return self._date

    def probabilities(self, classifier) -> dict[str, float]:
        if self._probabilities is None:
            self._probabilities = classifier.predict_proba([self.text])[0]
        return self._probabilities

    def mode(self, classifier, category: str) -> str:
        if category not in self._modes:
            self._modes[category] = classifier.predict_mode([self.text], [category])[0]
        return self._modes[category]

    def quantities(self) -> dict:
        if self._quantities is None:
            self._quantities = quantities.extract_quantities(self.text)
        return self._quantities


def shift(entity: Entity, offset: int) -> Entity:
    return replace(entity, start=entity.start + offset, end=entity.end + offset)


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
            if fallback and all(e.kind in PLACE_KINDS for e in placed):
                return [replace(e, country=placed[0].country) for e in fallback]
            return placed
        fallback = fallback or entities
    return fallback


def _phrase_entity(head: Token, source: str) -> Entity:
    """An entity of the head's whole phrase, with its words and no codes."""
    first, last = head.left_edge, head.right_edge
    start, end = first.idx, last.idx + len(last.text)
    return Entity(text=head.doc[first.i:last.i + 1].text, start=start, end=end, kind="unresolved", source=source)


def _unresolved_subject(groups: list[list[Token]]) -> list[Entity]:
    """"Members of the Association of African Jurists investigated ...": a doer the
    dictionaries do not know is still the doer; it keeps its words and no codes."""
    if not groups or not groups[0]:
        return []
    head = groups[0][0]
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ not in ("nsubj", "nsubjpass", "pobj"):
        return []
    return [_phrase_entity(head, "unresolved: not in the actor dictionaries")]


def _needs_no_actor(candidate: EventCandidate) -> bool:
    """Passives ("two soldiers were killed") and blasts ("a bombing killed two soldiers")
    name their victim but often not the doer."""
    if candidate.category in UNSEEN_DOER:
        return True
    token = candidate.trigger.token
    return token.pos_ == "VERB" and any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def speaker_entity(head: Token | None, resolver: ActorResolver) -> Entity | None:
    if head is None:
        return None
    return resolver.resolve(head) or _phrase_entity(head, "")


def _choose_category(candidate: EventCandidate, context: SentenceContext, resources) -> tuple[str, str, float]:
    """Ranks the lexicon's competing categories for the trigger with the classifier."""
    category, mode = candidate.category, candidate.mode
    if resources.classifier is None:
        return category, mode, 0.0
    probabilities = context.probabilities(resources.classifier)
    if candidate.alternatives and category == candidate.trigger.pattern.category:
        options = [candidate.trigger.pattern, *candidate.alternatives]
        best = max(options, key=lambda p: probabilities.get(p.category, 0.0))
        # The lexicon's first reading stands unless the classifier clearly prefers another.
        if probabilities.get(best.category, 0.0) - probabilities.get(category, 0.0) >= CLASSIFIER_MARGIN:
            category, mode = best.category, best.mode
    if not mode:
        mode = context.mode(resources.classifier, category)
    return category, mode, round(probabilities.get(category, 0.0), 4)


def _aux(candidate: EventCandidate, event_date: str | None, source: str, pub_date: str | None) -> str:
    aux = candidate.modality.aux
    if aux == "asserted" and source == "text" and event_date and pub_date:
        age = Date.fromisoformat(pub_date) - Date.fromisoformat(event_date)
        if age.days > HISTORICAL_DAYS:
            return "historical"
    return aux


def _parties(candidate: EventCandidate, resolver: ActorResolver) -> tuple[list[Entity], list[Entity]]:
    """Actors and recipients as the sentence names them (before any inference)."""
    actors = resolve_groups(candidate.actor_heads, resolver.resolve_compound) or \
        _unresolved_subject(candidate.actor_heads)
    recipients = [r for r in resolve_groups(candidate.recipient_heads, resolver.resolve_within)
                  if not any(r.start < a.end and a.start < r.end for a in actors)]
    if candidate.trigger.pattern.has("reciprocal"):
        return _unique(actors + recipients), []  # talks: every party is an actor
    return actors, recipients


def _evidence(context: SentenceContext, candidate: EventCandidate, actors: list[Entity],
              recipients: list[Entity]) -> Evidence:
    sentence, offset, trigger = context.text, context.offset, candidate.trigger
    return Evidence(
        sentence=sentence,
        sentence_index=context.span.index,
        sentence_start=offset,
        trigger=TextSpan(sentence[trigger.start_char:trigger.end_char],
                         trigger.start_char + offset, trigger.end_char + offset),
        actor_spans=[TextSpan(a.text, a.start, a.end) for a in actors],
        recipient_spans=[TextSpan(r.text, r.start, r.end) for r in recipients],
    )


def build_event(candidate: EventCandidate, context: SentenceContext, resources, number: int) -> Event | None:
    """The finished record for one candidate, or None when it names no one we can place."""
    resolver = ActorResolver(resources.dictionary, context.memory, context.mentions)
    actors, recipients = _parties(candidate, resolver)
    if not actors and not (recipients and _needs_no_actor(candidate)):
        return None
    category, mode, confidence = _choose_category(candidate, context, resources)
    location = _locate(candidate, context, resources, actors + recipients)
    actors, recipients = complete_parties(category, actors, recipients, location)
    if not any(e.country for e in actors + recipients):
        return None  # "the military deployments": no one we can place
    offset, document = context.offset, context.document
    actors = [shift(a, offset) for a in actors]
    recipients = [shift(r, offset) for r in recipients]
    speaker = speaker_entity(candidate.modality.speaker, resolver)
    event_date, date_source, _ = context.event_date()
    evidence = _evidence(context, candidate, actors, recipients)
    return Event(
        id=f"{document.id}-{context.span.index}-{number}", story_id=document.id,
        event=category, mode=mode, actor=actors, recipient=recipients, evidence=evidence,
        pub_date=document.pub_date, date=event_date, date_source=date_source,
        aux=_aux(candidate, event_date, date_source, document.pub_date),
        attributed_to=shift(speaker, offset) if speaker else None,
        quad_code=quad_class(category), score=conflict_score(category, mode),
        location=location, event_text=evidence.trigger.text,
        confidence=confidence, coder_version=context.version, **context.quantities(),
    )


def _locate(candidate: EventCandidate, context: SentenceContext, resources, parties: list[Entity]):
    """The event's place: named in its sentence, else the place the story last named
    ("Thousands marched in Brussels. ... Police arrested 16 people.")."""
    countries = [e.country for e in parties if e.country]
    found = places.locate_event(context.doc[:], candidate.trigger.token, resources.gazetteer, countries)
    found = _shift_location(found, context.offset)
    if found is not None and found.country:
        context.memory.last_place = found
        return found
    return found if found is not None and found.text else context.memory.last_place


def _shift_location(location, offset: int):
    if location is None or location.start is None:
        return location
    return replace(location, start=location.start + offset, end=location.end + offset)


def assemble_events(candidates: list[EventCandidate], context: SentenceContext, resources) -> list[Event]:
    events = []
    for candidate in candidates:
        event = build_event(candidate, context, resources, len(events))
        if event is not None:
            events.append(event)
    return events
