"""The Qt binding itself: a kiosk runs all day, so a leak per call is a crash by the afternoon."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget


def test_calls_that_return_nothing_keep_none_alive(qtbot):
    # PySide6 6.12.0 on Python 3.11 dropped a reference to None on each such call; the QR code
    # alone makes ~600 per paint, and the process aborted once None's count reached zero.
    widget = QWidget()
    qtbot.addWidget(widget)
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.drawRect(QRectF(1, 1, 2, 2))
        widget.update()
    after = sys.getrefcount(None)
    painter.end()
    assert after - before > -100, f"None lost {before - after} references in 4000 calls"
