"""A help request's identity: one key from the kiosk that created it to whoever closes it.

The kiosk makes the key when a visitor calls a guide (``new_help_key``) and stores it on its
own row; the upload carries it as the help_request record's key; the server stores it with
the record; the relay lists other kiosks' requests by it; and "done" names it, whether sent
by the asking kiosk (a help_done record, through the durable outbox), by another kiosk of
the center (API_HELP_DONE) or by the admin page. A kiosk asks which of its own open keys
were closed elsewhere (API_HELP_CLOSED) and closes them on its own panel too.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import asdict, dataclass
from typing import Any

from protocol.events import API_PREFIX

API_HELP_OPEN = f"{API_PREFIX}/help/open"  # GET: open requests of the other kiosks of the caller's center
API_HELP_DONE = f"{API_PREFIX}/help/done"  # POST {"key": ...}: close one of them
API_HELP_CLOSED = f"{API_PREFIX}/help/closed"  # POST {"keys": [...]}: which of the caller's own are closed

HELP_KEY_LENGTH = 32
HELP_KEY_RE = re.compile(r"^[0-9a-f]{32}$")
CLOSED_QUERY_MAX = 200  # keys per closed-query; a kiosk has a handful open at most


def new_help_key() -> str:
    """Random, so kiosks need no coordination and a key says nothing about where it came from."""
    return uuid.uuid4().hex


def is_help_key(text: Any) -> bool:
    return isinstance(text, str) and bool(HELP_KEY_RE.match(text))


@dataclass(frozen=True)
class RelayedRequest:
    """One entry of the API_HELP_OPEN answer ``{"requests": [...]}``."""

    key: str
    kiosk: str  # the asking kiosk's name
    created_at: dt.datetime  # naive UTC
    screen: str
    lesson_id: str | None = None
    step: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "created_at": self.created_at.isoformat()}

    @classmethod
    def from_dict(cls, entry: dict[str, Any]) -> RelayedRequest:
        """ValueError/KeyError/TypeError if the entry is not one."""
        step = entry.get("step")
        lesson = entry.get("lesson_id")
        return cls(
            key=str(entry["key"]),
            kiosk=str(entry["kiosk"]),
            created_at=dt.datetime.fromisoformat(entry["created_at"]).replace(tzinfo=None),
            screen=str(entry.get("screen") or ""),
            lesson_id=str(lesson) if lesson is not None else None,
            step=step if isinstance(step, int) and not isinstance(step, bool) else None,
        )


def open_answer(requests: list[RelayedRequest]) -> dict[str, Any]:
    return {"requests": [request.to_dict() for request in requests]}


def read_open_answer(answer: Any) -> list[RelayedRequest]:
    """ValueError if the answer is not a list of relayed requests."""
    try:
        return [RelayedRequest.from_dict(entry) for entry in answer["requests"]]
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"not a list of help requests ({error})") from None


def done_body(key: str) -> dict[str, str]:
    return {"key": key}


def closed_query(keys: list[str]) -> dict[str, list[str]]:
    return {"keys": keys}


def closed_answer(keys: list[str]) -> dict[str, list[str]]:
    return {"closed": keys}


def read_closed_answer(answer: Any) -> list[str]:
    try:
        return [str(key) for key in answer["closed"]]
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a list of closed help requests ({error})") from None
