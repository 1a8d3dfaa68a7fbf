"""analysis/aggregate.py and `eventcoder aggregate`: counts, periods, aux filter, dedup, plots."""

from __future__ import annotations

import re

import duckdb
import pandas
import pytest
from click.testing import CliRunner

from eventcoder.analysis.aggregate import Selection, aggregate_events, write_aggregate
from eventcoder.cli import main
from sample_events import written  # noqa: F401 (a fixture)

ALL = Selection(aux=None)


def counts(path, by, period, selection=Selection()) -> pandas.DataFrame:
    """aggregate_events with `period` as pandas Timestamps, whatever DuckDB's conversion gives."""
    table = aggregate_events(path, by, period, selection)
    return table.assign(period=pandas.to_datetime(table.period))


def day(text: str) -> pandas.Timestamp:
    return pandas.Timestamp(text)


def run_cli(*arguments: str):
    result = CliRunner().invoke(main, ["aggregate", *map(str, arguments)])
    assert result.exit_code == 0, result.output + result.stderr
    return result


def test_counts_equal_a_hand_written_duckdb_query(written):
    """The issue's check: the command's counts against SQL written straight on the Parquet parts."""
    table = aggregate_events(written["parquet"], ["actor_country", "category"], "month")
    expected = duckdb.sql(f"""
        WITH pairs AS (
            SELECT DISTINCT id, event, unnest(actor).country AS actor_country,
                date_trunc('month', coalesce(TRY_CAST(date AS DATE), TRY_CAST(pub_date AS DATE)))::DATE AS period
            FROM read_parquet('{written["parquet"]}/*.parquet') WHERE aux = 'asserted')
        SELECT period, actor_country, event AS category, count(*) AS events
        FROM pairs GROUP BY ALL ORDER BY ALL""").df()
    pandas.testing.assert_frame_equal(table[["period", "actor_country", "category", "events"]], expected,
                                      check_dtype=False)


def test_events_are_counted_once_not_once_per_pair(written):
    table = counts(written["jsonl"], ["category"], "month", ALL)
    accuse = table[(table.category == "ACCUSE") & (table.period == day("2025-09-01"))]
    assert accuse.events.tolist() == [3]  # e2 has 4 actor-recipient pairs but is one event
    by_actor = counts(written["jsonl"], ["actor_country"], "month", ALL)
    russia = by_actor[(by_actor.actor_country == "RUS") & (by_actor.period == day("2025-09-01"))]
    assert russia.events.tolist() == [4]  # e2, e5, e6, e7


def test_weeks_start_on_monday_and_months_on_the_first(written):
    weeks = counts(written["jsonl"], [], "week", ALL)
    # 2025-08-31 and 2025-09-21 are Sundays: they belong to the weeks that began six days before
    assert list(weeks.period) == [day("2025-08-25"), day("2025-09-15"), day("2025-09-22"), day("2025-09-29")]
    assert all(p.weekday() == 0 for p in weeks.period)
    months = counts(written["jsonl"], [], "month", ALL)
    assert list(months.period) == [day("2025-08-01"), day("2025-09-01"), day("2025-10-01")]
    assert months.events.sum() == 7


def test_quad_totals_and_means(written):
    table = counts(written["csv"], [], "month", ALL).set_index("period")
    september = table.loc[day("2025-09-01")]
    assert (september.verbal_cooperation, september.verbal_conflict) == (1, 4)
    assert september.mean_score == pytest.approx((4.0 - 3.5 - 3.5 - 3.0 - 3.0) / 5)
    assert september.mean_goldstein == pytest.approx((1.0 - 2.0 - 6.0 - 2.0 - 2.0) / 5)


def test_default_counts_only_asserted_events(written):
    asserted = aggregate_events(written["duckdb"], ["category"], "month")
    assert "THREATEN" not in set(asserted.category)  # e5 is hypothetical
    everything = aggregate_events(written["duckdb"], ["category"], "month", ALL)
    assert "THREATEN" in set(everything.category)


def test_the_cli_says_what_it_counted(written, tmp_path):
    output = tmp_path / "counts.csv"
    result = run_cli(written["jsonl"], "-o", output, "--by", "category")
    assert "counting events whose aux is asserted, no de-duplication" in result.stderr
    assert "--aux all" in result.stderr
    assert not (pandas.read_csv(output).category == "THREATEN").any()
    result = run_cli(written["jsonl"], "-o", output, "--by", "category", "--aux", "hypothetical")
    assert "aux is hypothetical" in result.stderr
    assert pandas.read_csv(output).category.tolist() == ["THREATEN"]


def test_dedup_one_a_day_drops_the_same_dyad_reported_twice(written):
    plain = counts(written["parquet"], ["category"], "day")
    deduplicated = counts(written["parquet"], ["category"], "day", Selection(dedup="one-a-day"))

    def accuse(table):
        return table[(table.category == "ACCUSE") & (table.period == day("2025-09-22"))].events.item()

    # e6 and e7: ACCUSE RUS -> UKR on the same day in two stories; e2 has other parties
    assert (accuse(plain), accuse(deduplicated)) == (3, 2)


def test_output_formats_by_extension(written, tmp_path):
    table = write_aggregate(written["jsonl"], tmp_path / "counts.json", ["aux"], "month", ALL)
    assert pandas.read_json(tmp_path / "counts.json").events.sum() == table.events.sum() == 7
    write_aggregate(written["jsonl"], tmp_path / "counts.parquet", ["aux"], "month", ALL)
    assert pandas.read_parquet(tmp_path / "counts.parquet").events.sum() == 7
    text = (tmp_path / "counts.json").read_text()
    assert re.search(r'"period":\s*"2025-09-01"', text)  # a date, written YYYY-MM-DD


def test_unknown_group_field_is_a_usage_error(written, tmp_path):
    result = CliRunner().invoke(main, ["aggregate", str(written["jsonl"]), "-o", str(tmp_path / "x.csv"),
                                       "--by", "colour"])
    assert result.exit_code == 2 and "colour" in result.stderr


@pytest.mark.slow
def test_plot_png_and_offline_html(written, tmp_path):
    png, page = tmp_path / "weekly.png", tmp_path / "weekly.html"
    run_cli(written["jsonl"], "-o", tmp_path / "a.csv", "--period", "week", "--aux", "all", "--plot", png)
    run_cli(written["jsonl"], "-o", tmp_path / "b.csv", "--by", "actor_country", "--plot", page)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    html = page.read_text(encoding="utf-8")
    assert "data:image/png;base64," in html
    assert not re.search(r"https?://|//cdn|<script", html), "the page must load nothing from the network"
    assert "<th>RUS</th>" in html
