"""The coding pipeline: document text in, PLOVER event records out.

Stages, each in its own module (docs/architecture.md): nlp/sentences and nlp/prefilter
(split, and keep sentences worth parsing), nlp/parsing (spaCy), extract/actors (mentions),
extract/candidates (which words name events), then per candidate extract/category (what),
extract/aux (how certainly, according to whom), extract/parties (who to whom) and
extract/assembly (the record, with places, dates and quantities). A Coder holds the loaded
resources; it pickles without the spaCy pipeline, which each process loads once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from eventcoder.knowledge.cache import paused_gc

# Importing spaCy and the stages creates some 200,000 objects that live as long as the
# process; with the collector on, it runs about 250 times while they are made and frees
# nothing (0.15 s of a cold start, docs/speed.md).
with paused_gc():
    from spacy.tokens import Doc

    from eventcoder import __version__
    from eventcoder.errors import DocumentLimitError, DocumentRejectedError
    from eventcoder.extract.actors import DocumentMemory, find_mentions
    from eventcoder.extract.assembly import SentenceContext, assemble_events
    from eventcoder.extract.contexts import document_contexts
    from eventcoder.knowledge.dictionaries import ActorDictionary
    from eventcoder.extract.candidates import extract_candidates
    from eventcoder.extract.proposal import proposed_candidates
    from eventcoder.extract.story import StoryCountries, countries_in_sentence, countries_named, place_in_story
    from eventcoder.knowledge.lexicon import load_lexicon
    from eventcoder.nlp.parsing import load_model
    from eventcoder.extract.places import Gazetteer
    from eventcoder.io.reading import Document, ReadOptions, Rejection, check_records, failure_text
    from eventcoder.records import Event
    from eventcoder.nlp.prefilter import EventWords, event_words, may_hold_event
    from eventcoder.nlp.sentences import SentenceSpan, split_sentences

if TYPE_CHECKING:  # the classifier is loaded only when use_classifier is on
    from eventcoder.knowledge.classifier import EventClassifier

log = logging.getLogger(__name__)

PARSE_BATCH_SIZE = 1000
"""Sentences per nlp.pipe batch. The parser steps through a batch's sentences together, so a
batch of 1,000 short sentences parses about twice as fast as one of 64 (docs/speed.md)."""


@dataclass(frozen=True)
class CoderOptions:
    """Everything that changes the output; part of what makes a run reproducible."""

    actor_files: tuple[str, ...] = ()
    pattern_files: tuple[str, ...] = ()
    model: str | None = None
    batch_size: int = 64
    prefilter: bool = True
    use_classifier: bool = True


@dataclass
class DocumentResult:
    """What became of one input record: its events, or why it was rejected (then document is None)."""

    document: Document | None
    events: list[Event]
    sentences: int = 0
    parsed_sentences: int = 0
    rejection: Rejection | None = None

    @property
    def status(self) -> str:
        """"coded", "no_events" or "rejected", as in the CLI's status rows."""
        if self.rejection is not None:
            return "rejected"
        return "coded" if self.events else "no_events"

    @property
    def reason(self) -> str:
        """Why the record was rejected; empty otherwise."""
        return self.rejection.reason if self.rejection is not None else ""

    @property
    def id(self) -> str | None:
        return self.document.id if self.document is not None else self.rejection.id


@dataclass
class Resources:
    dictionary: ActorDictionary
    lexicon: object
    classifier: EventClassifier | None
    gazetteer: Gazetteer
    event_words: EventWords


def _rejected_on_error(step, document: Document, *args):
    """step(document, *args), or the document's rejection when it raises: a bound it would
    exceed (DocumentLimitError's code), or anything else (coding_failed)."""
    try:
        return step(document, *args)
    except DocumentLimitError as error:
        return _rejected(document, str(error), error.code)
    except Exception as error:  # one document's failure must not end the batch or the run
        log.debug("coding %s failed", document.id, exc_info=True)
        return _rejected(document, f"coding failed: {failure_text(error)}", "coding_failed")


def _rejected(document: Document, message: str, code: str) -> DocumentResult:
    where = f"line {document.line}" if document.line is not None else str(document.id)
    rejection = Rejection(document.id, document.line, f"{where}: {message}", code, source=document.source)
    return DocumentResult(None, [], rejection=rejection)


def _load_classifier() -> "EventClassifier":
    from eventcoder.knowledge.classifier import EventClassifier

    return EventClassifier.load()


