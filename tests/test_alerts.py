"""Fleet alerts (server.alerts): each kind opens when crafted heartbeats reach the real server
through its kiosk API (real ingest, real SQLite) and clears when the trouble is gone, under an
injected clock; never twice while open; silence counted only in the center's opening hours; the
Alerts page lists each person's own kiosks' alerts (scope as on the fleet pages) over real HTTP;
the email for alerts is set on the account and staff pages."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import httpx
import pytest
from sqlalchemy import select
from tests.plugins.server_database import Clock, csrf_of

from server import alerts, auth, staff
from server.alerts import AlertSettings
from server.app import create_app
from server.centers import make_center, parse_windows, put_center
from server.devserver import run_app
from server.models import FleetAlert, Kiosk, Staff
from server.scope import Role

T0 = dt.datetime(2030, 3, 5, 1, 0)  # naive UTC: Tuesday 10:00 in Seoul
SEOUL = dt.timezone(dt.timedelta(hours=9))
PASSWORD = "correct horse battery"
SETTINGS = AlertSettings()  # the defaults: 2 h silent, 3 failed syncs, 1 GB, 3 restarts a day
HOURS = "mon-fri 09:00-18:00"
CENTERS = {  # id: (district, Korean name, English name, open times or None)
    "mapo-senior": ("mapo", "마포노인복지관", "Mapo Senior Center", HOURS),
    "mapo-welfare": ("mapo", "마포복지관", "Mapo Welfare Center", None),  # hours not known as data
    "gangnam-welfare": ("gangnam", "강남구립노인복지관", "Gangnam Senior Welfare Center", HOURS),
}
KIOSKS = {"mapo-1": "mapo-senior", "mapo-2": "mapo-welfare", "gangnam-1": "gangnam-welfare"}
ACCOUNTS = {  # login: (role, district, center, locale, email)
    "city": (Role.CITY, None, None, "ko", "city@example.org"),
    "mapo": (Role.DISTRICT, "mapo", None, "en", "mapo@example.org"),
    "gangnam": (Role.DISTRICT, "gangnam", None, "ko", None),
    "guide": (Role.CENTER, None, "mapo-senior", "ko", "guide@example.org"),
    "guide-gangnam": (Role.CENTER, None, "gangnam-welfare", "ko", None),
}
GOOD_DISK = 8_000_000_000


def seoul(*args) -> dt.datetime:
    """A Seoul wall-clock time as the server stores times (naive UTC)."""
    return dt.datetime(*args, tzinfo=SEOUL).astimezone(dt.timezone.utc).replace(tzinfo=None)


def beat(at: dt.datetime, **fields) -> dict:
    payload = {"at": at.isoformat(), "app_version": "0.3.0", "content_revision": 1, "repo_revision": 1,
               "last_sync": "unchanged", "last_sync_message": "", "free_disk": GOOD_DISK, "outbox_pending": 0,
               "content_expires_at": (at + dt.timedelta(days=7)).isoformat(), "screen_state": "open", "restarts": []}
    return {**payload, **fields}


class Site:
    def __init__(self, url: str, clock: Clock, app, tokens: dict[str, str]):
        self.url, self.clock, self.app, self.tokens = url, clock, app, tokens
        self.api = httpx.Client(base_url=url, timeout=10)
        self.settings = SETTINGS

    def heartbeat(self, kiosk: str, **fields) -> None:
        """One heartbeat from ``kiosk`` at the clock's time, through the kiosk API."""
        at = self.clock()
        body = {"events": [{"key": uuid.uuid4().hex, "kind": "heartbeat", "seq": 1, "created_at": at.isoformat(),
                            "payload": beat(at, **fields)}]}
        response = self.api.post("/api/v1/events", json=body, headers={"Authorization": f"Bearer {self.tokens[kiosk]}"})
        assert response.status_code == 200, response.text

    def check(self, *kiosks: str) -> list[tuple[str, str, bool]]:
        """One round of the check at the clock's time: what it opened and cleared (of these
        kiosks only, if named: the others fall silent while a test plays with one)."""
        with self.app.state.sessions.begin() as session:
            changes = alerts.check(session, self.clock(), self.settings)
        return [(change.kiosk, change.kind.value, change.opened) for change in changes
                if not kiosks or change.kiosk in kiosks]

    def alerts(self, kiosk: str | None = None) -> list[FleetAlert]:
        with self.app.state.sessions() as session:
            query = select(FleetAlert).join(Kiosk, Kiosk.id == FleetAlert.kiosk_id).order_by(FleetAlert.id)
            if kiosk:
                query = query.where(Kiosk.name == kiosk)
            return list(session.scalars(query))

    def open_kinds(self, kiosk: str) -> set[str]:
        return {a.kind for a in self.alerts(kiosk) if a.cleared_at is None}

    def login(self, login: str) -> httpx.Client:
        client = httpx.Client(base_url=self.url, follow_redirects=False, timeout=10)
        response = client.post("/admin/login", data={"login": login, "password": PASSWORD})
        assert response.status_code == 303, response.text
        return client


