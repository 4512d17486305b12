"""Background sync for the kiosk window: the pure-Python SyncClient on its own QThread.

The worker reports by signals only; it never touches widgets. New content is applied to the
database by the client, and the window shows it the next time the visitor returns Home
(MainWindow.home reloads the repository), so nobody is disturbed mid-lesson.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from kiosk.sync.config import next_delay

log = logging.getLogger(__name__)


class SyncWorker(QObject):
    state_changed = Signal(str)  # "syncing", "idle", "failed", "stopped"
    finished = Signal(object)  # kiosk.sync.client.SyncResult
    content_updated = Signal(int)  # the repository revision now in the database

    def __init__(
        self,
        make_client: Callable[[], object],
        interval: float,
        jitter: float = 0.2,
        first_delay: float = 10.0,
        rng: random.Random | None = None,
    ):
        super().__init__()
        self._make_client = make_client
        self._client = None
        self.interval = interval
        self.jitter = jitter
        self.first_delay = first_delay
        self._rng = rng or random.Random()
        self._timer: QTimer | None = None
        self._stopped = False

    @Slot()
    def start(self) -> None:
        # Created here so that the timer lives in the worker's thread.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._schedule(next_delay(self.first_delay, self.jitter, self._rng))

    @Slot()
    def sync_now(self) -> None:
        if self._stopped:
            return
        self.state_changed.emit("syncing")
        try:
            if self._client is None:
                self._client = self._make_client()
            result = self._client.run()
        except Exception as error:  # a bug in sync must never take the kiosk down
            log.exception("sync crashed")
            result = None
            self.state_changed.emit("failed")
            self.finished.emit(error)
        else:
            self.finished.emit(result)
            if result.status == "updated":
                self.content_updated.emit(result.revision)
            self.state_changed.emit("idle" if result.ok else "failed")
        self._schedule(next_delay(self.interval, self.jitter, self._rng))

    @Slot()
    def stop(self) -> None:
        self._stopped = True
        if self._timer is not None:
            self._timer.stop()  # in its own thread, as Qt requires
        self.state_changed.emit("stopped")
        self.thread().quit()  # after this event, so the stop really ran

    def _schedule(self, seconds: float) -> None:
        if self._timer is not None and not self._stopped:
            self._timer.start(int(seconds * 1000))


class SyncController(QObject):
    """Owns the worker thread. ``start()`` once; ``stop()`` when the window closes."""

    def __init__(self, make_client: Callable[[], object], interval: float, jitter: float = 0.2,
                 first_delay: float = 10.0, parent: QObject | None = None):
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("kiosk-sync")
        self.worker = SyncWorker(make_client, interval, jitter, first_delay)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.start)
        self.state_changed = self.worker.state_changed
        self.finished = self.worker.finished
        self.content_updated = self.worker.content_updated

    def start(self) -> None:
        self.thread.start()

    def sync_now(self) -> None:
        QMetaObject.invokeMethod(self.worker, "sync_now", Qt.ConnectionType.QueuedConnection)

    def stop(self, wait_ms: int = 30000) -> bool:
        """Stops after the sync under way (bounded by its HTTP timeouts). True if the thread ended."""
        self.worker._stopped = True  # a plain flag: no new sync starts even before the event runs
        QMetaObject.invokeMethod(self.worker, "stop", Qt.ConnectionType.QueuedConnection)
        return self.thread.wait(wait_ms)


def controller_for(services, app_version: str = "0.1.0") -> SyncController | None:
    """A controller from the kiosk's settings, or None when sync is not configured."""
    from kiosk.sync.client import SyncClient
    from kiosk.sync.config import config_from_settings

    config = config_from_settings(services.settings, app_version)
    if config is None:
        return None
    return SyncController(
        lambda: SyncClient(services.data_dir, services.sessions, config),
        services.settings.sync_interval_seconds,
        services.settings.sync_jitter,
    )
