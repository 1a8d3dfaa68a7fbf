"""The local engine: a corpus run on this process or a pool of worker processes.

Reading, status rows, counts and writers are the batch core's (engines/batch.py) and
io's; this module only decides where each batch is coded (`coded_batches`) and keeps the
output durable and resumable.

Durability: for each batch, events are written (and fsynced) before the batch's status rows,
so after a kill the status file never claims a document whose events are missing; on
--resume, events of documents without a status row are dropped before coding resumes
(docs/input-output.md).

Isolation: one run per output (io/locking.py's lock beside it); worker processes die with
this one, even when it is killed with SIGKILL (a parent-death signal where Linux has one,
and a thread watching the parent everywhere); a failing write ends the run with one line
(OutputError), what is durable stays, and --resume continues.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from threadpoolctl import threadpool_limits

from eventcoder.coder import Coder, CoderOptions, DocumentResult
from eventcoder.engines.batch import (
    CodedBatch, RunSummary, assemble, batches, documents_of, input_files, read_inputs,
)
from eventcoder.errors import InputFormatError, OutputError, StrictModeError, WorkerDiedError
from eventcoder.io.locking import OutputLock
from eventcoder.io.reading import Document, ReadOptions, check_source
from eventcoder.io.status import StatusLog, drop_events_without_status, status_path
from eventcoder.io.writing import open_writer, writer_format

log = logging.getLogger(__name__)

__all__ = ["RunOptions", "RunSummary", "run", "coded_batches", "batches", "blas_threads_per_worker"]


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


_WORKER_CODER: Coder | None = None
PARENT_POLL_SECONDS = 1.0
"""How often a worker checks that the run that started it is still alive."""
_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def _init_worker(options: CoderOptions, preloaded: Coder | None, blas_threads: int, parent: int) -> None:
    global _WORKER_CODER  # one Coder per worker process, built once
    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group; the parent alone decides how the run stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the CLI's SIGTERM handler, which only takes note: the parent's
    # terminate() must end a worker.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # numpy's BLAS starts a thread per core in every process; N workers each running
    # N threads oversubscribe the cores (2 workers on 2 cores: about 15% slower, docs/speed.md).
    threadpool_limits(limits=blas_threads, user_api="blas")
    _WORKER_CODER = preloaded if preloaded is not None else Coder(options)


def _die_with_parent(parent: int) -> None:
    """End this worker when the run's process ends, whatever ends it (SIGKILL included): Linux
    sends the worker SIGKILL (prctl PR_SET_PDEATHSIG); elsewhere, and as a fallback, a
    thread sees the parent's pid change (the worker is re-parented when its parent dies)."""
    _ask_kernel_for_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="eventcoder-parent-watch", daemon=True).start()


def _ask_kernel_for_death_signal() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the watching thread does the job
        log.debug("no parent-death signal on this system; a thread watches the parent")


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def blas_threads_per_worker(workers: int) -> int:
    return max(1, (os.cpu_count() or 1) // workers)


def _code_in_worker(documents: list[Document]) -> list[DocumentResult]:
    return _WORKER_CODER.code_batch(documents)


def _code_here(coder: Coder, batches_in: Iterable[list]) -> Iterator[tuple[list, list[DocumentResult]]]:
    for items in batches_in:
        documents = documents_of(items)
        yield items, coder.code_batch(documents) if documents else []


def coded_batches(coder_options: CoderOptions, batches_in: Iterable[list], workers: int,
                  coder: Coder | None = None) -> Iterator[tuple[list, list[DocumentResult]]]:
    """(items, results for their documents) per batch, in input order, on 1 or N processes.

    Input of a single batch is coded in this process whatever `workers` says: starting
    workers that each load the model would only delay the first event (cold start).
    """
    batches_in = iter(batches_in)
    head = list(itertools.islice(batches_in, 2))
    if workers <= 1 or len(head) < 2:
        yield from _code_here(coder or Coder(coder_options), itertools.chain(head, batches_in))
        return
    yield from _code_in_pool(coder_options, itertools.chain(head, batches_in), workers, coder)


def _code_in_pool(coder_options: CoderOptions, batches_in: Iterator[list], workers: int,
                  coder: Coder | None) -> Iterator[tuple[list, list[DocumentResult]]]:
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    preloaded = None
    if forking:  # load once here; forked workers share the loaded model copy-on-write
        preloaded = coder or Coder(coder_options)
        preloaded.nlp
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                               initargs=(coder_options, preloaded, blas_threads_per_worker(workers), os.getpid()))
    try:
        pending = []
        for items in batches_in:
            documents = documents_of(items)
            pending.append((items, _submitted(pool, documents, pending, items)))
            if len(pending) > workers * 2:
                items, future = pending.pop(0)
                yield items, _result(future, items)
        for items, future in pending:
            yield items, _result(future, items)
    except BaseException:  # interrupted, or the reader failed: stop now, not after the queued batches
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submitted(pool: ProcessPoolExecutor, documents: list[Document], pending: list, items: list):
    if not documents:
        return None
    try:
        return pool.submit(_code_in_worker, documents)
    except BrokenProcessPool as error:  # a worker died before this batch was handed out
        unfinished = [item for batch, _ in pending for item in batch] + list(items)
        raise _worker_died(unfinished) from error


