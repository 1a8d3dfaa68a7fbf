"""`eventcoder code`: code a text, JSONL, CSV, Parquet or HTML file, a URL or stdin."""

from __future__ import annotations

import os
import sys

import click

from eventcoder.cli.common import coder_options, handle_errors, pub_date_option

FORMATS = ("jsonl", "csv", "parquet", "duckdb")


def _progress(enabled: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from rich.console import Console

    return Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
                    TimeElapsedColumn(), console=Console(stderr=True), disable=not enabled, transient=False)


def _print_summary(summary, output: str) -> None:
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(summary.statuses.items())) or "none"
    click.echo(f"{summary.documents} documents ({statuses}), {summary.sentences} sentences, "
               f"{summary.events} events -> {output}", err=True)
    if summary.skipped:
        click.echo(f"{summary.skipped} documents already coded were skipped (--resume)", err=True)


@click.command("code")
@click.argument("source", metavar="INPUT")
@click.option("-o", "--output", metavar="OUTPUT", help="Where to write events (default: stdout as JSONL). "
              "A status file OUTPUT.docs.jsonl beside it gets one row per input record.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), help="Output format (default: from the extension).")
@click.option("--input-format", type=click.Choice(["text", "jsonl", "csv", "parquet", "html", "url"]),
              help="Input format (default: detected from the extension or URL scheme).")
@pub_date_option
@coder_options
@click.option("--resume", is_flag=True, help="Skip records already in the status file; append the rest.")
@click.option("--strict", is_flag=True, help="Stop with exit code 3 at the first rejected record.")
@click.option("--workers", type=int, default=None, help="Worker processes (default: all cores). Output is identical for any number.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's processes. dask: a Dask cluster; INPUT is a directory or glob of "
                   "Parquet/JSONL files and OUTPUT a directory of Parquet parts (docs/scaling.md).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler to use, e.g. tcp://10.0.0.5:8786 "
              "(default: start a LocalCluster with --workers processes). Only with --engine dask.")
@click.option("--max-chars", type=int, default=1_000_000, show_default=True, help="Reject documents longer than this.")
@click.option("--dedup", type=click.Choice(["one-a-day", "one-per-story", "cluster"]),
              help="After the run, also write OUTPUT's records without duplicates to OUTPUT.dedup.jsonl "
                   "(see `eventcoder dedup`; the full output is kept).")
@click.option("--no-language-check", is_flag=True,
              help="Code every document, even those the language identifier says are not English.")
@click.option("--allow-private-urls", is_flag=True,
              help="Also fetch URLs on this machine or its private network (refused by default).")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@handle_errors
def command(source, output, output_format, input_format, pub_date, actor_files, pattern_files, resume,
            strict, workers, engine, scheduler, max_chars, dedup, no_language_check, allow_private_urls, no_progress):
    """Code INPUT into PLOVER event records.

    INPUT is a text file (one document), `-` for stdin, a JSONL/CSV/Parquet file with
    columns id, text and optional pub_date, title, url, an HTML file or an http(s) URL.

    \b
    Examples:
      eventcoder code article.txt --pub-date 2025-09-20 -o events.jsonl
      eventcoder code corpus.jsonl -o events.parquet --workers 2
      eventcoder code 'corpus/*.parquet' --engine dask -o coded/
    """
    if engine == "dask" or scheduler:
        _code_on_dask(source, output, engine, scheduler, workers, pub_date, max_chars, actor_files, pattern_files,
                      resume, strict, output_format)
        return
    from eventcoder.coder import CoderOptions
    from eventcoder.io.reading import ReadOptions
    from eventcoder.engines.local import RunOptions, run

    to_stdout = output is None
    if to_stdout and resume:
        raise click.UsageError("--resume needs -o OUTPUT")
    run_options = RunOptions(
        output=output or _temporary_output(), format=output_format, resume=resume, strict=strict,
        workers=workers or os.cpu_count() or 1,
        read=ReadOptions(pub_date=pub_date, max_chars=max_chars, check_language=not no_language_check,
                         allow_private_urls=allow_private_urls),
    )
    coder = CoderOptions(actor_files=tuple(actor_files), pattern_files=tuple(pattern_files))
    run_options.input_format = input_format
    with _progress(not no_progress and sys.stderr.isatty()) as bar:
        task = bar.add_task("coding", total=None)
        summary = run(source, run_options, coder, progress=lambda n: bar.advance(task, n))
    if dedup and not to_stdout:
        _write_deduplicated(run_options.output, run_options.format, dedup)
    if to_stdout:
        _copy_to_stdout(run_options.output)  # and report what the discarded status file held
    _print_summary(summary, output or "stdout")


def _code_on_dask(source, output, engine, scheduler, workers, pub_date, max_chars, actor_files, pattern_files,
                  resume, strict, output_format) -> None:
    from eventcoder.coder import CoderOptions
    from eventcoder.engines.dask import run_dask
    from eventcoder.io.reading import ReadOptions

    if engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if output is None:
        raise click.UsageError("--engine dask needs -o OUTDIR (a directory for the Parquet parts)")
    if resume or strict or output_format not in (None, "parquet"):
        raise click.UsageError("--engine dask writes Parquet only and has no --resume or --strict")
    coder = CoderOptions(actor_files=tuple(actor_files), pattern_files=tuple(pattern_files))
    summary = run_dask(source, output, coder, ReadOptions(pub_date=pub_date, max_chars=max_chars),
                       scheduler=scheduler, workers=workers or os.cpu_count() or 1)
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(summary.statuses.items())) or "none"
    click.echo(f"{summary.files} files, {summary.documents} documents ({statuses}), {summary.sentences} sentences, "
               f"{summary.events} events -> {output}/events, status rows -> {output}/documents", err=True)


def _write_deduplicated(output: str, output_format: str | None, method: str) -> None:
    import json

    from eventcoder.analysis.dedup import deduplicate
    from eventcoder.io.writing import read_events

    events = read_events(output, output_format)
    kept = deduplicate(events, method)
    target = f"{output}.dedup.jsonl"
    with open(target, "w", encoding="utf-8") as handle:
        for event in kept:
            handle.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
    click.echo(f"dedup ({method}): {len(events)} records in, {len(kept)} out -> {target}", err=True)


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
                click.echo(f"rejected {row.get('id') or 'line ' + str(row.get('line'))}: {row.get('reason')}", err=True)
    shutil.rmtree(os.path.dirname(path), ignore_errors=True)
