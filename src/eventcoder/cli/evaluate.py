"""`eventcoder evaluate`: accuracy on gold-standard records, per category and for dyads.

Three gold formats (docs/evaluation.md): PLOVER gold-record JSON, JSONL (also the
annotation format of docs/annotation.md, with parts such as dev and test) and PLV
tab-separated rows (one annotated root and dyad per row).
"""

from __future__ import annotations

import functools
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
            "actor_country_accuracy", "recipient_country_accuracy", "sector_accuracy", "dyad_accuracy",
            "dyad_recall", "aux_accuracy")
    return [f"{key:28} {report[key]:.3f}" for key in keys]


def _error_table(errors: dict, title: str, gold_key: str, recall_key: str):
    """Per gold class: recall, dyad recall, why events were missed, what was coded instead."""
    from rich.table import Table

    table = Table(title=title)
    for column in ("gold", "n", "recall", "dyad", "no event", "other cat.", "wrong dyad", "coded instead"):
        table.add_column(column, justify="left" if column in ("gold", "coded instead") else "right")
    for name, row in errors.items():
        if "produced_instead" not in row:
            continue
        instead = ", ".join(f"{k} {v}" for k, v in list(row["produced_instead"].items())[:3])
        table.add_row(name, str(row[gold_key]), f"{row[recall_key]:.2f}", f"{row['dyad_recall']:.2f}",
                      str(row["no_event"]), str(row["other_category"]), str(row["wrong_dyad"]), instead)
    return table


def _coder(actor_files, pattern_files):
    from eventcoder.coder import Coder, CoderOptions

    return Coder(CoderOptions(actor_files=tuple(actor_files), pattern_files=tuple(pattern_files)))


def _write_json(report: dict, json_path: str | None) -> None:
    if json_path:
        with open(json_path, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2, sort_keys=True)


def _evaluate_plv(gold: str, predictions: str | None, coder_factory) -> dict:
    from eventcoder.evaluation.plv import PLV_PUB_DATE, evaluate_plv, load_plv, score_plv
    from eventcoder.evaluation.predictions import read_prediction_dicts
    from eventcoder.io.reading import Document

    rows = load_plv(gold)
    if predictions:
        return score_plv(rows, read_prediction_dicts(predictions))
    coder = coder_factory()

    def code(batch):
        documents = [Document(id=sentence_id, text=text, pub_date=PLV_PUB_DATE) for sentence_id, text in batch]
        return [[event.to_dict() for event in result.events] for result in coder.code_batch(documents)]

    return evaluate_plv(rows, code)


def _show_plv(report: dict) -> None:
    from rich.console import Console

    Console().print(_error_table(report["per_root"], "Per gold root (PLV rows)", "rows", "root_recall"))
    keys = ("rows", "sentences", "root_recall", "dyad_recall", "label_accuracy", "label_macro_f1",
            "sentence_precision", "rows_with_no_event_touching_dyad")
    click.echo("\n".join(f"{key:34} {report[key]}" for key in keys))
    click.echo("Missed rows: " + ", ".join(f"{k} {v}" for k, v in sorted(report["failures"].items())))


def _evaluate_events(gold, part, sentences, predictions, coder_factory, articles=None):
    from eventcoder.evaluation.articles import Articles
    from eventcoder.evaluation.gold import load_gold, select_part
    from eventcoder.evaluation.predictions import read_predictions
    from eventcoder.evaluation.scoring import evaluate
    from eventcoder.io.reading import Document

    texts = select_part(load_gold(gold, sentences), part)
    if predictions:
        saved = read_predictions(predictions)
        return evaluate(texts, lambda batch: [saved.get(t.id, []) for t in batch])
    coder = coder_factory()

    def code(documents):
        return [result.events for result in coder.code_batch(documents)]

    if articles:
        return evaluate(texts, Articles(articles, code).code_batch)
    return evaluate(texts, lambda batch: code([Document(id=t.id, text=t.text, pub_date=t.pub_date)
                                                for t in batch]))


