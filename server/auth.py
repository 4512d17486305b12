"""Bearer tokens: random, shown once, stored as SHA-256 (they are high-entropy, so a plain
hash suffices), and never logged."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import AdminToken, Kiosk


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
    token = new_token("admin")
    session.add(AdminToken(token_hash=hash_token(token), created_at=now()))
    return token


def kiosk_for(session: Session, token: str) -> Kiosk | None:
    return session.scalar(select(Kiosk).where(Kiosk.token_hash == hash_token(token)))


def admin_token_id(session: Session, token: str) -> int | None:
    return session.scalar(select(AdminToken.id).where(AdminToken.token_hash == hash_token(token)))


def is_admin(session: Session, token: str) -> bool:
    return admin_token_id(session, token) is not None
