"""systemd's notify protocol and watchdog without systemd: a real AF_UNIX datagram socket stands in for it.

Pings come from the GUI thread: they arrive while the event loop runs and stop while the GUI thread
is blocked (the test itself waits on the socket without letting Qt process events).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from kiosk.boot import BootServices, read_snapshot
from kiosk.paths import DataDir
from kiosk.restarts import RestartLog
from kiosk.services import KioskServices
from kiosk.systemd_notify import Notifier
from ui.watchdog import install_watchdog
from protocol.events import RestartReason

ROOT = Path(__file__).resolve().parent.parent
INTERVAL = 0.2  # WATCHDOG_USEC=200000: a ping every 100 ms


class FakeSystemd:
    """The receiving end of NOTIFY_SOCKET."""

    def __init__(self, directory: Path):
        # A socket's path has at most ~107 bytes; pytest's tmp_path can be longer.
        if len(str(directory / "notify")) > 100:
            directory = Path(tempfile.mkdtemp(prefix="notify-"))
        self.path = str(directory / "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.setblocking(False)
        self.messages: list[str] = []

    def drain(self) -> list[str]:
        while True:
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except BlockingIOError:
                return self.messages

    def lines(self) -> list[str]:
        return [line for message in self.drain() for line in message.split("\n")]

    def wait_blocking(self, seconds: float) -> bytes | None:
        """Wait on the socket itself (Qt processes no events meanwhile); None when nothing came."""
        self.sock.settimeout(seconds)
        try:
            return self.sock.recv(4096)
        except TimeoutError:
            return None
        finally:
            self.sock.setblocking(False)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def systemd(tmp_path):
    fake = FakeSystemd(tmp_path)
    yield fake
    fake.close()


def notifier_for(systemd: FakeSystemd, **extra: str) -> Notifier:
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "200000", **extra})
    assert notifier is not None
    return notifier


def test_ready_then_pings_while_the_event_loop_runs_and_none_while_the_gui_thread_is_blocked(
    qtbot, make_window, systemd
):
    window = make_window()
    watchdog = install_watchdog(window, notifier_for(systemd))
    qtbot.waitUntil(lambda: "READY=1" in systemd.lines(), timeout=5000)
    assert watchdog.ready_sent

    start = systemd.lines().count("WATCHDOG=1")
    qtbot.waitUntil(lambda: systemd.lines().count("WATCHDOG=1") >= start + 5, timeout=5000)

    systemd.drain()
    # The GUI thread is blocked for three whole watchdog intervals: not one ping gets out.
    assert systemd.wait_blocking(3 * INTERVAL) is None

    # Once it runs again, so do the pings.
    before = systemd.lines().count("WATCHDOG=1")
    qtbot.waitUntil(lambda: systemd.lines().count("WATCHDOG=1") >= before + 2, timeout=5000)

    watchdog.stop()
    assert systemd.lines()[-2:] == ["STOPPING=1", "STATUS=The kiosk is stopping"]
    assert not watchdog.pings.isActive()  # stopped means stopped


def test_ready_waits_for_the_services_when_home_comes_from_the_snapshot(qtbot, make_window, services, systemd):
    boot = BootServices.from_snapshot(services.data_dir, read_snapshot(services.data_dir))
    window = make_window(services=boot)
    assert window.starting
    install_watchdog(window, notifier_for(systemd))
    qtbot.waitUntil(lambda: systemd.lines().count("WATCHDOG=1") >= 3, timeout=5000)
    assert "READY=1" not in systemd.lines()  # Home is drawn, but nothing else works yet

    with qtbot.waitSignal(window.services_ready, timeout=5000):
        window.attach_services(KioskServices.open(services.data_dir))
    qtbot.waitUntil(lambda: "READY=1" in systemd.lines(), timeout=5000)


def test_no_watchdog_without_notify_socket(window, monkeypatch):
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert install_watchdog(window) is None
    assert Notifier.from_environment({"WATCHDOG_USEC": "200000"}) is None


def test_pings_only_for_this_process_or_its_parent(systemd):
    assert notifier_for(systemd).watchdog_interval == INTERVAL
    assert notifier_for(systemd, WATCHDOG_PID=str(os.getpid())).watchdog_interval == INTERVAL
    # Under cage (or xinit) the unit's main process, named by WATCHDOG_PID, is the kiosk's parent.
    assert notifier_for(systemd, WATCHDOG_PID=str(os.getppid())).watchdog_interval == INTERVAL
    # A process further down that merely inherited the variables must not ping for the kiosk.
    stranger = next(pid for pid in range(2, 1 << 22) if pid not in (os.getpid(), os.getppid()))
    assert notifier_for(systemd, WATCHDOG_PID=str(stranger)).watchdog_interval is None
    assert notifier_for(systemd, WATCHDOG_USEC="soon").watchdog_interval is None
    assert Notifier.from_environment({"NOTIFY_SOCKET": systemd.path}).watchdog_interval is None


def test_an_abstract_socket_address_works():
    name = f"seoul-kiosk-test-{os.getpid()}-{time.monotonic_ns()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(b"\0" + name.encode())
        listener.settimeout(5)
        notifier = Notifier.from_environment({"NOTIFY_SOCKET": "@" + name})
        assert notifier.status("Loading the content")
        assert listener.recv(4096) == b"STATUS=Loading the content"
        notifier.close()


def test_sending_never_raises_or_blocks_and_a_loss_is_logged_once(tmp_path, systemd, caplog):
    nobody = Notifier(str(tmp_path / "nobody-listens"), INTERVAL)
    with caplog.at_level(logging.WARNING, logger="kiosk.systemd_notify"):
        assert nobody.ready() is False
        assert nobody.ping() is False
    assert len(caplog.records) == 1 and "could not tell systemd" in caplog.records[0].getMessage()

    # A reader that does not read: its queue fills (ten datagrams on Linux), then pings are dropped, at once.
    busy = notifier_for(systemd)
    started = time.monotonic()
    sent = [busy.ping() for _ in range(2000)]
    assert time.monotonic() - started < 2
    assert sent[0] is True and sent[-1] is False
    busy.close()


def test_the_kiosk_started_by_a_service_manager_says_ready(tmp_path, systemd):
    """main.py as systemd starts it: NOTIFY_SOCKET and WATCHDOG_USEC in its environment."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=systemd.path, WATCHDOG_USEC="2000000")
    env.pop("INVOCATION_ID", None)
    log = (tmp_path / "kiosk.log").open("wb")
    kiosk = subprocess.Popen([sys.executable, "main.py", "--windowed", "--no-voice", "--data-dir", str(tmp_path / "data")],
                             cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        systemd.sock.settimeout(1)
        deadline = time.monotonic() + 60  # a first start imports the demo content
        lines: list[str] = []
        while "READY=1" not in lines and time.monotonic() < deadline and kiosk.poll() is None:
            try:
                lines += systemd.sock.recv(4096).decode().split("\n")
            except TimeoutError:
                pass
        assert "READY=1" in lines, (tmp_path / "kiosk.log").read_text(errors="replace")[-3000:]
        assert "WATCHDOG=1" in lines
        # systemd stops it with SIGTERM: the kiosk quits its event loop, says STOPPING=1 and closes
        # the run, so the next start reads a stop, not a crash.
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(timeout=30) == 0
        while "STOPPING=1" not in lines:
            lines += systemd.sock.recv(4096).decode().split("\n")  # raises after 1 s if it never came
        assert not DataDir(tmp_path / "data").run_marker.exists()
        assert RestartLog(tmp_path / "data").begin_run().reason == RestartReason.STOPPED
    finally:
        kiosk.kill()
        kiosk.wait(timeout=30)
        log.close()
