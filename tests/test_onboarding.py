"""A new kiosk connects by a code on its screen; revoked and unknown kiosks are refused (issue 13).

The real server app on 127.0.0.1 (server.devserver.run_app), its real SQLite database, and the
kiosk's real half (kiosk/sync/onboarding.py, SyncClient) talking to it over HTTP; staff's part
on the admin page is server.onboarding.claim, called as the admin page calls it.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

import httpx
import pytest
from sqlalchemy import func, select
from tests.plugins.packs import make_pack, text
from tests.plugins.sync import FAST, open_kiosk

import main
from tests.plugins.server_database import Clock
from kiosk.settings import SettingsStore
from kiosk.sync.client import SyncClient
from kiosk.sync.config import config_from_settings
from kiosk.sync.onboarding import Onboarding, OnboardingError, connected_settings, needs_connecting, save_connection
from kiosk.sync.relay import HelpRelay, RelayRefused
from protocol import onboarding as wire
from protocol.signing import generate_private_pem, load_private, public_key_text
from protocol.sync_status import SyncStatus
from server import onboarding
from server.app import create_app
from server.centers import make_center, parse_windows, put_center
from server.devserver import run_app
from server.models import Event, Kiosk, OnboardingRequest, UnknownKioskCall
from server.publish import publish

T0 = dt.datetime(2031, 3, 4, 1, 0)  # naive UTC


def center(center_id: str, district: str, name: str):
    return make_center({
        "id": center_id, "district": district, "name": text(name, f"{name}(日)", f"{name} (en)"),
        "address": text(f"{name} 주소"), "phone": "02-000-0000",
        "open_times": parse_windows("mon-fri 09:00-18:00"), "guide_times": parse_windows("tue 10:00-16:00"),
    }, center_id)


GANGNAM = center("gangnam-welfare", "gangnam", "강남구립노인복지관")
MAPO = center("mapo-senior", "mapo", "마포 행복경로당")


class City:
    """A running server with a published repository of two centers' views."""

    def __init__(self, tmp_path, database_url, clock, publish_at: dt.datetime | None = T0):
        key = load_private(generate_private_pem())
        self.public = public_key_text(key)
        self.repo_dir = tmp_path / "server" / "repo"
        publish(make_pack(tmp_path / "pack"), self.repo_dir, key, now=publish_at, centers=[GANGNAM, MAPO])
        self.clock = clock
        self.app = create_app(database_url, self.repo_dir, clock=clock, root_public_key=self.public)
        self.sessions = self.app.state.sessions
        with self.sessions.begin() as session:
            for each in (GANGNAM, MAPO):
                put_center(session, each, T0)

    def claim(self, code: str, name: str, center_id: str | None, replaces: str | None = None) -> None:
        """What the admin page does with the code a member of staff typed."""
        with self.sessions.begin() as session:
            request = onboarding.find_open(session, code, self.clock())
            assert request is not None, f"no open request for {code}"
            old = session.scalar(select(Kiosk).where(Kiosk.name == replaces)) if replaces else None
            onboarding.claim(session, request, name=name, center=center_id, by="staff kim", now=self.clock(),
                             replaces=old)

    def kiosk_row(self, name: str) -> Kiosk:
        with self.sessions() as session:
            return session.scalar(select(Kiosk).where(Kiosk.name == name))


@pytest.fixture
def city(tmp_path, database_url):
    clock = Clock(T0)
    city = City(tmp_path, database_url, clock)
    with run_app(city.app) as url:
        city.url = url
        yield city
    city.sessions.kw["bind"].dispose()


def connect(city: City, kiosk, name: str = "gangnam-1", center_id: str | None = "gangnam-welfare",
            replaces: str | None = None):
    """The whole flow for one kiosk: code, staff enter it, the kiosk collects and saves."""
    kiosk.settings = kiosk.settings.model_copy(update={"sync_server_url": city.url})
    kiosk_side = Onboarding(city.url, policy=FAST)
    step = kiosk_side.step(None)
    city.claim(typed(step.ticket.code), name, center_id, replaces)
    step = kiosk_side.step(step.ticket)
    assert step.connected, step.answer
    kiosk.settings = save_connection(kiosk.settings_store, kiosk.settings, step.answer)
    return step


