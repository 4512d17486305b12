"""Remote care, the kiosk half without Qt: asking the server for commands, answering them, and
remembering in the kiosk's database which were carried out, so each is carried out once.

``CommandClient`` talks to the server (protocol/commands.py); like the help relay it runs on a
worker thread only, and loads requests there. ``CommandBook`` is the once-only bookkeeping: a
command is recorded when it arrives, before anything is done, so one the server hands over
again (our answer was lost) or one the kiosk was carrying out when it died is never carried
out again; the first is simply answered again, the second is answered "interrupted". Without
that, a restart command whose answer never arrived would restart the kiosk at every start.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update

from db.models import RemoteCommand
from kiosk.clock import Clock, utc_now
from protocol.commands import (
    API_KIOSK_COMMANDS, SCREENSHOT_TYPE, Command, CommandDone, command_done_path, command_screenshot_path,
    read_commands_answer,
)
from protocol.onboarding import Refusal

if TYPE_CHECKING:
    import requests
    from sqlalchemy.orm import Session, sessionmaker

    from kiosk.sync.http import HttpPolicy

log = logging.getLogger(__name__)

INTERRUPTED = ("interrupted: the kiosk stopped while carrying this out, so it was not done and will not "
               "be tried again; ask again if it is still needed")
# The server hands a command over for a day at most (then it expires), so an answered command
# is remembered well beyond that and then forgotten: the table stays small.
KEEP_ANSWERED = dt.timedelta(days=30)
DETAIL_MAX = 500


class CommandError(Exception):
    """The server could not be asked or did not answer as expected; the next poll tries again."""


class CommandsRefused(CommandError):
    """The server refused this kiosk (revoked, or a token it does not know): this client asks no
    more; connecting the kiosk again gives it a new token and so a new client."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.message)
        self.refusal = refusal


class CommandClient:
    """One kiosk's remote-care calls. Every method runs on a worker thread and may block on the
    network (bounded by the policy's timeouts)."""

    def __init__(self, api_url: str, token: str, policy: HttpPolicy | None = None,
                 http: requests.Session | None = None):
        self.api_url = api_url.rstrip("/")
        self._token = token  # only ever sent in the Authorization header
        self._policy = policy
        self._http = http
        self.refused: Refusal | None = None

    def same_server(self, api_url: str, token: str) -> bool:
        """Whether this client already speaks for ``token`` at ``api_url`` (settings unchanged)."""
        return self.api_url == api_url.rstrip("/") and self._token == token

    def fetch(self) -> tuple[list[Command], int]:
        """The commands waiting for this kiosk, oldest first, and the seconds until the next ask."""
        response = self._call("get", API_KIOSK_COMMANDS)
        if response.status_code != 200:
            raise CommandError(f"asking for commands failed with HTTP {response.status_code}")
        try:
            return read_commands_answer(response.json())
        except ValueError as error:
            raise CommandError(f"the server's list of commands was not understood ({error})") from None

    def answer(self, command_id: int, done: CommandDone) -> None:
        """Tell the server how a command went. Sending it twice is harmless: the server keeps the first."""
        response = self._call("post", command_done_path(command_id), json=done.to_dict())
        # 404: the server no longer has it for this kiosk (it expired, or the kiosk was moved):
        # there is nobody left to tell, so it counts as answered.
        if response.status_code == 404:
            log.info("remote care: the server no longer knows command %d", command_id)
        elif response.status_code != 200:
            raise CommandError(f"answering command {command_id} failed with HTTP {response.status_code}")

    def send_screenshot(self, command_id: int, png: bytes) -> None:
        """Upload the picture a screenshot command asked for; that upload is its answer."""
        response = self._call("post", command_screenshot_path(command_id), data=png,
                              extra_headers={"Content-Type": SCREENSHOT_TYPE})
        if response.status_code == 413:
            raise CommandError(f"the screenshot ({len(png)} bytes) is larger than the server accepts")
        if response.status_code == 404:
            log.info("remote care: the server no longer knows command %d", command_id)
        elif response.status_code != 200:
            raise CommandError(f"sending the screenshot failed with HTTP {response.status_code}")

    def _call(self, method: str, path: str, extra_headers: dict[str, str] | None = None,
              **kwargs) -> requests.Response:
        # Imported here, on the worker's thread: the GUI thread never pays for requests.
        from kiosk.sync.http import ApiUnreachable, HttpPolicy, call_kiosk_api, make_session, refusal_of

        if self.refused is not None:
            raise CommandsRefused(self.refused)  # asking again would only be refused again
        if self._policy is None:
            self._policy = HttpPolicy()
        if self._http is None:
            self._http = make_session(self._policy, base_url=self.api_url)
        try:
            response = call_kiosk_api(self._http, method, self.api_url + path, self._token, self._policy.timeout,
                                      extra_headers, **kwargs)
        except ApiUnreachable as error:
            raise CommandError(str(error)) from None
        refusal = refusal_of(response)
        if refusal is not None:
            self.refused = refusal
            raise CommandsRefused(self.refused)
        return response


