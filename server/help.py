"""Closing help requests on the server: from the admin page, from another kiosk of the
center (the relay) or on the asking kiosk itself (its help_done record). The first closer is
kept; reading them is in server.queries."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.orm import Session

from protocol.events import HelpDonePayload
from server import queries
from server.models import HelpDone, Kiosk

log = logging.getLogger("server.help")


def mark_done(session: Session, event_id: int, by: str, now: dt.datetime) -> bool:
    """Close a request; False if it was closed already."""
    if session.get(HelpDone, event_id) is not None:
        return False
    session.add(HelpDone(event_id=event_id, done_at=now, done_by=by[:120]))
    session.flush()
    return True


def close_on_the_asking_kiosk(session: Session, kiosk: Kiosk, payloads: list[dict], now: dt.datetime) -> int:
    """help_done records a kiosk uploaded for its own requests. Returns how many it closed."""
    closed = 0
    for payload in payloads:
        done = HelpDonePayload.from_dict(payload)
        found = queries.find_help_request(session, done.key, kiosk_id=kiosk.id) if done else None
        if found is not None and mark_done(session, found[0].id, f"kiosk {kiosk.name} (on the kiosk)", now):
            closed += 1
    if closed:
        log.info("kiosk %s closed %d of its own help request(s)", kiosk.name, closed)
    return closed
