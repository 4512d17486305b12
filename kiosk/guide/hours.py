"""When a digital guide is at the center, so the kiosk never promises help nobody will bring.

Pure logic over the kiosk's local time, with an injected clock (like kiosk/idle.py): the
window asks ``is_here()`` when a visitor calls a guide, and ``next_start()`` for what to say
instead outside the hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
class GuideHours:
    weekdays: frozenset[int]
    start: dt.time
    end: dt.time

    @classmethod
    def of(cls, weekdays: Iterable[int], start: str, end: str) -> GuideHours:
        hours = cls(frozenset(weekdays), parse_clock_time(start), parse_clock_time(end))
        if hours.start >= hours.end:
            raise ValueError(f"the guide's hours end ({end}) before they start ({start})")
        if not hours.weekdays <= set(WEEKDAYS):
            raise ValueError(f"weekdays are 0 (Monday) to 6 (Sunday), not {sorted(hours.weekdays)}")
        return hours

    @classmethod
    def from_settings(cls, settings) -> GuideHours:
        """From kiosk.settings.Settings (validated there, so this does not fail)."""
        return cls.of(settings.guide_weekdays, settings.guide_start, settings.guide_end)

    def is_here(self, now: dt.datetime) -> bool:
        """``now`` is the kiosk's local time (a guide's day is on the wall clock, not in UTC)."""
        return now.weekday() in self.weekdays and self.start <= now.time() < self.end

    def next_start(self, now: dt.datetime) -> dt.datetime | None:
        """When a guide is next here: later today or on a coming day; None if never (no days set)."""
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


class GuideClock:
    """The hours a kiosk's settings name, read at the moment of asking (a guide may have just
    changed them), against an injected clock."""

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
