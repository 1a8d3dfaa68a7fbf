"""`eventcoder dedup`: drop or merge duplicate event records in a JSONL file."""

from __future__ import annotations

import json
from typing import IO

import click

from eventcoder.analysis.dedup import METHODS, deduplicate


def _read_events(stream: IO[str]) -> list[dict]:
    events = []
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise click.ClickException(f"{stream.name}, line {number}: not JSON ({error.msg})") from error
        if not isinstance(record, dict):
            raise click.ClickException(f"{stream.name}, line {number}: not an event record (a JSON object)")
        events.append(record)
    return events


@click.command(name="dedup")
@click.argument("input_file", metavar="INPUT.jsonl", type=click.File("r", encoding="utf-8"))
@click.option("-o", "--output", "output_file", metavar="OUTPUT.jsonl", type=click.File("w", encoding="utf-8"),
              default="-", show_default=True, help="Where to write the kept records (- for stdout).")
@click.option("--method", type=click.Choice(list(METHODS)), default="one-a-day", show_default=True,
              help="one-a-day: first record per date and dyad and category; one-per-story: first per "
                   "story and dyad and category; cluster: merge near-dated reports of one event.")
@click.option("--window-days", type=click.IntRange(min=0), default=2, show_default=True,
              help="For --method cluster: how many days apart reports of one event may be dated.")
def command(input_file: IO[str], output_file: IO[str], method: str, window_days: int) -> None:
    """Remove duplicate event records from INPUT.jsonl (coded events, one JSON object a line).

    \b
    Example:
      eventcoder dedup events.jsonl -o unique.jsonl --method cluster --window-days 2
    """
    events = _read_events(input_file)
    kept = deduplicate(events, method, window_days)
    for event in kept:
        output_file.write(json.dumps(event, ensure_ascii=False) + "\n")
    click.echo(f"dedup ({method}): {len(events)} records in, {len(kept)} out", err=True)
