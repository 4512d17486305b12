"""The admin web's core: who is logged in (Me), rendering a page in their language, forms,
login and logout, the first city admin, and the routers of the site's parts.

Each person logs in with their own account (server.staff); what they may see and change is
their Scope (server.scope). The pages are server-rendered HTML (Jinja2, autoescaped) that work
without JavaScript; the help page adds a small script of our own for live updates.

Session cookie: a random id (the database keeps only its SHA-256), HttpOnly, SameSite=Strict
(no other site can send it along: the main defence against cross-site form posts), Secure
over HTTPS, scoped to /admin. Every form that changes something also carries a token derived
from the session id, checked on POST (defence in depth should a browser ignore SameSite).
Passwords and tokens never reach a log: forms are POSTed, refusals are logged without what
was typed.

The parts: server.admin_staff (accounts, the audit log), server.admin_fleet (fleet, kiosks,
usage, revisions), server.admin_help (help requests, live).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import delete

from kiosk.clock import Clock
from server import audit, auth, i18n, staff
from server.api import address_of
from server.models import AdminToken, Staff
from server.scope import Role, Scope

log = logging.getLogger("server.admin")

COOKIE = "kiosk_admin"
LANGUAGE_COOKIE = "kiosk_admin_lang"  # the language of the login page, before anyone is known
MAX_FORM_BYTES = 16384
TEMPLATES_DIR = Path(__file__).parent / "templates"
# Our own script only (the help page's live list and chime), no framing, forms post back here.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
       "media-src 'self' blob:; img-src 'self' data: blob:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


class LoginRequired(Exception):
    pass


class Forbidden(Exception):
    """Raised by a page for what the person's role does not reach; shown as a 403 page."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class AdminSite:
    """The admin pages' settings, kept on ``app.state.admin``."""

    sessions: Any  # sessionmaker[Session]
    repo_dir: Path = Path("repo")
    clock: Clock = auth.now  # naive UTC now
    stale_after: dt.timedelta = dt.timedelta(hours=1)
    display_tz: dt.tzinfo = i18n.KST  # times are shown, and dates read, in this zone
    content: Any = None  # server.content_store.ContentStore: drafts, publishing, revisions
    previews: Any = None  # server.preview.PreviewCache: drafts drawn by the kiosk's own screens
    _environments: dict[str, Environment] = field(default_factory=dict, init=False, repr=False)

    def templates(self, t: i18n.Translator) -> Environment:
        """One template environment per language (the gettext calls are bound to it)."""
        environment = self._environments.get(t.locale)
        if environment is None:
            environment = Environment(
                loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]),
                trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"],
            )
            environment.install_gettext_callables(t.gettext, t.ngettext, newstyle=True)  # type: ignore[attr-defined]
            environment.filters["local"] = t.format_datetime
            environment.filters["day"] = t.format_date
            environment.filters["ago"] = t.format_ago
            environment.filters["duration"] = t.format_duration
            from server.content_messages import field_words  # the content pages name fields as people do
            from server.titles import pick

            environment.globals["pick"] = pick
            environment.globals["field_words"] = lambda kind, path: field_words(kind, path, t)
            self._environments[t.locale] = environment
        return environment

    def translator(self, locale: str) -> i18n.Translator:
        return i18n.Translator(locale, self.display_tz)

    def today(self) -> dt.date:
        return self.clock().replace(tzinfo=dt.timezone.utc).astimezone(self.display_tz).date()


@dataclass(frozen=True)
class Me:
    """The logged-in person, for one request."""

    staff_id: int
    login: str
    display_name: str
    role: Role
    scope: Scope
    locale: str
    t: i18n.Translator
    session_id: str

    @property
    def csrf(self) -> str:
        return csrf_of(self.session_id)


def site(request: Request) -> AdminSite:
    return request.app.state.admin


def csrf_of(session_id: str) -> str:
    return hashlib.sha256(f"csrf:{session_id}".encode()).hexdigest()[:32]


def signed_in(request: Request, admin: AdminSite = Depends(site)) -> Me:
    """The logged-in person, or LoginRequired (which redirects to the login page)."""
    session_id = request.cookies.get(COOKIE)
    if not session_id or len(session_id) > 100:
        raise LoginRequired()
    with admin.sessions.begin() as session:
        person = staff.staff_of_session(session, session_id, admin.clock())
        if person is None:
            raise LoginRequired()
        return Me(staff_id=person.id, login=person.login, display_name=person.display_name,
                  role=Role(person.role), scope=staff.scope_of(person), locale=i18n.pick_locale(person.locale),
                  t=admin.translator(person.locale), session_id=session_id)


