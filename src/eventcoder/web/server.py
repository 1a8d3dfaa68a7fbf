"""Serving the explorer: a socket bound before the URL is announced, uvicorn on top."""

from __future__ import annotations

import ipaddress
import socket

import uvicorn
from starlette.applications import Starlette

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and the usual names for them."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 takes a free port. Bound before serving, so the announced
    URL already accepts connections (they wait until the server runs)."""
    address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(address[0], socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(address[4])
    listener.listen(128)
    return listener


def url_of(listener: socket.socket) -> str:
    host, port = listener.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(app: Starlette, listener: socket.socket) -> None:
    """Serve until interrupted (Ctrl-C / SIGTERM). uvicorn shuts down cleanly, then re-raises
    the signal it caught; a stop asked for is the normal end here, not an error."""
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            server_header=False)
    try:
        uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:
        pass
