"""The admin web page and the help relay, served by the real app (uvicorn on 127.0.0.1) and
checked over HTTP, on SQLite and (when KIOSK_TEST_POSTGRES_URL is set) PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import sqlite3
import uuid
from dataclasses import dataclass, field

import httpx
import pytest
from sqlalchemy import inspect, select
from tests.plugins.sync import edit_lesson, published
from tests.plugins.server_database import Clock, csrf_of

from server import auth, staff
from server.app import create_app
from server.cli import main as server_cli
from server.db import open_server_database
from server.devserver import run_app
from server.models import Kiosk, Publication
from server.scope import Role

JONGNO = "종로노인복지관"
GANGNAM = "강남구립노인복지관"
T0 = dt.datetime(2030, 3, 2, 1, 0)  # naive UTC: 10:00 in Seoul
PASSWORD = "correct horse battery"


@dataclass
class Fleet:
    http: httpx.Client
    clock: Clock
    admin: str  # a city admin's login name (English pages, so the checks below read as they did)
    tokens: dict[str, str]
    app: object
    sent: list[dict] = field(default_factory=list)

    def upload(self, kiosk: str, *events: tuple[str, dt.datetime, dict]) -> httpx.Response:
        body = {"events": [
            {"key": uuid.uuid4().hex, "kind": kind, "seq": n, "created_at": at.isoformat(), "payload": payload}
            for n, (kind, at, payload) in enumerate(events, start=1)
        ]}
        response = self.http.post("/api/v1/events", json=body, headers=self.bearer(kiosk))
        assert response.status_code == 200, response.text
        return response

    def bearer(self, kiosk: str) -> dict:
        return {"Authorization": f"Bearer {self.tokens[kiosk]}"}

    def login(self) -> str:
        """Log this client in; returns the page's form token (csrf)."""
        response = self.http.post("/admin/login", data={"login": self.admin, "password": PASSWORD})
        assert response.status_code == 303 and response.headers["location"] == "/admin"
        return csrf_of(self.http.get("/admin").text)


def heartbeat(at: dt.datetime, revision: int, last_sync: str = "unchanged", message: str = "", **extra) -> tuple:
    return ("heartbeat", at, {"at": at.isoformat(), "app_version": "0.1.0", "content_revision": revision,
                              "repo_revision": revision, "last_sync": last_sync, "last_sync_message": message,
                              "free_disk": 12_500_000_000, **extra})


def usage(at: dt.datetime, event: str, **fields) -> tuple:
    return ("usage", at, {"event": event, "at": at.isoformat(), **fields})


def help_request(at: dt.datetime, local_id: int, screen: str = "player", lesson: str | None = "lesson-1",
                 step: int | None = 3) -> tuple:
    return ("help_request", at, {"local_id": local_id, "created_at": at.isoformat(), "screen": screen,
                                 "lesson_id": lesson, "step": step})


def status_with_cookie(http: httpx.Client, path: str, session_id: str) -> int:
    with httpx.Client(base_url=http.base_url, cookies={"kiosk_admin": session_id}) as other:
        return other.get(path, follow_redirects=False).status_code


def row(html: str, row_id: str) -> tuple[str, str] | None:
    """The class attribute and the text of the table row with this id (tags stripped)."""
    found = re.search(rf'<tr class="([^"]*)" id="{re.escape(row_id)}">(.*?)</tr>', html, re.S)
    if found is None:
        return None
    return found.group(1), " ".join(re.sub(r"<[^>]+>", " ", found.group(2)).split())


