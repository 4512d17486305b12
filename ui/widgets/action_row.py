"""Big buttons side by side across the width, wrapping onto more rows when their words do not
fit side by side (the largest text on a portrait panel) instead of making the screen wider than
the window or cutting a word. Each row's buttons share its whole width."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget


class ActionRow(QWidget):
    def __init__(self, buttons: Iterable[QAbstractButton], spacing: int = 24, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons = list(buttons)
        for button in self.buttons:
            button.setParent(self)
        self._spacing = spacing
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_spacing(self, spacing: int) -> None:
        if spacing != self._spacing:
            self._spacing = spacing
            self.updateGeometry()
            self._place()

    def rows(self, width: int) -> list[list[QAbstractButton]]:
        """Buttons in order, as many to a row as fit at their words' width."""
        rows: list[list[QAbstractButton]] = []
        used = 0
        for button in (b for b in self.buttons if not b.isHidden()):
            needed = button.sizeHint().width()
            if rows and used + self._spacing + needed <= width:
                rows[-1].append(button)
                used += self._spacing + needed
            else:
                rows.append([button])
                used = needed
        return rows

    def _row_height(self, row: list[QAbstractButton]) -> int:
        return max(button.sizeHint().height() for button in row)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt naming)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        rows = self.rows(width)
        return sum(self._row_height(row) for row in rows) + self._spacing * max(0, len(rows) - 1)

    def sizeHint(self) -> QSize:  # noqa: N802
        shown = [b for b in self.buttons if not b.isHidden()]
        if not shown:
            return QSize(0, 0)
        width = sum(b.sizeHint().width() for b in shown) + self._spacing * (len(shown) - 1)
        return QSize(width, self._row_height(shown))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # As narrow as its widest button: more rows, never a wider window.
        shown = [b for b in self.buttons if not b.isHidden()]
        if not shown:
            return QSize(0, 0)
        return QSize(max(b.sizeHint().width() for b in shown), self._row_height(shown))

    def event(self, event) -> bool:
        # A button's words changed (language, text size): its rows may change too.
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
            self._place()
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        y = 0
        for row in self.rows(self.width()):
            height = self._row_height(row)
            free = self.width() - self._spacing * (len(row) - 1)
            wanted = [b.sizeHint().width() for b in row]
            # Equal widths look calm; when a long word needs more, the room goes by the words,
            # so no button gets less than its words need.
            equal = all(need <= free // len(row) for need in wanted)
            x = 0
            for index, button in enumerate(row):
                if index == len(row) - 1:
                    width = free - (x - self._spacing * index)
                elif equal:
                    width = free // len(row)
                else:
                    width = free * wanted[index] // max(1, sum(wanted))
                button.setGeometry(QRect(x, y, width, height))
                x += width + self._spacing
            y += height + self._spacing