def typed(code: str) -> str:
    """As staff type what they read on the screen: lower case, with the dash and a space."""
    shown = wire.show_code(code).lower()
    return shown[:2] + " " + shown[2:]


def sync_client(kiosk, clock) -> SyncClient:
    return SyncClient(kiosk.data_dir, kiosk.sessions, config_from_settings(kiosk.settings), clock=clock)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def heartbeat_batch(center_id: str = "gangnam-welfare") -> dict:
    return {"events": [{"key": uuid.uuid4().hex, "kind": "heartbeat", "seq": 1, "created_at": "2031-03-04T01:00:00",
                        "payload": {"app_version": "9.9", "center": center_id}}]}


# The code -------------------------------------------------------------------------------------
def test_codes_are_short_unambiguous_and_forgive_how_they_are_typed():
    codes = {wire.new_code() for _ in range(200)}
    assert all(len(code) == 6 and set(code) <= set(wire.CODE_ALPHABET) for code in codes)
    assert not set(wire.CODE_ALPHABET) & set("0O1IL2Z5S6G8BQ")
    assert len(codes) > 190
    assert wire.show_code("K7MAXT") == "K7M-AXT"
    for typed_text in ("k7m-axt", "K7M AXT", " k7m - axt ", "K7MAXT"):
        assert wire.normalise_code(typed_text) == "K7MAXT"
    assert wire.normalise_code("K7M-AX") is None and wire.normalise_code("K7M-AX0") is None
    assert wire.connect_link("https://kiosk.example.org/", "K7MAXT") == \
        "https://kiosk.example.org/admin/kiosks/connect?code=K7MAXT"


# The whole flow --------------------------------------------------------------------------------
def test_a_new_kiosk_connects_by_its_code_and_syncs_its_center(tmp_path, city):
    kiosk = open_kiosk(tmp_path / "kiosk")
    kiosk.settings = kiosk.settings.model_copy(update={"sync_server_url": city.url})
    assert needs_connecting(kiosk.settings) and config_from_settings(kiosk.settings) is None

    kiosk_side = Onboarding(city.url, policy=FAST)
    step = kiosk_side.step(None)
    assert len(step.ticket.code) == 6 and step.ticket.expires_at == T0 + wire.CODE_LIFETIME
    with city.sessions() as session:
        waiting = onboarding.pending(session, city.clock())
        assert [r.code for r in waiting] == [step.ticket.code] and waiting[0].address == "127.0.0.1"
        assert session.scalar(select(OnboardingRequest.secret_hash)) != step.ticket.secret  # only a hash is kept
    assert kiosk_side.step(step.ticket).answer.state is wire.PollState.PENDING

    city.clock.now = T0 + dt.timedelta(minutes=2)
    city.claim(typed(step.ticket.code), "gangnam-1", "gangnam-welfare")
    with city.sessions() as session:
        assert onboarding.pending(session, city.clock()) == []
    step = kiosk_side.step(step.ticket)
    assert step.connected
    answer = step.answer
    assert (answer.name, answer.center, answer.root_public_key) == ("gangnam-1", "gangnam-welfare", city.public)
    assert answer.center_name["ko"] == "강남구립노인복지관"
    # Delivered once: asking again with the same secret never gives the token out again.
    assert kiosk_side.poll(step.ticket).state is wire.PollState.COLLECTED
    assert answer.token not in city.kiosk_row("gangnam-1").token_hash

    kiosk.settings = save_connection(kiosk.settings_store, kiosk.settings, answer)
    saved, problem = SettingsStore(kiosk.settings_store.path).load()
    assert problem is None and not needs_connecting(saved)
    assert (saved.sync_token, saved.sync_public_key, saved.sync_center) == (answer.token, city.public, "gangnam-welfare")

    result = sync_client(kiosk, lambda: T0 + dt.timedelta(minutes=3)).run()
    assert result.status == SyncStatus.UPDATED, result.message
    assert result.uploaded >= 1 and not result.upload_error
    kiosk.content.reload()
    assert kiosk.content.center().name["ko"] == "강남구립노인복지관"
    row = city.kiosk_row("gangnam-1")
    assert row.last_seen_at is not None and row.last_heartbeat["center"] == "gangnam-welfare"


