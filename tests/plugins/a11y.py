"""Accessibility checks on what is really drawn: target sizes, gaps, text sizes, contrast."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from ui.theme import MIN_BODY_PX, MIN_GAP_PX, MIN_TARGET_PX
from ui.widgets.card_list import CardList

MIN_CONTRAST = 7.0
BUTTON_INSET = 12  # past the border and rounded corners, onto the face where the words are


def visible_rect(widget: QWidget, window: QWidget) -> QRect:
    region = widget.visibleRegion()
    if region.isEmpty():
        return QRect()
    box = region.boundingRect()
    return QRect(widget.mapTo(window, box.topLeft()), box.size())


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and not visible_rect(widget, window).isEmpty()


def buttons_on(root: QWidget, window: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if _shown(b, window)]


def texts_on(root: QWidget, window: QWidget) -> list[QWidget]:
    labels = [l for l in root.findChildren(QLabel) if l.text().strip() and _shown(l, window)]
    return labels + [b for b in buttons_on(root, window) if b.text().strip()]


def relative_luminance(rgb: np.ndarray) -> np.ndarray:
    channel = rgb / 255.0
    linear = np.where(channel <= 0.03928, channel / 12.92, ((channel + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast_in(image: np.ndarray, rect: QRect) -> float:
    """Contrast between the most common colour (the background) and the text colour in rect."""
    region = image[rect.top() : rect.bottom() + 1, rect.left() : rect.right() + 1].reshape(-1)
    colors, counts = np.unique(region, return_counts=True)
    rgb = np.stack([(colors >> 16) & 255, (colors >> 8) & 255, colors & 255], axis=1).astype(float)
    lum = relative_luminance(rgb)
    background = lum[np.argmax(counts)]
    # Anti-aliased edges give in-between colours; the text's own colour fills its strokes.
    solid = counts >= 12
    ratios = (np.maximum(lum, background) + 0.05) / (np.minimum(lum, background) + 0.05)
    return float(ratios[solid].max()) if solid.any() else 1.0


def grab(window: QWidget) -> np.ndarray:
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.bytesPerLine() // 4 * height)
    return data.reshape(height, image.bytesPerLine() // 4)[:, :width] & 0xFFFFFF


@dataclass(frozen=True)
class PaintedCard:
    """A card a list paints (ui/widgets/card_list.py): a target like a button, with no widget."""

    words: str
    height: int  # the whole card's, scrolled partly out of view or not
    rect: QRect  # the part in view, in the window's coordinates
    text_px: int  # its smallest text

    def text(self) -> str:
        return self.words


def cards_on(root: QWidget, window: QWidget) -> list[PaintedCard]:
    found = []
    for view in root.findChildren(CardList):
        if not _shown(view, window):
            continue
        viewport = view.viewport()
        seen = QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size()) & visible_rect(viewport, window)
        smallest = min(view.card_delegate.title_px, view.card_delegate.detail_px)
        for card, rect in view.visible_cards():
            in_window = QRect(viewport.mapTo(window, rect.topLeft()), rect.size())
            found.append(PaintedCard(card.title, rect.height(), in_window & seen, smallest))
    return found


def violations(root: QWidget, window: QWidget, min_text_px: int = MIN_BODY_PX) -> list[str]:
    found: list[str] = []
    buttons = buttons_on(root, window)
    cards = cards_on(root, window)
    for button in buttons:
        if button.height() < MIN_TARGET_PX:
            found.append(f"button '{button.text()}' is {button.height()} px tall")
    for card in cards:
        if card.height < MIN_TARGET_PX:
            found.append(f"card '{card.words}' is {card.height} px tall")
        if card.text_px < min_text_px:
            found.append(f"text of card '{card.words[:30]}' is {card.text_px} px")
    rects = [(b, visible_rect(b, window)) for b in buttons] + [(c, c.rect) for c in cards]
    for index, (first, a) in enumerate(rects):
        for second, b in rects[index + 1 :]:
            dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1)
            dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1)
            if max(dx, dy) < MIN_GAP_PX:
                found.append(f"buttons '{first.text()}' and '{second.text()}' are {max(dx, dy)} px apart")
    image = grab(window)
    for card in cards:
        rect = card.rect.adjusted(BUTTON_INSET, BUTTON_INSET, -BUTTON_INSET, -BUTTON_INSET)
        if rect.width() > card.text_px and rect.height() >= min(card.height - 2 * BUTTON_INSET, 2 * card.text_px):
            ratio = contrast_in(image, rect)
            if ratio < MIN_CONTRAST:
                found.append(f"card '{card.words[:30]}' has contrast {ratio:.1f}:1 at {rect.getRect()}")
    for widget in texts_on(root, window):
        size = widget.fontInfo().pixelSize()
        if size < min_text_px:
            found.append(f"text '{widget.text()[:30]}' is {size} px")
        rect = visible_rect(widget, window)
        if isinstance(widget, QAbstractButton):
            rect = rect.adjusted(BUTTON_INSET, BUTTON_INSET, -BUTTON_INSET, -BUTTON_INSET)
        # A line scrolled half out of view shows no whole letters to measure.
        if rect.width() > size and rect.height() >= min(widget.height(), 2 * size):
            ratio = contrast_in(image, rect)
            if ratio < MIN_CONTRAST:
                found.append(f"text '{widget.text()[:30]}' has contrast {ratio:.1f}:1 at {rect.getRect()}")
    return found


def point_in(widget: QWidget) -> QPoint:
    return widget.rect().center()