def make_site(tmp_path, database_url, clock: Clock, **app_options):
    """The real app with the centers, kiosks and accounts above, its API and pages served on
    127.0.0.1 (a context manager yielding a Site)."""
    import contextlib

    @contextlib.contextmanager
    def served():
        app = create_app(database_url, tmp_path / "repo", clock=clock, **app_options)
        tokens = {}
        with app.state.sessions.begin() as session:
            for center_id, (district, korean, english, hours) in CENTERS.items():
                words = {"ko": korean, "ja": korean, "en": english}
                data = {"id": center_id, "district": district, "name": words, "address": words}
                data.update({"open_times": parse_windows(hours)} if hours else {"opening_hours": words})
                put_center(session, make_center(data, "test"), clock())
            for name, center in KIOSKS.items():
                tokens[name] = auth.enroll(session, name, center=center)
            session.flush()
            for kiosk in session.scalars(select(Kiosk)):
                kiosk.created_at = clock()  # enrolled now (by the test's clock, not the wall clock)
            for login, (role, district, center, locale, email) in ACCOUNTS.items():
                person = staff.create_staff(session, login=login, password=PASSWORD, display_name=login.title(),
                                            role=role, district=district, center=center, by="test", now=clock(),
                                            locale=locale)
                person.email = email
        with run_app(app) as url:
            yield Site(url, clock, app, tokens)
        app.state.sessions.kw["bind"].dispose()

    return served()


@pytest.fixture
def site(tmp_path, database_url):
    with make_site(tmp_path, database_url, Clock(T0)) as result:
        yield result


def later(site: Site, **delta) -> None:
    site.clock.now += dt.timedelta(**delta)


# Each kind opens and clears -------------------------------------------------------------------------
def test_low_disk_opens_once_and_clears_when_space_is_back(site):
    site.heartbeat("mapo-1", free_disk=500_000_000)
    assert site.check("mapo-1") == [("mapo-1", "low_disk", True)]
    later(site, minutes=1)
    site.heartbeat("mapo-1", free_disk=400_000_000)
    assert site.check("mapo-1") == []  # still open: no second row, nothing new to mail
    assert [a.kind for a in site.alerts()] == ["low_disk"]
    assert site.alerts()[0].detail["free"] == 500_000_000
    later(site, minutes=1)
    site.heartbeat("mapo-1", free_disk=GOOD_DISK)
    assert site.check("mapo-1") == [("mapo-1", "low_disk", False)]
    (alert,) = site.alerts()
    assert alert.opened_at == T0 and alert.cleared_at == T0 + dt.timedelta(minutes=2)
    assert site.check("mapo-1") == []
    # The same trouble again later is a new problem: a new row, a new mail.
    later(site, minutes=1)
    site.heartbeat("mapo-1", free_disk=10)
    assert site.check("mapo-1") == [("mapo-1", "low_disk", True)]
    assert len(site.alerts()) == 2 and site.open_kinds("mapo-1") == {"low_disk"}


def test_sync_failing_opens_after_three_failed_heartbeats_in_a_row(site):
    failed = {"last_sync": "failed", "last_sync_message": "ConnectTimeout: timed out"}
    for _ in range(2):
        site.heartbeat("mapo-1", **failed)
        later(site, minutes=10)
    site.heartbeat("mapo-1", last_sync="busy")  # another sync was running: neither breaks nor adds
    later(site, minutes=10)
    assert site.check("mapo-1") == []
    site.heartbeat("mapo-1", **failed)
    assert site.check("mapo-1") == [("mapo-1", "sync_failing", True)]
    (alert,) = site.alerts()
    assert alert.detail["count"] == 3 and alert.detail["since"] == T0.isoformat()
    assert alert.detail["message"] == "ConnectTimeout: timed out"
    later(site, minutes=10)
    site.heartbeat("mapo-1", last_sync="updated")
    assert site.check("mapo-1") == [("mapo-1", "sync_failing", False)]


def test_a_good_sync_between_failures_breaks_the_run(site):
    for status in ("failed", "failed", "unchanged", "failed", "failed"):
        site.heartbeat("mapo-1", last_sync=status)
        later(site, minutes=10)
    assert site.check("mapo-1") == []


