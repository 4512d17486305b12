"""When to ask "Are you still there?" and when to reset for the next visitor.

Pure logic with an injected clock; the UI polls it from a timer and reports touches.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable


class IdleState(enum.Enum):
    ACTIVE = "active"
    PROMPTING = "prompting"
    EXPIRED = "expired"


class IdleTracker:
    def __init__(self, idle_seconds: float, prompt_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.idle_seconds = idle_seconds
        self.prompt_seconds = prompt_seconds
        self._clock = clock
        self._last_touch = clock()

    def touch(self) -> None:
        self._last_touch = self._clock()

    def state(self) -> IdleState:
        quiet = self._clock() - self._last_touch
        if quiet < self.idle_seconds:
            return IdleState.ACTIVE
        if quiet < self.idle_seconds + self.prompt_seconds:
            return IdleState.PROMPTING
        return IdleState.EXPIRED

    def seconds_left(self) -> int:
        """Whole seconds until reset, for the visible countdown."""
        left = self.idle_seconds + self.prompt_seconds - (self._clock() - self._last_touch)
        return max(0, int(left + 0.999))
