"""Anonymous usage events (no names, nothing typed): queued in the outbox for upload."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import OutboxEntry
from kiosk.clock import utc_now
from protocol.events import USAGE_EVENT_FIELD, EventKind, usage_payload


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

    def opened_counts(self) -> dict[str, int]:
        """How often each lesson was started on this kiosk lately (the outbox keeps a month of
        events: kiosk/sync/outbox.py), for listing the most used first."""
        lesson = OutboxEntry.payload["lesson"].as_string()
        query = (
            select(lesson, func.count())
            .where(OutboxEntry.kind == EventKind.USAGE, OutboxEntry.payload[USAGE_EVENT_FIELD].as_string() == "lesson_started")
            .group_by(lesson)
        )
        with self._sessions() as session:
            return {lesson_id: count for lesson_id, count in session.execute(query) if lesson_id}
