"""Simple bar charts drawn with QPainter: large labels, ink on paper, values written out.

QtCharts would do, but its default fonts and pastel palette fight the kiosk's floors (large
text, 7:1 contrast); a few painted rectangles keep both under our control and load nothing.
Every chart also carries a plain-text summary (accessible description) of the same numbers.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import INK, PAPER, PRIMARY


class BarChart(QWidget):
    """Vertical bars (e.g. per hour) or horizontal bars (e.g. a ranking with long names)."""

    def __init__(self, horizontal: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.horizontal = horizontal
        self.bars: list[tuple[str, int]] = []
        self.label_every = 1  # vertical charts: label every n-th bar when they are narrow
        self.empty_text = ""
        self.font_px = 30
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_bars(self, bars: list[tuple[str, int]], empty_text: str = "", label_every: int = 1) -> None:
        self.bars = list(bars)
        self.empty_text = empty_text
        self.label_every = max(1, label_every)
        self.setAccessibleDescription(self.summary())
        self._fit_height()
        self.update()

    def set_font_px(self, px: int) -> None:
        self.font_px = px
        self._fit_height()
        self.update()

    def summary(self) -> str:
        if not any(value for _, value in self.bars):
            return self.empty_text
        return ", ".join(f"{label}: {value}" for label, value in self.bars if value or self.horizontal)

    def _row_height(self) -> int:
        return round(self.font_px * 1.8)

    def _fit_height(self) -> None:
        if self.horizontal:
            rows = max(1, len(self.bars))
            self.setFixedHeight(rows * self._row_height() + 16)
        else:
            self.setFixedHeight(self.font_px * 9)

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(self.font_px)
        font.setBold(True)
        return font

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(PAPER))
        painter.setFont(self._font())
        painter.setPen(QColor(INK))
        if not any(value for _, value in self.bars):
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
        elif self.horizontal:
            self._paint_rows(painter)
        else:
            self._paint_columns(painter)
        painter.end()

    def _paint_rows(self, painter: QPainter) -> None:
        metrics = QFontMetrics(painter.font())
        row = self._row_height()
        label_width = min(self.width() * 0.45, max(metrics.horizontalAdvance(label) for label, _ in self.bars) + 24)
        value_width = metrics.horizontalAdvance("0000") + 16
        bar_room = max(1.0, self.width() - label_width - value_width)
        peak = max(value for _, value in self.bars) or 1
        for index, (label, value) in enumerate(self.bars):
            top = 8 + index * row
            text_rect = QRectF(0, top, label_width - 16, row)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(text_rect.width()))
            painter.setPen(QColor(INK))
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
            length = bar_room * value / peak
            painter.fillRect(QRectF(label_width, top + row * 0.15, length, row * 0.7), QColor(PRIMARY))
            painter.drawText(
                QRectF(label_width + length + 12, top, value_width, row), Qt.AlignmentFlag.AlignVCenter, str(value)
            )

    def _paint_columns(self, painter: QPainter) -> None:
        line = round(self.font_px * 1.4)
        plot_top, plot_bottom = line + 8, self.height() - line - 8
        slot = self.width() / len(self.bars)
        peak = max(value for _, value in self.bars) or 1
        for index, (label, value) in enumerate(self.bars):
            left = index * slot
            height = (plot_bottom - plot_top) * value / peak
            bar = QRectF(left + slot * 0.15, plot_bottom - height, slot * 0.7, height)
            painter.fillRect(bar, QColor(PRIMARY))
            painter.setPen(QColor(INK))
            if value:
                painter.drawText(QRectF(left - slot, bar.top() - line, slot * 3, line), Qt.AlignmentFlag.AlignCenter, str(value))
            if index % self.label_every == 0:
                painter.drawText(
                    QRectF(left - slot, plot_bottom + 8, slot * 3, line), Qt.AlignmentFlag.AlignCenter, label
                )
        painter.fillRect(QRectF(0, plot_bottom, self.width(), 3), QColor(INK))
