"""Bearer tokens: random, shown once, stored as SHA-256 (they are high-entropy, so a plain
hash suffices), and never logged."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import AdminToken, Kiosk


SETUP = "setup"  # AdminToken.purpose: makes the first city admin (no purpose: from before accounts)
READ = "read"  # reads the JSON admin API


def new_token(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def enroll(session: Session, name: str, center: str | None = None) -> str:
    """Register a kiosk; ``center`` defaults to the kiosk's own name (a center of one)."""
    if session.scalar(select(Kiosk).where(Kiosk.name == name)) is not None:
        raise ValueError(f"a kiosk named '{name}' is already enrolled")
    token = new_token("kiosk")
    session.add(Kiosk(name=name, center=center or name, token_hash=hash_token(token), created_at=now()))
    return token


def add_admin_token(session: Session) -> str:
    """The setup token `init` prints: it makes the first city admin on /admin/setup, once."""
    token = new_token("setup")
    session.add(AdminToken(token_hash=hash_token(token), created_at=now(), purpose=SETUP))
    return token


def add_api_token(session: Session) -> str:
    """A read-only token for scripts reading /api/v1/admin/* (monitoring, exports)."""
    token = new_token("read")
    session.add(AdminToken(token_hash=hash_token(token), created_at=now(), purpose=READ))
    return token


def kiosk_for(session: Session, token: str) -> Kiosk | None:
    return session.scalar(select(Kiosk).where(Kiosk.token_hash == hash_token(token)))


def setup_token_id(session: Session, token: str) -> int | None:
    if not token:
        return None
    return session.scalar(select(AdminToken.id).where(AdminToken.token_hash == hash_token(token),
                                                      AdminToken.purpose.is_distinct_from(READ)))


def is_admin(session: Session, token: str) -> bool:
    """May read the JSON admin API: a read token (a setup token, before it is used, too)."""
    return session.scalar(select(AdminToken.id).where(AdminToken.token_hash == hash_token(token))) is not None
