"""What the guide panel shows about sync: read-only, and safe when sync never ran."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from db.models import ContentRevision, OutboxEntry, SyncState


@dataclass(frozen=True)
class SyncStatus:
    content_revision: int | None  # the applied content pack's revision
    last_attempt: dt.datetime | None  # naive UTC, as stored
    last_success: dt.datetime | None
    last_error: str  # empty when the last attempt succeeded (or none was made)
    waiting: int  # outbox rows not yet uploaded
    # When the newest signed index the kiosk accepted expires (naive UTC), if sync ever ran.
    index_expires_at: dt.datetime | None = None

    def out_of_date_since(self, now_utc: dt.datetime) -> dt.datetime | None:
        """When the content may have gone out of date: the index's expiry once it has passed.

        Past it the server (or a mirror in between) has stopped giving this kiosk a freshly
        signed index, so newer content may exist that it cannot get. The kiosk keeps showing
        what it has; only the guide is told."""
        expires = self.index_expires_at
        return expires if expires is not None and expires <= now_utc else None


def sync_status(sessions: sessionmaker[Session]) -> SyncStatus:
    with sessions() as session:
        content = session.get(ContentRevision, 1)
        waiting = session.scalar(select(func.count(OutboxEntry.id)).where(OutboxEntry.sent_at.is_(None))) or 0
        try:
            state = session.get(SyncState, 1)
        except SQLAlchemyError:  # an older database without the table: sync never ran
            state = None
    attempt = state.last_attempt_at if state else None
    success = state.last_success_at if state else None
    failed = attempt is not None and (success is None or attempt > success)
    return SyncStatus(
        content_revision=content.revision if content else None,
        last_attempt=attempt,
        last_success=success,
        last_error=(state.last_result if failed and state else ""),
        waiting=int(waiting),
        index_expires_at=state.index_expires_at if state else None,
    )