def _result(future, items: list) -> list[DocumentResult]:
    if future is None:
        return []
    try:
        return future.result()
    except BrokenProcessPool as error:
        raise _worker_died(items) from error


def _worker_died(items: list) -> WorkerDiedError:
    lines = [item.line for item in items if item.line is not None]
    where = f" while coding lines {min(lines)}-{max(lines)}" if lines else ""
    return WorkerDiedError(f"a worker process died{where} (killed, or out of memory); every record with a "
                           "status row is finished: rerun with --resume to code the rest")


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor has no public way to stop busy workers before Python 3.14.
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()


def _pending(files: list[str], options: RunOptions, done: tuple[set[str], set], summary: RunSummary) -> Iterator:
    """The records without a status row. Records of a file are matched by line (and file,
    when INPUT names several), because ids can repeat (a duplicate id is rejected on a later
    line and needs its own row); single documents (a text file, a URL, stdin) have no line
    and are matched by id."""
    done_ids, done_lines = done
    several = len(files) > 1
    for item in read_inputs(files, options.read, options.input_format):
        if item.line is None:
            finished = item.id in done_ids
        else:
            finished = ((item.source, item.line) if several else item.line) in done_lines
        if finished:
            summary.skipped += 1
            continue
        yield item


def _completed(log_path: Path, several: bool) -> tuple[set[str], set]:
    ids, lines = StatusLog.completed(log_path)
    return ids, lines if several else {line for _, line in lines}


def _started(items: Iterator) -> Iterator:
    """items, with the first one already read: errors about the source as a whole (a CSV
    without a text column, an unreadable Parquet file) surface before any output exists."""
    first = next(items, None)
    return items if first is None else itertools.chain([first], items)


def run(source: str, options: RunOptions, coder_options: CoderOptions,
        progress: Callable[[int], None] | None = None, coder: Coder | None = None) -> RunSummary:
    """Codes `source` (a file, URL, -, or a folder or glob of files read as one stream) into
    `options.output`; returns the run's counts.

    `coder`, when given, is used on one process instead of building one from coder_options
    (for callers that run many corpora, such as a notebook)."""
    files = input_files(source)
    for name in files:
        check_source(name, options.input_format)  # before any output file is created
    writer_format(options.output, options.format)
    _check_not_an_input(options.output, files)
    with _writing(options.output), OutputLock(options.output):
        return _run_locked(files, options, coder_options, progress, coder)


def _run_locked(files: list[str], options: RunOptions, coder_options: CoderOptions,
                progress: Callable[[int], None] | None, coder: Coder | None) -> RunSummary:
    log_path = status_path(options.output)
    done: tuple[set[str], set] = (set(), set())
    if options.resume and Path(log_path).exists():
        done = _completed(log_path, several=len(files) > 1)
        drop_events_without_status(options.output, done[0], options.format)
    summary = RunSummary(files=len(files))
    pending = _started(_pending(files, options, done, summary))
    writer = open_writer(options.output, options.format, append=options.resume)
    status_log = StatusLog(log_path, append=options.resume)
    try:
        work = batches(pending, options.batch_size)
        # closing: on any exception (one raised by progress too) the workers stop here and now
        with contextlib.closing(coded_batches(coder_options, work, options.workers, coder=coder)) as coded:
            for items, results in coded:
                _write_batch(assemble(items, results), writer, status_log, summary, options.strict)
                if progress:
                    progress(len(items))
    finally:
        with contextlib.suppress(OSError):  # a full disk must not hide the first error
            writer.close()
        status_log.close()
    return summary


def _check_not_an_input(output: str, files: list[str]) -> None:
    """Writing over an input while reading it would lose the records not yet read."""
    target = Path(output).resolve()
    for name in files:
        if name != "-" and "://" not in name and Path(name).resolve() == target:
            raise InputFormatError(f"{output} is also the input; write the output to another file")


@contextlib.contextmanager
def _writing(output: str):
    """An OSError of the output (no such folder, permission denied, disk full) as one
    OutputError; whatever batches are durable stay, and --resume continues from them."""
    try:
        yield
    except OSError as error:
        where = error.filename or output
        raise OutputError(f"cannot write {where}: {error.strerror or error}") from error


def _write_batch(coded: CodedBatch, writer, status_log: StatusLog, summary: RunSummary, strict: bool) -> None:
    writer.write(coded.events)  # events first: a status row never claims events a crash could lose
    status_log.record(coded.statuses)
    summary.add(coded)
    rejected = coded.first_rejection()
    if strict and rejected is not None:
        raise StrictModeError(f"record rejected (--strict): {rejected.reason}")