def _articles_file(gold: str, in_articles: bool, articles: str | None, predictions: str | None) -> str | None:
    from pathlib import Path

    from eventcoder.evaluation.articles import ARTICLES_FILE

    if articles and not in_articles:
        raise click.UsageError("--articles is the file for --in-articles; add --in-articles")
    if in_articles and predictions:
        raise click.UsageError("--in-articles codes the articles; it cannot score saved --predictions")
    return (articles or str(Path(gold).with_name(ARTICLES_FILE))) if in_articles else None


def _show_events(report: dict, tally, error_count: int) -> None:
    from rich.console import Console

    console = Console()
    console.print(_category_table(report))
    console.print(_error_table(report["errors"], "Missed gold events by category", "gold", "recall"))
    click.echo("\n".join(_headline(report)))
    click.echo("Most frequent confusions (gold -> predicted):\n" + "\n".join(_confusions(report)))
    for miss in tally.misses[:error_count]:
        click.echo(f"\n[{miss.reason}] {miss.gold.id} gold {miss.gold.event} "
                   f"{sorted(miss.gold.actor_countries)} -> {sorted(miss.gold.recipient_countries)}\n"
                   f"  {miss.gold.text}\n  predicted: {miss.predicted}")


@click.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the full report as JSON here.")
@click.option("--errors", "error_count", type=int, default=0, help="Print this many misses with their evidence.")
@click.option("--part", help="Score only the texts of this part of a JSONL gold file (e.g. dev or test).")
@click.option("--sentences", type=click.Path(exists=True, dir_okay=False),
              help="Where JSONL gold lines without text take it from, by id "
                   "(default: sentences.jsonl beside GOLD).")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False),
              help="Score this saved `eventcoder code` JSONL output instead of coding the texts "
                   "(document ids must be the gold ids; for PLV, P0000, P0001, ... by first appearance).")
@click.option("--in-articles", "in_articles", is_flag=True,
              help="Code each gold sentence inside its whole article, as a user codes news, so the "
                   "article can tell who 'he' or 'the ministry' is (the annotators read it too). "
                   "Articles come from --articles, by default articles.jsonl beside GOLD.")
@click.option("--articles", type=click.Path(exists=True, dir_okay=False),
              help="The articles file for --in-articles (article_id, pub_date, title, sentences).")
@coder_options
@handle_errors
def command(gold, json_path, error_count, part, sentences, predictions, in_articles, articles,
            actor_files, pattern_files):
    """Code the texts of a GOLD file and compare with its events.

    GOLD is PLOVER gold-record JSON (e.g. PLOVER_GSR_CAMEO.json; old category names are
    mapped), JSONL with id, text (or an id of a sentences file), pub_date, part and events:
    [{event, aux, actor: [{country, sector}], recipient: [...]}] (the annotation format of
    docs/annotation.md), or a PLV tab-separated file with columns sentence, gold_root,
    source and target (root recall, dyad found, label accuracy and macro-F1, sentence
    precision). Every format also reports, per gold class, why events were missed: no event
    at all in the text, other categories only, or a wrong dyad. docs/evaluation.md states
    how predictions are matched.
    """
    from eventcoder.evaluation.gold import file_sha256
    from eventcoder.evaluation.plv import is_plv_file
    from eventcoder.evaluation.scoring import report as make_report

    coder_factory = functools.partial(_coder, actor_files, pattern_files)  # built only when coding
    if is_plv_file(gold):
        if part:
            raise click.UsageError("--part applies to JSONL gold files; a PLV file has no parts")
        report = _evaluate_plv(gold, predictions, coder_factory)
        _show_plv(report)
    else:
        articles = _articles_file(gold, in_articles, articles, predictions)
        tally = _evaluate_events(gold, part, sentences, predictions, coder_factory, articles)
        report = make_report(tally)
        report["part"], report["in_articles"] = part, bool(articles)
        _show_events(report, tally, error_count)
    report["gold_file"], report["gold_sha256"] = str(gold), file_sha256(gold)
    _write_json(report, json_path)
