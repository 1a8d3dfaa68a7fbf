"""A corpus run: read every input record, code it, write events and one status row per record.

Durability: for each batch, events are written (and fsynced) before the batch's status rows,
so after a kill the status file never claims a document whose events are missing; on
--resume, events of documents without a status row are dropped before coding resumes
(docs/input-output.md).
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from eventcoder.coder import Coder, CoderOptions, DocumentResult
from eventcoder.errors import StrictModeError
from eventcoder.reading import Document, ReadOptions, Rejection, read_documents
from eventcoder.status import DocumentStatus, StatusLog, drop_events_without_status, status_path
from eventcoder.writing import open_writer

log = logging.getLogger(__name__)


@dataclass
class RunOptions:
    output: str
    format: str | None = None
    input_format: str | None = None
    resume: bool = False
    strict: bool = False
    workers: int = 1
    batch_size: int = 32
    read: ReadOptions = field(default_factory=ReadOptions)


@dataclass
class RunSummary:
    documents: int = 0
    sentences: int = 0
    events: int = 0
    skipped: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    def add(self, status: DocumentStatus) -> None:
        self.documents += 1
        self.statuses[status.status] = self.statuses.get(status.status, 0) + 1


def _status_for(result: DocumentResult) -> DocumentStatus:
    doc = result.document
    count = len(result.events)
    return DocumentStatus(id=doc.id, line=doc.line, status="coded" if count else "no_events",
                          events=count, flags=list(doc.flags))


def _rejected(item: Rejection) -> DocumentStatus:
    return DocumentStatus(id=item.id, line=item.line, status="rejected", reason=item.reason, code=item.code)


def batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER_CODER: Coder | None = None


def _init_worker(options: CoderOptions) -> None:
    global _WORKER_CODER  # one Coder per worker process, built once
    _WORKER_CODER = Coder(options)


def _code_in_worker(documents: list[Document]) -> list[DocumentResult]:
    return _WORKER_CODER.code_batch(documents)


def coded_batches(coder_options: CoderOptions, batches_in: Iterable[list], workers: int,
                  coder: Coder | None = None) -> Iterator[tuple[list, list[DocumentResult]]]:
    """(items, results for their documents) per batch, in input order, on 1 or N processes."""
    if workers <= 1:
        coder = coder or Coder(coder_options)
        for items in batches_in:
            documents = [i for i in items if isinstance(i, Document)]
            yield items, coder.code_batch(documents) if documents else []
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(coder_options,)) as pool:
        pending = []
        for items in batches_in:
            documents = [i for i in items if isinstance(i, Document)]
            pending.append((items, pool.submit(_code_in_worker, documents) if documents else None))
            if len(pending) > workers * 2:
                items, future = pending.pop(0)
                yield items, future.result() if future else []
        for items, future in pending:
            yield items, future.result() if future else []


def _pending(source: str, options: RunOptions, done: tuple[set[str], set[int]]) -> Iterator:
    done_ids, done_lines = done
    for item in read_documents(source, options.read, options.input_format):
        if (item.id is not None and item.id in done_ids) or (item.id is None and item.line in done_lines):
            continue
        yield item


def run(source: str, options: RunOptions, coder_options: CoderOptions,
        progress: Callable[[int], None] | None = None) -> RunSummary:
    """Codes `source` into `options.output`; returns counts per status."""
    log_path = status_path(options.output)
    done: tuple[set[str], set[int]] = (set(), set())
    if options.resume and Path(log_path).exists():
        done = StatusLog.completed(log_path)
        drop_events_without_status(options.output, done[0], options.format)
    summary = RunSummary(skipped=len(done[0]))
    writer = open_writer(options.output, options.format, append=options.resume)
    status_log = StatusLog(log_path, append=options.resume)
    try:
        work = batches(_pending(source, options, done), options.batch_size)
        for items, results in coded_batches(coder_options, work, options.workers):
            _write_batch(items, results, writer, status_log, summary, options.strict)
            if progress:
                progress(len(items))
    finally:
        writer.close()
        status_log.close()
    return summary


def _write_batch(items: list, results: list[DocumentResult], writer, status_log: StatusLog,
                 summary: RunSummary, strict: bool) -> None:
    by_id = iter(results)
    statuses, events = [], []
    for item in items:
        if isinstance(item, Rejection):
            statuses.append(_rejected(item))
            continue
        result = next(by_id)
        events.extend(result.events)
        summary.sentences += result.sentences
        statuses.append(_status_for(result))
    writer.write(events)
    status_log.record(statuses)
    summary.events += len(events)
    for status in statuses:
        summary.add(status)
    rejected = next((s for s in statuses if s.status == "rejected"), None)
    if strict and rejected is not None:
        raise StrictModeError(f"record rejected (--strict): {rejected.reason}")
