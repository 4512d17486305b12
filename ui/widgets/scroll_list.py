"""A vertical list that scrolls by flicking a finger (QScroller), for lists of any length."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QVBoxLayout, QWidget


def make_flickable(area: QScrollArea, content: QWidget) -> QScrollArea:
    """Vertical-only scrolling of ``content`` that follows a finger (or a mouse drag)."""
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return area


class ScrollList(QScrollArea):
    def __init__(self, spacing: int, parent: QWidget | None = None):
        super().__init__(parent)
        content = QWidget()
        content.setObjectName("scrollContent")
        self.list_layout = QVBoxLayout(content)
        self.list_layout.setSpacing(spacing)
        self.list_layout.setContentsMargins(0, 0, 24, 0)
        self.list_layout.addStretch(1)
        make_flickable(self, content)

    def clear(self) -> None:
        while self.list_layout.count() > 1:
            item = self.list_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                # Hidden at once: deleteLater waits for the event loop, and until then the old
                # card would stay shown at its old place, over or below the new list.
                widget.hide()
                widget.deleteLater()
        self.verticalScrollBar().setValue(0)

    def add(self, widget: QWidget) -> None:
        self.list_layout.insertWidget(self.list_layout.count() - 1, widget)
        # Shown now rather than on the next event-loop turn, so a list is complete at once.
        widget.show()
