"""Anonymous usage events (no names, nothing typed): queued in the outbox for upload."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from db.models import OutboxEntry
from kiosk.clock import utc_now
from protocol.events import EventKind, usage_payload


class UsageLog:
    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], dt.datetime] = utc_now):
        self._sessions = sessions
        self._clock = clock

    def record(self, event: str, **fields: Any) -> None:
        now = self._clock()
        with self._sessions.begin() as session:
            session.add(
                OutboxEntry(
                    kind=EventKind.USAGE,
                    idempotency_key=uuid.uuid4().hex,
                    created_at=now,
                    payload=usage_payload(event, now, **fields),
                )
            )
