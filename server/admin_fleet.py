"""The fleet as each person sees it, kiosk management, usage and revisions (admin pages).

* The fleet: center staff see their center's kiosks; a district admin a roll-up row per center
  of their district (each opens to its kiosks); the city a roll-up per district and the kiosks
  of no center. Kiosks calling without a valid key ("not authorised") and kiosks waiting to be
  connected are shown with what to do.
* Kiosks: connect one by the code on its screen (server.onboarding), connect it again with a
  new code, rename, move to another center, revoke, delete. Each only where the person's Scope
  reaches, each recorded in the audit log (server.audit) in the same transaction.
* Usage: lessons by district, center and lesson (titles in the page's language), visits and help
  requests per day, and the same table as CSV.
* Revisions: what was published, and how many of the person's kiosks run each.

Reading is in server.queries, the rows in server.views; this module is the HTTP glue. Every
text shown goes through the person's Translator (catalogue: locale/ko/LC_MESSAGES/fleet.po).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.content.districts import DISTRICTS
from protocol.onboarding import normalise_code, show_code
from server import audit, onboarding, queries, views
from server.admin_help import OPEN_WINDOW  # open help: counted as on the help page
from server.admin_routes import AdminSite, Forbidden, Me, checked_form, render, secure_headers, signed_in, site
from server.models import CenterRow, Kiosk, OnboardingRequest
from server.scope import Role
from server.titles import Titles, titles

log = logging.getLogger("server.admin")

router = APIRouter(prefix="/admin")

# "Not authorised" callers are shown while they keep calling, and for a week after.
UNKNOWN_CALLS_WINDOW = dt.timedelta(days=7)
# A kiosk name is part of URLs and of the suggested "<center>-<n>": letters (any script),
# digits, '.', '_' and '-'.
KIOSK_NAME = re.compile(r"^[\w.-]{1,100}$")
# The city's choice of "no center" on the forms: chosen on purpose, never by leaving the list
# alone (a kiosk of no center shows only the city-wide content).
NO_CENTER = "-"


# Shared pieces -------------------------------------------------------------------------------
def fleet_rows(admin: AdminSite, me: Me, session: Session, names: Titles, *, center: str | None = None,
               district: str | None = None) -> list[views.KioskRow]:
    """The kiosks this person sees (of one center or district if given), as fleet rows."""
    now = admin.clock()
    kiosks = queries.scoped_kiosks(session, me.scope, center=center, district=district)
    latest = queries.latest_revision(session)
    # Counted for the kiosks shown only, unless that is the whole city anyway.
    shown = None if me.scope.is_city and center is None and district is None else [kiosk.id for kiosk, _ in kiosks]
    open_help = queries.open_help_by_kiosk(session, now - OPEN_WINDOW, shown)
    today = views.day_start_utc(admin.today(), admin.display_tz)
    activity = queries.scoped_usage_activity(session, me.scope, today, today + dt.timedelta(days=1), center=center)
    visits = views.visits_by_kiosk(activity)
    return [
        views.fleet_row(kiosk, row, now, latest, open_help[kiosk.id], admin.stale_after, me.t, visits[kiosk.id],
                        names.center(row.id, me.locale) if row is not None else "")
        for kiosk, row in kiosks
    ]


def summary(rows: list[views.KioskRow]) -> views.Rollup:
    total = views.Rollup("", "")
    for row in rows:
        total.add(row)
    return total


def unknown_rows(admin: AdminSite, me: Me, session: Session, names: Titles, **where: str) -> list[dict]:
    calls = queries.unknown_calls(session, me.scope, admin.clock() - UNKNOWN_CALLS_WINDOW, **where)
    return [{"address": call.address, "fingerprint": call.fingerprint, "first_at": call.first_at,
             "last_at": call.last_at, "calls": call.calls, "app_version": call.app_version or views.MISSING,
             "center": call.reported_center, "center_name": names.center(call.reported_center, me.locale)}
            for call in calls]


def waiting_rows(admin: AdminSite, me: Me, session: Session) -> list[dict]:
    """Kiosks showing a code nobody has entered yet: for the city only. Entering the code a
    kiosk shows is what proves the person stands at that kiosk; a list of every waiting code
    in front of a center's staff would let them connect a kiosk of another district."""
    if not me.scope.is_city:
        return []
    return [{"code": show_code(request.code), "raw_code": request.code, "created_at": request.created_at,
             "expires_at": request.expires_at, "address": request.address or views.MISSING,
             "app_version": request.app_version or views.MISSING}
            for request in onboarding.pending(session, admin.clock())]


