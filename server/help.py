"""Help requests on the server: uploaded as events of kind "help_request", open until a row in
``help_done`` says who closed them. Shared by the kiosk relay API and the admin page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.models import Event, HelpDone, Kiosk


def center_of(kiosk: Kiosk) -> str:
    return kiosk.center or kiosk.name


def open_requests(
    session: Session,
    since: dt.datetime,
    center: str | None = None,
    exclude_kiosk_id: int | None = None,
    limit: int = 200,
) -> list[tuple[Event, Kiosk]]:
    """Open help requests created at or after ``since``, oldest first."""
    query = (
        select(Event, Kiosk)
        .join(Kiosk, Event.kiosk_id == Kiosk.id)
        .outerjoin(HelpDone, HelpDone.event_id == Event.id)
        .where(Event.kind == "help_request", HelpDone.event_id.is_(None), Event.created_at >= since)
        .order_by(Event.created_at, Event.id)
        .limit(limit)
    )
    if center is not None:
        query = query.where(Kiosk.center == center)
    if exclude_kiosk_id is not None:
        query = query.where(Event.kiosk_id != exclude_kiosk_id)
    return [(event, kiosk) for event, kiosk in session.execute(query)]


def recently_done(session: Session, since: dt.datetime, limit: int = 100) -> list[tuple[Event, Kiosk, HelpDone]]:
    query = (
        select(Event, Kiosk, HelpDone)
        .join(Kiosk, Event.kiosk_id == Kiosk.id)
        .join(HelpDone, HelpDone.event_id == Event.id)
        .where(HelpDone.done_at >= since)
        .order_by(HelpDone.done_at.desc())
        .limit(limit)
    )
    return [tuple(row) for row in session.execute(query)]


def find_request(session: Session, key: str) -> tuple[Event, Kiosk] | None:
    """The help request named by a relay key (the event's id as text)."""
    if not key.isdigit() or len(key) > 18:
        return None
    row = session.execute(
        select(Event, Kiosk).join(Kiosk, Event.kiosk_id == Kiosk.id).where(Event.id == int(key), Event.kind == "help_request")
    ).first()
    return (row[0], row[1]) if row else None


def mark_done(session: Session, event_id: int, by: str, now: dt.datetime) -> bool:
    """Close a request; False if it was closed already (the first closer is kept)."""
    if session.get(HelpDone, event_id) is not None:
        return False
    session.add(HelpDone(event_id=event_id, done_at=now, done_by=by[:120]))
    session.flush()
    return True


def close_done_on_kiosk(session: Session, kiosk: Kiosk, done_events: list[Any], now: dt.datetime) -> int:
    """A guide closed a request on the asking kiosk itself, which uploads a usage event
    {"event": "help_done", "local_id": N}: close the latest matching request of that kiosk
    created before it (local ids restart if a kiosk is reinstalled)."""
    closed = 0
    for done in done_events:
        local_id = done.payload.get("local_id")
        if not isinstance(local_id, int):
            continue
        created_before = done.created_at.replace(tzinfo=None)
        event_id = session.scalar(
            select(Event.id)
            .outerjoin(HelpDone, HelpDone.event_id == Event.id)
            .where(
                Event.kiosk_id == kiosk.id,
                Event.kind == "help_request",
                Event.payload["local_id"].as_integer() == local_id,
                Event.created_at <= created_before,
                HelpDone.event_id.is_(None),
            )
            .order_by(Event.created_at.desc(), Event.id.desc())
            .limit(1)
        )
        if event_id is not None and mark_done(session, event_id, f"kiosk {kiosk.name} (on the kiosk)", now):
            closed += 1
    return closed


def as_relay(event: Event, kiosk: Kiosk) -> dict:
    payload = event.payload or {}
    lesson = payload.get("lesson_id")
    step = payload.get("step")
    return {
        "key": str(event.id),
        "kiosk": kiosk.name,
        "created_at": event.created_at.isoformat(),
        "screen": str(payload.get("screen") or ""),
        "lesson_id": str(lesson) if lesson is not None else None,
        "step": step if isinstance(step, int) and not isinstance(step, bool) else None,
    }


def open_count(session: Session, since: dt.datetime) -> int:
    return session.scalar(
        select(func.count())
        .select_from(Event)
        .outerjoin(HelpDone, HelpDone.event_id == Event.id)
        .where(Event.kind == "help_request", HelpDone.event_id.is_(None), Event.created_at >= since)
    ) or 0
