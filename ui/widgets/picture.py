"""A picture (SVG or raster) scaled to fit its box, keeping its proportions.

Drawn once per size into an image that later paints only copy: rendering a mock screen's SVG,
or smoothly scaling a photo, on every paint cost 10-30 ms each time a label beside it changed
(a sentence highlighted while it is read) and each frame of a practice target's glow."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget


class Picture(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._svg: QSvgRenderer | None = None
        self._image: QImage | None = None
        self._drawn: QImage | None = None  # the picture at the size it was last painted
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)

    def set_source(self, path: Path | None) -> None:
        self._svg = None
        self._image = None
        self._drawn = None
        if path is not None and path.is_file():
            if path.suffix.lower() == ".svg":
                renderer = QSvgRenderer(str(path))
                self._svg = renderer if renderer.isValid() else None
            else:
                image = QImage(str(path))
                self._image = None if image.isNull() else image
        self.update()

    def has_picture(self) -> bool:
        return self._svg is not None or self._image is not None

    def natural_size(self) -> QSize:
        if self._svg is not None:
            return self._svg.defaultSize()
        if self._image is not None:
            return self._image.size()
        return QSize(4, 3)

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn inside this widget (letterboxed)."""
        natural = self.natural_size()
        scale = min(self.width() / max(1, natural.width()), self.height() / max(1, natural.height()))
        width, height = natural.width() * scale, natural.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if not self.has_picture():
            return
        target = self.picture_rect()
        drawn = self._drawn_at(target.size().toSize())
        if drawn is None:
            return
        painter = QPainter(self)
        painter.drawImage(target.topLeft(), drawn)
        painter.end()

    def _drawn_at(self, size: QSize) -> QImage | None:
        ratio = self.devicePixelRatioF()
        pixels = QSize(round(size.width() * ratio), round(size.height() * ratio))
        if pixels.isEmpty():
            return None
        if self._drawn is not None and self._drawn.size() == pixels:
            return self._drawn
        if self._svg is not None:
            image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._svg.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            self._svg.render(painter, QRectF(0, 0, pixels.width(), pixels.height()))
            painter.end()
        else:
            image = self._image.scaled(pixels, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        image.setDevicePixelRatio(ratio)
        self._drawn = image
        return image
