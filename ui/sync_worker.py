"""Background sync for the kiosk window: the pure-Python SyncClient on the task runner's "sync" lane.

Timers live on the GUI thread and only decide when; the client and the help relay run on the
lane (one at a time, so a sync and a relay exchange never overlap) and report back by signals.
New content is applied to the database by the client, and the window shows it the next time the
visitor returns Home (MainWindow.home reloads the repository), so nobody is disturbed mid-lesson.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.sync.config import config_from_settings, is_configured, next_delay
from protocol.sync_status import SyncStatus
from ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

SYNC_LANE = "sync"


class SyncController(QObject):
    """``start()`` once; ``stop()`` when the window closes. Every signal arrives on the GUI thread."""

    state_changed = Signal(str)  # "syncing", "idle", "failed", "stopped"
    finished = Signal(object)  # kiosk.sync.client.SyncResult, or the exception a crashed sync raised
    content_updated = Signal(int)  # the repository revision now in the database
    relay_updated = Signal(int)  # how many help requests of other kiosks are open

    def __init__(
        self,
        make_client: Callable[[], object],
        interval: float,
        jitter: float = 0.2,
        first_delay: float = 10.0,
        parent: QObject | None = None,
        relay=None,
        relay_interval: float = 60.0,
        runner: TaskRunner | None = None,
        rng: random.Random | None = None,
    ):
        super().__init__(parent)
        self._make_client = make_client
        self._client = None
        self.interval, self.jitter, self.first_delay = interval, jitter, first_delay
        self._rng = rng or random.Random()
        self.runner = runner if runner is not None else TaskRunner(self)
        # Help requests must reach a guide within a minute, not at the next content sync.
        self.relay = relay
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.sync_now)
        self._relay_timer = QTimer(self)
        self._relay_timer.setInterval(int(relay_interval * 1000))
        self._relay_timer.timeout.connect(self.poll_relay)
        self._running: Task | None = None
        self._again = False  # Sync now pressed while a sync ran: one more right after it
        self._stopped = False

    def start(self) -> None:
        self._schedule(next_delay(self.first_delay, self.jitter, self._rng))
        if self.relay is not None:
            self._relay_timer.start()

    def sync_now(self) -> None:
        if self._stopped:
            return
        if self._running is not None:
            self._again = True
            return
        self._timer.stop()
        self.state_changed.emit("syncing")
        self._running = self.runner.run(self._run_client, self._synced, self._crashed, lane=SYNC_LANE)

    def poll_relay(self) -> None:
        if self.relay is None or self._stopped:
            return
        self.runner.run(self.relay.exchange, self._relayed, self._relay_failed, lane=SYNC_LANE)

    def stop(self, wait_ms: int = 30000) -> bool:
        """No sync starts after this; True once the one under way (bounded by its HTTP timeouts) ended."""
        self._stopped = True
        self._timer.stop()
        self._relay_timer.stop()
        self.runner.drop_queued(SYNC_LANE)
        running, self._running = self._running, None
        if running is not None:
            running.cancel()  # its result is not reported any more
        self.state_changed.emit("stopped")
        return running is None or running.finished.wait(wait_ms / 1000)

    # On the sync lane -----------------------------------------------------------------------
    def _run_client(self):
        if self._client is None:
            # requests and cryptography load here, on the lane, not on the GUI thread.
            self._client = self._make_client()
        return self._client.run()

    # Back on the GUI thread -------------------------------------------------------------------
    def _synced(self, result) -> None:
        self._running = None
        self.finished.emit(result)
        if result.status == SyncStatus.UPDATED:
            self.content_updated.emit(result.revision)
        self.state_changed.emit("idle" if result.ok else "failed")
        self._after_sync()

    def _crashed(self, error: Exception) -> None:  # a bug in sync must never take the kiosk down
        self._running = None
        log.error("sync crashed", exc_info=error)
        self.state_changed.emit("failed")
        self.finished.emit(error)
        self._after_sync()

    def _after_sync(self) -> None:
        self.poll_relay()
        if self._again:
            self._again = False
            self.sync_now()
        else:
            self._schedule(next_delay(self.interval, self.jitter, self._rng))

    def _relayed(self, open_count: int) -> None:
        if not self._stopped:
            self.relay_updated.emit(open_count)

    def _relay_failed(self, error: Exception) -> None:  # the server being away is normal
        log.warning("help relay: %s", error)

    def _schedule(self, seconds: float) -> None:
        if not self._stopped:
            self._timer.start(int(seconds * 1000))


def controller_for(services, runner: TaskRunner | None = None) -> SyncController | None:
    """A controller from the kiosk's settings, or None when sync is not configured."""
    settings = services.settings
    if not is_configured(settings):
        return None

    def make_client():
        # Runs on the sync lane: requests and cryptography load there, not on the GUI thread.
        from kiosk.sync.client import SyncClient

        return SyncClient(services.data_dir, services.sessions, config_from_settings(settings))

    return SyncController(
        make_client,
        settings.sync_interval_seconds,
        settings.sync_jitter,
        relay=services.connect_relay(),
        runner=runner,
    )
