"""Help first: from a visitor's tap on "Call a guide" to the request stored on the server.

    python bench/help_first.py [--taps 10] [--big-mb 200]

A real kiosk window (offscreen Qt) with a real server on 127.0.0.1 and a repository server
that trickles a large picture (about 3 MB/s, so the first sync is a download of a minute or
more). Times ``--taps`` calls for a guide (a new visitor each time) with nothing else going
on, then as many while that download is in progress, and prints the median and slowest of
each in milliseconds, and the ratio of the two medians (1.0: the download costs a call
nothing). Before help went up on its own lane, a call during a download waited for it to end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from server.models import Event  # noqa: E402
from tests.plugins.sync import trickling_fleet  # noqa: E402
from ui.app import build_window  # noqa: E402

TIMEOUT_S = 30.0


def stored_requests(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count(Event.id)).where(Event.kind == "help_request")) or 0


def wait_for(app: QApplication, done, timeout: float = TIMEOUT_S) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit("the help request never reached the server")
        app.processEvents()
        time.sleep(0.002)


def tap_times(app: QApplication, window, sessions, taps: int) -> list[float]:
    times = []
    for _ in range(taps):
        window.reset_visitor()  # a new visitor: a new request, not a repeat of the last
        before = stored_requests(sessions)
        started = time.perf_counter()
        window.call_guide()
        wait_for(app, lambda before=before: stored_requests(sessions) > before)
        times.append((time.perf_counter() - started) * 1000)
        window.notice.hide()
    return times


def line(name: str, times: list[float]) -> str:
    return f"{name:<34} median {statistics.median(times):7.1f} ms   slowest {max(times):7.1f} ms   ({len(times)} taps)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=10)
    parser.add_argument("--big-mb", type=int, default=200)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-help-") as folder, \
            trickling_fleet(Path(folder), args.big_mb << 20, "bench-kiosk", trickles=100) as fleet:
        window = build_window(fleet.services, kiosk_mode=False, voice=False, sync=True)
        window.resize(1280, 800)
        window.show()
        wait_for(app, lambda: window.sync_controller is not None)
        quiet = tap_times(app, window, fleet.server_sessions, args.taps)

        window.sync_controller.sync_now()
        wait_for(app, lambda: bool(fleet.state.requests_for(fleet.big_sha)))
        downloading = tap_times(app, window, fleet.server_sessions, args.taps)
        still = window.sync_controller._running is not None
        fleet.state.release.set()
        window.sync_controller.stop(30000)
        window.close()
    print(line("call a guide, nothing else going on", quiet))
    print(line(f"call a guide during a {args.big_mb} MB download", downloading))
    print(f"ratio of medians (download / quiet): {statistics.median(downloading) / statistics.median(quiet):.2f}"
          f"   (the download was {'still' if still else 'no longer'} running after the last tap)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
