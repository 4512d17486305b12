"""Startup: process start to an interactive Home, against a bare PySide6 window in the same run.

Run: .venv/bin/python bench/startup.py [--runs N] [--content DIR | --catalog LESSONS] [--trace]
Prints the median of N runs for each and the ratio (target: ratio <= 2.0, Home < 1.5 s).

--content DIR: the first start imports that pack (main.py --content DIR) and the restarts measured
start from its Home snapshot, as today with the demo pack. --catalog LESSONS: the same with a
catalog of that many lessons generated into a temporary folder (bench/catalog.py's generator when
there is one, else bench/sync.py's). --trace: what the GUI thread was doing in the longest stalls
of the worst start (KIOSK_STALL_TRACE=1, ui/stall_trace.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A first start imports the whole pack: a 5,000-lesson catalog takes far longer than the demo pack.
FIRST_START_TIMEOUT_S = 300
CATALOG_PICTURE_BYTES = 4096  # bench/sync.py's generator: each lesson's own (unchecked) picture
# Ready, like the kiosk's Home (main.py), once its first paint is over: both are then on screen.
BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
window = QLabel("bare")
window.resize(1920, 1080)
def ready():
    print("READY", flush=True)
    app.quit()
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, ready)
        return False
first_paint = FirstPaint()
window.installEventFilter(first_paint)
window.show()
app.exec()
"""
# The stall floor: the same bare window's event loop, watched as main.py watches the kiosk's
# (a 5 ms tick), for about as long. What it shows is the machine's (other processes, the
# scheduler), not the kiosk's.
BARE_STALL_FLOOR = """
import sys
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
window = QLabel("bare")
window.resize(1920, 1080)
window.show()
clock, longest, tick = QElapsedTimer(), [0], QTimer()
def on_tick():
    longest[0] = max(longest[0], clock.restart())
def finished():
    tick.stop()
    print(f"READY 0\\nLOADED 0 stall_ms={max(0, longest[0] - tick.interval())}", flush=True)
    app.quit()
tick.timeout.connect(on_tick)
tick.start(5)
clock.start()
QTimer.singleShot(int(sys.argv[1]), finished)
app.exec()
"""
FLOOR_WATCH_MS = 1000


@dataclass
class Start:
    ready: float  # seconds to an interactive Home
    loaded: float  # seconds until everything has loaded
    stall_ms: int  # the event loop's longest stall from Home until the start-up is over (main.py)
    trace: list[str] = field(default_factory=list)  # STALL lines, with KIOSK_STALL_TRACE=1


def time_until_ready(command: list[str], env: dict[str, str]) -> Start:
    """How long one start took, from process start.

    The kiosk prints READY when Home takes touches and LOADED once the services loading behind it
    have arrived (the same moment when it started without a Home snapshot); a bare window prints READY only.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert process.stdout is not None
    ready = loaded = None
    ready_said = 0.0
    stall = 0
    trace: list[str] = []
    for line in process.stdout:
        if line.startswith("READY"):
            ready = time.perf_counter() - started
            ready_said = float(line.split()[1]) if len(line.split()) > 1 else 0.0
        elif line.startswith("LOADED") and ready is not None:
            # LOADED comes a settling time after the services arrived: it says when they did, on
            # the same clock as READY.
            loaded = ready + float(line.split()[1]) - ready_said
            stall = int(line.rsplit("stall_ms=", 1)[1])
        elif line.startswith("STALL"):
            trace.append(line.rstrip("\n"))
    if process.wait(timeout=FIRST_START_TIMEOUT_S) != 0 or ready is None:
        raise RuntimeError(f"{command} ended without becoming ready (exit {process.returncode})")
    return Start(ready, loaded if loaded is not None else ready, stall, trace)


def generate_catalog(pack: Path, lessons: int) -> None:
    """A pack of ``lessons`` lessons: helper A's richer generator (bench/catalog.py) when present."""
    sys.path.insert(0, str(ROOT))
    try:
        from bench.catalog import generate_catalog as generate
    except ImportError:
        from bench.sync import generate as plain

        def generate(pack_dir: Path, count: int) -> None:
            plain(pack_dir, count, count * CATALOG_PICTURE_BYTES)
    generate(pack, lessons)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    packs = parser.add_mutually_exclusive_group()
    packs.add_argument("--content", type=Path, metavar="DIR", help="measure this content pack (default: the demo pack)")
    packs.add_argument("--catalog", type=int, metavar="LESSONS", help="measure a generated catalog of this many lessons")
    parser.add_argument("--trace", action="store_true", help="show what the GUI thread did in the worst start's stalls")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if args.catalog:
            pack = Path(scratch) / "catalog"
            generate_catalog(pack, args.catalog)
            label = f"generated catalog of {args.catalog:,} lessons"
        elif args.content:
            pack = args.content.resolve()
            label = f"content pack {pack}"
        else:
            pack, label = None, "the demo pack (resources/content)"
        return measure(args.runs, pack, label, args.trace)


