"""Remote care on a kiosk's admin page: ask it to sync now, restart, send a screenshot or show
the guide a message; see what was asked, by whom, and what the kiosk answered; see its latest
screenshot. The store is server.commands; the kiosk's side of the API server.api_commands.

Who may ask is who may manage the kiosk (server.admin_fleet.managed_kiosk: rename and move have
the same rule); the screenshot is shown only to them too, and reads as not found to anyone
else. The part of the page is templates/kiosk_care.html, filled by ``care_context`` (called by
server.admin_fleet.kiosk_page). Korean: locale/ko/LC_MESSAGES/care.po.
"""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from protocol.commands import MESSAGE_MAX, CommandKind
from server import commands as care
from server import queries
from server.admin_fleet import Refused, kiosk_to_change, refused_on_kiosks
from server.admin_routes import AdminSite, Me, checked_form, secure_headers, signed_in, site
from server.i18n import N_
from server.models import Kiosk

log = logging.getLogger("server.admin")

router = APIRouter(prefix="/admin")

KIND_NAMES = {
    CommandKind.SYNC_NOW: N_("Sync now"), CommandKind.RESTART: N_("Restart"),
    CommandKind.SCREENSHOT: N_("Send a screenshot"), CommandKind.MESSAGE: N_("Message to the guide"),
}
STATE_NAMES = {
    care.State.WAITING: N_("waiting for the kiosk"), care.State.HANDED_OVER: N_("handed over"),
    care.State.DONE: N_("done"), care.State.FAILED: N_("failed"), care.State.EXPIRED: N_("expired"),
}
# The badge colours of base.html: waiting ones look like "behind", failures like errors.
STATE_BADGES = {
    care.State.WAITING: "waiting", care.State.HANDED_OVER: "waiting", care.State.DONE: "ok",
    care.State.FAILED: "error", care.State.EXPIRED: "error",
}
KNOWN_DETAILS = {care.EXPIRED_DETAIL: N_("The kiosk did not ask for it within 24 hours, so it was not carried out.")}
RECENT = 15  # commands listed on the page


def screenshot_url(name: str, taken_at: dt.datetime) -> str:
    # The time in the address: a new picture is a new address, never an old one from a cache.
    return f"/admin/kiosks/{quote(name)}/screenshot.png?at={taken_at:%Y%m%d%H%M%S}"


def command_row(command, me: Me, now: dt.datetime) -> dict:
    state = care.state_of(command, now)
    detail = command.detail or (care.EXPIRED_DETAIL if state is care.State.EXPIRED else "")
    try:
        kind_name = me.t.gettext(KIND_NAMES[CommandKind(command.kind)])
    except ValueError:
        kind_name = command.kind
    return {
        "id": command.id, "kind": command.kind, "kind_name": kind_name, "text": command.text or "",
        "state": state.value, "state_name": me.t.gettext(STATE_NAMES[state]), "badge": STATE_BADGES[state],
        "asked_by": command.asked_by_name or command.asked_by, "asked_by_login": command.asked_by,
        "asked_at": command.asked_at, "asked_ago": me.t.format_ago(now - command.asked_at),
        "answered_at": command.done_at or command.expired_at,
        "answer": me.t.gettext(KNOWN_DETAILS[detail]) if detail in KNOWN_DETAILS else detail,
    }


def care_context(session: Session, kiosk: Kiosk, me: Me, now: dt.datetime) -> dict:
    """What kiosk_care.html shows, as ``care`` (pass it to the kiosk page's render)."""
    shot = care.screenshot_info(session, kiosk)
    rows = [command_row(command, me, now) for command in care.recent(session, kiosk, RECENT)]
    return {"care": {
        "kiosk": kiosk.name, "path": f"/admin/kiosks/{quote(kiosk.name)}/care", "can_ask": kiosk.revoked_at is None,
        "commands": rows, "message_max": MESSAGE_MAX,
        "any_waiting": any(row["state"] in (care.State.WAITING, care.State.HANDED_OVER) for row in rows),
        "screenshot": None if shot is None else {
            "url": screenshot_url(kiosk.name, shot.taken_at), "taken_at": shot.taken_at,
            "ago": me.t.format_ago(now - shot.taken_at)},
    }}


@router.post("/kiosks/{name}/care/{kind}")
async def ask(name: str, kind: str, request: Request, me: Me = Depends(signed_in),
              admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    now = admin.clock()
    try:
        with admin.sessions.begin() as session:
            kiosk = kiosk_to_change(session, me, name)
            try:
                command = care.ask(session, kiosk, kind, me, form.get("text", ""), now)
            except care.CareRefused as refused:
                raise Refused(refused.say(me.t), refused.status) from None
            command_id = command.id
    except Refused as refused:
        return refused_on_kiosks(admin, me, refused, name)
    log.info("%s asked kiosk %s for %s (command %d)", me.login, name, kind, command_id)
    return RedirectResponse(f"/admin/kiosks/{quote(name)}#care", status_code=303)


@router.get("/kiosks/{name}/screenshot.png")
def screenshot(name: str, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    """The kiosk's latest screenshot, for someone who may manage the kiosk; 404 for anyone else
    (another center's kiosk reads the same as none)."""
    with admin.sessions() as session:
        found = queries.scoped_kiosk(session, me.scope, name[:100])
        shot = care.screenshot(session, found[0]) if found is not None else None
        png = shot.png if shot is not None else None
    if png is None:
        return secure_headers(Response(status_code=404, content=me.t.gettext("There is no screenshot of this kiosk."),
                                       media_type="text/plain; charset=utf-8"))
    return secure_headers(Response(content=png, media_type="image/png"))
