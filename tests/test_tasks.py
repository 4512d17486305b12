"""The one background-task runner: work off the GUI thread, results and failures back on it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from kiosk.boot import BootServices, read_snapshot
from kiosk.interfaces import HomeServices
from ui.tasks import TaskRunner


def gui_thread() -> QThread:
    return QApplication.instance().thread()


def test_work_runs_on_its_lane_and_answers_on_the_gui_thread(qtbot):
    runner, seen = TaskRunner(), []
    runner.run(lambda: threading.current_thread().name, lambda name: seen.append((name, QThread.currentThread())),
               lane="sync")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    (name, thread), = seen
    assert name == "task-sync" and thread is gui_thread()
    assert not runner.busy()
    runner.shutdown()


def test_a_failure_reaches_on_failed_and_the_lane_goes_on(qtbot):
    runner, failures, results = TaskRunner(), [], []

    def broken():
        raise OSError("disk full")

    runner.run(broken, results.append, lambda error: failures.append((error, QThread.currentThread())))
    runner.run(lambda: 42, results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    (error, thread), = failures
    assert isinstance(error, OSError) and str(error) == "disk full" and thread is gui_thread()
    runner.shutdown()


def test_urgent_work_jumps_ahead_and_queued_work_can_be_dropped(qtbot):
    runner, order = TaskRunner(), []
    gate = threading.Event()
    runner.run(gate.wait, lane="speech")  # holds the lane while the rest is queued
    for name in ("later-1", "later-2"):
        runner.run(lambda name=name: name, order.append, lane="speech", urgent=False)
    runner.run(lambda: "urgent", order.append, lane="speech")
    runner.run(lambda: "dropped", order.append, lane="speech")
    runner.drop_queued("speech", urgent=True)
    runner.run(lambda: "urgent-after-drop", order.append, lane="speech")
    gate.set()
    qtbot.waitUntil(lambda: len(order) == 3, timeout=5000)
    assert order == ["urgent-after-drop", "later-1", "later-2"]
    runner.shutdown()


def test_a_cancelled_task_delivers_nothing_and_shutdown_ends_the_lanes(qtbot):
    runner, delivered = TaskRunner(), []
    gate = threading.Event()
    running = runner.run(gate.wait, delivered.append, lane="sync")
    queued = runner.run(lambda: "never", delivered.append, lane="sync")
    running.cancel()
    runner.shutdown()
    assert queued.cancelled and queued.finished.is_set()
    gate.set()
    qtbot.waitUntil(lambda: not runner.lane_alive("sync"), timeout=5000)
    assert running.finished.wait(5)
    QApplication.processEvents()  # the lane has ended, so any delivery it queued arrives now
    assert delivered == []
    after = runner.run(lambda: "after", delivered.append)
    assert after.cancelled, "a runner that was shut down takes no more work"


def test_boot_and_full_services_share_one_declared_interface(services):
    boot = BootServices.from_snapshot(services.data_dir, read_snapshot(services.data_dir))
    assert isinstance(boot, HomeServices) and isinstance(services, HomeServices)
    assert (boot.ready, services.ready) == (False, True)


def test_a_runner_destroyed_with_its_owner_lets_its_lanes_end_quietly(qtbot, monkeypatch):
    from PySide6.QtCore import QObject

    crashes = []
    monkeypatch.setattr(threading, "excepthook", lambda args: crashes.append(args.exc_value))
    owner = QObject()
    runner, delivered = TaskRunner(owner), []
    gate = threading.Event()
    runner.run(gate.wait, delivered.append, lane="sync")
    lane = runner._lanes["sync"]
    destroyed = []
    owner.destroyed.connect(lambda: destroyed.append(True))
    owner.deleteLater()
    qtbot.waitUntil(lambda: bool(destroyed), timeout=5000)
    gate.set()  # the task in hand finishes after its runner is gone
    qtbot.waitUntil(lambda: not lane.is_alive(), timeout=5000)
    QApplication.processEvents()
    assert crashes == [] and delivered == []
