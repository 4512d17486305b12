"""Full screen means the whole screen: with a window manager, without one, and under cage.

showFullScreen() is only a request. On X11 Qt sets _NET_WM_STATE_FULLSCREEN, which a window
manager carries out; on a bare X server (xinit and no window manager, how many kiosks boot)
nobody does, and the window keeps Qt's default size in a corner. An X window that no manager
redirects gets the geometry it asks for, so the window also asks for its screen's geometry
itself; a window manager that does obey the request makes the same rectangle of it.
Under a Wayland kiosk compositor the compositor sizes the window and the geometry asked for is
only a hint: cage maximises every window to its output, which is the whole panel because the
kiosk window is frameless (a framed one would lose the width of client-side decorations).

The window follows its screen. A new resolution or a rotation changes the screen's geometry
(QScreen.geometryChanged); a panel swapped for another, or monitors redefined with xrandr,
replace the screen (QGuiApplication.primaryScreenChanged, QWindow.screenChanged). The screen
is the primary one: a kiosk has one panel, and the primary is the one the system shows on.
availableGeometry is not used: a kiosk covers any panel or dock as well.

Each screen filled, each geometry and state the window then takes, and the geometry it is
first drawn at after a fill, are logged (logger "ui.full_screen", INFO): a kiosk's log shows
whether it covered its screen, and tests/test_full_screen.py reads it under cage, where no
outside tool can ask a Wayland window for its size.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication, QScreen, QWindow
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

log = logging.getLogger(__name__)

_GEOMETRY_EVENTS = (QEvent.Type.Resize, QEvent.Type.Move)
_PAINT = QEvent.Type.Paint
_STATE = QEvent.Type.WindowStateChange


def describe(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"


class FullScreen(QObject):
    """Keeps a top-level window over the whole of the primary screen, once show() is called."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self.following = False
        self._watched_screen: QScreen | None = None
        self._watched_handle: QWindow | None = None
        self._report_next_paint = False

    def show(self) -> None:
        """Show the window over its whole screen, and keep it there from now on."""
        if not self.following:
            self.following = True
            QGuiApplication.instance().primaryScreenChanged.connect(self._screen_changed)
            self.window.installEventFilter(self)
        self.fill()

    def fill(self) -> None:
        """Cover the primary screen now (again after a change of screen, or after a minimise)."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:  # every screen unplugged: the next primaryScreenChanged brings one
            return
        if self.window.screen() is not screen:
            self.window.setScreen(screen)
        self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()
        self._watch(screen)
        self._report_next_paint = True
        log.info("filling screen %r %s", screen.name(), describe(screen.geometry()))

    def _watch(self, screen: QScreen) -> None:
        if screen is not self._watched_screen:
            if self._watched_screen is not None and isValid(self._watched_screen):  # unplugged: gone
                self._watched_screen.geometryChanged.disconnect(self._screen_changed)
            screen.geometryChanged.connect(self._screen_changed)
            self._watched_screen = screen
        handle = self.window.windowHandle()
        if handle is not None and handle is not self._watched_handle:
            handle.screenChanged.connect(self._screen_changed)
            self._watched_handle = handle

    def _screen_changed(self, *_: object) -> None:
        if self.following:
            self.fill()

    def stop(self) -> None:
        """Leave the window where it is (kiosk mode ends)."""
        if not self.following:
            return
        self.following = False
        QGuiApplication.instance().primaryScreenChanged.disconnect(self._screen_changed)
        self.window.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is not self.window:
            return False
        if event.type() in _GEOMETRY_EVENTS and self.window.isVisible():
            log.info("window %s", describe(self.window.geometry()))
        elif event.type() == _STATE:  # under Wayland, also the compositor's answer (cage: maximised)
            log.info("window %s, state %s", describe(self.window.geometry()), self.window.windowState().name)
        elif event.type() == _PAINT and self._report_next_paint:
            # A compositor answers a size request when it configures the window, which is
            # before the window is first drawn: the geometry drawn at is the one granted.
            self._report_next_paint = False
            log.info("window drawn at %s", describe(self.window.geometry()))
        return False
