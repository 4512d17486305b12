"""Tapping a button the way a finger does, also where it sits in a flickable list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QScroller


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    # A page scrolls its long part: a visitor or guide flicks to a button before tapping it.
    scroller = button.parentWidget()
    while scroller is not None and not isinstance(scroller, QScrollArea):
        scroller = scroller.parentWidget()
    if scroller is None:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return
    scroller.ensureWidgetVisible(button)
    # QScroller holds a press back to tell a tap from a flick, and under the offscreen platform
    # the replayed press never reaches the button (under xcb it does), so the flick gesture
    # steps aside for the tap.
    QScroller.ungrabGesture(scroller.viewport())
    try:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        QScroller.grabGesture(scroller.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)


def tap_card(qtbot, cards, key: str) -> None:
    """Tap ``key``'s card in a card list (ui/widgets/card_list.py) where a finger would: on the
    card as drawn, scrolled into view first. ``cards`` is the CardList or a screen holding one."""
    view = getattr(cards, "list", cards)
    point = view.tap_point(key)
    assert view.isVisible() and view.viewport().rect().contains(point), key
    QScroller.ungrabGesture(view.viewport())  # as in click(): the offscreen platform loses held presses
    try:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    finally:
        QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
