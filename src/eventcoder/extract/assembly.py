"""Record assembly: event candidates plus context become finished PLOVER records.

`build_event` calls each decision in its home, in order: parties.named_parties (who),
category.rank_with_classifier (what), places (where), parties.complete_parties
(defaults where the text is silent), dates (when), aux.record_aux (how certainly); then
it fills casualties, quad class and score, attaches the evidence (sentence, offsets of
trigger, actor and recipient) and shifts every offset from the parsed sentence into the
document. It decides nothing itself.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from eventcoder.extract import dates, places, quantities
from eventcoder.extract.actors import ActorResolver, DocumentMemory, Mention
from eventcoder.extract.aux import record_aux
from eventcoder.extract.candidates import EventCandidate
from eventcoder.extract.category import rank_with_classifier
from eventcoder.extract.parties import (agentless_passive, complete_parties, named_parties, names_a_party,
                                         needs_no_actor, speaker_entity)
from eventcoder.ontology import conflict_score, quad_class
from eventcoder.io.reading import Document
from eventcoder.nlp.sentences import SentenceSpan
from eventcoder.records import Entity, Event, Evidence, TextSpan



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
    actors, recipients = named_parties(candidate, resolver)
    if not actors and not (recipients and needs_no_actor(candidate)):
        return None
    category, mode, confidence = rank_with_classifier(candidate, context, resources.classifier)
    location = _locate(candidate, context, resources, actors + recipients)
    actors, recipients = complete_parties(category, actors, recipients, location, _sentence_countries(context),
                                          agentless=agentless_passive(candidate))
    if not names_a_party(actors + recipients):
        return None  # "the military deployments": no one we can place, not even by sector
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
        aux=record_aux(candidate.modality, event_date, date_source, document.pub_date),
        attributed_to=shift(speaker, offset) if speaker else None,
        quad_code=quad_class(category), score=conflict_score(category, mode),
        location=location, event_text=evidence.trigger.text,
        confidence=confidence, coder_version=context.version, **context.quantities(),
        **_source_fields(document),
    )


def _source_fields(document: Document) -> dict[str, str | None]:
    """Where the story came from, passed through from the input (GDELT's SOURCEURL); the
    source name is the address's host ("en.wikinews.org") when the input gives a URL."""
    host = urllib.parse.urlsplit(document.url).hostname if document.url else None
    return {"url": document.url or None, "title": document.title or None, "source_name": host or None}


def _sentence_countries(context: SentenceContext) -> frozenset[str]:
    return frozenset(m.entry.country for m in context.mentions.values() if m.entry.country)


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
