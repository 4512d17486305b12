"""The bar on every screen: Home, Back, Call a guide, Text size."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.i18n import tr
from ui.widgets.big_button import BigButton


class BottomBar(QWidget):
    home_pressed = Signal()
    back_pressed = Signal()
    help_pressed = Signal()
    text_size_pressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bottomBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.home = BigButton(role="secondary")
        self.back = BigButton(role="secondary")
        self.help = BigButton(role="help")
        self.text_size = BigButton(role="secondary")
        layout = QHBoxLayout(self)
        for button, signal in (
            (self.home, self.home_pressed),
            (self.back, self.back_pressed),
            (self.help, self.help_pressed),
            (self.text_size, self.text_size_pressed),
        ):
            button.clicked.connect(signal)
            layout.addWidget(button)
        self.retranslate()

    def apply_sizes(self, gap: int, margin: int) -> None:
        self.layout().setSpacing(gap)
        self.layout().setContentsMargins(margin, margin, margin, margin)

    def retranslate(self, _text_size: str | None = None) -> None:
        self.home.setText("⌂  " + tr("Home"))
        self.back.setText("←  " + tr("Back"))
        self.help.setText(tr("Call a guide"))
        # Names the control, never a direction: it opens the chooser of all three sizes.
        self.text_size.setText(tr("Text size"))
