"""Usage today and this week, read from the outbox (usage events) and the help requests.

Times are stored as naive UTC; days and hours are the kiosk's local ones, so "today" and
"help requests at 2 pm" mean what the guide expects. ``now`` is passed in (tests fix it).
Sent outbox rows are pruned after 30 days, which is far beyond the week shown here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import HelpRequest, OutboxEntry
from kiosk.clock import as_naive_utc, from_naive_utc
from protocol.events import EventKind

Period = Literal["today", "week"]

# Events that mean somebody is using the kiosk (a "screen" event counts unless it is Home or a
# guide screen: the kiosk shows Home by itself, and guides are not visitors).
_VISITOR_EVENTS = {"lesson_started", "lesson_finished", "step_reached", "text_size", "voice"}


@dataclass(frozen=True)
class UsageSummary:
    period: Period
    start: dt.datetime  # local, aware
    end: dt.datetime
    visits: int
    lessons_started: int
    lessons_finished: int
    top_lessons: list[tuple[str, int]]  # (lesson id, times started), most first
    help_requests: int
    help_by_hour: list[int]  # 24 counts, local hours


def period_bounds(period: Period, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) in now's time zone; a week starts on Monday, as Korean calendars do."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    start = midnight - dt.timedelta(days=now.weekday()) if period == "week" else midnight
    return start, now


def _is_visitor_activity(payload: dict) -> bool:
    event = payload.get("event")
    if event == "screen":
        screen = str(payload.get("screen", ""))
        return screen != "home" and not screen.startswith("guide")
    return event in _VISITOR_EVENTS


def count_visits(events: list[tuple[dt.datetime, dict]], gap_seconds: float) -> int:
    """A visit starts with activity after a "visit_ended" event or after a quiet gap longer than
    the idle reset; counting from the events themselves needs no separate bookkeeping."""
    visits = 0
    last_activity: dt.datetime | None = None
    for at, payload in events:
        if payload.get("event") == "visit_ended":
            last_activity = None
        elif _is_visitor_activity(payload):
            if last_activity is None or (at - last_activity).total_seconds() > gap_seconds:
                visits += 1
            last_activity = at
    return visits


def usage_summary(
    sessions: sessionmaker[Session], period: Period, now: dt.datetime, visit_gap_seconds: float, top: int = 5
) -> UsageSummary:
    if now.tzinfo is None:
        raise ValueError("now must carry its time zone")
    start, end = period_bounds(period, now)
    start_utc, end_utc = as_naive_utc(start), as_naive_utc(end)
    with sessions() as session:
        events = list(
            session.execute(
                select(OutboxEntry.created_at, OutboxEntry.payload)
                .where(OutboxEntry.kind == EventKind.USAGE, OutboxEntry.created_at >= start_utc, OutboxEntry.created_at <= end_utc)
                .order_by(OutboxEntry.created_at, OutboxEntry.id)
            ).all()
        )
        help_times = list(
            session.scalars(
                select(HelpRequest.created_at).where(
                    HelpRequest.created_at >= start_utc, HelpRequest.created_at <= end_utc
                )
            )
        )
    started = Counter(p.get("lesson") for _, p in events if p.get("event") == "lesson_started")
    finished = sum(1 for _, p in events if p.get("event") == "lesson_finished")
    by_hour = [0] * 24
    for created in help_times:
        local = from_naive_utc(created, now.tzinfo)
        by_hour[local.hour] += 1
    return UsageSummary(
        period=period,
        start=start,
        end=end,
        visits=count_visits(events, visit_gap_seconds),
        lessons_started=sum(started.values()),
        lessons_finished=finished,
        top_lessons=[(str(lesson), count) for lesson, count in started.most_common(top) if lesson],
        help_requests=len(help_times),
        help_by_hour=by_hour,
    )
