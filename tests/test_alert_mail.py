"""Alert mails (server.mail) through a real SMTP server on 127.0.0.1 (aiosmtpd): one mail when a
problem opens, to the people responsible for the kiosk's center in their own language, one when
it clears, none for a check that changes nothing; a mail server that is down is tried again at
the next round and the mail then goes once; the app runs the watcher by itself."""

from __future__ import annotations

import email
import email.policy
import threading

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.plugins.server_database import Clock
from tests.test_alerts import T0, Site, later, make_site

from server.alerts import AlertSettings, AlertWatcher
from server.config import ServerHome
from server.devserver import free_socket
from server.mail import SmtpSettings
from server.models import FleetAlert, Staff

PUBLIC_URL = "https://kiosks.seoul.example.org/"


class Inbox:
    """An aiosmtpd handler keeping every mail it is given."""

    def __init__(self):
        self.mails: list[tuple[list[str], email.message.EmailMessage]] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        mail = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.mails.append((list(envelope.rcpt_tos), mail))
        self.arrived.set()
        return "250 OK"

    def take(self) -> list[tuple[list[str], email.message.EmailMessage]]:
        taken, self.mails[:] = list(self.mails), []
        return taken


class MailServer:
    """A real SMTP server on a loopback port that stays the same across stop and start."""

    def __init__(self):
        sock = free_socket()
        self.port = sock.getsockname()[1]
        sock.close()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def settings(self) -> SmtpSettings:
        return SmtpSettings.read({"smtp": {"host": "127.0.0.1", "port": self.port, "security": "none",
                                           "from": "Seoul kiosks <alerts@kiosks.seoul.example.org>"}})


@pytest.fixture
def smtp():
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(tmp_path, database_url):
    with make_site(tmp_path, database_url, Clock(T0)) as result:
        yield result


def watcher_of(site: Site, smtp: MailServer) -> AlertWatcher:
    return AlertWatcher(site.app.state.sessions, AlertSettings(), smtp.settings, PUBLIC_URL, clock=site.clock)


def set_email(site: Site, login: str, address: str | None) -> None:
    with site.app.state.sessions.begin() as session:
        session.scalar(select(Staff).where(Staff.login == login)).email = address


def test_one_mail_when_a_problem_opens_in_korean_and_one_when_it_clears(site, smtp):
    watcher = watcher_of(site, smtp)
    with site.app.state.sessions.begin() as session:
        session.scalar(select(Staff).where(Staff.login == "guide")).display_name = "김민지"
    site.heartbeat("mapo-1", free_disk=300 * 1024**2)
    assert watcher.run_once().mailed == 1
    ((to, mail),) = smtp.inbox.take()
    # The center's own staff (the guide of mapo-senior); the district and city admins have an
    # email address too, but the center's staff come first.
    assert to == ["guide@example.org"] and mail["To"] == "김민지 <guide@example.org>"
    assert mail["Subject"] == "키오스크 mapo-1 (마포노인복지관): 저장 공간 부족"
    body = mail.get_content()
    assert "마포노인복지관의 키오스크 mapo-1에 문제가 있습니다" in body
    assert "남은 저장 공간이 300.0 MB뿐입니다" in body
    assert "할 일: 키오스크의 저장 공간을 비우거나" in body
    assert "2030. 3. 5. (화) 10:00" in body  # when, in Seoul time
    assert "https://kiosks.seoul.example.org/admin/kiosks/mapo-1" in body
    assert mail["From"] == "Seoul kiosks <alerts@kiosks.seoul.example.org>"

    later(site, minutes=1)
    site.heartbeat("mapo-1", free_disk=100 * 1024**2)
    assert watcher.run_once().mailed == 0 and smtp.inbox.take() == []  # still the same problem

    later(site, minutes=1)
    site.heartbeat("mapo-1")
    assert watcher.run_once().mailed == 1
    ((to, mail),) = smtp.inbox.take()
    assert to == ["guide@example.org"] and mail["Subject"] == "해결됨: 키오스크 mapo-1 (마포노인복지관): 저장 공간 부족"
    assert "2030. 3. 5. (화) 10:00에 시작되어 2030. 3. 5. (화) 10:02에 끝났습니다" in mail.get_content()
    later(site, minutes=1)
    assert watcher.run_once().mailed == 0 and smtp.inbox.take() == []


def test_without_center_staff_the_district_then_the_city_is_told(site, smtp):
    watcher = watcher_of(site, smtp)
    site.heartbeat("mapo-2", free_disk=10)  # mapo-welfare: no staff of its own
    watcher.run_once()
    ((to, mail),) = smtp.inbox.take()
    assert to == ["mapo@example.org"]  # the district admin, whose pages are in English
    assert mail["Subject"] == "Kiosk mapo-2 (Mapo Welfare Center): Disk almost full"
    assert "What to do: Free some space on the kiosk" in mail.get_content()
    site.heartbeat("gangnam-1", free_disk=10)  # gangnam: neither center staff nor district admin has an email
    watcher.run_once()
    ((to, mail),) = smtp.inbox.take()
    assert to == ["city@example.org"] and mail["Subject"] == "키오스크 gangnam-1 (강남구립노인복지관): 저장 공간 부족"


