"""A picture of a mock screen that knows where its one right place to tap is.

The target is given in the picture's own coordinates (``picture_size``, the SVG's viewBox);
taps are mapped back through ``Picture.picture_rect()``, so the target keeps its place however
the picture is scaled and letterboxed. ``glow()`` draws a thick pulsing ring over the target.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ui.theme import HELP, HIGHLIGHT, MIN_GAP_PX, MIN_TARGET_PX
from ui.widgets.picture import Picture


class TapPicture(Picture):
    hit = Signal()  # the target was tapped
    missed = Signal(QPointF)  # a tap elsewhere on the picture, in picture coordinates
    touched = Signal()  # any touch at all (restarts the "no touch" hint timer)

    # A finger that lands a little beside a drawn button still means that button.
    SLOP_PX = MIN_GAP_PX // 2
    PULSE_MS = 900

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)  # Qt turns touches into clicks
        self.picture_size: tuple[float, float] = (800.0, 600.0)
        self.target: QRectF | None = None
        self._press: QPointF | None = None
        self._glowing = False
        self._pulse = 0.0
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setKeyValueAt(0.5, 1.0)
        self._animation.setEndValue(0.0)
        self._animation.setDuration(self.PULSE_MS)
        self._animation.setLoopCount(-1)
        self._animation.valueChanged.connect(self._set_pulse)

    # Content -------------------------------------------------------------------------------
    def set_target(self, picture_size: tuple[float, float], target: QRectF | None) -> None:
        self.picture_size = (float(picture_size[0]), float(picture_size[1]))
        self.target = target
        self.set_glow(False)

    # Mapping -------------------------------------------------------------------------------
    def _scale(self) -> tuple[QRectF, float, float]:
        drawn = self.picture_rect()
        width, height = self.picture_size
        return drawn, drawn.width() / max(1.0, width), drawn.height() / max(1.0, height)

    def to_picture(self, point: QPointF) -> QPointF:
        """A point on this widget, in the picture's own coordinates."""
        drawn, sx, sy = self._scale()
        return QPointF((point.x() - drawn.x()) / max(sx, 1e-9), (point.y() - drawn.y()) / max(sy, 1e-9))

    def to_widget(self, rect: QRectF) -> QRectF:
        """A rectangle in picture coordinates, where it is drawn on this widget."""
        drawn, sx, sy = self._scale()
        return QRectF(drawn.x() + rect.x() * sx, drawn.y() + rect.y() * sy, rect.width() * sx, rect.height() * sy)

    def target_on_widget(self) -> QRectF:
        return self.to_widget(self.target) if self.target is not None else QRectF()

    def hit_area(self) -> QRectF:
        """Where a tap counts as on the target: the target with a finger's slop around it, and
        never smaller than the smallest touch target, however small the picture is drawn."""
        if self.target is None:
            return QRectF()
        area = self.target_on_widget().adjusted(-self.SLOP_PX, -self.SLOP_PX, self.SLOP_PX, self.SLOP_PX)
        grow_x = max(0.0, MIN_TARGET_PX - area.width()) / 2
        grow_y = max(0.0, MIN_TARGET_PX - area.height()) / 2
        return area.adjusted(-grow_x, -grow_y, grow_x, grow_y)

    def is_on_target(self, point: QPointF) -> bool:
        """Whether a point on this widget falls on the target (see ``hit_area``)."""
        return self.target is not None and self.hit_area().contains(point)

    # Glow ----------------------------------------------------------------------------------
    @property
    def glowing(self) -> bool:
        return self._glowing

    def set_glow(self, on: bool) -> None:
        self._glowing = on and self.target is not None
        if self._glowing:
            self._animation.start()
        else:
            self._animation.stop()
            self._pulse = 0.0
        self.update()

    def _set_pulse(self, value) -> None:
        self._pulse = float(value)
        self.update()

    # Events --------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self.touched.emit()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        press, self._press = self._press, None
        release = event.position()
        if not self.has_picture():
            return
        # A shaky finger may land on the button and slide off it, or the other way round.
        if self.is_on_target(release) or (press is not None and self.is_on_target(press)):
            self.hit.emit()
        elif self.picture_rect().contains(release) or (press is not None and self.picture_rect().contains(press)):
            self.missed.emit(self.to_picture(release))
        event.accept()

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._glowing or self.target is None or not self.has_picture():
            return
        ring = self.target_on_widget()
        width = MIN_GAP_PX * (0.6 + 0.4 * self._pulse)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # A light (highlight) halo outside a strong red (help colour) ring: visible on dark and light mock screens alike.
        halo = QColor(HIGHLIGHT)
        halo.setAlphaF(0.55 + 0.45 * self._pulse)
        painter.setPen(QPen(halo, width * 2))
        painter.drawRoundedRect(ring.adjusted(-width, -width, width, width), width, width)
        painter.setPen(QPen(QColor(HELP), width))
        painter.drawRoundedRect(ring.adjusted(-width / 2, -width / 2, width / 2, width / 2), width, width)
        painter.end()