def test_expired_content_opens_and_clears_with_newly_signed_content(site):
    site.heartbeat("mapo-1", content_expires_at=(T0 + dt.timedelta(hours=1)).isoformat())
    assert site.check("mapo-1") == []
    later(site, hours=1, minutes=1)
    site.heartbeat("mapo-1", content_expires_at=(T0 + dt.timedelta(hours=1)).isoformat())
    assert site.check("mapo-1") == [("mapo-1", "content_expired", True)]
    assert site.alerts()[0].detail["since"] == (T0 + dt.timedelta(hours=1)).isoformat()
    later(site, minutes=1)
    site.heartbeat("mapo-1")  # synced: valid for a week again
    assert site.check("mapo-1") == [("mapo-1", "content_expired", False)]


def test_three_trouble_restarts_in_a_day_open_and_age_out(site):
    def note(hours_ago: float, reason: str) -> dict:
        return {"at": (site.clock() - dt.timedelta(hours=hours_ago)).isoformat(), "reason": reason, "detail": ""}

    usual = [note(30, "crashed"), note(5, "boot"), note(4, "watchdog"), note(3, "remote"), note(2, "stopped"),
             note(1, "crashed")]
    site.heartbeat("mapo-1", restarts=usual)  # two trouble restarts in the last 24 h: the other one is older
    assert site.check("mapo-1") == []
    restarts = [*usual, note(0.5, "power")]
    site.heartbeat("mapo-1", restarts=restarts)
    assert site.check("mapo-1") == [("mapo-1", "restarts", True)]
    (alert,) = site.alerts()
    assert alert.detail["count"] == 3 and alert.detail["reasons"] == ["watchdog", "crashed", "power"]
    later(site, hours=22)
    site.heartbeat("mapo-1", restarts=restarts)  # the same notes: the watchdog restart is 26 h old now
    assert site.check("mapo-1") == [("mapo-1", "restarts", False)]


# Silence ----------------------------------------------------------------------------------------------
def test_silence_is_counted_only_in_the_centers_opening_hours(tmp_path, database_url):
    """mapo-senior is open mon-fri 09:00-18:00 (Seoul): a kiosk switched off at closing time
    on Friday is not silent over the weekend, nor at Monday's opening."""
    with make_site(tmp_path, database_url, Clock(seoul(2030, 3, 8, 17, 30))) as site:  # a Friday
        site.heartbeat("mapo-1")
        for moment in (seoul(2030, 3, 8, 19, 0), seoul(2030, 3, 10, 12, 0), seoul(2030, 3, 11, 9, 0),
                       seoul(2030, 3, 11, 10, 29)):  # 30 min on Friday + 89 on Monday
            site.clock.now = moment
            assert site.check("mapo-1") == [], moment
        site.clock.now = seoul(2030, 3, 11, 10, 31)
        assert site.check("mapo-1") == [("mapo-1", "silent", True)]
        (alert,) = site.alerts("mapo-1")
        assert alert.detail["since"] == seoul(2030, 3, 8, 17, 30).isoformat()
        site.heartbeat("mapo-1")
        assert site.check("mapo-1") == [("mapo-1", "silent", False)]


def test_silence_without_known_hours_is_two_hours_or_a_night_when_the_kiosk_said_closed(site):
    site.heartbeat("mapo-2")  # mapo-welfare has no opening hours as data
    later(site, hours=1, minutes=59)
    assert site.check("mapo-2") == []
    later(site, minutes=2)
    assert site.check("mapo-2") == [("mapo-2", "silent", True)]
    site.heartbeat("mapo-2", screen_state="blank")  # heard again, and closed by its own hours
    assert site.check("mapo-2") == [("mapo-2", "silent", False)]
    later(site, hours=15, minutes=59)
    assert site.check("mapo-2") == []
    later(site, minutes=2)
    assert site.check("mapo-2") == [("mapo-2", "silent", True)]


def test_a_silent_kiosk_keeps_its_other_alerts_and_gets_no_new_ones(site):
    site.heartbeat("mapo-2", free_disk=100, content_expires_at=(T0 + dt.timedelta(hours=3)).isoformat())
    assert site.check("mapo-2") == [("mapo-2", "low_disk", True)]
    later(site, hours=4)  # silent, and its last known content expired meanwhile: old news, no alert
    assert site.check("mapo-2") == [("mapo-2", "silent", True)]
    assert site.open_kinds("mapo-2") == {"low_disk", "silent"}
    site.heartbeat("mapo-2")
    assert sorted(site.check("mapo-2")) == [("mapo-2", "low_disk", False), ("mapo-2", "silent", False)]


