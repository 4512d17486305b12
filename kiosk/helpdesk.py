"""'Call a guide': a help request is stored with an outbox entry in one transaction, so it
is kept until a later sync uploads it, even across crashes.

The request's key (protocol.help) is made here, once, and names it everywhere after: the
upload, the server, the relay to the other kiosks, and "done" from wherever a guide closes it.
Closing it here queues a help_done record the same durable way, so the other kiosks and the
admin page drop it too.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import HelpRequest, OutboxEntry
from kiosk.clock import Clock, utc_now
from protocol.events import EventKind, HelpDonePayload, HelpRequestPayload
from protocol.help import new_help_key


OPEN = "open"
DONE = "done"


class HelpDesk:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now):
        self._sessions = sessions
        self._clock = clock

    def request_help(self, screen: str, lesson_id: str | None = None, step: int | None = None) -> HelpRequest:
        now = self._clock()
        key = new_help_key()
        with self._sessions.begin() as session:
            request = HelpRequest(key=key, created_at=now, screen=screen, lesson_id=lesson_id, step=step, status=OPEN)
            session.add(request)
            # The record's key is the help key: the server stores the request under it.
            payload = HelpRequestPayload(created_at=now.isoformat(), screen=screen, lesson_id=lesson_id, step=step)
            session.add(OutboxEntry(kind=EventKind.HELP_REQUEST, idempotency_key=key, created_at=now,
                                    payload=payload.to_dict()))
        return request

    def open_requests(self) -> list[HelpRequest]:
        with self._sessions() as session:
            return list(
                session.scalars(select(HelpRequest).where(HelpRequest.status == OPEN).order_by(HelpRequest.created_at))
            )

    def open_keys(self) -> list[str]:
        with self._sessions() as session:
            return list(session.scalars(select(HelpRequest.key).where(HelpRequest.status == OPEN)))

    def mark_done(self, key: str) -> bool:
        """A guide closed it on this kiosk: close the row and tell the server (durably).
        False if it was not open here."""
        now = self._clock()
        with self._sessions.begin() as session:
            if not self._close(session, [key]):
                return False
            session.add(OutboxEntry(kind=EventKind.HELP_DONE, idempotency_key=uuid.uuid4().hex, created_at=now,
                                    payload=HelpDonePayload(key).to_dict()))
        return True

    def closed_elsewhere(self, keys: list[str]) -> int:
        """The server says these were closed by another kiosk or the admin page: close the rows
        without telling the server again. Returns how many were still open here."""
        if not keys:
            return 0
        with self._sessions.begin() as session:
            return self._close(session, keys)

    def _close(self, session: Session, keys: list[str]) -> int:
        result = session.execute(
            update(HelpRequest)
            .where(HelpRequest.key.in_(keys), HelpRequest.status == OPEN)
            .values(status=DONE, done_at=self._clock())
        )
        return result.rowcount
