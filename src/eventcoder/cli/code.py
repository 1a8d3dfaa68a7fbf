"""`eventcoder code`: code a text, JSONL, CSV, Parquet or HTML file (or a folder or glob of
them), a URL or stdin, on this machine or a Dask cluster."""

from __future__ import annotations

import contextlib
import logging
import os
import sys

import click

from eventcoder.cli.common import coder_options, handle_errors, pub_date_option, stop_on_signals, terminal_safe
from eventcoder.errors import RunInterrupted, StrictModeError

FORMATS = ("jsonl", "csv", "parquet", "duckdb")


def _progress(enabled: bool):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
                    TimeElapsedColumn(), console=Console(stderr=True), disable=not enabled, transient=False)


def _print_summary(summary, output: str) -> None:
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(summary.statuses.items())) or "none"
    files = f"{summary.files} files, " if summary.files > 1 else ""
    click.echo(f"{files}{summary.documents} documents ({statuses}), {summary.sentences} sentences, "
               f"{summary.events} events -> {terminal_safe(output)}", err=True)
    if summary.skipped:
        click.echo(f"{summary.skipped} documents already coded were skipped (--resume)", err=True)


@click.command("code")
@click.argument("source", metavar="INPUT")
@click.option("-o", "--output", metavar="OUTPUT", help="Where to write events (default: stdout as JSONL). "
              "A status file OUTPUT.docs.jsonl beside it gets one row per input record.")
@click.option("--format", "output_format", type=click.Choice(FORMATS),
              help="Output format (default: from the extension; .json is refused, use .jsonl). "
                   "--engine dask writes Parquet only.")
@click.option("--input-format", type=click.Choice(["text", "jsonl", "csv", "parquet", "html", "url"]),
              help="Input format (default: detected from each file's extension or the URL scheme).")
@pub_date_option
@coder_options
@click.option("--resume", is_flag=True, help="Skip records already in the status file; append the rest. "
              "Not with --engine dask.")
@click.option("--strict", is_flag=True, help="Exit with code 3 when a record is rejected: at the first one "
              "(after writing its batch), or with --engine dask after the whole run.")
@click.option("--workers", type=int, default=None, help="Worker processes (default: all cores). Output is identical for any number.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's processes. dask: a Dask cluster; OUTPUT is a directory of Parquet "
                   "parts (events/ and documents/, docs/scaling.md).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler to use, e.g. tcp://10.0.0.5:8786 "
              "(default: start a LocalCluster with --workers processes). Only with --engine dask.")
@click.option("--max-chars", type=int, default=1_000_000, show_default=True, help="Reject documents longer than this.")
@click.option("--max-fetch-bytes", type=int, default=5_000_000, show_default=True,
              help="Reject a fetched page, or an HTML file, larger than this many bytes.")
@click.option("--fetchers", type=click.IntRange(min=1), default=8, show_default=True,
              help="Pages fetched at once, ahead of the record being read (records keep their order).")
@click.option("--dedup", type=click.Choice(["one-a-day", "one-per-story", "cluster"]),
              help="After the run, also write OUTPUT's records without duplicates to OUTPUT.dedup.<ext>, in "
                   "OUTPUT's format (with --engine dask: OUTDIR/events.dedup.parquet); see `eventcoder dedup`. "
                   "The full output is kept.")
@click.option("--no-language-check", is_flag=True,
              help="Code every document, even those the language identifier says are not English.")
@click.option("--allow-private-urls", is_flag=True,
              help="Also fetch URLs on this machine or its private network (refused by default).")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@click.option("--verbose", is_flag=True, help="Show INFO logs (with --engine dask, the cluster's own logs too).")
@handle_errors
def command(source, output, output_format, input_format, pub_date, actor_files, pattern_files, resume,
            strict, workers, engine, scheduler, max_chars, max_fetch_bytes, fetchers, dedup, no_language_check,
            allow_private_urls, no_progress, verbose):
    """Code INPUT into PLOVER event records.

    INPUT is a text file (one document), `-` for stdin, a JSONL/CSV/Parquet file with
    columns id, text and optional pub_date, title, url, an HTML file, an http(s) URL, or a
    folder or quoted glob of JSONL/CSV/Parquet files, read in sorted order as one input
    (ids must be unique across them; status rows name each record's file).

    \b
    Examples:
      eventcoder code article.txt --pub-date 2025-09-20 -o events.jsonl
      eventcoder code corpus.jsonl -o events.parquet --workers 2
      eventcoder code 'corpus/*.parquet' --engine dask -o coded/

    Ctrl-C (SIGINT) or SIGTERM stops the run with exit code 130 or 143; every record with a
    status row is finished, and --resume codes the rest. Only one run at a time may write
    an output (a second one stops with exit code 1).
    """
    from eventcoder.coder import CoderOptions
    from eventcoder.io.reading import ReadOptions

    _set_log_levels(verbose, dask=engine == "dask" or scheduler is not None)
    read = ReadOptions(pub_date=pub_date, max_chars=max_chars, check_language=not no_language_check,
                       allow_private_urls=allow_private_urls, max_fetch_bytes=max_fetch_bytes, fetchers=fetchers)
    coder = CoderOptions(actor_files=tuple(actor_files), pattern_files=tuple(pattern_files))
    show_progress = not no_progress and sys.stderr.isatty()
    if engine == "dask" or scheduler:
        _check_dask_options(engine, output, resume, output_format)
        with _interruptible("rerun into the same OUTDIR to code it again") as checkpoint:
            _code_on_dask(source, output, coder, read, scheduler, workers, input_format, show_progress, dedup,
                          strict, checkpoint)
        return
    if output is None and (resume or dedup):
        raise click.UsageError(f"{'--resume' if resume else '--dedup'} needs -o OUTPUT")
    hint = f"rerun with --resume -o {output} to code the rest" if output else "nothing was kept (no -o)"
    with _interruptible(hint) as checkpoint:
        _code_locally(source, output, coder, read, output_format, input_format, resume, strict, workers,
                      show_progress, dedup, checkpoint)


