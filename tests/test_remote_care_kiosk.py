"""Remote care, the kiosk's half (issue 15 point 3): commands from the admin page, fetched with
the kiosk's token from the real server on 127.0.0.1, carried out once (across restarts too),
answered; and in a real window, what each command does.

Staff's side is server.commands.ask, called as the admin page calls it; the server runs with a
fixed clock, so nothing here expires.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from sqlalchemy import select
from tests.plugins.guide import type_pin
from tests.plugins.sync import FAST

from db.engine import open_database
from kiosk import messages as guide
from kiosk.guide.pin import hash_pin
from kiosk.sync.commands import INTERRUPTED, CommandBook, CommandClient, CommandError, CommandsRefused
from protocol.commands import POLL_SOON, Command, CommandDone, CommandKind
from server import auth
from server import commands as care
from server.app import create_app
from server.devserver import run_app
from server.models import Kiosk, KioskCommand, KioskScreenshot
from ui.i18n import tr
from ui.remote_care import NO_SYNC, ClientForSettings, install_remote_care
from ui.screens.guide.messages_section import headline
from ui.tasks import TaskRunner

T0 = dt.datetime(2031, 5, 6, 1, 0)  # naive UTC
CENTER = "마포노인복지관"
PIN = "482916"


@dataclass(frozen=True)
class Asker:
    """Who asks on the admin page (server.admin_routes.Me's fields that server.commands reads)."""

    staff_id: int | None = None
    login: str = "kim"
    display_name: str = "김민지"


class Server:
    """The real server app on loopback with one enrolled kiosk, and staff asking it things."""

    def __init__(self, sessions, url: str, token: str):
        self.sessions, self.url, self.token = sessions, url, token

    def ask(self, kind: str, text: str = "") -> int:
        with self.sessions.begin() as session:
            kiosk = session.scalar(select(Kiosk).where(Kiosk.name == "mapo-1"))
            return care.ask(session, kiosk, kind, Asker(), text, now=T0).id

    def ask_unknown(self, kind: str) -> int:
        """A command a newer server knows and this kiosk does not (the store would refuse it)."""
        with self.sessions.begin() as session:
            kiosk = session.scalar(select(Kiosk).where(Kiosk.name == "mapo-1"))
            command = KioskCommand(kiosk_id=kiosk.id, kind=kind, asked_at=T0, asked_by="kim", asked_by_name="김민지")
            session.add(command)
            session.flush()
            return command.id

    def command(self, command_id: int) -> KioskCommand:
        with self.sessions() as session:
            return session.get(KioskCommand, command_id)

    def screenshot(self) -> KioskScreenshot | None:
        with self.sessions() as session:
            return session.scalar(select(KioskScreenshot))

    def revoke(self) -> None:
        with self.sessions.begin() as session:
            session.scalar(select(Kiosk).where(Kiosk.name == "mapo-1")).revoked_at = T0

    def client(self, **kwargs) -> CommandClient:
        return CommandClient(self.url, self.token, FAST, **kwargs)


@pytest.fixture
def server(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "repo", clock=lambda: T0)
    with app.state.sessions.begin() as session:
        token = auth.enroll(session, "mapo-1", center=CENTER)
    with run_app(app) as url:
        yield Server(app.state.sessions, url, token)
    app.state.sessions.kw["bind"].dispose()


def command(command_id: int, kind: str = CommandKind.MESSAGE, text: str = "") -> Command:
    return Command(command_id, kind, T0.isoformat(), "김민지", text)


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(png)).size


# The book: once only -------------------------------------------------------------------------

