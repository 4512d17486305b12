"""Start-up without freezes: the services load only once Home is painted, the parts attached after
them import their modules off the GUI thread, and the stall sampler says what a stalled thread did."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from ui.app import BOOT_LANE, Launch, build_for, extra_modules
from ui.event_turns import after_first_paint
from ui.stall_trace import StallSampler

ROOT = Path(__file__).resolve().parent.parent


def test_an_action_after_the_first_paint_runs_once_the_widget_is_painted_and_only_once(qtbot):
    label, ran = QLabel("Home"), []
    qtbot.addWidget(label)
    after_first_paint(label, lambda: ran.append("ran"), fallback_ms=60_000)
    qtbot.wait(50)  # the event loop turns; nothing is painted yet
    assert ran == []
    label.show()
    qtbot.waitUntil(lambda: ran == ["ran"], timeout=5000)
    label.repaint()
    label.update()
    qtbot.wait(50)
    assert ran == ["ran"]


def test_a_widget_never_shown_runs_the_action_after_the_fallback(qtbot):
    label, ran = QLabel("never shown"), []
    qtbot.addWidget(label)
    after_first_paint(label, lambda: ran.append("ran"), fallback_ms=30)
    qtbot.waitUntil(lambda: ran == ["ran"], timeout=5000)


def test_from_the_snapshot_the_services_start_loading_only_once_home_is_painted(qtbot, services):
    launch = Launch(data_dir=services.data_dir, kiosk_mode=False, voice=False, sync=False)
    from PySide6.QtWidgets import QApplication

    window = build_for(QApplication.instance(), launch)
    qtbot.addWidget(window)
    assert window.starting
    qtbot.wait(100)  # several turns of the event loop before the window is shown
    assert not window.runner.busy(BOOT_LANE) and window.starting
    window.resize(1280, 800)
    with qtbot.waitSignal(window.services_ready, timeout=15000):
        window.show()
    assert not window.starting


def test_only_python_modules_are_imported_on_the_runner_never_qt_ones():
    # Loaded on a worker, Qt Multimedia ran its start-up code there and crashed the kiosk.
    qt_modules, python_modules = extra_modules(watch_hours=True, voice=True, sync=True)
    assert {"PySide6.QtMultimedia", "PySide6.QtQml", "ui.speech"} == set(qt_modules)  # ui.speech imports both
    assert {"kiosk.speech", "ui.sync_worker", "kiosk.sync.onboarding", "ui.remote_care",
            "ui.opening_watch", "segno"} == set(python_modules)
    assert not [name for name in python_modules if name.startswith(("PySide6", "shiboken6"))]
    assert extra_modules(watch_hours=False, voice=False, sync=False) == ((), ("segno",))


def blocked_in_a_known_place(release: threading.Event) -> None:
    assert release.wait(timeout=10)


def test_the_sampler_records_where_the_watched_thread_was_while_its_ticks_were_late():
    sampler = StallSampler(late_after_s=0.01, every_s=0.002).start()
    release = threading.Event()

    def release_after_samples() -> None:
        for _ in range(5000):  # a bound: 10 s at most
            if sampler.samples_so_far() >= 3:
                break
            threading.Event().wait(0.002)
        release.set()

    helper = threading.Thread(target=release_after_samples)
    try:
        sampler.tick()
        helper.start()
        blocked_in_a_known_place(release)
        sampler.tick()
    finally:
        release.set()
        helper.join(timeout=10)
        sampler.stop()
    stall = sampler.longest(1)[0]
    assert stall.gap_ms >= 10
    assert any("blocked_in_a_known_place" in frame for stack in stall.gui_stacks for frame in stack)
    report = stall.report(since=stall.started)
    assert report[0].startswith(f"STALL {stall.gap_ms:.0f} ms at +0 ms")
    assert any("gui x" in line and "blocked_in_a_known_place" in line for line in report)


@pytest.mark.parametrize("trace", ["0", "1"])
def test_the_start_up_report_says_ready_then_loaded_with_and_without_the_stall_trace(tmp_path, pack_dir, trace):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_STALL_TRACE=trace)
    command = [sys.executable, str(ROOT / "main.py"), "--windowed", "--no-voice", "--exit-when-ready",
               "--data-dir", str(tmp_path / "data")]
    first = subprocess.run([*command, "--content", str(pack_dir)], capture_output=True, text=True, timeout=120,
                           env=env, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert second.returncode == 0, second.stderr
    lines = second.stdout.splitlines()
    kinds = [line.split()[0] for line in lines if line.split()]
    assert kinds[0] == "READY" and kinds[-1] == "LOADED"
    assert int(lines[-1].rsplit("stall_ms=", 1)[1]) >= 0
    stalls = [line for line in lines if line.startswith("STALL")]
    if trace == "0":
        assert stalls == []
    assert all(line.startswith(("STALL   ", "STALL ")) for line in stalls)


def test_the_modules_imported_on_the_runner_load_no_qt_module_of_their_own():
    # In a fresh interpreter with what Home has loaded: the runner's imports must find every Qt
    # module they use already loaded on the GUI thread.
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import ui.app, ui.main_window\n"
        "loaded = {name for name in sys.modules if name.startswith(('PySide6', 'shiboken6'))}\n"
        "qt, python = ui.app.extra_modules(watch_hours=True, voice=True, sync=True)\n"
        "ui.event_turns.import_modules(python)\n"
        "print(sorted({name for name in sys.modules if name.startswith(('PySide6', 'shiboken6'))} - loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_steps_run_one_a_turn_so_the_loop_runs_between_them_and_a_failing_one_stops_none(qtbot, monkeypatch):
    from PySide6.QtCore import QTimer

    from ui.event_turns import one_per_turn

    happened, reported = [], []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: reported.append(error))

    def fail() -> None:
        happened.append("fail")
        raise RuntimeError("a part that could not start")

    def first() -> None:
        happened.append("first")
        QTimer.singleShot(0, lambda: happened.append("the loop in between"))

    owner = QLabel()
    qtbot.addWidget(owner)
    one_per_turn([first, fail, lambda: happened.append("last")], owner)
    qtbot.waitUntil(lambda: "last" in happened, timeout=5000)
    assert happened == ["first", "the loop in between", "fail", "last"]
    assert [str(error) for error in reported] == ["a part that could not start"]


def test_no_step_runs_once_its_owner_is_gone(qtbot):
    from ui.event_turns import one_per_turn

    owner, happened = QLabel(), []
    one_per_turn([lambda: happened.append("first"), lambda: happened.append("second")], owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken_alive(owner), timeout=5000)
    qtbot.wait(50)
    assert happened == []


def shiboken_alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
