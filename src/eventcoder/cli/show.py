"""`eventcoder show`: a readable table of one document's events in the terminal."""

from __future__ import annotations

import click

from eventcoder.cli.common import coder_options, handle_errors, pub_date_option, terminal_safe


def plain(text: object):
    """A rich Text that shows text literally: no markup ("[/bold]" prints as it is), and no
    terminal control sequences (terminal_safe)."""
    from rich.text import Text

    return Text(terminal_safe(text))


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


EVIDENCE_CONTEXT = 90  # characters shown on each side of the trigger
COMPACT_CONTEXT = 20  # the same, on a --compact line: the trigger must survive the cut


def _evidence(event, context: int = EVIDENCE_CONTEXT):
    """The sentence around the trigger, trigger highlighted; long sentences are trimmed."""
    from rich.text import Text

    sentence = terminal_safe(event.evidence.sentence)  # one character for one: offsets hold
    start = event.evidence.trigger.start - event.evidence.sentence_start
    end = event.evidence.trigger.end - event.evidence.sentence_start
    left = max(0, start - context)
    right = min(len(sentence), end + context)
    if left > 0:  # cut between words
        left = sentence.find(" ", left, start) + 1 or left
    if right < len(sentence):
        right = sentence.rfind(" ", end, right) if sentence.rfind(" ", end, right) > end else right
    prefix = "…" if left > 0 else ""
    text = Text(prefix + sentence[left:right].strip() + ("…" if right < len(sentence) else ""))
    lead = len(sentence[left:right]) - len(sentence[left:right].lstrip())
    offset = len(prefix) - left - lead
    text.stylize("bold reverse", start + offset, end + offset)
    return text


def event_table(events, title: str):
    from rich.table import Table

    table = Table(title=plain(title), show_lines=True)
    for column in ("event", "actor → recipient", "aux", "attributed to", "date", "evidence"):
        table.add_column(column, overflow="fold")
    for event in events:
        event_cell = f"{event.event}" + (f" ({event.mode})" if event.mode else "")
        dyad = f"{_entities(event.actor)} → {_entities(event.recipient)}"
        speaker = _speaker(event.attributed_to)
        cells = (event_cell, dyad, event.aux, speaker, event.date or "-")
        table.add_row(*map(plain, cells), _evidence(event))
    return table


def compact_line(event):
    """One line per event: category, dyad, aux, date, score, place, then the evidence
    around the trigger; cut to the terminal's width by the caller."""
    from rich.text import Text

    category = f"{event.event}" + (f" ({event.mode})" if event.mode else "")
    place = event.location.name or event.location.text if event.location else ""
    facts = [category, f"{_entities(event.actor)} → {_entities(event.recipient)}", event.aux,
             event.date or "-", f"{event.score:+.1f}", place or "-"]
    line = Text("  ").join(plain(fact) for fact in facts)
    line.stylize("bold", 0, len(category))
    return Text.assemble(line, "  ", _evidence(event, COMPACT_CONTEXT))


@click.command("show")
@click.argument("source", metavar="INPUT")
@pub_date_option
@coder_options
@click.option("--width", type=int, default=None, help="Table width in characters (default: the terminal's).")
@click.option("--compact", is_flag=True, help="One line per event (category, actor → recipient, aux, date, "
              "score, place, evidence), cut to the width: for many stories.")
@handle_errors
def command(source, pub_date, actor_files, pattern_files, width, compact):
    """Code INPUT and print its events as a table, the trigger highlighted in each sentence.

    INPUT is anything `eventcoder code` reads; every document in it is shown.
    """
    from rich.console import Console
    from rich.text import Text

    from eventcoder.coder import Coder, CoderOptions
    from eventcoder.io.reading import Document, ReadOptions, read_documents

    coder = Coder(CoderOptions(actor_files=tuple(actor_files), pattern_files=tuple(pattern_files)))
    console = Console(width=width)
    for item in read_documents(source, ReadOptions(pub_date=pub_date)):
        result = coder.code_batch([item])[0] if isinstance(item, Document) else None  # checked by the reader
        rejection = item if result is None else result.rejection
        if rejection is not None:
            console.print(Text.assemble(("rejected", "red"), " ", plain(f"{rejection.id or rejection.line}: "
                                                                         f"{rejection.reason}")))
            continue
        title = f"{item.id}: {len(result.events)} events in {result.sentences} sentences"
        if not compact:
            console.print(event_table(result.events, title))
            continue
        console.print(plain(title), style="bold")
        for event in result.events:
            console.print(compact_line(event), no_wrap=True, overflow="ellipsis")
