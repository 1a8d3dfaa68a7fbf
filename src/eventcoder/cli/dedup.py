"""`eventcoder dedup`: drop or merge duplicate event records, in any output format."""

from __future__ import annotations

import click

from eventcoder.analysis.dedup import METHODS, deduplicate_file
from eventcoder.cli.common import handle_errors

FORMATS = ("jsonl", "csv", "parquet", "duckdb")


@click.command(name="dedup")
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True))
@click.option("-o", "--output", metavar="OUTPUT", default="-", show_default=True,
              help="Where to write the kept records, in the format of its extension (- for JSONL on stdout).")
@click.option("--input-format", type=click.Choice(FORMATS), help="INPUT's format (default: from its extension).")
@click.option("--format", "output_format", type=click.Choice(FORMATS),
              help="OUTPUT's format (default: from its extension).")
@click.option("--method", type=click.Choice(list(METHODS)), default="one-a-day", show_default=True,
              help="one-a-day: first record per date and dyad and category; one-per-story: first per "
                   "story and dyad and category; cluster: merge near-dated reports of one event.")
@click.option("--window-days", type=click.IntRange(min=0), default=2, show_default=True,
              help="For --method cluster: how many days apart reports of one event may be dated.")
@handle_errors
def command(input_path: str, output: str, input_format: str | None, output_format: str | None, method: str,
            window_days: int) -> None:
    """Remove duplicate event records from INPUT, the output of `eventcoder code`: JSONL
    (- for stdin), CSV, Parquet (a file or a folder of parts) or DuckDB.

    \b
    Example:
      eventcoder dedup events.jsonl -o unique.jsonl --method cluster --window-days 2
      eventcoder dedup events.parquet -o unique.parquet
    """
    records_in, records_out = deduplicate_file(input_path, output, method, window_days, input_format, output_format)
    click.echo(f"dedup ({method}): {records_in} records in, {records_out} out", err=True)
