"""A large PIN pad: six dots that fill as digits are typed, and big keys in a phone layout.

The pad reports a complete PIN by itself (no OK key to find); what it does with it is the
screen's business. Keys never take focus, so nothing typed stays on screen after ``clear``.
The dots are a separate label (``dots``) the screen places, so the pad fits beside the words
on a landscape panel at every text size. The keys are as wide as their longest word needs
("모두 지우기" at the largest text), all alike, and no wider: the words beside them get the rest.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.guide.pin import PIN_LENGTH
from ui.i18n import tr
from ui.theme import MIN_BODY_PX, MIN_TARGET_PX
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label

FILLED, EMPTY = "●", "○"
# A thin space between the dots: they still count at a glance, and six fit beside the keys.
DOT_SPACE = "\u2009"
# Outside size (the style sheet below sets the content box): the bottom bar's, so the pad fits a
# 1366x768 panel under the guide banner, as the PIN screen stays in the window in guide mode.
KEY_HEIGHT = MIN_TARGET_PX + 8
KEY_WIDTH = 200  # at least: a digit key this wide is easy to hit
KEY_GAP = 16  # the floor between targets: four rows must fit beside the words on a short panel


class PinPad(QWidget):
    entered = Signal(str)  # a complete PIN

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._digits = ""
        # As wide as the keys need and no wider, whatever room the screen has.
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.dots = text_label("subtitle")
        self.dots.setWordWrap(False)  # six dots on one line always: wrapped, they read as two PINs
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid = QGridLayout()
        self.keys: dict[str, BigButton] = {}
        for index, digit in enumerate("123456789"):
            self._add_key(digit, index // 3, index % 3)
        self.delete = BigButton(role="secondary")
        self.delete.clicked.connect(self.delete_last)
        self.grid.addWidget(self.delete, 3, 0)
        self._add_key("0", 3, 1)
        self.clear_key = BigButton(role="secondary")
        self.clear_key.clicked.connect(self.clear)
        self.grid.addWidget(self.clear_key, 3, 2)
        for col in range(3):
            self.grid.setColumnStretch(col, 1)  # equal keys, whatever their labels
        column.addLayout(self.grid)
        # Sized now, not first on the screen's refresh: added to the window with the style
        # sheet's taller keys, the pad would grow the window past a short panel for good.
        self.apply_sizes(MIN_BODY_PX)
        self.retranslate()
        self._show_dots()

    def _add_key(self, digit: str, row: int, col: int) -> None:
        key = BigButton(digit, role="primary")
        key.clicked.connect(lambda _=False, d=digit: self.press(d))
        self.grid.addWidget(key, row, col)
        self.keys[digit] = key

    def apply_sizes(self, word_px: int) -> None:
        """``word_px``: the size of the words on Delete and Clear (the body text's), a little
        under the digits', so three keys of "모두 지우기" still leave the words beside them room."""
        self.grid.setSpacing(KEY_GAP)
        # Keys keep one height at every text size (only their words grow), so four rows fit
        # beside the words on a 1366x768 panel under the largest text and a help strip.
        inner = KEY_HEIGHT - 16  # less the 4 px border and 4 px padding, top and bottom
        for button in self._all_keys():
            # In the style sheet, as the window's rule would otherwise grow keys with the text;
            # narrow padding because the words on Delete and Clear need the width.
            words = f" font-size: {word_px}px;" if button in (self.delete, self.clear_key) else ""
            button.setStyleSheet(f"min-height: {inner}px; max-height: {inner}px; padding: 4px 8px;{words}")
        self._fit_key_width()

    def _fit_key_width(self) -> None:
        for button in self._all_keys():
            button.setMinimumWidth(0)
            button.ensurePolished()
        width = max(KEY_WIDTH, *(button.sizeHint().width() for button in self._all_keys()))
        for button in self._all_keys():
            button.setMinimumWidth(width)

    def _all_keys(self) -> tuple[BigButton, ...]:
        return (*self.keys.values(), self.delete, self.clear_key)

    def retranslate(self) -> None:
        self.delete.setText(tr("Delete"))
        self.clear_key.setText(tr("Clear"))
        self._fit_key_width()

    def digits(self) -> str:
        return self._digits

    def press(self, digit: str) -> None:
        if len(self._digits) >= PIN_LENGTH:
            return
        self._digits += digit
        self._show_dots()
        if len(self._digits) == PIN_LENGTH:
            pin, self._digits = self._digits, ""
            self._show_dots()
            self.entered.emit(pin)

    def delete_last(self) -> None:
        self._digits = self._digits[:-1]
        self._show_dots()

    def clear(self) -> None:
        self._digits = ""
        self._show_dots()

    def set_locked(self, locked: bool) -> None:
        if locked:
            self.clear()
        for button in self._all_keys():
            button.setEnabled(not locked)

    def _show_dots(self) -> None:
        count = len(self._digits)
        self.dots.setText(DOT_SPACE.join([FILLED] * count + [EMPTY] * (PIN_LENGTH - count)))
