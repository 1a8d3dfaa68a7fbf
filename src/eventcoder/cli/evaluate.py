"""`eventcoder evaluate`: accuracy on gold-standard records, per category and for dyads."""

from __future__ import annotations

import json

import click

from eventcoder.cli.common import coder_options, handle_errors


def _category_table(report: dict):
    from rich.table import Table

    table = Table(title="Per category")
    for column in ("category", "precision", "recall", "F1", "gold", "predicted"):
        table.add_column(column, justify="right" if column != "category" else "left")
    for category, row in report["per_category"].items():
        table.add_row(category, f"{row['precision']:.2f}", f"{row['recall']:.2f}", f"{row['f1']:.2f}",
                      str(row["support"]), str(row["predicted"]))
    return table


def _confusions(report: dict, limit: int = 15) -> list[str]:
    pairs = [(count, gold, predicted) for gold, row in report["confusion"].items()
             for predicted, count in row.items() if gold != predicted]
    return [f"  {gold} -> {predicted}: {count}" for count, gold, predicted in sorted(pairs, reverse=True)[:limit]]


def _headline(report: dict) -> list[str]:
    keys = ("event_micro_precision", "event_micro_recall", "event_micro_f1", "event_macro_f1",
            "actor_country_accuracy", "recipient_country_accuracy", "sector_accuracy", "dyad_accuracy")
    return [f"{key:28} {report[key]:.3f}" for key in keys]


@click.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the full report as JSON here.")
@click.option("--errors", "error_count", type=int, default=0, help="Print this many misses with their evidence.")
@coder_options
@handle_errors
def command(gold, json_path, error_count, actor_files, pattern_files):
    """Code the texts of a GOLD file and compare with its events.

    GOLD is PLOVER gold-record JSON (e.g. PLOVER_GSR_CAMEO.json; old category names are
    mapped) or JSONL with id, text, pub_date and events: [{event, actor: [{country, sector}],
    recipient: [...]}]. docs/evaluation.md states how predictions are matched.
    """
    from rich.console import Console

    from eventcoder.coder import Coder, CoderOptions
    from eventcoder.evaluation.scoring import evaluate, report as make_report
    from eventcoder.evaluation.gold import file_sha256, load_gold
    from eventcoder.io.reading import Document

    coder = Coder(CoderOptions(actor_files=tuple(actor_files), pattern_files=tuple(pattern_files)))
    texts = load_gold(gold)

    def code(batch):
        documents = [Document(id=t.id, text=t.text, pub_date=t.pub_date) for t in batch]
        return [result.events for result in coder.code_batch(documents)]

    tally = evaluate(texts, code)
    report = make_report(tally)
    report["gold_file"], report["gold_sha256"] = str(gold), file_sha256(gold)
    console = Console()
    console.print(_category_table(report))
    click.echo("\n".join(_headline(report)))
    click.echo("Most frequent confusions (gold -> predicted):\n" + "\n".join(_confusions(report)))
    for miss in tally.misses[:error_count]:
        click.echo(f"\n[{miss.reason}] {miss.gold.id} gold {miss.gold.event} "
                   f"{sorted(miss.gold.actor_countries)} -> {sorted(miss.gold.recipient_countries)}\n"
                   f"  {miss.gold.text}\n  predicted: {miss.predicted}")
    if json_path:
        with open(json_path, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2, sort_keys=True)
