"""What the CLI commands share: coder options, error mapping, logging set-up."""

from __future__ import annotations

import functools
import logging
import sys
from datetime import date

import click

from eventcoder.errors import EventCoderError, StrictModeError

EXIT_INPUT_ERROR = 1
EXIT_STRICT = 3


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


def handle_errors(function):
    """Library errors become a one-line message and a meaningful exit code."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        try:
            return function(*args, **kwargs)
        except StrictModeError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(EXIT_STRICT)
        except EventCoderError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(EXIT_INPUT_ERROR)

    return wrapper
