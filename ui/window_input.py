"""Filters on the window where input enters it, instead of on the whole application.

Every touch, click and key reaches the kiosk's widgets through its top-level QWindow, so a filter
there sees all a visitor does. An application-wide filter in Python sees far more: PySide runs it
for each event of each widget (paints, layout requests, a style sheet change's thousands of
polish events) and wrapped every one in Python, about a third of a language change's freeze.
QTest's widget overloads hand events to a widget directly; tests that mean "a visitor touched
the screen" send them to the window (``QTest.mouseClick(window.windowHandle(), ...)``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

_NEW_HANDLE = (QEvent.Type.Show, QEvent.Type.WinIdChange)


class WindowInputFilters(QObject):
    """Installs ``filters`` on ``window``'s QWindow, and again whenever Qt makes that anew (it does
    when the window's flags change); the first of ``filters`` sees each event first."""

    def __init__(self, window: QWidget, filters: Sequence[QObject]):
        super().__init__(window)
        self._window = window
        self._filters = tuple(filters)
        self._handle: QWindow | None = None
        window.installEventFilter(self)  # the window's own events only, not its children's
        self._attach()

    @property
    def handle(self) -> QWindow | None:
        return self._handle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self._window and event.type() in _NEW_HANDLE:
            self._attach()
        return False

    def _attach(self) -> None:
        handle = self._window.windowHandle()
        if handle is None or handle is self._handle:
            return
        for watcher in reversed(self._filters):  # Qt asks the filter installed last first
            handle.installEventFilter(watcher)
        self._handle = handle
