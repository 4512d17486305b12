"""The one way the UI runs long work: off the GUI thread, result or failure back on it.

After Anki's qt/aqt/taskman.py. ``runner.run(work, on_done, on_failed, lane=...)`` calls ``work()``
on a worker thread and then ``on_done(result)`` or ``on_failed(error)`` on the GUI thread, where
they may touch widgets. Boot loading, speech synthesis and sync all go through here.

Lanes: each lane is one worker thread that runs its tasks in order. Work that must not overlap
itself gets a lane of its own: speech synthesis (pyttsx3/espeak-ng are process-wide singletons,
and a spoken request must jump ahead of prefetching), sync (one sync at a time, and a slow server
must never delay speech), urgent (help requests, the help relay and remote care: a download of
hundreds of MB on the sync lane must never hold up a call for a guide). A Python thread per lane rather than a QThreadPool
because the work is Python code that drops the GIL in C (espeak-ng, sockets, SQLite) anyway, and
a plain thread needs no Qt event loop to be torn down in the right place.

Qt objects die only on the GUI thread (ui/main_thread_gc.py): a task, with its callbacks and
whatever they hold, is kept alive by the runner on the GUI thread until it has been delivered
there, so the worker never drops the last reference to it.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

DEFAULT_LANE = "background"


@dataclass(eq=False)
class Task:
    work: Callable[[], Any]
    on_done: Callable[[Any], None] | None = None
    on_failed: Callable[[Exception], None] | None = None
    lane: str = DEFAULT_LANE
    result: Any = None
    error: Exception | None = None
    cancelled: bool = False
    finished: threading.Event = field(default_factory=threading.Event)
    key: int = field(default_factory=itertools.count().__next__)

    def cancel(self) -> None:
        """Skip it if it has not started; a task that is running finishes but delivers nothing."""
        self.cancelled = True


class _Postbox:
    """Where lanes hand finished tasks to the GUI thread, closed when the runner's Qt object is gone.

    A runner can be destroyed with its owner (a window, a controller) while a lane still works;
    posting to a deleted QObject raises on the lane's thread, so the lane asks here first, under a
    lock the destruction takes too.
    """

    def __init__(self, post: Callable[[int], None]):
        self._post: Callable[[int], None] | None = post
        self._lock = threading.Lock()

    def deliver(self, key: int) -> bool:
        """False once closed: the lane then ends."""
        with self._lock:
            if self._post is None:
                return False
            self._post(key)
            return True

    def close(self) -> None:
        with self._lock:
            self._post = None


class _Lane(threading.Thread):
    def __init__(self, name: str, deliver: Callable[[int], bool]):
        super().__init__(name=f"task-{name}", daemon=True)
        self._deliver = deliver
        self._urgent: deque[Task] = deque()
        self._later: deque[Task] = deque()
        self._wake = threading.Condition()
        self._closing = False

    def submit(self, task: Task, urgent: bool) -> None:
        with self._wake:
            (self._urgent if urgent else self._later).append(task)
            self._wake.notify()

    def drop_queued(self, urgent: bool) -> list[Task]:
        with self._wake:
            queue = self._urgent if urgent else self._later
            dropped = list(queue)
            queue.clear()
            return dropped

    def close(self) -> list[Task]:
        with self._wake:
            self._closing = True
            dropped = list(self._urgent) + list(self._later)
            self._urgent.clear()
            self._later.clear()
            self._wake.notify()
            return dropped

    def run(self) -> None:
        while True:
            with self._wake:
                while not self._urgent and not self._later and not self._closing:
                    self._wake.wait()
                if self._closing:
                    return
                task = self._urgent.popleft() if self._urgent else self._later.popleft()
            if not task.cancelled:
                try:
                    task.result = task.work()
                except Exception as error:  # delivered to on_failed; one bad task never ends the lane
                    task.error = error
            task.finished.set()
            key = task.key
            # Let go before telling the GUI thread, whose copy in the runner must be the last one.
            del task
            if not self._deliver(key):
                return


class TaskRunner(QObject):
    """Owned by the application; ``shutdown()`` at quit ends every lane."""

    _delivered = Signal(object)  # a task's key, emitted on a lane's thread, received on the GUI thread

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._lanes: dict[str, _Lane] = {}
        self._in_flight: dict[int, Task] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._delivered.connect(self._on_delivered)
        self._postbox = _Postbox(self._delivered.emit)
        lanes, postbox = self._lanes, self._postbox  # not self: it is being destroyed when this runs
        self.destroyed.connect(lambda: _abandon(postbox, lanes))

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[Exception], None] | None = None,
        *,
        lane: str = DEFAULT_LANE,
        urgent: bool = True,
    ) -> Task:
        """Queue ``work`` on ``lane``; ``urgent=False`` queues it behind every urgent task of the lane."""
        task = Task(work, on_done, on_failed, lane)
        if self._closed:
            task.cancel()
            return task
        with self._lock:
            self._in_flight[task.key] = task
        self._lane(lane).submit(task, urgent)
        return task

    def drop_queued(self, lane: str, *, urgent: bool = True) -> None:
        """Forget the lane's tasks not yet started (urgent ones, or the ones queued for later)."""
        if lane in self._lanes:
            self._forget(self._lanes[lane].drop_queued(urgent))

    def busy(self, lane: str | None = None) -> bool:
        with self._lock:
            return any(lane is None or task.lane == lane for task in self._in_flight.values())

    def lane_alive(self, lane: str) -> bool:
        return lane in self._lanes and self._lanes[lane].is_alive()

    def shutdown(self) -> None:
        """No new work; queued work is dropped; a task already running is left to end on its own."""
        self._closed = True
        for lane in self._lanes.values():
            self._forget(lane.close())

    def _lane(self, name: str) -> _Lane:
        lane = self._lanes.get(name)
        if lane is None:
            lane = self._lanes[name] = _Lane(name, self._postbox.deliver)
            lane.start()
        return lane

    def _forget(self, tasks: list[Task]) -> None:
        with self._lock:
            for task in tasks:
                task.cancel()
                task.finished.set()  # nobody waits for a task that will never run
                self._in_flight.pop(task.key, None)

    def _on_delivered(self, key: int) -> None:
        with self._lock:
            task = self._in_flight.pop(key, None)
        if task is None or task.cancelled or self._closed:
            return
        if task.error is None:
            if task.on_done is not None:
                task.on_done(task.result)
        elif task.on_failed is not None:
            task.on_failed(task.error)
        else:
            log.error("background task failed", exc_info=task.error)


def _abandon(postbox: _Postbox, lanes: dict[str, _Lane]) -> None:
    """The runner is gone: nothing more is delivered, and every lane ends after the task in hand."""
    postbox.close()
    for lane in lanes.values():
        lane.close()
