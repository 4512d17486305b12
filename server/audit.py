"""The audit log: who changed what, when, from the admin pages or the server's commands.

Written in the same transaction as the change it describes, so neither exists without the
other. Read per scope: a district sees its own entries and its centers', a center its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from server.models import AuditEntry
from server.scope import Role, Scope

COMMAND_LINE = "command line"


class Actor(Protocol):
    staff_id: int
    login: str


def record(session: Session, actor: Actor | str, action: str, target: str, *, district: str | None = None,
           center: str | None = None, detail: dict[str, Any] | None = None, now: dt.datetime | None = None) -> None:
    """``actor`` is the logged-in person (server.admin_routes.Me) or a name such as COMMAND_LINE."""
    from server.auth import now as utc_now

    login, actor_id = (actor, None) if isinstance(actor, str) else (actor.login, actor.staff_id)
    session.add(AuditEntry(at=now or utc_now(), actor=login[:120], actor_id=actor_id, action=action[:48],
                           target=str(target)[:200], district=district, center=center, detail=detail))


def entries(session: Session, scope: Scope, limit: int = 200, before_id: int | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    if scope.role is Role.DISTRICT:
        query = query.where(AuditEntry.district == scope.district)
    elif scope.role is Role.CENTER:
        query = query.where(or_(AuditEntry.center == scope.center))
    return list(session.scalars(query))