def test_each_command_is_carried_out_once_even_across_a_restart(tmp_path):
    path = tmp_path / "kiosk.db"
    book = CommandBook(open_database(path), clock=lambda: T0)
    assert [c.id for c in book.take_new([command(1), command(2)])] == [1, 2]
    assert [c.id for c in book.take_new([command(1), command(2), command(3)])] == [3]  # handed over again
    assert book.take_new([command(4), command(4)]) == [command(4)]  # twice in one answer: once
    assert book.finish(1, CommandDone(True, "shown to the guide"))
    assert not book.finish(1, CommandDone(False, "later"))  # the first outcome stays
    assert book.unanswered() == [(1, CommandDone(True, "shown to the guide"))]
    book.answered(1)
    assert book.unanswered() == []

    # The kiosk stopped while carrying out 2, 3 and 4: the next run answers them, never redoes them.
    after = CommandBook(open_database(path), clock=lambda: T0 + dt.timedelta(minutes=1))
    assert after.take_new([command(1), command(2), command(3), command(4)]) == []
    assert [(n, done.ok) for n, done in after.unanswered()] == [(2, False), (3, False), (4, False)]
    assert all(done.detail == INTERRUPTED and done.detail.startswith("interrupted") for _n, done in after.unanswered())
    assert after.get(1).ok is True and after.get(1).answered_at == T0  # what the server has stays
    # A third run finds nothing more to interrupt, and still owes the server those answers.
    again = CommandBook(open_database(path), clock=lambda: T0 + dt.timedelta(minutes=2))
    assert [n for n, _done in again.unanswered()] == [2, 3, 4]
    assert again.get(2).done_at == T0 + dt.timedelta(minutes=1)
    assert [c.id for c in again.take_new([command(5, CommandKind.RESTART)])] == [5]


def test_answered_commands_are_forgotten_after_a_month_and_the_rest_kept(tmp_path):
    path = tmp_path / "kiosk.db"
    book = CommandBook(open_database(path), clock=lambda: T0)
    book.take_new([command(1), command(2)])
    book.finish(1, CommandDone(True))
    book.answered(1)
    book.finish(2, CommandDone(True))  # never acknowledged: still owed
    later = CommandBook(open_database(path), clock=lambda: T0 + dt.timedelta(days=31))
    assert later.get(1) is None
    assert later.unanswered() == [(2, CommandDone(True))]


# The client against the real server ----------------------------------------------------------

def test_the_client_fetches_answers_and_uploads_with_the_kiosks_token(server):
    client = server.client()
    assert client.fetch() == ([], client.fetch()[1])  # nothing asked yet
    message = server.ask("message", "Please check the printer.")
    shot = server.ask("screenshot")

    commands, poll_every = client.fetch()
    assert [(c.id, c.kind, c.asked_by, c.text) for c in commands] == [
        (message, "message", "김민지", "Please check the printer."), (shot, "screenshot", "김민지", "")]
    assert poll_every == POLL_SOON  # staff are waiting for the answer

    client.answer(message, CommandDone(True, "shown to the guide"))
    client.answer(message, CommandDone(False, "a repeat"))  # a lost response sent again: harmless
    stored = server.command(message)
    assert (stored.ok, stored.detail, stored.done_at) == (True, "shown to the guide", T0)
    assert [c.id for c in client.fetch()[0]] == [shot]

    picture = io.BytesIO()
    Image.new("RGB", (320, 180), "navy").save(picture, "PNG")
    client.send_screenshot(shot, picture.getvalue())
    assert png_size(server.screenshot().png) == (320, 180)
    assert server.command(shot).ok is True
    assert client.fetch()[0] == []


def test_a_picture_the_server_refuses_is_an_error_in_plain_words(server):
    shot = server.ask("screenshot")
    with pytest.raises(CommandError, match="HTTP 400"):
        server.client().send_screenshot(shot, b"not a png")
    assert server.screenshot() is None


def test_a_revoked_kiosk_is_refused_once_and_asks_no_more(server, caplog):
    server.ask("sync_now")
    server.revoke()
    client = server.client()
    with pytest.raises(CommandsRefused) as refused:
        client.fetch()
    assert refused.value.refusal.revoked
    assert client.refused is refused.value.refusal
    with pytest.raises(CommandsRefused):
        client.answer(1, CommandDone(True))
    assert server.token not in str(refused.value) and server.token not in caplog.text


