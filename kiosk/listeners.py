"""Listeners a kiosk object tells when it changed (the guide's messages, the help requests).

Thread-safe: a listener is called on the thread that made the change, outside the lock, and
the UI re-posts to its own thread. A listener whose Qt object is already gone raises
RuntimeError; it is dropped instead of breaking the change that told it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Listener = Callable[[], None]


class Listeners:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[Listener] = []

    def add(self, listener: Listener) -> None:
        with self._lock:
            self._items.append(listener)

    def remove(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._items:
                self._items.remove(listener)

    def tell(self) -> None:
        with self._lock:
            listeners = list(self._items)
        for listener in listeners:
            try:
                listener()
            except RuntimeError:  # a window already gone (its Qt object deleted): stop telling it
                self.remove(listener)