def test_a_revoked_kiosks_alerts_close_without_mail(site):
    site.heartbeat("mapo-1", free_disk=100)
    assert site.check("mapo-1") == [("mapo-1", "low_disk", True)]
    with site.app.state.sessions.begin() as session:
        session.scalar(select(Kiosk).where(Kiosk.name == "mapo-1")).revoked_at = site.clock()
    later(site, hours=5)
    site.check("mapo-1")
    (alert,) = site.alerts("mapo-1")
    assert alert.cleared_at == site.clock() and alert.mailed_clear_at == site.clock()
    assert site.check("mapo-1") == [] and len(site.alerts("mapo-1")) == 1  # revoked: never silent


def test_settings_come_from_server_json_with_plain_errors():
    assert AlertSettings.read({}) == AlertSettings()
    custom = AlertSettings.read({"alerts": {"silent_after_minutes": 30, "low_disk_gb": 2.5, "sync_failures": 5}})
    assert custom.silent_after == dt.timedelta(minutes=30) and custom.sync_failures == 5
    assert custom.low_disk_bytes == int(2.5 * 1024**3) and custom.restarts == 3
    with pytest.raises(ValueError, match="silent_after_minutes.*at least 1"):
        AlertSettings.read({"alerts": {"silent_after_minutes": "two hours"}})
    with pytest.raises(ValueError, match="unknown key"):
        AlertSettings.read({"alerts": {"silent_hours": 2}})


# The Alerts page -----------------------------------------------------------------------------------------
def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def shown_kiosks(html: str, section: str) -> list[str]:
    """The kiosk names in the open ("stale") or cleared ("cleared") rows, top to bottom."""
    return re.findall(rf'<tr class="{section}" id="alert-\d+"[^>]*>\s*<th scope="row"><a [^>]*>([^<]+)</a>', html)


def test_the_alerts_page_shows_each_person_their_own_kiosks(site):
    site.heartbeat("mapo-1", free_disk=100)
    site.check()
    later(site, minutes=1)
    site.heartbeat("mapo-2", last_sync="failed")
    site.heartbeat("gangnam-1", content_expires_at=(T0 - dt.timedelta(hours=1)).isoformat())
    later(site, minutes=1)
    site.heartbeat("mapo-2", free_disk=200)
    site.check()
    later(site, minutes=1)
    site.heartbeat("mapo-2")  # mapo-2's disk is fine again: cleared
    site.check()
    with site.app.state.sessions.begin() as session:  # cleared 8 days ago: no longer listed
        kiosk = session.scalar(select(Kiosk).where(Kiosk.name == "mapo-1"))
        session.add(FleetAlert(kiosk_id=kiosk.id, kind="restarts", opened_at=T0 - dt.timedelta(days=9),
                               cleared_at=T0 - dt.timedelta(days=8), detail={"count": 3, "reasons": ["crashed"]}))

    def page(login: str) -> str:
        response = site.login(login).get("/admin/alerts")
        assert response.status_code == 200, response.text
        return response.text

    city = page("city")
    assert shown_kiosks(city, "stale") == ["gangnam-1", "mapo-1"]  # newest first
    assert shown_kiosks(city, "cleared") == ["mapo-2"]
    # The navigation counts the open alerts the person would see here.
    opened = len([alert for alert in site.alerts() if alert.cleared_at is None])
    assert opened >= 2 and f'<a href="/admin/alerts" aria-current="page">알림 ({opened})</a>' in city
    words = text_of(city)
    assert "저장 공간 부족" in words and "콘텐츠 기한 지남" in words and "할 일" in words
    assert "마포노인복지관" in words and "강남구립노인복지관" in words
    mapo = page("mapo")  # English, the district's kiosks only
    assert shown_kiosks(mapo, "stale") == ["mapo-1"] and shown_kiosks(mapo, "cleared") == ["mapo-2"]
    assert "Disk almost full" in text_of(mapo) and "Mapo Senior Center" in text_of(mapo)
    guide = page("guide")
    assert shown_kiosks(guide, "stale") == ["mapo-1"] and shown_kiosks(guide, "cleared") == []
    assert shown_kiosks(page("guide-gangnam"), "stale") == ["gangnam-1"]
    assert "mapo" not in page("gangnam")
    assert "열린 알림이 없습니다" not in guide
    later(site, minutes=1)
    site.heartbeat("mapo-1")
    site.check()
    assert "열린 알림이 없습니다" in text_of(page("guide"))


