"""The batch core every engine shares: which inputs, one stream of records, one status row
per record, one summary.

An engine (engines/local.py: this process or a worker pool; engines/dask.py: a Dask
cluster) only decides where `Coder.code_batch` runs. Everything else is here:

- `input_files`: a file, a folder or a glob, as a sorted list of inputs;
- `read_inputs`: the inputs read in order as one stream by io/reading.py, so a repeated id is
  rejected `duplicate_id` also across files; `earlier_claims` gives a task that reads one
  input alone the ids earlier inputs claimed, so it rejects exactly the same records;
- `assemble`: reader items (Document | Rejection) and the coder's results for the documents
  among them become events plus one DocumentStatus per item;
- `RunSummary`: the counts of a run, whichever engine ran it.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.coder import Coder, DocumentResult
from eventcoder.errors import InputFormatError
from eventcoder.io.reading import Document, ReadOptions, Rejection, claim_text, detect_format, read_documents
from eventcoder.io.status import DocumentStatus
from eventcoder.records import Event

INPUT_SUFFIXES = (".parquet", ".pq", ".jsonl", ".ndjson", ".csv")
"""What a folder given as INPUT contributes: files holding many records each."""
COUNT_LINES_UP_TO = 64_000_000
"""A JSONL input up to this many bytes is line-counted for the progress bar's total."""


@dataclass
class CodedBatch:
    events: list[Event]
    statuses: list[DocumentStatus]
    sentences: int = 0

    def first_rejection(self) -> DocumentStatus | None:
        return next((status for status in self.statuses if status.status == "rejected"), None)


@dataclass
class RunSummary:
    """Counts of one run: per status, per rejection code, and totals."""

    documents: int = 0
    sentences: int = 0
    events: int = 0
    skipped: int = 0
    files: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    rejections: dict[str, int] = field(default_factory=dict)

    def add(self, batch: CodedBatch) -> None:
        self.documents += len(batch.statuses)
        self.sentences += batch.sentences
        self.events += len(batch.events)
        for status in batch.statuses:
            _count(self.statuses, status.status)
            if status.status == "rejected":
                _count(self.rejections, status.code)

    def merge(self, other: "RunSummary") -> None:
        """Adds the counts of another part of the same run (a Dask task's file)."""
        for name in ("documents", "sentences", "events", "skipped", "files"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for mine, theirs in ((self.statuses, other.statuses), (self.rejections, other.rejections)):
            for key, count in theirs.items():
                _count(mine, key, count)


def _count(counts: dict[str, int], key: str, number: int = 1) -> None:
    counts[key] = counts.get(key, 0) + number


# ---------------------------------------------------------------- inputs


def input_files(source: str) -> list[str]:
    """The inputs INPUT names: a folder's record files, a glob's matches (both sorted, so a
    run's order and part numbers are stable), or INPUT itself (a file, URL or -)."""
    path = Path(source)
    if path.is_dir():
        files = [str(p) for p in sorted(path.iterdir()) if p.suffix.lower() in INPUT_SUFFIXES and p.is_file()]
        if not files:
            raise InputFormatError(f"{source} is a directory with no input files "
                                   f"({', '.join(INPUT_SUFFIXES)}); give a file, a folder of them or a glob")
        return files
    if any(character in source for character in "*?[") and not path.exists():
        files = sorted(name for name in glob.glob(source) if Path(name).is_file())
        if not files:
            raise InputFormatError(f"{source}: the pattern matches no files")
        return files
    return [source]


def read_inputs(files: Sequence[str], options: ReadOptions, format: str | None = None) -> Iterator[Document | Rejection]:
    """Every record of the inputs, in order, as one stream (ids unique across all of them)."""
    claimed: dict[str, str] = {}
    for source in files:
        yield from read_documents(source, options, format, claimed=claimed)


def earlier_claims(ids_per_input: Sequence[tuple[str | None, Iterable[tuple[int | None, str | None]]]]
                   ) -> list[dict[str, str]]:
    """For each input, its ids that an earlier input already claimed (id -> where), given the
    (line, id) pairs of every input (reading.record_ids). Passed as `claimed` to a reader of
    that input alone, they give the rejections, reasons included, of reading all inputs in
    order as one stream. A source of None numbers rows across inputs (one table's partitions)."""
    first: dict[str, str] = {}
    conflicts_per_input = []
    for source, ids in ids_per_input:
        own: dict[str, str] = {}
        conflicts: dict[str, str] = {}
        for line, record_id in ids:
            if record_id is None:
                continue
            if record_id in first:
                conflicts.setdefault(record_id, first[record_id])
            else:
                own.setdefault(record_id, claim_text(line, source))
        first.update(own)
        conflicts_per_input.append(conflicts)
    return conflicts_per_input


def expected_records(files: Sequence[str], format: str | None = None) -> int | None:
    """The number of records when it is cheap to know (Parquet metadata, a JSONL file's
    lines, one per text file or URL), else None."""
    total = 0
    for source in files:
        count = _expected_in(source, format or detect_format(source))
        if count is None:
            return None
        total += count
    return total


def _expected_in(source: str, format: str) -> int | None:
    if format in ("text", "html", "url", "stdin"):
        return 1
    if format == "parquet":
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(source).metadata.num_rows
        except Exception:  # unreadable: the reader will say so; the bar just has no total
            return None
    if format == "jsonl" and Path(source).stat().st_size <= COUNT_LINES_UP_TO:
        with open(source, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    return None


# ---------------------------------------------------------------- batches


def batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def documents_of(items: list) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def code_here(coder: Coder, items: list) -> CodedBatch:
    """Codes a batch of reader items in this process."""
    documents = documents_of(items)
    return assemble(items, coder.code_batch(documents) if documents else [])


def assemble(items: list, results: list[DocumentResult]) -> CodedBatch:
    """Events and one status row per item; `results` are those of the items' documents, in order."""
    coded = CodedBatch([], [])
    by_document = iter(results)
    for item in items:
        if isinstance(item, Rejection):
            coded.statuses.append(rejection_status(item))
            continue
        result = next(by_document)
        if result.rejection is not None:  # the coder rejected it (too_slow, coding_failed)
            coded.statuses.append(rejection_status(result.rejection))
            continue
        coded.events.extend(result.events)
        coded.sentences += result.sentences
        coded.statuses.append(document_status(result))
    return coded


def document_status(result: DocumentResult) -> DocumentStatus:
    document, count = result.document, len(result.events)
    return DocumentStatus(id=document.id, line=document.line, status="coded" if count else "no_events",
                          events=count, flags=list(document.flags), source=document.source)


def rejection_status(item: Rejection) -> DocumentStatus:
    return DocumentStatus(id=item.id, line=item.line, status="rejected", reason=item.reason, code=item.code,
                          source=item.source)
