"""One error path for every command: a library error leaves the CLI as one line on stderr
("Error: ...") and the documented exit code (1 input error, 2 usage, 3 --strict), never a
traceback and never a sys.exit inside a command. None of these runs get as far as parsing."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import eventcoder.cli
from eventcoder.cli import ErrorMappingGroup, main
from eventcoder.cli.common import EXIT_INPUT_ERROR, EXIT_STRICT, CommandError, command_error, handle_errors
from eventcoder.errors import DictionaryError, InputFormatError, StrictModeError

DATA = Path(__file__).resolve().parent.parent / "data"
CLI_SOURCES = sorted(Path(eventcoder.cli.__file__).parent.glob("*.py"))


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("error, exit_code", [
    (InputFormatError("x.csv: CSV needs a 'text' or 'url' column"), EXIT_INPUT_ERROR),
    (DictionaryError("actors.csv line 3: unknown sector"), EXIT_INPUT_ERROR),
    (StrictModeError("record rejected (--strict): line 3: malformed JSON"), EXIT_STRICT),
])
def test_each_library_error_maps_to_one_click_exception(error, exit_code):
    mapped = command_error(error)
    assert isinstance(mapped, click.ClickException) and isinstance(mapped, CommandError)
    assert (mapped.exit_code, mapped.format_message()) == (exit_code, str(error))


def test_the_group_maps_errors_of_commands_that_have_no_decorator():
    @click.group(cls=ErrorMappingGroup)
    def group():
        pass

    @group.command("fail")
    def fail():
        raise StrictModeError("record rejected (--strict): line 2: empty text")

    result = CliRunner().invoke(group, ["fail"])
    assert result.exit_code == EXIT_STRICT
    assert error_lines(result) == ["Error: record rejected (--strict): line 2: empty text"]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_handle_errors_maps_a_command_called_on_its_own():
    @click.command()
    @handle_errors
    def alone():
        raise InputFormatError("nothing to read")

    result = CliRunner().invoke(alone, [])
    assert (result.exit_code, error_lines(result)) == (EXIT_INPUT_ERROR, ["Error: nothing to read"])


def test_a_missing_input_file_is_one_line_and_exit_1(tmp_path):
    result = run("code", tmp_path / "missing.txt", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == EXIT_INPUT_ERROR
    assert error_lines(result) == [f"Error: {tmp_path / 'missing.txt'} does not exist"]
    assert not (tmp_path / "out.jsonl").exists()


def test_a_bad_user_dictionary_is_one_line_and_exit_1():
    result = run("actor", "Russia", "--actors", DATA / "user_actors_bad_sector.csv")
    assert result.exit_code == EXIT_INPUT_ERROR
    [line] = error_lines(result)
    assert line.startswith("Error: ") and "user_actors_bad_sector.csv" in line


def test_a_gold_file_in_no_known_format_is_one_line_and_exit_1(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "g1", "events": []}\n', encoding="utf-8")
    result = run("evaluate", gold)
    assert result.exit_code == EXIT_INPUT_ERROR
    assert error_lines(result) == [f"Error: {gold}:1: no 'text', and no sentences file "
                                   f"{tmp_path / 'sentences.jsonl'} to take it from"]


def test_an_unreadable_pub_date_is_a_usage_error_exit_2(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Troops attacked the town.", encoding="utf-8")
    result = run("code", article, "--pub-date", "14/03/2025")
    assert result.exit_code == 2 and "is not a date in YYYY-MM-DD form" in result.stderr


@pytest.mark.parametrize("path", CLI_SOURCES, ids=lambda p: p.name)
def test_no_command_calls_sys_exit(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and node.func.attr == "exit"]
    assert calls == [], f"{path.name} calls exit() on lines {calls}; raise an error instead"
