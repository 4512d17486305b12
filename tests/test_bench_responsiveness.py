"""bench/responsiveness.py: its timer sees a slow tap and the stall it makes, and the whole
scripted visit runs over a small pack and reports every kind of tap."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from bench.responsiveness import Taps
from tests.plugins.packs import add_bundled_practice, make_pack

ROOT = Path(__file__).resolve().parent.parent
BENCH_TIMEOUT_S = 400  # about 60 s on the 2-core machine; a bound, not an expectation
SLOW_HANDLER_S = 0.08  # a handler that holds the GUI thread this long, as a slow screen would


def test_a_slow_tap_is_timed_to_its_paint_and_its_stall_is_put_down_to_it(qtbot):
    window = QWidget()
    column = QVBoxLayout(window)
    quick, slow = QPushButton("quick"), QPushButton("slow")
    column.addWidget(quick)
    column.addWidget(slow)
    quick.clicked.connect(lambda: quick.setText("quick!"))
    slow.clicked.connect(lambda: (time.sleep(SLOW_HANDLER_S), slow.setText("slow!")))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    from PySide6.QtWidgets import QApplication

    taps = Taps(QApplication.instance(), window, pause_ms=20)
    taps.start()
    try:
        quick_ms = taps.tap("quick", quick)
        slow_ms = taps.tap("slow", slow)
        taps.doing("after")
        taps.pause(50)
    finally:
        taps.stop()
    assert quick.text() == "quick!" and slow.text() == "slow!"
    assert slow_ms >= SLOW_HANDLER_S * 1000 > quick_ms
    assert taps.times == {"quick": [quick_ms], "slow": [slow_ms]}
    longest = taps.sampler.longest(1)[0]
    assert longest.gap_ms >= SLOW_HANDLER_S * 1000 * 0.9
    assert taps.action_at(longest.started + longest.gap_ms / 1000) == "slow"


def test_the_visit_runs_over_a_small_pack_and_reports_every_kind_of_tap(tmp_path):
    pack = make_pack(tmp_path / "pack", lessons=3, programs=4)
    add_bundled_practice(pack, ("practice-scam-text",))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "bench/responsiveness.py", "--content", str(pack), "--runs", "1", "--pause-ms", "20"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=BENCH_TIMEOUT_S,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    (result,) = figures["packs"]
    taps = result["visit"]["taps_ms"]
    expected = {
        "home: learn", "category", "open a lesson", "step forward", "step back", "finish a lesson", "back",
        "practice: right tap", "home", "home: programs", "programs: filter", "program details", "home: notices",
        "call a guide", "call a guide: OK", "language", "text size: open", "text size", "PIN digit", "PIN: last digit", "PIN: checked, panel shown",
        "guide panel page", "guide: leave",
    }
    assert expected <= set(taps), expected - set(taps)
    assert len(taps["language"]) == 3 and len(taps["text size"]) == 3
    assert len(taps["PIN digit"]) == 5 and len(taps["programs: filter"]) == 3  # "All" and the pack's two themes
    assert all(0 < ms < 20000 for values in taps.values() for ms in values)
    assert len(result["start_stalls_ms"]) == 1 and result["floor_ms"] >= 0
    assert all(stall["after"] for stall in result["visit"]["stalls"])
    assert "every tap" in done.stdout and "longest stall in the visit" in done.stdout
