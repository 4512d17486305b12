"""The bundled demo content in a real window, for tests that walk its screens.

Fixtures: ``demo_data`` (a data dir with the demo pack applied once per session; copied, never
used directly) and ``demo_window`` (a shown MainWindow over a fresh copy, voice off, as a
preview: nothing it does is recorded)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.services import KioskServices


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("demo") / "data"
    KioskServices.open(data, preview=True)
    return data


@pytest.fixture
def demo_window(qtbot, demo_data: Path, tmp_path: Path):
    from ui.main_window import MainWindow

    data = tmp_path / "data"
    shutil.copytree(demo_data, data)
    services = KioskServices.open(data, preview=True)
    services.use_settings(services.settings.model_copy(update={"voice_on": False}))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
