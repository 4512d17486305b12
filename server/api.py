"""The HTTP API: kiosks upload records and relay help requests (bearer kiosk token); an admin
token reads the fleet as JSON. Paths and bodies are protocol's.

New kiosks connect without a token (protocol.onboarding, server.onboarding). A kiosk token the
admin page revoked is refused with 403 ``kiosk_revoked``; an unknown or missing one with 401
``unknown_kiosk_token``, and the call is noted for the fleet page. What the server hands out
when a kiosk connects comes from the app: ``app.state.root_public_key`` (server.json's
"root_public_key") and ``app.state.public_repo_url`` (the repository, if not <server>/repo/).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from protocol import events as wire
from protocol import onboarding as connect
from protocol.help import (
    API_HELP_CLOSED, API_HELP_DONE, API_HELP_OPEN, CLOSED_QUERY_MAX, closed_answer, open_answer,
)
from server import auth, queries, views
from server import help as helpdesk
from server import onboarding
from server.ingest import store_events
from server.models import CenterRow, Kiosk

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


# Refusals with the protocol's own bodies ---------------------------------------------------------
class Refused(Exception):
    """Answered as ``body`` itself (protocol.onboarding), not wrapped in FastAPI's "detail"."""

    def __init__(self, status: int, body: dict, headers: dict[str, str] | None = None):
        super().__init__(body.get("error", ""))
        self.status, self.body, self.headers = status, body, headers or {}


class RefusingRoute(APIRoute):
    """Turns Refused, raised by an endpoint or its dependencies, into its answer; this router's
    own, so the app needs no exception handler for it."""

    def get_route_handler(self) -> Callable:
        handle = super().get_route_handler()

        async def handler(request: Request):
            try:
                return await handle(request)
            except Refused as refused:
                return JSONResponse(refused.body, status_code=refused.status, headers=refused.headers)

        return handler


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


def address_of(request: Request) -> str | None:
    # Behind a TLS proxy this is the proxy unless uvicorn trusts its X-Forwarded-For
    # (`--forwarded-allow-ips`); counted per address only for rate limits and the fleet page.
    return request.client.host if request.client else None


async def raw_body(request: Request) -> bytes:
    """The request's body (already read and kept by FastAPI for the routes that take one)."""
    return await request.body()


def kiosk(request: Request, credentials=Depends(bearer), session: Session = Depends(db),
          at: dt.datetime = Depends(now), body: bytes = Depends(raw_body)) -> Kiosk:
    token = credentials.credentials if credentials is not None and credentials.scheme.lower() == "bearer" else None
    found = auth.kiosk_for(session, token) if token else None
    if found is not None and found.revoked_at is None:
        return found
    if found is not None:
        log.info("revoked kiosk %s was refused", found.name)
        raise Refused(403, connect.refusal_body(connect.KIOSK_REVOKED, connect.revoked_message(found.revoked_at),
                                                found.revoked_at))
    heartbeat = None
    if request.url.path == wire.API_EVENTS and 0 < len(body) <= UNKNOWN_BODY_READ_MAX:
        try:
            heartbeat = onboarding.heartbeat_of(json.loads(body))
        except ValueError:
            heartbeat = None
    onboarding.record_unknown_call(session, address_of(request), token, heartbeat, at)
    session.commit()
    log.info("a call to %s with %s kiosk token was refused", request.url.path, "an unknown" if token else "no")
    raise Refused(401, connect.refusal_body(connect.UNKNOWN_KIOSK_TOKEN, connect.UNKNOWN_TOKEN_MESSAGE),
                  headers={"WWW-Authenticate": "Bearer"})


async def small_json(request: Request) -> Any:
    """An onboarding body, read only up to protocol.onboarding.BODY_MAX (no token guards these routes)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > connect.BODY_MAX:
        raise HTTPException(413, f"the body is larger than {connect.BODY_MAX} bytes")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > connect.BODY_MAX:
            raise HTTPException(413, f"the body is larger than {connect.BODY_MAX} bytes")
    try:
        return json.loads(data or b"{}")
    except ValueError:
        raise HTTPException(422, "the body is not JSON") from None


def admin(credentials=Depends(bearer), session: Session = Depends(db)) -> None:
    if not auth.is_admin(session, token_of(credentials)):
        raise HTTPException(401, "admin credential required", headers={"WWW-Authenticate": "Bearer"})


# A refused upload's heartbeat is read only from a body up to this size (a normal batch is far smaller).
UNKNOWN_BODY_READ_MAX = 1 << 20


# Kiosks -----------------------------------------------------------------------------------------
router = APIRouter(route_class=RefusingRoute)


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


@router.get(connect.API_KIOSK_ASSIGNMENT)
def assignment(request: Request, who: Kiosk = Depends(kiosk), session: Session = Depends(db)) -> dict:
    """Who this kiosk is now: a kiosk moved to another center follows at its next sync. A
    kiosk enrolled as a center of its own (auth.enroll's default, no such center on the
    server) has no center view: it syncs the city's."""
    center = who.center if who.center and session.get(CenterRow, who.center) is not None else ""
    return connect.Assignment(who.name, center, root_public_key(request)).to_dict()


# Connecting a new kiosk (no token yet) -----------------------------------------------------------
def root_public_key(request: Request) -> str:
    return getattr(request.app.state, "root_public_key", "") or ""


@router.post(connect.API_ONBOARDING_START)
def onboarding_start(request: Request, body: Any = Depends(small_json), session: Session = Depends(db),
                     at: dt.datetime = Depends(now)) -> dict:
    try:
        asked = connect.StartRequest.from_dict(body)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    try:
        code, secret, expires_at = onboarding.start(session, address_of(request), asked.app_version, at)
    except onboarding.TooManyRequests as error:
        raise Refused(429, {"error": connect.TOO_MANY_REQUESTS, "message": str(error)}) from None
    session.commit()
    log.info("a kiosk asked to connect (app %s)", asked.app_version or "unknown")
    return connect.StartAnswer(code, secret, expires_at).to_dict()


@router.post(connect.API_ONBOARDING_POLL)
def onboarding_poll(request: Request, body: Any = Depends(small_json), session: Session = Depends(db),
                    at: dt.datetime = Depends(now)) -> dict:
    try:
        asked = connect.PollRequest.from_dict(body)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    key = root_public_key(request)
    if not key:
        # Without its trust root a kiosk could check nothing it downloads: no token either.
        raise Refused(503, {"error": connect.SERVER_NOT_READY, "message":
                            "This server has no root public key to give kiosks (server.json \"root_public_key\"); "
                            "an admin runs `kiosk-server init` on it."})
    answer = onboarding.poll(session, asked.secret, at, key, getattr(request.app.state, "public_repo_url", "") or "")
    session.commit()
    if answer.state is connect.PollState.DELIVERED:
        log.info("kiosk %s collected its token", answer.name)
    return answer.to_dict()


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
