"""Background sync for the kiosk window: the pure-Python SyncClient on the task runner's "sync" lane.

Timers live on the GUI thread and only decide when; the client runs on the "sync" lane and
reports back by signals. A visitor's help request never waits for it: this kiosk's help rows,
the help relay and remote care run on the "urgent" lane, which a long content download on the
sync lane does not hold up (kiosk/sync/help_sender.py).
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
# Help requests, the help relay and remote-care commands: never behind a content download.
URGENT_LANE = "urgent"


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
        help_sender=None,
    ):
        super().__init__(parent)
        self._make_client = make_client
        self._client = None
        self.interval, self.jitter, self.first_delay = interval, jitter, first_delay
        self._rng = rng or random.Random()
        self.runner = runner if runner is not None else TaskRunner(self)
        # Help requests must reach a guide within a minute, not at the next content sync.
        self.relay = relay
        self.help_sender = help_sender  # kiosk.sync.help_sender.HelpSender, or None without a token
        self._help_again = False  # a tap while a send ran: one more right after it
        self._help_running: Task | None = None
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

    def send_help(self) -> None:
        """A visitor called a guide (or no longer needs one): up now, ahead of any download."""
        if self._stopped or self.help_sender is None:
            return
        if self._help_running is not None:
            self._help_again = True
            return
        self._help_running = self.runner.run(self.help_sender.send, self._help_sent, self._help_failed,
                                             lane=URGENT_LANE)

    def poll_relay(self) -> None:
        if self._stopped or (self.relay is None and self.help_sender is None):
            return
        self.runner.run(self._exchange, self._relayed, self._relay_failed, lane=URGENT_LANE)

    def stop(self, wait_ms: int = 30000) -> bool:
        """No sync starts after this; True once the one under way (bounded by its HTTP timeouts) ended."""
        self._stopped = True
        self._timer.stop()
        self._relay_timer.stop()
        self.runner.drop_queued(SYNC_LANE)
        self.runner.drop_queued(URGENT_LANE)
        running, self._running = self._running, None
        if running is not None:
            running.cancel()  # its result is not reported any more
        self.state_changed.emit("stopped")
        return running is None or running.finished.wait(wait_ms / 1000)

    # On the lanes ---------------------------------------------------------------------------
    def _exchange(self) -> int | None:
        """Help rows left over from a failed send first, then the other kiosks' requests."""
        if self.help_sender is not None:
            try:
                self.help_sender.send()
            except Exception as error:  # noqa: BLE001 - the relay's list is worth fetching anyway
                log.info("help upload: %s", error)
        return self.relay.exchange() if self.relay is not None else None

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

    def _relayed(self, open_count: int | None) -> None:
        if not self._stopped and open_count is not None:
            self.relay_updated.emit(open_count)

    def _help_sent(self, _count: int) -> None:
        self._help_running = None
        if self._help_again:
            self._help_again = False
            self.send_help()

    def _help_failed(self, error: Exception) -> None:
        # Still queued: the relay's next exchange (within a minute) and every sync send it.
        log.info("help upload: %s", error)
        self._help_sent(0)

    def _relay_failed(self, error: Exception) -> None:  # the server being away is normal
        log.warning("help relay: %s", error)

    def _schedule(self, seconds: float) -> None:
        if not self._stopped:
            self._timer.start(int(seconds * 1000))


def controller_for(services, runner: TaskRunner | None = None, vitals=None) -> SyncController | None:
    """A controller from the kiosk's settings, or None when sync is not configured; ``vitals``
    (kiosk.vitals.Vitals) fills the heartbeat's operator fields."""
    settings = services.settings
    if not is_configured(settings):
        return None

    def make_client():
        # Runs on the sync lane: requests and cryptography load there, not on the GUI thread.
        from kiosk.sync.client import SyncClient

        return SyncClient(services.data_dir, services.sessions, config_from_settings(settings), vitals=vitals)

    help_sender = None
    if settings.sync_server_url and settings.sync_token:
        from kiosk.sync.help_sender import HelpSender

        help_sender = HelpSender(services.sessions, settings.sync_server_url, settings.sync_token)
    return SyncController(
        make_client,
        settings.sync_interval_seconds,
        settings.sync_jitter,
        relay=services.connect_relay(),
        runner=runner,
        help_sender=help_sender,
    )


class OnboardingController(QObject):
    """Connecting this kiosk by a code on its screen (kiosk/sync/onboarding.py), one step at a
    time on the sync lane: ask for a code, poll it every few seconds, a new code when it expires,
    "trying again" while the server cannot be reached. ``connected`` carries the delivered
    answer once; the composition root keeps it in the settings and starts syncing."""

    WAITING, OFFLINE, CONNECTED = "waiting", "offline", "connected"
    changed = Signal()  # state, ticket or problem changed
    connected = Signal(object)  # protocol.onboarding.PollAnswer, delivered

    def __init__(self, onboarding, runner: TaskRunner | None = None, poll_ms: int | None = None,
                 retry_ms: int = 5000, parent: QObject | None = None):
        """``poll_ms``: how often to poll (None: as often as the server asks); ``retry_ms``:
        how soon to try again when the server could not be reached."""
        super().__init__(parent)
        self.onboarding = onboarding
        self.runner = runner if runner is not None else TaskRunner(self)
        self.poll_ms, self.retry_ms = poll_ms, retry_ms
        self.state = self.WAITING
        self.ticket = None  # protocol.onboarding.StartAnswer: the code on screen
        self.answer = None  # the delivered PollAnswer, once connected
        self.problem = ""  # why the server could not be asked, while OFFLINE
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._step)
        self._running: Task | None = None
        self._active = False

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        """Begin (or go on) connecting; a kiosk already connected this run stays connected."""
        if self._active or self.state == self.CONNECTED:
            return
        self._active = True
        self._step()

    def stop(self) -> None:
        self._active = False
        self._timer.stop()
        if self._running is not None:
            self._running.cancel()
            self._running = None

    def _step(self) -> None:
        if not self._active or self._running is not None:
            return
        ticket = self.ticket
        self._running = self.runner.run(lambda: self.onboarding.step(ticket), self._stepped, self._failed,
                                        lane=SYNC_LANE)

    def _stepped(self, step) -> None:
        self._running = None
        if not self._active:
            return
        self.ticket, self.problem = step.ticket, ""
        if step.connected:
            self.state, self.answer = self.CONNECTED, step.answer
            self._active = False
            self.changed.emit()
            self.connected.emit(step.answer)
            return
        self.state = self.WAITING
        self.changed.emit()
        every = self.poll_ms if self.poll_ms is not None else step.ticket.poll_every * 1000
        self._timer.start(every)

    def _failed(self, error: Exception) -> None:
        self._running = None
        if not self._active:
            return
        log.info("connecting this kiosk: %s", error)
        self.state, self.problem = self.OFFLINE, str(error)
        self.changed.emit()
        self._timer.start(self.retry_ms)
