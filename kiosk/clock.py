"""Time written once. The database keeps naive UTC datetimes; screens convert for display.

Services take a ``clock`` argument defaulting to ``utc_now`` so tests inject time instead of waiting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """Now in UTC, naive (the form every stored timestamp has)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def local_now() -> dt.datetime:
    """Now in the kiosk's own time zone, aware (for 'today' on the guide panel)."""
    return dt.datetime.now().astimezone()


def as_naive_utc(moment: dt.datetime) -> dt.datetime:
    """An aware datetime as naive UTC; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None)


def from_naive_utc(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """A stored naive-UTC datetime in ``zone`` (aware)."""
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(zone)