@pytest.fixture
def fleet(tmp_path, database_url, caplog):
    caplog.set_level(logging.DEBUG)
    repo, pack = published(tmp_path)
    edit_lesson(pack)
    second = repo.publish(pack)
    clock = Clock(T0)
    app = create_app(database_url, repo.dir, clock=clock, stale_after=dt.timedelta(hours=1))
    with app.state.sessions.begin() as session:
        tokens = {
            "jongno-1": auth.enroll(session, "jongno-1", center=JONGNO),
            "jongno-2": auth.enroll(session, "jongno-2", center=JONGNO),
            "gangnam-1": auth.enroll(session, "gangnam-1", center=GANGNAM),
        }
        admin = staff.create_staff(session, login="city-admin", password=PASSWORD, display_name="City Admin",
                                   role=Role.CITY, by="test", now=T0, locale="en").login
        for revision in (1, second.revision):
            session.add(Publication(revision=revision, pack_id=second.pack_id, root=second.root, files=second.files,
                                    bytes=second.bytes_written, published_at=T0 - dt.timedelta(days=3 - revision)))
    with run_app(app) as url, httpx.Client(base_url=url, follow_redirects=False, timeout=10) as http:
        yield Fleet(http, clock, admin, tokens, app)
    everything = caplog.text
    for secret in (PASSWORD, *tokens.values()):
        assert secret not in everything, "a token or password reached the log"
    app.state.sessions.kw["bind"].dispose()


ADMIN_PAGES = ("/admin", "/admin/help", "/admin/usage", "/admin/usage.csv", "/admin/revisions")


def test_admin_pages_need_a_login_with_a_staff_account(fleet):
    http = fleet.http
    for path in ADMIN_PAGES:
        response = http.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/admin/login", path
    login_page = http.get("/admin/login")
    assert login_page.status_code == 200 and 'type="password"' in login_page.text

    for login, password in ((fleet.admin, "not the password"), ("nobody", PASSWORD), (fleet.admin, ""),
                            (fleet.admin, fleet.tokens["jongno-1"])):  # a kiosk token is no password
        refused = http.post("/admin/login", data={"login": login, "password": password})
        assert refused.status_code == 401, (login, password)
        assert "set-cookie" not in refused.headers and (not password or password not in refused.text)
    assert http.get("/admin").status_code == 303

    accepted = http.post("/admin/login", data={"login": fleet.admin, "password": PASSWORD})
    assert accepted.status_code == 303
    cookie = accepted.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict") and "Path=/admin" in cookie
    assert PASSWORD not in cookie  # a random session id, not the password
    session_id = http.cookies["kiosk_admin"]
    for path in ADMIN_PAGES:
        assert http.get(path).status_code == 200, path
    assert status_with_cookie(http, "/admin", session_id) == 200
    assert status_with_cookie(http, "/admin", "made-up") == 303

    # Logging out needs the page's form token, then ends the session on the server too.
    assert http.post("/admin/logout", data={"csrf": "0" * 32}).status_code == 403
    assert http.post("/admin/logout", data={"csrf": csrf_of(http.get("/admin").text)}).status_code == 303
    assert status_with_cookie(http, "/admin", session_id) == 303  # the old cookie, replayed


def test_a_session_expires(fleet):
    fleet.login()
    fleet.clock.now = T0 + dt.timedelta(hours=13)
    assert fleet.http.get("/admin").status_code == 303


def test_fleet_page_shows_every_kiosk_and_marks_the_stale_and_the_behind(fleet):
    fleet.clock.now = T0 - dt.timedelta(hours=2)  # jongno-2 last reported two hours ago, on revision 1
    fleet.upload("jongno-2", heartbeat(fleet.clock.now, 1, "offline", "the server could not be reached"))
    fleet.clock.now = T0
    fleet.upload("jongno-1", heartbeat(T0 - dt.timedelta(minutes=5), 2, "updated", outbox_pending=4),
                 help_request(T0 - dt.timedelta(minutes=4), 1))
    fleet.upload("gangnam-1", heartbeat(T0 - dt.timedelta(minutes=20), 2))
    fleet.login()
    page = fleet.http.get("/admin").text

    classes, stale = row(page, "kiosk-jongno-2")
    assert "stale" in classes.split() and "behind" in classes.split()
    assert "STALE" in stale and "BEHIND" in stale and "2 hours ago" in stale
    assert JONGNO in stale and "offline the server could not be reached" in stale and "SYNC ERROR" in stale

    classes, fresh = row(page, "kiosk-jongno-1")
    assert "stale" not in classes.split() and "STALE" not in fresh and "BEHIND" not in fresh
    assert "0.1.0" in fresh and "new content received" in fresh and "11.6 GB" in fresh
    assert re.search(r"\b4\b", fresh)  # waiting uploads
    assert "Sat 2 Mar 2030, 10:00" in fresh  # last seen, in Seoul time
    classes, other = row(page, "kiosk-gangnam-1")
    assert GANGNAM in other and "STALE" not in other
    assert "1 stale" in page and "1 behind the latest revision" in page and "1 open help request" in page

    # Time passes with no report: every kiosk goes stale.
    fleet.clock.now = T0 + dt.timedelta(hours=3)
    fleet.login()  # three idle hours end a session (server.staff.IDLE_LIMIT)
    later = fleet.http.get("/admin").text
    assert all("STALE" in row(later, f"kiosk-{name}")[1] for name in fleet.tokens)


