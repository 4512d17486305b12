"""The strip above the bottom bar in guide mode, so nobody mistakes the panel for the kiosk."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from ui.i18n import tr
from ui.theme import HIGHLIGHT, MIN_TARGET_PX
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label


class GuideBanner(QWidget):
    leave_pressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guideBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.apply_sizes(MIN_TARGET_PX + 8, 32)
        row = QHBoxLayout(self)
        # 8 px: the page above ends in its own margin and the bar below starts with one, so the
        # button is still more than 16 px from any other target, and the page keeps the room.
        row.setContentsMargins(24, 8, 24, 8)
        row.setSpacing(24)
        self.label = text_label("subtitle")
        row.addWidget(self.label, 1)
        self.leave = BigButton(role="primary")
        self.leave.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.leave.clicked.connect(self.leave_pressed)
        row.addWidget(self.leave)
        self.retranslate()
        self.hide()

    def apply_sizes(self, button_px: int, font_px: int) -> None:
        """Compact like the bottom bar at every text size, so the panel keeps the room.

        Ink on the highlight yellow: loud enough to notice, and well over 7:1.
        """
        self.setStyleSheet(
            f"QWidget#guideBanner {{ background: {HIGHLIGHT}; }}"
            f"QWidget#guideBanner QLabel {{ font-size: {font_px + 4}px; font-weight: 700; }}"
            # The button's whole height is ``button_px`` (less the 4 px border and padding here).
            f"QWidget#guideBanner QPushButton {{ min-height: {button_px - 16}px; max-height: {button_px - 16}px;"
            f" font-size: {font_px}px; padding: 4px 24px; }}"
        )

    def retranslate(self) -> None:
        self.label.setText(tr("Guide mode"))
        self.leave.setText(tr("Leave guide mode"))
