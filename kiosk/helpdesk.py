"""'Call a guide': a help request is stored with an outbox entry in one transaction, so it
is kept until a later sync uploads it, even across crashes.

The request's key (protocol.help) is made here, once, and names it everywhere after: the
upload, the server, the relay to the other kiosks, and "done" from wherever a guide closes it.
Closing it here queues a help_done record the same durable way, so the other kiosks and the
admin page drop it too. Calling again for the same request (``refresh_key``) updates it and
queues a help_refresh record, so one visitor is one request wherever it is seen.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import HelpRequest, OutboxEntry
from kiosk.clock import Clock, utc_now
from kiosk.listeners import Listeners
from protocol.events import EventKind, HelpDonePayload, HelpRefreshPayload, HelpRequestPayload
from protocol.help import new_help_key


OPEN = "open"
DONE = "done"


class HelpDesk:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now):
        self._sessions = sessions
        self._clock = clock
        self._listeners = Listeners()

    def request_help(self, screen: str, lesson_id: str | None = None, step: int | None = None,
                     refresh_key: str | None = None) -> HelpRequest:
        """A new request, or, when ``refresh_key`` names one still open, that one brought up to
        date: where the visitor is now and the time of this call."""
        now = self._clock()
        payload = HelpRequestPayload(created_at=now.isoformat(), screen=screen, lesson_id=lesson_id, step=step)
        with self._sessions.begin() as session:
            request = None
            if refresh_key is not None:
                request = session.scalar(
                    select(HelpRequest).where(HelpRequest.key == refresh_key, HelpRequest.status == OPEN))
            if request is not None:
                request.created_at, request.screen, request.lesson_id, request.step = now, screen, lesson_id, step
                # A record of its own (records are stored once per key), naming the request.
                session.add(OutboxEntry(kind=EventKind.HELP_REFRESH, idempotency_key=uuid.uuid4().hex,
                                        created_at=now, payload=HelpRefreshPayload(request.key, payload).to_dict()))
            else:
                key = new_help_key()
                request = HelpRequest(key=key, created_at=now, screen=screen, lesson_id=lesson_id, step=step,
                                      status=OPEN)
                session.add(request)
                # The record's key is the help key: the server stores the request under it.
                session.add(OutboxEntry(kind=EventKind.HELP_REQUEST, idempotency_key=key, created_at=now,
                                        payload=payload.to_dict()))
        self._listeners.tell()
        return request

    def is_open(self, key: str) -> bool:
        with self._sessions() as session:
            return session.scalar(
                select(HelpRequest.id).where(HelpRequest.key == key, HelpRequest.status == OPEN)) is not None

    def open_requests(self) -> list[HelpRequest]:
        with self._sessions() as session:
            return list(
                session.scalars(select(HelpRequest).where(HelpRequest.status == OPEN).order_by(HelpRequest.created_at))
            )

    def open_keys(self) -> list[str]:
        with self._sessions() as session:
            return list(session.scalars(select(HelpRequest.key).where(HelpRequest.status == OPEN)))

    def mark_done(self, key: str, by_visitor: bool = False) -> bool:
        """A guide closed it on this kiosk (or the visitor no longer needs help): close the row
        and tell the server (durably). False if it was not open here."""
        now = self._clock()
        with self._sessions.begin() as session:
            if not self._close(session, [key]):
                return False
            session.add(OutboxEntry(kind=EventKind.HELP_DONE, idempotency_key=uuid.uuid4().hex, created_at=now,
                                    payload=HelpDonePayload(key, by_visitor).to_dict()))
        self._listeners.tell()
        return True

    def closed_elsewhere(self, keys: list[str]) -> int:
        """The server says these were closed by another kiosk or the admin page: close the rows
        without telling the server again. Returns how many were still open here."""
        if not keys:
            return 0
        with self._sessions.begin() as session:
            closed = self._close(session, keys)
        if closed:
            self._listeners.tell()
        return closed

    def subscribe(self, listener: Callable[[], None]) -> None:
        """``listener()`` after every change to the open requests, on the thread that made it
        (the sync worker's, for closed_elsewhere)."""
        self._listeners.add(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.remove(listener)

    def _close(self, session: Session, keys: list[str]) -> int:
        result = session.execute(
            update(HelpRequest)
            .where(HelpRequest.key.in_(keys), HelpRequest.status == OPEN)
            .values(status=DONE, done_at=self._clock())
        )
        return result.rowcount
