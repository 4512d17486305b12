"""Upload the durable SQLite outbox in order, in batches, with idempotency keys.

Rows are marked sent only after the server acknowledged their keys, so a crash or a lost
response at any point means the same rows go again and the server stores them once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import requests
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import OutboxEntry
from kiosk.sync.fetch import Traffic
from kiosk.sync.http import HttpPolicy
from protocol.events import API_EVENTS, EventKind, Heartbeat, Record, accepted_keys, batch_body


class UploadError(Exception):
    pass


# What a visitor is waiting on: sent at once on their own (kiosk/sync/help_sender.py), never
# behind a content download; the ordinary upload sends them too (the server keeps one per key).
HELP_KINDS = (EventKind.HELP_REQUEST, EventKind.HELP_DONE, EventKind.HELP_REFRESH)


def queue_heartbeat(sessions: sessionmaker[Session], now: dt.datetime, heartbeat: Heartbeat) -> None:
    with sessions.begin() as session:
        session.add(
            OutboxEntry(kind=EventKind.HEARTBEAT, idempotency_key=uuid.uuid4().hex, created_at=now,
                        payload=heartbeat.to_dict())
        )


def pending_count(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count(OutboxEntry.id)).where(OutboxEntry.sent_at.is_(None))) or 0


def upload(
    sessions: sessionmaker[Session],
    http: requests.Session,
    api_url: str,
    token: str,
    policy: HttpPolicy,
    traffic: Traffic,
    clock: Callable[[], dt.datetime],
    batch_size: int = 200,
    max_batches: int = 50,
    kinds: tuple[str, ...] | None = None,
) -> int:
    """Send unsent rows oldest first (only those of ``kinds``, if given); stops at the first
    failure so order is kept. Returns rows sent."""
    url = api_url.rstrip("/") + API_EVENTS
    sent = 0
    unsent = select(OutboxEntry).where(OutboxEntry.sent_at.is_(None))
    if kinds is not None:
        unsent = unsent.where(OutboxEntry.kind.in_([str(kind) for kind in kinds]))
    for _ in range(max_batches):
        with sessions() as session:
            rows = session.scalars(unsent.order_by(OutboxEntry.id).limit(batch_size)).all()
        if not rows:
            break
        body = batch_body([Record(r.idempotency_key, r.kind, r.id, r.created_at, r.payload) for r in rows])
        try:
            # The token goes in a header only: URLs end up in access logs, headers do not.
            response = http.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=policy.timeout)
        except requests.RequestException as error:
            raise UploadError(f"upload failed ({type(error).__name__}); {sent} sent, the rest stay queued") from None
        traffic.add(requests=1)
        if response.status_code != 200:
            raise UploadError(f"upload refused with HTTP {response.status_code}; {sent} sent, the rest stay queued")
        try:
            accepted = accepted_keys(response.json())
        except ValueError:
            raise UploadError("the server's answer to an upload was not understood") from None
        keys = [r.idempotency_key for r in rows if r.idempotency_key in accepted]
        with sessions.begin() as session:
            session.execute(
                update(OutboxEntry).where(OutboxEntry.idempotency_key.in_(keys)).values(sent_at=clock())
            )
        sent += len(keys)
        if len(keys) < len(rows):
            raise UploadError("the server did not accept every row; the rest stay queued")
    return sent


def prune_sent(sessions: sessionmaker[Session], older_than: dt.datetime) -> None:
    with sessions.begin() as session:
        session.execute(delete(OutboxEntry).where(OutboxEntry.sent_at.is_not(None), OutboxEntry.sent_at < older_than))
