"""Remote care, the server's store (protocol.commands): what staff ask a kiosk to do, what the
kiosk is handed at its next contact, and what it answered.

A command waits until the kiosk asks (``waiting_for``), is handed over again at each ask until
the kiosk answers (``done``; the kiosk keeps the ids it has carried out, so a repeat does
nothing there), and the first answer is kept. A command nobody fetched within LIFETIME is
expired instead: a restart asked for yesterday evening must not fire next week. Every ask and
every answer is in the audit log (server.audit), in the same transaction, with who asked.

No HTTP here: server.api_commands (the kiosk's side) and server.admin_commands (the admin
page) are the glue. Refusals are PlainError, said in the page's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from protocol.commands import (
    COMMANDS_MAX, MESSAGE_MAX, POLL_SOON, POLL_USUAL, SCREENSHOT_MAX_BYTES, Command, CommandDone, CommandKind,
)
from server import audit
from server.i18n import N_, PlainError
from server.models import CenterRow, Kiosk, KioskCommand, KioskScreenshot

# Fetched within this long, or expired (a kiosk switched off over a weekend does not restart
# on Monday because of something asked on Friday).
LIFETIME = dt.timedelta(hours=24)
# After an ask or an answer, staff are probably still looking at the page: the kiosk asks
# again soon for this long, so a second command does not wait a whole usual poll.
WATCHING = dt.timedelta(minutes=5)
WAITING_MAX = 10  # commands waiting for one kiosk at once; more is a mistake, not care
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Audit actions (server.audit.record's ``action``).
ASKED = "kiosk.command"
ANSWERED = "kiosk.command_done"
EXPIRED = "kiosk.command_expired"

EXPIRED_DETAIL = "The kiosk did not ask for it within 24 hours, so it was not carried out."


class CareRefused(PlainError, ValueError):
    """A command that cannot be asked or answered as sent; ``status`` for HTTP."""

    def __init__(self, message: str, status: int = 400, **fields):
        super().__init__(message, **fields)
        self.status = status


class Asker(Protocol):
    """Who asks (server.admin_routes.Me fits): recorded with the command and in the audit log."""

    staff_id: int
    login: str
    display_name: str


class State(StrEnum):
    WAITING = "waiting"  # not yet fetched by the kiosk
    HANDED_OVER = "handed_over"  # fetched, no answer yet
    DONE = "done"
    FAILED = "failed"  # the kiosk answered ok=false
    EXPIRED = "expired"


def state_of(command: KioskCommand, now: dt.datetime) -> State:
    if command.done_at is not None:
        return State.DONE if command.ok else State.FAILED
    if command.expired_at is not None or now - command.asked_at > LIFETIME:
        return State.EXPIRED
    return State.HANDED_OVER if command.delivered_at is not None else State.WAITING


def place_of(session: Session, kiosk: Kiosk) -> dict:
    """Where an audit entry belongs: the kiosk's center and its district."""
    row = session.get(CenterRow, kiosk.center) if kiosk.center else None
    return {"center": kiosk.center, "district": row.district if row is not None else None}


def _open(session: Session, kiosk: Kiosk):
    return (select(KioskCommand)
            .where(KioskCommand.kiosk_id == kiosk.id, KioskCommand.done_at.is_(None), KioskCommand.expired_at.is_(None))
            .order_by(KioskCommand.id))


def expire_old(session: Session, kiosk: Kiosk, now: dt.datetime) -> list[KioskCommand]:
    """Marks the kiosk's unanswered commands older than LIFETIME expired; returns them."""
    old = [command for command in session.scalars(_open(session, kiosk)) if now - command.asked_at > LIFETIME]
    for command in old:
        command.expired_at, command.detail = now, EXPIRED_DETAIL
        audit.record(session, "server", EXPIRED, kiosk.name, **place_of(session, kiosk), now=now,
                     detail={"id": command.id, "kind": command.kind, "asked_by": command.asked_by})
    return old


def open_commands(session: Session, kiosk: Kiosk, now: dt.datetime) -> list[KioskCommand]:
    """Waiting or handed over, oldest first (after expiring the old ones)."""
    expire_old(session, kiosk, now)
    return list(session.scalars(_open(session, kiosk)))


def ask(session: Session, kiosk: Kiosk, kind: str, by: Asker, text: str = "", now: dt.datetime | None = None
        ) -> KioskCommand:
    """A new command for ``kiosk`` (or the same one already waiting: asking for a screenshot
    twice gives one); CareRefused in plain words."""
    from server.auth import now as utc_now

    now = now or utc_now()
    try:
        kind = CommandKind(kind)
    except ValueError:
        raise CareRefused(N_("The kiosk cannot do that. Choose one of the buttons on the kiosk's page.")) from None
    if kiosk.revoked_at is not None:
        raise CareRefused(N_("Kiosk %(kiosk)s is revoked: it no longer contacts the server, so it cannot be asked "
                             "anything. Connect it again with a new code first."), status=409, kiosk=kiosk.name)
    text = " ".join(text.split()) if kind is CommandKind.MESSAGE else ""
    if kind is CommandKind.MESSAGE and not text:
        raise CareRefused(N_("The message is empty. Type what the guide should read on the kiosk."))
    if len(text) > MESSAGE_MAX:
        raise CareRefused(N_("The message is %(length)d characters long; a kiosk shows at most %(max)d. "
                             "Shorten it and send it again."), length=len(text), max=MESSAGE_MAX)
    waiting = open_commands(session, kiosk, now)
    for command in waiting:
        if command.kind == kind and (command.text or "") == text:
            return command  # already on its way: the kiosk does it once either way
    if len(waiting) >= WAITING_MAX:
        raise CareRefused(N_("%(count)d requests already wait for kiosk %(kiosk)s. They reach it at its next "
                             "contact; ask again when it has answered them."), status=429,
                          count=len(waiting), kiosk=kiosk.name)
    command = KioskCommand(kiosk_id=kiosk.id, kind=kind.value, text=text or None, asked_at=now,
                           asked_by=by.login[:120], asked_by_name=(by.display_name or by.login)[:100])
    session.add(command)
    session.flush()  # its id, for the audit entry
    detail = {"id": command.id, "kind": kind.value, **({"text": text} if text else {})}
    audit.record(session, by, ASKED, kiosk.name, **place_of(session, kiosk), detail=detail, now=now)
    return command


