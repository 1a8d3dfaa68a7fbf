"""The `eventcoder` command line: one module per command, each a thin caller of the library."""

from __future__ import annotations

import importlib

import click

from eventcoder import __version__
from eventcoder.cli.common import command_error, configure_logging
from eventcoder.errors import EventCoderError

# command name -> module under eventcoder.cli holding a click command called `command`
COMMANDS = {
    "code": "code",
    "show": "show",
    "evaluate": "evaluate",
    "actor": "actor",
    "dedup": "dedup",
    "dyads": "dyads",
    "aggregate": "aggregate",
    "explore": "explore",
}


class ErrorMappingGroup(click.Group):
    """Every library error a command raises leaves here as one CommandError: click prints its
    one-line message and exits with its code. Commands never call sys.exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EventCoderError as error:
            raise command_error(error) from error


class LazyGroup(ErrorMappingGroup):
    """Imports a command's module only when it runs, so `--help` and start-up stay fast."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._find(name) is not None)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._find(name)

    @staticmethod
    def _find(name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        try:
            module = importlib.import_module(f"eventcoder.cli.{COMMANDS[name]}")
        except ModuleNotFoundError as error:
            if error.name == f"eventcoder.cli.{COMMANDS[name]}":
                return None
            raise
        return module.command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventcoder")
def main() -> None:
    """Code English news text into PLOVER political event records with evidence.

    \b
    Exit codes: 0 run completed (rejected records are listed, not fatal),
    1 a usage, input or output error (also: another run holds the output's lock),
    2 bad command-line usage, 3 --strict and a record was rejected,
    130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM (both: --resume continues).
    """
    configure_logging()
