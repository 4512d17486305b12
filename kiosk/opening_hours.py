"""When the center is open, and what the kiosk shows outside those hours (issue 15, point 2).

Pure logic over the kiosk's local time (the clock is the caller's: ``content.moment()`` in the
kiosk, a fixed moment in tests), like kiosk/guide/hours.py, whose weekly windows this reuses.

The hours are the center's data: ``Center.open_times`` (weekly windows set by the city). A
center without them is always open: a kiosk is never closed on missing data (a pack's default
center, the boot snapshot's center, a center the city has not given hours yet), because a
kiosk wrongly dark is worse than one lit after hours.

Closing never interrupts anybody. ``next_screen`` is the one rule: at closing time a visitor
who is using the kiosk keeps it (the lesson is never cut off mid-step); the closed screen comes
only once the kiosk is idle, that is on an untouched Home or after the usual idle reset (which
asks "Are you still there?" first). Then, after some quiet minutes, the display is blanked; a
touch wakes it to the hours and the phone, and it blanks again after a quiet minute.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kiosk.guide.hours import GuideHours, GuideWindow
from protocol.events import ScreenState

# How long the closed screen stays lit with nobody touching it before the display is blanked:
# long enough for somebody walking up at closing time to read it, short enough to save the panel.
BLANK_AFTER = dt.timedelta(minutes=3)
# After a touch woke it, the hours and phone stay this long once the passer-by stops touching.
BLANK_AFTER_WAKING = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Reopening:
    """When the center opens next, as the closed screen says it ("today", "tomorrow", a day)."""

    at: dt.datetime
    days_ahead: int  # 0 today, 1 tomorrow, else that many days on (up to a week)

    @property
    def weekday(self) -> int:
        return self.at.weekday()

    @property
    def time_text(self) -> str:
        return self.at.strftime("%H:%M")


@dataclass(frozen=True)
class OpeningHours:
    windows: tuple[GuideWindow, ...]

    @classmethod
    def of(cls, center: Any | None) -> OpeningHours:
        """From a center's ``open_times`` (kiosk.content.schema.WeeklyWindow, validated there);
        no center, or one without open times (the boot snapshot's has none), is always open."""
        return cls.from_windows(getattr(center, "open_times", None) or ())

    @classmethod
    def from_windows(cls, open_times: Iterable[Any]) -> OpeningHours:
        return cls(GuideHours.from_center(open_times).windows)

    @property
    def always_open(self) -> bool:
        return not any(window.weekdays for window in self.windows)

    def is_open(self, now: dt.datetime) -> bool:
        """``now`` is the kiosk's local time: the start is in the hours, the end is not."""
        return self.always_open or any(window.is_here(now) for window in self.windows)

    def closes_at(self, now: dt.datetime) -> dt.datetime | None:
        """When the open stretch around ``now`` ends; None when closed now, or always open.

        Windows that touch (10:00-12:00 and 12:00-16:00) are one stretch: the kiosk does not
        close for no time at noon."""
        if self.always_open or not self.is_open(now):
            return None
        end = now
        # Each window can extend the stretch once a day; weekly windows cannot chain further.
        for _ in range(7 * len(self.windows) + 1):
            ends = [dt.datetime.combine(end.date(), window.end, tzinfo=end.tzinfo)
                    for window in self.windows if window.is_here(end)]
            if not ends:
                break
            end = max(ends)
        return end

    def next_opening(self, now: dt.datetime) -> dt.datetime | None:
        """When the center next opens after ``now`` (after this stretch ends, when open now);
        None when it is always open."""
        if self.always_open:
            return None
        after = self.closes_at(now) or now
        starts = [begins for window in self.windows if (begins := window.next_start(after)) is not None]
        return min(starts, default=None)

    def next_change(self, now: dt.datetime) -> dt.datetime | None:
        """The next moment it opens or closes (for a timer at that exact moment)."""
        return self.closes_at(now) if self.is_open(now) else self.next_opening(now)

    def reopening(self, now: dt.datetime) -> Reopening | None:
        """What the closed screen says: "We open today / tomorrow / on Tuesday at 10:00"."""
        begins = self.next_opening(now)
        if begins is None:
            return None
        return Reopening(begins, (begins.date() - now.date()).days)


def next_screen(
    *,
    open_now: bool,
    showing: ScreenState,
    visitor_idle: bool,
    quiet: dt.timedelta,
    woken: bool,
) -> ScreenState:
    """What the kiosk should show now, from what it shows.

    ``visitor_idle``: nobody is in the middle of something (an untouched Home, not guide mode);
    ``quiet``: how long since the last touch on the closed screen; ``woken``: a touch woke it
    from blank, so it blanks again sooner.
    """
    if open_now:
        return ScreenState.OPEN
    if showing is ScreenState.OPEN:
        # Never cut a visitor off: the closed screen waits for the idle reset.
        return ScreenState.CLOSED if visitor_idle else ScreenState.OPEN
    if showing is ScreenState.BLANK:
        return ScreenState.BLANK  # only a touch wakes it
    return ScreenState.BLANK if quiet >= (BLANK_AFTER_WAKING if woken else BLANK_AFTER) else ScreenState.CLOSED
