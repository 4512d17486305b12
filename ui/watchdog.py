"""systemd's watchdog, fed from the GUI thread: a frozen screen, not only a dead process, gets restarted.

READY=1 goes once the window is on screen and its services have loaded (a kiosk started from
the Home snapshot waits for ``window.services_ready``); WATCHDOG=1 goes from a QTimer on the
GUI thread every half of systemd's WatchdogSec. A QTimer fires only while the event loop turns,
so a GUI thread stuck in a long call, a deadlock or an endless loop sends no pings, and systemd
kills and restarts the kiosk after WatchdogSec (deploy/systemd/seoul-kiosk.service). Pings start
at once, before READY, so a long first start (the content imported before the window) is covered
too. STOPPING=1 goes when the application quits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from kiosk.systemd_notify import Notifier

log = logging.getLogger(__name__)


class Watchdog(QObject):
    """Owned by the window; tells ``notifier`` the kiosk is ready, alive, and stopping."""

    def __init__(self, window, notifier: Notifier):
        super().__init__(window)
        self.window = window
        self.notifier = notifier
        self.ready_sent = False
        self.pings = QTimer(self)
        if notifier.watchdog_interval is not None:
            self.pings.setInterval(max(1, int(notifier.watchdog_interval * 1000 / 2)))
            self.pings.timeout.connect(notifier.ping)
            self.pings.start()
            notifier.ping()  # the first at once: the time before the event loop starts counts too
        window.installEventFilter(self)
        if window.starting:
            window.services_ready.connect(self._maybe_ready)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        if window.isVisible():
            QTimer.singleShot(0, self, self._maybe_ready)

    def _maybe_ready(self) -> None:
        """Called from the event loop (after Show, or services_ready): "ready" means taking touches."""
        if self.ready_sent or not self.window.isVisible() or not self.window.services.ready:
            return
        self.ready_sent = True
        self.notifier.ready("Home is on screen")
        log.info("told systemd the kiosk is ready (watchdog every %s s)", self.notifier.watchdog_interval)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.window and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self, self._maybe_ready)
        return False

    def stop(self) -> None:
        """The application is quitting: no more pings, and systemd knows the end is on purpose."""
        self.pings.stop()
        self.notifier.stopping("The kiosk is stopping")


def install_watchdog(window, notifier: Notifier | None = None) -> Watchdog | None:
    """The watchdog for ``window``, or None when the kiosk does not run under systemd (no NOTIFY_SOCKET)."""
    notifier = notifier if notifier is not None else Notifier.from_environment()
    if notifier is None:
        return None
    return Watchdog(window, notifier)