def test_a_mail_server_that_is_down_is_tried_again_and_the_mail_goes_once(site, smtp):
    watcher = watcher_of(site, smtp)
    smtp.stop()
    site.heartbeat("mapo-1", free_disk=10)
    first = watcher.run_once()
    assert [change.kind for change in first.changes] == ["low_disk"] and first.mailed == 0
    with site.app.state.sessions() as session:
        (alert,) = session.scalars(select(FleetAlert))
        assert alert.mailed_open_at is None  # owed, not lost
    later(site, minutes=1)
    assert watcher.run_once().mailed == 0  # still down
    smtp.start()
    later(site, minutes=1)
    again = watcher.run_once()
    assert again.changes == [] and again.mailed == 1
    ((to, mail),) = smtp.inbox.take()
    assert to == ["guide@example.org"] and "저장 공간 부족" in mail["Subject"]
    later(site, minutes=1)
    assert watcher.run_once().mailed == 0 and smtp.inbox.take() == []


def test_an_alert_that_cleared_while_mail_was_down_sends_both_in_order(site, smtp):
    watcher = watcher_of(site, smtp)
    smtp.stop()
    site.heartbeat("mapo-1", free_disk=10)
    watcher.run_once()
    later(site, minutes=1)
    site.heartbeat("mapo-1")
    watcher.run_once()
    smtp.start()
    assert watcher.run_once().mailed == 2
    subjects = [mail["Subject"] for _, mail in smtp.inbox.take()]
    assert subjects == ["키오스크 mapo-1 (마포노인복지관): 저장 공간 부족", "해결됨: 키오스크 mapo-1 (마포노인복지관): 저장 공간 부족"]


def test_nobody_with_an_email_means_the_mail_waits(site, smtp):
    watcher = watcher_of(site, smtp)
    for login in ("guide", "mapo", "city"):
        set_email(site, login, None)
    site.heartbeat("mapo-1", free_disk=10)
    assert watcher.run_once().mailed == 0 and smtp.inbox.take() == []
    set_email(site, "city", "city@example.org")
    assert watcher.run_once().mailed == 1
    assert [to for to, _ in smtp.inbox.take()] == [["city@example.org"]]


def test_the_app_runs_the_watcher_and_stops_it(tmp_path, smtp):
    clock = Clock(T0)
    url = f"sqlite:///{tmp_path / 'server.db'}"
    with make_site(tmp_path, url, clock) as site:
        site.heartbeat("mapo-1", free_disk=10)
        from server.app import create_app

        # A second app on the same database, as another worker would be, with its watcher.
        app = create_app(url, tmp_path / "repo", clock=clock)
        watcher = AlertWatcher(app.state.sessions, AlertSettings(), smtp.settings, PUBLIC_URL, clock=clock)
        app.state.alert_watcher = watcher
        with TestClient(app):
            assert smtp.inbox.arrived.wait(20), "no alert mail from the app's watcher"
            assert watcher.running
        assert not watcher.running
        ((to, mail),) = smtp.inbox.take()
        assert to == ["guide@example.org"] and "저장 공간 부족" in mail["Subject"]
        app.state.sessions.kw["bind"].dispose()


def test_smtp_settings_come_from_server_json_without_the_password(tmp_path, monkeypatch):
    home = ServerHome(tmp_path / "home")
    assert home.smtp_settings() is None and home.public_url == ""
    home.save_config({"public_url": PUBLIC_URL, "smtp": {"host": "smtp.example.org", "user": "alerts",
                                                         "password_env": "TEST_SMTP_PASSWORD",
                                                         "from": "alerts@example.org"}})
    settings = home.smtp_settings()
    assert (settings.port, settings.security, settings.user) == (587, "starttls", "alerts")
    assert home.public_url == PUBLIC_URL
    monkeypatch.delenv("TEST_SMTP_PASSWORD", raising=False)
    with pytest.raises(Exception, match="set the environment variable TEST_SMTP_PASSWORD"):
        settings.password()
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret")
    assert settings.password() == "s3cret"
    home.save_config({"smtp": {"host": "smtp.example.org", "from": "alerts@example.org", "password": "s3cret"}})
    with pytest.raises(ValueError, match="must not hold the password"):
        home.smtp_settings()
    home.save_config({"smtp": {"host": "smtp.example.org", "from": "alerts@example.org", "security": "tls"}})
    with pytest.raises(ValueError, match="starttls, ssl, none"):
        home.smtp_settings()
