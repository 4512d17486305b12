"""Who may edit which content item on the admin pages: written once, asked by every editor page
and by publishing.

The city edits everything. A district admin edits the notices, programs and lessons aimed at
their own district (or at centers in it) and nothing wider; center staff edit their own
center's notices. Categories, themes and the pack itself belong to the city, since every kiosk
shows them. An item's audience is where it reaches, so a change may not widen it beyond the
person's own part of the city either.
"""

from __future__ import annotations

from typing import Any

from server.scope import Role, Scope

AIMED_KINDS = ("notice", "program", "lesson")
CENTER_KINDS = ("notice",)


def _audience(data: dict[str, Any] | None) -> tuple[list[str], list[str]]:
    aimed = (data or {}).get("aimed_at") or {}
    return list(aimed.get("districts") or []), list(aimed.get("centers") or [])


def may_edit(scope: Scope, kind: str, data: dict[str, Any] | None, district_of: dict[str, str]) -> bool:
    """May this person save (or remove) this item as ``data`` says? ``district_of`` maps the
    server's center ids to their districts."""
    if scope.role is Role.CITY:
        return True
    districts, centers = _audience(data)
    if scope.role is Role.DISTRICT:
        if kind not in AIMED_KINDS or not (districts or centers) or not scope.district:
            return False
        return all(d == scope.district for d in districts) and all(
            district_of.get(c) == scope.district for c in centers)
    return kind in CENTER_KINDS and bool(scope.center) and not districts and centers == [scope.center]


def may_create(scope: Scope, kind: str) -> bool:
    if scope.role is Role.CITY:
        return True
    return kind in (AIMED_KINDS if scope.role is Role.DISTRICT else CENTER_KINDS)


def audience_for_new(scope: Scope) -> dict[str, list[str]]:
    """Where a new item of this person's is aimed at first: their own part of the city."""
    if scope.role is Role.DISTRICT and scope.district:
        return {"districts": [scope.district]}
    if scope.role is Role.CENTER and scope.center:
        return {"centers": [scope.center]}
    return {}
