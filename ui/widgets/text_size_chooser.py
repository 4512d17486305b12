"""The bar's "Text size" opens this: three big choices, each written at the size it gives.

A visitor sees the sizes side by side and touches the one they can read; the words on the
bar's button never change, so nobody looking for bigger text is offered smaller.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QWidget

from kiosk.choices import TEXT_SIZES
from ui.i18n import tr
from ui.theme import MIN_TARGET_PX, sizes_for
from ui.widgets.big_button import BigButton
from ui.widgets.overlay import Overlay

# The mark is a letter of the visitor's own script, so every language sees its own writing grow.
SIZE_MARKS = {"ko": "가", "ja": "あ", "en": "A"}


def size_mark(locale: str) -> str:
    return SIZE_MARKS.get(locale, SIZE_MARKS["en"])


def size_names() -> dict[str, str]:
    """The sizes in the visitor's words; call after the translator is switched."""
    return {"normal": tr("Normal"), "large": tr("Large"), "largest": tr("Largest")}


# Four buttons and a heading fit a 1280x800 panel at the largest size only at this height.
COMPACT_TARGET_PX = MIN_TARGET_PX + 8


def own_size_style(text_size: str) -> str:
    """A style that shows a button's words at the size it stands for, whatever size is in use."""
    return f"font-size: {sizes_for(text_size).button}px; min-height: {COMPACT_TARGET_PX}px;"


class TextSizeChooser(Overlay):
    chosen = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.message.hide()
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.choices: dict[str, BigButton] = {}
        column = self.dialog.layout()
        for position, size in enumerate(TEXT_SIZES):
            button = BigButton(role="choice")
            button.setCheckable(True)
            button.setMinimumWidth(480)
            button.setStyleSheet(own_size_style(size))
            button.clicked.connect(lambda _=False, size=size: self._choose(size))
            self.group.addButton(button)
            # After the heading and the (hidden) message, before the Close button.
            column.insertWidget(2 + position, button)
            self.choices[size] = button
        self.button.set_role("secondary")
        self.button.setStyleSheet(f"min-height: {COMPACT_TARGET_PX}px;")
        column.setSpacing(24)
        self.answered.connect(self.hide)

    def present_sizes(self, current: str, locale: str) -> None:
        mark = size_mark(locale)
        for size, name in size_names().items():
            self.choices[size].setText(f"{mark}  {name}")
            self.choices[size].setChecked(size == current)
        self.present(tr("Text size"), "", tr("Close"))

    def _choose(self, size: str) -> None:
        self.hide()
        self.chosen.emit(size)
