"""Connect this kiosk: a short code in very large letters and a QR of the admin page's form, for
staff to enter on the admin page; the kiosk then connects by itself (kiosk/sync/onboarding.py).

The work runs in the window's OnboardingController (ui/sync_worker.py) on the sync lane; this
screen only shows where it stands: the code (a new one comes by itself when it expires), "no
connection to the server yet, trying again", and "Connected to <center>". On a wide panel the
QR code stands beside the words, on a tall one above them; the steps scroll if they must, the
code and the button never do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.clock import from_naive_utc
from protocol.onboarding import connect_link, show_code
from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.theme import sizes_for
from ui.widgets.action_row import ActionRow
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label
from ui.widgets.qr_code import QrCode
from ui.widgets.scroll_list import make_flickable

CODE_SCALE = 2.0  # the code, against the normal title's size


class OnboardingScreen(Screen):
    name = "onboarding"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.code = text_label("title")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.qr = QrCode()
        self.steps = [text_label("body") for _ in range(3)]
        self.status = text_label("highlight")
        self.detail = text_label("muted")
        words = QWidget()
        words.setObjectName("scrollContent")
        column = QVBoxLayout(words)
        column.setContentsMargins(0, 0, 0, 0)
        self.words_column = column
        # Where it stands comes first: on a short panel at the largest text the steps (for the
        # staff, who can scroll) are what goes below the fold, not "trying again".
        for label in (self.status, self.detail, *self.steps):
            column.addWidget(label)
        column.addStretch(1)
        self.scroll = make_flickable(QScrollArea(), words)
        self.scroll.setMinimumHeight(1)
        # The code heads the words beside the QR code, so the two share the height: the
        # window's pages are a stack, and this one's minimum counts on every screen.
        self.side = QVBoxLayout()
        self.side.setContentsMargins(0, 0, 0, 0)
        self.side.addWidget(self.code)
        self.side.addWidget(self.scroll, 1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(self.side, 1)
        self.meanwhile = BigButton(role="secondary")
        self.meanwhile.clicked.connect(self.nav.leave_onboarding)
        self.buttons = ActionRow((self.meanwhile,))
        self.root.addLayout(self.body, 1)
        self.root.addWidget(self.buttons)
        self._watched = None

    # Contract -------------------------------------------------------------------------------
    def enter(self, **params) -> None:
        controller = self.nav.onboarding
        if controller is not None and controller is not self._watched:
            controller.changed.connect(self._changed)
            self._watched = controller
        if controller is not None:
            controller.start()
        super().enter(**params)

    def refresh(self) -> None:
        super().refresh()
        s = self.sizes
        self.body.setSpacing(s.gap)
        self.side.setSpacing(s.gap)
        self.words_column.setSpacing(s.gap)
        self.buttons.set_spacing(s.gap)
        # Twice the normal title at every text size: it is read by staff from across the room, and
        # grown with a visitor's text size it left no room for the words beside it.
        self.code.setStyleSheet(f"font-size: {round(sizes_for('normal').title * CODE_SCALE)}px; font-weight: 700;")
        self.title.setText(tr("Connect this kiosk"))
        controller = self.nav.onboarding
        ticket = controller.ticket if controller is not None else None
        state = controller.state if controller is not None else "offline"
        connected = state == "connected"
        server = self.services.settings.sync_server_url
        if ticket is not None and not connected:
            self.code.setText(show_code(ticket.code))
            link = connect_link(server, ticket.code)
            if self.qr.data != link:
                self.qr.set_data(link)
        else:
            self.code.setText("")
        self.qr.setVisible(ticket is not None and not connected)
        self.code.setVisible(bool(self.code.text()))
        self.steps[0].setText(tr("1. On a computer or phone, open the kiosks' admin page and choose "
                                 "Connect a kiosk, or scan this QR code."))
        self.steps[1].setText(tr("2. Type the code shown here and choose this kiosk's center."))
        self.steps[2].setText(tr("3. The kiosk connects by itself within a few seconds."))
        for step in self.steps:
            step.setVisible(not connected)
        self.detail.setText("")
        if connected:
            self.status.setText(tr("Connected to {center}. Getting this center's content...").format(
                center=self._center_name(controller.answer)))
        elif state == "offline":
            self.status.setText(tr("No connection to the server yet. Trying again..."))
            self.detail.setText(controller.problem if controller is not None else server)
        elif ticket is not None:
            until = from_naive_utc(ticket.expires_at, None)
            self.status.setText(tr("Waiting for the code to be entered. A new code comes by itself "
                                   "after {time}.").format(time=until.strftime("%H:%M")))
        else:
            self.status.setText(tr("Asking the server for a code..."))
        self.detail.setVisible(bool(self.detail.text()))
        self.meanwhile.setText(tr("Start") if connected else tr("Use the kiosk for now"))

    def _center_name(self, answer) -> str:
        if answer is None:
            return ""
        names = answer.center_name or {}
        return names.get(self.locale) or names.get("ko") or answer.center or answer.name

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        direction = (QBoxLayout.Direction.LeftToRight if self.width() > self.height()
                     else QBoxLayout.Direction.TopToBottom)
        if self.body.direction() != direction:
            self.body.setDirection(direction)

    def main_actions(self) -> list[QWidget]:
        return [self.meanwhile, *([self.code] if self.code.isVisible() else [])]

    def speech(self) -> list[Spoken]:
        return [Spoken(self.title.text()), Spoken(self.status.text())]
