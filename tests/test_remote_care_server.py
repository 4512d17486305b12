"""Remote care, the server's half, through real HTTP (tests/plugins/browser.py's admin_server:
the app on 127.0.0.1, real SQLite, an injected clock): staff ask on the kiosk's page, the
kiosk fetches with its own token, carries out, answers; each once, each in the audit log."""

from __future__ import annotations

import datetime as dt
import io

import httpx
import pytest
from PIL import Image
from sqlalchemy import select
from tests.plugins.browser import AdminServer
from tests.plugins.server_database import csrf_of

from protocol.commands import (
    API_KIOSK_COMMANDS, MESSAGE_MAX, POLL_SOON, POLL_USUAL, SCREENSHOT_MAX_BYTES, command_done_path,
    command_screenshot_path, read_commands_answer,
)
from server import commands as care
from server.models import AuditEntry, Kiosk, KioskCommand, KioskScreenshot
from server.scope import Role


def png_of(colour: str, size=(64, 40)) -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", size, colour).save(picture, "PNG")
    return picture.getvalue()


class Care:
    """One center with a kiosk (mapo-1), its guide logged in over HTTP, and the kiosk's calls."""

    def __init__(self, server: AdminServer):
        self.server = server
        server.add_center("mapo-senior", "mapo", "마포노인복지관", "Mapo Senior Center")
        server.add_staff("guide", Role.CENTER, center="mapo-senior", display_name="김안내")
        server.enroll("mapo-1", "mapo-senior")
        self.staff = server.client()
        self.csrf = self.log_in(self.staff, "guide")

    def log_in(self, http: httpx.Client, login: str) -> str:
        assert http.post("/admin/login", data={"login": login, "password": "seoul-kiosk-2030!"}).status_code == 303
        return csrf_of(http.get("/admin/help").text)

    def ask(self, kind: str, text: str = "", http: httpx.Client | None = None, csrf: str | None = None,
            kiosk: str = "mapo-1") -> httpx.Response:
        response = (http or self.staff).post(f"/admin/kiosks/{kiosk}/care/{kind}",
                                             data={"csrf": csrf or self.csrf, "text": text})
        assert response.headers.get("location") != "/admin/login", "the test's login ran out"
        return response

    def log_in_again(self) -> None:
        """After the clock moved beyond an admin session's life."""
        self.staff = self.server.client()
        self.csrf = self.log_in(self.staff, "guide")

    def token(self, kiosk: str = "mapo-1") -> dict:
        return {"Authorization": f"Bearer {self.server.tokens[kiosk]}"}

    def fetch(self, kiosk: str = "mapo-1") -> httpx.Response:
        return httpx.get(f"{self.server.url}{API_KIOSK_COMMANDS}", headers=self.token(kiosk), timeout=10)

    def commands(self, kiosk: str = "mapo-1"):
        response = self.fetch(kiosk)
        assert response.status_code == 200, response.text
        return read_commands_answer(response.json())

    def answer(self, command_id: int, ok: bool = True, detail: str = "", kiosk: str = "mapo-1") -> httpx.Response:
        return httpx.post(f"{self.server.url}{command_done_path(command_id)}", json={"ok": ok, "detail": detail},
                          headers=self.token(kiosk), timeout=10)

    def upload(self, command_id: int, body: bytes, kiosk: str = "mapo-1") -> httpx.Response:
        return httpx.post(f"{self.server.url}{command_screenshot_path(command_id)}", content=body,
                          headers={**self.token(kiosk), "Content-Type": "image/png"}, timeout=30)

    def stored(self) -> list[KioskCommand]:
        with self.server.sessions() as session:
            return list(session.scalars(select(KioskCommand).order_by(KioskCommand.id)))

    def audit(self, action: str) -> list[AuditEntry]:
        with self.server.sessions() as session:
            return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


@pytest.fixture
def center(admin_server) -> Care:
    return Care(admin_server)


