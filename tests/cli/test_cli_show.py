"""`eventcoder show`: the table a person reads in the terminal, with the trigger highlighted."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import main

pytestmark = pytest.mark.model

HIGHLIGHT = "\x1b[1;7m"  # rich's "bold reverse"
RESET = "\x1b[0m"


def show(*args, env=None):
    result = CliRunner().invoke(main, ["show", *map(str, args)], env=env, catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    path = tmp_path_factory.mktemp("show") / "statement.txt"
    path.write_text("Russia accused Ukraine of shelling a nuclear plant.\nThe weather was mild.\n", encoding="utf-8")
    return path


def test_table_columns_and_row(article):
    result = show(article, "--width", "160", "--pub-date", "2024-03-20")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].strip() == "statement: 1 events in 2 sentences"
    header = [cell.strip() for cell in lines[2].strip("┃").split("┃")]
    assert header == ["event", "actor → recipient", "aux", "attributed to", "date", "evidence"]
    row = [cell.strip() for cell in lines[4].strip("│").split("│")]
    assert row == ["ACCUSE (allege)", "Russia (RUS) → Ukraine (UKR)", "asserted", "-", "2024-03-20",
                   "Russia accused Ukraine of shelling a nuclear plant."]


def test_trigger_is_highlighted_in_a_colour_terminal(article):
    result = show(article, "--width", "160", env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert result.exit_code == 0
    assert f"Russia {HIGHLIGHT}accused{RESET} Ukraine of shelling" in result.output
    assert result.output.count(HIGHLIGHT) == 1


def test_every_document_and_every_rejection_is_shown(tmp_path):
    corpus = tmp_path / "two.jsonl"
    corpus.write_text(json.dumps({"id": "d1", "text": "China urged Japan to release the fishermen."}) + "\n"
                      + "{broken\n"
                      + json.dumps({"id": "d3", "text": "The markets were quiet."}) + "\n", encoding="utf-8")
    result = show(corpus, "--width", "140")
    assert result.exit_code == 0
    titles = [line.strip() for line in result.output.splitlines() if ": " in line and "│" not in line]
    assert titles == ["d1: 1 events in 1 sentences",
                      "rejected 2: line 2: malformed JSON (Expecting property name enclosed in double "
                      "quotes at column 2)",
                      "d3: 0 events in 1 sentences"]
    assert "REQUEST" in result.output and "China (CHN) → Japan (JPN)" in result.output


def test_missing_input_is_an_error_with_exit_code_1(tmp_path):
    result = show(tmp_path / "nothing.txt")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'nothing.txt'} does not exist"


def test_compact_prints_one_line_per_event_within_the_width(tmp_path):
    corpus = tmp_path / "two.jsonl"
    corpus.write_text(json.dumps({"id": "d1", "text": "China urged Japan to release the fishermen. "
                                  "Russian troops shelled Kharkiv on Monday, killing two civilians."}) + "\n",
                      encoding="utf-8")
    result = show(corpus, "--compact", "--width", "80", "--pub-date", "2024-03-20")
    assert result.exit_code == 0
    title, *lines = result.output.splitlines()
    assert title == f"d1: {len(lines)} events in 2 sentences"
    assert [line.split()[0] for line in lines][:2] == ["REQUEST", "ASSAULT"]
    assert "China (CHN) → Japan (JPN)  asserted  2024-03-20" in lines[0]
    assert all(len(line) <= 80 for line in [title, *lines])
