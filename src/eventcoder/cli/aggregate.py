"""`eventcoder aggregate`: event counts per period and group, from any events output."""

from __future__ import annotations

import click

from eventcoder.analysis.aggregate import GROUP_FIELDS, PERIODS, Selection, write_aggregate
from eventcoder.analysis.dedup import METHODS
from eventcoder.cli.common import handle_errors
from eventcoder.errors import EventCoderError
from eventcoder.ontology import AUX_MODES


def _split_fields(ctx, param, value: tuple[str, ...]) -> tuple[str, ...]:
    fields = tuple(field.strip() for item in value for field in item.split(",") if field.strip())
    unknown = [field for field in fields if field not in GROUP_FIELDS]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}; choose from {', '.join(GROUP_FIELDS)}")
    return tuple(dict.fromkeys(fields))


def _aux_values(ctx, param, value: str) -> tuple[str, ...] | None:
    if value.strip() == "all":
        return None
    values = tuple(item.strip() for item in value.split(",") if item.strip())
    unknown = [item for item in values if item not in AUX_MODES]
    if unknown or not values:
        raise click.BadParameter(f"{value!r}; use all or a comma list of {', '.join(AUX_MODES)}")
    return values


@click.command(name="aggregate")
@click.argument("events", metavar="EVENTS", type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the table: .csv, .parquet or .json (an array of rows).")
@click.option("--by", "by", multiple=True, callback=_split_fields, metavar="FIELDS",
              help=f"Group by these fields, comma-separated or repeated: {', '.join(GROUP_FIELDS)}.")
@click.option("--period", type=click.Choice(PERIODS), default="month", show_default=True,
              help="Count per day, week (starting Monday), month or year; the period is written as its "
                   "first day, from the event's date, else its publication date.")
@click.option("--aux", "aux", default="asserted", show_default=True, callback=_aux_values, metavar="all|AUX,...",
              help=f"Which events count, by aux mode: all, or a comma list of {', '.join(AUX_MODES)}.")
@click.option("--dedup", type=click.Choice(list(METHODS)), default=None,
              help="De-duplicate the counted events first (see `eventcoder dedup --help`); default: none.")
@click.option("--window-days", type=click.IntRange(min=0), default=2, show_default=True,
              help="For --dedup cluster: how many days apart reports of one event may be dated.")
@click.option("--plot", "plot_file", type=click.Path(dir_okay=False), default=None,
              help="Also draw events per period to a .png or a self-contained .html file (needs matplotlib).")
@click.option("--format", "input_format", type=click.Choice(["jsonl", "csv", "parquet", "duckdb"]), default=None,
              help="The format of EVENTS when its extension does not say.")
@handle_errors
def command(events: str, output: str, by: tuple[str, ...], period: str, aux: tuple[str, ...] | None,
            dedup: str | None, window_days: int, plot_file: str | None, input_format: str | None) -> None:
    """Count events per period and group, from EVENTS written by `eventcoder code`
    (JSONL, CSV, Parquet file or folder of parts, or DuckDB).

    Writes one row per period and group with `events` (distinct events: an event is
    counted once per group, never once per actor-recipient pair), mean PLOVER score,
    mean Goldstein value and the four quad-class totals. By default only asserted
    events count and nothing is de-duplicated; stderr says what was counted.

    \b
    Examples:
      eventcoder aggregate events.parquet -o monthly.csv --by actor_country,category
      eventcoder aggregate events.jsonl -o weekly.json --period week --aux all --plot weekly.html
    """
    try:
        selection = Selection(aux=aux, dedup=dedup, window_days=window_days)
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    if plot_file:
        _check_plotting()
    click.echo(selection.describe(), err=True)
    table = write_aggregate(events, output, by, period, selection, input_format)
    click.echo(f"{len(table)} rows, {int(table['events'].sum()) if len(table) else 0} event counts -> {output}", err=True)
    if plot_file:
        from eventcoder.analysis.plot import plot_aggregate

        plot_aggregate(table, by, plot_file, period, title=f"Events per {period}")
        click.echo(f"plot -> {plot_file}", err=True)


def _check_plotting() -> None:
    """Fail before the work, not after it, when matplotlib is missing."""
    from eventcoder.analysis.plot import load_pyplot

    try:
        load_pyplot()
    except EventCoderError as error:
        raise click.ClickException(str(error)) from error
