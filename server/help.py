"""Closing help requests on the server: from the admin page, from another kiosk of the
center (the relay) or on the asking kiosk itself (its help_done record). The first closer is
kept; reading them is in server.queries. A help_refresh record (the same visitor called again)
updates the open request in place, so it stays one request on every page."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from protocol.events import HelpDonePayload, HelpRefreshPayload
from server import queries
from server.models import HelpDone, Kiosk

log = logging.getLogger("server.help")


def mark_done(session: Session, event_id: int, by: str, now: dt.datetime) -> bool:
    """Close a request; False if it was closed already.

    One statement that skips an existing close, not a read then an insert: two closes at once
    (the admin page and a kiosk, in two server processes) must not fail the second."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(HelpDone).values(event_id=event_id, done_at=now, done_by=by[:120])
        .on_conflict_do_nothing(index_elements=["event_id"]).returning(HelpDone.event_id)
    )
    return bool(session.execute(statement).all())


def close_on_the_asking_kiosk(session: Session, kiosk: Kiosk, payloads: list[dict], now: dt.datetime) -> int:
    """help_done records a kiosk uploaded for its own requests. Returns how many it closed."""
    closed = 0
    for payload in payloads:
        done = HelpDonePayload.from_dict(payload)
        found = queries.find_help_request(session, done.key, kiosk_id=kiosk.id) if done else None
        by = "the visitor, on the kiosk" if done and done.by_visitor else "on the kiosk"
        if found is not None and mark_done(session, found[0].id, f"kiosk {kiosk.name} ({by})", now):
            closed += 1
    if closed:
        log.info("kiosk %s closed %d of its own help request(s)", kiosk.name, closed)
    return closed


def refresh_on_the_asking_kiosk(session: Session, kiosk: Kiosk, payloads: list[dict]) -> int:
    """help_refresh records of a kiosk's own requests, in upload order: each open one takes the
    latest place and time. A closed or unknown request is left alone. Returns how many changed."""
    refreshed = 0
    for payload in payloads:
        refresh = HelpRefreshPayload.from_dict(payload)
        found = queries.find_help_request(session, refresh.key, kiosk_id=kiosk.id) if refresh else None
        if found is None or session.get(HelpDone, found[0].id) is not None:
            continue
        event = found[0]
        try:
            called_at = dt.datetime.fromisoformat(refresh.request.created_at).replace(tzinfo=None)
        except ValueError:
            called_at = event.created_at
        if called_at < event.created_at:
            continue  # an older call than the one stored: nothing newer to say
        # The request's time is its latest call, as the kiosk shows it; the relay window and
        # the admin page read it from the row.
        event.created_at = called_at
        event.payload = refresh.request.to_dict()  # a new dict, so the JSON column is saved
        refreshed += 1
    if refreshed:
        session.flush()
        log.info("kiosk %s refreshed %d of its own help request(s)", kiosk.name, refreshed)
    return refreshed
