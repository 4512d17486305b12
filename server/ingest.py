"""Storing a kiosk's upload: each record once per (kiosk, key), then what the records mean
for the kiosk's row (its latest heartbeat) and for help requests (closed on the kiosk)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from protocol.events import EventKind
from server import help as helpdesk
from server.models import Event, Kiosk


class Uploaded(Protocol):
    key: str
    kind: str
    seq: int
    created_at: dt.datetime
    payload: dict


def store_events(session: Session, who: Kiosk, events: list[Uploaded], now: dt.datetime) -> int:
    """Insert each record once per (kiosk, key); repeats of a batch are acknowledged, not
    stored. Commits. Returns how many were new."""
    if not events:
        return 0
    rows = [
        {"kiosk_id": who.id, "key": e.key, "kind": e.kind, "seq": e.seq,
         "created_at": e.created_at.replace(tzinfo=None), "received_at": now, "payload": e.payload}
        for e in events
    ]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(Event).values(rows).on_conflict_do_nothing(index_elements=["kiosk_id", "key"]).returning(Event.key)
    )
    # RETURNING names the rows really inserted (rowcount is not reliable for this on every driver).
    stored = len(session.execute(statement).all())
    who = session.merge(who)
    who.last_seen_at = now
    beats = [e for e in events if e.kind == EventKind.HEARTBEAT]
    if beats:
        who.last_heartbeat = max(beats, key=lambda e: e.created_at).payload
    # The same visitor called again: the request shows where they are now (before any close).
    again = [e.payload for e in sorted(events, key=lambda e: e.seq) if e.kind == EventKind.HELP_REFRESH]
    if again:
        helpdesk.refresh_on_the_asking_kiosk(session, who, again)
    # A guide closed a request on the asking kiosk: the other kiosks and the admin page drop it.
    done = [e.payload for e in events if e.kind == EventKind.HELP_DONE]
    if done:
        helpdesk.close_on_the_asking_kiosk(session, who, done, now)
    session.commit()
    return stored