def test_fleet_page_shows_a_kiosk_whose_content_is_out_of_date_and_the_center_it_syncs(fleet):
    reported = T0 - dt.timedelta(minutes=5)
    expired = (T0 - dt.timedelta(hours=3)).isoformat()  # 07:00 in Seoul
    expires = (T0 + dt.timedelta(days=2)).isoformat()
    fleet.upload("jongno-1", heartbeat(reported, 2, content_expires_at=expired, center="jongno-senior"))
    fleet.upload("jongno-2", heartbeat(reported, 2, content_expires_at=expires, center=""))
    fleet.upload("gangnam-1", heartbeat(reported, 2, content_expires_at="next week"))  # unreadable: not flagged
    fleet.login()
    page = fleet.http.get("/admin").text

    classes, outdated = row(page, "kiosk-jongno-1")
    assert "outdated" in classes.split() and "stale" not in classes.split()
    assert "OUT OF DATE" in outdated and "content out of date since Sat 2 Mar 2030, 07:00" in outdated
    assert "content for: jongno-senior" in outdated
    classes, current = row(page, "kiosk-jongno-2")
    assert "outdated" not in classes.split() and "OUT OF DATE" not in current
    assert "content for: the whole city" in current
    _, unknown = row(page, "kiosk-gangnam-1")
    assert "OUT OF DATE" not in unknown and "content for" not in unknown  # an older kiosk reports neither
    assert "1 with content out of date" in page

    # The kiosk keeps reporting, but nothing re-signed its index: past the expiry it is out of date too.
    fleet.clock.now = T0 + dt.timedelta(days=2, minutes=1)
    fleet.upload("jongno-2", heartbeat(fleet.clock.now, 2, content_expires_at=expires, center=""))
    fleet.login()  # the first session has expired by now
    later = fleet.http.get("/admin").text
    assert "content out of date since Mon 4 Mar 2030, 10:00" in row(later, "kiosk-jongno-2")[1]
    assert "2 with content out of date" in later


