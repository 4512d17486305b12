"""A calm message over the whole window, with one big button to answer it.

The dialog is as wide as the window allows (up to a comfortable line length) and as tall as
its words need at that width, so a long message (no guide here now: when one is next, the
center's phone) wraps instead of being cut. Where even that is taller than the window (a short
panel at the largest text) the message drops to the body size and the gaps close up, rather
than anything falling off the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ui.widgets.big_button import BigButton
from ui.widgets.labels import set_role, text_label

DIALOG_MAX_WIDTH = 1100  # longer lines are hard to follow from one to the next
OUTER_MARGIN = 32  # the dimmed window shows around the dialog, so it reads as a dialog
ROOMY, TIGHT = (48, 40, 32), (32, 24, 16)  # side margin, top and bottom margin, spacing


class Overlay(QWidget):
    answered = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(OUTER_MARGIN, OUTER_MARGIN, OUTER_MARGIN, OUTER_MARGIN)
        self.dialog = QFrame()
        self.dialog.setObjectName("dialog")
        self.column = QVBoxLayout(self.dialog)
        self.heading = text_label("title")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = text_label("subtitle")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = BigButton(role="primary")
        self.button.setMinimumWidth(480)
        self.button.clicked.connect(self.answered)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.message)
        self.column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        # Centred as an item (not by the layout's own alignment), so its height follows its width.
        outer.addWidget(self.dialog, 0, Qt.AlignmentFlag.AlignCenter)
        parent.installEventFilter(self)
        self.hide()

    def present(self, heading: str, message: str, button: str) -> None:
        self.heading.setText(heading)
        self.message.setText(message)
        self.button.setText(button)
        self.setGeometry(self.parentWidget().rect())
        self._fit()
        self.show()
        self.raise_()

    def _fit(self) -> None:
        room = self.parentWidget().size()
        self.dialog.setFixedWidth(max(1, min(DIALOG_MAX_WIDTH, room.width() - 2 * OUTER_MARGIN)))
        for role, (side, ends, spacing) in (("subtitle", ROOMY), ("body", TIGHT)):
            set_role(self.message, role)
            self.column.setContentsMargins(side, ends, side, ends)
            self.column.setSpacing(spacing)
            self.column.invalidate()
            if self.column.totalHeightForWidth(self.dialog.width()) <= room.height() - 2 * OUTER_MARGIN:
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
            if self.isVisible():
                self._fit()
        return False
