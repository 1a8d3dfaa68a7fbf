"""`eventcoder show`: a readable table of one document's events in the terminal."""

from __future__ import annotations

import click

from eventcoder.cli.common import coder_options, handle_errors, pub_date_option


def _entities(entities) -> str:
    parts = []
    for entity in entities:
        code = "/".join(x for x in (entity.country, entity.sector) if x)
        label = entity.name or entity.text or f"[{entity.kind}]"  # inferred parties have no words
        parts.append(f"{label} ({code})" if code else label)
    return "; ".join(parts) or "-"


def _speaker(entity) -> str:
    if entity is None:
        return "-"
    return entity.name if entity.kind == "person" and entity.name else entity.text


def _evidence(event):
    from rich.text import Text

    sentence = event.evidence.sentence.strip()
    lead = len(event.evidence.sentence) - len(event.evidence.sentence.lstrip())
    start = event.evidence.trigger.start - event.evidence.sentence_start - lead
    end = event.evidence.trigger.end - event.evidence.sentence_start - lead
    text = Text(sentence)
    text.stylize("bold reverse", start, end)
    return text


def event_table(events, title: str):
    from rich.table import Table

    table = Table(title=title, show_lines=True)
    for column in ("event", "actor → recipient", "aux", "attributed to", "date", "evidence"):
        table.add_column(column, overflow="fold")
    for event in events:
        event_cell = f"{event.event}" + (f" ({event.mode})" if event.mode else "")
        dyad = f"{_entities(event.actor)} → {_entities(event.recipient)}"
        speaker = _speaker(event.attributed_to)
        table.add_row(event_cell, dyad, event.aux, speaker, event.date or "-", _evidence(event))
    return table


@click.command("show")
@click.argument("source", metavar="INPUT")
@pub_date_option
@coder_options
@click.option("--width", type=int, default=None, help="Table width in characters (default: the terminal's).")
@handle_errors
def command(source, pub_date, actor_files, pattern_files, width):
    """Code INPUT and print its events as a table, the trigger highlighted in each sentence.

    INPUT is anything `eventcoder code` reads; every document in it is shown.
    """
    from rich.console import Console

    from eventcoder.coder import Coder, CoderOptions
    from eventcoder.reading import Document, ReadOptions, read_documents

    coder = Coder(CoderOptions(actor_files=tuple(actor_files), pattern_files=tuple(pattern_files)))
    console = Console(width=width)
    for item in read_documents(source, ReadOptions(pub_date=pub_date)):
        if not isinstance(item, Document):
            console.print(f"[red]rejected[/red] {item.id or item.line}: {item.reason}")
            continue
        result = coder.code_document(item)
        title = f"{item.id}: {len(result.events)} events in {result.sentences} sentences"
        console.print(event_table(result.events, title))