class Coder:
    """Codes documents into events. Build once, reuse for many documents."""

    def __init__(self, options: CoderOptions | None = None, **overrides):
        self.options = options or CoderOptions(**overrides)
        lexicon = load_lexicon(self.options.pattern_files)
        self.resources = Resources(
            dictionary=ActorDictionary.load(self.options.actor_files),
            lexicon=lexicon,
            classifier=_load_classifier() if self.options.use_classifier else None,
            gazetteer=Gazetteer.load(),
            event_words=event_words(lexicon),
        )
        self._nlp = None

    def __getstate__(self):
        return {"options": self.options, "resources": self.resources, "_nlp": None}

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_model(self.options.model)
        return self._nlp

    def code_text(self, text: str, pub_date: Any = None, story_id: str = "text",
                  check_language: bool = True) -> list[Event]:
        """The events of one text; raises DocumentRejectedError when the text cannot be coded
        (pub_date unreadable, text empty or binary, not English unless check_language=False)."""
        result = self.code_document({"id": story_id, "text": text, "pub_date": pub_date},
                                    check_language=check_language)
        if result.rejection is not None:
            code = result.rejection.code
            hint = " (in Python: check_language=False)" if code == "not_english" else ""
            raise DocumentRejectedError(result.reason + hint, code)
        return result.events

    def code_document(self, document: Document | Mapping[str, Any],
                      check_language: bool = True) -> DocumentResult:
        """One record, checked as the file readers check it; see code_documents."""
        return next(self.code_documents([document], check_language=check_language))

    def code_documents(self, documents: Iterable[Document | Mapping[str, Any]],
                       check_language: bool = True) -> Iterator[DocumentResult]:
        """One DocumentResult per record, in order: coded, no_events, or rejected with a reason.

        Records are dicts with the fields of a JSONL line (id, text or url, pub_date, title) or
        Documents, and go through the checks of eventcoder.io.reading (docs/api.md)."""
        checked = check_records(documents, ReadOptions(check_language=check_language))
        while batch := list(islice(checked, self.options.batch_size)):
            yield from self._code_checked(batch)

    def _code_checked(self, items: list[Document | Rejection]) -> list[DocumentResult]:
        documents = [item for item in items if isinstance(item, Document)]
        coded = iter(self.code_batch(documents) if documents else [])  # rejections need no model
        return [next(coded) if isinstance(item, Document) else DocumentResult(None, [], rejection=item)
                for item in items]

    def code_batch(self, documents: list[Document]) -> list[DocumentResult]:
        """Parses the candidate sentences of all documents in one nlp.pipe call.

        One result per document, whatever happens: a document over a per-document bound is
        rejected (too_slow, DocumentLimitError), and when coding the batch raises, its
        documents are coded one by one so that only the culprit is rejected (coding_failed)."""
        plans = [_rejected_on_error(self._plan, document) for document in documents]
        coding = [(document, plan) for document, plan in zip(documents, plans) if not isinstance(plan, DocumentResult)]
        try:
            coded = iter(self._code_planned(coding))
        except Exception:
            log.debug("a batch of %d documents failed; coding them one by one", len(coding), exc_info=True)
            coded = iter([_rejected_on_error(self._code_alone, document, plan) for document, plan in coding])
        return [plan if isinstance(plan, DocumentResult) else next(coded) for plan in plans]

    def _code_alone(self, document: Document, plan: tuple[list[SentenceSpan], list[SentenceSpan]]) -> DocumentResult:
        return self._code_planned([(document, plan)])[0]

    def _code_planned(self, coding: list[tuple[Document, tuple[list[SentenceSpan], list[SentenceSpan]]]]) -> list[DocumentResult]:
        documents = [document for document, _ in coding]
        plans = [plan for _, plan in coding]
        texts = [doc.text[s.start:s.end] for doc, (_, spans) in zip(documents, plans) for s in spans]
        parsed = iter(self.nlp.pipe(texts, batch_size=PARSE_BATCH_SIZE))
        results = []
        for document, (every, spans) in zip(documents, plans):
            docs = [(span, next(parsed)) for span in spans]
            result = self._code_parsed(document, docs, self._unparsed_story(document, every, spans))
            result.sentences = len(every)
            contexts = document_contexts(document.text, len(every)) if result.events else []
            for event in result.events:
                event.context = list(contexts)
            results.append(result)
        return results

    def _plan(self, document: Document) -> tuple[list[SentenceSpan], list[SentenceSpan]]:
        """All sentences of a document, and those worth parsing."""
        spans = split_sentences(document.text, self.options.model)
        if not self.options.prefilter:
            return spans, spans
        words = self.resources.event_words
        return spans, [s for s in spans if may_hold_event(document.text[s.start:s.end], words)]

    def _unparsed_story(self, document: Document, every: list[SentenceSpan],
                        parsed: list[SentenceSpan]) -> StoryCountries:
        """The countries named by the title and by the sentences the pre-parse filter skipped
        (extract/story.py): a headline names what the story is about."""
        story = StoryCountries()
        if len(every) < 2:
            return story  # a one-sentence text has no story country, whatever its title
        parsed_spans = set(parsed)
        skipped = [document.text[s.start:s.end] for s in every if s not in parsed_spans]
        for text in filter(None, [document.title, *skipped]):
            story.add_sentence(countries_named(text, self.resources.dictionary, document.pub_date))
        return story

    def _code_parsed(self, document: Document, docs: list[tuple], story: StoryCountries) -> DocumentResult:
        memory = DocumentMemory()
        events: list[Event] = []
        for span, doc in docs:
            context = SentenceContext(document=document, span=span, doc=doc, memory=memory,
                                      version=__version__)
            events.extend(self._code_sentence(context, doc))
            story.add_sentence(countries_in_sentence(doc, context.mentions))
        return DocumentResult(document, place_in_story(events, story, self.resources.gazetteer), len(docs), len(docs))

    def _code_sentence(self, context: "SentenceContext", doc: Doc) -> list[Event]:
        sentence = doc[:]
        mentions = find_mentions(sentence, self.resources.dictionary, context.document.pub_date)
        context.mentions = mentions
        candidates = extract_candidates(sentence, self.resources.lexicon)
        events = assemble_events(candidates, context, self.resources)
        if self.resources.classifier is None:
            return events
        # The trained classifier may propose an event the lexicon missed (extract/proposal.py).
        proposals = proposed_candidates(sentence, self.resources.lexicon, self.resources.classifier,
                                        context.probabilities(self.resources.classifier),
                                        frozenset(e.event for e in events))
        return events + assemble_events(proposals, context, self.resources)