def test_a_server_out_of_reach_is_an_error_without_the_token(server):
    client = CommandClient("http://127.0.0.1:9", server.token, FAST)  # the discard port: nobody listens
    with pytest.raises(CommandError) as error:
        client.fetch()
    assert "could not be reached" in str(error.value)
    assert server.token not in str(error.value)
    assert client.refused is None  # normal: asked again at the next poll


# In the window --------------------------------------------------------------------------------

class LosingAnswers(CommandClient):
    """Every answer is lost on the way to the server, which so hands the command over again."""

    def answer(self, command_id: int, done: CommandDone) -> None:
        raise CommandError("the server could not be reached (ConnectTimeout)")


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def care_for(window, runner, client, restarts=None):
    recorded = restarts if restarts is not None else []
    care = install_remote_care(window, runner, restart=recorded.append, client_factory=lambda: client)
    return care, recorded


def polled(qtbot, care) -> None:
    qtbot.waitUntil(lambda: not care.busy and not care.runner.busy())


def test_a_message_from_staff_shows_in_the_guides_messages_and_chimes(qtbot, window, runner, server):
    asked = server.ask("message", "3시에 점검이 있어요.")
    chimes = window.guide_alert.chimes
    care, _ = care_for(window, runner, server.client())
    polled(qtbot, care)
    [message] = [m for m in window.services.messages.messages() if m.kind == guide.REMOTE_MESSAGE]
    assert dict(message.params) == {"text": "3시에 점검이 있어요.", "by": "김민지"}
    assert "3시에 점검이 있어요." in headline(message) and "김민지" in headline(message)
    assert window.guide_alert.chimes == chimes + 1
    assert server.command(asked).ok is True
    care.poll()  # the server no longer hands it over, and nothing shows twice
    polled(qtbot, care)
    assert len([m for m in window.services.messages.messages() if m.kind == guide.REMOTE_MESSAGE]) == 1


def test_the_message_is_on_the_guide_panels_messages_page(qtbot, make_window, services, runner, server):
    services.save_settings(services.settings.model_copy(update={"guide_pin_hash": hash_pin(PIN, n=2**10)}))
    window = make_window()
    window.open_guide_pin()
    type_pin(qtbot, window, PIN)
    panel = window.screens["guide_panel"]
    qtbot.mouseClick(panel.tab_buttons["messages"], Qt.MouseButton.LeftButton)
    section = panel.sections["messages"]
    assert section.shown == []

    server.ask("message", "프린터 용지를 채워 주세요.")
    care, _ = care_for(window, runner, server.client())
    polled(qtbot, care)
    qtbot.waitUntil(lambda: len(section.shown) == 1)  # the open page follows by itself
    texts = "\n".join(label.text() for label in section.findChildren(type(section.heading)) if label.isVisible())
    # In the guide's language (Korean here), with who wrote it and what.
    wrote = tr("{by} wrote from the admin page: {text}").format(by="김민지", text="프린터 용지를 채워 주세요.")
    assert wrote != "김민지 wrote from the admin page: 프린터 용지를 채워 주세요." and wrote in texts
    assert panel.tab_buttons["messages"].text().endswith("(1)")


def test_a_screenshot_uploads_a_png_of_the_windows_size(qtbot, window, runner, server):
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1280, 800))
    asked = server.ask("screenshot")
    care, _ = care_for(window, runner, server.client())
    polled(qtbot, care)
    qtbot.waitUntil(lambda: server.screenshot() is not None)
    ratio = window.devicePixelRatioF()
    assert png_size(server.screenshot().png) == (round(1280 * ratio), round(800 * ratio))
    assert server.command(asked).ok is True
    assert CommandBook(window.services.sessions).unanswered() == []  # the upload was its answer


def test_a_restart_is_answered_before_the_kiosk_restarts(qtbot, window, runner, server):
    asked = server.ask("restart")
    seen = []  # the reason, and what the server had been told when the restart began
    install_remote_care(window, runner, restart=lambda reason: seen.append((reason, server.command(asked).ok)),
                        client_factory=server.client)
    qtbot.waitUntil(lambda: seen != [])
    assert seen == [("asked from the admin page by 김민지", True)]
    assert server.command(asked).detail == "restarting"


