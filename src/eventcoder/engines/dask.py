"""Coding on a Dask cluster: the same Coder, the same records as a local run.

Two entry points, both thin callers of Coder.code_batch:

- `code_dask_dataframe(ddf, options)`: a Dask DataFrame of documents (id, text, optional
  pub_date, title, url) in, a Dask DataFrame of events out (one row per Event, columns of
  writing.EVENT_SCHEMA, actor/recipient as lists of structs), via map_partitions.
- `run_dask(inputs, output_dir, ...)`: what `eventcoder code --engine dask` runs. One task
  per input file: the worker reads it with reading.read_documents (so rejections are kept),
  codes it and writes OUTDIR/events/part-NNNNN.parquet and OUTDIR/documents/part-NNNNN.parquet
  (one status row per input record: coded, no_events or rejected). OUTDIR must be on a file
  system every worker can write to.

Each worker process builds one Coder per CoderOptions (`coder_for`, cached); the Coder
pickles without its spaCy pipeline, which each worker loads once. docs/scaling.md.
"""

from __future__ import annotations

import glob
import logging
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.coder import Coder, CoderOptions
from eventcoder.errors import InputFormatError
from eventcoder.io.reading import Document, ReadOptions, Rejection, normalise_pub_date, normalise_text, read_documents
from eventcoder.engines.local import _rejected, _status_for, batches
from eventcoder.io.status import DocumentStatus
from eventcoder.io.writing import EVENT_SCHEMA, events_table

if TYPE_CHECKING:
    import dask.dataframe as dd

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

INPUT_SUFFIXES = (".parquet", ".pq", ".jsonl", ".ndjson")
PART = "part-{:05d}.parquet"
STATUS_SCHEMA = pa.schema([
    ("source", pa.string()), ("id", pa.string()), ("line", pa.int64()), ("status", pa.string()),
    ("events", pa.int64()), ("reason", pa.string()), ("code", pa.string()), ("flags", pa.list_(pa.string())),
])


@lru_cache(maxsize=4)
def coder_for(options: CoderOptions) -> Coder:
    """One Coder per options and worker process; built on first use, reused by every task."""
    return Coder(options)


def events_meta() -> pd.DataFrame:
    """The empty frame Dask needs to know the event columns without running the coder."""
    return events_table([]).to_pandas()


# ---------------------------------------------------------------- the DataFrame API


def code_dask_dataframe(ddf: "dd.DataFrame", options: CoderOptions | None = None) -> "dd.DataFrame":
    """Events of every document in `ddf` (columns id, text, optional pub_date, title, url)."""
    missing = {"id", "text"} - set(ddf.columns)
    if missing:
        raise InputFormatError(f"the documents DataFrame needs columns {sorted(missing)} (has {list(ddf.columns)})")
    return ddf.map_partitions(code_partition, options or CoderOptions(), meta=events_meta())


def code_partition(frame: pd.DataFrame, options: CoderOptions) -> pd.DataFrame:
    """Events of one partition of documents, as a pandas frame with EVENT_SCHEMA columns."""
    coder = coder_for(options)
    documents = [_document(row) for row in frame.to_dict("records")]
    events = []
    for batch in batches(documents, options.batch_size):
        events.extend(event for result in coder.code_batch(batch) for event in result.events)
    return events_table(events).to_pandas()


def _document(row: dict) -> Document:
    pub_date = row.get("pub_date")
    return Document(id=str(row["id"]), text=normalise_text(str(row["text"])),
                    pub_date=normalise_pub_date(pub_date) if _present(pub_date) else None,
                    title=str(row.get("title") or ""), url=str(row.get("url") or ""))


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NaT


# ---------------------------------------------------------------- the CLI's file runs


@dataclass
class DaskSummary:
    files: int = 0
    documents: int = 0
    sentences: int = 0
    events: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    def add(self, counts: dict) -> None:
        self.files += 1
        for key in ("documents", "sentences", "events"):
            setattr(self, key, getattr(self, key) + counts[key])
        for status, count in counts["statuses"].items():
            self.statuses[status] = self.statuses.get(status, 0) + count


def input_files(source: str) -> list[str]:
    """A directory (its Parquet/JSONL files), a glob, or one file; sorted for a stable part order."""
    path = Path(source)
    if path.is_dir():
        files = [str(p) for p in sorted(path.iterdir()) if p.suffix.lower() in INPUT_SUFFIXES]
    else:
        files = sorted(glob.glob(source))
    if not files:
        raise InputFormatError(f"{source}: no Parquet or JSONL files found (give a directory or a glob)")
    return files


def code_file(number: int, source: str, output_dir: str, options: CoderOptions, read: ReadOptions,
              batch_size: int = 32) -> dict:
    """Read, code and write one input file as part `number`; returns its counts."""
    coder = coder_for(options)
    events, statuses, sentences = [], [], 0
    for items in batches(read_documents(source, read), batch_size):
        results = iter(coder.code_batch([i for i in items if isinstance(i, Document)]))
        for item in items:
            if isinstance(item, Rejection):
                statuses.append(_rejected(item))
                continue
            result = next(results)
            events.extend(result.events)
            sentences += result.sentences
            statuses.append(_status_for(result))
    _write_part(events_table(events), Path(output_dir) / "events", number)
    _write_part(_status_table(source, statuses), Path(output_dir) / "documents", number)
    counts: dict[str, int] = {}
    for status in statuses:
        counts[status.status] = counts.get(status.status, 0) + 1
    return {"documents": len(statuses), "sentences": sentences, "events": len(events), "statuses": counts}


def _status_table(source: str, statuses: list[DocumentStatus]) -> pa.Table:
    rows = [{**asdict(s), "id": None if s.id is None else str(s.id), "source": source} for s in statuses]
    return pa.Table.from_pylist(rows, schema=STATUS_SCHEMA)


def _write_part(table: pa.Table, directory: Path, number: int) -> None:
    """Written under a temporary name and renamed, so a part is either whole or absent."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / PART.format(number)
    temporary = directory / f".{target.name}.tmp"
    pq.write_table(table, temporary)
    temporary.replace(target)


def _clear_parts(output_dir: Path) -> None:
    """Parts of an earlier run into the same OUTDIR would mix with this one's."""
    for directory in (output_dir / "events", output_dir / "documents"):
        for part in directory.glob("part-*.parquet"):
            part.unlink()


def run_dask(source: str, output_dir: str, options: CoderOptions, read: ReadOptions | None = None,
             scheduler: str | None = None, workers: int | None = None) -> DaskSummary:
    """Codes every input file on a Dask cluster (a LocalCluster when no scheduler is given)."""
    from distributed import Client, LocalCluster

    files = input_files(source)
    read = read or ReadOptions()
    _clear_parts(Path(output_dir))
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    summary = DaskSummary()
    with Client(scheduler or cluster) as client:
        futures = client.map(code_file, range(len(files)), files, output_dir=output_dir, options=options,
                             read=read, pure=False)
        for counts in client.gather(futures):
            summary.add(counts)
    if cluster is not None:
        cluster.close()
    return summary


__all__ = ["code_dask_dataframe", "code_partition", "coder_for", "events_meta", "input_files", "code_file",
           "run_dask", "DaskSummary", "STATUS_SCHEMA", "EVENT_SCHEMA"]
