"""Watchdog: how long a frozen kiosk stays frozen, with a small supervisor doing what systemd does.

Run: .venv/bin/python bench/watchdog.py [--watchdog-sec 3] [--rounds 3]

The supervisor listens on a NOTIFY_SOCKET as systemd does, starts the kiosk (offscreen, demo content,
a temporary data dir) with NOTIFY_SOCKET and WATCHDOG_USEC, and waits for READY=1. Then it freezes the
kiosk with SIGSTOP (as far as pings go, a GUI thread stuck in a call is the same), notices the missing
pings once WatchdogSec has passed since the last one, kills it as systemd does (SIGABRT with a SIGCONT,
SIGKILL if it lingers), starts it again and waits for READY=1. It prints the detection time, the time
from the kill to the new READY=1, the total, and that restart against a plain start of the same kiosk
measured in the same run (a restart should cost no more than a start).

The bench uses a short WatchdogSec (3 s) to finish quickly; the real unit uses 30 s
(deploy/systemd/seoul-kiosk.service) and waits RestartSec=5 before starting again, which the
supervisor skips (both are fixed waits, added to the totals below on a real machine).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILL_GRACE = 5.0  # seconds between SIGABRT and SIGKILL (the unit's TimeoutStopSec is 15)


class Supervisor:
    def __init__(self, workdir: Path, watchdog_sec: float):
        self.watchdog_sec = watchdog_sec
        self.socket_path = str(workdir / "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.socket_path)
        self.data_dir = workdir / "data"
        self.log = (workdir / "kiosk.log").open("ab")
        self.kiosk: subprocess.Popen | None = None

    def start(self) -> float:
        """Start the kiosk; seconds until its READY=1."""
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=self.socket_path,
                   WATCHDOG_USEC=str(int(self.watchdog_sec * 1_000_000)))
        env.pop("INVOCATION_ID", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # a deployed kiosk keeps its bytecode cache
        started = time.perf_counter()
        self.kiosk = subprocess.Popen(
            [sys.executable, "main.py", "--windowed", "--no-voice", "--data-dir", str(self.data_dir)],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self.wait_for("READY=1", timeout=120)
        return time.perf_counter() - started

    def wait_for(self, line: str, timeout: float) -> float:
        """Wait for a message holding ``line``; the perf_counter time it came."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.kiosk is not None and self.kiosk.poll() is not None:
                raise RuntimeError(f"the kiosk ended (exit {self.kiosk.returncode}) before sending {line}")
            self.sock.settimeout(max(0.01, min(0.5, deadline - time.perf_counter())))
            try:
                message = self.sock.recv(4096).decode()
            except TimeoutError:
                continue
            if line in message.split("\n"):
                return time.perf_counter()
        raise RuntimeError(f"no {line} within {timeout} s (see the kiosk's log)")

    def freeze_and_recover(self) -> tuple[float, float, float]:
        """(detection, kill-to-ready, total) in seconds for one frozen kiosk."""
        assert self.kiosk is not None
        last_ping = self.wait_for("WATCHDOG=1", timeout=self.watchdog_sec)
        frozen_at = time.perf_counter()
        self.kiosk.send_signal(signal.SIGSTOP)
        # systemd's rule: no ping for WatchdogSec since the last one means dead. Pings that were already
        # on their way count; a stopped process sends no more.
        while True:
            self.sock.settimeout(max(0.001, last_ping + self.watchdog_sec - time.perf_counter()))
            try:
                if "WATCHDOG=1" in self.sock.recv(4096).decode().split("\n"):
                    last_ping = time.perf_counter()
            except TimeoutError:
                break
        killed_at = time.perf_counter()
        self.kiosk.send_signal(signal.SIGABRT)
        self.kiosk.send_signal(signal.SIGCONT)  # systemd follows the kill signal with SIGCONT
        try:
            self.kiosk.wait(timeout=KILL_GRACE)
        except subprocess.TimeoutExpired:
            self.kiosk.kill()
            self.kiosk.wait()
        self.drain()
        self.start()
        ready_at = time.perf_counter()
        return killed_at - frozen_at, ready_at - killed_at, ready_at - frozen_at

    def stop(self) -> None:
        if self.kiosk is not None and self.kiosk.poll() is None:
            self.kiosk.terminate()
            try:
                self.kiosk.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kiosk.kill()
                self.kiosk.wait()
        self.drain()

    def drain(self) -> None:
        self.sock.setblocking(False)
        try:
            while self.sock.recv(4096):
                pass
        except BlockingIOError:
            pass

    def close(self) -> None:
        self.stop()
        self.sock.close()
        self.log.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--watchdog-sec", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-watchdog-") as workdir:
        supervisor = Supervisor(Path(workdir), args.watchdog_sec)
        try:
            first = supervisor.start()  # creates the database, imports the demo pack
            plain, detection, restart, total = [], [], [], []
            for _ in range(args.rounds):  # interleaved, so both see the same machine load
                supervisor.stop()
                plain.append(supervisor.start())
                found, back, whole = supervisor.freeze_and_recover()
                detection.append(found)
                restart.append(back)
                total.append(whole)
        except RuntimeError as error:
            print(f"bench failed: {error}; log: {Path(workdir) / 'kiosk.log'}", file=sys.stderr)
            print((Path(workdir) / "kiosk.log").read_text(errors="replace")[-3000:], file=sys.stderr)
            return 1
        finally:
            supervisor.close()
    plain_median = statistics.median(plain)
    print(f"WatchdogSec          : {args.watchdog_sec:7.1f} s   (the real unit: 30 s, then RestartSec=5)")
    print(f"freeze detected after: {statistics.median(detection) * 1000:7.0f} ms (median of {args.rounds}; "
          f"systemd's rule: WatchdogSec after the last ping)")
    print(f"kill to READY=1      : {statistics.median(restart) * 1000:7.0f} ms (median; the kill, then a start)")
    print(f"freeze to READY=1    : {statistics.median(total) * 1000:7.0f} ms (median; on a real kiosk about "
          f"30 s + 5 s + this kill to READY=1)")
    print(f"plain start          : {plain_median * 1000:7.0f} ms (median; a start on the same data, no freeze)")
    print(f"first start          : {first * 1000:7.0f} ms (creates the database, imports the demo pack)")
    print(f"ratio restart / plain: {statistics.median(restart) / plain_median:7.2f}  (target <= 1.5: a restart "
          f"after a freeze costs about one start)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
