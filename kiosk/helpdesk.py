"""'Call a guide': a help request is stored with an outbox entry in one transaction, so it
is kept until a later sync uploads it, even across crashes."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import HelpRequest, OutboxEntry


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class HelpDesk:
    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], dt.datetime] = utc_now):
        self._sessions = sessions
        self._clock = clock

    def request_help(self, screen: str, lesson_id: str | None = None, step: int | None = None) -> HelpRequest:
        now = self._clock()
        with self._sessions.begin() as session:
            request = HelpRequest(created_at=now, screen=screen, lesson_id=lesson_id, step=step, status="open")
            session.add(request)
            session.flush()
            session.add(
                OutboxEntry(
                    kind="help_request",
                    idempotency_key=uuid.uuid4().hex,
                    created_at=now,
                    payload={
                        "local_id": request.id,
                        "created_at": now.isoformat(),
                        "screen": screen,
                        "lesson_id": lesson_id,
                        "step": step,
                    },
                )
            )
        return request

    def open_requests(self) -> list[HelpRequest]:
        with self._sessions() as session:
            return list(
                session.scalars(select(HelpRequest).where(HelpRequest.status == "open").order_by(HelpRequest.created_at))
            )

    def mark_done(self, request_id: int) -> None:
        with self._sessions.begin() as session:
            request = session.get(HelpRequest, request_id)
            if request is not None:
                request.status = "done"
                request.done_at = self._clock()
