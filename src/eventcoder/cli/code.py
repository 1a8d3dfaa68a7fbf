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
@click.option("--max-chars", type=int, default=1_000_000, show_default=True, help="Reject documents longer than this.")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@handle_errors
def command(source, output, output_format, input_format, pub_date, actor_files, pattern_files, resume,
            strict, workers, max_chars, no_progress):
    """Code INPUT into PLOVER event records.

    INPUT is a text file (one document), `-` for stdin, a JSONL/CSV/Parquet file with
    columns id, text and optional pub_date, title, url, an HTML file or an http(s) URL.

    \b
    Examples:
      eventcoder code article.txt --pub-date 2025-09-20 -o events.jsonl
      eventcoder code corpus.jsonl -o events.parquet --workers 2
    """
    from eventcoder.coder import CoderOptions
    from eventcoder.reading import ReadOptions
    from eventcoder.runner import RunOptions, run

    to_stdout = output is None
    if to_stdout and resume:
        raise click.UsageError("--resume needs -o OUTPUT")
    run_options = RunOptions(
        output=output or _temporary_output(), format=output_format, resume=resume, strict=strict,
        workers=workers or os.cpu_count() or 1,
        read=ReadOptions(pub_date=pub_date, max_chars=max_chars),
    )
    coder = CoderOptions(actor_files=tuple(actor_files), pattern_files=tuple(pattern_files))
    run_options.input_format = input_format
    with _progress(not no_progress and sys.stderr.isatty()) as bar:
        task = bar.add_task("coding", total=None)
        summary = run(source, run_options, coder, progress=lambda n: bar.advance(task, n))
    if to_stdout:
        _copy_to_stdout(run_options.output)
    _print_summary(summary, output or "stdout")


def _temporary_output() -> str:
    import tempfile

    directory = tempfile.mkdtemp(prefix="eventcoder-")
    return os.path.join(directory, "events.jsonl")


def _copy_to_stdout(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            sys.stdout.write(line)
