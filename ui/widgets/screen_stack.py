"""The window's stack of screens, as large as the screen on show needs and no larger.

QStackedWidget asks for the largest minimum of all its pages, shown or not, so one screen
built for a wide landscape panel would hold the window past a portrait panel's edge (and a
window Qt once grew does not shrink back). Only the current screen has to fit, so only it
counts here; ui/layout_check.py checks that it does.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget


class ScreenStack(QStackedWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def _current_hint(self, hint_of) -> QSize:
        page = self.currentWidget()
        return hint_of(page) if page is not None else QSize(0, 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return self._current_hint(lambda page: page.minimumSizeHint().expandedTo(page.minimumSize()))

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._current_hint(lambda page: page.sizeHint())
