"""One help request, one key: asked on one kiosk, closed on another, on the admin page or on the
asking kiosk itself, and gone everywhere. Real server and kiosks on loopback."""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import select
from tests.plugins.sync import FAST, client, open_kiosk, published

from kiosk.guide.help import PendingHelpList
from kiosk.services import KioskServices
from kiosk.sync.relay import HelpRelay
from protocol.help import is_help_key
from server import auth, staff
from server.app import create_app
from server.devserver import run_app
from server.models import Event, HelpDone
from server.scope import Role

CENTER = "마포노인복지관"
ADMIN_PASSWORD = "a long enough password"


@dataclass
class Station:
    """One kiosk with its sync client and help relay, as the sync worker drives them."""

    services: KioskServices
    token: str
    sync: object
    relay: HelpRelay

    def panel(self) -> PendingHelpList:
        return PendingHelpList(self.services.helpdesk, relayed=lambda: self.relay)


@pytest.fixture
def center(tmp_path):
    repo, _ = published(tmp_path)
    app = create_app(f"sqlite:///{tmp_path / 'server.db'}", repo.dir)
    with app.state.sessions.begin() as session:
        tokens = {name: auth.enroll(session, name, center=CENTER) for name in ("mapo-1", "mapo-2")}
        staff.create_staff(session, login="kim", password=ADMIN_PASSWORD, display_name="김민지", role=Role.CITY,
                           by="test", now=auth.now())
        admin = "kim"
    with run_app(app) as url:
        stations = {}
        for name, token in tokens.items():
            services = open_kiosk(tmp_path / name)
            stations[name] = Station(
                services, token,
                client(services, url + "/repo/", repo.public, api_url=url, token=token),
                HelpRelay(url, token, FAST, helpdesk=services.helpdesk),
            )
        yield stations, url, app.state.sessions, admin
    app.state.sessions.kw["bind"].dispose()


def asked_and_relayed(stations) -> str:
    """mapo-1 asks; mapo-2 sees it after a sync and a relay exchange. Returns the key."""
    asker, other = stations["mapo-1"], stations["mapo-2"]
    request = asker.services.helpdesk.request_help("practice", "kakao-taxi", 2)
    assert is_help_key(request.key)
    assert asker.sync.run().uploaded >= 1
    other.relay.exchange()
    [relayed] = other.panel().pending()
    assert (relayed.key, relayed.kiosk, relayed.local) == (request.key, "mapo-1", False)
    [own] = asker.panel().pending()
    assert (own.key, own.local) == (request.key, True)
    return request.key


def server_key_of(sessions) -> str:
    with sessions() as session:
        return session.scalar(select(Event.key).where(Event.kind == "help_request"))


def closers(sessions) -> list[str]:
    with sessions() as session:
        return list(session.scalars(select(HelpDone.done_by)))


def test_closed_by_another_kiosk_leaves_the_asking_kiosks_panel_at_its_next_exchange(center):
    stations, _url, sessions, _admin = center
    key = asked_and_relayed(stations)
    assert server_key_of(sessions) == key  # the server holds it under the same key

    other = stations["mapo-2"]
    [item] = other.panel().pending()
    other.panel().mark_done(item)
    assert other.panel().pending() == []  # gone at once there
    other.relay.exchange()
    assert closers(sessions) == ["kiosk mapo-2"]

    asker = stations["mapo-1"]
    assert [item.key for item in asker.panel().pending()] == [key]  # not told yet
    asker.relay.exchange()
    assert asker.panel().pending() == [] and asker.services.helpdesk.open_requests() == []
    # Closed here because the server said so: nothing goes back up, the first closer stays.
    assert asker.sync.run().ok
    assert closers(sessions) == ["kiosk mapo-2"]


def test_closed_on_the_admin_page_leaves_the_asking_kiosks_panel(center):
    stations, url, sessions, admin = center
    key = asked_and_relayed(stations)
    with httpx.Client(base_url=url, follow_redirects=False, timeout=10) as browser:
        assert browser.post("/admin/login", data={"login": admin, "password": ADMIN_PASSWORD}).status_code == 303
        page = browser.get("/admin/help").text
        assert f'id="help-{key}"' in page
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        assert browser.post(f"/admin/help/{key}/done", data={"csrf": csrf}).status_code == 303
    assert closers(sessions) == ["김민지"]

    for station in stations.values():
        station.relay.exchange()
        assert station.panel().pending() == []


def test_closed_on_the_asking_kiosk_reaches_the_others_through_the_outbox(center):
    stations, _url, sessions, _admin = center
    key = asked_and_relayed(stations)
    asker, other = stations["mapo-1"], stations["mapo-2"]
    [own] = asker.panel().pending()
    asker.panel().mark_done(own)
    assert asker.panel().pending() == []
    with asker.services.sessions() as session:
        from db.models import OutboxEntry

        queued = session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "help_done")).all()
    assert queued == [{"key": key}]  # durable: kept until an upload is acknowledged

    assert other.relay.exchange() == 1  # the server does not know yet
    assert asker.sync.run().uploaded >= 1
    assert other.relay.exchange() == 0 and other.panel().pending() == []
    assert closers(sessions) == ["kiosk mapo-1 (on the kiosk)"]


def test_a_kiosk_asks_only_about_its_own_requests(center):
    stations, url, _sessions, _admin = center
    key = asked_and_relayed(stations)
    other = stations["mapo-2"]
    answer = httpx.post(url + "/api/v1/help/closed", json={"keys": [key]},
                        headers={"Authorization": f"Bearer {other.token}"}, timeout=10)
    assert answer.status_code == 200 and answer.json() == {"closed": []}
    other.panel().mark_done(other.panel().pending()[0])
    other.relay.exchange()
    # Closed now, but still not mapo-2's to ask about.
    answer = httpx.post(url + "/api/v1/help/closed", json={"keys": [key]},
                        headers={"Authorization": f"Bearer {other.token}"}, timeout=10)
    assert answer.json() == {"closed": []}
