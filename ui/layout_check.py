"""What "fits" means, checked on the widgets as Qt laid them out (issue 11).

A screen fits its panel when, at the visitor's text size and language:
- the window is no larger than the panel (a screen that needs more makes Qt grow the window
  past the screen's edge, where nobody can see it);
- no text is cut: a wrapped label has the height its lines need, an unwrapped label or a
  button has the width its words need, a list's painted card the height its lines need;
- nothing sticks out past the side of what holds it, and no scroll area scrolls sideways;
- no scroll area sits inside another (a finger flicking one moves the other);
- the screen's main actions (Screen.main_actions), the bottom bar and any open dialog's
  buttons are wholly on screen without scrolling.
Long lists may scroll; what acts on them may not. tests/test_layout_fit.py walks every screen
of the tour at every panel, text size and language; ``kiosk --tour OUT --matrix`` writes the
same walk's screenshots and faults for an admin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QMainWindow,
    QScrollBar,
    QStackedWidget,
    QWidget,
)

from ui.widgets.card_list import CardList

SLACK_PX = 1  # layouts round to whole pixels


@dataclass(frozen=True)
class Fault:
    kind: str  # window-too-big, cut, sticks-out, scrolls-sideways, nested-scroll, action-hidden
    widget: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.widget}: {self.detail}"


def describe(widget: QWidget) -> str:
    """A widget as a person finds it: its kind, its words, and the screen it is on."""
    words = ""
    if isinstance(widget, (QLabel, QAbstractButton)) and widget.text().strip():
        text = " ".join(widget.text().split())
        words = f" '{text[:40]}{'...' if len(text) > 40 else ''}'"
    owner = widget.parentWidget()
    while owner is not None and owner.objectName() != "screen":
        owner = owner.parentWidget()
    where = f" on {type(owner).__name__}" if owner is not None and owner is not widget else ""
    name = f"#{widget.objectName()}" if widget.objectName() not in ("", "screen") else ""
    return f"{type(widget).__name__}{name}{words}{where}"


def _shown(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if w.isVisible() and not w.isWindow()]


def _in_scroll_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QAbstractScrollArea) and area.viewport() is parent


def _text_faults(widget: QWidget) -> list[Fault]:
    if isinstance(widget, QLabel) and widget.text().strip():
        room = widget.contentsRect()
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + SLACK_PX:
                return [Fault("cut", describe(widget), f"its lines need {needed} px of height, it has {widget.height()}")]
            return []
        metrics = widget.fontMetrics()
        lines = widget.text().split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines) + 2 * widget.margin()
        height = len(lines) * metrics.lineSpacing() + 2 * widget.margin()
        if width > room.width() + SLACK_PX or height > room.height() + metrics.leading() + 2 * SLACK_PX:
            return [Fault("cut", describe(widget), f"its text needs {width}x{height} px, it has {room.width()}x{room.height()}")]
    elif isinstance(widget, QAbstractButton) and widget.text().strip() and widget.layout() is None:
        # A button holding a layout of labels (a card) is checked through those labels.
        hint = widget.sizeHint()
        if hint.width() > widget.width() + SLACK_PX or hint.height() > widget.height() + SLACK_PX:
            return [Fault("cut", describe(widget), f"its words need {hint.width()}x{hint.height()} px, it has {widget.width()}x{widget.height()}")]
    return []


def _edge_faults(widget: QWidget) -> list[Fault]:
    parent = widget.parentWidget()
    if parent is None or isinstance(widget, QScrollBar) or _in_scroll_view(widget):
        return []  # a scroll area's content is checked by its scroll range instead
    box = widget.geometry()
    faults = []
    if box.left() < -SLACK_PX or box.right() > parent.width() - 1 + SLACK_PX:
        faults.append(Fault("sticks-out", describe(widget),
                            f"spans x {box.left()}..{box.right() + 1} inside {describe(parent)} {parent.width()} px wide"))
    if box.bottom() > parent.height() - 1 + SLACK_PX:
        faults.append(Fault("cut", describe(widget),
                            f"reaches y {box.bottom() + 1}, below the bottom of {describe(parent)} ({parent.height()} px)"))
    return faults


def _scroll_faults(area: QAbstractScrollArea) -> list[Fault]:
    faults = []
    sideways = area.horizontalScrollBar().maximum()
    if sideways > 0:
        faults.append(Fault("scrolls-sideways", describe(area), f"its content is {sideways} px wider than its view"))
    outer = area.parentWidget()
    while outer is not None and not isinstance(outer, QAbstractScrollArea):
        outer = outer.parentWidget()
    if outer is not None:
        faults.append(Fault("nested-scroll", describe(area), f"scrolls inside {describe(outer)}"))
    return faults


def _card_faults(view: CardList) -> list[Fault]:
    """A painted card is as tall as its words need at the list's width (ui/widgets/card_list.py)."""
    faults = []
    for card, rect in view.visible_cards():
        needed = view.card_delegate.needed_height(card, view.card_width())
        if needed > rect.height() + SLACK_PX:
            faults.append(Fault("cut", f"card '{card.title[:40]}' in {describe(view)}",
                                f"its lines need {needed} px of height, it has {rect.height()}"))
        if rect.right() > view.viewport().width() - 1 + SLACK_PX:
            faults.append(Fault("sticks-out", f"card '{card.title[:40]}' in {describe(view)}",
                                f"reaches x {rect.right() + 1} in a list {view.viewport().width()} px wide"))
    return faults


