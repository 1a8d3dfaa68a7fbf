"""`eventcoder actor NAME`: show what the actor dictionaries make of a name."""

from __future__ import annotations

import datetime

import click

from eventcoder.cli.common import handle_errors, terminal_safe
from eventcoder.knowledge.dictionaries import ActorDictionary, ActorEntry


def describe(entry: ActorEntry) -> str:
    """One line per entry: resolved name, country, sectors, kind, dates and source."""
    sectors = ",".join(entry.sectors) or "-"
    organization = f", organization {entry.organization}" if entry.organization else ""
    if entry.dated:
        valid = f"{entry.valid_from or 'open'} to {entry.valid_to or 'open'}"
    else:
        valid = "any date"
    return (f"{entry.name}: country {entry.country or '-'}, sectors {sectors}, kind {entry.kind}"
            f"{organization}, valid {valid}, from {entry.source}")


@click.command(name="actor")
@click.argument("name")
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Resolve as of this date (YYYY-MM-DD): picks the role a person held then.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(dir_okay=False),
              help="A user dictionary (CSV, or YAML) merged over the shipped one; repeatable.")
@handle_errors
def command(name: str, date: datetime.datetime | None, actor_files: tuple[str, ...]) -> None:
    """Resolve NAME (a person, country, organisation, group or agent word) to actor entries.

    \b
    Example:
      eventcoder actor "Sergei Lavrov" --date 2020-01-01
    Exits with 1 when nothing in the dictionaries matches the whole name.
    """
    day = date.date().isoformat() if date else None
    dictionary = ActorDictionary.load(actor_files)
    entries = dictionary.resolve_name(name, day)
    if not entries:
        raise click.ClickException(f"No actor entry matches {name!r}" + (f" on {day}" if day else ""))
    click.echo(f"{name!r}" + (f" on {day}" if day else "") + f": {len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")
    for entry in entries:
        click.echo(terminal_safe(f"- {describe(entry)}"))
