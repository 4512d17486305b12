"""Typed SQLAlchemy 2 models. Content items keep their full validated JSON in ``data``; the
columns beside it exist for ordering and lookups."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from protocol.help import HELP_KEY_LENGTH, new_help_key


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class ContentRevision(Base):
    """The one applied content revision (a single row, id 1)."""

    __tablename__ = "content_revision"
    id: Mapped[int] = mapped_column(primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime)
    manifest: Mapped[dict[str, Any]]


class CategoryRow(Base):
    __tablename__ = "categories"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]


class ThemeRow(Base):
    __tablename__ = "themes"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]


class LessonRow(Base):
    __tablename__ = "lessons"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    category_id: Mapped[str] = mapped_column(ForeignKey("categories.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]
    # What the lists show of it (kiosk/content/cards.py), read at start instead of ``data``;
    # empty in rows applied before the column existed (the repository then derives it).
    card: Mapped[dict[str, Any] | None]


class ProgramRow(Base):
    __tablename__ = "programs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    theme_id: Mapped[str] = mapped_column(ForeignKey("themes.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]


class NoticeRow(Base):
    __tablename__ = "notices"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date] = mapped_column(Date, index=True)
    data: Mapped[dict[str, Any]]


class MediaObject(Base):
    """A media file stored by its SHA-256 under the data dir's objects/ folder."""

    __tablename__ = "media_objects"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    suffix: Mapped[str] = mapped_column(String(8))
    size: Mapped[int] = mapped_column(Integer)


class HelpRequest(Base):
    __tablename__ = "help_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    # The request's one identity, shared with the server and the other kiosks (protocol.help).
    key: Mapped[str] = mapped_column(String(HELP_KEY_LENGTH), unique=True, index=True, default=new_help_key)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    screen: Mapped[str] = mapped_column(String(64))
    lesson_id: Mapped[str | None] = mapped_column(String(64))
    step: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="open")
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class OutboxEntry(Base):
    """Something to upload on a later sync; rows survive crashes and restarts until sent."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("idempotency_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    payload: Mapped[dict[str, Any]]
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)


class SyncState(Base):
    """What the kiosk last accepted from the content repository (a single row, id 1).

    ``repo_revision`` only moves forward, so an older (replayed) index is refused even after a
    restart; ``applied_digest`` tells whether the rows still hold what sync applied (a bundled
    pack may have replaced them), in which case the cached ETag must not be trusted.
    """

    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    repo_revision: Mapped[int] = mapped_column(Integer, default=0)
    root: Mapped[str] = mapped_column(String(64), default="")
    applied_digest: Mapped[str] = mapped_column(String(64), default="")
    index_etag: Mapped[str] = mapped_column(String(200), default="")
    index_last_modified: Mapped[str] = mapped_column(String(64), default="")
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_success_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_result: Mapped[str] = mapped_column(String(200), default="")
    # When the newest accepted signed index expires (naive UTC): past it, the content may be
    # out of date (a frozen mirror, a server that stopped re-signing) and the guide is told.
    index_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The highest signing-key serial seen in a root certificate: keys certified with a lower
    # serial were rotated out and are refused from then on.
    key_serial: Mapped[int] = mapped_column(Integer, default=0)
    # The center whose view the state above is of ("" = the city's view). Revisions count per
    # view, so a kiosk moved to another center starts that view afresh (expiry still bounds
    # what it accepts) instead of refusing its lower revision.
    view_center: Mapped[str] = mapped_column(String(64), default="")


class RemoteCommand(Base):
    """A remote-care command from the admin page (protocol.commands), kept so it is carried out
    once: a command seen here is never carried out again, even when the server hands it over
    again (a lost answer) or the kiosk restarted while carrying it out."""

    __tablename__ = "remote_commands"
    id: Mapped[int] = mapped_column(primary_key=True)  # the server's command id
    kind: Mapped[str] = mapped_column(String(32))
    asked_by: Mapped[str] = mapped_column(String(120))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # carried out (or given up) here
    ok: Mapped[bool | None] = mapped_column(Boolean)
    detail: Mapped[str] = mapped_column(String(500), default="")
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)  # the server has the answer
