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
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from server import auth
from server import help as helpdesk
from server.models import AdminSession, Event, Kiosk, Publication

log = logging.getLogger("server.admin")

COOKIE = "kiosk_admin"
# Korea has no daylight saving time: a fixed offset needs no tz database (absent on Windows).
KST = dt.timezone(dt.timedelta(hours=9), "KST")
SYNC_OK = ("unchanged", "updated")
LESSON_EVENTS = ("lesson_started", "lesson_finished")
MAX_FORM_BYTES = 4096
# Inline CSS only, no scripts, no framing, forms post back here only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"


class LoginRequired(Exception):
    pass


@dataclass
class KioskRow:
    name: str
    center: str
    last_seen: str
    seen_ago: str
    stale: bool
    app_version: str
    content_revision: int | None
    behind: bool
    sync_ok: bool | None
    sync_text: str
    waiting: str
    free_disk: str
    open_help: int


def human_bytes(value: Any) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        return "—"
    size = float(value)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.0f} {unit}" if unit in ("B", "KB") else f"{size:.1f} {unit}"
        size /= 1024
    return "—"


def human_age(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min ago" if minutes else f"{hours} h ago"
    return f"{hours // 24} days ago"


def csv_cell(value: Any) -> Any:
    """Spreadsheets run cells starting with = + - @ as formulas; a leading ' keeps them text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def mount_admin(
    app: FastAPI,
    sessions: sessionmaker[Session],
    clock: Callable[[], dt.datetime] = auth.now,
    stale_after: dt.timedelta = dt.timedelta(hours=1),
    display_tz: dt.tzinfo = KST,
    session_lifetime: dt.timedelta = dt.timedelta(hours=12),
) -> None:
    """Add the /admin pages to ``app``. ``clock`` gives naive UTC now; times are shown in
    ``display_tz`` and the usage date range is read in it too."""
    router = APIRouter(prefix="/admin")
    templates = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def local(moment: dt.datetime | None) -> str:
        if moment is None:
            return "never"
        return moment.replace(tzinfo=dt.timezone.utc).astimezone(display_tz).strftime("%Y-%m-%d %H:%M %Z")

    templates.filters["local"] = local

    def csrf_of(session_id: str) -> str:
        return hashlib.sha256(f"csrf:{session_id}".encode()).hexdigest()[:32]

    def logged_in(request: Request) -> str:
        session_id = request.cookies.get(COOKIE)
        if not session_id or len(session_id) > 100:
            raise LoginRequired()
        with sessions() as session:
            row = session.get(AdminSession, auth.hash_token(session_id))
            if row is None or row.expires_at <= clock():
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

    def page(name: str, session_id: str | None, status_code: int = 200, **context: Any) -> HTMLResponse:
        now = clock()
        context.setdefault("section", name.removesuffix(".html"))
        if session_id is not None:
            with sessions() as session:
                context.setdefault("open_help", helpdesk.open_count(session, now - dt.timedelta(days=7)))
        html = templates.get_template(name).render(
            csrf=csrf_of(session_id) if session_id else "", now=local(now), logged_in=session_id is not None, **context
        )
        response = HTMLResponse(html, status_code=status_code)
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = CSP
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    # Login ----------------------------------------------------------------------------------
    @router.get("/login", response_class=HTMLResponse)
    def login_form() -> HTMLResponse:
        return page("login.html", None)

    @router.post("/login")
    async def login(request: Request) -> Response:
        form = await form_of(request)
        token = form.get("token", "").strip()
        now = clock()
        with sessions.begin() as session:
            token_id = auth.admin_token_id(session, token) if token else None
            if token_id is None:
                # Who tried, never with what: the typed text may be a real token with a typo.
                log.warning("admin login refused (from %s)", request.client.host if request.client else "?")
                return page("login.html", None, status_code=401, error="That admin token is not valid.")
            session.execute(delete(AdminSession).where(AdminSession.expires_at <= now))
            session_id = secrets.token_urlsafe(32)
            session.add(AdminSession(id_hash=auth.hash_token(session_id), admin_token_id=token_id,
                                     created_at=now, expires_at=now + session_lifetime))
        log.info("admin logged in (token #%d)", token_id)
        response = RedirectResponse("/admin", status_code=303)
        response.set_cookie(
            COOKIE, session_id, max_age=int(session_lifetime.total_seconds()), path="/admin",
            httponly=True, samesite="strict", secure=request.url.scheme == "https",
        )
        return response

    @router.post("/logout")
    async def logout(request: Request, session_id: str = Depends(logged_in)) -> Response:
        await checked_form(request, session_id)
        with sessions.begin() as session:
            session.execute(delete(AdminSession).where(AdminSession.id_hash == auth.hash_token(session_id)))
        response = RedirectResponse("/admin/login", status_code=303)
        response.delete_cookie(COOKIE, path="/admin", httponly=True, samesite="strict")
        return response

    # Fleet ----------------------------------------------------------------------------------
    @router.get("", response_class=HTMLResponse)
    def fleet(session_id: str = Depends(logged_in)) -> HTMLResponse:
        now = clock()
        with sessions() as session:
            latest = session.scalar(select(func.max(Publication.revision)))
            kiosks = list(session.scalars(select(Kiosk).order_by(func.coalesce(Kiosk.center, Kiosk.name), Kiosk.name)))
            open_by_kiosk = Counter(k.id for _, k in helpdesk.open_requests(session, now - dt.timedelta(days=7), limit=10000))
        rows = [kiosk_row(k, now, latest, open_by_kiosk[k.id]) for k in kiosks]
        return page(
            "fleet.html", session_id, kiosks=rows, latest=latest,
            stale_count=sum(r.stale for r in rows), behind_count=sum(r.behind for r in rows),
            error_count=sum(r.sync_ok is False for r in rows), stale_after=human_age(stale_after).replace(" ago", ""),
        )

    def kiosk_row(kiosk: Kiosk, now: dt.datetime, latest: int | None, open_help: int) -> KioskRow:
        beat = kiosk.last_heartbeat or {}
        revision = beat.get("content_revision")
        revision = revision if isinstance(revision, int) and not isinstance(revision, bool) else None
        last_sync = beat.get("last_sync")
        sync_ok = None if last_sync is None else last_sync in SYNC_OK
        sync_text = str(last_sync or "no report yet")
        if sync_ok is False and beat.get("last_sync_message"):
            sync_text = f"{last_sync}: {beat['last_sync_message']}"
        # The kiosk reports its queue as "outbox_pending" (uploads waiting at heartbeat time).
        waiting = beat.get("outbox_pending", beat.get("waiting_uploads"))
        return KioskRow(
            name=kiosk.name,
            center=helpdesk.center_of(kiosk),
            last_seen=local(kiosk.last_seen_at),
            seen_ago=human_age(now - kiosk.last_seen_at) if kiosk.last_seen_at else "",
            stale=kiosk.last_seen_at is None or now - kiosk.last_seen_at > stale_after,
            app_version=str(beat.get("app_version") or "—"),
            content_revision=revision,
            # Unknown (never reported) is not "behind": the STALE mark already says it.
            behind=latest is not None and revision is not None and revision < latest,
            sync_ok=sync_ok,
            sync_text=sync_text[:300],
            waiting=str(waiting) if isinstance(waiting, int) else "—",
            free_disk=human_bytes(beat.get("free_disk", beat.get("free_disk_bytes"))),
            open_help=open_help,
        )

    # Help requests --------------------------------------------------------------------------
    @router.get("/help", response_class=HTMLResponse)
    def help_page(session_id: str = Depends(logged_in)) -> HTMLResponse:
        now = clock()
        with sessions() as session:
            open_rows = helpdesk.open_requests(session, now - dt.timedelta(days=7))
            done_rows = helpdesk.recently_done(session, now - dt.timedelta(hours=24))
        requests = [
            {**helpdesk.as_relay(event, kiosk), "center": helpdesk.center_of(kiosk),
             "when": local(event.created_at), "ago": human_age(now - event.created_at)}
            for event, kiosk in open_rows
        ]
        done = [
            {**helpdesk.as_relay(event, kiosk), "center": helpdesk.center_of(kiosk), "when": local(event.created_at),
             "done_at": local(mark.done_at), "done_by": mark.done_by}
            for event, kiosk, mark in done_rows
        ]
        return page("help.html", session_id, requests=requests, done=done, open_help=len(requests))

    @router.post("/help/{key}/done")
    async def help_done(key: str, request: Request, session_id: str = Depends(logged_in)) -> Response:
        await checked_form(request, session_id)
        with sessions.begin() as session:
            found = helpdesk.find_request(session, key)
            if found is None:
                raise HTTPException(404, "no such help request")
            if helpdesk.mark_done(session, found[0].id, "admin page", clock()):
                log.info("admin page closed help request %s of kiosk %s", found[0].id, found[1].name)
        return RedirectResponse("/admin/help", status_code=303)

    # Usage ----------------------------------------------------------------------------------
    def date_range(start: str | None, end: str | None) -> tuple[dt.date, dt.date, str]:
        today = clock().replace(tzinfo=dt.timezone.utc).astimezone(display_tz).date()
        note = ""
        try:
            last = dt.date.fromisoformat(end) if end else today
            first = dt.date.fromisoformat(start) if start else last - dt.timedelta(days=6)
        except ValueError:
            last, first, note = today, today - dt.timedelta(days=6), "Dates are written 2030-01-31; showing the last 7 days."
        if first > last:
            first, last = last, first
        return first, last, note

    def usage_table(first: dt.date, last: dt.date) -> list[dict]:
        def utc(day: dt.date) -> dt.datetime:
            start = dt.datetime.combine(day, dt.time(), tzinfo=display_tz)
            return start.astimezone(dt.timezone.utc).replace(tzinfo=None)

        # Kiosks upload {"event": "lesson_started", "lesson": ID, ...}; "lesson_id" also read.
        lesson = func.coalesce(Event.payload["lesson"].as_string(), Event.payload["lesson_id"].as_string())
        name = Event.payload["event"].as_string()
        center = func.coalesce(Kiosk.center, Kiosk.name)
        query = (
            select(center, lesson, name, func.count())
            .select_from(Event)
            .join(Kiosk, Event.kiosk_id == Kiosk.id)
            .where(Event.kind == "usage", name.in_(LESSON_EVENTS),
                   Event.created_at >= utc(first), Event.created_at < utc(last + dt.timedelta(days=1)))
            .group_by(center, lesson, name)
        )
        table: dict[tuple[str, str], dict] = {}
        with sessions() as session:
            for where, lesson_id, event, count in session.execute(query):
                row = table.setdefault((where, lesson_id or "(unknown)"),
                                       {"center": where, "lesson": lesson_id or "(unknown)", "started": 0, "finished": 0})
                row["started" if event == "lesson_started" else "finished"] += count
        return [table[key] for key in sorted(table)]

    @router.get("/usage", response_class=HTMLResponse)
    def usage(start: str | None = None, end: str | None = None, session_id: str = Depends(logged_in)) -> HTMLResponse:
        first, last, note = date_range(start, end)
        rows = usage_table(first, last)
        centers: dict[str, dict] = {}
        for row in rows:
            total = centers.setdefault(row["center"], {"center": row["center"], "started": 0, "finished": 0, "lessons": 0})
            total["started"] += row["started"]
            total["finished"] += row["finished"]
            total["lessons"] += 1
        return page("usage.html", session_id, rows=rows, centers=list(centers.values()),
                    first=first.isoformat(), last=last.isoformat(), note=note, tz=display_tz.tzname(None) or "")

    @router.get("/usage.csv")
    def usage_csv(start: str | None = None, end: str | None = None, session_id: str = Depends(logged_in)) -> Response:
        first, last, _ = date_range(start, end)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["center", "lesson", "lessons_started", "lessons_finished"])
        for row in usage_table(first, last):
            writer.writerow([csv_cell(row["center"]), csv_cell(row["lesson"]), row["started"], row["finished"]])
        # A byte order mark, so that Excel reads Korean center names as UTF-8.
        return Response(
            out.getvalue().encode("utf-8-sig"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="usage-{first.isoformat()}-{last.isoformat()}.csv"',
                     "Cache-Control": "no-store"},
        )

    # Revisions ------------------------------------------------------------------------------
    @router.get("/revisions", response_class=HTMLResponse)
    def revisions(session_id: str = Depends(logged_in)) -> HTMLResponse:
        with sessions() as session:
            publications = list(session.scalars(select(Publication).order_by(Publication.revision.desc()).limit(100)))
            beats = [k.last_heartbeat or {} for k in session.scalars(select(Kiosk))]
        on = Counter(b.get("content_revision") for b in beats)
        rows = [
            {"revision": p.revision, "pack_id": p.pack_id, "root": p.root[:12], "files": p.files,
             "bytes": human_bytes(p.bytes), "published_at": local(p.published_at), "kiosks": on.get(p.revision, 0)}
            for p in publications
        ]
        return page("revisions.html", session_id, publications=rows)

    app.include_router(router)

    async def to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/admin/login", status_code=303)

    app.add_exception_handler(LoginRequired, to_login)
