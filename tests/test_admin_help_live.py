"""The help page and its live JSON over HTTP, served by the real app on 127.0.0.1: who sees
which requests (center staff their center, a district admin its centers, the city all), what
each request says (screen, lesson title, step, kiosk, center, when, in the person's language),
Done with and without the page's script, refused form tokens and other centers' requests, and
the page's two static files."""

from __future__ import annotations

import contextlib
import datetime as dt
import json

import pytest
from sqlalchemy import select
from tests.plugins.browser import CITY_ADMIN, PASSWORD, T0
from tests.plugins.packs import make_pack

from kiosk.paths import RESOURCES_DIR
from server.models import AuditEntry
from server.scope import Role

JONGNO, JONGNO_SECOND, GANGNAM = "jongno-welfare", "jongno-senior", "gangnam-welfare"
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def site(admin_server, tmp_path):
    """Three centers in two districts, a kiosk in each, one of no center and one of a center the
    server does not know; staff of each kind; the demo lessons published (for their titles)."""
    admin_server.add_center(JONGNO, "jongno", "종로노인복지관", "Jongno Senior Welfare Center")
    admin_server.add_center(JONGNO_SECOND, "jongno", "종로 행복경로당", "Jongno Happy Senior Hall")
    admin_server.add_center(GANGNAM, "gangnam", "강남구립노인복지관", "Gangnam Senior Welfare Center")
    for kiosk, center in (("jongno-1", JONGNO), ("jongno-2", JONGNO_SECOND), ("gangnam-1", GANGNAM),
                          ("lobby", None), ("stray", "closed-center")):
        admin_server.enroll(kiosk, center)
    admin_server.add_staff("guide-jongno", Role.CENTER, center=JONGNO, display_name="김안내")
    admin_server.add_staff("guide-gangnam", Role.CENTER, center=GANGNAM, locale="en", display_name="Lee Guide")
    admin_server.add_staff("district-jongno", Role.DISTRICT, district="jongno")
    admin_server.publish(make_pack(tmp_path / "pack"))
    return admin_server


@contextlib.contextmanager
def person(site, login: str):
    """An HTTP client logged in as ``login`` through the login form, and its form token."""
    with site.client() as http:
        yield http, site.log_in_http(http, login)


def live(http) -> dict:
    response = http.get("/admin/help/live.json")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "no-store" in response.headers["cache-control"]
    return response.json()


def keys(answer: dict) -> list[str]:
    return [item["key"] for item in answer["requests"]]


def test_each_person_sees_the_help_requests_of_the_centers_they_see_newest_first(site):
    asked = {kiosk: site.ask_for_help(kiosk, at=T0 - (5 - n) * MINUTE)
             for n, kiosk in enumerate(("jongno-1", "jongno-2", "gangnam-1", "lobby", "stray"))}
    newest_first = [asked[k] for k in ("stray", "lobby", "gangnam-1", "jongno-2", "jongno-1")]

    seen = {}
    for login in ("guide-jongno", "guide-gangnam", "district-jongno", CITY_ADMIN):
        with person(site, login) as (http, _):
            seen[login] = keys(live(http))
            page = http.get("/admin/help").text
            # The page without its script shows the same requests as the JSON.
            assert [key for key in newest_first if f'id="help-{key}"' in page] == seen[login]

    assert seen["guide-jongno"] == [asked["jongno-1"]]
    assert seen["guide-gangnam"] == [asked["gangnam-1"]]
    assert seen["district-jongno"] == [asked["jongno-2"], asked["jongno-1"]]
    # Kiosks of no center, or of a center the server does not know, are the city's only.
    assert seen[CITY_ADMIN] == newest_first