async def form_of(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {name: values[0] for name, values in fields.items()}


async def checked_form(request: Request, me: Me) -> dict[str, str]:
    """The posted form, if it carries this session's form token (the field or a header)."""
    form = await form_of(request)
    if not csrf_matches(form.get("csrf") or request.headers.get("X-CSRF-Token", ""), me):
        raise Forbidden(me.t.gettext("This form is out of date. Reload the page and try again."))
    return form


def csrf_matches(sent: str, me: Me) -> bool:
    return secrets.compare_digest(sent.encode(), me.csrf.encode())


def secure_headers(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _html(admin: AdminSite, t: i18n.Translator, name: str, status_code: int, context: dict) -> HTMLResponse:
    context.setdefault("section", name.removesuffix(".html"))
    html = admin.templates(t).get_template(name).render(
        now=t.format_datetime(admin.clock()), locale=t.locale, locales=i18n.LOCALE_NAMES, **context
    )
    return secure_headers(HTMLResponse(html, status_code=status_code))  # type: ignore[return-value]


def render(admin: AdminSite, me: Me, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page for the logged-in person: their language, their navigation, the form token."""
    # The navigation's counts, of what the person would see on the help and alerts pages.
    from server.admin_alerts import open_alert_count
    from server.admin_help import open_help_count

    with admin.sessions() as session:
        if "open_help" not in context:
            context["open_help"] = open_help_count(session, me.scope, admin.clock())
        context["open_alerts_count"] = open_alert_count(session, me.scope)
    return _html(admin, me.t, name, status_code, {"me": me, "csrf": me.csrf, "logged_in": True,
                                                  "Role": Role, **context})


def render_public(admin: AdminSite, request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page before login, in the language chosen on it or the browser's."""
    t = admin.translator(i18n.pick_locale(request.cookies.get(LANGUAGE_COOKIE),
                                          request.headers.get("accept-language", "")))
    return _html(admin, t, name, status_code, {"me": None, "csrf": "", "logged_in": False, "t": t, **context})


router = APIRouter(prefix="/admin")


# Login ------------------------------------------------------------------------------------------
@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, admin: AdminSite = Depends(site)) -> HTMLResponse:
    with admin.sessions() as session:
        if not staff.has_city_admin(session):
            return RedirectResponse("/admin/setup", status_code=303)  # type: ignore[return-value]
    return render_public(admin, request, "login.html")


@router.post("/login")
async def login(request: Request, admin: AdminSite = Depends(site)) -> Response:
    form = await form_of(request)
    login_name = form.get("login", "")[:64]
    now = admin.clock()
    with admin.sessions.begin() as session:
        result = staff.log_in(session, login_name, form.get("password", "")[:1024], address_of(request), now)
        if result.ok:
            log.info("%s logged in", result.staff.login)
    if not result.ok:
        t = admin.translator(i18n.pick_locale(request.cookies.get(LANGUAGE_COOKIE),
                                              request.headers.get("accept-language", "")))
        if result.address_blocked:
            error, status = t.gettext("Too many failed logins from this computer. Wait 15 minutes and try again."), 429
        elif result.locked_until is not None:
            error = t.gettext("This account is locked after too many wrong passwords, until %(time)s. "
                              "Ask your admin to set a new password if you have forgotten it.") % {
                "time": t.format_datetime(result.locked_until)}
            status = 429
        else:
            error, status = t.gettext("That login name and password do not match. Check them and try again."), 401
        # Who tried, never with what: the typed text may be a real password with a typo.
        log.warning("login refused (from %s)", address_of(request))
        return render_public(admin, request, "login.html", status_code=status, error=error, login=login_name)
    response = RedirectResponse("/admin", status_code=303)
    response.set_cookie(
        COOKIE, result.session_id, max_age=int(staff.SESSION_LIFETIME.total_seconds()), path="/admin",
        httponly=True, samesite="strict", secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
async def logout(request: Request, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    await checked_form(request, me)
    with admin.sessions.begin() as session:
        staff.end_session(session, me.session_id)
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(COOKIE, path="/admin", httponly=True, samesite="strict")
    return response


@router.post("/language")
async def choose_language(request: Request, admin: AdminSite = Depends(site)) -> Response:
    """The language switch: kept on the account when logged in, in a cookie before."""
    form = await form_of(request)
    locale = i18n.pick_locale(form.get("locale"))
    back = form.get("back", "/admin")
    if not back.startswith("/admin") or back.startswith("//"):
        back = "/admin"
    response = RedirectResponse(back, status_code=303)
    try:
        me = signed_in(request, admin)
    except LoginRequired:
        response.set_cookie(LANGUAGE_COOKIE, locale, max_age=365 * 86400, path="/admin", samesite="strict")
        return response
    if not secrets.compare_digest(form.get("csrf", ""), me.csrf):
        raise Forbidden(me.t.gettext("This form is out of date. Reload the page and try again."))
    with admin.sessions.begin() as session:
        person = session.get(Staff, me.staff_id)
        person.locale = locale
    response.set_cookie(LANGUAGE_COOKIE, locale, max_age=365 * 86400, path="/admin", samesite="strict")
    return response


# The first city admin ---------------------------------------------------------------------------
@router.get("/setup", response_class=HTMLResponse)
def setup_form(request: Request, admin: AdminSite = Depends(site)) -> HTMLResponse:
    with admin.sessions() as session:
        done = staff.has_city_admin(session)
    return render_public(admin, request, "setup.html", done=done)


@router.post("/setup")
async def setup(request: Request, admin: AdminSite = Depends(site)) -> Response:
    """The setup token printed by `kiosk-server init` makes the first city admin, once."""
    form = await form_of(request)
    now = admin.clock()
    t = admin.translator(i18n.pick_locale(request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language", "")))
    values = {"login": form.get("login", ""), "display_name": form.get("display_name", "")}
    with admin.sessions.begin() as session:
        if staff.has_city_admin(session):
            return render_public(admin, request, "setup.html", status_code=409, done=True)
        recent = staff.recent_failures(session, address_of(request), now)
        token_id = auth.setup_token_id(session, form.get("token", "").strip()) if recent < staff.ADDRESS_LIMIT else None
        if token_id is None:
            staff.note_failure(session, address_of(request), now)
            log.warning("first-admin setup refused (from %s)", address_of(request))
            error = t.gettext("That setup token is not valid. It is printed once by `kiosk-server init`.")
            return render_public(admin, request, "setup.html", status_code=401, error=error, **values)
        if form.get("password", "") != form.get("password_again", ""):
            return render_public(admin, request, "setup.html", status_code=400, **values,
                                 error=t.gettext("The two passwords are not the same. Type them again."))
        try:
            person = staff.create_staff(session, login=values["login"], password=form.get("password", ""),
                                        display_name=values["display_name"], role=Role.CITY, by="setup token",
                                        now=now, locale=t.locale)
        except staff.AccountError as error:
            session.rollback()
            return render_public(admin, request, "setup.html", status_code=400, error=error.say(t), **values)
        session.execute(delete(AdminToken).where(AdminToken.id == token_id))  # used up
        audit.record(session, "setup token", "staff.create", person.login, detail={"role": Role.CITY.value}, now=now)
    log.info("first city admin %s created", person.login)
    return RedirectResponse("/admin/login", status_code=303)


async def to_login(request: Request, exc: LoginRequired) -> Response:
    return RedirectResponse("/admin/login", status_code=303)


async def forbidden_page(request: Request, exc: Forbidden) -> Response:
    admin = site(request)
    try:
        me = signed_in(request, admin)
    except LoginRequired:
        return RedirectResponse("/admin/login", status_code=303)
    return render(admin, me, "forbidden.html", status_code=403, message=exc.message)


def mount_admin(app: FastAPI, sessions, **settings: Any) -> None:
    """Add the /admin pages to ``app``; ``settings`` are AdminSite's (repo_dir, clock, ...)."""
    from server import admin_content, admin_fleet, admin_help, admin_preview, admin_publish, admin_staff
    from server.preview import PreviewCache

    app.state.admin = admin = AdminSite(sessions, **settings)
    if admin.previews is None and admin.content is not None:
        admin.previews = PreviewCache(admin.content.uploads_dir.with_name("previews"))
    for part in (router, admin_staff.router, admin_fleet.router, admin_help.router, admin_publish.router,
                 admin_preview.router, admin_content.router):
        app.include_router(part)
    app.add_exception_handler(LoginRequired, to_login)
    app.add_exception_handler(Forbidden, forbidden_page)

