"""Measuring helpers for screens that place a picture and words by hand (step, practice).

A wrapped label's height at a width is ``heightForWidth``; these find the width that keeps it
within a height, and the size a picture is drawn at inside a box, so a screen can share its
room between picture and words before anything is cut.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fitted(natural_width: float, natural_height: float, box_width: float, box_height: float) -> tuple[int, int]:
    """The size a picture is drawn at inside a box, keeping its proportions."""
    if natural_width <= 0 or natural_height <= 0 or box_width <= 0 or box_height <= 0:
        return 0, 0
    scale = min(box_width / natural_width, box_height / natural_height)
    return int(natural_width * scale), int(natural_height * scale)


def height_at(widgets: list[QWidget], width: int, gap: int) -> int:
    """The height a column of wrapped widgets needs at ``width``, with ``gap`` between them."""
    shown = [w for w in widgets if w is not None]
    if not shown:
        return 0
    return sum(max(w.heightForWidth(width), w.sizeHint().height() if not w.hasHeightForWidth() else 0) for w in shown) + gap * (len(shown) - 1)


def narrowest_width(widgets: list[QWidget], gap: int, height: int, low: int, high: int) -> int | None:
    """The narrowest width in [low, high] at which the column fits ``height``, or None.

    A wrapped text only grows shorter as it gets wider, so a binary search finds it in a few
    measurements (each one a text layout, so not one per pixel)."""
    if high < low or height_at(widgets, high, gap) > height:
        return None
    while high - low > 8:
        middle = (low + high) // 2
        if height_at(widgets, middle, gap) <= height:
            high = middle
        else:
            low = middle + 1
    return high
