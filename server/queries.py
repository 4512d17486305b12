"""What the admin pages and the API read: plain functions taking a Session, returning rows.

Help requests are events of kind help_request, stored under their help key (the record key,
protocol.help), and open until a row in ``help_done`` says who closed them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from protocol.events import USAGE_EVENT_FIELD, USAGE_LESSON_FIELD, EventKind, HeartbeatView, UsageEvent
from server.models import Event, HelpDone, Kiosk, Publication

HelpRow = tuple[Event, Kiosk]


# Help requests --------------------------------------------------------------------------------
def open_help_requests(
    session: Session,
    since: dt.datetime,
    center: str | None = None,
    exclude_kiosk_id: int | None = None,
    limit: int = 200,
) -> list[HelpRow]:
    """Open help requests created at or after ``since``, oldest first."""
    query = (
        select(Event, Kiosk)
        .join(Kiosk, Event.kiosk_id == Kiosk.id)
        .outerjoin(HelpDone, HelpDone.event_id == Event.id)
        .where(Event.kind == EventKind.HELP_REQUEST, HelpDone.event_id.is_(None), Event.created_at >= since)
        .order_by(Event.created_at, Event.id)
        .limit(limit)
    )
    if center is not None:
        query = query.where(Kiosk.center == center)
    if exclude_kiosk_id is not None:
        query = query.where(Event.kiosk_id != exclude_kiosk_id)
    return [(event, kiosk) for event, kiosk in session.execute(query)]


def open_help_count(session: Session, since: dt.datetime) -> int:
    return session.scalar(
        select(func.count())
        .select_from(Event)
        .outerjoin(HelpDone, HelpDone.event_id == Event.id)
        .where(Event.kind == EventKind.HELP_REQUEST, HelpDone.event_id.is_(None), Event.created_at >= since)
    ) or 0


def open_help_by_kiosk(session: Session, since: dt.datetime) -> Counter[int]:
    return Counter(kiosk.id for _, kiosk in open_help_requests(session, since, limit=10000))


def recently_closed_help(session: Session, since: dt.datetime, limit: int = 100) -> list[tuple[Event, Kiosk, HelpDone]]:
    query = (
        select(Event, Kiosk, HelpDone)
        .join(Kiosk, Event.kiosk_id == Kiosk.id)
        .join(HelpDone, HelpDone.event_id == Event.id)
        .where(HelpDone.done_at >= since)
        .order_by(HelpDone.done_at.desc())
        .limit(limit)
    )
    return [tuple(row) for row in session.execute(query)]


def find_help_request(session: Session, key: str, center: str | None = None, kiosk_id: int | None = None) -> HelpRow | None:
    """The help request with this help key, if it is in ``center`` / of ``kiosk_id``."""
    query = (
        select(Event, Kiosk)
        .join(Kiosk, Event.kiosk_id == Kiosk.id)
        .where(Event.kind == EventKind.HELP_REQUEST, Event.key == key)
        .order_by(Event.id)
        .limit(1)
    )
    if center is not None:
        query = query.where(Kiosk.center == center)
    if kiosk_id is not None:
        query = query.where(Event.kiosk_id == kiosk_id)
    row = session.execute(query).first()
    return (row[0], row[1]) if row else None


def closed_help_keys(session: Session, kiosk_id: int, keys: list[str]) -> list[str]:
    """Which of these requests of this kiosk are closed (by anyone)."""
    if not keys:
        return []
    return list(session.scalars(
        select(Event.key)
        .join(HelpDone, HelpDone.event_id == Event.id)
        .where(Event.kiosk_id == kiosk_id, Event.kind == EventKind.HELP_REQUEST, Event.key.in_(keys))
    ))


# Fleet and revisions --------------------------------------------------------------------------
def latest_revision(session: Session) -> int | None:
    return session.scalar(select(func.max(Publication.revision)))


def kiosks(session: Session) -> list[Kiosk]:
    """Grouped by center (a kiosk without one is its own), then by name."""
    return list(session.scalars(select(Kiosk).order_by(func.coalesce(Kiosk.center, Kiosk.name), Kiosk.name)))


def publications(session: Session, limit: int = 100) -> list[Publication]:
    return list(session.scalars(select(Publication).order_by(Publication.revision.desc()).limit(limit)))


def kiosks_per_revision(session: Session) -> Counter[int | None]:
    """How many kiosks last reported each content revision."""
    return Counter(HeartbeatView.of(beat).content_revision for beat in session.scalars(select(Kiosk.last_heartbeat)))


def recent_events(session: Session, kind: str | None = None, limit: int = 100) -> list[tuple[Event, str]]:
    query = select(Event, Kiosk.name).join(Kiosk).order_by(Event.id.desc()).limit(min(limit, 1000))
    if kind:
        query = query.where(Event.kind == kind)
    return [(event, name) for event, name in session.execute(query)]


# Usage ----------------------------------------------------------------------------------------
def lesson_counts(session: Session, start: dt.datetime, end: dt.datetime) -> list[tuple[str, str | None, str, int]]:
    """(center, lesson id, lesson_started|lesson_finished, count) for usage in [start, end), naive UTC."""
    # Kiosks upload {"event": "lesson_started", "lesson": ID, ...}; "lesson_id" is read too.
    lesson = func.coalesce(Event.payload[USAGE_LESSON_FIELD].as_string(), Event.payload["lesson_id"].as_string())
    name = Event.payload[USAGE_EVENT_FIELD].as_string()
    center = func.coalesce(Kiosk.center, Kiosk.name)
    query = (
        select(center, lesson, name, func.count())
        .select_from(Event)
        .join(Kiosk, Event.kiosk_id == Kiosk.id)
        .where(Event.kind == EventKind.USAGE, name.in_(list(UsageEvent)), Event.created_at >= start, Event.created_at < end)
        .group_by(center, lesson, name)
    )
    return [(where, lesson_id, event, count) for where, lesson_id, event, count in session.execute(query)]