def test_an_expired_code_is_replaced_by_a_new_one(tmp_path, city):
    kiosk_side = Onboarding(city.url, policy=FAST)
    first = kiosk_side.step(None).ticket
    city.clock.now = T0 + wire.CODE_LIFETIME
    with city.sessions() as session:
        assert onboarding.find_open(session, first.code, city.clock()) is None
        request = session.scalar(select(OnboardingRequest))
        with pytest.raises(ValueError, match="expired"):
            onboarding.claim(session, request, name="late", center=None, by="staff", now=city.clock())
    assert kiosk_side.poll(first).state is wire.PollState.EXPIRED
    second = kiosk_side.step(first)
    assert second.answer is None and second.ticket.secret != first.secret
    assert second.ticket.expires_at == city.clock.now + wire.CODE_LIFETIME
    # A code staff entered but the kiosk never collected stops working too.
    city.claim(second.ticket.code, "mapo-1", "mapo-senior")
    city.clock.now += wire.COLLECT_WINDOW
    assert kiosk_side.poll(second.ticket).state is wire.PollState.EXPIRED


def test_staff_are_told_in_plain_words_what_cannot_be_done(tmp_path, city):
    kiosk = open_kiosk(tmp_path / "kiosk")
    connect(city, kiosk)
    kiosk_side = Onboarding(city.url, policy=FAST)
    ticket = kiosk_side.step(None).ticket
    with city.sessions.begin() as session:
        request = onboarding.find_open(session, ticket.code, city.clock())
        with pytest.raises(ValueError, match="already in the fleet"):
            onboarding.claim(session, request, name="gangnam-1", center=None, by="staff", now=city.clock())
        with pytest.raises(ValueError, match="no center 'nowhere'"):
            onboarding.claim(session, request, name="other", center="nowhere", by="staff", now=city.clock())
        onboarding.claim(session, request, name="other", center=None, by="staff", now=city.clock())
        with pytest.raises(ValueError, match="already used"):
            onboarding.claim(session, request, name="third", center=None, by="staff", now=city.clock())
    assert kiosk_side.step(ticket).answer.center == ""  # no center: the city's view


def test_connecting_again_in_its_place_stops_the_old_token_at_once(tmp_path, city):
    kiosk = open_kiosk(tmp_path / "kiosk")
    old = connect(city, kiosk).answer.token
    with httpx.Client(base_url=city.url) as http:
        assert http.post("/api/v1/events", json=heartbeat_batch(), headers=bearer(old)).status_code == 200
        kiosk_side = Onboarding(city.url, policy=FAST)
        ticket = kiosk_side.step(None).ticket
        city.claim(ticket.code, "gangnam-1", "mapo-senior", replaces="gangnam-1")
        # Refused before the new kiosk has even collected its own.
        assert http.get(wire.API_KIOSK_ASSIGNMENT, headers=bearer(old)).status_code == 401
        new = kiosk_side.step(ticket).answer
        assert new.token != old and new.center == "mapo-senior"
        answer = http.get(wire.API_KIOSK_ASSIGNMENT, headers=bearer(new.token))
        assert answer.json() == {"name": "gangnam-1", "center": "mapo-senior", "root_public_key": city.public}
    with city.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Kiosk)) == 1
        assert session.scalar(select(func.count()).select_from(Event)) == 1, "its history stays"


def test_a_kiosk_moved_to_another_center_follows_at_its_next_sync(tmp_path, city):
    kiosk = open_kiosk(tmp_path / "kiosk")
    connect(city, kiosk)
    with city.sessions.begin() as session:
        session.scalar(select(Kiosk)).center = "mapo-senior"
    client = sync_client(kiosk, lambda: T0)
    result = client.run()
    assert result.status == SyncStatus.UPDATED, result.message
    assert result.moved_to_center == "mapo-senior"
    kiosk.content.reload()
    assert kiosk.content.center().name["ko"] == "마포 행복경로당"
    assert client.run().moved_to_center is None  # it stays moved