def test_a_command_reaches_its_kiosk_is_carried_out_once_and_the_first_answer_stays(center):
    assert center.commands() == ([], POLL_USUAL)  # nothing asked: the usual pace
    asked = center.ask("screenshot")
    assert asked.status_code == 303 and asked.headers["location"] == "/admin/kiosks/mapo-1#care"
    assert center.ask("screenshot").status_code == 303  # a second click while one waits: still one

    commands, poll = center.commands()
    assert poll == POLL_SOON
    assert [(c.kind, c.asked_by) for c in commands] == [("screenshot", "김안내")]
    command_id = commands[0].id
    assert center.stored()[0].delivered_at == center.server.clock()
    # Not answered yet (a lost response, a kiosk busy): handed over again, the kiosk keeps seen ids.
    assert [c.id for c in center.commands()[0]] == [command_id]

    done = center.answer(command_id, ok=False, detail="The screen could not be captured.")
    assert done.status_code == 200 and done.json() == {"id": command_id, "done": True}
    assert center.commands()[0] == []
    again = center.answer(command_id, ok=True)  # sent again after a lost response
    assert again.status_code == 200 and again.json() == {"id": command_id, "done": True}
    [kept] = center.stored()
    assert (kept.ok, kept.detail) == (False, "The screen could not be captured.")
    assert len(center.audit(care.ANSWERED)) == 1

    assert center.commands()[1] == POLL_SOON  # just answered: staff are still watching
    center.server.clock.now += care.WATCHING + dt.timedelta(seconds=1)
    assert center.commands()[1] == POLL_USUAL


def test_another_kiosks_token_neither_sees_nor_answers_a_command(center):
    center.server.enroll("mapo-2", "mapo-senior")
    center.ask("sync_now")
    [command] = center.stored()
    assert center.commands("mapo-2")[0] == []
    assert center.answer(command.id, kiosk="mapo-2").status_code == 404
    assert center.upload(command.id, png_of("red"), kiosk="mapo-2").status_code == 404
    assert center.answer(command.id + 100).status_code == 404
    assert [c.id for c in center.commands()[0]] == [command.id]  # still waiting for its own kiosk


def test_a_revoked_or_unknown_kiosk_is_refused(center):
    center.ask("sync_now")
    refused = httpx.get(f"{center.server.url}{API_KIOSK_COMMANDS}", headers={"Authorization": "Bearer kiosk_guess"},
                        timeout=10)
    assert refused.status_code == 401
    with center.server.sessions.begin() as session:
        session.scalar(select(Kiosk).where(Kiosk.name == "mapo-1")).revoked_at = center.server.clock()
    revoked = center.fetch()
    assert revoked.status_code == 403 and revoked.json()["error"] == "kiosk_revoked"
    assert center.answer(center.stored()[0].id).status_code == 403
    # And staff cannot ask it anything more, in plain words.
    page = center.ask("restart")
    assert page.status_code == 409 and "연결 해제되어" in page.text
    assert [c.kind for c in center.stored()] == ["sync_now"]


def test_a_screenshot_is_stored_replaced_by_the_next_and_shown_only_to_its_staff(center):
    center.ask("screenshot")
    [first] = center.commands()[0]
    too_big = center.upload(first.id, b"\x89PNG\r\n\x1a\n" + b"\0" * SCREENSHOT_MAX_BYTES)
    assert too_big.status_code == 413
    assert center.upload(first.id, b"GIF89a not a png").status_code == 400
    assert center.stored()[0].done_at is None  # refused uploads answer nothing

    red = png_of("red")
    stored = center.upload(first.id, red)
    assert stored.status_code == 200 and stored.json() == {"id": first.id, "done": True}
    assert center.commands()[0] == []
    picture = center.staff.get("/admin/kiosks/mapo-1/screenshot.png")
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/png" and picture.content == red
    assert picture.headers["cache-control"] == "no-store"

    center.server.clock.now += dt.timedelta(minutes=3)
    center.ask("screenshot")
    [second] = center.commands()[0]
    blue = png_of("blue")
    assert center.upload(second.id, blue).status_code == 200
    assert center.upload(second.id, red).status_code == 200  # a repeat keeps the first picture
    with center.server.sessions() as session:
        [shot] = session.scalars(select(KioskScreenshot)).all()
        assert (shot.png, shot.command_id, shot.taken_at) == (blue, second.id, center.server.clock())
    page = center.staff.get("/admin/kiosks/mapo-1").text
    assert "/admin/kiosks/mapo-1/screenshot.png?at=" in page and "방금 찍음" in page

    # A guide of another center: the picture reads as not there at all; so does no login.
    center.server.add_center("gangnam-welfare", "gangnam", "강남구립노인복지관", "Gangnam Senior Welfare Center")
    center.server.add_staff("other", Role.CENTER, center="gangnam-welfare")
    other = center.server.client()
    center.log_in(other, "other")
    assert other.get("/admin/kiosks/mapo-1/screenshot.png").status_code == 404
    assert other.get("/admin/kiosks/nowhere-9/screenshot.png").status_code == 404
    assert center.server.client().get("/admin/kiosks/mapo-1/screenshot.png").status_code == 303


