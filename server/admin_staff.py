"""Accounts on the admin web: the staff list (city: everyone; district: the center staff of its
district), adding a person, a new password, turning an account off and on, one's own account
(password, language), and the audit log of who changed what."""

from __future__ import annotations

import logging
import re

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.content.districts import DISTRICTS
from kiosk.scrypt_hash import verify_secret
from server import audit, staff
from server.i18n import N_
from server.admin_routes import AdminSite, Forbidden, Me, checked_form, render, signed_in, site
from server.models import CenterRow, Staff
from server.scope import Role
from server.titles import Titles, pick

log = logging.getLogger("server.admin")
router = APIRouter(prefix="/admin")
# An email address as people write it: something@somewhere.tld, no spaces (nor line breaks, so
# nothing can be slipped into a mail's headers). The mail server says the rest.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
EMAIL_MAX = 254
ROLE_NAMES = {Role.CITY: N_("City admin"), Role.DISTRICT: N_("District admin"), Role.CENTER: N_("Center staff / digital guide")}


def clean_email(text: str) -> str | None:
    """A typed email address, trimmed; None for an empty field (no alert mails)."""
    value = (text or "").strip()
    if not value:
        return None
    if len(value) > EMAIL_MAX or not EMAIL.match(value):
        raise staff.AccountError(N_("'%(email)s' does not look like an email address. Write it like "
                                    "name@example.org, or leave the field empty for no alert mails."),
                                 email=value[:EMAIL_MAX])
    return value


def _visible_staff(session: Session, me: Me) -> list[Staff]:
    people = session.scalars(select(Staff).order_by(Staff.role, Staff.district, Staff.center, Staff.login))
    return [p for p in people if p.id == me.staff_id or me.scope.may_manage(Role(p.role), p.district, p.center, p.district)]


def _centers_for(session: Session, me: Me) -> list[tuple[str, str]]:
    rows = session.scalars(select(CenterRow).order_by(CenterRow.district, CenterRow.id))
    return [(row.id, f"{pick(row.data.get('name'), me.locale) or row.id} ({Titles.district(row.district, me.locale)})")
            for row in rows if me.scope.sees_center(row.id, row.district)]


def _role_choices(me: Me) -> list[tuple[str, str]]:
    roles = [Role.CITY, Role.DISTRICT, Role.CENTER] if me.scope.is_city else [Role.CENTER]
    return [(role.value, me.t.gettext(ROLE_NAMES[role])) for role in roles]


def _staff_page(admin: AdminSite, me: Me, status_code: int = 200, **context) -> HTMLResponse:
    if me.role is Role.CENTER:
        raise Forbidden(me.t.gettext("Center staff do not manage accounts. Ask your district admin."))
    with admin.sessions() as session:
        people = _visible_staff(session, me)
        centers = _centers_for(session, me)
        center_names = dict(centers)
    rows = [{"id": p.id, "login": p.login, "name": p.display_name, "role": me.t.gettext(ROLE_NAMES[Role(p.role)]),
             "where": center_names.get(p.center or "", p.center or "") if p.center else Titles.district(p.district, me.locale),
             "disabled": p.disabled_at is not None, "locked": p.locked_until is not None and p.locked_until > admin.clock(),
             "last_login": p.last_login_at, "me": p.id == me.staff_id, "email": p.email or ""} for p in people]
    districts = [(key, names.get(me.locale) or names["ko"]) for key, names in DISTRICTS.items()]
    return render(admin, me, "staff.html", status_code=status_code, people=rows, centers=centers,
                  districts=districts, roles=_role_choices(me), form=context.pop("form", {}), **context)


