"""Remote care, the kiosk's side of the API (protocol.commands): fetch the commands waiting,
answer one, upload a screenshot. Authenticated like every kiosk call (server.api.kiosk: a
revoked kiosk gets 403, an unknown token 401); another kiosk's command reads as not found.
The store is server.commands.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from protocol.commands import (
    API_KIOSK_COMMANDS, SCREENSHOT_MAX_BYTES, CommandDone, command_done_path, command_screenshot_path, commands_answer,
)
from server import api
from server import commands as care
from server.models import Kiosk

log = logging.getLogger("server")

router = APIRouter(route_class=api.RefusingRoute)


def kiosk_before_body(request: Request, credentials=Depends(api.bearer), session: Session = Depends(api.db),
                      at: dt.datetime = Depends(api.now)) -> Kiosk:
    """server.api.kiosk without reading the body first: a screenshot's body is read here, and
    only up to its limit (api.kiosk looks at a body only for refused heartbeats)."""
    return api.kiosk(request, credentials, session, at, b"")


def refused(error: care.CareRefused) -> HTTPException:
    return HTTPException(error.status, str(error))


@router.get(API_KIOSK_COMMANDS)
def waiting(who: Kiosk = Depends(api.kiosk), session: Session = Depends(api.db), at: dt.datetime = Depends(api.now)
            ) -> dict:
    commands = care.waiting_for(session, who, at)
    every = care.poll_every(session, who, at)
    session.commit()
    if commands:
        log.info("kiosk %s was handed command(s) %s", who.name, ", ".join(str(c.id) for c in commands))
    return commands_answer(commands, every)


@router.post(command_done_path("{command_id}"))
def answered(command_id: int, body: dict[str, Any] = Body(...), who: Kiosk = Depends(api.kiosk),
             session: Session = Depends(api.db), at: dt.datetime = Depends(api.now)) -> dict:
    try:
        answer = CommandDone.from_dict(body)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    try:
        command = care.done(session, who, command_id, answer, at)
    except care.CareRefused as error:
        raise refused(error) from None
    session.commit()
    log.info("kiosk %s answered command %d (%s): %s", who.name, command.id, command.kind,
             "ok" if command.ok else "not done")
    return {"id": command.id, "done": True}


async def png_body(request: Request) -> bytes:
    """The body, read only up to one byte beyond the limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > SCREENSHOT_MAX_BYTES:
        raise HTTPException(413, f"the screenshot is larger than {SCREENSHOT_MAX_BYTES} bytes")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > SCREENSHOT_MAX_BYTES:
            raise HTTPException(413, f"the screenshot is larger than {SCREENSHOT_MAX_BYTES} bytes")
    return bytes(data)


@router.post(command_screenshot_path("{command_id}"))
async def screenshot(command_id: int, request: Request, who: Kiosk = Depends(kiosk_before_body),
                     session: Session = Depends(api.db), at: dt.datetime = Depends(api.now)) -> dict:
    png = await png_body(request)

    def store() -> int:
        command = care.save_screenshot(session, who, command_id, png, at)
        session.commit()
        return command.id

    try:
        stored = await run_in_threadpool(store)
    except care.CareRefused as error:
        raise refused(error) from None
    log.info("kiosk %s sent a screenshot (%d bytes) for command %d", who.name, len(png), stored)
    return {"id": stored, "done": True}
