"""Sync status (content revision, last success, last error, rows waiting) and Sync now."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout

from kiosk.guide.status import SyncStatus, sync_status
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
        return [self.sync_button]

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
        if not available:
            self.note.setText(tr("Sync is not set up on this kiosk (no server in its settings)."))
        elif self._started:
            self.note.setText(tr("Sync started. This page updates when it is done."))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))  # an empty line would only take room
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
