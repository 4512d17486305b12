"""Staff accounts on the admin web, served by the real app on 127.0.0.1 and checked over HTTP
(SQLite, and PostgreSQL when KIOSK_TEST_POSTGRES_URL is set): the setup token makes the first
city admin once; each person logs in with their own password; wrong passwords lock an account
and a flood from one address is refused; sessions end; every change needs the form token and
lands in the audit log; each role manages only the accounts it may."""

from __future__ import annotations

import datetime as dt
import logging

import httpx
import pytest
from tests.plugins.server_database import Clock, csrf_of
from sqlalchemy import select

from server import auth, staff
from server.app import create_app
from server.centers import make_center, parse_windows, put_center
from server.devserver import run_app
from server.models import AuditEntry, Staff, StaffSession
from server.scope import Role

T0 = dt.datetime(2030, 3, 2, 1, 0)  # naive UTC: 10:00 in Seoul
PASSWORD = "correct horse battery"


class Site:
    def __init__(self, url: str, clock: Clock, app):
        self.url, self.clock, self.app = url, clock, app

    def client(self, **headers) -> httpx.Client:
        return httpx.Client(base_url=self.url, follow_redirects=False, timeout=10, headers=headers)

    def add(self, login: str, role: Role, district: str | None = None, center: str | None = None,
            locale: str = "ko") -> None:
        with self.app.state.sessions.begin() as session:
            staff.create_staff(session, login=login, password=PASSWORD, display_name=login.title(), role=role,
                               district=district, center=center, by="test", now=self.clock(), locale=locale)

    def login(self, login: str, password: str = PASSWORD, **headers) -> httpx.Client:
        client = self.client(**headers)
        response = client.post("/admin/login", data={"login": login, "password": password})
        assert response.status_code == 303 and response.headers["location"] == "/admin", response.text
        return client

    def audit(self) -> list[AuditEntry]:
        with self.app.state.sessions() as session:
            return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


@pytest.fixture
def site(tmp_path, database_url, caplog):
    caplog.set_level(logging.DEBUG)
    clock = Clock(T0)
    app = create_app(database_url, tmp_path / "repo", clock=clock)
    with app.state.sessions.begin() as session:
        for center_id, district in (("mapo-senior", "mapo"), ("mapo-welfare", "mapo"), ("gangnam-welfare", "gangnam")):
            words = {"ko": f"{center_id} 센터", "ja": f"{center_id} センター", "en": f"{center_id} center"}
            put_center(session, make_center({"id": center_id, "district": district, "name": words, "address": words,
                                             "open_times": parse_windows("mon-fri 09:00-18:00")}, "test"), T0)
        setup_token = auth.add_admin_token(session)
    with run_app(app) as url:
        yield Site(url, clock, app), setup_token
    assert PASSWORD not in caplog.text and setup_token not in caplog.text, "a secret reached the log"
    app.state.sessions.kw["bind"].dispose()


def test_the_setup_token_makes_the_first_city_admin_once(site):
    site, token = site
    with site.client() as http:
        assert http.get("/admin/login").headers["location"] == "/admin/setup"  # nobody yet: set up first
        page = http.get("/admin/setup")
        assert page.status_code == 200 and "설정 토큰" in page.text  # Korean first
        refused = http.post("/admin/setup", data={"token": "setup_guess", "login": "kim", "display_name": "Kim",
                                                  "password": PASSWORD, "password_again": PASSWORD})
        assert refused.status_code == 401 and "설정 토큰이 올바르지 않습니다" in refused.text
        short = http.post("/admin/setup", data={"token": token, "login": "kim.minji", "display_name": "김민지",
                                                "password": "short", "password_again": "short"})
        assert short.status_code == 400 and "10자 이상" in short.text
        made = http.post("/admin/setup", data={"token": token, "login": "Kim.Minji", "display_name": "김민지",
                                               "password": PASSWORD, "password_again": PASSWORD})
        assert made.status_code == 303
        again = http.post("/admin/setup", data={"token": token, "login": "lee", "display_name": "Lee",
                                                "password": PASSWORD, "password_again": PASSWORD})
        assert again.status_code == 409  # there is a city admin now; the token is gone too
    with site.app.state.sessions() as session:
        assert auth.setup_token_id(session, token) is None
        person = session.scalar(select(Staff))
        assert (person.login, person.role) == ("kim.minji", "city")
        assert person.password_hash.startswith("scrypt$n=32768,") and PASSWORD not in person.password_hash
    assert [(e.actor, e.action, e.target) for e in site.audit()] == [("setup token", "staff.create", "kim.minji")]
    fleet = site.login("kim.minji").get("/admin")
    assert fleet.status_code == 200 and "김민지" in fleet.text and 'lang="ko"' in fleet.text


