"""Startup: process start to an interactive Home, against a bare PySide6 window in the same run.

Run: .venv/bin/python bench/startup.py [--runs N]
Prints the median of N runs for each and the ratio (target: ratio <= 2.0, Home < 1.5 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
window = QLabel("bare")
window.resize(1920, 1080)
window.show()
def ready():
    print("READY", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def time_until_ready(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - started
            process.wait(timeout=30)
            return elapsed
    raise RuntimeError(f"{command} ended without becoming ready (exit {process.wait()})")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as data_dir:
        kiosk = [sys.executable, "main.py", "--windowed", "--no-voice", "--exit-when-ready", "--data-dir", data_dir]
        first = time_until_ready(kiosk, env)  # first start: migrate, validate and import the demo pack
        bare, home = [], []
        for _ in range(args.runs):  # interleaved so both see the same machine load
            bare.append(time_until_ready([sys.executable, "-c", BARE_WINDOW], env))
            home.append(time_until_ready(kiosk, env))
    bare_median, home_median = statistics.median(bare), statistics.median(home)
    print(f"bare PySide6 window : {bare_median * 1000:7.0f} ms (median of {args.runs})")
    print(f"kiosk Home          : {home_median * 1000:7.0f} ms (median of {args.runs})")
    print(f"kiosk first start   : {first * 1000:7.0f} ms (creates the database, imports the demo pack)")
    print(f"ratio Home / bare   : {home_median / bare_median:7.2f}  (target <= 2.0; Home target < 1500 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
