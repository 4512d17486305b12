"""The admin web page: fleet, open help requests, usage (with CSV export) and revisions.

Server-rendered HTML (Jinja2, autoescaped), no JavaScript and no external assets, so it works
on any browser a senior center office has. Login takes an admin token (from `kiosk-server
init`) once; the browser then holds a session cookie:

* the cookie carries a random session id, never the token; the database keeps only the id's
  SHA-256 (like the tokens), so neither a leaked cookie jar nor a leaked database reveals
  the admin token, and logging out or expiry really ends the session;
* HttpOnly (no script can read it), SameSite=Strict (no other site can send it along, which
  is the main defence against cross-site form posts), Secure when served over HTTPS, and
  scoped to /admin;
* forms that change something also carry a token derived from the session id, checked on
  POST (defence in depth should a browser ignore SameSite).

Tokens never reach a log: the login form is POSTed (not in the URL the access log prints) and
refused logins are logged without what was typed.

Reading is in server.queries, what the pages show in server.views; this module is the HTTP
glue: routes, the session cookie, the form token and the page headers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock
from server import auth, queries, views
from server import help as helpdesk
from server.models import AdminSession

log = logging.getLogger("server.admin")

COOKIE = "kiosk_admin"
MAX_FORM_BYTES = 4096
# Inline CSS only, no scripts, no framing, forms post back here only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
# Help requests older than this are no longer counted as open on the pages.
OPEN_HELP_WINDOW = dt.timedelta(days=7)
CLOSED_HELP_WINDOW = dt.timedelta(hours=24)


class LoginRequired(Exception):
    pass


@dataclass
class AdminSite:
    """The admin pages' settings, kept on ``app.state.admin``."""

    sessions: sessionmaker[Session]
    clock: Clock = auth.now  # naive UTC now
    stale_after: dt.timedelta = dt.timedelta(hours=1)
    display_tz: dt.tzinfo = views.KST  # times are shown, and dates read, in this zone
    session_lifetime: dt.timedelta = dt.timedelta(hours=12)
    templates: Environment = field(init=False)

    def __post_init__(self) -> None:
        self.templates = views.templates(self.display_tz)

    def local(self, moment: dt.datetime | None) -> str:
        return views.local_time(moment, self.display_tz)

    def today(self) -> dt.date:
        return self.clock().replace(tzinfo=dt.timezone.utc).astimezone(self.display_tz).date()


def site(request: Request) -> AdminSite:
    return request.app.state.admin


def csrf_of(session_id: str) -> str:
    return hashlib.sha256(f"csrf:{session_id}".encode()).hexdigest()[:32]


def logged_in(request: Request, admin: AdminSite = Depends(site)) -> str:
    """The session id of a logged-in browser, or LoginRequired (which redirects to login)."""
    session_id = request.cookies.get(COOKIE)
    if not session_id or len(session_id) > 100:
        raise LoginRequired()
    with admin.sessions() as session:
        row = session.get(AdminSession, auth.hash_token(session_id))
        if row is None or row.expires_at <= admin.clock():
            raise LoginRequired()
    return session_id


