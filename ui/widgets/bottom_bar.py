"""The bar on every screen: Home, Back, Call a guide, Bigger text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.choices import TEXT_SIZES
from ui.i18n import tr
from ui.widgets.big_button import BigButton


class BottomBar(QWidget):
    home_pressed = Signal()
    back_pressed = Signal()
    help_pressed = Signal()
    bigger_text_pressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bottomBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.home = BigButton(role="secondary")
        self.back = BigButton(role="secondary")
        self.help = BigButton(role="help")
        self.bigger_text = BigButton(role="secondary")
        layout = QHBoxLayout(self)
        for button, signal in (
            (self.home, self.home_pressed),
            (self.back, self.back_pressed),
            (self.help, self.help_pressed),
            (self.bigger_text, self.bigger_text_pressed),
        ):
            button.clicked.connect(signal)
            layout.addWidget(button)
        self.retranslate("normal")

    def apply_sizes(self, gap: int, margin: int) -> None:
        self.layout().setSpacing(gap)
        self.layout().setContentsMargins(margin, margin, margin, margin)

    def retranslate(self, text_size: str) -> None:
        self.home.setText("⌂  " + tr("Home"))
        self.back.setText("←  " + tr("Back"))
        self.help.setText(tr("Call a guide"))
        # The button cycles; at the largest size its next press makes text smaller again.
        if text_size == TEXT_SIZES[-1]:
            self.bigger_text.setText(tr("Smaller text") + "  A")
        else:
            self.bigger_text.setText(tr("Bigger text") + "  A+")
