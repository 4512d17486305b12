"""How a sync run ended: reported by the kiosk's client, printed by `kiosk sync`, sent in the
heartbeat (``last_sync``) and judged on the server's fleet page."""

from __future__ import annotations

from enum import StrEnum


class SyncStatus(StrEnum):
    UPDATED = "updated"  # a new revision was applied
    UNCHANGED = "unchanged"  # the kiosk already had the current revision
    FAILED = "failed"  # nothing changed; the message says why
    BUSY = "busy"  # another sync was running on this kiosk


OK_STATUSES = frozenset({SyncStatus.UPDATED, SyncStatus.UNCHANGED})


def is_ok(status: str | None) -> bool:
    return status in OK_STATUSES
