"""Work spread over turns of the event loop, so a paint, a tick or a tap can come between.

The start-up (ui/app.py) uses these to keep the GUI thread's longest stall under 50 ms: the
services load once Home has been painted, and the parts attached after them (speech, sync, remote
care) are made one per turn, their Python modules imported on the task runner first.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A window not painted this long after it was built is not being shown: its services load anyway.
FIRST_PAINT_FALLBACK_MS = 1000
# A timer, not a posted call (singleShot(0)): those posted while the loop delivers posted calls
# are delivered in the same turn, with no paint, tap or timer between them.
STEP_TURN_MS = 1


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, action: Callable[[], None], fallback_ms: int):
        super().__init__(widget)
        self._widget: QWidget | None = widget
        self._action: Callable[[], None] | None = action
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._run)  # queued: it runs once this paint has finished
        return False

    def _run(self) -> None:
        if self._action is None:
            return
        action, self._action = self._action, None
        if self._widget is not None:
            self._widget.removeEventFilter(self)
            self._widget = None
        action()


def after_first_paint(widget: QWidget, action: Callable[[], None], fallback_ms: int = FIRST_PAINT_FALLBACK_MS) -> None:
    """Run ``action`` once, from the event loop, when ``widget`` has been painted for the first
    time; a widget not painted within ``fallback_ms`` (never shown) runs it then all the same."""
    _AfterFirstPaint(widget, action, fallback_ms)


def one_per_turn(steps: list[Callable[[], None]], owner: QObject) -> None:
    """Each step in a turn of the event loop of its own, so that a paint or a tap can come between
    them (steps queued together with singleShot(0) all ran in one turn: 50-100 ms at start-up).
    A step that fails is reported as an uncaught error is, and the next one runs all the same;
    once ``owner`` is gone, none runs."""
    if not steps:
        return

    def run_first() -> None:
        try:
            steps[0]()
        except Exception as error:  # noqa: BLE001 (reported, as Qt would have)
            sys.excepthook(type(error), error, error.__traceback__)
        one_per_turn(steps[1:], owner)

    QTimer.singleShot(STEP_TURN_MS, owner, run_first)


def import_if_there(name: str) -> None:
    try:
        importlib.import_module(name)
    except Exception:  # noqa: BLE001 (reported by start_extras, which imports it again)
        pass


def import_modules(names: tuple[str, ...]) -> None:
    """Import these modules (on a worker: the GUI thread later finds them ready). None of them
    makes a Qt object when imported; they only define classes and functions."""
    for name in names:
        importlib.import_module(name)
