"""Python's cyclic garbage collector, run only on the GUI thread.

Python collects cycles in whichever thread happens to allocate when a threshold is crossed. The
kiosk runs Python code on worker threads (speech synthesis, sync), so a cycle holding a Qt object
could be destroyed there: Qt then cannot stop that object's timers from the wrong thread, and the
GUI thread later delivers a timer event to freed memory and crashes. This was seen for real (a
segfault in QTimerInfoList::activateTimers once a server thread ran after many windows had been
built). Reference counting still frees almost everything at once; only cycles wait for the timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_EVERY_MS = 2_000


class MainThreadGarbageCollector(QObject):
    """Turns automatic collection off and collects from a GUI-thread timer instead."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = COLLECT_EVERY_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> None:
        """Collect the generations whose allocation counts crossed their thresholds, like Python would."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
