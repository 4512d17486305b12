"""The HTTP API: kiosks upload records and relay help requests (bearer kiosk token); an admin
token reads the fleet as JSON. Paths and bodies are protocol's."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from protocol import events as wire
from protocol.help import (
    API_HELP_CLOSED, API_HELP_DONE, API_HELP_OPEN, CLOSED_QUERY_MAX, closed_answer, open_answer,
)
from server import auth, queries, views
from server import help as helpdesk
from server.ingest import store_events
from server.models import Kiosk

log = logging.getLogger("server")
bearer = HTTPBearer(auto_error=False)

# Kiosks relay the help requests of their center for this long; older ones are left to the
# admin page (a guide who missed a request for a day will not walk over to that kiosk now).
RELAY_WINDOW = dt.timedelta(hours=24)


class EventIn(BaseModel):
    key: str = Field(min_length=wire.RECORD_KEY_MIN, max_length=wire.RECORD_KEY_MAX, pattern=wire.RECORD_KEY_PATTERN)
    kind: str = Field(max_length=wire.KIND_MAX)
    seq: int = 0
    created_at: dt.datetime
    payload: dict[str, Any]


class Batch(BaseModel):
    events: list[EventIn] = Field(max_length=wire.BATCH_MAX)


class HelpDoneIn(BaseModel):
    # Any text: a key that names no request here is "not found", never a format error.
    key: str = Field(max_length=wire.RECORD_KEY_MAX)


class HelpClosedIn(BaseModel):
    keys: list[str] = Field(max_length=CLOSED_QUERY_MAX)


# Dependencies -----------------------------------------------------------------------------------
def db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def now(request: Request) -> dt.datetime:
    return request.app.state.clock()


def token_of(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    return credentials.credentials


def kiosk(credentials=Depends(bearer), session: Session = Depends(db)) -> Kiosk:
    found = auth.kiosk_for(session, token_of(credentials))
    if found is None:
        raise HTTPException(401, "unknown kiosk token", headers={"WWW-Authenticate": "Bearer"})
    return found


def admin(credentials=Depends(bearer), session: Session = Depends(db)) -> None:
    if not auth.is_admin(session, token_of(credentials)):
        raise HTTPException(401, "admin credential required", headers={"WWW-Authenticate": "Bearer"})


# Kiosks -----------------------------------------------------------------------------------------
router = APIRouter()


@router.get("/healthz")
def healthz() -> dict:
    return {"ok": True}


@router.post(wire.API_EVENTS)
def upload(batch: Batch, who: Kiosk = Depends(kiosk), session: Session = Depends(db),
           at: dt.datetime = Depends(now)) -> dict:
    stored = store_events(session, who, batch.events, now=at)
    log.info("kiosk %s uploaded %d record(s), %d new", who.name, len(batch.events), stored)
    return wire.batch_answer([event.key for event in batch.events], stored)


@router.get(API_HELP_OPEN)
def help_open(who: Kiosk = Depends(kiosk), session: Session = Depends(db), at: dt.datetime = Depends(now)) -> dict:
    """Open help requests of the other kiosks in the caller's center, oldest first."""
    if not who.center:
        return open_answer([])
    rows = queries.open_help_requests(session, at - RELAY_WINDOW, center=who.center, exclude_kiosk_id=who.id)
    return open_answer([views.relayed(event, owner) for event, owner in rows])


@router.post(API_HELP_DONE)
def help_done(body: HelpDoneIn, who: Kiosk = Depends(kiosk), session: Session = Depends(db),
              at: dt.datetime = Depends(now)) -> dict:
    # Another center's request is "not found" too: a kiosk learns nothing outside its center.
    found = queries.find_help_request(session, body.key, center=who.center) if who.center else None
    if found is None:
        raise HTTPException(404, "no such help request in this center")
    if helpdesk.mark_done(session, found[0].id, f"kiosk {who.name}", at):
        log.info("kiosk %s closed help request %s of kiosk %s", who.name, body.key, found[1].name)
    session.commit()
    return {"ok": True}


@router.post(API_HELP_CLOSED)
def help_closed(body: HelpClosedIn, who: Kiosk = Depends(kiosk), session: Session = Depends(db)) -> dict:
    """Which of the caller's own requests were closed (elsewhere, usually)."""
    return closed_answer(queries.closed_help_keys(session, who.id, body.keys))


# Admin, as JSON ---------------------------------------------------------------------------------
admin_router = APIRouter(prefix=f"{wire.API_PREFIX}/admin", dependencies=[Depends(admin)])


@admin_router.get("/kiosks")
def kiosks(session: Session = Depends(db)) -> list[dict]:
    return [
        {"name": k.name, "center": k.center, "last_seen_at": k.last_seen_at, "last_heartbeat": k.last_heartbeat}
        for k in sorted(queries.kiosks(session), key=lambda k: k.name)
    ]


@admin_router.get("/events")
def events(kind: str | None = None, limit: int = 100, session: Session = Depends(db)) -> list[dict]:
    return [
        {"kiosk": name, "kind": e.kind, "key": e.key, "seq": e.seq, "created_at": e.created_at, "payload": e.payload}
        for e, name in queries.recent_events(session, kind, limit)
    ]


@admin_router.get("/publications")
def publications(session: Session = Depends(db)) -> list[dict]:
    return [{"revision": p.revision, "root": p.root, "files": p.files, "published_at": p.published_at}
            for p in queries.publications(session, limit=50)]
