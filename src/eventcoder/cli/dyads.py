"""`eventcoder dyads`: the tidy dyad table (one row per event x actor x recipient) as a file."""

from __future__ import annotations

import click

from eventcoder.analysis.dyads import export_dyads
from eventcoder.cli.common import handle_errors


@click.command(name="dyads")
@click.argument("events", metavar="EVENTS", type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the table: .csv, .parquet, .duckdb (table `dyads`), .json or .jsonl.")
@click.option("--format", "input_format", type=click.Choice(["jsonl", "csv", "parquet", "duckdb"]), default=None,
              help="The format of EVENTS when its extension does not say.")
@handle_errors
def command(events: str, output: str, input_format: str | None) -> None:
    """Write the dyad table of EVENTS written by `eventcoder code` (JSONL, CSV, Parquet
    file or folder of parts, or DuckDB): one row per event x actor x recipient.

    An event with no recipient (or no actor) keeps one row with empty party columns;
    the same party found twice in overlapping words counts once. Columns, types and
    their GDELT and POLECAT counterparts: docs/columns.md.

    \b
    Example:
      eventcoder dyads events.parquet -o dyads.csv
    """
    rows = export_dyads(events, output, input_format)
    click.echo(f"{rows} dyad rows -> {output}", err=True)
