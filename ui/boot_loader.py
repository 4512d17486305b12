"""Loads the kiosk's services on a worker thread while Home, drawn from the snapshot, is on screen.

Importing SQLAlchemy, pydantic and the content schema, opening the database and reading the
content take most of a start (see README, Benchmarks); none of it may hold up the first
screen or freeze the event loop. A one-shot Python thread is enough here: it only computes
and reports once, through a queued Qt signal, like the speech worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class ServicesLoader(QObject):
    loaded = Signal(object)  # kiosk.services.KioskServices, delivered on the GUI thread
    failed = Signal(str)

    def __init__(self, load: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._load = load
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="load-services", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            services = self._load()
        except Exception as error:  # reported on the GUI thread, which decides what to do
            log.exception("loading the kiosk's services failed")
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.loaded.emit(services)
