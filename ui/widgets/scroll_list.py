"""A vertical list that scrolls by flicking a finger (QScroller), for lists of any length."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QVBoxLayout, QWidget


class ScrollList(QScrollArea):
    def __init__(self, spacing: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content.setObjectName("scrollContent")
        self.list_layout = QVBoxLayout(content)
        self.list_layout.setSpacing(spacing)
        self.list_layout.setContentsMargins(0, 0, 24, 0)
        self.list_layout.addStretch(1)
        self.setWidget(content)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)

    def clear(self) -> None:
        while self.list_layout.count() > 1:
            item = self.list_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.verticalScrollBar().setValue(0)

    def add(self, widget: QWidget) -> None:
        self.list_layout.insertWidget(self.list_layout.count() - 1, widget)
        # Shown now rather than on the next event-loop turn, so a list is complete at once.
        widget.show()
