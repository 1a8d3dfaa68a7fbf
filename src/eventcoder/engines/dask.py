"""Coding on a Dask cluster: the reader, batch core and writers of a local run, on workers.

Like the local engine, this module only decides where batches run; reading and checking
(io/reading.py), status rows and counts (engines/batch.py) and Parquet parts
(io/writing.write_part) are shared, so a Dask run gives the records and status rows of a
local run over the same inputs.

- `code_dask_documents(ddf, options, read)`: a Dask DataFrame of documents (id, text, optional
  pub_date, title, url) in; two lazy Dask DataFrames out, built from the same delayed
  partition results: events (columns of writing.EVENT_SCHEMA) and one status row per input
  row (status.STATUS_SCHEMA). `code_dask_dataframe` returns the events only.
- `run_dask(source, output_dir, ...)`: what `eventcoder code --engine dask` runs. One task per
  input file reads it with reading.read_documents, codes it and writes
  OUTDIR/events/part-NNNNNN.parquet and OUTDIR/documents/part-NNNNNN.parquet. OUTDIR must be
  on a file system every worker can write to.

Duplicate ids across files or partitions: a cheap first pass reads only the ids
(reading.record_ids, or the id column of a partition), and batch.earlier_claims gives each
task the ids earlier inputs claimed, so the task rejects exactly what a local run reading
the inputs in order rejects, with the same reason.

Each worker process builds one Coder per CoderOptions (`coder_for`, cached); the Coder
pickles without its spaCy pipeline, which each worker loads once. docs/scaling.md.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from eventcoder.coder import Coder, CoderOptions
from eventcoder.engines.batch import CodedBatch, RunSummary, batches, code_here, earlier_claims, input_files
from eventcoder.errors import InputFormatError
from eventcoder.io.locking import OutputLock
from eventcoder.io.reading import ReadOptions, check_source, read_documents, read_rows, record_ids, row_ids
from eventcoder.io.status import STATUS_SCHEMA, status_table
from eventcoder.io.writing import EVENT_SCHEMA, events_table, remove_parts, write_part

if TYPE_CHECKING:
    import dask.dataframe as dd
    from distributed import Client

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

BATCH_SIZE = 32
"""Documents per Coder.code_batch call, as in a local run (RunOptions.batch_size)."""


@lru_cache(maxsize=4)
def coder_for(options: CoderOptions) -> Coder:
    """One Coder per options and worker process; built on first use, reused by every task."""
    return Coder(options)


def events_meta() -> pd.DataFrame:
    """The empty frame Dask needs to know the event columns without running the coder."""
    return events_table([]).to_pandas()


def statuses_meta() -> pd.DataFrame:
    return status_table([]).to_pandas()


# ---------------------------------------------------------------- the DataFrame API


def code_dask_dataframe(ddf: "dd.DataFrame", options: CoderOptions | None = None,
                        read: ReadOptions | None = None) -> "dd.DataFrame":
    """Events of every document in `ddf` (columns id, text, optional pub_date, title, url)."""
    return code_dask_documents(ddf, options, read)[0]


def code_dask_documents(ddf: "dd.DataFrame", options: CoderOptions | None = None,
                        read: ReadOptions | None = None, source: str = "dataframe",
                        ) -> tuple["dd.DataFrame", "dd.DataFrame"]:
    """(events, status rows) of every row of `ddf`, both lazy and computed from the same
    tasks (compute them together, `dask.compute(events, statuses)`, to code once).

    Rows are checked as a local run checks the rows of one file: `line` is the row's number
    in the whole frame (1-based), a repeated id is rejected on its later rows, status rows
    name `source`."""
    import dask
    import dask.dataframe as dd

    missing = {"id", "text"} - set(ddf.columns)
    if missing:
        raise InputFormatError(f"the documents DataFrame needs columns {sorted(missing)} (has {list(ddf.columns)})")
    plan = dask.delayed(_partition_plan)(*ddf[["id"]].to_delayed())
    results = [dask.delayed(code_partition, nout=2)(part, number, plan, options or CoderOptions(),
                                                     read or ReadOptions(), source)
               for number, part in enumerate(ddf.to_delayed())]
    # actor, recipient, evidence, ... hold lists and dicts in object columns; Dask's string
    # conversion would turn them into their repr.
    with dask.config.set({"dataframe.convert-string": False}):
        events = dd.from_delayed([events for events, _ in results], meta=events_meta(), verify_meta=False)
        statuses = dd.from_delayed([statuses for _, statuses in results], meta=statuses_meta(), verify_meta=False)
    return events, statuses


def _partition_plan(*id_frames: pd.DataFrame) -> list[tuple[int, dict[str, str]]]:
    """(first line, ids claimed by earlier partitions) for every partition."""
    first_lines, ids = [], []
    line = 1
    for frame in id_frames:
        first_lines.append(line)
        ids.append((None, list(row_ids(_plain_rows(frame), line))))
        line += len(frame)
    return list(zip(first_lines, earlier_claims(ids)))


def code_partition(frame: pd.DataFrame, number: int, plan: list[tuple[int, dict[str, str]]],
                   options: CoderOptions, read: ReadOptions, source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events and status rows of partition `number`, as pandas frames."""
    first_line, claimed = plan[number]
    items = read_rows(_plain_rows(frame), read, source, first_line, claimed=dict(claimed))
    coded, _ = _code_items(items, options)
    return events_table(coded.events).to_pandas(), status_table(coded.statuses).to_pandas()