def measure(runs: int, pack: Path | None, label: str, trace: bool) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # A deployed kiosk keeps Python's bytecode cache after its first start; a shell that turned it
    # off (PYTHONDONTWRITEBYTECODE) would make every start compile the project's sources again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    restart_env = dict(env, KIOSK_STALL_TRACE="1") if trace else env
    with tempfile.TemporaryDirectory() as data_dir:
        kiosk = [sys.executable, "main.py", "--windowed", "--no-voice", "--exit-when-ready", "--data-dir", data_dir]
        # The first start migrates, validates and imports the pack; the restarts draw Home from its snapshot.
        first = time_until_ready(kiosk + (["--content", str(pack)] if pack else []), env).ready
        bare: list[float] = []
        starts: list[Start] = []
        floor: list[int] = []
        for _ in range(runs):  # interleaved so all see the same machine load
            bare.append(time_until_ready([sys.executable, "-c", BARE_WINDOW], env).ready)
            starts.append(time_until_ready(kiosk, restart_env))
            floor.append(time_until_ready([sys.executable, "-c", BARE_STALL_FLOOR, str(FLOOR_WATCH_MS)], env).stall_ms)
    bare_median = statistics.median(bare)
    home_median = statistics.median(start.ready for start in starts)
    stalls = [start.stall_ms for start in starts]
    print(f"content measured    : {label}")
    print(f"bare PySide6 window : {bare_median * 1000:7.0f} ms (median of {runs})")
    print(f"kiosk Home          : {home_median * 1000:7.0f} ms (median of {runs}; takes touches, drawn from the Home snapshot)")
    print(f"kiosk fully loaded  : {statistics.median(start.loaded for start in starts) * 1000:7.0f} ms "
          "(median; database, content, every screen reachable)")
    print(f"event-loop stall    : {max(stalls):7d} ms (longest while loading, worst of {runs}; "
          f"median {statistics.median(stalls):.0f}; target < 50)")
    print(f"  each start        : {', '.join(str(stall) for stall in stalls)} ms")
    print(f"  bare window floor : {max(floor):7d} ms (worst of {runs}, median {statistics.median(floor):.0f}: a bare "
          f"PySide6 window's loop watched for {FLOOR_WATCH_MS} ms in the same run, the machine's own stalls)")
    print(f"kiosk first start   : {first * 1000:7.0f} ms (creates the database, imports the pack)")
    print(f"ratio Home / bare   : {home_median / bare_median:7.2f}  (target <= 2.0; Home target < 1500 ms)")
    if trace:
        worst = max(starts, key=lambda start: start.stall_ms)
        print(f"longest stalls of the worst start ({worst.stall_ms} ms), ui/stall_trace.py:")
        print("\n".join(worst.trace) if worst.trace else "  (none over the sampler's threshold)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