def _action_faults(widget: QWidget, window: QWidget) -> list[Fault]:
    if not widget.isVisible():
        return [Fault("action-hidden", describe(widget), "is not shown")]
    seen = widget.visibleRegion().boundingRect()
    top_left = widget.mapTo(window, widget.rect().topLeft())
    inside = window.rect().contains(top_left) and window.rect().contains(
        widget.mapTo(window, widget.rect().bottomRight())
    )
    if seen.size() != widget.size() or not inside:
        return [Fault("action-hidden", describe(widget),
                      f"only {seen.width()}x{seen.height()} of {widget.width()}x{widget.height()} px is on screen")]
    return []


def _window_faults(window: QWidget, panel: QSize) -> list[Fault]:
    if window.width() <= panel.width() and window.height() <= panel.height():
        return []
    # Name what asks for the room: the screen on show (ui/widgets/screen_stack.py counts only
    # it) and any strip of the window's column (the bar, a banner) wider than the panel.
    needs = []
    for stack in window.findChildren(QStackedWidget):
        page = stack.currentWidget()
        if page is not None and page.isVisible():
            hint = page.minimumSizeHint().expandedTo(page.minimumSize())
            needs.append(f"{describe(page)} needs {hint.width()}x{hint.height()}")
    central = window.centralWidget() if isinstance(window, QMainWindow) else None
    strips = [w for w in central.children() if isinstance(w, QWidget) and w.isVisible()] if central else []
    for strip in strips:
        hint = strip.minimumSizeHint().expandedTo(strip.minimumSize())
        if hint.width() > panel.width():
            needs.append(f"{describe(strip)} needs {hint.width()}x{hint.height()}")
    return [Fault("window-too-big", describe(window),
                  f"is {window.width()}x{window.height()} on a {panel.width()}x{panel.height()} panel"
                  + (f" ({'; '.join(needs)})" if needs else ""))]


def check(window: QWidget, panel: QSize, main_actions: Iterable[QWidget]) -> list[Fault]:
    """Every fault of what ``window`` shows now on a ``panel``-sized screen."""
    faults = _window_faults(window, panel)
    for widget in _shown(window):
        faults += _text_faults(widget)
        faults += _edge_faults(widget)
        if isinstance(widget, QAbstractScrollArea):
            faults += _scroll_faults(widget)
        if isinstance(widget, CardList):
            faults += _card_faults(widget)
    for action in main_actions:
        faults += _action_faults(action, window)
    return faults


def actions_of(window: QMainWindow) -> list[QWidget]:
    """What must be on screen now: an open dialog's buttons, else the screen's main actions;
    and the bottom bar, always."""
    dialogs = [o for o in window.findChildren(QWidget, "overlay") if o.isVisible()]
    if dialogs:
        actions = [b for o in dialogs for b in o.findChildren(QAbstractButton) if b.isVisibleTo(o)]
    else:
        actions = list(window.current_screen().main_actions())
    bar = getattr(window, "bar", None)
    if bar is not None and bar.isVisible():
        actions += [b for b in bar.findChildren(QAbstractButton) if b.isVisibleTo(bar)]
    return actions


def check_window(window: QMainWindow, panel: QSize) -> list[Fault]:
    return check(window, panel, actions_of(window))