def _plain_rows(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Rows as plain dicts; a missing value (None, NaN, NaT, NA) is a missing field, as in JSONL."""
    for row in frame.to_dict("records"):
        yield {key: value for key, value in row.items() if not _missing(value)}


def _missing(value: Any) -> bool:
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def _code_items(items: Iterator, options: CoderOptions) -> tuple[CodedBatch, RunSummary]:
    """All of a task's items, coded batch by batch in this worker, and their counts."""
    coder = coder_for(options)
    whole, summary = CodedBatch([], []), RunSummary(files=1)
    for batch in batches(items, BATCH_SIZE):
        coded = code_here(coder, batch)
        whole.events.extend(coded.events)
        whole.statuses.extend(coded.statuses)
        summary.add(coded)
    return whole, summary


# ---------------------------------------------------------------- the CLI's file runs


def file_ids(source: str, read: ReadOptions, input_format: str | None = None) -> list[tuple[int | None, str | None]]:
    """The (line, id) pairs of one input file (the first pass; no text is checked)."""
    return list(record_ids(source, read, input_format))


def code_file(number: int, source: str, claimed: dict[str, str], output_dir: str, options: CoderOptions,
              read: ReadOptions, input_format: str | None = None) -> RunSummary:
    """Read, code and write one input file as part `number`; returns its counts."""
    items = read_documents(source, read, input_format, claimed=dict(claimed))  # a copy: a retried task starts clean
    coded, summary = _code_items(items, options)
    write_part(events_table(coded.events), Path(output_dir) / "events", number)
    write_part(status_table(coded.statuses), Path(output_dir) / "documents", number)
    return summary


def run_dask(source: str, output_dir: str, options: CoderOptions, read: ReadOptions | None = None,
             scheduler: str | None = None, workers: int | None = None, input_format: str | None = None,
             progress: Callable[[int], None] | None = None) -> RunSummary:
    """Codes every input file on a Dask cluster (a LocalCluster when no scheduler is given).

    `progress` is called with the number of records of each file as its task finishes."""
    files = input_files(source)
    for name in files:
        check_source(name, input_format)
    read = read or ReadOptions()
    Path(output_dir).parent.mkdir(parents=True, exist_ok=True)
    with OutputLock(output_dir), dask_client(scheduler, workers) as client:  # one run per OUTDIR
        ids = client.gather(client.map(file_ids, files, read=read, input_format=input_format, pure=False))
        claims = earlier_claims(list(zip(files, ids)))
        _remove_earlier_parts(Path(output_dir))  # only now: an unreadable input leaves the last run's parts
        futures = client.map(code_file, range(len(files)), files, claims, output_dir=output_dir, options=options,
                             read=read, input_format=input_format, pure=False)
        return _gathered(futures, progress)


def _remove_earlier_parts(output_dir: Path) -> None:
    """Parts of an earlier run into the same OUTDIR would mix with this one's."""
    for directory in (output_dir / "events", output_dir / "documents"):
        if directory.is_dir():
            remove_parts(directory)


def _gathered(futures: list, progress: Callable[[int], None] | None) -> RunSummary:
    from distributed import as_completed

    summary = RunSummary()
    for future in as_completed(futures):
        part = future.result()
        summary.merge(part)
        if progress:
            progress(part.documents)
    return summary


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator["Client"]:
    """A client of `scheduler`, or of a LocalCluster of `workers` one-thread processes that
    is closed afterwards (one spaCy pipeline per process; threads would only contend)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield client


__all__ = ["code_dask_dataframe", "code_dask_documents", "code_partition", "coder_for", "events_meta",
           "statuses_meta", "input_files", "code_file", "file_ids", "run_dask", "dask_client", "RunSummary",
           "STATUS_SCHEMA", "EVENT_SCHEMA"]
