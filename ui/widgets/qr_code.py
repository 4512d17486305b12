"""A QR code drawn crisply at any size from segno's module matrix.

It takes the room its layout gives it, between MIN_SIDE (still read by a phone held at arm's
length) and MAX_SIDE, and draws the code as the largest square that fits, centred: on a short
panel at the largest text size the code shrinks so the texts and buttons beside it stay whole.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4
MIN_SIDE = 160
MAX_SIDE = 360


class QrCode(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.data = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(MIN_SIDE, MIN_SIDE)
        self.setMaximumSize(MAX_SIDE, MAX_SIDE)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return QSize(MAX_SIDE, MAX_SIDE)

    def set_data(self, data: str) -> None:
        self.data = data
        qr = segno.make(data, error="m", micro=False)
        self._matrix = [[bool(cell) for cell in row] for row in qr.matrix]
        self.update()

    def code_rect(self) -> QRectF:
        """The square the code (with its quiet zone) is drawn in, centred in this widget."""
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        painter = QPainter(self)
        square = self.code_rect()
        painter.fillRect(square, QColor("#FFFFFF"))
        if self._matrix:
            cell = square.width() / (len(self._matrix) + 2 * QUIET_ZONE)
            left, top = square.left() + QUIET_ZONE * cell, square.top() + QUIET_ZONE * cell
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#000000"))
            for y, row in enumerate(self._matrix):
                for x, dark in enumerate(row):
                    if dark:
                        painter.drawRect(QRectF(left + x * cell, top + y * cell, cell + 0.5, cell + 0.5))
        painter.end()