def test_wrong_passwords_lock_the_account_and_a_flood_from_one_address_is_refused(site):
    site, _ = site
    site.add("park", Role.CITY)
    with site.client() as http:
        for attempt in range(staff.LOCK_AFTER - 1):
            wrong = http.post("/admin/login", data={"login": "park", "password": f"wrong password {attempt}"})
            assert wrong.status_code == 401 and "아이디와 비밀번호가 맞지 않습니다" in wrong.text
        locked = http.post("/admin/login", data={"login": "park", "password": "still the wrong one"})
        assert locked.status_code == 429 and "2030. 3. 2. (토) 10:15까지 잠겼습니다" in locked.text
        # While locked, even the right password is refused, and says so.
        assert http.post("/admin/login", data={"login": "park", "password": PASSWORD}).status_code == 429
    site.clock.now = T0 + staff.LOCK_FOR + dt.timedelta(seconds=1)
    site.login("park").close()  # unlocked after the wait

    # From one address: whatever names are tried, the 21st refusal in 15 minutes is refused unread.
    with site.client() as http:
        for n in range(staff.ADDRESS_LIMIT):
            assert http.post("/admin/login", data={"login": f"nobody{n}", "password": "x" * 12}).status_code == 401
        flood = http.post("/admin/login", data={"login": "park", "password": PASSWORD})
        assert flood.status_code == 429 and "로그인 실패가 너무 많았습니다" in flood.text
    site.clock.now += staff.ADDRESS_WINDOW + dt.timedelta(seconds=1)
    site.login("park").close()


def test_sessions_end_when_idle_at_their_lifetime_and_at_logout(site):
    site, _ = site
    site.add("park", Role.CITY)
    http = site.login("park")
    site.clock.now = T0 + staff.IDLE_LIMIT - dt.timedelta(minutes=1)
    assert http.get("/admin").status_code == 200  # used: the idle clock starts again
    site.clock.now += staff.IDLE_LIMIT - dt.timedelta(minutes=1)
    assert http.get("/admin").status_code == 200
    site.clock.now += staff.IDLE_LIMIT + dt.timedelta(minutes=1)
    assert http.get("/admin").headers["location"] == "/admin/login"  # idle too long

    site.clock.now = T0
    http = site.login("park")
    for hours in range(2, 13, 1):  # used every hour: still ends 12 hours after login
        site.clock.now = T0 + dt.timedelta(hours=hours) - dt.timedelta(minutes=1)
        assert http.get("/admin").status_code == 200, hours
    site.clock.now = T0 + staff.SESSION_LIFETIME
    assert http.get("/admin").headers["location"] == "/admin/login"

    site.clock.now = T0
    http = site.login("park")
    cookie = http.cookies["kiosk_admin"]
    assert http.post("/admin/logout", data={"csrf": csrf_of(http.get("/admin").text)}).status_code == 303
    with site.client() as other:
        other.cookies.set("kiosk_admin", cookie)
        assert other.get("/admin").headers["location"] == "/admin/login"  # the server forgot it
    with site.app.state.sessions() as session:
        assert all(row.id_hash != cookie for row in session.scalars(select(StaffSession)))


def test_every_change_needs_the_form_token(site):
    site, _ = site
    site.add("park", Role.CITY)
    http = site.login("park")
    new = {"login": "choi", "display_name": "최", "role": "center", "center": "mapo-senior", "password": PASSWORD}
    for token in ("", "0" * 32):
        refused = http.post("/admin/staff", data={**new, "csrf": token})
        assert refused.status_code == 403 and "양식은 오래되었습니다" in refused.text
    with site.app.state.sessions() as session:
        assert session.scalar(select(Staff).where(Staff.login == "choi")) is None
    assert http.post("/admin/staff", data={**new, "csrf": csrf_of(http.get("/admin/staff").text)}).status_code == 303
    assert [e.action for e in site.audit()] == ["staff.create"]


def test_each_role_manages_only_the_accounts_it_may(site):
    site, _ = site
    site.add("park", Role.CITY)
    site.add("mapo.admin", Role.DISTRICT, district="mapo")
    site.add("mapo.guide", Role.CENTER, center="mapo-senior")
    site.add("gangnam.guide", Role.CENTER, center="gangnam-welfare")

    district = site.login("mapo.admin")
    listed = district.get("/admin/staff").text
    assert "mapo.guide" in listed and "gangnam.guide" not in listed and "park" not in listed
    csrf = csrf_of(listed)
    base = {"csrf": csrf, "display_name": "새 안내사", "password": PASSWORD}
    assert district.post("/admin/staff", data={**base, "login": "mapo.two", "role": "center",
                                               "center": "mapo-welfare"}).status_code == 303
    assert district.post("/admin/staff", data={**base, "login": "gangnam.two", "role": "center",
                                               "center": "gangnam-welfare"}).status_code == 403
    assert district.post("/admin/staff", data={**base, "login": "boss", "role": "city"}).status_code == 403
    with site.app.state.sessions() as session:
        gangnam_id = session.scalar(select(Staff.id).where(Staff.login == "gangnam.guide"))
        mapo_id = session.scalar(select(Staff.id).where(Staff.login == "mapo.guide"))
    assert district.post(f"/admin/staff/{gangnam_id}/disable", data={"csrf": csrf}).status_code == 403

    guide = site.login("mapo.guide")
    page = guide.get("/admin/staff")
    assert page.status_code == 403 and "자치구 관리자에게 요청하세요" in page.text
    assert "/admin/staff" not in guide.get("/admin").text  # not offered in the navigation either

    # Turned off: logged out at once, and cannot log in again.
    assert district.post(f"/admin/staff/{mapo_id}/disable", data={"csrf": csrf}).status_code == 303
    assert guide.get("/admin").headers["location"] == "/admin/login"
    refused = site.client().post("/admin/login", data={"login": "mapo.guide", "password": PASSWORD})
    assert refused.status_code == 401
    entries = [(e.actor, e.action, e.target, e.district) for e in site.audit()]
    assert ("mapo.admin", "staff.create", "mapo.two", "mapo") in entries
    assert ("mapo.admin", "staff.disable", "mapo.guide", "mapo") in entries
    # The district's audit log shows its own entries only.
    log_page = district.get("/admin/audit").text
    assert "mapo.two" in log_page and "계정 추가" in log_page


