"""Help requests as the admin help page reads them: only those a person's Scope sees.

A kiosk's center decides who sees its requests; the center's district comes from its row in
``centers`` (an outer join), so a kiosk of no center, or of a center id the server does not
know, has no district and is seen by the city only (server.scope).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from protocol.events import EventKind
from server.models import CenterRow, Event, HelpDone, Kiosk
from server.scope import Scope


@dataclass(frozen=True)
class HelpRecord:
    event: Event
    kiosk: Kiosk
    district: str | None  # of the kiosk's center, None if the server does not know the center
    done: HelpDone | None = None


def _scoped(query: Select, scope: Scope) -> Select:
    return (
        query.join(Kiosk, Event.kiosk_id == Kiosk.id)
        .outerjoin(CenterRow, CenterRow.id == Kiosk.center)
        .where(Event.kind == EventKind.HELP_REQUEST, scope.center_filter(Kiosk.center, CenterRow.district))
    )


def open_requests(session: Session, scope: Scope, since: dt.datetime, limit: int = 200) -> list[HelpRecord]:
    """Open requests created at or after ``since`` that ``scope`` sees, newest first."""
    query = _scoped(select(Event, Kiosk, CenterRow.district), scope)
    query = (
        query.outerjoin(HelpDone, HelpDone.event_id == Event.id)
        .where(HelpDone.event_id.is_(None), Event.created_at >= since)
        .order_by(Event.created_at.desc(), Event.id.desc())
        .limit(limit)
    )
    return [HelpRecord(event, kiosk, district) for event, kiosk, district in session.execute(query)]


def open_count(session: Session, scope: Scope, since: dt.datetime) -> int:
    """How many open requests ``scope`` sees (the navigation's count)."""
    query = _scoped(select(func.count()).select_from(Event), scope)
    query = query.outerjoin(HelpDone, HelpDone.event_id == Event.id).where(
        HelpDone.event_id.is_(None), Event.created_at >= since)
    return session.scalar(query) or 0


def recently_closed(session: Session, scope: Scope, since: dt.datetime, limit: int = 50) -> list[HelpRecord]:
    """Requests ``scope`` sees that were closed at or after ``since``, latest closed first."""
    query = _scoped(select(Event, Kiosk, CenterRow.district, HelpDone), scope)
    query = (
        query.join(HelpDone, HelpDone.event_id == Event.id)
        .where(HelpDone.done_at >= since)
        .order_by(HelpDone.done_at.desc(), Event.id.desc())
        .limit(limit)
    )
    return [HelpRecord(event, kiosk, district, done) for event, kiosk, district, done in session.execute(query)]


def find_request(session: Session, key: str) -> HelpRecord | None:
    """The request with this help key, whoever may see it (the caller checks the scope, so
    that another center's request is refused in words rather than reported missing)."""
    query = _scoped(select(Event, Kiosk, CenterRow.district), Scope.city()).where(Event.key == key)
    row = session.execute(query.order_by(Event.id).limit(1)).first()
    return HelpRecord(row[0], row[1], row[2]) if row else None