def test_each_request_says_where_the_visitor_is_in_the_persons_language(site):
    site.ask_for_help("jongno-1", screen="practice", lesson="lesson-2", step=1, at=T0 - 12 * MINUTE)
    site.ask_for_help("jongno-1", screen="player", lesson="lesson-1", step=3, at=T0 - 3 * MINUTE)
    site.ask_for_help("gangnam-1", screen="player", lesson="lesson-1", step=3, at=T0 - 3 * MINUTE)
    site.ask_for_help("jongno-2", screen="program", lesson=None, step=None, at=T0 - 1 * MINUTE)
    site.ask_for_help("jongno-2", screen="a-newer-screen", lesson="not-published", step=2, at=T0 - 30 * MINUTE)

    with person(site, "guide-jongno") as (http, _):
        answer = live(http)
    assert answer["count"] == 2 and answer["title"] == "(2) 도움 요청"
    assert answer["waiting"] == "2명이 도움을 기다리고 있어요."
    newest, older = answer["requests"]
    assert {k: newest[k] for k in ("kiosk", "screen", "lesson", "step", "step_text", "when", "ago")} == {
        "kiosk": "jongno-1", "screen": "수업 단계", "lesson": "수업 1", "step": 3, "step_text": "3단계",
        "when": "2030. 3. 5. (화) 09:57", "ago": "3분 전"}
    # Steps are counted from 1 by the kiosk, as the visitor saw them: the first is "1단계".
    assert (older["screen"], older["lesson"], older["step_text"]) == ("연습", "수업 2", "1단계")
    assert older["done_label"] == "완료: 키오스크 jongno-1의 2030. 3. 5. (화) 09:48 요청"

    with person(site, "guide-gangnam") as (http, _):  # an English account
        (only,) = live(http)["requests"]
    assert (only["screen"], only["lesson"], only["step_text"], only["when"]) == (
        "Lesson step", "Lesson 1", "Step 3", "Tue 5 Mar 2030, 09:57")
    assert only["ago"] == "3 minutes ago"

    with person(site, "district-jongno") as (http, _):
        answer = live(http)
    by_kiosk = {(item["kiosk"], item["screen"]): item for item in answer["requests"]}
    program = by_kiosk["jongno-2", "지원 사업 자세히 보기"]
    assert (program["lesson"], program["step_text"], program["center"]) == ("", "", "종로 행복경로당")
    # A screen or lesson a newer kiosk or an unpublished pack names is shown as sent.
    newer = by_kiosk["jongno-2", "a-newer-screen"]
    assert (newer["lesson"], newer["step_text"]) == ("not-published", "2단계")
    assert by_kiosk["jongno-1", "수업 단계"]["center"] == "종로노인복지관"
    assert [item["kiosk"] for item in answer["requests"]] == ["jongno-2", "jongno-1", "jongno-1", "jongno-2"]


def test_the_page_works_without_its_script_and_allows_only_its_own(site):
    key = site.ask_for_help("jongno-1", at=T0 - 2 * MINUTE)
    with person(site, "guide-jongno") as (http, csrf):
        response = http.get("/admin/help")
    page = response.text
    assert "<title>(1) 도움 요청 · " in page
    assert '<noscript><meta http-equiv="refresh" content="30"></noscript>' in page
    assert '<script src="/admin/static/help.js" defer></script>' in page
    policy = response.headers["content-security-policy"]
    for allowed in ("script-src 'self'", "connect-src 'self'", "media-src 'self'"):
        assert allowed in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert f'<form method="post" action="/admin/help/{key}/done">' in page
    assert f'name="csrf" value="{csrf}"' in page
    assert "수업 1" in page and "3단계" in page and "jongno-1" in page
    # Center staff see their own center only: no center name on each card.
    assert "종로노인복지관" not in page.split('id="help-list"')[1].split("</ol>")[0]


def test_done_without_the_script_redirects_back_and_with_it_answers_the_new_state(site):
    first = site.ask_for_help("jongno-1", at=T0 - 5 * MINUTE)
    second = site.ask_for_help("jongno-1", at=T0 - 4 * MINUTE)
    with person(site, "guide-jongno") as (http, csrf):
        plain = http.post(f"/admin/help/{first}/done", data={"csrf": csrf})
        assert plain.status_code == 303 and plain.headers["location"] == "/admin/help"
        assert keys(live(http)) == [second]

        scripted = http.post(f"/admin/help/{second}/done", data={"csrf": csrf},
                             headers={"Accept": "application/json"})
        assert scripted.status_code == 200 and "no-store" in scripted.headers["cache-control"]
        answer = scripted.json()
        assert answer["requests"] == [] and answer["count"] == 0 and answer["title"] == "도움 요청"
        assert [item["key"] for item in answer["done"]] == [second, first]
        assert answer["done"][0]["done_by"] == "김안내"

        # Closing again (another guide was quicker) is no error, and changes nothing.
        again = http.post(f"/admin/help/{second}/done", data={"csrf": csrf}, headers={"Accept": "application/json"})
        assert again.status_code == 200 and [item["key"] for item in again.json()["done"]] == [second, first]
    with site.sessions() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "help.done")).all()
    assert sorted(entry.target for entry in entries) == sorted([first, second])
    assert {(entry.actor, entry.center, entry.district) for entry in entries} == {("guide-jongno", JONGNO, "jongno")}


