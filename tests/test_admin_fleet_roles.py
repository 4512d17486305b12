"""The fleet as each role sees it, kiosk management and usage on the admin web, served by the real
app on 127.0.0.1 and checked over HTTP (SQLite, and PostgreSQL when KIOSK_TEST_POSTGRES_URL is
set): a center's staff see their center, a district admin their district's centers, the city
everything, and each is refused (403) elsewhere; a kiosk is connected by the code on its screen
through the real onboarding API, then renamed, moved, revoked, connected again and deleted, each
change in the audit log; kiosks calling without a valid key are listed as not authorised; usage
shows lesson titles in the page's language, for the person's own kiosks only. Korean by default,
English for an account set to English."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid

import httpx
import pytest
from sqlalchemy import select
from tests.plugins.sync import published
from tests.plugins.server_database import Clock, csrf_of

from server import auth, staff
from server.app import create_app
from server.centers import make_center, parse_windows, put_center
from server.devserver import run_app
from server.models import AuditEntry, Event, Kiosk, OnboardingRequest, Publication
from server.scope import Role

T0 = dt.datetime(2030, 3, 5, 1, 0)  # naive UTC: Tuesday 10:00 in Seoul
PASSWORD = "correct horse battery"
CENTERS = {"mapo-senior": ("mapo", "마포노인복지관", "Mapo Senior Center"),
           "mapo-welfare": ("mapo", "마포복지관", "Mapo Welfare Center"),
           "gangnam-welfare": ("gangnam", "강남구립노인복지관", "Gangnam Senior Welfare Center")}
KIOSKS = {"mapo-senior-1": "mapo-senior", "mapo-senior-2": "mapo-senior", "mapo-welfare-1": "mapo-welfare",
          "gangnam-1": "gangnam-welfare", "old-1": None}
ACCOUNTS = {  # login: (role, district, center, locale)
    "city": (Role.CITY, None, None, "ko"), "city-en": (Role.CITY, None, None, "en"),
    "mapo": (Role.DISTRICT, "mapo", None, "ko"), "gangnam": (Role.DISTRICT, "gangnam", None, "ko"),
    "guide": (Role.CENTER, None, "mapo-senior", "ko"), "guide-gangnam": (Role.CENTER, None, "gangnam-welfare", "ko"),
}


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def row(html: str, row_id: str) -> str | None:
    """The text of the table row with this id (tags stripped), or None."""
    found = re.search(rf'<tr class="[^"]*" id="{re.escape(row_id)}">(.*?)</tr>', html, re.S)
    return text_of(found.group(1)) if found else None


def heartbeat(at: dt.datetime, revision: int = 1, **extra) -> tuple:
    return ("heartbeat", at, {"at": at.isoformat(), "app_version": "0.2.0", "content_revision": revision,
                              "repo_revision": revision, "last_sync": "unchanged", "last_sync_message": "",
                              "free_disk": 8_000_000_000, **extra})


def usage(at: dt.datetime, event: str, **fields) -> tuple:
    return ("usage", at, {"event": event, "at": at.isoformat(), **fields})


def help_request(at: dt.datetime) -> tuple:
    return ("help_request", at, {"created_at": at.isoformat(), "screen": "player", "lesson_id": "lesson-1", "step": 2})


class Site:
    def __init__(self, url: str, clock: Clock, app, tokens: dict[str, str]):
        self.url, self.clock, self.app, self.tokens = url, clock, app, tokens
        self.api = httpx.Client(base_url=url, timeout=10)

    def login(self, login: str) -> httpx.Client:
        client = httpx.Client(base_url=self.url, follow_redirects=False, timeout=10)
        response = client.post("/admin/login", data={"login": login, "password": PASSWORD})
        assert response.status_code == 303, response.text
        return client

    def upload(self, token: str, *events: tuple) -> httpx.Response:
        body = {"events": [{"key": uuid.uuid4().hex, "kind": kind, "seq": n, "created_at": at.isoformat(),
                            "payload": payload} for n, (kind, at, payload) in enumerate(events, start=1)]}
        return self.api.post("/api/v1/events", json=body, headers={"Authorization": f"Bearer {token}"} if token else {})

    def audit(self) -> list[AuditEntry]:
        with self.app.state.sessions() as session:
            return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))

    def kiosk(self, name: str) -> Kiosk | None:
        with self.app.state.sessions() as session:
            return session.scalar(select(Kiosk).where(Kiosk.name == name))


@pytest.fixture
def site(tmp_path, database_url):
    repo, _pack = published(tmp_path, now=T0 - dt.timedelta(days=1))
    result = repo.publish(_pack)  # the same pack again: nothing new, but its source to read titles from
    clock = Clock(T0)
    app = create_app(database_url, repo.dir, clock=clock, root_public_key=repo.public)
    tokens = {}
    with app.state.sessions.begin() as session:
        for center_id, (district, korean, english) in CENTERS.items():
            words = {"ko": korean, "ja": korean, "en": english}
            put_center(session, make_center({"id": center_id, "district": district, "name": words, "address": words,
                                             "open_times": parse_windows("mon-fri 09:00-18:00")}, "test"), T0)
        session.add(Publication(revision=result.revision, pack_id=result.pack_id, root=result.root, source=result.source,
                                files=result.files, bytes=result.bytes_written, published_at=T0 - dt.timedelta(days=1)))
        for name, center in KIOSKS.items():
            tokens[name] = auth.enroll(session, name, center=center)
            if center is None:
                session.flush()
                session.scalar(select(Kiosk).where(Kiosk.name == name)).center = None  # enrolled before centers
        for login, (role, district, center, locale) in ACCOUNTS.items():
            staff.create_staff(session, login=login, password=PASSWORD, display_name=login.title(), role=role,
                               district=district, center=center, by="test", now=T0, locale=locale)
    with run_app(app) as url:
        yield Site(url, clock, app, tokens)
    app.state.sessions.kw["bind"].dispose()


# The fleet per role ----------------------------------------------------------------------------
def test_the_city_sees_every_district_and_the_kiosks_of_no_center(site):
    site.upload(site.tokens["mapo-senior-1"], heartbeat(T0 - dt.timedelta(minutes=5)),
                usage(T0 - dt.timedelta(minutes=30), "lesson_started", lesson="lesson-1"),
                help_request(T0 - dt.timedelta(minutes=4)))
    site.upload(site.tokens["gangnam-1"], heartbeat(T0 - dt.timedelta(minutes=5)))
    city = site.login("city")
    page = city.get("/admin").text
    assert '<html lang="ko">' in page and "키오스크 현황: 서울시 전체" in page  # Korean by default
    mapo = row(page, "districts-mapo")
    # Mapo: 2 centers, 3 kiosks, 2 never heard from (stale), 0 behind, 0 out of date, 0 errors, 1 help, 1 visit.
    assert mapo.startswith("마포구 확인 필요 2 3 2 0 0 0 1 1"), mapo
    assert row(page, "districts-gangnam").startswith("강남구 1 1 0 0 0 0 0 0")
    assert row(page, "districts-jongno").startswith("종로구 0 0 0")  # every district, even without kiosks
    assert len(re.findall(r'id="districts-', page)) == 25
    # The kiosk of no center is listed on its own, and only the city sees it.
    assert "응답 없음" in row(page, "kiosk-old-1") and "서버에 등록되지 않은 센터" in row(page, "kiosk-old-1")
    assert row(page, "kiosk-mapo-senior-1") is None  # the others are in their districts
    assert "키오스크 5대" in page

    district = city.get("/admin/districts/mapo").text
    assert row(district, "centers-mapo-senior").startswith("마포노인복지관 확인 필요 2 1 0 0 0 1 1")
    assert row(district, "centers-mapo-welfare").startswith("마포복지관 확인 필요 1 1")
    center = city.get("/admin/centers/mapo-senior").text
    assert "정상" in row(center, "kiosk-mapo-senior-1") and "응답 없음" in row(center, "kiosk-mapo-senior-2")
    assert city.get("/admin/districts/nowhere").status_code == 404
    assert city.get("/admin/centers/nowhere").status_code == 404

    english = site.login("city-en").get("/admin").text
    assert '<html lang="en">' in english and "Fleet: the whole city" in english
    assert row(english, "districts-mapo").startswith("Mapo-gu NEEDS A LOOK 2 3 2")
    assert "STALE" in row(english, "kiosk-old-1")


def test_a_district_admin_sees_the_districts_centers_and_nothing_else(site):
    mapo = site.login("mapo")
    page = mapo.get("/admin").text
    assert "키오스크 현황: 마포구" in page
    assert row(page, "centers-mapo-senior") and row(page, "centers-mapo-welfare")
    assert "gangnam" not in page and "old-1" not in page and 'id="districts-' not in page
    assert "kiosk-mapo-welfare-1" in mapo.get("/admin/centers/mapo-welfare").text
    for path in ("/admin/districts/gangnam", "/admin/centers/gangnam-welfare", "/admin/districts/nowhere",
                 "/admin/centers/nowhere"):
        refused = mapo.get(path)
        assert refused.status_code == 403, path
        assert "담당" in refused.text and "gangnam-1" not in refused.text, path
    assert mapo.get("/admin/revisions").status_code == 200


def test_center_staff_see_their_center_only(site):
    guide = site.login("guide")
    page = guide.get("/admin").text
    assert "키오스크 현황: 마포노인복지관" in page
    assert row(page, "kiosk-mapo-senior-1") and row(page, "kiosk-mapo-senior-2")
    assert "mapo-welfare-1" not in page and "gangnam-1" not in page
    for path in ("/admin/centers/mapo-welfare", "/admin/districts/mapo", "/admin/centers/gangnam-welfare",
                 "/admin/revisions"):
        assert guide.get(path).status_code == 403, path
    kiosks = guide.get("/admin/kiosks").text
    assert "kiosk-mapo-senior-1" in kiosks and "mapo-welfare-1" not in kiosks


def test_kiosks_calling_without_a_valid_key_are_listed_as_not_authorised(site):
    stranger = site.upload("kiosk_not-a-real-token", heartbeat(T0, center="mapo-senior"))
    assert stranger.status_code == 401 and stranger.json()["error"] == "unknown_kiosk_token"
    assert site.upload("", heartbeat(T0)).status_code == 401  # no key at all, naming no center

    city = site.login("city").get("/admin").text
    calls = re.findall(r'<tr class="unknown-call" id="[^"]+">(.*?)</tr>', city, re.S)
    assert len(calls) == 2
    assert "인증되지 않음: 올바른 키 없이 연락하는 키오스크" in city and "화면의 코드로 연결하세요" in city
    named = next(text_of(c) for c in calls if "마포노인복지관" in c)
    assert "127.0.0.1" in named and "0.2.0" in named and "not-a-real-token" not in city
    assert any("키를 보내지 않음" in text_of(c) for c in calls)

    # The district and the center it named see that one; others see neither.
    district = site.login("mapo").get("/admin").text
    assert len(re.findall(r'class="unknown-call"', district)) == 1
    assert len(re.findall(r'class="unknown-call"', site.login("guide").get("/admin").text)) == 1
    assert 'class="unknown-call"' not in site.login("gangnam").get("/admin").text
    assert 'class="unknown-call"' not in site.login("guide-gangnam").get("/admin").text


# Connecting a kiosk by its code ------------------------------------------------------------------
def start_onboarding(site: Site) -> dict:
    answer = site.api.post("/api/v1/onboarding", json={"app_version": "0.3.0"})
    assert answer.status_code == 200, answer.text
    return answer.json()


def poll(site: Site, secret: str) -> dict:
    answer = site.api.post("/api/v1/onboarding/poll", json={"secret": secret})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_center_staff_connect_a_kiosk_by_the_code_on_its_screen(site):
    waiting = start_onboarding(site)
    code = waiting["code"]
    typed = f"{code[:3].lower()} {code[3:].lower()}"  # as someone types it off the screen

    # The city sees the waiting kiosk with its code; a district admin does not get the list.
    city_page = site.login("city").get("/admin").text
    assert f"{code[:3]}-{code[3:]}" in row(city_page, f"waiting-{code}")
    assert f"waiting-{code}" not in site.login("mapo").get("/admin").text

    guide = site.login("guide")
    form = guide.get("/admin/kiosks/connect", params={"code": typed})  # the link the kiosk's QR holds
    assert form.status_code == 200
    assert f'value="{code[:3]}-{code[3:]}"' in form.text and 'value="mapo-senior-3"' in form.text
    assert '<option value="mapo-senior" selected>' in form.text and '<option value="gangnam-welfare"' not in form.text
    assert "키오스크가 기다리고 있습니다" in form.text
    csrf = csrf_of(form.text)

    fields = {"csrf": csrf, "code": typed, "center": "mapo-senior", "name": ""}
    assert guide.post("/admin/kiosks/connect", data={**fields, "csrf": "0" * 32}).status_code == 403
    other = guide.post("/admin/kiosks/connect", data={**fields, "center": "gangnam-welfare"})
    assert other.status_code == 400 and "목록에서 담당 센터 중 하나를 고르세요" in other.text
    taken = guide.post("/admin/kiosks/connect", data={**fields, "name": "mapo-senior-1"})
    assert taken.status_code == 400 and "이미 있습니다" in taken.text
    wrong = guide.post("/admin/kiosks/connect", data={**fields, "code": "ZZZ-ZZZ"})
    assert wrong.status_code == 400 and "코드는 K7M-4XT처럼" in wrong.text
    assert poll(site, waiting["secret"])["state"] == "pending"  # nothing of those reached the kiosk

    done = guide.post("/admin/kiosks/connect", data=fields)
    assert done.status_code == 303 and done.headers["location"].startswith("/admin/kiosks?done=connected")
    assert "mapo-senior-3이(가) 연결되었습니다" in guide.get(done.headers["location"]).text

    delivered = poll(site, waiting["secret"])
    assert delivered["state"] == "delivered" and delivered["name"] == "mapo-senior-3"
    assert delivered["center"] == "mapo-senior" and delivered["root_public_key"]
    assert site.upload(delivered["token"], heartbeat(T0)).status_code == 200
    assert "0.2.0" in row(guide.get("/admin").text, "kiosk-mapo-senior-3")

    again = guide.post("/admin/kiosks/connect", data={**fields, "name": "mapo-senior-9"})
    assert again.status_code == 400 and "기다리는 키오스크가 없습니다" in again.text  # a code connects once
    [entry] = [e for e in site.audit() if e.action.startswith("kiosk.")]
    assert (entry.actor, entry.action, entry.target, entry.center, entry.district) == (
        "guide", "kiosk.connect", "mapo-senior-3", "mapo-senior", "mapo")


def test_a_kiosk_connected_again_keeps_its_history_and_its_old_key_stops(site):
    old_token = site.tokens["mapo-senior-1"]
    assert site.upload(old_token, heartbeat(T0), usage(T0, "lesson_started", lesson="lesson-1")).status_code == 200
    waiting = start_onboarding(site)
    mapo = site.login("mapo")
    form = mapo.get("/admin/kiosks/connect", params={"replaces": "mapo-senior-1", "code": waiting["code"]})
    assert form.status_code == 200 and 'name="replaces" value="mapo-senior-1"' in form.text
    assert site.login("guide-gangnam").get("/admin/kiosks/connect", params={"replaces": "mapo-senior-1"}).status_code == 403

    done = mapo.post("/admin/kiosks/connect", data={"csrf": csrf_of(form.text), "code": waiting["code"],
                                                    "center": "mapo-senior", "replaces": "mapo-senior-1"})
    assert done.status_code == 303 and "done=reissued" in done.headers["location"]
    assert site.upload(old_token, heartbeat(T0)).status_code == 401  # refused at once
    new_token = poll(site, waiting["secret"])["token"]
    assert site.upload(new_token, heartbeat(T0)).status_code == 200
    with site.app.state.sessions() as session:
        kiosk = session.scalar(select(Kiosk).where(Kiosk.name == "mapo-senior-1"))
        assert session.scalar(select(Event.id).where(Event.kiosk_id == kiosk.id, Event.kind == "usage")) is not None
    assert [e.action for e in site.audit()][-1] == "kiosk.reissue"


# Rename, move, revoke, delete ------------------------------------------------------------------
def test_a_district_admin_renames_moves_revokes_and_deletes_its_kiosks_and_each_is_audited(site):
    mapo = site.login("mapo")
    csrf = csrf_of(mapo.get("/admin/kiosks").text)

    renamed = mapo.post("/admin/kiosks/mapo-welfare-1/rename", data={"csrf": csrf, "new_name": "mapo-welfare-9"})
    assert renamed.status_code == 303
    assert "키오스크 이름이 mapo-welfare-9(으)로 바뀌었습니다" in mapo.get(renamed.headers["location"]).text
    taken = mapo.post("/admin/kiosks/mapo-welfare-9/rename", data={"csrf": csrf, "new_name": "mapo-senior-1"})
    assert taken.status_code == 400 and "이미 있습니다" in taken.text
    spaced = mapo.post("/admin/kiosks/mapo-welfare-9/rename", data={"csrf": csrf, "new_name": "two words"})
    assert spaced.status_code == 400 and "띄어쓰기" in spaced.text
    assert site.kiosk("mapo-welfare-9") is not None and site.kiosk("mapo-welfare-1") is None

    away = mapo.post("/admin/kiosks/mapo-welfare-9/move", data={"csrf": csrf, "center": "gangnam-welfare"})
    assert away.status_code == 400 and site.kiosk("mapo-welfare-9").center == "mapo-welfare"
    moved = mapo.post("/admin/kiosks/mapo-welfare-9/move", data={"csrf": csrf, "center": "mapo-senior"})
    assert moved.status_code == 303 and site.kiosk("mapo-welfare-9").center == "mapo-senior"

    # Not theirs: another district's staff are refused, whatever they try.
    other = site.login("guide-gangnam")
    other_csrf = csrf_of(other.get("/admin/kiosks").text)
    for action, data in (("revoke", {}), ("rename", {"new_name": "x-1"}), ("move", {"center": "gangnam-welfare"}),
                         ("delete", {"confirm": "yes"})):
        assert other.post(f"/admin/kiosks/mapo-welfare-9/{action}", data={"csrf": other_csrf, **data}).status_code == 403
    assert other.get("/admin/kiosks/mapo-welfare-9/delete").status_code == 403
    assert mapo.post("/admin/kiosks/no-such-kiosk/revoke", data={"csrf": csrf}).status_code == 404

    token = site.tokens["mapo-welfare-1"]
    assert site.upload(token, heartbeat(T0), help_request(T0)).status_code == 200
    assert mapo.post("/admin/kiosks/mapo-welfare-9/revoke", data={"csrf": "0" * 32}).status_code == 403
    revoked = mapo.post("/admin/kiosks/mapo-welfare-9/revoke", data={"csrf": csrf})
    assert revoked.status_code == 303
    refused = site.upload(token, heartbeat(T0))
    assert refused.status_code == 403 and refused.json()["error"] == "kiosk_revoked"
    assert "연결 해제됨" in row(mapo.get("/admin/centers/mapo-senior").text, "kiosk-mapo-welfare-9")

    confirm = mapo.get("/admin/kiosks/mapo-welfare-9/delete")
    assert confirm.status_code == 200
    said = text_of(confirm.text)
    assert "도움 요청 1건" in said and "상태 보고 1건" in said and "모두 2건" in said and "되돌릴 수 없습니다" in said
    unconfirmed = mapo.post("/admin/kiosks/mapo-welfare-9/delete", data={"csrf": csrf})
    assert unconfirmed.status_code == 303 and unconfirmed.headers["location"].endswith("/delete")
    assert site.kiosk("mapo-welfare-9") is not None
    deleted = mapo.post("/admin/kiosks/mapo-welfare-9/delete", data={"csrf": csrf, "confirm": "yes"})
    assert deleted.status_code == 303 and site.kiosk("mapo-welfare-9") is None
    with site.app.state.sessions() as session:
        assert session.scalar(select(Event.id).limit(1)) is None  # its uploads went with it

    entries = [(e.actor, e.action, e.target, e.center, e.district, e.detail) for e in site.audit()
               if e.action.startswith("kiosk.")]
    assert entries == [
        ("mapo", "kiosk.rename", "mapo-welfare-9", "mapo-welfare", "mapo", {"from": "mapo-welfare-1", "to": "mapo-welfare-9"}),
        ("mapo", "kiosk.move", "mapo-welfare-9", "mapo-senior", "mapo", {"from": "mapo-welfare", "to": "mapo-senior"}),
        ("mapo", "kiosk.revoke", "mapo-welfare-9", "mapo-senior", "mapo", None),
        ("mapo", "kiosk.delete", "mapo-welfare-9", "mapo-senior", "mapo", {"uploads_deleted": 2}),
    ]


def test_deleting_a_kiosk_takes_its_connection_requests_with_it(site):
    waiting = start_onboarding(site)
    city = site.login("city")
    form = city.get("/admin/kiosks/connect", params={"code": waiting["code"]})
    untouched = city.post("/admin/kiosks/connect", data={"csrf": csrf_of(form.text), "code": waiting["code"],
                                                         "center": "", "name": "lobby-1"})
    assert untouched.status_code == 400 and site.kiosk("lobby-1") is None  # the list left alone: nothing chosen
    assert city.post("/admin/kiosks/connect", data={"csrf": csrf_of(form.text), "code": waiting["code"],
                                                    "center": "-", "name": "lobby-1"}).status_code == 303
    assert site.kiosk("lobby-1").center is None  # the city may connect a kiosk to no center, on purpose
    assert city.post("/admin/kiosks/lobby-1/delete", data={"csrf": csrf_of(form.text), "confirm": "yes"}).status_code == 303
    with site.app.state.sessions() as session:
        assert session.scalar(select(OnboardingRequest.id).limit(1)) is None
    assert poll(site, waiting["secret"])["state"] == "expired"


# Usage ----------------------------------------------------------------------------------------
def visit(at: dt.datetime, lesson: str) -> list[tuple]:
    return [usage(at, "screen", screen="lessons"), usage(at, "lesson_started", lesson=lesson),
            usage(at + dt.timedelta(minutes=2), "lesson_finished", lesson=lesson), usage(at + dt.timedelta(minutes=3), "visit_ended")]


def test_usage_shows_titles_in_the_pages_language_per_day_and_only_the_persons_kiosks(site):
    monday = T0 - dt.timedelta(days=1)  # 10:00 in Seoul, Monday 4 March
    site.upload(site.tokens["mapo-senior-1"], *visit(monday, "lesson-1"), *visit(monday + dt.timedelta(hours=1), "lesson-1"),
                help_request(monday))
    site.upload(site.tokens["mapo-senior-2"], *visit(T0, "=HYPERLINK(1)"))  # whatever a kiosk sends stays text
    site.upload(site.tokens["gangnam-1"], *visit(monday, "lesson-2"))

    city = site.login("city").get("/admin/usage").text
    assert "수업 1" in city and "수업 2" in city and "lesson-1" not in city
    assert row(city, "usage-district-mapo").startswith("마포구 2 3 3")
    assert row(city, "usage-district-gangnam").startswith("강남구 1 1 1")
    assert row(city, "day-2030-03-04") == "2030. 3. 4. (월) 3 1"  # visits, help requests
    assert row(city, "day-2030-03-05") == "2030. 3. 5. (화) 1 0"
    assert row(city, "day-2030-02-27") == "2030. 2. 27. (수) 0 0"  # the last 7 days, each shown

    english = site.login("city-en").get("/admin/usage").text
    assert "Lesson 1" in english and "Mon 4 Mar 2030" in english

    guide = site.login("guide")
    own = guide.get("/admin/usage").text
    assert "수업 1" in own and "수업 2" not in own and "강남" not in own and "by-district" not in own
    assert row(own, "day-2030-03-04") == "2030. 3. 4. (월) 2 1"
    response = guide.get("/admin/usage.csv", params={"start": "2030-03-01", "end": "2030-03-05"})
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    assert 'filename="usage-2030-03-01-2030-03-05.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        {"district": "mapo", "district_name": "마포구", "center": "mapo-senior", "center_name": "마포노인복지관",
         "lesson": "'=HYPERLINK(1)", "lesson_title": "'=HYPERLINK(1)", "lessons_started": "1", "lessons_finished": "1"},
        {"district": "mapo", "district_name": "마포구", "center": "mapo-senior", "center_name": "마포노인복지관",
         "lesson": "lesson-1", "lesson_title": "수업 1", "lessons_started": "2", "lessons_finished": "2"},
    ]


def test_a_failed_sync_is_said_in_plain_words_with_the_kiosks_own_text_under_them():
    from server.i18n import Translator
    from server.views import sync_words

    korean, english = Translator("ko"), Translator("en")
    words, detail = sync_words("failed", "IndexRejected: the index signature does not match the configured public key",
                               english)
    assert words.startswith("The kiosk refused the content because its signature did not check out. Connect the kiosk")
    assert detail == "IndexRejected: the index signature does not match the configured public key"
    assert sync_words("failed", "IndexRejected: the index expired at 2030-03-01 01:00 UTC", korean)[0].startswith(
        "콘텐츠 서명의 유효 기간이 지났습니다")
    assert "인터넷 연결을 확인하세요" in sync_words("failed", "FetchError: object 1a2b3c: gave up after 4 attempts", korean)[0]
    assert sync_words("failed", "SomethingNew: odd", english) == ("sync failed", "SomethingNew: odd")
    assert sync_words("unchanged", "", korean) == ("최신 상태", "")


def test_each_kiosk_has_its_own_page_of_changes_and_the_list_stays_light(site):
    mapo = site.login("mapo")
    listed = mapo.get("/admin/kiosks").text
    assert "<select" not in listed  # no center list per row: a city's thousands of kiosks list quickly
    assert 'href="/admin/kiosks/mapo-welfare-1"' in listed
    page = mapo.get("/admin/kiosks/mapo-welfare-1")
    assert page.status_code == 200 and 'action="/admin/kiosks/mapo-welfare-1/move"' in page.text
    options = re.findall(r'<option value="([^"]*)"', page.text)
    assert "mapo-senior" in options and "gangnam-welfare" not in options  # only the district's centers
    assert mapo.get("/admin/kiosks/gangnam-1").status_code == 403
    gone = mapo.get("/admin/kiosks/no-such-kiosk")
    assert gone.status_code == 404 and "no-such-kiosk" in gone.text
    refused = mapo.post("/admin/kiosks/mapo-welfare-1/rename", data={"csrf": csrf_of(page.text), "new_name": "two words"})
    assert refused.status_code == 400 and 'action="/admin/kiosks/mapo-welfare-1/move"' in refused.text  # its page again


def test_center_names_follow_a_change_made_at_the_same_moment(tmp_path, database_url):
    """Names are kept between pages (server.titles), yet a center renamed, added or removed,
    even within the same second, shows as it is now."""
    from server.centers import make_center, parse_windows, put_center, remove_center
    from server.db import open_server_database
    from server.titles import titles

    def center(center_id: str, name: str):
        words = {"ko": name, "ja": name, "en": name}
        return make_center({"id": center_id, "district": "mapo", "name": words, "address": words,
                            "open_times": parse_windows("mon-fri 09:00-18:00")}, "test")

    sessions = open_server_database(database_url)
    with sessions.begin() as session:
        put_center(session, center("mapo-a", "마포 경로당"), T0)
    with sessions() as session:
        assert titles(session, tmp_path).center("mapo-a", "ko") == "마포 경로당"
    with sessions.begin() as session:
        put_center(session, center("mapo-a", "마포 행복 경로당"), T0)  # the same moment, a longer name
        put_center(session, center("mapo-b", "마포 새 경로당"), T0)
    with sessions() as session:
        names = titles(session, tmp_path)
        assert (names.center("mapo-a", "ko"), names.center("mapo-b", "ko")) == ("마포 행복 경로당", "마포 새 경로당")
    with sessions.begin() as session:
        remove_center(session, "mapo-b")
    with sessions() as session:
        assert titles(session, tmp_path).center("mapo-b", "ko") == "mapo-b"  # gone: its id, as for any unknown
    sessions.kw["bind"].dispose()
