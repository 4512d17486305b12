"""When a digital guide is at the center, so the kiosk never promises help nobody will bring.

Pure logic over the kiosk's local time, with an injected clock (like kiosk/idle.py): the
window asks ``is_here()`` when a visitor calls a guide, and ``next_start()`` for what to say
instead outside the hours.

The hours come from the center first: a synced center view carries the center's
``guide_times`` (weekly windows set by the city, any number of them: Tuesday 10-12 and
Thursday 14-16, say). Only a center that has none falls back to the kiosk's own settings (one
window: some days, one start, one end), which a guide sets in the panel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from kiosk.choices import WEEKDAY_NAMES
from kiosk.clock import local_now

WEEKDAYS = tuple(range(7))  # Monday 0 .. Sunday 6, as datetime.weekday() counts them
WORKING_WEEK = (0, 1, 2, 3, 4)
DEFAULT_START = "10:00"
DEFAULT_END = "16:00"


def parse_clock_time(text: str) -> dt.time:
    """"HH:MM" (24-hour) -> time; ValueError with what was wrong."""
    try:
        hours, minutes = text.split(":")
        if len(hours) != 2 or len(minutes) != 2:
            raise ValueError
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"{text!r} is not a time written as HH:MM, e.g. 10:00") from None


@dataclass(frozen=True)
class GuideWindow:
    """Some days of the week, from one time to another on the wall clock."""

    weekdays: frozenset[int]
    start: dt.time
    end: dt.time

    def is_here(self, now: dt.datetime) -> bool:
        return now.weekday() in self.weekdays and self.start <= now.time() < self.end

    def next_start(self, now: dt.datetime) -> dt.datetime | None:
        for days_ahead in range(8):
            day = (now + dt.timedelta(days=days_ahead)).date()
            if day.weekday() not in self.weekdays:
                continue
            begins = dt.datetime.combine(day, self.start, tzinfo=now.tzinfo)
            if begins > now:
                return begins
        return None

    def days_are_weekdays(self) -> bool:
        """Monday to Friday exactly: the common case, said in one word."""
        return self.weekdays == frozenset(WORKING_WEEK)


@dataclass(frozen=True)
class GuideHours:
    windows: tuple[GuideWindow, ...]
    # True when the city set them for the center (the panel's settings are not used then).
    from_city: bool = False

    @classmethod
    def of(cls, weekdays: Iterable[int], start: str, end: str) -> GuideHours:
        window = GuideWindow(frozenset(weekdays), parse_clock_time(start), parse_clock_time(end))
        if window.start >= window.end:
            raise ValueError(f"the guide's hours end ({end}) before they start ({start})")
        if not window.weekdays <= set(WEEKDAYS):
            raise ValueError(f"weekdays are 0 (Monday) to 6 (Sunday), not {sorted(window.weekdays)}")
        return cls((window,))

    @classmethod
    def from_settings(cls, settings) -> GuideHours:
        """From kiosk.settings.Settings (validated there, so this does not fail)."""
        return cls.of(settings.guide_weekdays, settings.guide_start, settings.guide_end)

    @classmethod
    def from_center(cls, guide_times: Iterable[Any]) -> GuideHours:
        """From a center's ``guide_times`` (kiosk.content.schema.WeeklyWindow, validated there)."""
        windows = tuple(
            GuideWindow(frozenset(WEEKDAY_NAMES.index(day) for day in window.days), window.start, window.end)
            for window in guide_times
        )
        return cls(windows, from_city=True)

    @classmethod
    def for_kiosk(cls, center: Any | None, settings) -> GuideHours:
        """The center's hours from the city when it has any, else the kiosk's own settings."""
        guide_times = getattr(center, "guide_times", None)  # the boot snapshot's center has none
        return cls.from_center(guide_times) if guide_times else cls.from_settings(settings)

    @property
    def weekdays(self) -> frozenset[int]:
        """Every day a guide is here at some time."""
        return frozenset().union(*(window.weekdays for window in self.windows))

    def is_here(self, now: dt.datetime) -> bool:
        """``now`` is the kiosk's local time (a guide's day is on the wall clock, not in UTC)."""
        return any(window.is_here(now) for window in self.windows)

    def next_start(self, now: dt.datetime) -> dt.datetime | None:
        """When a guide is next here: later today or on a coming day; None if never (no days set)."""
        starts = [begins for window in self.windows if (begins := window.next_start(now)) is not None]
        return min(starts, default=None)

    def days_are_weekdays(self) -> bool:
        return len(self.windows) == 1 and self.windows[0].days_are_weekdays()


class GuideClock:
    """The hours that apply, read at the moment of asking (a guide may have just changed the
    settings, a sync may have brought the center's), against an injected clock."""

    def __init__(self, hours: Callable[[], GuideHours], clock: Callable[[], dt.datetime] = local_now):
        self._hours = hours
        self.clock = clock

    @property
    def hours(self) -> GuideHours:
        return self._hours()

    def is_here(self) -> bool:
        return self.hours.is_here(self.clock())

    def next_start(self) -> dt.datetime | None:
        return self.hours.next_start(self.clock())
