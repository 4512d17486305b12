"""The server's own tables (separate metadata from the kiosk's database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}


class Kiosk(Base):
    __tablename__ = "kiosks"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # The senior center the kiosk stands in; kiosks of one center relay help requests to
    # each other. Nullable: kiosks enrolled before centers existed have none (no peers).
    center: Mapped[str | None] = mapped_column(String(100))
    # Only a hash of the token is kept: a leaked database does not let anyone upload.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_heartbeat: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class AdminToken(Base):
    __tablename__ = "admin_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Event(Base):
    """One uploaded outbox record (protocol.events). Stored once per (kiosk, key); a help
    request's key is its help key, by which the relay and the admin page close it."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("kiosk_id", "key", name="uq_events_kiosk_key"),
        Index("ix_events_kind_key", "kind", "key"),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosks.id"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    payload: Mapped[dict[str, Any]]


class CenterRow(Base):
    """One center of the city (kiosk.content.schema.Center, stored whole as JSON); its kiosks
    get it through sync as the center view's center.json (server.centers)."""

    __tablename__ = "centers"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    district: Mapped[str] = mapped_column(String(32), index=True)
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Publication(Base):
    __tablename__ = "publications"
    revision: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    pack_id: Mapped[str] = mapped_column(String(64))
    root: Mapped[str] = mapped_column(String(64))
    # The object listing the published pack's own files: the center views are rebuilt from it
    # when a center is added or changed. Nullable: publications from before center views.
    source: Mapped[str | None] = mapped_column(String(64))
    files: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(BigInteger)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime)


class HelpDone(Base):
    """A help request (an Event of kind help_request) that a guide has dealt with: from the
    admin page, from another kiosk of the center (relay), or on the asking kiosk itself (its
    help_done record). No row: still open."""

    __tablename__ = "help_done"
    event_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), ForeignKey("events.id"), primary_key=True
    )
    done_at: Mapped[dt.datetime] = mapped_column(DateTime)
    done_by: Mapped[str] = mapped_column(String(120))  # "admin", "kiosk jongno-2", ...


class AdminSession(Base):
    """A browser logged in to the admin page. The cookie holds a random id; only its SHA-256
    is stored, so a leaked database does not let anyone take over a session."""

    __tablename__ = "admin_sessions"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    admin_token_id: Mapped[int] = mapped_column(ForeignKey("admin_tokens.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