# The email for alerts -----------------------------------------------------------------------------------
def email_of(site: Site, login: str) -> str | None:
    with site.app.state.sessions() as session:
        return session.scalar(select(Staff.email).where(Staff.login == login))


def test_each_person_sets_their_own_email_on_their_account_page(site):
    client = site.login("guide-gangnam")
    page = client.get("/admin/account")
    assert 'name="email"' in page.text and "알림 받을 이메일" in page.text
    csrf = csrf_of(page.text)
    saved = client.post("/admin/account/email", data={"csrf": csrf, "email": "  kim@gangnam.example.org "})
    assert saved.status_code == 200 and "이메일 주소를 저장했습니다" in saved.text
    assert email_of(site, "guide-gangnam") == "kim@gangnam.example.org"
    assert 'value="kim@gangnam.example.org"' in client.get("/admin/account").text
    for wrong in ("kim", "kim@gangnam", "kim @gangnam.org", "kim@gangnam.org\r\nBcc: x@y.org", "a@b@c.org"):
        refused = client.post("/admin/account/email", data={"csrf": csrf, "email": wrong})
        assert refused.status_code == 400 and "이메일 주소가 아닌 것 같습니다" in refused.text, wrong
    assert email_of(site, "guide-gangnam") == "kim@gangnam.example.org"
    removed = client.post("/admin/account/email", data={"csrf": csrf, "email": ""})
    assert removed.status_code == 200 and "알림 메일을 받지 않습니다" in removed.text
    assert email_of(site, "guide-gangnam") is None
    assert client.post("/admin/account/email", data={"email": "x@y.org"}).status_code == 403  # no form token


def test_admins_set_the_email_of_the_accounts_they_look_after(site):
    with site.app.state.sessions() as session:
        ids = {p.login: p.id for p in session.scalars(select(Staff))}
    client = site.login("mapo")  # the district admin of mapo (English pages)
    page = client.get("/admin/staff")
    assert f'action="/admin/staff/{ids["guide"]}/email"' in page.text and 'value="guide@example.org"' in page.text
    csrf = csrf_of(page.text)
    moved = client.post(f"/admin/staff/{ids['guide']}/email", data={"csrf": csrf, "email": "lee@mapo.example.org"})
    assert moved.status_code == 303
    assert email_of(site, "guide") == "lee@mapo.example.org"
    refused = client.post(f"/admin/staff/{ids['guide']}/email", data={"csrf": csrf, "email": "lee"})
    assert refused.status_code == 400 and "does not look like an email address" in refused.text
    assert client.post(f"/admin/staff/{ids['guide-gangnam']}/email",
                       data={"csrf": csrf, "email": "x@y.org"}).status_code == 403  # another district's
    assert email_of(site, "guide-gangnam") is None
    added = client.post("/admin/staff", data={"csrf": csrf, "login": "park", "display_name": "Park",
                                              "role": "center", "center": "mapo-welfare", "password": PASSWORD,
                                              "email": "park@mapo.example.org"})
    assert added.status_code == 303, added.text
    assert email_of(site, "park") == "park@mapo.example.org"
    bad = client.post("/admin/staff", data={"csrf": csrf, "login": "choi", "display_name": "Choi", "role": "center",
                                            "center": "mapo-welfare", "password": PASSWORD, "email": "choi@"})
    assert bad.status_code == 400 and email_of(site, "choi") is None


def test_on_a_phone_the_alerts_and_email_forms_fit(site, chromium):
    from tests.plugins.browser import PHONE, log_in, new_page, scrolls_sideways

    site.heartbeat("mapo-1", free_disk=100, restarts=[
        {"at": (T0 - dt.timedelta(hours=n)).isoformat(), "reason": "watchdog"} for n in (1, 2, 3)])
    site.check()
    phone = new_page(chromium, PHONE)
    log_in(phone, site, "mapo", PASSWORD)
    phone.click("nav a[href='/admin/alerts']")
    phone.wait_for_url(f"{site.url}/admin/alerts")
    assert "Restarts again and again" in phone.inner_text("main") and "the screen froze" in phone.inner_text("main")
    for path in ("/admin/alerts", "/admin/staff", "/admin/account"):
        phone.goto(f"{site.url}{path}")
        assert not scrolls_sideways(phone), path
    phone.fill("#email", "mapo.office@example.org")
    phone.click("form[action='/admin/account/email'] button[type=submit]")
    assert "Your email address is saved." in phone.inner_text("[role=status]")
    assert email_of(site, "mapo") == "mapo.office@example.org"
    assert phone.script_errors == []
