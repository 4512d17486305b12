"""The fleet's alerts on the admin web (server.alerts): the open ones of the kiosks the person
sees, newest first, and those cleared in the last week. Scope as on the fleet pages
(server.scope: a center's staff their center, a district admin their district, the city all)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from server.admin_routes import AdminSite, Me, render, signed_in, site
from server.alerts import describe
from server.models import CenterRow, FleetAlert, Kiosk
from server.scope import Scope
from server.titles import Titles, center_names, pick

router = APIRouter(prefix="/admin")

CLEARED_SHOWN_FOR = dt.timedelta(days=7)
LIMIT = 500  # a page, not an archive: a city-wide outage still lists its first 500


def in_scope(query: Select, scope: Scope) -> Select:
    """``query`` over alerts, narrowed to the kiosks ``scope`` sees (their center and district)."""
    return (query.join(Kiosk, Kiosk.id == FleetAlert.kiosk_id)
            .outerjoin(CenterRow, CenterRow.id == Kiosk.center)
            .where(scope.center_filter(CenterRow.id, CenterRow.district)))


def scoped_alerts(session: Session, scope: Scope, now: dt.datetime) -> list[tuple[FleetAlert, Kiosk, CenterRow | None]]:
    """Open alerts and those cleared within CLEARED_SHOWN_FOR, of the kiosks ``scope`` sees,
    newest first."""
    query = (
        in_scope(select(FleetAlert, Kiosk, CenterRow), scope)
        .where(or_(FleetAlert.cleared_at.is_(None), FleetAlert.cleared_at >= now - CLEARED_SHOWN_FOR))
        .order_by(FleetAlert.opened_at.desc(), FleetAlert.id.desc())
        .limit(LIMIT)
    )
    return [(alert, kiosk, center) for alert, kiosk, center in session.execute(query)]


def open_alert_count(session: Session, scope: Scope) -> int:
    """The navigation's count: the open alerts this person would see on the alerts page."""
    query = in_scope(select(func.count(FleetAlert.id)), scope).where(FleetAlert.cleared_at.is_(None))
    return session.scalar(query) or 0


def kiosk_alerts(session: Session, kiosk: Kiosk, me: Me) -> list[dict]:
    """The open alerts of one kiosk, for its own page (the caller checked it may be seen)."""
    alerts = session.scalars(select(FleetAlert).where(FleetAlert.kiosk_id == kiosk.id, FleetAlert.cleared_at.is_(None))
                             .order_by(FleetAlert.opened_at)).all()
    return [{"title": words.title, "what": words.what, "to_do": words.to_do, "since": words.since}
            for words in (describe(alert, me.t) for alert in alerts)]


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    now = admin.clock()
    with admin.sessions() as session:
        rows = scoped_alerts(session, me.scope, now)
        names, _ = center_names(session)
    shown = []
    for alert, kiosk, center in rows:
        words = describe(alert, me.t)
        shown.append({
            "id": alert.id, "kind": alert.kind, "kiosk": kiosk.name, "title": words.title, "what": words.what,
            "to_do": words.to_do, "since": words.since, "opened_at": alert.opened_at, "cleared_at": alert.cleared_at,
            "center": (pick(names.get(center.id), me.locale) or center.id) if center is not None else "",
            "district": Titles.district(center.district, me.locale) if center is not None else "",
        })
    open_ = [row for row in shown if row["cleared_at"] is None]
    cleared = sorted((row for row in shown if row["cleared_at"] is not None), key=lambda row: row["cleared_at"],
                     reverse=True)
    return render(admin, me, "alerts.html", refresh=60, back_to="/admin/alerts", open_alerts=open_,
                  cleared_alerts=cleared)
