"""What a kiosk uploads: outbox records of a few kinds, sent in batches to one API path.

Every record carries a key the kiosk made once (its idempotency key): the server stores a
record once per (kiosk, key) and answers with the keys it has, so a batch can be sent again
after any failure. For a help request that key is also the request's identity (protocol.help).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

API_PREFIX = "/api/v1"  # a later, incompatible protocol gets a new prefix beside this one
API_EVENTS = f"{API_PREFIX}/events"


class EventKind(StrEnum):
    USAGE = "usage"  # anonymous usage: UsagePayload
    HELP_REQUEST = "help_request"  # a visitor called a guide: HelpRequestPayload, keyed by the help key
    HELP_DONE = "help_done"  # a guide closed a request on this kiosk: HelpDonePayload
    # The same visitor called again: HelpRefreshPayload names the request and where they are now.
    # A server that does not know this kind stores it and keeps the request as first asked.
    HELP_REFRESH = "help_refresh"
    HEARTBEAT = "heartbeat"  # the kiosk's state at an upload: Heartbeat


# Limits the server enforces on an upload (a kiosk never comes near them).
RECORD_KEY_PATTERN = r"^[A-Za-z0-9_-]+$"
RECORD_KEY_MIN = 8
RECORD_KEY_MAX = 64
KIND_MAX = 32
BATCH_MAX = 1000


@dataclass(frozen=True)
class Record:
    """One outbox row as it travels."""

    key: str
    kind: str
    seq: int
    created_at: dt.datetime  # naive UTC
    payload: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "kind": self.kind, "seq": self.seq,
                "created_at": self.created_at.isoformat(), "payload": self.payload}


def batch_body(records: list[Record]) -> dict[str, Any]:
    return {"events": [record.to_dict() for record in records]}


def batch_answer(accepted: list[str], stored: int) -> dict[str, Any]:
    """``accepted``: every key of the batch the server now holds (new or stored before)."""
    return {"accepted": accepted, "stored": stored}


def accepted_keys(answer: Any) -> set[str]:
    """The keys of a batch answer; ValueError if the answer is not one."""
    try:
        return {str(key) for key in answer["accepted"]}
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a batch answer ({error})") from None


# Usage ---------------------------------------------------------------------------------------
class UsageEvent(StrEnum):
    """The usage event names the server counts; the kiosk records others too ("screen", ...)."""

    LESSON_STARTED = "lesson_started"
    LESSON_FINISHED = "lesson_finished"


USAGE_EVENT_FIELD = "event"  # the usage payload's name of the event: {"event": ..., "at": ..., **fields}
USAGE_LESSON_FIELD = "lesson"


def usage_payload(event: str, at: dt.datetime, **fields: Any) -> dict[str, Any]:
    return {USAGE_EVENT_FIELD: event, "at": at.isoformat(), **fields}


# Help ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HelpRequestPayload:
    created_at: str  # ISO naive UTC
    screen: str
    lesson_id: str | None = None
    step: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, payload: dict[str, Any]) -> HelpRequestPayload:
        """Lenient: a field of the wrong type reads as missing (the request still shows)."""
        lesson = payload.get("lesson_id")
        step = payload.get("step")
        return cls(
            created_at=str(payload.get("created_at") or ""),
            screen=str(payload.get("screen") or ""),
            lesson_id=str(lesson) if lesson is not None else None,
            step=step if isinstance(step, int) and not isinstance(step, bool) else None,
        )


@dataclass(frozen=True)
class HelpRefreshPayload:
    """A help_refresh record: its own record key, the request's help key in ``key``."""

    key: str  # the help key of the request called for again
    request: HelpRequestPayload  # the screen, lesson and step now, and the time of this call

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, **self.request.to_dict()}

    @classmethod
    def from_dict(cls, payload: dict[str, Any]) -> HelpRefreshPayload | None:
        key = payload.get("key")
        if not isinstance(key, str) or not key:
            return None
        return cls(key, HelpRequestPayload.from_dict(payload))


@dataclass(frozen=True)
class HelpDonePayload:
    key: str  # the help key of the request a guide closed
    # The visitor said they no longer need help (an older server reads only the key).
    by_visitor: bool = False

    def to_dict(self) -> dict[str, Any]:
        # A guide's Done keeps the record as it always was; only a visitor's cancel says more.
        return {"key": self.key, "by_visitor": True} if self.by_visitor else {"key": self.key}

    @classmethod
    def from_dict(cls, payload: dict[str, Any]) -> HelpDonePayload | None:
        key = payload.get("key")
        return cls(key, payload.get("by_visitor") is True) if isinstance(key, str) and key else None


