"""A category's topics on the admin web, over real HTTP (a real server on 127.0.0.1, real SQLite):
the city admin adds, names, moves and removes a category's topics in the category's editor, a
lesson chooses one of its category's topics, and what is published is a pack the kiosk's own
loader reads with them. What goes wrong (a lesson moved to a category without its topic, a topic
still in use removed) is said in plain words beside the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.plugins.html_forms import as_data, form_fields
from tests.plugins.server_database import csrf_of
from tests.test_admin_content import DEMO, editor_fields, logged_in, save

from kiosk.content.loader import load_pack
from kiosk.content.schema import ContentPack

CATEGORY = "/admin/content/category/staying-safe"
LESSON = "/admin/content/lesson/spot-scam-text"  # in staying-safe
OTHER_LESSON = "/admin/content/lesson/scam-phone-calls"  # in staying-safe too


@pytest.fixture
def site(admin_server):
    """The city's server with the demo content published (as in tests/test_admin_content.py)."""
    admin_server.publish(DEMO, note="demo content")
    return admin_server
SCAM_TEXTS = {"ko": "문자 사기", "ja": "詐欺メール", "en": "Scam texts"}
PHONE_SCAMS = {"ko": "전화 사기", "ja": "電話詐欺", "en": "Phone scams"}


def titled(index: int, title: dict[str, str]) -> dict[str, str]:
    return {f"topics.{index}.title.{locale}": text for locale, text in title.items()}


def add_topic(http, values: dict[str, str] | None = None):
    """Press "Add a topic" (saving what the form has, and ``values``)."""
    response = save(http, CATEGORY, values or {}, do="add:topics")
    assert response.status_code == 303, response.text[:3000]
    assert response.headers["location"].endswith("#topics")  # back where the button was
    return response


def two_topics(http, first_added: bool = False) -> None:
    """staying-safe gets "scam-texts" (its id made from the English title) and "calls" (typed)."""
    if not first_added:
        add_topic(http)
    add_topic(http, titled(0, SCAM_TEXTS))
    response = save(http, CATEGORY, {**titled(1, PHONE_SCAMS), "topics.1.id": "calls"})
    assert response.status_code == 303, response.text[:3000]


def topic_values(http, path: str = CATEGORY) -> list[tuple[str, str]]:
    """The category editor's topics as the form posts them: (id, order) in the order shown."""
    fields = dict(editor_fields(http, path))
    count = len({name.split(".")[1] for name in fields if name.startswith("topics.")})
    return [(fields[f"topics.{i}.id"], fields[f"topics.{i}.order"]) for i in range(count)]


def publish(http, note: str):
    page = http.get("/admin/content/publish").text
    return http.post("/admin/content/publish", data={"csrf": csrf_of(page), "note": note})


def published_pack(site, folder: Path) -> ContentPack:
    """The last published pack, every file as the repository holds it, read by the kiosk's loader."""
    from protocol.repo_format import object_path, parse_shard
    from server.content_store import latest_publication

    with site.sessions() as session:
        source = latest_publication(session).source
    files = parse_shard((site.repo_dir / object_path(source)).read_bytes(), kind="catalog")
    for path, entry in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes((site.repo_dir / object_path(entry[0])).read_bytes())
    return load_pack(folder, strict=True)


