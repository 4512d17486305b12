"""The help page (/admin/help): the open help requests a person may see, live on a guide's
phone, with Done; its JSON for the page's script (/admin/help/live.json); and the page's two
static files (/admin/static/help.js, the kiosk's own chime).

Scope: every list is filtered in SQL by the person's Scope (server.help_queries), and Done
checks it again for the one request named, so a guide of one center can neither see nor close
another center's requests. The JSON is ``no-store`` like the pages: it names kiosks and
lessons a shared office computer should not keep.

Done works without the script (a form, answered with a redirect back here) and with it (the
same form posted by fetch with ``Accept: application/json``, answered with the page's new
state). Both carry the page's form token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from kiosk.paths import RESOURCES_DIR
from protocol.help import is_help_key
from server import audit, help_queries
from server import help as helpdesk
from server.admin_routes import AdminSite, Forbidden, Me, checked_form, render, signed_in, site
from server.help_views import closed_view, live_answer, open_view, page_title, waiting_text
from server.scope import Scope
from server.titles import titles

log = logging.getLogger("server.admin.help")

OPEN_WINDOW = dt.timedelta(days=7)  # older open requests are no longer shown as waiting
CLOSED_WINDOW = dt.timedelta(hours=24)
POLL_SECONDS = 5  # how often the page's script asks; a test may lower it
REFRESH_SECONDS = 30  # the page reloads itself this often when scripts are off
NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}

router = APIRouter(prefix="/admin")


def open_help_count(session: Session, scope: Scope, now: dt.datetime) -> int:
    """The navigation's count: the open requests this person would see on the help page."""
    return help_queries.open_count(session, scope, now - OPEN_WINDOW)


def state(admin: AdminSite, me: Me) -> tuple[list, list]:
    """The open requests (newest first) and the recently closed ones ``me`` may see, as shown."""
    now = admin.clock()
    with admin.sessions() as session:
        open_records = help_queries.open_requests(session, me.scope, now - OPEN_WINDOW)
        closed_records = help_queries.recently_closed(session, me.scope, now - CLOSED_WINDOW)
        names = titles(session, admin.repo_dir)
    return ([open_view(record, now, names, me.t) for record in open_records],
            [closed_view(record, names, me.t) for record in closed_records])


def live_response(admin: AdminSite, me: Me) -> JSONResponse:
    requests, done = state(admin, me)
    return JSONResponse(live_answer(requests, done, me.t), headers=NO_STORE)


@router.get("/help", response_class=HTMLResponse)
def help_page(me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    requests, done = state(admin, me)
    return render(
        admin, me, "help.html", requests=requests, done=done, open_help=len(requests), back_to="/admin/help",
        page_title=page_title(len(requests), me.t), waiting=waiting_text(len(requests), me.t),
        show_center=not me.scope.center, poll_seconds=POLL_SECONDS, refresh_seconds=REFRESH_SECONDS,
    )


@router.get("/help/live.json")
def help_live(me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> JSONResponse:
    return live_response(admin, me)


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


@router.post("/help/{key}/done")
async def help_done(key: str, request: Request, me: Me = Depends(signed_in),
                    admin: AdminSite = Depends(site)) -> Response:
    await checked_form(request, me)
    now = admin.clock()
    with admin.sessions.begin() as session:
        found = help_queries.find_request(session, key) if is_help_key(key) else None
        if found is None:
            raise HTTPException(404, me.t.gettext("There is no such help request. Go back to the help page."))
        if not me.scope.sees_center(found.kiosk.center, found.district):
            raise Forbidden(me.t.gettext("This help request belongs to another center."))
        if helpdesk.mark_done(session, found.event.id, me.display_name, now):
            audit.record(session, me, "help.done", target=key, district=found.district, center=found.kiosk.center,
                         detail={"kiosk": found.kiosk.name}, now=now)
            log.info("%s closed help request %s of kiosk %s on the admin page", me.login, key, found.kiosk.name)
    if wants_json(request):
        return live_response(admin, me)
    return RedirectResponse("/admin/help", status_code=303)


# The page's own files ---------------------------------------------------------------------------
@dataclass(frozen=True)
class StaticFile:
    path: Path
    media_type: str


# Only these, by name: nothing a request names reaches the file system.
STATIC_FILES = {
    "help.js": StaticFile(Path(__file__).parent / "static" / "help.js", "text/javascript; charset=utf-8"),
    # The content editors' recorder (narration from the microphone) and tap-region drawing.
    **{name: StaticFile(Path(__file__).parent / "static" / name, "text/javascript; charset=utf-8")
       for name in ("recorder.js", "recorder-worklet.js", "regions.js")},
    "guide_chime.wav": StaticFile(RESOURCES_DIR / "sounds" / "guide_chime.wav", "audio/wav"),
}


@router.get("/static/{name}")
def static_file(name: str, request: Request) -> Response:
    known = STATIC_FILES.get(name)
    if known is None:
        raise HTTPException(404, "no such file")
    body = known.path.read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    # Revalidated every time (cheap: 304), so a server upgrade's new script is used at once.
    headers = {"ETag": etag, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=known.media_type, headers=headers)
