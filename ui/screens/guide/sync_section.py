"""Sync status (content revision, last success, last error, rows waiting) and Sync now; and
whether this kiosk is connected to the city's server: not yet, or refused by it (removed from
the fleet, or unknown), each with "Connect this kiosk" (ui/screens/onboarding.py)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout

from kiosk.guide.status import SyncStatus, sync_status
from kiosk.sync.onboarding import needs_connecting, refusal_of
from protocol.sync_status import SyncStatus as Ended
from ui.i18n import tr
from ui.screens.guide.common import Section, compact, local_time
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label

FIELDS = ("revision", "success", "error", "waiting")


class SyncSection(Section):
    def __init__(self, panel):
        super().__init__(panel)
        self.grid = QGridLayout()
        self.names: dict[str, object] = {}
        self.values: dict[str, object] = {}
        for row, key in enumerate(FIELDS):
            self.names[key] = text_label("subtitle")
            self.values[key] = text_label("body")
            self.grid.addWidget(self.names[key], row, 0)
            self.grid.addWidget(self.values[key], row, 1)
        self.grid.setColumnStretch(1, 1)
        # Sync now stays put; what became of it and the figures under it scroll if they must.
        self.sync_button = compact(BigButton(role="primary"))
        self.sync_button.clicked.connect(self.sync_now)
        self.fixed.addWidget(self.sync_button)
        # Not connected yet, or refused by the server: said first, with the way to connect.
        self.connection = text_label("highlight")
        self.connect_button = compact(BigButton(role="primary"))
        self.connect_button.clicked.connect(self.panel.nav.open_onboarding)
        self.fixed.addWidget(self.connection)
        self.fixed.addWidget(self.connect_button)
        self.note = text_label("muted")
        self.column.addWidget(self.note)
        self.column.addLayout(self.grid)
        self.status: SyncStatus | None = None
        self._started = False
        # A sync runs in the background; while this page is open its result shows up by itself.
        self.poll = QTimer(self)
        self.poll.setInterval(2000)
        self.poll.timeout.connect(self.refresh)

    def actions(self):
        return [self.sync_button, *([self.connect_button] if self.connect_button.isVisibleTo(self) else [])]

    def refresh(self) -> None:
        super().refresh()
        self.grid.setSpacing(self.panel.sizes.gap)
        now = self.panel.now()
        status = self.status = sync_status(self.services.sessions)
        never = tr("Never")
        success = local_time(status.last_success, now)
        texts = {
            "revision": (tr("Content revision"), str(status.content_revision) if status.content_revision else tr("None")),
            "success": (tr("Last successful sync"), success.strftime("%Y-%m-%d %H:%M") if success else never),
            "error": (tr("Last error"), status.last_error or tr("None")),
            "waiting": (tr("Waiting to upload"), tr("{count} items").format(count=status.waiting)),
        }
        for key, (name, value) in texts.items():
            self.names[key].setText(name)
            self.values[key].setText(value)
        self.sync_button.setText(tr("Sync now"))
        available = self.panel.sync_now() is not None
        self.sync_button.setEnabled(available)
        if not available and needs_connecting(self.services.settings):
            self.note.setText("")  # said just below, with the way to connect
        elif not available:
            self.note.setText(tr("Sync is not set up on this kiosk (no server in its settings)."))
        elif self._started:
            self.note.setText(tr("Sync started. This page updates when it is done."))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))  # an empty line would only take room
        self._show_connection(status)

    def _show_connection(self, status: SyncStatus) -> None:
        settings = self.services.settings
        refused = refusal_of(status.last_error) if settings.sync_token else None
        if needs_connecting(settings):
            text = tr("This kiosk is not connected to the city's server yet, so it shows the content it came with.")
            button = tr("Connect this kiosk")
        elif refused is not None:
            text = refusal_text(refused)
            button = tr("Connect this kiosk again")
        else:
            text = button = ""
        self.connection.setText(text)
        self.connection.setVisible(bool(text))
        self.connect_button.setText(button)
        # Only where there is a server to connect to (ui/app.py start_onboarding).
        self.connect_button.setVisible(bool(text) and self.panel.nav.onboarding is not None)
        if self.isVisible() and self._started:
            self.poll.start()

    def sync_now(self) -> None:
        run = self.panel.sync_now()
        if run is None:
            return
        run()
        self._started = True
        self.refresh()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.poll.stop()
        super().hideEvent(event)

    def forget(self) -> None:
        self._started = False
        self.poll.stop()


def refusal_text(refused) -> str:
    """What the guide is told about a kiosk the server refuses (here and on the messages page)."""
    if refused == Ended.REVOKED:
        return tr("This kiosk was removed from the fleet on the admin page, so it no longer syncs. "
                  "Ask a city or district admin to connect it again.")
    return tr("The city's server does not know this kiosk (not authorised), so it does not sync. "
              "Connect it again with a new code.")
