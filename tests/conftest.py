"""Shared fixtures: real services over a temporary data dir, and a real window.

More helpers live in tests/plugins/, loaded below as pytest plugins: pytest finds their fixtures
and rewrites their asserts; test modules import only their plain helpers, by package path.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.services import KioskServices  # noqa: E402

SEOUL = dt.timezone(dt.timedelta(hours=9))
A_GUIDE_HOUR = dt.datetime(2026, 11, 30, 11, 0, tzinfo=SEOUL)  # a Monday, inside the default 10:00-16:00

pytest_plugins = [
    "tests.plugins.packs",
    "tests.plugins.demo",
    "tests.plugins.touch",
    "tests.plugins.fit",
    "tests.plugins.a11y",
    "tests.plugins.speech",
    "tests.plugins.server_database",
    "tests.plugins.browser",
]


@pytest.fixture(autouse=True)
def collect_garbage_on_the_main_thread():
    """As the kiosk does (ui/main_thread_gc.py): never let a server or worker thread destroy Qt objects."""
    gc.disable()
    yield
    gc.unfreeze()  # a kiosk started in the test froze what it made (ui/app.py): collected here again
    gc.collect()


@pytest.fixture
def services(tmp_path: Path, pack_dir: Path) -> KioskServices:
    services = KioskServices.open(tmp_path / "data", pack_dir)
    assert not services.problems, services.problems
    services.settings = services.settings.model_copy(update={"voice_on": False})
    services.visitor.settings = services.settings
    services.visitor.reset()
    return services


@pytest.fixture
def make_window(qtbot, services):
    """Build the kiosk window (windowed, 1920x1080 unless told) on the test's services.

    Its guide hours read a fixed weekday morning (inside the default hours), not the wall clock:
    what "Call a guide" answers must not depend on when the suite runs. Tests about the hours set
    ``window.guide_hours.clock`` themselves."""
    from ui.main_window import MainWindow

    def build(size=(1920, 1080), **kwargs) -> MainWindow:
        window = MainWindow(kwargs.pop("services", services), kiosk_mode=kwargs.pop("kiosk_mode", False), **kwargs)
        window.guide_hours.clock = lambda: A_GUIDE_HOUR
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return build


@pytest.fixture
def window(make_window):
    return make_window()
