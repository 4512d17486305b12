"""What a heartbeat tells an operator about the running kiosk, beyond sync: how long it has run,
how often and why it restarted, how much memory it holds, and what its screen shows.

One ``Vitals`` per kiosk process, made by the composition root when the process starts (so
uptime counts from then); the opening-hours watch sets ``screen_state``; the sync client reads
``heartbeat_fields`` on its own thread when it queues a heartbeat (plain attribute reads).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.clock import Clock, utc_now
from kiosk.restarts import RestartLog
from protocol.events import RESTARTS_SENT, RestartNote, ScreenState


def resident_memory(statm: Path = Path("/proc/self/statm")) -> int:
    """The process's resident memory in bytes (0 where the platform does not say)."""
    try:
        pages = int(statm.read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


@dataclass
class Vitals:
    started_at: dt.datetime  # naive UTC
    clock: Clock = utc_now
    screen_state: str = ScreenState.OPEN
    # The kiosk's recent restarts, oldest first (kiosk.restarts.RestartLog.recent).
    restarts: Callable[[], list[RestartNote]] = field(default=list)
    memory: Callable[[], int] = resident_memory
    # Where this run says why it ends (a remote restart) for the next run to read; None in tests.
    restart_log: RestartLog | None = None

    @classmethod
    def starting_now(cls, clock: Clock = utc_now, **parts) -> Vitals:
        return cls(started_at=clock(), clock=clock, **parts)

    @classmethod
    def of_run(cls, restart_log: RestartLog) -> Vitals:
        return cls.starting_now(restart_log.clock, restarts=restart_log.recent, restart_log=restart_log)

    def heartbeat_fields(self) -> dict:
        """The protocol.events.Heartbeat fields these vitals fill."""
        now = self.clock()
        return {
            "started_at": self.started_at.isoformat(),
            "uptime_seconds": max(0, int((now - self.started_at).total_seconds())),
            "memory_bytes": self.memory(),
            "screen_state": str(self.screen_state),
            "restarts": [note.to_dict() for note in self.restarts()[-RESTARTS_SENT:]],
        }