def test_a_city_admin_adds_topics_a_lesson_chooses_one_and_the_kiosk_reads_them(site, tmp_path):
    http = logged_in(site)
    # Before: the lesson editor says where topics come from.
    assert "먼저 수업 분야를 고르고 임시 저장하세요." in http.get("/admin/content/lesson/new?lesson_kind=lesson").text
    assert "위 수업 분야에는 세부 분야가 없어" in http.get(LESSON).text
    add_topic(http)
    page = http.get(CATEGORY).text
    assert "세부 분야 1" in page and 'name="topics.0.title.ja"' in page  # ko, ja, en boxes like every text
    assert 'href="#f-topics-0-title-ko"' in page  # the new topic's empty title is said, and leads to it
    two_topics(http, first_added=True)
    assert topic_values(http) == [("scam-texts", "1"), ("calls", "2")]

    lesson_page = http.get(LESSON).text
    select = re.search(r'<select id="f-topic-in" name="topic">(.*?)</select>', lesson_page, re.S).group(1)
    assert re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select) == [
        ("", "(없음)"), ("scam-texts", "문자 사기"), ("calls", "전화 사기")]
    response = save(http, LESSON, {"topic": "calls"})
    assert response.status_code == 303, response.text[:3000]
    assert re.search(r'<option value="calls" selected>', http.get(LESSON).text)
    assert "이 세부 분야를 쓰는 수업이 1개 있습니다." in http.get(CATEGORY).text

    review = http.get("/admin/content/publish").text  # what changes, named as on the form
    assert "세부 분야 2 제목" in review
    assert re.search(r'<span class="where">세부 분야</span>:\s*<ins>calls</ins>', review)
    assert publish(http, "안전 수업을 세부 분야로 나눔").status_code == 303
    pack = published_pack(site, tmp_path / "pack")
    category = next(c for c in pack.categories if c.id == "staying-safe")
    assert [(t.id, t.order, t.title) for t in category.topics] == [("scam-texts", 1, SCAM_TEXTS),
                                                                   ("calls", 2, PHONE_SCAMS)]
    lessons = {lesson.id: lesson for lesson in pack.lessons}
    assert lessons["spot-scam-text"].topic == "calls" and lessons["scam-phone-calls"].topic is None
    # Published: the ids kiosks know are no longer boxes to type in.
    page = http.get(CATEGORY).text
    assert 'type="text" name="topics.0.id"' not in page and 'type="hidden" name="topics.0.id" value="scam-texts"' in page


def test_a_topic_moves_and_one_still_used_is_not_removed(site, tmp_path):
    http = logged_in(site)
    two_topics(http)
    assert save(http, LESSON, {"topic": "calls"}).status_code == 303

    moved = save(http, CATEGORY, {}, do="up:topics:1")
    assert moved.status_code == 303 and moved.headers["location"].endswith("#topics")
    assert topic_values(http) == [("calls", "1"), ("scam-texts", "2")]  # the two swap places and orders

    refused = save(http, CATEGORY, {"title.en": "Staying safe, in topics"}, do="remove:topics:0")
    assert refused.status_code == 400
    assert ("세부 분야 “calls”을(를) 지우지 않았습니다. 아직 수업 1개가 이 세부 분야를 씁니다(spot-scam-text)."
            in refused.text)
    assert topic_values(http) == [("calls", "1"), ("scam-texts", "2")]  # still there
    assert 'value="Staying safe, in topics"' in http.get(CATEGORY).text  # what else was typed is saved

    assert save(http, CATEGORY, {}, do="remove:topics:1").status_code == 303  # no lesson uses scam-texts
    assert topic_values(http) == [("calls", "1")]

    # Once the lesson leaves the topic, the topic can go too; with the last one, the key does.
    assert save(http, LESSON, {"topic": ""}).status_code == 303
    assert save(http, CATEGORY, {}, do="remove:topics:0").status_code == 303
    assert topic_values(http) == []
    assert publish(http, "세부 분야 없이").status_code == 303
    pack = published_pack(site, tmp_path / "pack")
    assert next(c for c in pack.categories if c.id == "staying-safe").topics == []
    assert next(lesson for lesson in pack.lessons if lesson.id == "spot-scam-text").topic is None


def test_a_removal_names_how_many_lessons_use_the_topic(site):
    english = logged_in(site)
    english.post("/admin/language", data={"csrf": csrf_of(english.get("/admin/content").text), "locale": "en"})
    two_topics(english)
    for lesson in (LESSON, OTHER_LESSON):
        assert save(english, lesson, {"topic": "scam-texts"}).status_code == 303
    refused = save(english, CATEGORY, {}, do="remove:topics:0")
    assert refused.status_code == 400
    assert ("The topic “scam-texts” was not removed: 2 lessons still use it (scam-phone-calls, spot-scam-text)."
            in refused.text.replace("\n", " "))
    assert "2 lessons use this topic." in refused.text


