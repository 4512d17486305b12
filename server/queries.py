"""What the admin pages and the API read: plain functions taking a Session, returning rows.

Help requests are events of kind help_request, stored under their help key (the record key,
protocol.help), and open until a row in ``help_done`` says who closed them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, load_only

from protocol.events import USAGE_EVENT_FIELD, USAGE_LESSON_FIELD, EventKind, UsageEvent
from server.models import CenterRow, Event, HelpDone, Kiosk, OnboardingRequest, Publication, UnknownKioskCall
from server.scope import Scope

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


def open_help_by_kiosk(session: Session, since: dt.datetime, kiosk_ids: list[int] | None = None) -> Counter[int]:
    """Open help requests per kiosk id (of these kiosks only, if given), counted in the
    database (a city has thousands)."""
    query = (
        select(Event.kiosk_id, func.count())
        .outerjoin(HelpDone, HelpDone.event_id == Event.id)
        .where(Event.kind == EventKind.HELP_REQUEST, HelpDone.event_id.is_(None), Event.created_at >= since)
        .group_by(Event.kiosk_id)
    )
    if kiosk_ids is not None:
        query = query.where(Event.kiosk_id.in_(kiosk_ids))
    return Counter({kiosk_id: count for kiosk_id, count in session.execute(query)})


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


def recent_events(session: Session, kind: str | None = None, limit: int = 100) -> list[tuple[Event, str]]:
    query = select(Event, Kiosk.name).join(Kiosk).order_by(Event.id.desc()).limit(min(limit, 1000))
    if kind:
        query = query.where(Event.kind == kind)
    return [(event, name) for event, name in session.execute(query)]


# Usage ----------------------------------------------------------------------------------------


# Per person: what their scope sees ---------------------------------------------------------------
# A kiosk's center counts only if the server knows it (a CenterRow): a kiosk of no center, or of
# a center id nobody added, belongs to the city, whose scope is the only one matching NULL.
def scoped_kiosks(session: Session, scope: Scope, *, center: str | None = None,
                  district: str | None = None) -> list[tuple[Kiosk, CenterRow | None]]:
    """The kiosks this person sees (optionally of one center or district), with their center,
    grouped by center, then by name."""
    query = (
        select(Kiosk, CenterRow)
        .outerjoin(CenterRow, CenterRow.id == Kiosk.center)
        .where(scope.center_filter(CenterRow.id, CenterRow.district))
        .order_by(func.coalesce(Kiosk.center, Kiosk.name), Kiosk.name)
        # The fleet needs a center's id and district, not its whole description (read per row).
        .options(load_only(CenterRow.id, CenterRow.district))
    )
    if center is not None:
        query = query.where(Kiosk.center == center)
    if district is not None:
        query = query.where(CenterRow.district == district)
    return [(kiosk, row) for kiosk, row in session.execute(query)]


def scoped_kiosk(session: Session, scope: Scope, name: str) -> tuple[Kiosk, CenterRow | None] | None:
    """One kiosk by name if it exists AND this person sees it (else None: not found and not
    theirs read the same, so a URL reveals nothing about other centers)."""
    row = session.execute(
        select(Kiosk, CenterRow)
        .outerjoin(CenterRow, CenterRow.id == Kiosk.center)
        .where(Kiosk.name == name, scope.center_filter(CenterRow.id, CenterRow.district))
    ).first()
    return (row[0], row[1]) if row else None


def scoped_centers(session: Session, scope: Scope, district: str | None = None) -> list[CenterRow]:
    query = (select(CenterRow).where(scope.center_filter(CenterRow.id, CenterRow.district)).order_by(CenterRow.id)
             .options(load_only(CenterRow.id, CenterRow.district)))  # names come from server.titles
    if district is not None:
        query = query.where(CenterRow.district == district)
    return list(session.scalars(query))


def centers_per_district(session: Session, scope: Scope) -> Counter[str]:
    query = (select(CenterRow.district, func.count()).where(scope.center_filter(CenterRow.id, CenterRow.district))
             .group_by(CenterRow.district))
    return Counter({district: count for district, count in session.execute(query)})


def kiosk_names(session: Session) -> set[str]:
    return set(session.scalars(select(Kiosk.name)))


def unknown_calls(session: Session, scope: Scope, since: dt.datetime, *, center: str | None = None,
                  district: str | None = None, limit: int = 100) -> list[UnknownKioskCall]:
    """Calls with no or an unknown token since ``since``, newest first. The city sees them all;
    a district or center only those whose heartbeat named one of its centers."""
    query = (
        select(UnknownKioskCall)
        .outerjoin(CenterRow, CenterRow.id == UnknownKioskCall.reported_center)
        .where(UnknownKioskCall.last_at >= since, scope.center_filter(CenterRow.id, CenterRow.district))
        .order_by(UnknownKioskCall.last_at.desc())
        .limit(limit)
    )
    if center is not None:
        query = query.where(UnknownKioskCall.reported_center == center)
    if district is not None:
        query = query.where(CenterRow.district == district)
    return list(session.scalars(query))


def kiosk_uploads(session: Session, kiosk_id: int) -> Counter[str]:
    """How many records of each kind a kiosk uploaded (what deleting it deletes)."""
    rows = session.execute(select(Event.kind, func.count()).where(Event.kiosk_id == kiosk_id).group_by(Event.kind))
    return Counter({kind: count for kind, count in rows})


def delete_kiosk(session: Session, kiosk: Kiosk) -> int:
    """Delete a kiosk with everything it uploaded and its connection requests; returns how many
    uploads went. (Explicit rather than by cascade: SQLite enforces foreign keys here.)"""
    events = select(Event.id).where(Event.kiosk_id == kiosk.id)
    session.execute(delete(HelpDone).where(HelpDone.event_id.in_(events)))
    gone = session.execute(delete(Event).where(Event.kiosk_id == kiosk.id)).rowcount or 0
    session.execute(delete(OnboardingRequest).where(OnboardingRequest.kiosk_id == kiosk.id))
    session.delete(kiosk)
    return gone


# Usage, per scope -----------------------------------------------------------------------------
UsageCount = tuple[str | None, str, str | None, str, int]  # district, center, lesson, event, count


def scoped_lesson_counts(session: Session, scope: Scope, start: dt.datetime, end: dt.datetime) -> list[UsageCount]:
    """(district, center, lesson id, lesson_started|lesson_finished, count) in [start, end),
    naive UTC, for the kiosks this person sees. A kiosk of no center counts under its name."""
    lesson = func.coalesce(Event.payload[USAGE_LESSON_FIELD].as_string(), Event.payload["lesson_id"].as_string())
    name = Event.payload[USAGE_EVENT_FIELD].as_string()
    center = func.coalesce(Kiosk.center, Kiosk.name)
    query = (
        select(CenterRow.district, center, lesson, name, func.count())
        .select_from(Event)
        .join(Kiosk, Event.kiosk_id == Kiosk.id)
        .outerjoin(CenterRow, CenterRow.id == Kiosk.center)
        .where(Event.kind == EventKind.USAGE, name.in_(list(UsageEvent)), Event.created_at >= start,
               Event.created_at < end, scope.center_filter(CenterRow.id, CenterRow.district))
        .group_by(CenterRow.district, center, lesson, name)
    )
    return [tuple(row) for row in session.execute(query)]


def scoped_help_times(session: Session, scope: Scope, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """When each help request in [start, end) of the kiosks this person sees was made."""
    return list(session.scalars(
        select(Event.created_at)
        .join(Kiosk, Event.kiosk_id == Kiosk.id)
        .outerjoin(CenterRow, CenterRow.id == Kiosk.center)
        .where(Event.kind == EventKind.HELP_REQUEST, Event.created_at >= start, Event.created_at < end,
               scope.center_filter(CenterRow.id, CenterRow.district))
    ))


def scoped_usage_activity(session: Session, scope: Scope, start: dt.datetime, end: dt.datetime,
                          center: str | None = None) -> list[tuple[int, str | None, dt.datetime, dict]]:
    """(kiosk id, center, time, {"event", "screen"}) of every usage event in [start, end) of the
    kiosks this person sees, in order per kiosk: what visits are counted from (views.visits)."""
    event = Event.payload[USAGE_EVENT_FIELD].as_string()
    screen = Event.payload["screen"].as_string()
    query = (
        select(Event.kiosk_id, Kiosk.center, Event.created_at, event, screen)
        .join(Kiosk, Event.kiosk_id == Kiosk.id)
        .outerjoin(CenterRow, CenterRow.id == Kiosk.center)
        .where(Event.kind == EventKind.USAGE, Event.created_at >= start, Event.created_at < end,
               scope.center_filter(CenterRow.id, CenterRow.district))
        .order_by(Event.kiosk_id, Event.created_at, Event.id)
    )
    if center is not None:
        query = query.where(Kiosk.center == center)
    return [(kiosk_id, where, at, {"event": name, "screen": shown or ""})
            for kiosk_id, where, at, name, shown in session.execute(query)]
