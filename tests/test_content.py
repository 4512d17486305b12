"""The content schema and loader: good packs load, bad ones are rejected with exact messages."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from tests.plugins.packs import add_practice_lesson, read, write

from kiosk.content import kinds
from kiosk.content.loader import ContentError, load_pack
from kiosk.content.localize import pick
from kiosk.content.schema import LOCALES, SCHEMA_VERSION
from kiosk.paths import BUNDLED_CONTENT
from kiosk.services import KioskServices


def problems_of(pack_dir) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_pack(pack_dir)
    return [str(p) for p in caught.value.problems]


def test_a_valid_pack_loads_with_everything_in_it(pack_dir):
    pack = load_pack(pack_dir)
    assert [c.id for c in pack.categories] == ["basics", "safety"]
    assert len(pack.lessons) == 3 and len(pack.programs) == 4
    assert pack.lessons[0].steps[0].picture == "media/pic-1.svg"


def test_missing_locale_text_names_file_item_and_field(pack_dir):
    lesson_file = pack_dir / "lessons" / "lesson-2.json"
    lesson = read(lesson_file)
    del lesson["steps"][1]["text"]["ja"]
    write(lesson_file, lesson)
    assert problems_of(pack_dir) == [
        "lessons/lesson-2.json, item 'lesson-2', field 'steps[1].text': "
        "missing text for locale(s) ja; every text needs ko, ja, en"
    ]


def test_empty_text_is_rejected(pack_dir):
    programs = read(pack_dir / "programs.json")
    programs[2]["summary"]["en"] = "   "
    write(pack_dir / "programs.json", programs)
    assert problems_of(pack_dir) == ["programs.json, item 'program-3', field 'summary': text for locale 'en' is empty"]


def test_unknown_category_is_rejected_with_the_choices(pack_dir):
    lesson = read(pack_dir / "lessons" / "lesson-1.json")
    lesson["category"] = "cooking"
    write(pack_dir / "lessons" / "lesson-1.json", lesson)
    assert problems_of(pack_dir) == [
        "lessons/lesson-1.json, item 'lesson-1', field 'category': unknown category 'cooking'; use one of: basics, safety"
    ]


def test_broken_picture_path_is_rejected(pack_dir):
    lesson = read(pack_dir / "lessons" / "lesson-3.json")
    lesson["steps"][2]["picture"] = "media/nowhere.svg"
    write(pack_dir / "lessons" / "lesson-3.json", lesson)
    assert problems_of(pack_dir) == [
        "lessons/lesson-3.json, item 'lesson-3', field 'steps[2].picture': "
        "'media/nowhere.svg' does not exist in the pack; add the file or fix the path"
    ]


def test_picture_outside_the_pack_is_rejected(pack_dir):
    lesson = read(pack_dir / "lessons" / "lesson-3.json")
    lesson["steps"][0]["picture"] = "../secret.svg"
    write(pack_dir / "lessons" / "lesson-3.json", lesson)
    (message,) = problems_of(pack_dir)
    assert message.startswith("lessons/lesson-3.json, item 'lesson-3', field 'steps[0].picture': '../secret.svg' must be")


def test_a_corrupt_picture_is_rejected(pack_dir):
    (pack_dir / "media" / "pic-2.svg").write_text("<svg><not closed")
    messages = problems_of(pack_dir)
    assert messages and all("'media/pic-2.svg' is not a readable SVG picture" in m for m in messages)


def test_malformed_json_names_line_and_column(pack_dir):
    (pack_dir / "notices.json").write_text('[{"id": "x",\n "title": }]', encoding="utf-8")
    assert problems_of(pack_dir) == ["notices.json: not valid JSON at line 2, column 11: Expecting value"]


def test_missing_file_and_bad_dates_are_reported_together(pack_dir):
    (pack_dir / "themes.json").unlink()
    notices = read(pack_dir / "notices.json")
    notices[0]["valid_until"] = "2025-01-01"
    write(pack_dir / "notices.json", notices)
    messages = problems_of(pack_dir)
    assert "themes.json: file is missing; every pack needs it" in messages
    assert "notices.json, item 'current': valid_until is before valid_from" in messages


def test_duplicate_ids_are_rejected(pack_dir):
    shutil.copy(pack_dir / "lessons" / "lesson-1.json", pack_dir / "lessons" / "copy.json")
    assert any("id 'lesson-1' is used twice" in m for m in problems_of(pack_dir))


def test_bad_pack_keeps_the_content_the_kiosk_had(services, pack_dir):
    before = services.content.snapshot
    broken = pack_dir.parent / "broken"
    shutil.copytree(pack_dir, broken)
    (broken / "pack.json").write_text("{", encoding="utf-8")
    assert services.load_content(broken) is False
    assert "pack.json: not valid JSON" in services.problems[-1]
    assert services.content.snapshot is before
    assert services.content.lesson("lesson-1") is not None


def test_locale_fallback_chain():
    assert pick({"ko": "안녕", "ja": "こんにちは", "en": "Hello"}, "ja") == "こんにちは"
    assert pick({"ko": "안녕", "en": "Hello"}, "ja") == "Hello"
    assert pick({"ko": "안녕"}, "ja") == "안녕"
    assert pick({"ko": "안녕", "ja": "こんにちは"}, "en") == "안녕"
    assert pick({"en": "Hello"}, "ko") == "Hello"
    assert pick(None, "ko") == ""


def test_a_pack_needing_only_korean_falls_back_on_screen(tmp_path, pack_dir):
    manifest = read(pack_dir / "pack.json")
    manifest["required_locales"] = ["ko"]
    write(pack_dir / "pack.json", manifest)
    lesson = read(pack_dir / "lessons" / "lesson-1.json")
    lesson["title"] = {"ko": "한국어 제목만"}
    write(pack_dir / "lessons" / "lesson-1.json", lesson)
    services = KioskServices.open(tmp_path / "data", pack_dir)
    assert pick(services.content.lesson("lesson-1").title, "ja") == "한국어 제목만"


def test_bundled_demo_pack_is_complete():
    pack = load_pack(BUNDLED_CONTENT)
    assert pack.manifest.required_locales == list(LOCALES)
    lessons = [lesson for lesson in pack.lessons if lesson.kind == "lesson"]
    assert len(lessons) >= 12
    assert len({lesson.category for lesson in lessons}) >= 4
    for lesson in lessons:
        assert 4 <= len(lesson.steps) <= 10, lesson.id
        assert all(step.picture for step in lesson.steps), lesson.id
    assert len(pack.programs) >= 20
    assert len({program.theme for program in pack.programs}) >= 8
    assert all(str(program.detail_url).startswith("https://") for program in pack.programs)


def test_validate_command_reports_the_problem(pack_dir, capsys):
    from kiosk.content.validate import main

    assert main([str(pack_dir)]) == 0
    assert "OK: 2 categories, 3 lessons (12 steps), 4 programs, 2 notices" in capsys.readouterr().out
    (pack_dir / "categories.json").write_text(json.dumps([{"id": "Bad Id"}]), encoding="utf-8")
    assert main([str(pack_dir)]) == 1
    assert "categories.json, item 'Bad Id', field 'id'" in capsys.readouterr().err


def test_the_bundled_pack_says_its_schema_version_and_passes_the_strict_check():
    pack = load_pack(BUNDLED_CONTENT, strict=True)
    assert pack.manifest.schema_version == SCHEMA_VERSION == "1.2"  # the schema it is written to
    assert pack.manifest.center.guide_times[0].days == ["tue", "thu"]


# Content kinds --------------------------------------------------------------------------------


def test_the_two_kinds_of_today_and_their_screens(pack_dir):
    add_practice_lesson(pack_dir, "practice-1", screens=3)
    lessons = {lesson.id: lesson for lesson in load_pack(pack_dir).lessons}
    assert kinds.names() == ("lesson", "practice")
    assert [kinds.screen_for(lessons[name]) for name in ("lesson-1", "practice-1")] == ["player", "practice"]
    assert [kinds.step_count(lessons[name]) for name in ("lesson-1", "practice-1")] == [4, 3]
    assert kinds.media_paths(lessons["practice-1"]) == {f"media/practice-1-{n}.svg" for n in (1, 2, 3)}
    assert kinds.step_texts(lessons["practice-1"])[0]["en"] == "Tap box 1."


def _check_quiz(lesson) -> None:
    if len(lesson.screens) < 2:
        raise ValueError("a quiz needs at least two questions in 'screens'")


QUIZ = kinds.ContentKind(
    name="quiz",
    screen="quiz",
    check=_check_quiz,
    media=lambda lesson: [(f"screens[{n}].picture", screen.picture) for n, screen in enumerate(lesson.screens)],
    step_count=lambda lesson: len(lesson.screens),
    step_texts=lambda lesson: [screen.task for screen in lesson.screens],
    cover_picture=lambda lesson: lesson.screens[0].picture,
)


@pytest.fixture
def quiz_kind():
    kinds.register(QUIZ)
    yield QUIZ
    kinds.unregister(QUIZ.name)


def add_quiz(pack_dir, screens: int = 3) -> dict:
    quiz = add_practice_lesson(pack_dir, "quiz-1", screens=screens)
    quiz["kind"] = "quiz"
    write(pack_dir / "lessons" / "quiz-1.json", quiz)
    return quiz


def test_an_unregistered_kind_is_rejected_with_the_choices(pack_dir):
    add_quiz(pack_dir)
    assert problems_of(pack_dir) == [
        "lessons/quiz-1.json, item 'quiz-1', field 'kind': unknown kind 'quiz'; use one of: lesson, practice"
    ]


def test_a_third_kind_is_one_registry_entry(pack_dir, quiz_kind, capsys):
    add_quiz(pack_dir, screens=3)
    pack = load_pack(pack_dir, strict=True)
    quiz = next(lesson for lesson in pack.lessons if lesson.id == "quiz-1")
    assert kinds.kind_of(quiz) is quiz_kind
    assert kinds.screen_for(quiz) == "quiz"
    assert kinds.step_count(quiz) == 3
    quiz_media = {f"media/quiz-1-{n}.svg" for n in (1, 2, 3)}
    assert kinds.media_paths(quiz) == quiz_media and quiz_media <= pack.media_paths()
    assert kinds.cover_picture(quiz) == "media/quiz-1-1.svg"

    from kiosk.content.validate import main

    assert main([str(pack_dir)]) == 0
    assert "4 lessons (15 steps)" in capsys.readouterr().out  # 3 lessons of 4 steps and the quiz's 3

    (pack_dir / "media" / "quiz-1-2.svg").unlink()
    assert problems_of(pack_dir) == [
        "lessons/quiz-1.json, item 'quiz-1', field 'screens[1].picture': "
        "'media/quiz-1-2.svg' does not exist in the pack; add the file or fix the path"
    ]


def test_a_third_kind_checks_its_own_content(pack_dir, quiz_kind):
    add_quiz(pack_dir, screens=1)
    assert problems_of(pack_dir) == ["lessons/quiz-1.json, item 'quiz-1': a quiz needs at least two questions in 'screens'"]


# Notices and the day ----------------------------------------------------------------------------


def test_notices_follow_the_repository_day(services):
    content = services.content
    content.today = lambda: dt.date(2026, 1, 1)  # the first day of "current"
    assert [notice.id for notice in content.notices()] == ["current"]
    content.today = lambda: dt.date(2025, 12, 31)
    assert content.notices() == []
    assert [notice.id for notice in content.notices(dt.date(2020, 2, 1))] == ["expired"], "its last day still counts"


def test_a_sound_where_a_picture_belongs_is_rejected(pack_dir):
    import shutil

    lesson = read(pack_dir / "lessons" / "lesson-3.json")
    picture = lesson["steps"][0]["picture"]
    shutil.copyfile(pack_dir / picture, pack_dir / "media" / "step.svg")
    (pack_dir / "media" / "voice.wav").write_bytes(b"RIFF" + bytes(40))
    lesson["steps"][0]["picture"] = "media/voice.wav"
    lesson["steps"][1]["narration"] = {"ko": "media/step.svg"}
    write(pack_dir / "lessons" / "lesson-3.json", lesson)
    assert problems_of(pack_dir) == [
        "lessons/lesson-3.json, item 'lesson-3', field 'steps[0].picture': "
        "'media/voice.wav' has an unsupported type; use SVG, PNG or JPEG",
        "lessons/lesson-3.json, item 'lesson-3', field 'steps[1].narration.ko': "
        "'media/step.svg' has an unsupported type; use WAV, OGG or MP3",
    ]
