"""What the CLI commands share: coder options, error mapping, logging set-up."""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import signal
from datetime import date

import click

from eventcoder.errors import EventCoderError, RunInterrupted, StrictModeError

EXIT_INPUT_ERROR = 1
EXIT_STRICT = 3
EXIT_SIGINT = 128 + signal.SIGINT  # 130, as a shell reports a command stopped by Ctrl-C
EXIT_SIGTERM = 128 + signal.SIGTERM  # 143
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all C0 and C1 but tab and newline


def terminal_safe(text: object) -> str:
    """str(text) with every control character (ESC, BEL, CR, C1 CSI, ...) shown as U+FFFD, one
    for one so offsets hold: a record's text can set no window title, hyperlink or clear screen."""
    return _TERMINAL_CONTROLS.sub("\ufffd", str(text))


@contextlib.contextmanager
def stop_on_signals():
    """Yields a checkpoint() to call between batches: after a SIGINT or SIGTERM it raises
    RunInterrupted, so the run stops at a point where everything written is consistent (the
    finished batch durable, workers stopped by the run's own cleanup). The handler itself
    only takes note: raising from it could leave a lock of the worker pool held. A second
    signal raises at once, for a run that reaches no checkpoint."""
    received: list[int] = []

    def note(number, frame):
        if received:
            raise RunInterrupted(number)
        received.append(number)

    def checkpoint() -> None:
        if received:
            raise RunInterrupted(received[0])

    previous = {number: signal.signal(number, note) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield checkpoint
        checkpoint()  # a signal during the last batch still ends the run as interrupted
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def coder_options(function):
    """--actors and --patterns: user dictionaries merged over the shipped ones."""
    function = click.option("--patterns", "pattern_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                            help="Extra trigger pattern file (TSV, see docs/patterns.md); repeatable.")(function)
    function = click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                            help="User actor dictionary (CSV, see docs/actors.md); its entries win; repeatable.")(function)
    return function


def validate_date(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def pub_date_option(function):
    return click.option("--pub-date", callback=validate_date, metavar="YYYY-MM-DD",
                        help="Publication date for inputs that give none; relative dates "
                             "(\"on the 18th\", \"last Wednesday\") resolve against it.")(function)


class CommandError(click.ClickException):
    """A library error as the CLI reports it: "Error: <message>" on stderr and its exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_INPUT_ERROR):
        super().__init__(message)
        self.exit_code = exit_code


def command_error(error: EventCoderError) -> CommandError:
    """The one place where library errors get their exit code (documented in `eventcoder --help`)."""
    exit_code = EXIT_STRICT if isinstance(error, StrictModeError) else EXIT_INPUT_ERROR
    if isinstance(error, RunInterrupted):
        exit_code = 128 + error.signal_number
    return CommandError(terminal_safe(error), exit_code)


def configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def handle_errors(function):
    """Library errors become a CommandError, for a command invoked on its own (as in tests).

    Under `eventcoder`, the group maps them the same way (command_error); this keeps a command
    object that is called directly from showing a traceback.
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        configure_logging()
        try:
            return function(*args, **kwargs)
        except EventCoderError as error:
            raise command_error(error) from error

    return wrapper
