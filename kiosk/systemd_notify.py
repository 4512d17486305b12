"""Telling systemd how the kiosk is: the sd_notify protocol, written by hand (no Qt here).

systemd gives a ``Type=notify`` service the address of a datagram socket in NOTIFY_SOCKET (a
path, or ``@name`` in Linux's abstract namespace). The service sends it datagrams of
newline-separated ``KEY=VALUE`` lines: ``READY=1`` when it is up, ``WATCHDOG=1`` at least once
per WATCHDOG_USEC (else systemd kills and restarts it), ``STATUS=...`` for ``systemctl status``,
``STOPPING=1`` on the way out. See sd_notify(3).

Why no library: the protocol is one ``sendto`` on an AF_UNIX socket. python-systemd (the
official binding) is built from source by pip and needs libsystemd's headers and a compiler on
every kiosk; ``sdnotify`` on PyPI is unmaintained. Neither is worth a dependency for ten lines.

The socket is non-blocking: the kiosk pings from the GUI thread, which must never wait on
systemd (a busy or absent reader fills the socket's queue, ten datagrams by default on Linux).
A datagram that cannot be sent is dropped and logged once; sending never raises.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


class Notifier:
    """The messages a kiosk sends to systemd over one NOTIFY_SOCKET."""

    def __init__(self, address: str, watchdog_interval: float | None = None):
        self.address = address
        # Seconds within which systemd wants a WATCHDOG=1, or None when it watches nothing.
        self.watchdog_interval = watchdog_interval
        self._socket: socket.socket | None = None
        self._told_of_loss = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Notifier | None:
        """The notifier systemd asked for, or None when the kiosk does not run under it (no NOTIFY_SOCKET).

        WATCHDOG_PID names the process systemd expects the pings from: its main process. Under
        cage (and xinit) that main process is the compositor, whose child the kiosk is, and it
        passes its environment on unchanged: so the kiosk pings when WATCHDOG_PID is absent, is
        its own pid, or is its parent's (the unit has NotifyAccess=all, so systemd takes pings
        from any process of the service). Any other pid means the kiosk is a process further
        down that merely inherited the variables (what WATCHDOG_PID exists to catch): it sends
        READY and STATUS but no pings, so it cannot keep a frozen kiosk alive on its behalf.
        """
        address = environ.get("NOTIFY_SOCKET", "")
        if not address:
            return None
        return cls(address, _watchdog_interval(environ))

    # The messages -------------------------------------------------------------------------
    def ready(self, status: str = "") -> bool:
        return self.send("READY=1", *([f"STATUS={status}"] if status else []))

    def ping(self) -> bool:
        return self.send("WATCHDOG=1")

    def status(self, text: str) -> bool:
        return self.send(f"STATUS={text}")

    def stopping(self, status: str = "") -> bool:
        return self.send("STOPPING=1", *([f"STATUS={status}"] if status else []))

    def send(self, *lines: str) -> bool:
        """Send one datagram of ``lines``; True when it left, False (logged once) when it could not."""
        payload = "\n".join(line.replace("\n", " ") for line in lines).encode("utf-8")
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                self._socket.setblocking(False)
            self._socket.sendto(payload, _socket_address(self.address))
            return True
        except (OSError, ValueError) as error:
            if not self._told_of_loss:
                self._told_of_loss = True
                log.warning("could not tell systemd %r through %s (%s); later losses are not logged",
                            payload.decode("utf-8", "replace"), self.address, error)
            return False

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _socket_address(address: str) -> str | bytes:
    if address.startswith("@"):  # the abstract namespace: a leading NUL byte instead of a path
        return b"\0" + address[1:].encode("utf-8")
    return address


def _watchdog_interval(environ: Mapping[str, str]) -> float | None:
    try:
        usec = int(environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid = environ.get("WATCHDOG_PID", "")
    if pid:
        try:
            meant_for = int(pid)
        except ValueError:
            return None
        if meant_for not in (os.getpid(), os.getppid()):
            return None
    return usec / 1_000_000
