"""Run servers in-process on 127.0.0.1 free ports, for the tests and bench/sync.py."""

from __future__ import annotations

import contextlib
import functools
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import uvicorn


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextlib.contextmanager
def run_app(app, timeout: float = 10.0, access_log: bool = False, sock: socket.socket | None = None) -> Iterator[str]:
    """Serve an ASGI app with uvicorn in a thread; yields its base URL. ``sock``: a socket
    bound earlier (a test can reserve the port while the server is still "down")."""
    sock = sock or free_socket()
    config = uvicorn.Config(app, log_level="warning", access_log=access_log, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(int(timeout / 0.02)):
        if server.started:
            break
        threading.Event().wait(0.02)
    else:
        raise RuntimeError("uvicorn did not start")
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()


class QuietHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like any production static server

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        logging.getLogger("static").debug(format, *args)


@contextlib.contextmanager
def run_static(directory: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """A plain static file server (Python's own) over ``directory``; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