def test_a_request_closed_on_a_kiosk_shows_who_closed_it(site):
    key = site.ask_for_help("jongno-1", at=T0 - 5 * MINUTE)
    site.kiosk_closes("jongno-1", key)
    with person(site, "guide-jongno") as (http, _):
        answer = live(http)
        page = http.get("/admin/help").text
    assert answer["requests"] == []
    assert [(item["key"], item["done_by"]) for item in answer["done"]] == [(key, "안내사가 키오스크 jongno-1에서")]
    assert "안내사가 키오스크 jongno-1에서" in page


def test_done_is_refused_with_a_wrong_form_token_or_for_another_centers_request(site):
    jongno = site.ask_for_help("jongno-1", at=T0 - 5 * MINUTE)
    with person(site, "guide-jongno") as (http, csrf), person(site, "guide-gangnam") as (other, other_csrf):
        refused = http.post(f"/admin/help/{jongno}/done", data={"csrf": "f" * 32})
        assert refused.status_code == 403 and "Reload the page" not in refused.text  # said in Korean
        assert http.post(f"/admin/help/{jongno}/done", data={}).status_code == 403
        assert http.post(f"/admin/help/{jongno}/done", data={"csrf": other_csrf}).status_code == 403

        foreign = other.post(f"/admin/help/{jongno}/done", data={"csrf": other_csrf},
                             headers={"Accept": "application/json"})
        assert foreign.status_code == 403 and "This help request belongs to another center." in foreign.text
        assert keys(live(http)) == [jongno]  # still open

        assert http.post(f"/admin/help/{'0' * 32}/done", data={"csrf": csrf}).status_code == 404
        assert http.post("/admin/help/not-a-key/done", data={"csrf": csrf}).status_code == 404
        # The form token may come as a header too (a script's fetch).
        by_header = http.post(f"/admin/help/{jongno}/done", headers={"X-CSRF-Token": csrf})
        assert by_header.status_code == 303 and keys(live(http)) == []


def test_the_live_json_and_the_page_need_a_login(site):
    site.ask_for_help("jongno-1")
    with site.client() as http:
        for path in ("/admin/help", "/admin/help/live.json"):
            response = http.get(path)
            assert response.status_code == 303 and response.headers["location"] == "/admin/login"
        logged_out = http.post(f"/admin/help/{'a' * 32}/done", data={"csrf": "x"})
        assert logged_out.status_code == 303 and logged_out.headers["location"] == "/admin/login"
        # A wrong password is no way in either.
        assert http.post("/admin/login", data={"login": "guide-jongno", "password": PASSWORD + "x"}).status_code == 401
        assert http.get("/admin/help/live.json").status_code == 303


def test_the_script_and_the_chime_are_served_and_nothing_else(site):
    with site.client() as http:
        script = http.get("/admin/static/help.js")
        assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
        assert "innerHTML" not in script.text  # texts from the server are set as text, never as markup
        assert script.headers["x-content-type-options"] == "nosniff"
        chime = http.get("/admin/static/guide_chime.wav")
        assert chime.status_code == 200 and chime.headers["content-type"] == "audio/wav"
        assert chime.content == (RESOURCES_DIR / "sounds" / "guide_chime.wav").read_bytes()
        again = http.get("/admin/static/help.js", headers={"If-None-Match": script.headers["etag"]})
        assert again.status_code == 304 and again.content == b""
        for path in ("/admin/static/app.py", "/admin/static/..%2Fapp.py", "/admin/static/../admin_help.py",
                     "/admin/static/%2e%2e%2fhelp_views.py", "/admin/static/", "/admin/static/help.js%00"):
            assert http.get(path).status_code == 404, path


def test_the_count_in_the_navigation_is_the_persons_own(site):
    site.ask_for_help("jongno-1")
    site.ask_for_help("gangnam-1")
    site.ask_for_help("lobby")
    counts = {}
    for login in ("guide-jongno", CITY_ADMIN):
        with person(site, login) as (http, _):
            counts[login] = json.loads(http.get("/admin/help/live.json").text)["count"]
            assert f"도움 요청 ({counts[login]})" in http.get("/admin").text
    assert counts == {"guide-jongno": 1, CITY_ADMIN: 3}