# Heartbeat -----------------------------------------------------------------------------------
class RestartReason(StrEnum):
    """Why the kiosk's previous run ended, as the next run works it out (kiosk/restarts.py)."""

    BOOT = "boot"  # the machine was started after a clean shutdown: the usual morning
    POWER = "power"  # the machine started again while the kiosk was running: power cut, reset button
    WATCHDOG = "watchdog"  # the screen froze and systemd's watchdog restarted it
    CRASHED = "crashed"  # the kiosk ended with an error or was killed
    REMOTE = "remote"  # restart asked for on the admin page
    STOPPED = "stopped"  # stopped on purpose (the service was stopped, or a guide quit) and started again


# Restarts that mean something is wrong with the kiosk (the fleet's "repeated restarts" alert).
TROUBLE_RESTARTS = frozenset({RestartReason.WATCHDOG, RestartReason.CRASHED, RestartReason.POWER})
RESTARTS_SENT = 20  # at most this many recent restarts travel in a heartbeat, newest last


class ScreenState(StrEnum):
    OPEN = "open"  # visitors can use it
    CLOSED = "closed"  # outside the center's opening hours: the "closed, we open at ..." screen
    BLANK = "blank"  # closed and the display switched off (or black) until someone touches it


@dataclass(frozen=True)
class RestartNote:
    at: str  # ISO naive UTC: when the new run started
    reason: str  # a RestartReason
    detail: str = ""  # e.g. the exit status systemd reported

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def read(cls, value: Any) -> RestartNote | None:
        """Lenient: None unless ``value`` is a dict with string ``at`` and ``reason``."""
        if not isinstance(value, dict):
            return None
        at, reason, detail = value.get("at"), value.get("reason"), value.get("detail", "")
        if not (isinstance(at, str) and isinstance(reason, str)):
            return None
        return cls(at, reason, detail if isinstance(detail, str) else "")


@dataclass(frozen=True)
class Heartbeat:
    """Sent with every upload; the fleet page shows the latest one of each kiosk."""

    at: str  # ISO naive UTC
    app_version: str
    content_revision: int  # the revision in the kiosk's rows (bundled or synced)
    repo_revision: int  # the repository revision the last sync saw
    last_sync: str  # a protocol.sync_status.SyncStatus
    last_sync_message: str
    free_disk: int  # bytes
    outbox_pending: int  # records waiting before this upload
    # When the newest signed index the kiosk accepted expires (ISO naive UTC; "" before any
    # sync): past it, the kiosk's content may be out of date and the fleet page says so.
    content_expires_at: str = ""
    center: str = ""  # the center view the kiosk syncs ("" = the city's default view)
    # What an operator needs from afar (kiosk/vitals.py); "" / 0 from a kiosk without a window
    # (`kiosk sync` from the shell) or from an older kiosk.
    started_at: str = ""  # ISO naive UTC: when this run of the kiosk started
    uptime_seconds: int = 0
    memory_bytes: int = 0  # resident memory of the kiosk process
    screen_state: str = ""  # a ScreenState
    last_sync_ok_at: str = ""  # ISO naive UTC of the last sync that succeeded (content freshness)
    restarts: list[dict[str, Any]] = field(default_factory=list)  # RestartNote dicts, last 7 days

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class HeartbeatView:
    """A stored heartbeat as the server reads it: any field may be missing or of the wrong
    type (an older or broken kiosk), and then reads as None."""

    at: str | None = None
    app_version: str | None = None
    content_revision: int | None = None
    repo_revision: int | None = None
    last_sync: str | None = None
    last_sync_message: str | None = None
    free_disk: int | None = None
    outbox_pending: int | None = None
    content_expires_at: str | None = None
    center: str | None = None
    started_at: str | None = None
    uptime_seconds: int | None = None
    memory_bytes: int | None = None
    screen_state: str | None = None
    last_sync_ok_at: str | None = None
    restarts: tuple[RestartNote, ...] = ()  # the notes that read, oldest first

    @classmethod
    def of(cls, payload: dict[str, Any] | None) -> HeartbeatView:
        payload = payload or {}
        values: dict[str, Any] = {}
        for field_ in fields(cls):
            value = payload.get(field_.name)
            if field_.name == "restarts":
                notes = value if isinstance(value, list) else []
                values["restarts"] = tuple(note for note in map(RestartNote.read, notes[-RESTARTS_SENT:]) if note)
                continue
            wanted = int if field_.type.startswith("int") else str
            if wanted is int and isinstance(value, bool):
                value = None
            values[field_.name] = value if isinstance(value, wanted) else None
        return cls(**values)
