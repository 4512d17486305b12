"""Home at once: drawn from the snapshot of the last start while the services load on a worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from db.models import HelpRequest, OutboxEntry
from kiosk.boot import SNAPSHOT_FILE, BootServices, read_snapshot
from kiosk.services import KioskServices
from ui.tasks import TaskRunner
from tests.plugins.touch import click

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_dir(services) -> Path:
    """A data dir the kiosk has started on once (the `services` fixture), so it has a snapshot."""
    return services.data_dir


@pytest.fixture
def boot(data_dir) -> BootServices:
    snapshot = read_snapshot(data_dir)
    assert snapshot is not None
    return BootServices.from_snapshot(data_dir, snapshot)


def test_every_start_saves_a_snapshot_of_what_home_shows(data_dir, services):
    snapshot = read_snapshot(data_dir)
    assert snapshot.center.name["ko"] == "시험 경로당"
    assert snapshot.center.opening_hours["en"] == services.content.center().opening_hours["en"]
    assert snapshot.settings.default_locale == "ko" and snapshot.settings.idle_seconds == 120

    services.save_settings(services.settings.model_copy(update={"default_locale": "ja", "idle_seconds": 300}))
    snapshot = read_snapshot(data_dir)
    assert (snapshot.settings.default_locale, snapshot.settings.idle_seconds) == ("ja", 300)


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_text("{ half a fi", encoding="utf-8"),
        lambda path: path.write_text(json.dumps({"version": 99}), encoding="utf-8"),
        lambda path: path.write_text(
            path.read_text(encoding="utf-8").replace('"default_locale": "ko"', '"default_locale": "fr"'), encoding="utf-8"
        ),
        lambda path: path.write_text(
            path.read_text(encoding="utf-8").replace('"idle_seconds": 120', '"idle_seconds": "soon"'), encoding="utf-8"
        ),
        lambda path: path.unlink(),
    ],
    ids=["truncated", "other-version", "unknown-locale", "not-a-number", "missing"],
)
def test_a_damaged_snapshot_means_a_normal_start_never_a_wrong_home(data_dir, damage):
    damage(data_dir / SNAPSHOT_FILE)
    assert read_snapshot(data_dir) is None


def test_home_from_the_snapshot_then_the_visitor_carries_on_with_the_real_services(
    qtbot, make_window, boot, data_dir
):
    window = make_window(services=boot)
    home = window.screens["home"]
    assert window.starting
    assert home.title.text() == "시험 경로당"
    assert home.hours.text() == "운영: 평일 9시~18시"

    # What a visitor does while the rest loads: choices apply at once, navigation waits.
    click(qtbot, home.language_buttons["en"])
    assert home.learn.text() == "Learn digital skills"
    click(qtbot, home.learn)
    assert window.current_name() == "home"

    real = KioskServices.open(data_dir)
    with qtbot.waitSignal(window.services_ready, timeout=5000):
        window.attach_services(real)
    assert not window.starting and window.services is real
    assert home.services is real
    assert real.visitor.locale == "en"
    assert window.current_name() == "categories"  # the tap made while loading
    assert window.screens["categories"].title.text() == "What would you like to learn?"
    with real.sessions() as session:
        events = [p for p in session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "usage"))]
    screens = [e["screen"] for e in events if e["event"] == "screen"]
    assert screens == ["home", "categories"]  # the boot Home is logged for real, before what followed


def test_a_call_for_a_guide_while_loading_is_not_lost(qtbot, make_window, boot, data_dir):
    window = make_window(services=boot)
    click(qtbot, window.bar.help)
    assert not window.notice.isVisible()

    real = KioskServices.open(data_dir)
    window.attach_services(real)
    assert window.notice.isVisible()
    with real.sessions() as session:
        assert [r.screen for r in session.scalars(select(HelpRequest))] == ["home"]


def test_the_services_load_on_a_worker_and_arrive_on_the_gui_thread(qtbot, data_dir):
    runner, arrived_on, loaded_on = TaskRunner(), [], []

    def load():
        loaded_on.append(QThread.currentThread())
        return KioskServices.open(data_dir)

    runner.run(load, lambda services: arrived_on.append((services, QThread.currentThread())), lane="boot")
    qtbot.waitUntil(lambda: bool(arrived_on), timeout=10000)
    services, thread = arrived_on[0]
    assert isinstance(services, KioskServices) and services.content.center().name["ko"] == "시험 경로당"
    assert thread is QApplication.instance().thread()
    assert loaded_on[0] is not QApplication.instance().thread()
    runner.shutdown()


def test_a_failed_load_is_reported_not_swallowed(qtbot, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be", encoding="utf-8")
    runner, failures = TaskRunner(), []
    runner.run(lambda: KioskServices.open(blocker), lambda _: None, failures.append, lane="boot")
    qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    assert isinstance(failures[0], (FileExistsError, NotADirectoryError))
    runner.shutdown()


def test_the_second_start_shows_home_before_loading_and_finishes_loading(tmp_path, pack_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, str(ROOT / "main.py"), "--windowed", "--no-voice", "--exit-when-ready",
               "--data-dir", str(tmp_path / "data")]
    first = subprocess.run([*command, "--content", str(pack_dir)], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "data" / SNAPSHOT_FILE).exists()
    second = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert second.returncode == 0, second.stderr
    lines = [line.split() for line in second.stdout.splitlines() if line.startswith(("READY", "LOADED"))]
    assert [line[0] for line in lines] == ["READY", "LOADED"]
    assert float(lines[0][1]) < float(lines[1][1])  # Home took touches before the services had loaded


def test_every_screen_listed_by_path_is_the_screen_of_that_name(window):
    from ui.main_window import SCREENS

    for entry in SCREENS:
        name = entry[0] if isinstance(entry, tuple) else entry.name
        assert window.screens[name].name == name


def test_home_is_drawn_without_the_database_or_schema_libraries():
    """What a start from the snapshot imports before Home: Qt and the Home screen, not SQLAlchemy or
    pydantic (loaded on the worker behind Home; imported first they cost a few hundred ms)."""
    probe = ("import sys; import ui.app, ui.main_window, ui.screens.home; "
             "print(' '.join(m for m in ('sqlalchemy', 'pydantic', 'db.models') if m in sys.modules))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split() == []