def test_a_new_password_from_an_admin_ends_the_persons_sessions_and_unlocks(site):
    site, _ = site
    site.add("park", Role.CITY)
    site.add("mapo.guide", Role.CENTER, center="mapo-senior")
    guide = site.login("mapo.guide")
    admin = site.login("park")
    with site.app.state.sessions() as session:
        guide_id = session.scalar(select(Staff.id).where(Staff.login == "mapo.guide"))
    fresh = "a brand new password"
    assert admin.post(f"/admin/staff/{guide_id}/password",
                      data={"csrf": csrf_of(admin.get("/admin/staff").text), "password": fresh}).status_code == 303
    assert guide.get("/admin").headers["location"] == "/admin/login"
    site.login("mapo.guide", fresh).close()


def test_people_change_their_own_password_and_language(site):
    site, _ = site
    site.add("park", Role.CITY)
    http = site.login("park")
    csrf = csrf_of(http.get("/admin/account").text)
    wrong = http.post("/admin/account/password", data={"csrf": csrf, "current": "not it at all",
                                                       "password": "another good one", "password_again": "another good one"})
    assert wrong.status_code == 400 and "현재 비밀번호가 맞지 않습니다" in wrong.text
    saved = http.post("/admin/account/password", data={"csrf": csrf, "current": PASSWORD,
                                                       "password": "another good one", "password_again": "another good one"})
    assert saved.status_code == 200 and "새 비밀번호를 저장했습니다" in saved.text

    assert http.post("/admin/language", data={"csrf": csrf, "locale": "en", "back": "/admin/account"}).status_code == 303
    english = http.get("/admin/account").text
    assert 'lang="en"' in english and "Your account" in english and "Sat 2 Mar 2030" in english
    with site.client() as other:  # the account keeps it: a new login is in English too
        other.post("/admin/login", data={"login": "park", "password": "another good one"})
        assert "Log out" in other.get("/admin").text
    # A foreign site's "back" is not followed.
    away = http.post("/admin/language", data={"csrf": csrf, "locale": "ko", "back": "//evil.example/admin"})
    assert away.headers["location"] == "/admin"


def test_the_login_page_speaks_the_browsers_language_before_anyone_is_known(site):
    site, _ = site
    site.add("park", Role.CITY)
    with site.client(**{"Accept-Language": "en-GB,en;q=0.8"}) as http:
        assert "Log in with your own login name" in http.get("/admin/login").text
    with site.client(**{"Accept-Language": "ja"}) as http:
        assert "내 아이디와 비밀번호로 로그인하세요" in http.get("/admin/login").text


def test_the_command_line_adds_an_account_and_sets_a_password(tmp_path, monkeypatch, capsys):
    import io

    from server.cli import main as server_cli

    home = tmp_path / "home"
    assert server_cli(["--home", str(home), "init"]) == 0
    assert "setup token" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert server_cli(["--home", str(home), "staff", "add", "park", "--name", "박", "--role", "city",
                       "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert server_cli(["--home", str(home), "staff", "password", "park", "--password-stdin"]) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    assert server_cli(["--home", str(home), "staff", "list"]) == 0
    assert "park" in capsys.readouterr().out


def test_an_admin_token_from_before_accounts_serves_once_as_the_setup_token_and_a_read_token_never(site):
    from server.models import AdminToken

    site, _ = site
    with site.app.state.sessions.begin() as session:
        old = auth.new_token("admin")
        session.add(AdminToken(token_hash=auth.hash_token(old), created_at=T0))  # purpose: none, as before
        read = auth.add_api_token(session)
    form = {"login": "kim", "display_name": "김", "password": PASSWORD, "password_again": PASSWORD}
    with site.client() as http:
        assert http.post("/admin/setup", data={**form, "token": read}).status_code == 401
        assert http.post("/admin/setup", data={**form, "token": old}).status_code == 303
    with site.app.state.sessions() as session:
        assert auth.setup_token_id(session, old) is None and auth.is_admin(session, read)
