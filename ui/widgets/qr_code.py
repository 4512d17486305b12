"""A QR code drawn crisply at any size from segno's module matrix."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4


class QrCode(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.data = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(320, 320)

    def set_data(self, data: str) -> None:
        self.data = data
        qr = segno.make(data, error="m", micro=False)
        self._matrix = [[bool(cell) for cell in row] for row in qr.matrix]
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        if self._matrix:
            count = len(self._matrix) + 2 * QUIET_ZONE
            cell = min(self.width(), self.height()) / count
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#000000"))
            for y, row in enumerate(self._matrix):
                for x, dark in enumerate(row):
                    if dark:
                        painter.drawRect(QRectF((x + QUIET_ZONE) * cell, (y + QUIET_ZONE) * cell, cell + 0.5, cell + 0.5))
        painter.end()
