"""`eventcoder explore`: a local, read-only web explorer over a file of coded events."""

from __future__ import annotations

from pathlib import Path

import click

from eventcoder.cli.common import handle_errors
from eventcoder.errors import MissingDependencyError

DEFAULT_HOST = "127.0.0.1"


def _check_host(ctx: click.Context, host: str) -> None:
    """Serving beyond this machine must be asked for on the command line, never by a default."""
    from eventcoder.web.server import is_loopback

    explicit = ctx.get_parameter_source("host") == click.core.ParameterSource.COMMANDLINE
    if not is_loopback(host) and not explicit:
        raise click.UsageError(f"{host} is not a loopback address; to serve beyond this machine "
                               f"pass --host {host} on the command line")


@click.command(name="explore")
@click.argument("events_path", metavar="EVENTS", type=click.Path(exists=True, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to serve on; 0 picks a free one (the URL printed says which).")
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to bind. Only loopback addresses are served unless --host is given "
                   "on the command line: anyone who can reach another address can read the events.")
@click.pass_context
@handle_errors
def command(ctx: click.Context, events_path: Path, port: int, host: str) -> None:
    """Browse EVENTS in a web browser: a list with filters, one page per event with its
    evidence highlighted, dyad time series, a map and a country-pair matrix.

    EVENTS is any output of `eventcoder code` (JSONL, CSV, Parquet file or directory, DuckDB).
    The explorer only reads it, makes no request beyond this machine, and serves until
    Ctrl-C. Every page has a JSON twin (its path + .json), and /api/events answers
    {"total": n, "events": [...]} for the same filters.

    \b
    Example:
      eventcoder explore events.parquet --port 8000
      open http://127.0.0.1:8000/events?category=ASSAULT&actor_country=RUS
    """
    _check_host(ctx, host)
    try:
        from eventcoder.web.app import create_app
        from eventcoder.web.server import bind_socket, serve, url_of
    except ModuleNotFoundError as error:
        raise MissingDependencyError(f"the explorer needs the web extra ({error.name} is missing): "
                                     f"pip install 'eventcoder[web]'") from error
    app = create_app(events_path)
    try:
        listener = bind_socket(host, port)
    except OSError as error:
        raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror}") from error
    click.echo(f"Exploring {events_path} at {url_of(listener)} (Ctrl-C to stop)")
    serve(app, listener)
    click.echo("Stopped.", err=True)