def district_names(me: Me) -> dict[str, str]:
    return {district: Titles.district(district, me.locale) for district in DISTRICTS}


def not_found(admin: AdminSite, me: Me, template: str, message: str) -> HTMLResponse:
    return render(admin, me, template, status_code=404, not_found=message)


def the_center(session: Session, me: Me, center_id: str) -> CenterRow | None:
    """The center if the person sees it; None if there is no such center (for the city);
    Forbidden otherwise (another district's or center's, or unknown to a non-city person)."""
    row = session.get(CenterRow, center_id)
    if row is not None and me.scope.sees_center(row.id, row.district):
        return row
    if row is None and me.scope.is_city:
        return None
    raise Forbidden(me.t.gettext("This center is not one of yours. Your account sees only its own center's "
                                 "(or district's) kiosks; ask a city admin if you need more."))


# The fleet -----------------------------------------------------------------------------------
@router.get("", response_class=HTMLResponse)
def fleet(me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    """The fleet for the person's role: the city, their district, or their center."""
    if me.role is Role.DISTRICT and me.scope.district:
        return district_page(me.scope.district, me, admin)
    if me.role is Role.CENTER and me.scope.center:
        return center_page(me.scope.center, me, admin)
    if not me.scope.is_city:
        raise Forbidden(me.t.gettext("Your account has no district or center yet. Ask a city admin to set it."))
    with admin.sessions() as session:
        names = titles(session, admin.repo_dir)
        rows = fleet_rows(admin, me, session, names)
        districts = views.rollups(rows, "district", district_names(me))
        centers = queries.centers_per_district(session, me.scope)
        for part in districts:
            part.centers = centers[part.id]
        unknown = unknown_rows(admin, me, session, names)
        waiting = waiting_rows(admin, me, session)
        latest = queries.latest_revision(session)
    return render(admin, me, "fleet.html", refresh=60, back_to="/admin", total=summary(rows), districts=districts,
                  kiosks=[row for row in rows if row.center is None], unknown=unknown, waiting=waiting,
                  latest=latest, stale_after=me.t.format_duration(admin.stale_after))


@router.get("/districts/{district}", response_class=HTMLResponse)
def district_page(district: str, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    if district not in DISTRICTS:
        if not me.scope.is_city:
            raise Forbidden(me.t.gettext("This district is not yours. Your account sees only its own district's "
                                         "centers; ask a city admin if you need more."))
        return not_found(admin, me, "district.html", me.t.gettext(
            "There is no district with this id. Pick a district on the fleet page."))
    if not me.scope.sees_district(district):
        raise Forbidden(me.t.gettext("This district is not yours. Your account sees only its own district's "
                                     "centers; ask a city admin if you need more."))
    with admin.sessions() as session:
        names = titles(session, admin.repo_dir)
        rows = fleet_rows(admin, me, session, names, district=district)
        centers = {row.id: names.center(row.id, me.locale) for row in queries.scoped_centers(session, me.scope, district)}
        unknown = unknown_rows(admin, me, session, names, district=district)
        waiting = waiting_rows(admin, me, session)
        latest = queries.latest_revision(session)
    return render(admin, me, "district.html", refresh=60, back_to=f"/admin/districts/{district}",
                  district=district, district_name=Titles.district(district, me.locale), total=summary(rows),
                  centers=views.rollups(rows, "center", centers), unknown=unknown, waiting=waiting, latest=latest,
                  stale_after=me.t.format_duration(admin.stale_after))


@router.get("/centers/{center}", response_class=HTMLResponse)
def center_page(center: str, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    with admin.sessions() as session:
        row = the_center(session, me, center)
        if row is None:
            return not_found(admin, me, "center.html", me.t.gettext(
                "There is no center with this id. Centers are added with `kiosk-server center add`."))
        names = titles(session, admin.repo_dir)
        rows = fleet_rows(admin, me, session, names, center=center)
        unknown = unknown_rows(admin, me, session, names, center=center)
        latest = queries.latest_revision(session)
    return render(admin, me, "center.html", refresh=60, back_to=f"/admin/centers/{center}", center=center,
                  center_name=names.center(center, me.locale), district=row.district,
                  district_name=Titles.district(row.district, me.locale), total=summary(rows), kiosks=rows,
                  unknown=unknown, latest=latest, stale_after=me.t.format_duration(admin.stale_after))


# Kiosks: the list and its actions ------------------------------------------------------------
def done_message(me: Me, done: str, kiosk: str) -> str:
    t = me.t
    messages = {
        "connected": t.gettext("Kiosk %(kiosk)s is connected. Its screen changes within a minute, and it starts "
                               "fetching its center's content."),
        "reissued": t.gettext("Kiosk %(kiosk)s is connected again. Its old key no longer works."),
        "renamed": t.gettext("The kiosk is now called %(kiosk)s."),
        "moved": t.gettext("Kiosk %(kiosk)s is moved. It shows its new center's content after its next sync."),
        "revoked": t.gettext("Kiosk %(kiosk)s is revoked: the server refuses it from now on, and its screen tells "
                             "the guide. To use it again, connect it with a new code."),
        "deleted": t.gettext("Kiosk %(kiosk)s and everything it uploaded are deleted."),
    }
    message = messages.get(done)
    return message % {"kiosk": kiosk} if message else ""


def center_choices(session: Session, me: Me, names: Titles) -> list[dict]:
    """The centers the person may put a kiosk in, named (the city may also choose none)."""
    return [{"id": row.id, "name": names.center(row.id, me.locale),
             "district_name": Titles.district(row.district, me.locale)}
            for row in queries.scoped_centers(session, me.scope)]


def kiosks_page(admin: AdminSite, me: Me, *, center: str | None = None, done: str = "", kiosk: str = "",
                error: str = "", status_code: int = 200) -> HTMLResponse:
    with admin.sessions() as session:
        if center:
            the_center(session, me, center)
        names = titles(session, admin.repo_dir)
        rows = fleet_rows(admin, me, session, names, center=center or None)
    back = "/admin/kiosks" + (f"?center={quote(center)}" if center else "")
    return render(admin, me, "kiosks.html", status_code=status_code, back_to=back, kiosks=rows,
                  center=center or "", center_name=names.center(center, me.locale) if center else "",
                  message=done_message(me, done, kiosk), error=error)


@router.get("/kiosks", response_class=HTMLResponse)
def kiosks(center: str | None = None, done: str = "", kiosk: str = "", me: Me = Depends(signed_in),
           admin: AdminSite = Depends(site)) -> HTMLResponse:
    return kiosks_page(admin, me, center=center, done=done, kiosk=kiosk[:100])


def managed_kiosk(session: Session, me: Me, name: str) -> tuple[Kiosk, CenterRow | None] | None:
    """The kiosk if the person may manage it; None if there is none; Forbidden if it is another's."""
    found = queries.scoped_kiosk(session, me.scope, name)
    if found is not None:
        return found
    if session.scalar(select(Kiosk.id).where(Kiosk.name == name)) is None:
        return None
    raise Forbidden(me.t.gettext("This kiosk belongs to another center. You can change only your own "
                                 "center's (or district's) kiosks."))


def place_of(session: Session, center: str | None) -> dict:
    """Where an audit entry belongs: the kiosk's center and its district."""
    row = session.get(CenterRow, center) if center else None
    return {"center": center, "district": row.district if row is not None else None}


def chosen_center(session: Session, me: Me, value: str) -> tuple[str | None, str]:
    """The center picked on a form, if the person may put a kiosk there: (center, error)."""
    value = value.strip()
    if value == NO_CENTER and me.scope.is_city:
        return None, ""
    if not value or value == NO_CENTER:
        return None, me.t.gettext("Choose the center the kiosk stands in.")
    row = session.get(CenterRow, value)
    if row is None or not me.scope.sees_center(row.id, row.district):
        return None, me.t.gettext("Choose one of your centers from the list.")
    return row.id, ""


def bad_name(me: Me, name: str) -> str:
    if KIOSK_NAME.match(name):
        return ""
    return me.t.gettext("A kiosk name is 1 to 100 letters, digits, '.', '_' or '-', with no spaces, "
                        "for example gangnam-welfare-2.")


def done_redirect(done: str, kiosk: str, center: str | None = None) -> RedirectResponse:
    query = {"done": done, "kiosk": kiosk, **({"center": center} if center else {})}
    return RedirectResponse(f"/admin/kiosks?{urlencode(query)}", status_code=303)


class Refused(Exception):
    """A change that cannot be made as asked; raised inside the transaction, so nothing of it
    is kept, and answered outside it with the page again and the message."""

    def __init__(self, message: str, status_code: int = 400):
        super().__init__(message)
        self.message, self.status_code = message, status_code


def refused_on_kiosks(admin: AdminSite, me: Me, refused: Refused, name: str = "") -> HTMLResponse:
    """The kiosk's own page again with the message (the list, when the kiosk is gone)."""
    if name and refused.status_code != 404:
        return kiosk_page(admin, me, name, status_code=refused.status_code, error=refused.message)
    return kiosks_page(admin, me, status_code=refused.status_code, error=refused.message)


def kiosk_page(admin: AdminSite, me: Me, name: str, *, status_code: int = 200, error: str = "") -> HTMLResponse:
    """One kiosk and what the person may change about it."""
    with admin.sessions() as session:
        found = managed_kiosk(session, me, name)
        if found is None:
            return kiosks_page(admin, me, status_code=404, error=me.t.gettext(
                "There is no kiosk named %(kiosk)s (any more). The list below is the fleet as it is now.")
                % {"kiosk": name})
        kiosk, center = found
        names = titles(session, admin.repo_dir)
        now = admin.clock()
        open_help = queries.open_help_by_kiosk(session, now - OPEN_WINDOW, [kiosk.id])
        row = views.fleet_row(kiosk, center, now, queries.latest_revision(session), open_help[kiosk.id],
                              admin.stale_after, me.t, 0, names.center(center.id, me.locale) if center else "")
        choices = center_choices(session, me, names)
        vitals = views.kiosk_vitals(kiosk, me.t)
        from server.admin_commands import care_context  # remote care (that module imports this one)

        care = care_context(session, kiosk, me, now)
        from server.admin_alerts import kiosk_alerts

        problems = kiosk_alerts(session, kiosk, me)
    return render(admin, me, "kiosk.html", status_code=status_code, back_to=f"/admin/kiosks/{quote(name)}",
                  k=row, vitals=vitals, problems=problems, centers=choices, error=error, NO_CENTER=NO_CENTER,
                  **care)


def kiosk_to_change(session: Session, me: Me, name: str) -> Kiosk:
    found = managed_kiosk(session, me, name)
    if found is None:
        raise Refused(me.t.gettext("There is no kiosk named %(kiosk)s (any more). The list below is the fleet "
                                   "as it is now.") % {"kiosk": name}, status_code=404)
    return found[0]


@router.post("/kiosks/{name}/rename")
async def rename(name: str, request: Request, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    new_name = form.get("new_name", "").strip()
    try:
        with admin.sessions.begin() as session:
            kiosk = kiosk_to_change(session, me, name)
            error = bad_name(me, new_name)
            if error:
                raise Refused(error)
            if new_name != kiosk.name and new_name in queries.kiosk_names(session):
                raise Refused(me.t.gettext("A kiosk named %(kiosk)s is already in the fleet. Choose another "
                                           "name.") % {"kiosk": new_name})
            if new_name != kiosk.name:
                audit.record(session, me, "kiosk.rename", new_name, **place_of(session, kiosk.center),
                             detail={"from": kiosk.name, "to": new_name}, now=admin.clock())
                kiosk.name = new_name
    except Refused as refused:
        return refused_on_kiosks(admin, me, refused, name)
    log.info("%s renamed kiosk %s to %s", me.login, name, new_name)
    return done_redirect("renamed", new_name)


@router.post("/kiosks/{name}/move")
async def move(name: str, request: Request, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    try:
        with admin.sessions.begin() as session:
            kiosk = kiosk_to_change(session, me, name)
            center, error = chosen_center(session, me, form.get("center", ""))
            if error:
                raise Refused(error)
            if center != kiosk.center:
                audit.record(session, me, "kiosk.move", kiosk.name, **place_of(session, center),
                             detail={"from": kiosk.center, "to": center}, now=admin.clock())
                kiosk.center = center
    except Refused as refused:
        return refused_on_kiosks(admin, me, refused, name)
    log.info("%s moved kiosk %s to center %s", me.login, name, center)
    return done_redirect("moved", name)


@router.post("/kiosks/{name}/revoke")
async def revoke(name: str, request: Request, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    await checked_form(request, me)
    now = admin.clock()
    try:
        with admin.sessions.begin() as session:
            kiosk = kiosk_to_change(session, me, name)
            if kiosk.revoked_at is None:  # a second click (another tab) changes nothing
                kiosk.revoked_at, kiosk.revoked_by = now, me.login
                audit.record(session, me, "kiosk.revoke", kiosk.name, **place_of(session, kiosk.center), now=now)
    except Refused as refused:
        return refused_on_kiosks(admin, me, refused)
    log.info("%s revoked kiosk %s", me.login, name)
    return done_redirect("revoked", name)


@router.get("/kiosks/{name}/delete", response_class=HTMLResponse)
def delete_form(name: str, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    try:
        with admin.sessions() as session:
            kiosk = kiosk_to_change(session, me, name)
            uploads = queries.kiosk_uploads(session, kiosk.id)
            center_name = titles(session, admin.repo_dir).center(kiosk.center, me.locale)
    except Refused as refused:
        return refused_on_kiosks(admin, me, refused)
    return render(admin, me, "kiosk_delete.html", back_to="/admin/kiosks", kiosk=kiosk.name, center_name=center_name,
                  total=sum(uploads.values()), help_requests=uploads.get("help_request", 0),
                  usage=uploads.get("usage", 0), heartbeats=uploads.get("heartbeat", 0))


@router.post("/kiosks/{name}/delete")
async def delete(name: str, request: Request, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    if form.get("confirm") != "yes":  # only the confirmation page's button deletes
        return RedirectResponse(f"/admin/kiosks/{quote(name)}/delete", status_code=303)
    try:
        with admin.sessions.begin() as session:
            kiosk = kiosk_to_change(session, me, name)
            place = place_of(session, kiosk.center)
            uploads = queries.delete_kiosk(session, kiosk)
            audit.record(session, me, "kiosk.delete", name, **place, detail={"uploads_deleted": uploads},
                         now=admin.clock())
    except Refused as refused:
        return refused_on_kiosks(admin, me, refused)
    log.info("%s deleted kiosk %s with %d upload(s)", me.login, name, uploads)
    return done_redirect("deleted", name)


# Connecting a kiosk by its code ---------------------------------------------------------------
def suggested_name(session: Session, center: str | None) -> str:
    """"<center>-<n>" with the lowest n no kiosk has."""
    if not center:
        return ""
    taken = queries.kiosk_names(session)
    number = 1
    while f"{center}-{number}" in taken:
        number += 1
    return f"{center}-{number}"


def waiting_request(request: OnboardingRequest | None) -> dict | None:
    if request is None:
        return None
    return {"code": show_code(request.code), "created_at": request.created_at, "expires_at": request.expires_at,
            "app_version": request.app_version or views.MISSING}


def connect_page(admin: AdminSite, me: Me, *, code: str, center: str, name: str, replaces: str,
                 error: str = "", status_code: int = 200) -> HTMLResponse:
    now = admin.clock()
    with admin.sessions() as session:
        names = titles(session, admin.repo_dir)
        choices = center_choices(session, me, names)
        replaced = kiosk_to_change(session, me, replaces) if replaces else None
        if replaced is not None:
            name, center = replaced.name, center or (replaced.center or "")
        if not center and len(choices) == 1:
            center = choices[0]["id"]  # center staff: their own
        normal = normalise_code(code) if code else None
        found = onboarding.find_open(session, normal, now) if normal else None
        if code and not error:
            if normal is None:
                error = code_format_error(me)
            elif found is None:
                error = no_waiting_kiosk(me, show_code(normal))
        suggestion = name or suggested_name(session, center if center != NO_CENTER else None)
    return render(admin, me, "kiosk_connect.html", status_code=status_code, back_to="/admin/kiosks",
                  code=show_code(normal) if normal else code, centers=choices, center=center, kiosk_name=suggestion,
                  replaces=replaces, waiting=waiting_request(found), error=error, NO_CENTER=NO_CENTER)


def code_format_error(me: Me) -> str:
    return me.t.gettext("A code is 6 letters and digits, like K7M-4XT. Copy it from the kiosk's screen.")


def no_waiting_kiosk(me: Me, code: str) -> str:
    return me.t.gettext("No kiosk is waiting with the code %(code)s. Check the code on the kiosk's screen: a code "
                        "lasts 30 minutes, then the kiosk shows a new one by itself.") % {"code": code}


@router.get("/kiosks/connect", response_class=HTMLResponse)
def connect_form(code: str = "", center: str = "", replaces: str = "", me: Me = Depends(signed_in),
                 admin: AdminSite = Depends(site)) -> HTMLResponse:
    """The form the kiosk's QR code links to (?code=...); ?replaces=NAME connects that kiosk again."""
    try:
        return connect_page(admin, me, code=code[:40], center=center[:64], name="", replaces=replaces[:100])
    except Refused as refused:
        return refused_on_kiosks(admin, me, refused)


@router.post("/kiosks/connect")
async def connect(request: Request, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    code, name, replaces = form.get("code", "")[:40], form.get("name", "").strip()[:100], form.get("replaces", "")[:100]
    now = admin.clock()
    try:
        with admin.sessions.begin() as session:
            normal = normalise_code(code)
            if normal is None:
                raise Refused(code_format_error(me))
            replaced = kiosk_to_change(session, me, replaces) if replaces else None
            center, error = chosen_center(session, me, form.get("center", ""))
            if error:
                raise Refused(error)
            name = name or (replaced.name if replaced else suggested_name(session, center))
            error = bad_name(me, name)
            if error:
                raise Refused(error)
            if name in queries.kiosk_names(session) and (replaced is None or replaced.name != name):
                raise Refused(me.t.gettext("A kiosk named %(kiosk)s is already in the fleet. Choose another name, "
                                           "or use \"Connect again\" on that kiosk if this is the same kiosk.")
                              % {"kiosk": name})
            waiting = onboarding.find_open(session, normal, now)
            if waiting is None:
                raise Refused(no_waiting_kiosk(me, show_code(normal)))
            try:
                kiosk = onboarding.claim(session, waiting, name=name, center=center, by=me.login, now=now,
                                         replaces=replaced)
            except ValueError as problem:  # a race (another person, the code's last second): its words
                raise Refused(str(problem)) from None
            audit.record(session, me, "kiosk.reissue" if replaced else "kiosk.connect", kiosk.name,
                         **place_of(session, center), detail={"code": normal}, now=now)
    except Refused as refused:
        if refused.status_code == 404:
            return refused_on_kiosks(admin, me, refused)
        return connect_page(admin, me, code=code, center=form.get("center", ""), name=name, replaces=replaces,
                            error=refused.message, status_code=refused.status_code)
    log.info("%s connected kiosk %s (center %s)", me.login, name, center)
    return done_redirect("reissued" if replaced else "connected", name)


# Declared after /kiosks/connect, so that "connect" is never read as a kiosk's name.
@router.get("/kiosks/{name}", response_class=HTMLResponse)
def kiosk_detail(name: str, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    return kiosk_page(admin, me, name[:100])


# Usage ----------------------------------------------------------------------------------------
def usage_data(admin: AdminSite, me: Me, first: dt.date, last: dt.date):
    start = views.day_start_utc(first, admin.display_tz)
    end = views.day_start_utc(last + dt.timedelta(days=1), admin.display_tz)
    with admin.sessions() as session:
        names = titles(session, admin.repo_dir)
        counts = queries.scoped_lesson_counts(session, me.scope, start, end)
        help_times = queries.scoped_help_times(session, me.scope, start, end)
        activity = queries.scoped_usage_activity(session, me.scope, start, end)
    rows = views.usage_rows(counts, names, me.locale, me.t.gettext("(lesson not named)"))
    days = views.days(first, last, views.visits_by_day(activity, admin.display_tz), help_times, admin.display_tz)
    return rows, days


@router.get("/usage", response_class=HTMLResponse)
def usage(start: str | None = None, end: str | None = None, me: Me = Depends(signed_in),
          admin: AdminSite = Depends(site)) -> HTMLResponse:
    first, last, unreadable = views.date_range(start, end, admin.today())
    rows, days = usage_data(admin, me, first, last)
    districts = views.usage_totals(rows, "district")
    return render(admin, me, "usage.html", back_to="/admin/usage", rows=rows, centers=views.usage_totals(rows, "center"),
                  districts=districts if me.role is not Role.CENTER else [], days=days, first=first.isoformat(),
                  last=last.isoformat(), first_day=first, last_day=last, unreadable=unreadable)


@router.get("/usage.csv")
def usage_csv(start: str | None = None, end: str | None = None, me: Me = Depends(signed_in),
              admin: AdminSite = Depends(site)) -> Response:
    first, last, _ = views.date_range(start, end, admin.today())
    rows, _days = usage_data(admin, me, first, last)
    response = Response(
        views.usage_csv(rows), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="usage-{first.isoformat()}-{last.isoformat()}.csv"'},
    )
    return secure_headers(response)


# Revisions ------------------------------------------------------------------------------------
@router.get("/revisions", response_class=HTMLResponse)
def revisions(me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    if me.role is Role.CENTER:
        raise Forbidden(me.t.gettext("Published revisions are for city and district admins. Your center's kiosks "
                                     "and the revision each runs are on the fleet page."))
    with admin.sessions() as session:
        publications = queries.publications(session)
        kiosks_on = views.revisions_of([kiosk for kiosk, _ in queries.scoped_kiosks(session, me.scope)])
    return render(admin, me, "revisions.html", back_to="/admin/revisions",
                  publications=views.revision_rows(publications, kiosks_on))