def test_a_restart_happens_once_even_when_handed_over_again(qtbot, window, runner, server):
    asked = server.ask("restart")
    care, restarts = care_for(window, runner, LosingAnswers(server.url, server.token, FAST))
    qtbot.waitUntil(lambda: restarts != [])
    assert restarts == ["asked from the admin page by 김민지"]  # the answer's loss does not stop it
    polled(qtbot, care)
    assert server.command(asked).done_at is None  # so the server hands it over again

    # The next run: the restart is handed over again, and the kiosk does not restart again.
    next_care, _ = care_for(window, runner, LosingAnswers(server.url, server.token, FAST), restarts)
    polled(qtbot, next_care)
    assert next_care.poll_every == POLL_SOON  # it did reach the server
    assert restarts == ["asked from the admin page by 김민지"]
    assert [n for n, _done in CommandBook(window.services.sessions).unanswered()] == [asked]  # still owed
    # With the network well again, the owed answer goes at the next contact; still one restart.
    ok_care, _ = care_for(window, runner, server.client(), restarts)
    polled(qtbot, ok_care)
    assert (server.command(asked).ok, server.command(asked).detail) == (True, "restarting")
    assert CommandBook(window.services.sessions).unanswered() == []
    assert restarts == ["asked from the admin page by 김민지"]


def test_sync_now_calls_the_windows_sync_and_says_so_without_sync(qtbot, window, runner, server):
    without = server.ask("sync_now")
    care, _ = care_for(window, runner, server.client())
    polled(qtbot, care)
    assert (server.command(without).ok, server.command(without).detail) == (False, NO_SYNC)

    synced = []
    window.sync_now = lambda: synced.append(True)
    asked = server.ask("sync_now")
    care.poll()
    polled(qtbot, care)
    assert synced == [True]
    assert server.command(asked).ok is True


def test_a_command_this_kiosk_does_not_know_is_answered_not_done(qtbot, window, runner, server):
    asked = server.ask_unknown("self_destruct")
    care, restarts = care_for(window, runner, server.client())
    polled(qtbot, care)
    stored = server.command(asked)
    assert stored.ok is False and "does not know" in stored.detail and "self_destruct" in stored.detail
    assert restarts == []


def test_a_server_out_of_reach_is_logged_at_info_and_asked_again(qtbot, window, runner, server, caplog):
    caplog.set_level(logging.INFO, logger="ui.remote_care")
    care, _ = care_for(window, runner, CommandClient("http://127.0.0.1:9", server.token, FAST))
    polled(qtbot, care)
    [record] = [r for r in caplog.records if r.name == "ui.remote_care"]
    assert record.levelno == logging.INFO and "could not be reached" in record.getMessage()
    assert care._timer.isActive()  # the next poll is due
    assert server.token not in caplog.text


def test_it_waits_for_the_full_services_of_a_window_drawn_from_the_snapshot(qtbot, window, runner, server):
    asked = server.ask("message", "hello")

    class Snapshot:
        ready = False

    real = window.services
    window.services = Snapshot()
    care, _ = care_for(window, runner, server.client())
    assert not care.busy and server.command(asked).delivered_at is None
    window.services = real
    window.services_ready.emit()
    polled(qtbot, care)
    assert server.command(asked).ok is True


def test_by_default_it_asks_the_server_in_the_kiosks_settings_with_its_token(qtbot, window, runner, server):
    services = window.services
    services.use_settings(services.settings.model_copy(update={"sync_server_url": server.url, "sync_token": "old"}))
    factory = ClientForSettings(window)
    old = factory()
    assert factory() is old  # the same while the settings stay
    services.use_settings(services.settings.model_copy(update={"sync_token": server.token}))
    assert factory() is not old  # connected again: the new token

    asked = server.ask("message", "hello")
    care = install_remote_care(window, runner, restart=lambda reason: None)
    polled(qtbot, care)
    assert server.command(asked).ok is True

    services.use_settings(services.settings.model_copy(update={"sync_token": ""}))
    assert ClientForSettings(window)() is None  # not connected: nobody to ask
