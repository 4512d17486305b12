"""Remote care: what staff ask a kiosk to do from the admin page, and how the kiosk answers.

A kiosk asks ``GET API_KIOSK_COMMANDS`` (its bearer token says who it is) at each contact; the
answer lists the commands waiting for it, oldest first, and how soon to ask again
(``poll_every``: sooner while staff are waiting for an answer). The kiosk carries each command
out once (it keeps the ids it has seen), then says so with ``POST command_done_path(id)``; a
screenshot is answered with ``POST command_screenshot_path(id)``, the PNG as the body. Both
answers may be sent again after a lost response: the server keeps the first.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from protocol.events import API_PREFIX

API_KIOSK_COMMANDS = f"{API_PREFIX}/kiosk/commands"


def command_done_path(command_id: int) -> str:
    return f"{API_KIOSK_COMMANDS}/{command_id}/done"


def command_screenshot_path(command_id: int) -> str:
    return f"{API_KIOSK_COMMANDS}/{command_id}/screenshot"


class CommandKind(StrEnum):
    SYNC_NOW = "sync_now"  # sync content and upload now, not at the next scheduled time
    RESTART = "restart"  # end this run; the service manager starts the kiosk again
    SCREENSHOT = "screenshot"  # send a picture of what the screen shows now
    MESSAGE = "message"  # show ``text`` to the guide (the guide panel's messages)


MESSAGE_MAX = 300  # characters of a message to the guide
SCREENSHOT_MAX_BYTES = 8 << 20  # a 1920x1080 PNG of the kiosk is well under 1 MB
SCREENSHOT_TYPE = "image/png"
POLL_SOON = 5  # seconds between asks while a command waits or was just asked for
POLL_USUAL = 60  # seconds between asks otherwise (the help relay's pace)
COMMANDS_MAX = 20  # at most this many commands in one answer


@dataclass(frozen=True)
class Command:
    id: int
    kind: str  # a CommandKind; a kiosk answers one it does not know with ok=False
    asked_at: str  # ISO naive UTC
    asked_by: str  # the staff member's display name, for the guide and the kiosk's log
    text: str = ""  # the message, for MESSAGE

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, value: Any) -> Command:
        """ValueError if ``value`` is not a command."""
        if not isinstance(value, dict):
            raise ValueError("a command is not an object")
        command_id, kind = value.get("id"), value.get("kind")
        if not isinstance(command_id, int) or isinstance(command_id, bool) or command_id < 1:
            raise ValueError(f"a command's id is not a positive number: {command_id!r}")
        if not isinstance(kind, str) or not kind:
            raise ValueError(f"command {command_id} has no kind")
        text = value.get("text") or ""
        return cls(command_id, kind, str(value.get("asked_at") or ""), str(value.get("asked_by") or ""),
                   str(text)[:MESSAGE_MAX])


def commands_answer(commands: list[Command], poll_every: int) -> dict[str, Any]:
    return {"commands": [command.to_dict() for command in commands], "poll_every": poll_every}


def read_commands_answer(body: Any) -> tuple[list[Command], int]:
    """The commands and the seconds until the next ask; ValueError if ``body`` is not an answer."""
    if not isinstance(body, dict) or not isinstance(body.get("commands"), list):
        raise ValueError("not a commands answer")
    poll = body.get("poll_every")
    poll_every = poll if isinstance(poll, int) and not isinstance(poll, bool) and poll > 0 else POLL_USUAL
    return [Command.from_dict(item) for item in body["commands"][:COMMANDS_MAX]], min(poll_every, 3600)


@dataclass(frozen=True)
class CommandDone:
    ok: bool
    detail: str = ""  # what happened, in plain words, when not ok (or a short note when ok)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, value: Any) -> CommandDone:
        if not isinstance(value, dict) or not isinstance(value.get("ok"), bool):
            raise ValueError("not a command answer: it needs ok true or false")
        return cls(value["ok"], str(value.get("detail") or "")[:500])
