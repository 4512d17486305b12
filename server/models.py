"""The server's own tables (separate metadata from the kiosk's database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint,
)
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
    # Revoked from the admin page: its token is refused (403, protocol.onboarding) at once.
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(120))


class AdminToken(Base):
    """A setup token (makes the first city admin, then is deleted) or a read-only API token
    (server.auth)."""

    __tablename__ = "admin_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    purpose: Mapped[str | None] = mapped_column(String(16))


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
    # Who published and why (the admin pages ask for a change note; the command line for
    # --note); nullable: publications from before notes.
    published_by: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    restored_from: Mapped[int | None] = mapped_column(Integer)  # "restore this version": the revision brought back


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


class Staff(Base):
    """A person who logs in to the admin pages (server.staff): a city admin (everything), a
    district admin (the centers of ``district``) or center staff / a digital guide (``center``)."""

    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)  # lower case
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))  # server.scope.Role
    district: Mapped[str | None] = mapped_column(String(32))
    center: Mapped[str | None] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(200))  # server.passwords (scrypt, salted)
    locale: Mapped[str] = mapped_column(String(8), default="ko")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(String(120))
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)  # since the last good one
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Where the fleet's alerts about this person's centers are sent (server/alerts.py); None: none.
    email: Mapped[str | None] = mapped_column(String(254))


class StaffSession(Base):
    """A browser logged in to the admin pages. The cookie holds a random id; only its SHA-256
    is stored, so a leaked database does not let anyone take over a session. A session ends
    at ``expires_at`` or after ``server.staff.IDLE_LIMIT`` unused, whichever is first."""

    __tablename__ = "staff_sessions"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_used_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginFailure(Base):
    """A refused login, by address: too many from one address in a while are slowed down
    (server.staff), whatever account names they try."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class AuditEntry(Base):
    """Who changed what, from the admin pages or the server's commands (server.audit)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(120))  # a staff login, or "command line"
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(48))  # server.audit.Action
    target: Mapped[str] = mapped_column(String(200))
    # Where it belongs, so a district or center sees its own entries.
    district: Mapped[str | None] = mapped_column(String(32), index=True)
    center: Mapped[str | None] = mapped_column(String(64), index=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class OnboardingRequest(Base):
    """A new kiosk asking to join (server.onboarding): it shows ``code`` on its screen, staff
    enter the code on the admin page, and the kiosk, polling with its secret, gets its token.
    No token is stored: it is made when the kiosk collects it, and only its hash is kept."""

    __tablename__ = "onboarding_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    address: Mapped[str | None] = mapped_column(String(64))
    app_version: Mapped[str | None] = mapped_column(String(40))
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosks.id", ondelete="CASCADE"))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class UnknownKioskCall(Base):
    """Calls to the kiosk API with a token this server does not know (or none), one row per
    address and token fingerprint, so the fleet page can show them as "not authorised"."""

    __tablename__ = "unknown_kiosk_calls"
    __table_args__ = (UniqueConstraint("address", "fingerprint", name="uq_unknown_calls"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(16))  # first hex digits of the token's hash; "none"
    first_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_at: Mapped[dt.datetime] = mapped_column(DateTime)
    calls: Mapped[int] = mapped_column(Integer, default=1)
    reported_center: Mapped[str | None] = mapped_column(String(64))  # from its heartbeat, if readable
    app_version: Mapped[str | None] = mapped_column(String(40))


class ContentDraft(Base):
    """One unpublished change to the content (server.drafts): an item as it will be (``data``),
    or its removal (``data`` None), laid over the last published pack. Uploaded media are
    drafts of kind "media" whose id is the pack path and whose data names the stored bytes."""

    __tablename__ = "content_drafts"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # server.drafts.KINDS, or "media"
    item_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_by_id: Mapped[int | None] = mapped_column(Integer)


class KioskCommand(Base):
    """Remote care (protocol.commands): asked for on the admin page, fetched by the kiosk at
    its next contact, carried out once and answered."""

    __tablename__ = "kiosk_commands"
    id: Mapped[int] = mapped_column(primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosks.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # protocol.commands.CommandKind
    text: Mapped[str | None] = mapped_column(Text)  # the message, for a message to the guide
    asked_at: Mapped[dt.datetime] = mapped_column(DateTime)
    asked_by: Mapped[str] = mapped_column(String(120))  # the staff member's login
    asked_by_name: Mapped[str] = mapped_column(String(100))  # and name, as the guide sees it
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # first handed to the kiosk
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # the kiosk's answer arrived
    ok: Mapped[bool | None] = mapped_column(Boolean)
    detail: Mapped[str | None] = mapped_column(Text)  # the kiosk's words, or why it expired
    expired_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # never fetched in time


class KioskScreenshot(Base):
    """The latest picture of a kiosk's screen (one per kiosk: a new one replaces it)."""

    __tablename__ = "kiosk_screenshots"
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosks.id", ondelete="CASCADE"), primary_key=True)
    command_id: Mapped[int | None] = mapped_column(Integer)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)  # when it reached the server
    png: Mapped[bytes] = mapped_column(LargeBinary)


class FleetAlert(Base):
    """A problem with one kiosk (server/alerts.py): opened when first seen, cleared when gone;
    one email when it opens and one when it clears."""

    __tablename__ = "fleet_alerts"
    id: Mapped[int] = mapped_column(primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosks.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # server.alerts.AlertKind
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime)
    cleared_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # facts for the words (days, bytes, ...)
    mailed_open_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    mailed_clear_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
