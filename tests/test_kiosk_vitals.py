"""What a heartbeat tells an operator: uptime, restarts and why, memory, free disk, the screen's
state, content freshness and the app's version, sent by a real sync client to a real server on
loopback and shown on the kiosk's admin page (and marked in the fleet's tables)."""

from __future__ import annotations

import datetime as dt
import re

from tests.plugins.browser import CITY_ADMIN, T0
from tests.plugins.packs import make_pack
from tests.plugins.sync import FAST, open_kiosk

from kiosk.sync.client import SyncClient, SyncConfig
from kiosk.vitals import Vitals, resident_memory
from protocol.events import HeartbeatView, RestartNote, RestartReason, ScreenState
from protocol.version import APP_VERSION
from server.models import Kiosk


class Ticking:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_vitals_count_uptime_on_their_clock_and_read_real_memory():
    clock = Ticking(T0)
    notes = [RestartNote((T0 - dt.timedelta(hours=1)).isoformat(), RestartReason.WATCHDOG, "watchdog")]
    vitals = Vitals.starting_now(clock, restarts=lambda: notes)
    clock.now = T0 + dt.timedelta(hours=2, seconds=5)
    vitals.screen_state = ScreenState.BLANK
    fields = vitals.heartbeat_fields()
    assert fields["uptime_seconds"] == 7205 and fields["started_at"] == T0.isoformat()
    assert fields["screen_state"] == "blank" and fields["restarts"] == [notes[0].to_dict()]
    assert 10 << 20 < fields["memory_bytes"] < 4 << 30  # this very Python process, resident
    assert resident_memory(statm=__import__("pathlib").Path("/nonexistent")) == 0


def test_the_kiosk_page_shows_what_the_kiosk_reported(admin_server, tmp_path):
    server = admin_server
    server.add_center("mapo-senior", "mapo", "마포노인복지관", "Mapo Senior Center")
    token = server.enroll("mapo-1", "mapo-senior")
    server.publish(make_pack(tmp_path / "pack"))
    clock = Ticking(T0)
    restarted = [RestartNote((T0 - dt.timedelta(hours=3)).isoformat(), RestartReason.BOOT),
                 RestartNote((T0 - dt.timedelta(minutes=30)).isoformat(), RestartReason.WATCHDOG,
                             "SERVICE_RESULT=watchdog")]
    vitals = Vitals(started_at=T0 - dt.timedelta(minutes=30), clock=clock, restarts=lambda: restarted)
    vitals.screen_state = ScreenState.BLANK
    kiosk = open_kiosk(tmp_path / "kiosk")
    config = SyncConfig(repo_url=server.url + "/repo/", public_key=server.public_key, api_url=server.url,
                        token=token, http=FAST)
    result = SyncClient(kiosk.data_dir, kiosk.sessions, config, clock=clock, vitals=vitals).run()
    assert result.ok and result.uploaded >= 1, result.summary()

    with server.sessions() as session:
        beat = HeartbeatView.of(session.query(Kiosk).filter_by(name="mapo-1").one().last_heartbeat)
    assert beat.uptime_seconds == 1800 and beat.screen_state == "blank" and beat.app_version == APP_VERSION
    assert beat.memory_bytes and beat.memory_bytes > 10 << 20
    assert beat.last_sync_ok_at == T0.isoformat() and beat.restarts == tuple(restarted)

    with server.client() as http:
        server.log_in_http(http, CITY_ADMIN)
        page = text_of(http.get("/admin/kiosks/mapo-1").text)
        center = http.get("/admin/centers/mapo-senior").text
    assert "운영 시간 외, 화면 꺼짐" in page  # the screen's state
    assert "화면이 멈춰 키오스크를 다시 시작했습니다" in page and "SERVICE_RESULT=watchdog" in page
    assert "센터의 컴퓨터가 켜졌습니다" in page  # a morning boot is listed, but not as trouble
    assert page.count("문제") == 1
    assert "30분" in page  # running for 30 minutes
    assert re.search(r"메모리 \d+\.\d MB", page), page
    assert "마지막 동기화" in page
    row = re.search(r'id="kiosk-mapo-1">(.*?)</tr>', center, re.S).group(1)
    assert "24시간 동안 1번 다시 시작" in text_of(row) and "화면 꺼짐" in text_of(row)


def test_an_older_kiosks_heartbeat_without_vitals_reads_as_unknown(admin_server):
    server = admin_server
    server.enroll("old-1", None)
    with server.sessions.begin() as session:
        session.query(Kiosk).filter_by(name="old-1").one().last_heartbeat = {
            "at": T0.isoformat(), "app_version": "0.1.0", "restarts": "lots", "screen_state": 3}
        session.query(Kiosk).filter_by(name="old-1").one().last_seen_at = T0
    with server.client() as http:
        server.log_in_http(http, CITY_ADMIN)
        response = http.get("/admin/kiosks/old-1")
    assert response.status_code == 200
    page = text_of(response.text)
    assert "보고 없음" in page and "문제" not in page


def test_an_open_alert_is_counted_in_the_navigation_and_told_on_the_kiosks_page(admin_server):
    from server import alerts
    from server.scope import Role

    server = admin_server
    server.add_center("mapo-senior", "mapo", "마포노인복지관", "Mapo Senior Center")
    server.add_center("gangnam-welfare", "gangnam", "강남복지관", "Gangnam Welfare Center")
    server.enroll("mapo-1", "mapo-senior")
    server.add_staff("guide-gangnam", Role.CENTER, center="gangnam-welfare")
    with server.sessions.begin() as session:
        kiosk = session.query(Kiosk).filter_by(name="mapo-1").one()
        kiosk.last_seen_at = T0
        kiosk.last_heartbeat = {"at": T0.isoformat(), "app_version": APP_VERSION, "last_sync": "unchanged",
                                "free_disk": 300 << 20}
        changes = alerts.check(session, T0, alerts.AlertSettings())
    assert [change.kind for change in changes] == [alerts.AlertKind.LOW_DISK]
    with server.client() as http:
        server.log_in_http(http, CITY_ADMIN)
        page = text_of(http.get("/admin/kiosks/mapo-1").text)
        fleet = text_of(http.get("/admin").text)
    assert "열린 알림 1건" in page and "300.0 MB" in page
    assert "알림 (1)" in fleet
    with server.client() as http:  # another center's guide is not told of it
        server.log_in_http(http, "guide-gangnam")
        assert "알림 (0)" in text_of(http.get("/admin/help").text)