async def form_of(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {name: values[0] for name, values in fields.items()}


async def checked_form(request: Request, session_id: str) -> dict[str, str]:
    form = await form_of(request)
    if not secrets.compare_digest(form.get("csrf", ""), csrf_of(session_id)):
        raise HTTPException(403, "the form is out of date; reload the page and try again")
    return form


def page(admin: AdminSite, name: str, session_id: str | None, status_code: int = 200, **context: Any) -> HTMLResponse:
    now = admin.clock()
    context.setdefault("section", name.removesuffix(".html"))
    if session_id is not None and "open_help" not in context:
        with admin.sessions() as session:
            context["open_help"] = queries.open_help_count(session, now - OPEN_HELP_WINDOW)
    html = admin.templates.get_template(name).render(
        csrf=csrf_of(session_id) if session_id else "", now=admin.local(now), logged_in=session_id is not None, **context
    )
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


router = APIRouter(prefix="/admin")


# Login ------------------------------------------------------------------------------------------
@router.get("/login", response_class=HTMLResponse)
def login_form(admin: AdminSite = Depends(site)) -> HTMLResponse:
    return page(admin, "login.html", None)


@router.post("/login")
async def login(request: Request, admin: AdminSite = Depends(site)) -> Response:
    form = await form_of(request)
    token = form.get("token", "").strip()
    now = admin.clock()
    with admin.sessions.begin() as session:
        token_id = auth.admin_token_id(session, token) if token else None
        if token_id is None:
            # Who tried, never with what: the typed text may be a real token with a typo.
            log.warning("admin login refused (from %s)", request.client.host if request.client else "?")
            return page(admin, "login.html", None, status_code=401, error="That admin token is not valid.")
        session.execute(delete(AdminSession).where(AdminSession.expires_at <= now))
        session_id = secrets.token_urlsafe(32)
        session.add(AdminSession(id_hash=auth.hash_token(session_id), admin_token_id=token_id,
                                 created_at=now, expires_at=now + admin.session_lifetime))
    log.info("admin logged in (token #%d)", token_id)
    response = RedirectResponse("/admin", status_code=303)
    response.set_cookie(
        COOKIE, session_id, max_age=int(admin.session_lifetime.total_seconds()), path="/admin",
        httponly=True, samesite="strict", secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
async def logout(request: Request, session_id: str = Depends(logged_in), admin: AdminSite = Depends(site)) -> Response:
    await checked_form(request, session_id)
    with admin.sessions.begin() as session:
        session.execute(delete(AdminSession).where(AdminSession.id_hash == auth.hash_token(session_id)))
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(COOKIE, path="/admin", httponly=True, samesite="strict")
    return response


# Fleet ------------------------------------------------------------------------------------------
@router.get("", response_class=HTMLResponse)
def fleet(session_id: str = Depends(logged_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    now = admin.clock()
    with admin.sessions() as session:
        latest = queries.latest_revision(session)
        kiosks = queries.kiosks(session)
        open_by_kiosk = queries.open_help_by_kiosk(session, now - OPEN_HELP_WINDOW)
    rows = [views.kiosk_row(k, now, latest, open_by_kiosk[k.id], admin.stale_after, admin.display_tz) for k in kiosks]
    return page(
        admin, "fleet.html", session_id, kiosks=rows, latest=latest,
        stale_count=sum(r.stale for r in rows), behind_count=sum(r.behind for r in rows),
        error_count=sum(r.sync_ok is False for r in rows),
        out_of_date_count=sum(bool(r.out_of_date_since) for r in rows),
        stale_after=views.human_age(admin.stale_after).replace(" ago", ""),
    )


# Help requests ----------------------------------------------------------------------------------
@router.get("/help", response_class=HTMLResponse)
def help_page(session_id: str = Depends(logged_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    now = admin.clock()
    with admin.sessions() as session:
        open_rows = queries.open_help_requests(session, now - OPEN_HELP_WINDOW)
        closed_rows = queries.recently_closed_help(session, now - CLOSED_HELP_WINDOW)
    requests = [views.help_row(event, kiosk, now, admin.display_tz) for event, kiosk in open_rows]
    done = [views.closed_help_row(event, kiosk, mark, admin.display_tz) for event, kiosk, mark in closed_rows]
    return page(admin, "help.html", session_id, requests=requests, done=done, open_help=len(requests))


@router.post("/help/{key}/done")
async def help_done(key: str, request: Request, session_id: str = Depends(logged_in),
                    admin: AdminSite = Depends(site)) -> Response:
    await checked_form(request, session_id)
    with admin.sessions.begin() as session:
        found = queries.find_help_request(session, key)
        if found is None:
            raise HTTPException(404, "no such help request")
        if helpdesk.mark_done(session, found[0].id, "admin page", admin.clock()):
            log.info("admin page closed help request %s of kiosk %s", key, found[1].name)
    return RedirectResponse("/admin/help", status_code=303)


# Usage ------------------------------------------------------------------------------------------
def usage_rows(admin: AdminSite, first: dt.date, last: dt.date) -> list[dict]:
    start = views.day_start_utc(first, admin.display_tz)
    end = views.day_start_utc(last + dt.timedelta(days=1), admin.display_tz)
    with admin.sessions() as session:
        return views.usage_rows(queries.lesson_counts(session, start, end))


@router.get("/usage", response_class=HTMLResponse)
def usage(start: str | None = None, end: str | None = None, session_id: str = Depends(logged_in),
          admin: AdminSite = Depends(site)) -> HTMLResponse:
    first, last, note = views.date_range(start, end, admin.today())
    rows = usage_rows(admin, first, last)
    return page(admin, "usage.html", session_id, rows=rows, centers=views.center_totals(rows),
                first=first.isoformat(), last=last.isoformat(), note=note, tz=admin.display_tz.tzname(None) or "")


@router.get("/usage.csv")
def usage_csv(start: str | None = None, end: str | None = None, session_id: str = Depends(logged_in),
              admin: AdminSite = Depends(site)) -> Response:
    first, last, _ = views.date_range(start, end, admin.today())
    return Response(
        views.usage_csv(usage_rows(admin, first, last)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="usage-{first.isoformat()}-{last.isoformat()}.csv"',
                 "Cache-Control": "no-store"},
    )


# Revisions --------------------------------------------------------------------------------------
@router.get("/revisions", response_class=HTMLResponse)
def revisions(session_id: str = Depends(logged_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    with admin.sessions() as session:
        rows = views.revision_rows(queries.publications(session), queries.kiosks_per_revision(session), admin.display_tz)
    return page(admin, "revisions.html", session_id, publications=rows)


async def to_login(request: Request, exc: LoginRequired) -> Response:
    return RedirectResponse("/admin/login", status_code=303)


def mount_admin(app: FastAPI, sessions: sessionmaker[Session], **settings: Any) -> None:
    """Add the /admin pages to ``app``; ``settings`` are AdminSite's (clock, stale_after, ...)."""
    app.state.admin = AdminSite(sessions, **settings)
    app.include_router(router)
    app.add_exception_handler(LoginRequired, to_login)
