"""What the GUI thread was doing while its event loop stalled: a diagnostic, off unless asked for.

The event loop's owner calls ``tick()`` from a short repeating timer. A thread of its own wakes
every few milliseconds; while a tick is overdue it takes the GUI thread's Python stack (and the
innermost frame of every other thread: the one holding the interpreter lock is often the cause)
from ``sys._current_frames()``. Each late tick closes a stall, kept with the stacks seen during it.
Standard library only, and nothing here touches Qt, so it can watch any loop (main.py's start-up
report uses it; so can a responsiveness bench).

A thread that holds the interpreter lock inside C code keeps this sampler out as well, so a stall
may have fewer samples than its length suggests; the other threads' frames then say who held it.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_EVERY_S = 0.005
# A tick later than this is a stall worth a sample; shorter gaps are the timer's own jitter.
LATE_AFTER_S = 0.015
OUTER_FRAMES = 3
INNER_FRAMES = 4
OTHER_FRAMES = 3  # of each other thread: where it was
ENTRY_FRAMES = 2  # main.py's <module> and main(): the event loop runs inside them
ROOT = Path(__file__).resolve().parent.parent


def describe(frame) -> str:
    """``path:line function`` with the path relative to the project (or the site-packages)."""
    path = frame.f_code.co_filename
    for anchor in ("site-packages/", str(ROOT) + "/"):
        if anchor in path:
            path = path.split(anchor, 1)[1]
            break
    return f"{path}:{frame.f_lineno} {frame.f_code.co_name}"


def idle(frame) -> bool:
    """A thread waiting for work (a lane between tasks) holds nothing up."""
    return frame.f_code.co_name == "wait" and frame.f_code.co_filename.endswith("threading.py")


def stack_of(frame, outer: int = OUTER_FRAMES, inner: int = INNER_FRAMES) -> tuple[str, ...]:
    """Outermost first: the ``outer`` frames that say which callback ran (below the event loop's
    caller) and the ``inner`` frames that say where it was; the import machinery's are left out."""
    frames: list[str] = []
    while frame is not None:
        if not frame.f_code.co_filename.startswith("<frozen importlib"):
            frames.append(describe(frame))
        frame = frame.f_back
    frames.reverse()
    frames = frames[ENTRY_FRAMES:] or frames  # <module> and main(), in which the event loop runs
    if len(frames) <= outer + inner:
        return tuple(frames)
    return (*frames[:outer], "...", *frames[len(frames) - inner:])


@dataclass
class Stall:
    started: float  # perf_counter seconds
    gap_ms: float
    gui_stacks: Counter[tuple[str, ...]] = field(default_factory=Counter)
    others: Counter[str] = field(default_factory=Counter)  # "thread: its innermost frames", busy threads only

    def report(self, since: float, stacks: int = 2) -> list[str]:
        """Plain lines: when and how long, the GUI thread's commonest stacks, the other threads."""
        samples = sum(self.gui_stacks.values())
        lines = [f"STALL {self.gap_ms:.0f} ms at +{(self.started - since) * 1000:.0f} ms ({samples} samples)"]
        for stack, count in self.gui_stacks.most_common(stacks):
            lines.append(f"STALL   gui x{count}: " + " > ".join(stack))
        for other, count in self.others.most_common(3):
            lines.append(f"STALL   {other} x{count}")
        return lines


class StallSampler:
    """Samples ``thread_id``'s stack while its ticks are late; ``stop()`` before reading ``stalls``."""

    def __init__(self, thread_id: int | None = None, late_after_s: float = LATE_AFTER_S,
                 every_s: float = SAMPLE_EVERY_S, clock: Callable[[], float] = time.perf_counter):
        self.thread_id = thread_id if thread_id is not None else threading.get_ident()
        self.late_after_s = late_after_s
        self.every_s = every_s
        self.stalls: list[Stall] = []
        self._clock = clock
        self._last_tick = clock()
        self._open = Stall(self._last_tick, 0.0)
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)

    def start(self) -> "StallSampler":
        with self._lock:
            self._last_tick = self._clock()
            self._open = Stall(self._last_tick, 0.0)
        self._thread.start()
        return self

    def tick(self) -> None:
        """From the watched thread's loop: a late tick closes the stall the sampler has been filling."""
        now = self._clock()
        with self._lock:
            gap = now - self._last_tick
            if gap > self.late_after_s:
                self._open.gap_ms = gap * 1000
                self.stalls.append(self._open)
            self._last_tick = now
            self._open = Stall(now, 0.0)

    def stop(self) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(timeout=1)

    def samples_so_far(self) -> int:
        """Samples taken in the stall going on now (none between stalls)."""
        with self._lock:
            return sum(self._open.gui_stacks.values())

    def longest(self, count: int) -> list[Stall]:
        return sorted(self.stalls, key=lambda stall: stall.gap_ms, reverse=True)[:count]

    def _run(self) -> None:
        while not self._stopped.wait(self.every_s):
            if self._clock() - self._last_tick <= self.late_after_s:
                continue
            frames = sys._current_frames()
            names = {thread.ident: thread.name for thread in threading.enumerate()}
            with self._lock:
                watched = frames.get(self.thread_id)
                if watched is not None:
                    self._open.gui_stacks[stack_of(watched)] += 1
                for ident, frame in frames.items():
                    if ident not in (self.thread_id, threading.get_ident()) and not idle(frame):
                        stack = " > ".join(stack_of(frame, outer=0, inner=OTHER_FRAMES))
                        self._open.others[f"{names.get(ident, ident)}: {stack}"] += 1
