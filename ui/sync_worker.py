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

from kiosk.sync.config import config_from_settings, is_configured, next_delay

log = logging.getLogger(__name__)


class SyncWorker(QObject):
    state_changed = Signal(str)  # "syncing", "idle", "failed", "stopped"
    finished = Signal(object)  # kiosk.sync.client.SyncResult
    content_updated = Signal(int)  # the repository revision now in the database
    relay_updated = Signal(int)  # how many help requests of other kiosks are open

    def __init__(
        self,
        make_client: Callable[[], object],
        interval: float,
        jitter: float = 0.2,
        first_delay: float = 10.0,
        rng: random.Random | None = None,
        relay=None,
        relay_interval: float = 60.0,
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
        # Help requests must reach a guide within a minute, not at the next content sync.
        self.relay = relay
        self.relay_interval = relay_interval
        self._relay_timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        # Created here so that the timer lives in the worker's thread.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._schedule(next_delay(self.first_delay, self.jitter, self._rng))
        if self.relay is not None:
            self._relay_timer = QTimer(self)
            self._relay_timer.timeout.connect(self.poll_relay)
            self._relay_timer.start(int(self.relay_interval * 1000))

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
        self.poll_relay()
        self._schedule(next_delay(self.interval, self.jitter, self._rng))

    @Slot()
    def poll_relay(self) -> None:
        if self.relay is None or self._stopped:
            return
        try:
            self.relay_updated.emit(self.relay.exchange())
        except Exception as error:  # the server being away is normal; the next poll tries again
            log.warning("help relay: %s", error)

    @Slot()
    def stop(self) -> None:
        self._stopped = True
        for timer in (self._timer, self._relay_timer):
            if timer is not None:
                timer.stop()  # in its own thread, as Qt requires
        self.state_changed.emit("stopped")
        self.thread().quit()  # after this event, so the stop really ran

    def _schedule(self, seconds: float) -> None:
        if self._timer is not None and not self._stopped:
            self._timer.start(int(seconds * 1000))


class SyncController(QObject):
    """Owns the worker thread. ``start()`` once; ``stop()`` when the window closes."""

    def __init__(self, make_client: Callable[[], object], interval: float, jitter: float = 0.2,
                 first_delay: float = 10.0, parent: QObject | None = None, relay=None,
                 relay_interval: float = 60.0):
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("kiosk-sync")
        self.relay = relay
        self.worker = SyncWorker(make_client, interval, jitter, first_delay, relay=relay, relay_interval=relay_interval)
        self.worker.moveToThread(self.thread)
        # Its timers belong to that thread, so it must also be destroyed there.
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.started.connect(self.worker.start)
        self.state_changed = self.worker.state_changed
        self.finished = self.worker.finished
        self.content_updated = self.worker.content_updated
        self.relay_updated = self.worker.relay_updated

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
    from kiosk.sync.relay import HelpRelay

    settings = services.settings
    if not is_configured(settings):
        return None

    def make_client():
        # Runs on the worker thread: requests and cryptography load there, not on the GUI thread.
        from kiosk.sync.client import SyncClient

        return SyncClient(services.data_dir, services.sessions, config_from_settings(settings, app_version))

    api_url, token = settings.sync_server_url, settings.sync_token
    return SyncController(
        make_client,
        settings.sync_interval_seconds,
        settings.sync_jitter,
        relay=HelpRelay(api_url, token) if api_url and token else None,
    )
