"""How a sync run ended: reported by the kiosk's client, printed by `kiosk sync`, sent in the
heartbeat (``last_sync``) and judged on the server's fleet page."""

from __future__ import annotations

from enum import StrEnum


class SyncStatus(StrEnum):
    UPDATED = "updated"  # a new revision was applied
    UNCHANGED = "unchanged"  # the kiosk already had the current revision
    FAILED = "failed"  # nothing changed; the message says why
    BUSY = "busy"  # another sync was running on this kiosk
    # The server's API refused this kiosk (protocol.onboarding): nothing was fetched or sent.
    REVOKED = "revoked"  # removed from the fleet on the admin page
    NOT_AUTHORISED = "not_authorised"  # its token is unknown to the server (or it has none)


OK_STATUSES = frozenset({SyncStatus.UPDATED, SyncStatus.UNCHANGED})
REFUSED_STATUSES = frozenset({SyncStatus.REVOKED, SyncStatus.NOT_AUTHORISED})


def is_ok(status: str | None) -> bool:
    return status in OK_STATUSES
