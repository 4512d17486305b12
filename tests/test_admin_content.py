"""The content editors over real HTTP (a real server on 127.0.0.1, real SQLite or PostgreSQL):
drafts kept apart from what is published, every save checked by the kiosk's loader and said
in plain words, publishing with a note and a diff, revisions with author and note, restore as
a new revision, who may edit what, search across languages, and the command line's notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.plugins.browser import CITY_ADMIN, PASSWORD
from tests.plugins.html_forms import as_data, form_fields, with_values
from tests.plugins.server_database import csrf_of

from server.scope import Role

DEMO = Path(__file__).resolve().parent.parent / "resources" / "content"


@pytest.fixture
def site(admin_server):
    admin_server.add_center("mapo-senior", "mapo", "마포노인복지관", "Mapo Senior Welfare Center")
    admin_server.add_center("gangnam-welfare", "gangnam", "강남노인복지관", "Gangnam Welfare Center")
    admin_server.publish(DEMO, note="demo content")
    return admin_server


def logged_in(site, login=CITY_ADMIN):
    http = site.client()
    response = http.post("/admin/login", data={"login": login, "password": PASSWORD})
    assert response.status_code == 303, response.text
    return http


def editor_fields(http, path: str) -> list[tuple[str, str]]:
    page = http.get(path)
    assert page.status_code == 200, page.text
    return form_fields(page.text, form_id="editor")


def save(http, path: str, values: dict[str, str], do: str = "save", fields=None, files=None):
    fields = editor_fields(http, path) if fields is None else fields
    posted = with_values(fields, values) + [("do", do)]
    return http.post(path, data=as_data(posted), files=files)


def published_revision(site) -> int:
    index = json.loads((site.repo_dir / "index.json").read_text())
    return index["payload"]["revision"]


def test_an_unchanged_form_saves_nothing_new(site):
    """Every field the editor shows is posted back as it was: the draft is the published item."""
    http = logged_in(site)
    for kind, item in (("notice", "guide-on-duty"), ("lesson", "video-call"), ("lesson", "practice-scam-text"),
                       ("program", "safety-net-income-trial"), ("category", "everyday-services")):
        response = save(http, f"/admin/content/{kind}/{item}", {})
        assert response.status_code == 303, (kind, item, response.text[:2000])
    publish_page = http.get("/admin/content/publish").text
    assert "No changes." in publish_page or "변경 없음" in publish_page, publish_page


def test_a_city_admin_fixes_a_japanese_typo_and_publishes_it_with_a_note(site):
    http = logged_in(site)
    before = published_revision(site)
    response = save(http, "/admin/content/notice/guide-on-duty", {"title.ja": "デジタル案内士は火曜と木曜にいます"})
    assert response.status_code == 303
    listing = http.get("/admin/content?kind=notice").text
    assert 'class="badge changed"' in listing
    assert published_revision(site) == before  # a draft reaches no kiosk

    publish_page = http.get("/admin/content/publish")
    assert "火曜と木曜" in publish_page.text and "火・木曜日" in publish_page.text  # after and before
    assert "일본어" in publish_page.text  # the language that changed, in the admin's Korean
    refused = http.post("/admin/content/publish", data={"csrf": csrf_of(publish_page.text), "note": ""})
    assert refused.status_code == 400  # a change note is asked for

    done = http.post("/admin/content/publish", data={"csrf": csrf_of(publish_page.text), "note": "일본어 오타 수정"})
    assert done.status_code == 303
    revision = int(re.search(r"/revisions/(\d+)", done.headers["location"]).group(1))
    assert revision == published_revision(site) == before + 1
    page = http.get(done.headers["location"]).text
    assert "일본어 오타 수정" in page and CITY_ADMIN in page and "火曜と木曜" in page
    listing = http.get("/admin/revisions").text
    assert "일본어 오타 수정" in listing and f"/admin/content/revisions/{revision}" in listing
    assert 'class="badge changed"' not in http.get("/admin/content?kind=notice").text  # the draft is gone


def test_every_save_is_checked_and_said_in_plain_words(site):
    http = logged_in(site)
    new = "/admin/content/lesson/new?lesson_kind=lesson"
    fields = editor_fields(http, new)
    values = {"category": "everyday-services", "title.ko": "새 수업", "title.ja": "新しい授業", "title.en": "A new lesson",
              "summary.ko": "요약", "summary.ja": "要約", "summary.en": "Summary",
              "steps.0.text.ko": "첫 단계", "steps.0.text.ja": "最初", "steps.0.text.en": "First"}
    response = http.post("/admin/content/lesson/new", data=as_data(with_values(fields, values) + [("do", "add:steps")]))
    assert response.status_code == 303, response.text[:3000]
    location = response.headers["location"].split("#")[0]
    assert location.startswith("/admin/content/lesson/a-new-lesson")
    # The second step is written in Korean and English only.
    response = save(http, "/admin/content/lesson/a-new-lesson", {"steps.1.text.ko": "둘째 단계", "steps.1.text.en": "Second"})
    assert response.status_code == 303
    page = http.get("/admin/content/lesson/a-new-lesson").text
    assert "2단계" in page and "일본어" in page  # "Step 2, Japanese text ..." in Korean
    assert 'href="#f-steps-1-text-ja"' in page  # the message leads to the field
    english = logged_in(site)
    english.post("/admin/language", data={"csrf": csrf_of(english.get("/admin/content").text), "locale": "en"})
    assert re.search(r"Step 2, Japanese text", english.get("/admin/content/lesson/a-new-lesson").text)

    publish_page = http.get("/admin/content/publish").text
    assert "f-steps-1-text-ja" in publish_page
    refused = http.post("/admin/content/publish", data={"csrf": csrf_of(publish_page), "note": "새 수업"})
    assert refused.status_code == 400  # nothing is published while a draft has problems
    assert "a-new-lesson" not in json.dumps(json.loads((site.repo_dir / "index.json").read_text()))


def test_restore_publishes_an_earlier_version_as_a_new_revision(site):
    http = logged_in(site)
    first = published_revision(site)
    save(http, "/admin/content/notice/guide-on-duty", {"title.en": "A guide is in on Tuesdays"})
    page = http.get("/admin/content/publish").text
    http.post("/admin/content/publish", data={"csrf": csrf_of(page), "note": "shorter title"})
    assert published_revision(site) == first + 1

    page = http.get(f"/admin/content/revisions/{first}").text
    response = http.post(f"/admin/content/revisions/{first}/restore", data={"csrf": csrf_of(page), "note": "back"})
    assert response.status_code == 303
    assert published_revision(site) == first + 2  # forward, never back
    page = http.get(response.headers["location"]).text
    assert "A digital guide is here on Tuesdays and Thursdays" in page  # what came back
    with site.sessions() as session:
        from server.models import Publication

        row = session.get(Publication, first + 2)
        assert (row.restored_from, row.note, row.published_by) == (first, "back", CITY_ADMIN)
    notice = next(n for n in _published_list(site, "notices.json") if n["id"] == "guide-on-duty")
    assert notice["title"]["en"] == "A digital guide is here on Tuesdays and Thursdays"


def _published_list(site, name: str) -> list:
    from protocol.repo_format import object_path, parse_shard
    from server.content_store import latest_publication

    with site.sessions() as session:
        source = latest_publication(session).source
    files = parse_shard((site.repo_dir / object_path(source)).read_bytes(), kind="catalog")
    return json.loads((site.repo_dir / object_path(files[name][0])).read_bytes())


def test_center_staff_edit_their_own_notices_and_nothing_of_the_city(site):
    site.add_staff("mapo-guide", Role.CENTER, center="mapo-senior", district="mapo")
    http = logged_in(site, "mapo-guide")
    program = "/admin/content/program/safety-net-income-trial"
    assert "readonly" in http.get(program).text
    fields = form_fields(logged_in(site).get(program).text, form_id="editor")
    refused = http.post(program, data=as_data(with_values(fields, {"title.ko": "바꿈"}) + [("do", "save")]))
    assert refused.status_code == 403
    assert http.get("/admin/content/program/new").status_code == 403

    values = {"title.ko": "이번 주 수요일은 쉽니다", "title.ja": "今週の水曜日は休みです", "title.en": "Closed this Wednesday",
              "body.ko": "시설 점검", "body.ja": "点検", "body.en": "Maintenance",
              "valid_from": "2030-03-01", "valid_until": "2030-03-10",
              "aimed_at.districts": "mapo"}  # a try to reach the whole district: kept to the center
    # The city published a notice from the web before (so the lists are written as the
    # editors write them), and has a draft of its own, which the center's publish leaves alone.
    city = logged_in(site)
    save(city, "/admin/content/notice/guide-on-duty", {"title.en": "A digital guide is in on Tuesdays and Thursdays"})
    page = city.get("/admin/content/publish").text
    assert city.post("/admin/content/publish", data={"csrf": csrf_of(page), "note": "title"}).status_code == 303
    save(city, "/admin/content/notice/guide-on-duty", {"title.en": "Guides: Tuesday and Thursday"})
    response = save(http, "/admin/content/notice/new", values)
    assert response.status_code == 303, response.text[:2000]
    gangnam_before = _view_revision(site, "gangnam-welfare")
    page = http.get("/admin/content/publish").text
    assert "이번 주 수요일은 쉽니다" in page and "Guides: Tuesday and Thursday" not in page
    assert http.post("/admin/content/publish", data={"csrf": csrf_of(page), "note": "휴관 안내"}).status_code == 303
    notices = {n["id"]: n for n in _published_list(site, "notices.json")}
    assert notices["closed-this-wednesday"]["aimed_at"] == {"centers": ["mapo-senior"]}
    assert notices["guide-on-duty"]["title"]["en"] == "A digital guide is in on Tuesdays and Thursdays"
    assert 'class="badge changed"' in city.get("/admin/content?kind=notice").text  # the city's draft stays
    assert _view_revision(site, "mapo-senior") > gangnam_before
    assert _view_revision(site, "gangnam-welfare") == gangnam_before  # another center's kiosks move no byte


def _view_revision(site, center: str) -> int:
    return json.loads((site.repo_dir / "centers" / center / "index.json").read_text())["payload"]["revision"]


def test_a_district_admin_cannot_aim_beyond_their_district(site):
    site.add_staff("mapo-admin", Role.DISTRICT, district="mapo")
    http = logged_in(site, "mapo-admin")
    values = {"title.ko": "마포 알림", "title.ja": "麻浦", "title.en": "Mapo news", "body.ko": "본문", "body.ja": "本文",
              "body.en": "Body", "valid_from": "2030-03-01", "valid_until": "2030-03-10", "aimed_at.districts": "gangnam"}
    response = save(http, "/admin/content/notice/new", values)
    assert response.status_code == 403
    assert "district" in response.text or "구" in response.text
    values["aimed_at.districts"] = "mapo"
    assert save(http, "/admin/content/notice/new", values).status_code == 303
    assert save(http, "/admin/content/category/everyday-services", {"title.ko": "x"},
                fields=form_fields(logged_in(site).get("/admin/content/category/everyday-services").text,
                                   form_id="editor")).status_code == 403


def test_search_finds_text_in_every_language_and_leads_to_the_field(site):
    http = logged_in(site)
    page = http.get("/admin/content/search", params={"q": "火・木曜日"}).text
    assert 'href="/admin/content/notice/guide-on-duty#f-title-ja"' in page
    page = http.get("/admin/content/search", params={"q": "VIDEO CALL"}).text  # any case
    assert "/admin/content/lesson/video-call#" in page
    save(http, "/admin/content/notice/guide-on-duty", {"body.ko": "안내사가 도와드립니다 새문장"})
    assert "/admin/content/notice/guide-on-duty#f-body-ko" in http.get("/admin/content/search", params={"q": "새문장"}).text


def test_removing_an_item_takes_it_off_at_the_next_publish_and_can_be_undone(site):
    http = logged_in(site)
    page = http.get("/admin/content/notice/guide-on-duty").text
    csrf = [("csrf", csrf_of(page))]
    assert http.post("/admin/content/notice/guide-on-duty", data=as_data(csrf + [("do", "remove")])).status_code == 303
    assert 'data-id="guide-on-duty"' in http.get("/admin/content/publish").text
    assert 'class="change removed"' in http.get("/admin/content/publish").text
    http.post("/admin/content/notice/guide-on-duty", data=as_data(csrf + [("do", "discard")]))
    assert 'class="change ' not in http.get("/admin/content/publish").text


def test_the_command_line_publish_keeps_its_note(site, tmp_path):
    from server.cli import main as server_main

    home = tmp_path / "home"
    assert server_main(["--home", str(home), "init"]) == 0
    assert server_main(["--home", str(home), "publish", str(DEMO), "--note", "first content"]) == 0
    from server.config import ServerHome
    from server.content_store import latest_publication
    from server.db import open_server_database

    sessions = open_server_database(ServerHome.locate(home).database_url())
    with sessions() as session:
        row = latest_publication(session)
        assert (row.note, row.published_by) == ("first content", "command line")


def test_a_photo_is_made_smaller_a_non_picture_is_refused_and_a_picture_can_be_taken_off(site, tmp_path):
    import io

    from PIL import Image

    http = logged_in(site)
    editor = "/admin/content/lesson/video-call"
    photo = io.BytesIO()
    Image.effect_noise((1008, 756), 60).convert("RGB").resize((4032, 3024)).save(photo, "JPEG", quality=95)
    response = save(http, editor, {}, files={"upload:steps.1.picture": ("IMG_0001.JPG", photo.getvalue(), "image/jpeg")})
    assert response.status_code == 303, response.text[:2000]
    page = http.get(editor).text
    path = re.search(r'name="steps\.1\.picture" value="([^"]+)"', page).group(1)
    assert path.startswith("media/uploads/") and path.endswith(".jpg")
    stored = http.get(f"/admin/content/file/{path}")
    assert stored.status_code == 200 and stored.headers["content-type"] == "image/jpeg"
    assert max(Image.open(io.BytesIO(stored.content)).size) <= 1600 and len(stored.content) < len(photo.getvalue()) / 4

    refused = save(http, editor, {"title.en": "Video call, kept"},
                   files={"upload:steps.2.picture": ("notes.jpg", b"this is not a picture", "image/jpeg")})
    assert refused.status_code == 400
    assert "notes.jpg 파일은 사진이나 그림이 아니에요" in refused.text
    assert 'value="Video call, kept"' in refused.text  # what was typed is kept

    response = save(http, editor, {"clear:steps.1.picture": "1"})
    assert response.status_code == 303
    assert 'name="steps.1.picture"' not in http.get(editor).text


def test_two_people_editing_one_item_do_not_overwrite_each_other_unknowingly(site):
    site.add_staff("second-admin", Role.CITY)
    first, second = logged_in(site), logged_in(site, "second-admin")
    editor = "/admin/content/notice/guide-on-duty"
    opened_by_first = editor_fields(first, editor)
    assert save(second, editor, {"title.en": "Guides on Tuesdays and Thursdays"}).status_code == 303
    clash = save(first, editor, {"title.ko": "안내사는 화·목요일에"}, fields=opened_by_first)
    assert clash.status_code == 409 and "second-admin" in clash.text
    assert 'value="안내사는 화·목요일에"' in clash.text  # nothing typed is lost
    fields = form_fields(clash.text, form_id="editor")  # the page now stands on the second admin's save
    assert http_ok(first.post(editor, data=as_data(fields + [("do", "save")])))
    page = first.get(editor).text
    assert 'value="안내사는 화·목요일에"' in page


def http_ok(response) -> bool:
    return response.status_code == 303


def test_a_removed_item_can_be_brought_back_and_a_bad_short_name_is_said(site):
    http = logged_in(site)
    editor = "/admin/content/notice/guide-on-duty"
    csrf = [("csrf", csrf_of(http.get(editor).text))]
    assert http.post(editor, data=as_data(csrf + [("do", "remove")])).status_code == 303
    # Opened again while marked for removal, and saved: no clash with itself, and it stays.
    assert save(http, editor, {"title.en": "Back again"}).status_code == 303
    assert 'class="change changed"' in http.get("/admin/content/publish").text

    values = {"id": "Guide Days!", "title.ko": "안내", "title.ja": "案内", "title.en": "Guide"}
    response = save(http, "/admin/content/notice/new", values)
    assert response.status_code == 400 and "Guide Days!" in response.text
    assert 'value="안내"' in response.text  # what was typed is kept


def test_a_voice_recorded_in_one_language_marks_no_text_missing(site, tmp_path):
    from tests.plugins.speech import write_tone

    http = logged_in(site)
    write_tone(tmp_path / "voice.wav", 1.0)
    response = save(http, "/admin/content/lesson/video-call", {},
                    files={"upload:steps.0.narration.ko": ("voice.wav", (tmp_path / "voice.wav").read_bytes(), "audio/wav")})
    assert response.status_code == 303
    assert 'name="steps.0.narration.ko" value="media/uploads/' in http.get("/admin/content/lesson/video-call").text
    row = re.search(r'<tr class="content-row" data-id="video-call">(.*?)</tr>',
                    http.get("/admin/content?kind=lesson").text, re.S).group(1)
    assert "badge changed" in row and "badge missing" not in row  # Japanese and English voices are optional