def as_wire(command: KioskCommand) -> Command:
    return Command(command.id, command.kind, command.asked_at.isoformat(), command.asked_by_name, command.text or "")


def waiting_for(session: Session, kiosk: Kiosk, now: dt.datetime) -> list[Command]:
    """What the kiosk is handed now: every unanswered command (oldest first, at most
    COMMANDS_MAX), each marked delivered the first time."""
    commands = open_commands(session, kiosk, now)[:COMMANDS_MAX]
    for command in commands:
        if command.delivered_at is None:
            command.delivered_at = now
    return [as_wire(command) for command in commands]


def poll_every(session: Session, kiosk: Kiosk, now: dt.datetime) -> int:
    """POLL_SOON while a command waits or one was asked or answered within WATCHING (staff are
    watching the page), else POLL_USUAL."""
    since = now - WATCHING
    recent = session.scalar(
        select(KioskCommand.id).where(
            KioskCommand.kiosk_id == kiosk.id,
            (KioskCommand.done_at.is_(None) & KioskCommand.expired_at.is_(None) & (KioskCommand.asked_at > now - LIFETIME))
            | (KioskCommand.asked_at >= since) | (KioskCommand.done_at >= since),
        ).limit(1))
    return POLL_SOON if recent is not None else POLL_USUAL


def _own(session: Session, kiosk: Kiosk, command_id: int) -> KioskCommand:
    command = session.get(KioskCommand, command_id)
    if command is None or command.kiosk_id != kiosk.id:  # another kiosk's reads as none at all
        raise CareRefused(N_("There is no command %(id)d for this kiosk."), status=404, id=command_id)
    return command


def done(session: Session, kiosk: Kiosk, command_id: int, answer: CommandDone, now: dt.datetime) -> KioskCommand:
    """The kiosk's answer; a second answer (a lost response, sent again) keeps the first."""
    command = _own(session, kiosk, command_id)
    if command.done_at is None:
        command.done_at, command.ok, command.detail = now, answer.ok, answer.detail or None
        if command.expired_at is not None:  # carried out after all (it was fetched before it expired)
            command.expired_at = None
        audit.record(session, f"kiosk {kiosk.name}", ANSWERED, kiosk.name, **place_of(session, kiosk), now=now,
                     detail={"id": command.id, "kind": command.kind, "asked_by": command.asked_by, "ok": answer.ok,
                             **({"detail": answer.detail} if answer.detail else {})})
    return command


def check_png(png: bytes) -> None:
    if len(png) > SCREENSHOT_MAX_BYTES:
        raise CareRefused(N_("The screenshot is larger than %(max)d bytes."), status=413, max=SCREENSHOT_MAX_BYTES)
    if not png.startswith(PNG_SIGNATURE):
        raise CareRefused(N_("The screenshot is not a PNG picture."), status=400)


def save_screenshot(session: Session, kiosk: Kiosk, command_id: int, png: bytes, now: dt.datetime) -> KioskCommand:
    """Keeps ``png`` as the kiosk's latest screenshot (replacing the one before) and answers
    the command ok. A repeat of an answered command keeps the first picture."""
    command = _own(session, kiosk, command_id)
    if command.kind != CommandKind.SCREENSHOT:
        raise CareRefused(N_("Command %(id)d does not ask for a screenshot."), status=409, id=command_id)
    check_png(png)
    if command.done_at is not None:
        return command
    shot = session.get(KioskScreenshot, kiosk.id)
    if shot is None:
        session.add(KioskScreenshot(kiosk_id=kiosk.id, command_id=command.id, taken_at=now, png=png))
    else:
        shot.command_id, shot.taken_at, shot.png = command.id, now, png
    return done(session, kiosk, command_id, CommandDone(True), now)


def recent(session: Session, kiosk: Kiosk, limit: int = 20) -> list[KioskCommand]:
    """The kiosk's latest commands, newest first (for its admin page; see state_of)."""
    return list(session.scalars(select(KioskCommand).where(KioskCommand.kiosk_id == kiosk.id)
                                .order_by(KioskCommand.id.desc()).limit(limit)))


def screenshot(session: Session, kiosk: Kiosk) -> KioskScreenshot | None:
    return session.get(KioskScreenshot, kiosk.id)


@dataclass(frozen=True)
class ScreenshotInfo:
    taken_at: dt.datetime
    size: int


def screenshot_info(session: Session, kiosk: Kiosk) -> ScreenshotInfo | None:
    """When the latest screenshot was taken, without loading the picture."""
    row = session.execute(select(KioskScreenshot.taken_at, func.length(KioskScreenshot.png))
                          .where(KioskScreenshot.kiosk_id == kiosk.id)).first()
    return ScreenshotInfo(row[0], row[1] or 0) if row else None
