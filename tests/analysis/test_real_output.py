"""The dyad table and aggregate on real coder output (the seed article), from every format."""

from __future__ import annotations

import json
import sys

import pandas
import pytest
from click.testing import CliRunner

from eventcoder.analysis.aggregate import aggregate_events
from eventcoder.analysis.dyads import dyads_dataframe
from eventcoder.analysis.store import DYAD_COLUMNS
from eventcoder.cli import main
from sample_events import FORMATS, NOT_IN_CSV, write_events, written  # noqa: F401 (a fixture)

SEED = __import__("pathlib").Path(__file__).resolve().parents[2] / "examples" / "japan_ukraine_commentary.txt"


@pytest.fixture(scope="module")
def coded(_session_coder, tmp_path_factory) -> dict[str, object]:  # module-wide: only model tests use it
    document = {"id": "seed", "text": SEED.read_text(encoding="utf-8"), "pub_date": "2025-09-20"}
    events = [event for result in _session_coder.code_documents([document]) for event in result.events]
    folder = tmp_path_factory.mktemp("coded")
    return {format: write_events(events, folder / name) for format, name in FORMATS.items()}


@pytest.mark.model
def test_real_output_gives_one_dyad_table_from_every_format(coded):
    expected = dyads_dataframe(coded["jsonl"])
    assert len(expected) >= 10
    for format in ("csv", "parquet", "duckdb"):
        shared = [c for c in DYAD_COLUMNS if format != "csv" or c not in NOT_IN_CSV]
        pandas.testing.assert_frame_equal(dyads_dataframe(coded[format])[shared], expected[shared])


@pytest.mark.model
def test_real_output_counts_match_the_records(coded):
    records = [json.loads(line) for line in coded["jsonl"].read_text().splitlines()]
    asserted = [r for r in records if r["aux"] == "asserted"]
    table = aggregate_events(coded["parquet"], ["category"], "month")
    counted = dict(zip(table.category, table.events))
    expected = pandas.Series([r["event"] for r in asserted]).value_counts().to_dict()
    assert counted == expected


@pytest.mark.model
def test_dyads_command_writes_the_table(coded, tmp_path):
    output = tmp_path / "dyads.csv"
    result = CliRunner().invoke(main, ["dyads", str(coded["jsonl"]), "-o", str(output)])
    assert result.exit_code == 0, result.output
    written = pandas.read_csv(output, dtype=str)
    assert len(written) == len(dyads_dataframe(coded["jsonl"]))
    assert f"{len(written)} dyad rows" in result.stderr
    assert set(written.columns) == set(DYAD_COLUMNS)


def test_plot_without_matplotlib_says_how_to_install(written, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    result = CliRunner().invoke(main, ["aggregate", str(written["jsonl"]), "-o", str(tmp_path / "a.csv"),
                                       "--plot", str(tmp_path / "a.png")])
    assert result.exit_code == 1
    assert "pip install 'eventcoder[plot]'" in result.stderr
    assert not (tmp_path / "a.csv").exists()  # failed before doing the work