@router.get("/staff", response_class=HTMLResponse)
def staff_list(me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    return _staff_page(admin, me)


@router.post("/staff")
async def staff_add(request: Request, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    role = form.get("role", Role.CENTER.value)
    if role not in {value for value, _ in _role_choices(me)}:
        raise Forbidden(me.t.gettext("You may not make an account of that kind."))
    center = form.get("center") or None
    district = form.get("district") or None
    with admin.sessions.begin() as session:
        center_district = staff.center_district(session, center)
        if not me.scope.may_manage(Role(role), district, center, center_district):
            raise Forbidden(me.t.gettext("You may only make accounts for the centers you look after."))
        try:
            email = clean_email(form.get("email", ""))
            person = staff.create_staff(session, login=form.get("login", ""), password=form.get("password", ""),
                                        display_name=form.get("display_name", ""), role=role, district=district,
                                        center=center, by=me.login, now=admin.clock(), locale=form.get("locale", "ko"))
            person.email = email
        except staff.AccountError as error:
            session.rollback()
            return _staff_page(admin, me, status_code=400, error=error.say(me.t), form=form)
        audit.record(session, me, "staff.create", person.login, district=person.district, center=person.center,
                     detail={"role": person.role}, now=admin.clock())
    return RedirectResponse(f"/admin/staff?added={person.login}", status_code=303)


def _managed(session: Session, me: Me, staff_id: int) -> Staff:
    person = session.get(Staff, staff_id)
    if person is None or person.id == me.staff_id or not me.scope.may_manage(
            Role(person.role), person.district, person.center, person.district):
        raise Forbidden(me.t.gettext("That account is not one you look after."))
    return person


@router.post("/staff/{staff_id}/password")
async def staff_password(staff_id: int, request: Request, me: Me = Depends(signed_in),
                         admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    with admin.sessions.begin() as session:
        person = _managed(session, me, staff_id)
        try:
            staff.set_password(person, form.get("password", ""))
        except staff.AccountError as error:
            session.rollback()
            return _staff_page(admin, me, status_code=400, error=error.say(me.t))
        staff.end_sessions_of(session, person.id)
        audit.record(session, me, "staff.password", person.login, district=person.district, center=person.center,
                     now=admin.clock())
    return RedirectResponse("/admin/staff", status_code=303)


@router.post("/staff/{staff_id}/email")
async def staff_email(staff_id: int, request: Request, me: Me = Depends(signed_in),
                      admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    with admin.sessions.begin() as session:
        person = _managed(session, me, staff_id)
        try:
            person.email = clean_email(form.get("email", ""))
        except staff.AccountError as error:
            session.rollback()
            return _staff_page(admin, me, status_code=400, error=error.say(me.t))
        audit.record(session, me, "staff.email", person.login, district=person.district, center=person.center,
                     now=admin.clock())
    return RedirectResponse("/admin/staff", status_code=303)


@router.post("/staff/{staff_id}/disable")
async def staff_disable(staff_id: int, request: Request, me: Me = Depends(signed_in),
                        admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    turn_on = form.get("enable") == "1"
    with admin.sessions.begin() as session:
        person = _managed(session, me, staff_id)
        person.disabled_at = None if turn_on else admin.clock()
        if not turn_on:
            staff.end_sessions_of(session, person.id)
        audit.record(session, me, "staff.enable" if turn_on else "staff.disable", person.login,
                     district=person.district, center=person.center, now=admin.clock())
    return RedirectResponse("/admin/staff", status_code=303)


# One's own account --------------------------------------------------------------------------------
def _account_page(admin: AdminSite, me: Me, status_code: int = 200, **context) -> HTMLResponse:
    if "email" not in context:
        with admin.sessions() as session:
            context["email"] = session.get(Staff, me.staff_id).email or ""
    return render(admin, me, "account.html", status_code=status_code, role_name=me.t.gettext(ROLE_NAMES[me.role]),
                  **context)


@router.get("/account", response_class=HTMLResponse)
def account(me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    return _account_page(admin, me)


@router.post("/account/email")
async def account_email(request: Request, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    try:
        email = clean_email(form.get("email", ""))
    except staff.AccountError as error:
        return _account_page(admin, me, status_code=400, email_error=error.say(me.t), email=form.get("email", ""))
    with admin.sessions.begin() as session:
        person = session.get(Staff, me.staff_id)
        person.email = email
        audit.record(session, me, "staff.email", me.login, district=person.district, center=person.center,
                     now=admin.clock())
    return _account_page(admin, me, email_saved=True)


@router.post("/account/password")
async def account_password(request: Request, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    error = None
    with admin.sessions.begin() as session:
        person = session.get(Staff, me.staff_id)
        if not verify_secret(form.get("current", ""), person.password_hash):
            error = me.t.gettext("Your present password is not right. Type it again.")
        elif form.get("password", "") != form.get("password_again", ""):
            error = me.t.gettext("The two new passwords are not the same. Type them again.")
        else:
            try:
                staff.set_password(person, form.get("password", ""))
            except staff.AccountError as problem:
                error = problem.say(me.t)
        if error is None:
            audit.record(session, me, "staff.password", me.login, district=person.district, center=person.center,
                         now=admin.clock())
    if error is not None:
        return _account_page(admin, me, status_code=400, error=error)
    return _account_page(admin, me, saved=True)


# The audit log ------------------------------------------------------------------------------------
ACTION_NAMES = {
    "staff.create": N_("added an account"), "staff.password": N_("set a new password"), "staff.disable": N_("turned an account off"),
    "staff.enable": N_("turned an account on"), "staff.email": N_("set an email address for alerts"), "kiosk.connect": N_("connected a kiosk"), "kiosk.reissue": N_("re-issued a kiosk"),
    "kiosk.rename": N_("renamed a kiosk"), "kiosk.move": N_("moved a kiosk"), "kiosk.revoke": N_("revoked a kiosk"),
    "kiosk.delete": N_("deleted a kiosk"), "help.done": N_("closed a help request"),
    "kiosk.command": N_("asked a kiosk (remote care)"), "kiosk.command_done": N_("a kiosk answered a request"),
    "kiosk.command_expired": N_("a request to a kiosk expired"),
}


@router.get("/audit", response_class=HTMLResponse)
def audit_log(before: int | None = None, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    with admin.sessions() as session:
        rows = audit.entries(session, me.scope, limit=200, before_id=before)
    entries = [{"at": e.at, "actor": e.actor, "action": me.t.gettext(ACTION_NAMES[e.action]) if e.action in ACTION_NAMES
                else e.action, "target": e.target, "detail": e.detail or {}} for e in rows]
    older = rows[-1].id if len(rows) == 200 else None
    return render(admin, me, "audit.html", entries=entries, older=older)
