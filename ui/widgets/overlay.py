"""A calm message over the whole window, with one big button to answer it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label


class Overlay(QWidget):
    answered = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dialog = QFrame()
        self.dialog.setObjectName("dialog")
        self.dialog.setMaximumWidth(1100)
        column = QVBoxLayout(self.dialog)
        column.setContentsMargins(48, 40, 48, 40)
        column.setSpacing(32)
        self.heading = text_label("title")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = text_label("subtitle")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = BigButton(role="primary")
        self.button.setMinimumWidth(480)
        self.button.clicked.connect(self.answered)
        column.addWidget(self.heading)
        column.addWidget(self.message)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.dialog)
        parent.installEventFilter(self)
        self.hide()

    def present(self, heading: str, message: str, button: str) -> None:
        self.heading.setText(heading)
        self.message.setText(message)
        self.button.setText(button)
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False