# Refused kiosks ----------------------------------------------------------------------------------
def test_a_revoked_kiosk_is_refused_at_once_and_tells_the_guide(tmp_path, city, qapp):
    from ui.app import tell_guide_about_sync

    kiosk = open_kiosk(tmp_path / "kiosk")
    token = connect(city, kiosk).answer.token
    kiosk.helpdesk.request_help("home")
    with city.sessions.begin() as session:
        row = session.scalar(select(Kiosk))
        row.revoked_at, row.revoked_by = T0 + dt.timedelta(hours=1), "city admin lee"
    with httpx.Client(base_url=city.url) as http:
        refused = http.post("/api/v1/events", json=heartbeat_batch(), headers=bearer(token))
    assert refused.status_code == 403
    body = refused.json()
    assert body["error"] == "kiosk_revoked" and body["revoked_at"] == "2031-03-04T02:00:00"
    assert "removed from the fleet" in body["message"] and "2031-03-04 02:00" in body["message"]

    result = sync_client(kiosk, lambda: T0 + dt.timedelta(hours=2)).run()
    assert result.status == SyncStatus.REVOKED and not result.ok
    assert result.message == body["message"] and result.uploaded == 0 and result.requests == 0
    tell_guide_about_sync(kiosk, result)
    told = kiosk.messages.messages()
    assert [(m.kind, m.params["status"]) for m in told] == [("kiosk_refused", "revoked")], told
    assert "removed from the fleet" in told[0].detail  # the server's own words, under the headline
    from ui.i18n import LanguageSwitcher
    from ui.screens.guide.messages_section import headline

    # In English, whichever language an earlier window of this process left installed.
    LanguageSwitcher.for_app(qapp).switch("en")
    assert "Ask a city or district admin to connect it again" in headline(told[0])
    relay = HelpRelay(city.url, token, policy=FAST, helpdesk=kiosk.helpdesk)
    with pytest.raises(RelayRefused) as refusal:
        relay.exchange()
    assert refusal.value.refusal.revoked


def test_calls_with_unknown_or_no_tokens_are_recorded_for_the_fleet_page(city, caplog):
    caplog.set_level(logging.DEBUG)
    with httpx.Client(base_url=city.url) as http:
        for _ in range(2):
            answer = http.post("/api/v1/events", json=heartbeat_batch("mapo-senior"), headers=bearer("kiosk_stolen"))
            assert answer.status_code == 401 and answer.json()["error"] == "unknown_kiosk_token"
            assert answer.headers["www-authenticate"] == "Bearer"
        assert http.get("/api/v1/help/open").status_code == 401
    with city.sessions() as session:
        calls = {row.fingerprint: row for row in session.scalars(select(UnknownKioskCall))}
    assert set(calls) == {onboarding.fingerprint("kiosk_stolen"), "none"}
    stolen = calls[onboarding.fingerprint("kiosk_stolen")]
    assert (stolen.address, stolen.calls, stolen.reported_center, stolen.app_version) == \
        ("127.0.0.1", 2, "mapo-senior", "9.9")
    assert calls["none"].calls == 1 and calls["none"].reported_center is None
    assert "kiosk_stolen" not in caplog.text


def test_onboarding_requests_are_bounded(city):
    with httpx.Client(base_url=city.url) as http:
        assert http.post(wire.API_ONBOARDING_START, content=b"{" + b" " * 5000 + b"}",
                         headers={"content-type": "application/json"}).status_code == 413
        assert http.post(wire.API_ONBOARDING_POLL, json={"secret": 5}).status_code == 422
        for _ in range(onboarding.OPEN_PER_ADDRESS_PER_HOUR):
            assert http.post(wire.API_ONBOARDING_START, json={"app_version": "1"}).status_code == 200
        refused = http.post(wire.API_ONBOARDING_START, json={"app_version": "1"})
    assert refused.status_code == 429 and refused.json()["error"] == "too_many_requests"
    assert "Too many connection codes" in refused.json()["message"]
    with pytest.raises(OnboardingError, match="Too many connection codes"):
        Onboarding(city.url, policy=FAST).start()
    city.clock.now += onboarding.RATE_WINDOW + dt.timedelta(seconds=1)
    assert Onboarding(city.url, policy=FAST).start().code


def test_a_server_without_its_root_key_hands_out_no_token(tmp_path, city):
    city.app.state.root_public_key = ""
    kiosk_side = Onboarding(city.url, policy=FAST)
    ticket = kiosk_side.step(None).ticket
    city.claim(ticket.code, "gangnam-1", None)
    with pytest.raises(OnboardingError, match="no root public key"):
        kiosk_side.poll(ticket)
    city.app.state.root_public_key = city.public
    assert kiosk_side.poll(ticket).state is wire.PollState.DELIVERED


