"""The HTTP side: the published repository as static files, kiosk uploads, admin reads."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from starlette.staticfiles import StaticFiles

from kiosk.sync.repo_format import INDEX_NAME
from server import auth
from server import help as helpdesk
from server.admin import mount_admin
from server.db import open_server_database
from server.models import Event, Kiosk, Publication

log = logging.getLogger("server")
bearer = HTTPBearer(auto_error=False)


class RepoFiles(StaticFiles):
    """Static files with cache rules: objects never change, the index always may."""

    def file_response(self, full_path, stat_result, scope, status_code=200):
        response = super().file_response(full_path, stat_result, scope, status_code)
        if Path(full_path).name == INDEX_NAME:
            response.headers["Cache-Control"] = "no-cache"
        else:
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


class EventIn(BaseModel):
    key: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    kind: str = Field(max_length=32)
    seq: int = 0
    created_at: dt.datetime
    payload: dict[str, Any]


class Batch(BaseModel):
    events: list[EventIn] = Field(max_length=1000)


class HelpDoneIn(BaseModel):
    key: str = Field(max_length=32)


# Kiosks relay the help requests of their center for this long; older ones are left to the
# admin page (a guide who missed a request for a day will not walk over to that kiosk now).
RELAY_WINDOW = dt.timedelta(hours=24)


def create_app(
    database_url: str,
    repo_dir: Path,
    clock: Callable[[], dt.datetime] = auth.now,
    stale_after: dt.timedelta = dt.timedelta(hours=1),
) -> FastAPI:
    """``clock``: naive UTC now (tests fix it); ``stale_after``: how long a kiosk may stay
    silent before the admin page marks it stale."""
    sessions = open_server_database(database_url)
    repo_dir.mkdir(parents=True, exist_ok=True)
    app = FastAPI(title="Seoul learning kiosk server", docs_url=None, redoc_url=None)
    app.state.sessions = sessions

    def db() -> Any:
        with sessions() as session:
            yield session

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

    @app.get("/healthz")
    def healthz() -> dict:
        return {"ok": True}

    @app.post("/api/v1/events")
    def upload(batch: Batch, who: Kiosk = Depends(kiosk), session: Session = Depends(db)) -> dict:
        stored = store_events(session, who, batch.events, now=clock())
        log.info("kiosk %s uploaded %d record(s), %d new", who.name, len(batch.events), stored)
        return {"accepted": [event.key for event in batch.events], "stored": stored}

    @app.get("/api/v1/help/open")
    def help_open(who: Kiosk = Depends(kiosk), session: Session = Depends(db)) -> dict:
        """Open help requests of the other kiosks in the caller's center, oldest first."""
        if not who.center:
            return {"requests": []}
        rows = helpdesk.open_requests(session, clock() - RELAY_WINDOW, center=who.center, exclude_kiosk_id=who.id)
        return {"requests": [helpdesk.as_relay(event, owner) for event, owner in rows]}

    @app.post("/api/v1/help/done")
    def help_done(body: HelpDoneIn, who: Kiosk = Depends(kiosk), session: Session = Depends(db)) -> dict:
        found = helpdesk.find_request(session, body.key)
        # Another center's request is "not found" too: a kiosk learns nothing outside its center.
        if found is None or not who.center or found[1].center != who.center:
            raise HTTPException(404, "no such help request in this center")
        if helpdesk.mark_done(session, found[0].id, f"kiosk {who.name}", clock()):
            log.info("kiosk %s closed help request %s of kiosk %s", who.name, found[0].id, found[1].name)
        session.commit()
        return {"ok": True}

    @app.get("/api/v1/admin/kiosks", dependencies=[Depends(admin)])
    def kiosks(session: Session = Depends(db)) -> list[dict]:
        return [
            {"name": k.name, "center": k.center, "last_seen_at": k.last_seen_at, "last_heartbeat": k.last_heartbeat}
            for k in session.scalars(select(Kiosk).order_by(Kiosk.name))
        ]

    @app.get("/api/v1/admin/events", dependencies=[Depends(admin)])
    def events(kind: str | None = None, limit: int = 100, session: Session = Depends(db)) -> list[dict]:
        query = select(Event, Kiosk.name).join(Kiosk).order_by(Event.id.desc()).limit(min(limit, 1000))
        if kind:
            query = query.where(Event.kind == kind)
        return [
            {"kiosk": name, "kind": e.kind, "key": e.key, "seq": e.seq, "created_at": e.created_at, "payload": e.payload}
            for e, name in session.execute(query)
        ]

    @app.get("/api/v1/admin/publications", dependencies=[Depends(admin)])
    def publications(session: Session = Depends(db)) -> list[dict]:
        rows = session.scalars(select(Publication).order_by(Publication.revision.desc()).limit(50))
        return [{"revision": p.revision, "root": p.root, "files": p.files, "published_at": p.published_at} for p in rows]

    mount_admin(app, sessions, clock=clock, stale_after=stale_after)
    app.mount("/repo", RepoFiles(directory=repo_dir, check_dir=False), name="repo")
    return app


def store_events(session: Session, who: Kiosk, events: list[EventIn], now: dt.datetime | None = None) -> int:
    """Insert each record once per (kiosk, key); repeats of a batch are acknowledged, not stored."""
    now = now or auth.now()
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
    beats = [e for e in events if e.kind == "heartbeat"]
    who = session.merge(who)
    who.last_seen_at = now
    if beats:
        who.last_heartbeat = max(beats, key=lambda e: e.created_at).payload
    # A guide closed a request on the asking kiosk: the other kiosks stop relaying it.
    local_done = [e for e in events if e.kind == "usage" and e.payload.get("event") == "help_done"]
    if local_done:
        helpdesk.close_done_on_kiosk(session, who, local_done, now)
    session.commit()
    return stored