@contextlib.contextmanager
def _interruptible(hint: str):
    """A SIGINT or SIGTERM ends the run with one line saying how to continue."""
    try:
        with stop_on_signals() as checkpoint:
            yield checkpoint
    except RunInterrupted as error:
        raise RunInterrupted(error.signal_number, hint) from None


def _set_log_levels(verbose: bool, dask: bool) -> None:
    if verbose:
        logging.getLogger().setLevel(logging.INFO)
    if dask:
        # Importing distributed sets its loggers to INFO (its own logging config), so their
        # level is set after the import; a run should print only its summary and warnings.
        import distributed  # noqa: F401

        logging.getLogger("distributed").setLevel(logging.INFO if verbose else logging.WARNING)


def _code_locally(source, output, coder, read, output_format, input_format, resume, strict, workers,
                  show_progress, dedup, checkpoint) -> None:
    from eventcoder.engines.local import RunOptions, run

    run_options = RunOptions(output=output or _temporary_output(), format=output_format, input_format=input_format,
                             resume=resume, strict=strict, workers=workers or os.cpu_count() or 1, read=read)
    with _progress(show_progress) as bar:
        task = bar.add_task("coding", total=_expected(source, input_format, show_progress))
        summary = run(source, run_options, coder, progress=lambda n: (bar.advance(task, n), checkpoint()))
    if dedup:
        from eventcoder.io.writing import output_format as format_of

        _write_deduplicated(run_options.output, format_of(run_options.output, output_format), dedup)
    if output is None:
        _copy_to_stdout(run_options.output)  # and report what the discarded status file held
    _print_summary(summary, output or "stdout")


def _expected(source: str, input_format: str | None, show_progress: bool) -> int | None:
    """The progress bar's total, when the inputs tell it cheaply (else the bar has none)."""
    from eventcoder.engines.batch import expected_records, input_files

    return expected_records(input_files(source), input_format) if show_progress else None


def _check_dask_options(engine, output, resume, output_format) -> None:
    if engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if output is None:
        raise click.UsageError("--engine dask needs -o OUTDIR (a directory for the Parquet parts)")
    if resume:
        raise click.UsageError("--engine dask has no --resume: rerun into OUTDIR (its parts are replaced)")
    if output_format not in (None, "parquet"):
        raise click.UsageError(f"--engine dask writes Parquet parts only, not --format {output_format}")


def _code_on_dask(source, output, coder, read, scheduler, workers, input_format, show_progress, dedup,
                  strict, checkpoint) -> None:
    from eventcoder.engines.dask import run_dask

    with _progress(show_progress) as bar:
        task = bar.add_task("coding", total=_expected(source, input_format, show_progress))
        summary = run_dask(source, output, coder, read, scheduler=scheduler, workers=workers or os.cpu_count() or 1,
                           input_format=input_format, progress=lambda n: (bar.advance(task, n), checkpoint()))
    _print_summary(summary, f"{output}/events, status rows -> {output}/documents")
    if dedup:
        _write_deduplicated(os.path.join(output, "events"), "parquet", dedup)
    if strict and summary.statuses.get("rejected"):
        rejected = summary.statuses["rejected"]
        raise StrictModeError(f"{rejected} records rejected (--strict); their reasons are in {output}/documents")


def _write_deduplicated(output: str, output_format: str, method: str) -> None:
    from eventcoder.analysis.dedup import deduplicate_file, deduplicated_path

    target = deduplicated_path(output, output_format)
    records_in, records_out = deduplicate_file(output, target, method, source_format=output_format,
                                               target_format=output_format)
    click.echo(f"dedup ({method}): {records_in} records in, {records_out} out -> {target}", err=True)


def _temporary_output() -> str:
    import tempfile

    directory = tempfile.mkdtemp(prefix="eventcoder-")
    return os.path.join(directory, "events.jsonl")


def _copy_to_stdout(path: str) -> None:
    """Events to stdout; rejections (from the status file) to stderr; then the temp files go."""
    import json
    import shutil

    from eventcoder.io.status import status_path

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            sys.stdout.write(line)
    with open(status_path(path), encoding="utf-8") as handle:
        for row in map(json.loads, filter(str.strip, handle)):
            if row.get("status") == "rejected":
                where = row.get('id') or 'line ' + str(row.get('line'))
                click.echo(terminal_safe(f"rejected {where}: {row.get('reason')}"), err=True)
    shutil.rmtree(os.path.dirname(path), ignore_errors=True)