def test_a_lesson_moved_to_a_category_without_its_topic_is_told_plainly(site):
    http = logged_in(site)
    two_topics(http)
    assert save(http, LESSON, {"topic": "calls"}).status_code == 303

    # To a category with no topics: saved as a draft, the problem said beside the field.
    response = save(http, LESSON, {"category": "smartphone-basics"})
    assert response.status_code == 303, response.text[:3000]
    page = http.get(LESSON).text
    assert ("세부 분야: “smartphone-basics” 수업 분야에는 세부 분야가 없어서 이 수업을 “calls” 세부 분야에 넣을 수 "
            "없습니다.") in page
    assert 'href="#f-topic"' in page and 'id="f-topic"' in page
    # The lesson's topic stays chosen (marked), so a save does not drop it unasked.
    assert '<option value="calls" selected>calls (이 수업 분야의 세부 분야가 아님)</option>' in page
    assert publish(http, "옮김").status_code == 400  # nothing is published while it is so

    # To a category that has other topics: the ones to pick from are named.
    smartphone = "/admin/content/category/smartphone-basics"
    assert save(http, smartphone, {}, do="add:topics").status_code == 303
    assert save(http, smartphone, {**titled(0, {"ko": "와이파이", "ja": "Wi-Fi", "en": "Wi-Fi"})}).status_code == 303
    page = http.get(LESSON).text
    assert ("세부 분야: “smartphone-basics” 수업 분야에는 “calls” 세부 분야가 없습니다. 그 분야의 세부 분야(wi-fi) 중 "
            "하나나 “(없음)”을 고르세요.") in page
    select = re.search(r'<select id="f-topic-in" name="topic">(.*?)</select>', page, re.S).group(1)
    assert '<option value="wi-fi">와이파이</option>' in select

    assert save(http, LESSON, {"topic": "wi-fi"}).status_code == 303
    page = http.get(LESSON).text
    assert "세부 분야:" not in page and '<option value="wi-fi" selected>' in page
    assert publish(http, "옮김").status_code == 303


def test_a_typed_short_name_follows_the_rules_of_every_id(site):
    http = logged_in(site)
    add_topic(http)
    response = save(http, CATEGORY, {**titled(0, SCAM_TEXTS), "topics.0.id": "Scam Texts"})
    assert response.status_code == 303  # kept as typed, as a draft; the check says what is wrong
    page = http.get(CATEGORY).text
    assert "세부 분야 1 짧은 이름: “Scam Texts”은(는) 올바른 ID가 아닙니다." in page
    assert 'href="#f-topics-0-id"' in page and 'id="f-topics-0-id"' in page
    assert 'value="Scam Texts"' in page  # still a box: not published, no lesson uses it

    # Two topics with one short name: said once, for the category's topics.
    add_topic(http, {"topics.0.id": "scam"})
    response = save(http, CATEGORY, {**titled(1, PHONE_SCAMS), "topics.1.id": "scam"})
    assert response.status_code == 303
    page = http.get(CATEGORY).text
    assert "수업 분야 “staying-safe”: 세부 분야 두 개가 같은 짧은 이름 “scam”을(를) 씁니다." in page
    assert 'href="#f-topics"' in page


def test_an_unchanged_category_with_topics_saves_nothing_new(site):
    http = logged_in(site)
    two_topics(http)
    assert publish(http, "세부 분야").status_code == 303
    fields = form_fields(http.get(CATEGORY).text, form_id="editor")
    assert http.post(CATEGORY, data=as_data(fields + [("do", "save")])).status_code == 303
    page = http.get("/admin/content/publish").text
    assert "No changes." in page or "변경 없음" in page, page


def test_a_topic_titled_only_in_korean_gets_a_numbered_short_name(site):
    http = logged_in(site)
    add_topic(http)
    add_topic(http, {"topics.0.title.ko": "문자 사기"})
    assert save(http, CATEGORY, {**titled(1, PHONE_SCAMS)}).status_code == 303
    assert [topic_id for topic_id, _ in topic_values(http)] == ["topic-1", "phone-scams"]
    page = http.get(CATEGORY).text
    assert "세부 분야 1 제목, 일본어·영어 글이 없습니다." in page and 'href="#f-topics-0-title-ja"' in page