class CommandBook:
    """Which commands this kiosk has received, carried out and had acknowledged (the
    ``remote_commands`` table). Thread-safe through SQLite; made once per run of the kiosk."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now):
        self._sessions = sessions
        self._clock = clock
        self._close_interrupted()

    def take_new(self, commands: list[Command]) -> list[Command]:
        """Record ``commands`` as received; only those never seen before come back, to carry out."""
        if not commands:
            return []
        now = self._clock()
        with self._sessions.begin() as session:
            seen = set(session.scalars(select(RemoteCommand.id).where(
                RemoteCommand.id.in_([command.id for command in commands]))))
            new = []
            for command in commands:
                if command.id in seen:
                    continue
                seen.add(command.id)  # the same id twice in one answer is carried out once too
                session.add(RemoteCommand(id=command.id, kind=command.kind[:32], asked_by=command.asked_by[:120],
                                          received_at=now, detail=""))
                new.append(command)
        return new

    def finish(self, command_id: int, done: CommandDone) -> bool:
        """Record how a received command went; False when it was already finished (the first stays)."""
        with self._sessions.begin() as session:
            result = session.execute(
                update(RemoteCommand)
                .where(RemoteCommand.id == command_id, RemoteCommand.done_at.is_(None))
                .values(done_at=self._clock(), ok=done.ok, detail=done.detail[:DETAIL_MAX])
            )
            return result.rowcount > 0

    def answered(self, command_id: int) -> None:
        """The server has this command's answer: it is not sent again."""
        with self._sessions.begin() as session:
            session.execute(
                update(RemoteCommand)
                .where(RemoteCommand.id == command_id, RemoteCommand.answered_at.is_(None))
                .values(answered_at=self._clock())
            )

    def unanswered(self) -> list[tuple[int, CommandDone]]:
        """Finished here but not acknowledged by the server, oldest first: sent at the next contact."""
        with self._sessions() as session:
            rows = session.execute(
                select(RemoteCommand.id, RemoteCommand.ok, RemoteCommand.detail)
                .where(RemoteCommand.done_at.is_not(None), RemoteCommand.answered_at.is_(None))
                .order_by(RemoteCommand.id)
            ).all()
        return [(row.id, CommandDone(bool(row.ok), row.detail)) for row in rows]

    def get(self, command_id: int) -> RemoteCommand | None:
        with self._sessions() as session:
            return session.get(RemoteCommand, command_id)

    def _close_interrupted(self) -> None:
        """At the start of a run: a command received but never finished was being carried out
        when the kiosk stopped. It is answered as interrupted, never carried out again (a restart
        command that crashed the kiosk would otherwise crash it at every start)."""
        now = self._clock()
        with self._sessions.begin() as session:
            result = session.execute(
                update(RemoteCommand).where(RemoteCommand.done_at.is_(None))
                .values(done_at=now, ok=False, detail=INTERRUPTED)
            )
            if result.rowcount:
                log.info("remote care: %d command(s) were interrupted by the last stop", result.rowcount)
            session.execute(delete(RemoteCommand).where(RemoteCommand.answered_at < now - KEEP_ANSWERED))