def test_the_kiosk_reads_refusals_from_older_servers_and_proxies_too():
    revoked = wire.read_refusal(403, {"detail": {"error": "kiosk_revoked", "message": "gone",
                                                 "revoked_at": "2031-01-01T00:00:00+00:00"}})
    assert revoked.revoked and revoked.message == "gone" and revoked.revoked_at == dt.datetime(2031, 1, 1)
    bare = wire.read_refusal(401, None)
    assert bare.error == wire.UNKNOWN_KIOSK_TOKEN and "not connected" in bare.message
    assert wire.read_refusal(500, {"error": "kiosk_revoked"}) is None
    with pytest.raises(ValueError):
        connected_settings(open_settings(), wire.PollAnswer(wire.PollState.PENDING))


def open_settings():
    from kiosk.settings import Settings

    return Settings()


# `kiosk sync` ----------------------------------------------------------------------------------
def test_kiosk_sync_without_a_token_says_how_to_connect(tmp_path, city, capsys):
    data = tmp_path / "kiosk-data"
    code = main.main(["sync", "--data-dir", str(data), "--server", city.url, "--public-key", city.public])
    assert code != 0
    err = capsys.readouterr().err
    assert "not connected" in err and "code on its screen" in err and "admin page" in err
    assert not (data / "objects").exists() or not any((data / "objects").iterdir()), "nothing was downloaded"


def test_kiosk_sync_follows_a_move_and_says_a_revoked_kiosk_is_refused(tmp_path, database_url, capsys):
    # `kiosk sync` runs on the real clock: this repository is signed now, as a live server's is.
    city = City(tmp_path, database_url, clock=lambda: dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                publish_at=None)
    with run_app(city.app) as url:
        city.url = url
        kiosk = open_kiosk(tmp_path / "kiosk")
        connect(city, kiosk, center_id="gangnam-welfare")
        with city.sessions.begin() as session:
            session.scalar(select(Kiosk)).center = "mapo-senior"
        assert main.main(["sync", "--data-dir", str(kiosk.data_dir)]) == 0
        assert "now belongs to mapo-senior" in capsys.readouterr().out
        assert SettingsStore(kiosk.settings_store.path).load()[0].sync_center == "mapo-senior"
        with city.sessions.begin() as session:
            session.scalar(select(Kiosk)).revoked_at = dt.datetime(2031, 1, 1)
        assert main.main(["sync", "--data-dir", str(kiosk.data_dir)]) == 1
        assert "revoked: This kiosk was removed from the fleet" in capsys.readouterr().out
    city.sessions.kw["bind"].dispose()


def test_kiosk_server_option_is_kept_in_the_settings(tmp_path):
    data = tmp_path / "kiosk-data"
    assert "whole address" in main.save_server(data, "kiosk.example.org")
    assert main.save_server(data, "https://kiosk.example.org") is None
    store = SettingsStore(data / "config.json")
    assert needs_connecting(store.load()[0]) and store.load()[0].sync_server_url == "https://kiosk.example.org"
    store.save(store.load()[0].model_copy(update={"sync_token": "kiosk_abc"}))
    assert main.save_server(data, "https://kiosk.example.org") is None
    assert store.load()[0].sync_token == "kiosk_abc", "the same server: still connected"
    assert main.save_server(data, "https://other.example.org") is None
    assert store.load()[0].sync_token == "", "a token belongs to the server that gave it"


def test_old_requests_are_forgotten_as_new_ones_come(tmp_path):
    from sqlalchemy import func, select

    from server.db import open_server_database
    from server.models import OnboardingRequest

    sessions = open_server_database(f"sqlite:///{tmp_path / 'server.db'}")
    with sessions.begin() as session:
        for hours in (30, 26, 2):  # two are past any use, one is recent
            onboarding.start(session, f"10.0.0.{hours}", "0.1.0", T0 - dt.timedelta(hours=hours))
    with sessions.begin() as session:
        onboarding.start(session, "10.0.0.9", "0.1.0", T0)
        assert session.scalar(select(func.count(OnboardingRequest.id))) == 2
    sessions.kw["bind"].dispose()
