"""Kiosk mode: a visitor cannot leave the app, by key, by closing or by minimising.

The keys are caught where they enter the window, before any widget sees them
(ui/window_input.py), so a focused widget that reacts to Escape (a dialog, a list) cannot be used
as a way out either. Alt+F4 is
also the window manager's; the window refuses the close that follows (MainWindow.closeEvent).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


def is_escape_key(event: QKeyEvent) -> bool:
    if event.key() == Qt.Key.Key_Escape:
        return True
    return event.key() == Qt.Key.Key_F4 and bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)


class KioskLock(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.engaged = False

    def engage(self) -> None:
        if self.engaged:
            return
        self.engaged = True
        QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)

    def release(self) -> None:
        if not self.engaged:
            return
        self.engaged = False
        QApplication.restoreOverrideCursor()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        return self.engaged and event.type() in _KEY_EVENTS and is_escape_key(event)