def test_a_command_not_fetched_within_a_day_expires_instead_of_firing_later(center):
    center.ask("restart")
    center.server.clock.now += dt.timedelta(hours=23)
    center.log_in_again()
    assert center.ask("message", "Please check the printer.").status_code == 303
    center.server.clock.now += dt.timedelta(hours=1, minutes=1)  # the restart is 24 h 1 min old
    commands, poll = center.commands()
    assert [c.kind for c in commands] == ["message"] and poll == POLL_SOON
    restart = center.stored()[0]
    assert restart.expired_at == center.server.clock() and restart.delivered_at is None
    assert "24" in restart.detail
    [expired] = center.audit(care.EXPIRED)
    assert expired.detail["kind"] == "restart" and expired.detail["asked_by"] == "guide"
    page = center.staff.get("/admin/kiosks/mapo-1").text
    assert "만료됨" in page and "24시간 안에 가져가지 않아" in page

    center.server.clock.now += dt.timedelta(days=7)  # next week: still nothing fires
    assert center.commands() == ([], POLL_USUAL)


def test_every_ask_and_answer_is_in_the_audit_log_with_who_asked(center):
    center.ask("message", "  Please   call the office.  ")
    [command] = center.commands()[0]
    assert command.text == "Please call the office."  # spaces as a person meant them
    center.answer(command.id)
    [asked] = center.audit(care.ASKED)
    assert (asked.actor, asked.target, asked.center, asked.district) == ("guide", "mapo-1", "mapo-senior", "mapo")
    assert asked.detail == {"id": command.id, "kind": "message", "text": "Please call the office."}
    [answered] = center.audit(care.ANSWERED)
    assert answered.actor == "kiosk mapo-1"
    assert answered.detail == {"id": command.id, "kind": "message", "asked_by": "guide", "ok": True}
    page = center.staff.get("/admin/kiosks/mapo-1").text
    assert "Please call the office." in page and "완료" in page and "김안내" in page


def test_only_people_who_manage_the_kiosk_may_ask(center):
    server = center.server
    server.add_center("gangnam-welfare", "gangnam", "강남구립노인복지관", "Gangnam Senior Welfare Center")
    server.add_staff("other", Role.CENTER, center="gangnam-welfare")
    server.add_staff("mapo-admin", Role.DISTRICT, district="mapo")
    server.add_staff("gangnam-admin", Role.DISTRICT, district="gangnam")
    for login in ("other", "gangnam-admin"):
        http = server.client()
        refused = center.ask("restart", http=http, csrf=center.log_in(http, login))
        assert refused.status_code == 403, login
    assert center.stored() == []
    district = server.client()
    assert center.ask("sync_now", http=district, csrf=center.log_in(district, "mapo-admin")).status_code == 303
    assert center.ask("sync_now", csrf="0" * 32).status_code == 403  # an old form (or another site's)
    assert [c.asked_by for c in center.stored()] == ["mapo-admin"]


def test_refusals_say_what_to_do(center):
    empty = center.ask("message", "   ")
    assert empty.status_code == 400 and "메시지가 비어 있습니다" in empty.text
    long = center.ask("message", "가" * (MESSAGE_MAX + 1))
    assert long.status_code == 400 and f"{MESSAGE_MAX}자까지만" in long.text
    assert center.ask("self_destruct").status_code == 400
    for n in range(care.WAITING_MAX):
        assert center.ask("message", f"message {n}").status_code == 303
    too_many = center.ask("message", "one more")
    assert too_many.status_code == 429 and "이미 기다리고 있습니다" in too_many.text
    assert len(center.stored()) == care.WAITING_MAX
    bad = httpx.post(f"{center.server.url}{command_done_path(center.stored()[0].id)}", json={"detail": "no ok"},
                     headers=center.token(), timeout=10)
    assert bad.status_code == 422