def card(html: str, card_id: str) -> str | None:
    """The text of the help page's request card with this id (tags stripped)."""
    found = re.search(rf'<li class="help-request" id="{re.escape(card_id)}"[^>]*>(.*?)</li>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else None


def test_help_page_lists_open_requests_and_done_closes_them(fleet):
    fleet.upload("jongno-1", help_request(T0 - dt.timedelta(minutes=10), 1, screen="practice", lesson="kakao-taxi", step=2))
    fleet.upload("gangnam-1", help_request(T0 - dt.timedelta(minutes=3), 7, screen="home", lesson=None, step=None))
    csrf = fleet.login()
    page = fleet.http.get("/admin/help").text
    keys = re.findall(r'<li class="help-request" id="help-([0-9a-f]+)"', page)  # help keys
    assert len(keys) == 2  # newest first
    newest, oldest = keys
    first = card(page, f"help-{oldest}")
    assert "jongno-1" in first and JONGNO in first and "Practice" in first and "kakao-taxi" in first
    assert "Sat 2 Mar 2030, 09:50" in first and "10 minutes ago" in first
    assert "gangnam-1" in card(page, f"help-{newest}")
    assert "Help requests (2)" in page

    assert fleet.http.post(f"/admin/help/{oldest}/done", data={"csrf": "f" * 32}).status_code == 403
    done = fleet.http.post(f"/admin/help/{oldest}/done", data={"csrf": csrf})
    assert done.status_code == 303 and done.headers["location"] == "/admin/help"
    page = fleet.http.get("/admin/help").text
    assert card(page, f"help-{oldest}") is None and card(page, f"help-{newest}") is not None
    closed = page.split("Closed in the last 24 hours")[1]
    assert "jongno-1" in closed and "City Admin" in closed  # who closed it: the person, by name
    assert fleet.http.post("/admin/help/999999/done", data={"csrf": csrf}).status_code == 404
    # A second Done (another browser, a reload) is harmless.
    assert fleet.http.post(f"/admin/help/{oldest}/done", data={"csrf": csrf}).status_code == 303


def test_help_requests_are_relayed_to_the_other_kiosks_of_the_center_only(fleet):
    fleet.upload("jongno-1", heartbeat(T0, 2), help_request(T0 - dt.timedelta(minutes=2), 1, step=4))
    fleet.upload("gangnam-1", help_request(T0 - dt.timedelta(minutes=1), 1))
    fleet.upload("jongno-1", help_request(T0 - dt.timedelta(hours=25), 9))  # too old to relay

    seen = fleet.http.get("/api/v1/help/open", headers=fleet.bearer("jongno-2"))
    assert seen.status_code == 200
    [request] = seen.json()["requests"]
    assert request == {"key": request["key"], "kiosk": "jongno-1", "created_at": "2030-03-02T00:58:00",
                       "screen": "player", "lesson_id": "lesson-1", "step": 4}
    assert fleet.http.get("/api/v1/help/open", headers=fleet.bearer("jongno-1")).json() == {"requests": []}  # not its own
    # gangnam-1 is alone in its center: neither jongno request, nor its own.
    assert fleet.http.get("/api/v1/help/open", headers=fleet.bearer("gangnam-1")).json() == {"requests": []}
    assert fleet.http.get("/api/v1/help/open").status_code == 401
    assert fleet.http.get("/api/v1/help/open", headers={"Authorization": f"Bearer {fleet.admin}"}).status_code == 401

    # Another center cannot close it (nor learn that it exists); the center's kiosk can.
    key = {"key": request["key"]}
    assert fleet.http.post("/api/v1/help/done", json=key, headers=fleet.bearer("gangnam-1")).status_code == 404
    assert fleet.http.post("/api/v1/help/done", json={"key": "nope"}, headers=fleet.bearer("jongno-2")).status_code == 404
    assert fleet.http.post("/api/v1/help/done", json=key).status_code == 401
    ok = fleet.http.post("/api/v1/help/done", json=key, headers=fleet.bearer("jongno-2"))
    assert ok.status_code == 200 and ok.json() == {"ok": True}
    assert fleet.http.get("/api/v1/help/open", headers=fleet.bearer("jongno-2")).json() == {"requests": []}
    assert fleet.http.post("/api/v1/help/done", json=key, headers=fleet.bearer("jongno-2")).json() == {"ok": True}

    fleet.login()
    closed = fleet.http.get("/admin/help").text.split("Closed in the last 24 hours")[1]
    assert "kiosk jongno-2" in closed


def test_a_request_closed_on_the_asking_kiosk_is_no_longer_relayed(fleet):
    asked = T0 - dt.timedelta(minutes=6)
    three, _four = fleet.upload("jongno-1", help_request(asked, 3), help_request(asked, 4)).json()["accepted"]
    assert len(fleet.http.get("/api/v1/help/open", headers=fleet.bearer("jongno-2")).json()["requests"]) == 2
    # The guide panel on jongno-1 closes request 3 locally: the kiosk uploads a help_done record.
    # A kiosk closes only its own requests this way: jongno-2 naming it changes nothing.
    fleet.upload("jongno-2", ("help_done", T0 - dt.timedelta(minutes=2), {"key": three}))
    assert len(fleet.http.get("/api/v1/help/open", headers=fleet.bearer("jongno-2")).json()["requests"]) == 2
    fleet.upload("jongno-1", ("help_done", T0 - dt.timedelta(minutes=1), {"key": three}))
    [left] = fleet.http.get("/api/v1/help/open", headers=fleet.bearer("jongno-2")).json()["requests"]
    assert left["kiosk"] == "jongno-1"
    fleet.login()
    closed = fleet.http.get("/admin/help").text.split("Closed in the last 24 hours")[1]
    assert "A guide, on kiosk jongno-1" in closed


def lesson_visit(at: dt.datetime, lesson: str, finished: bool = True) -> list[tuple]:
    events = [usage(at, "screen", screen="player"), usage(at, "lesson_started", lesson=lesson, locale="ko"),
              usage(at + dt.timedelta(minutes=1), "step_reached", lesson=lesson, step=2)]
    if finished:
        events.append(usage(at + dt.timedelta(minutes=4), "lesson_finished", lesson=lesson, locale="ko"))
    return events


def test_usage_by_center_and_lesson_and_its_csv_export(fleet):
    day = T0 - dt.timedelta(days=1)
    fleet.upload("jongno-1", *lesson_visit(day, "kakao-taxi"), *lesson_visit(day, "kakao-taxi", finished=False),
                 *lesson_visit(day, "video-call"))
    fleet.upload("jongno-2", *lesson_visit(T0 - dt.timedelta(hours=2), "kakao-taxi"),
                 # 00:30 on March 2nd in Seoul is still March 1st in UTC: it counts for the 2nd.
                 *lesson_visit(dt.datetime(2030, 3, 1, 15, 30), "bank-app", finished=False))
    fleet.upload("gangnam-1", *lesson_visit(day, "kakao-taxi"), usage(day, "visit_ended"),
                 *lesson_visit(T0 - dt.timedelta(days=8), "video-call"))  # outside the last 7 days
    fleet.login()

    def table(query: str) -> list[dict]:
        response = fleet.http.get(f"/admin/usage.csv{query}")
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
        assert response.headers["content-disposition"].startswith("attachment;")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        # Names beside ids: these kiosks' centers are not on the server, so their ids are their names.
        assert all(r["center_name"] == r["center"] and r["lesson_title"] == r["lesson"] and not r["district"]
                   for r in rows)
        wanted = ("center", "lesson", "lessons_started", "lessons_finished")
        return [{key: r[key] for key in wanted} for r in rows]

    last_week = table("")  # default: the last 7 days, up to today (Seoul)
    assert last_week == [
        {"center": GANGNAM, "lesson": "kakao-taxi", "lessons_started": "1", "lessons_finished": "1"},
        {"center": JONGNO, "lesson": "bank-app", "lessons_started": "1", "lessons_finished": "0"},
        {"center": JONGNO, "lesson": "kakao-taxi", "lessons_started": "3", "lessons_finished": "2"},
        {"center": JONGNO, "lesson": "video-call", "lessons_started": "1", "lessons_finished": "1"},
    ]
    assert table("?start=2030-03-02&end=2030-03-02") == [
        {"center": JONGNO, "lesson": "bank-app", "lessons_started": "1", "lessons_finished": "0"},
        {"center": JONGNO, "lesson": "kakao-taxi", "lessons_started": "1", "lessons_finished": "1"},
    ]
    older = table("?start=2030-02-20&end=2030-02-22")
    assert older == [{"center": GANGNAM, "lesson": "video-call", "lessons_started": "1", "lessons_finished": "1"}]
    assert 'filename="usage-2030-02-20-2030-02-22.csv"' in fleet.http.get(
        "/admin/usage.csv?start=2030-02-20&end=2030-02-22").headers["content-disposition"]

    page = fleet.http.get("/admin/usage").text
    assert 'value="2030-02-24"' in page and 'value="2030-03-02"' in page
    centers = re.findall(r'<tr class="usage-center" id="[^"]*"><th scope="row">(.*?)</th><td>[^<]*</td>'
                         r'<td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>', page)
    assert centers == [(GANGNAM, "1", "1", "1"), (JONGNO, "3", "5", "3")]
    assert "Dates are written" in fleet.http.get("/admin/usage?start=yesterday").text


def test_revisions_page_lists_the_publications(fleet):
    fleet.upload("jongno-1", heartbeat(T0, 2))
    fleet.upload("jongno-2", heartbeat(T0, 1))
    fleet.upload("gangnam-1", heartbeat(T0, 2))
    fleet.login()
    page = fleet.http.get("/admin/revisions").text
    rows = re.findall(r'<tr class="publication">(.*?)</tr>', page, re.S)
    assert len(rows) == 2
    newest, oldest = (" ".join(re.sub(r"<[^>]+>", " ", r).split()) for r in rows)
    assert newest.startswith("2 LATEST") and "the command line" in newest and newest.endswith(" 2")  # two kiosks on it
    assert oldest.startswith("1 Thu 28 Feb 2030, 10:00") and oldest.endswith(" 1")


def test_no_token_reaches_the_log(fleet, caplog):
    fleet.upload("jongno-1", heartbeat(T0, 2), help_request(T0, 1))
    fleet.http.post("/admin/login", data={"login": fleet.admin, "password": "password_guess"})
    fleet.login()
    fleet.http.get("/api/v1/help/open", headers=fleet.bearer("jongno-2"))
    assert "login refused" in caplog.text and f"{fleet.admin} logged in" in caplog.text
    for secret in ("password_guess", PASSWORD, *fleet.tokens.values()):
        assert secret not in caplog.text


def test_enroll_with_a_center_and_an_old_database_gets_the_column(tmp_path, capsys):
    home = tmp_path / "home"
    assert server_cli(["--home", str(home), "init"]) == 0
    assert server_cli(["--home", str(home), "center", "add", "jongno-senior", "--district", "jongno",
                       "--name-ko", JONGNO, "--name-ja", "鍾路老人福祉館", "--name-en", "Jongno Senior Center",
                       "--address-ko", "종로구", "--address-ja", "鍾路区", "--address-en", "Jongno-gu",
                       "--open", "mon-fri 09:00-18:00"]) == 0
    assert server_cli(["--home", str(home), "enroll", "jongno-1", "--center", "jongno-senior"]) == 0
    assert server_cli(["--home", str(home), "enroll", "mapo-1"]) == 0
    assert "jongno-senior" in capsys.readouterr().out
    sessions = open_server_database(f"sqlite:///{home / 'server.db'}")
    with sessions() as session:
        assert dict(session.execute(select(Kiosk.name, Kiosk.center)).all()) == {
            "jongno-1": "jongno-senior", "mapo-1": "mapo-1"}
    sessions.kw["bind"].dispose()

    # A database made before centers existed: opening it adds the column, and only once.
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as connection:
        connection.execute("CREATE TABLE kiosks (id INTEGER PRIMARY KEY, name VARCHAR(100) UNIQUE, "
                           "token_hash VARCHAR(64) UNIQUE, created_at DATETIME, last_seen_at DATETIME, last_heartbeat JSON)")
        connection.execute("INSERT INTO kiosks (name, token_hash, created_at) VALUES ('seocho-3', 'x', '2029-01-01')")
    for _ in range(2):
        sessions = open_server_database(f"sqlite:///{old}")
        assert "center" in {c["name"] for c in inspect(sessions.kw["bind"]).get_columns("kiosks")}
        sessions.kw["bind"].dispose()
    with sessions() as session:
        assert session.scalar(select(Kiosk)).center is None


def test_serve_logs_what_kiosks_and_admins_do_and_never_a_token(tmp_path):
    import os
    import subprocess
    import sys
    import threading
    from pathlib import Path

    from server.devserver import free_socket

    home = tmp_path / "home"
    assert server_cli(["--home", str(home), "init"]) == 0
    sessions = open_server_database(f"sqlite:///{home / 'server.db'}")
    with sessions.begin() as session:
        token = auth.enroll(session, "jongno-1", center=JONGNO)
    sessions.kw["bind"].dispose()
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "--home", str(home), "serve", "--port", str(port)],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(400):  # up to 20 s for the server to come up
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                threading.Event().wait(0.05)
        else:
            raise AssertionError("kiosk-server serve did not start")
        body = {"events": [{"key": uuid.uuid4().hex, "kind": kind, "seq": 1, "created_at": T0.isoformat(),
                            "payload": payload} for kind, _, payload in [heartbeat(T0, 1)]]}
        assert httpx.post(url + "/api/v1/events", json=body, headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert httpx.post(url + "/admin/login", data={"login": "someone", "password": "password_guess"}).status_code == 401
    finally:
        process.terminate()
        _, log = process.communicate(timeout=20)
    assert "server: kiosk jongno-1 uploaded 1 record(s), 1 new" in log
    assert "server.admin: login refused" in log
    assert token not in log and "password_guess" not in log
