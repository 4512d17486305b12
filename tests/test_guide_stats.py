"""Usage statistics and sync status for the guide panel, from the outbox and help tables."""

from __future__ import annotations

import datetime as dt
import uuid

from db.models import ContentRevision, HelpRequest, OutboxEntry, SyncState
from kiosk.guide.stats import count_visits, period_bounds, usage_summary
from kiosk.guide.status import sync_status

KST = dt.timezone(dt.timedelta(hours=9))
NOW = dt.datetime(2026, 11, 25, 15, 0, tzinfo=KST)  # a Wednesday afternoon in Seoul


def utc(local: dt.datetime) -> dt.datetime:
    return local.astimezone(dt.timezone.utc).replace(tzinfo=None)


def add_event(services, local: dt.datetime, event: str, **fields) -> None:
    with services.sessions.begin() as session:
        session.add(OutboxEntry(kind="usage", idempotency_key=uuid.uuid4().hex, created_at=utc(local),
                                payload={"event": event, "at": utc(local).isoformat(), **fields}))


def add_help(services, local: dt.datetime, status: str = "open") -> None:
    with services.sessions.begin() as session:
        session.add(HelpRequest(created_at=utc(local), screen="home", status=status))


def clear_outbox(services) -> None:
    from sqlalchemy import delete

    with services.sessions.begin() as session:
        session.execute(delete(OutboxEntry))


def test_periods_are_local_days_and_weeks_from_monday():
    assert period_bounds("today", NOW) == (dt.datetime(2026, 11, 25, tzinfo=KST), NOW)
    assert period_bounds("week", NOW)[0] == dt.datetime(2026, 11, 23, tzinfo=KST)


def test_visits_are_split_by_resets_and_by_long_quiet_gaps():
    t = dt.datetime(2026, 11, 25, 10, 0)
    minute = dt.timedelta(minutes=1)
    events = [
        (t, {"event": "screen", "screen": "home"}),  # the kiosk showing Home is nobody
        (t + minute, {"event": "screen", "screen": "categories"}),  # visit 1
        (t + 2 * minute, {"event": "lesson_started", "lesson": "a"}),
        (t + 3 * minute, {"event": "visit_ended"}),
        (t + 4 * minute, {"event": "screen", "screen": "programs"}),  # visit 2, right after a reset
        (t + 30 * minute, {"event": "screen", "screen": "notices"}),  # visit 3, after a quiet gap
        (t + 31 * minute, {"event": "screen", "screen": "guide_panel"}),  # a guide, not a visitor
    ]
    assert count_visits(events, gap_seconds=140) == 3


def test_usage_today_and_this_week(services):
    clear_outbox(services)
    monday = dt.datetime(2026, 11, 23, 11, 0, tzinfo=KST)
    today = dt.datetime(2026, 11, 25, 10, 0, tzinfo=KST)
    add_event(services, monday, "screen", screen="categories")
    add_event(services, monday, "lesson_started", lesson="lesson-2")
    add_event(services, today, "screen", screen="categories")
    add_event(services, today, "lesson_started", lesson="lesson-1")
    add_event(services, today + dt.timedelta(minutes=2), "lesson_finished", lesson="lesson-1")
    add_event(services, today + dt.timedelta(minutes=3), "visit_ended")
    add_event(services, today + dt.timedelta(minutes=4), "lesson_started", lesson="lesson-1")
    add_event(services, dt.datetime(2026, 11, 22, 12, 0, tzinfo=KST), "lesson_started", lesson="lesson-3")  # last week
    add_help(services, dt.datetime(2026, 11, 25, 0, 30, tzinfo=KST))  # 15:30 UTC the day before
    add_help(services, dt.datetime(2026, 11, 25, 14, 10, tzinfo=KST), status="done")
    add_help(services, dt.datetime(2026, 11, 24, 14, 50, tzinfo=KST))

    day = usage_summary(services.sessions, "today", NOW, visit_gap_seconds=140)
    assert (day.visits, day.lessons_started, day.lessons_finished) == (2, 2, 1)
    assert day.top_lessons == [("lesson-1", 2)]
    assert day.help_requests == 2 and day.help_by_hour[0] == 1 and day.help_by_hour[14] == 1

    week = usage_summary(services.sessions, "week", NOW, visit_gap_seconds=140)
    assert (week.visits, week.lessons_started) == (3, 3)
    assert week.top_lessons == [("lesson-1", 2), ("lesson-2", 1)]
    assert week.help_requests == 3 and week.help_by_hour[14] == 2


def test_sync_status_before_and_after_a_sync(services):
    status = sync_status(services.sessions)
    assert status.content_revision == 1
    assert status.last_success is None and status.last_error == ""
    waiting = status.waiting
    services.usage.record("screen", screen="home")
    assert sync_status(services.sessions).waiting == waiting + 1

    ok = dt.datetime(2026, 11, 25, 5, 0)
    with services.sessions.begin() as session:
        session.add(SyncState(id=1, repo_revision=4, root="", applied_digest="", index_etag="",
                              index_last_modified="", last_attempt_at=ok, last_success_at=ok, last_result="updated"))
    status = sync_status(services.sessions)
    assert status.last_success == ok and status.last_error == ""

    with services.sessions.begin() as session:
        state = session.get(SyncState, 1)
        state.last_attempt_at = ok + dt.timedelta(hours=1)
        state.last_result = "failed: server unreachable"
        session.get(ContentRevision, 1).revision = 7
    status = sync_status(services.sessions)
    assert status.last_error == "failed: server unreachable" and status.content_revision == 7
