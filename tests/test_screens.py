"""A visitor clicks through every screen; what is shown is what the content says."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from db.models import OutboxEntry
from tests.plugins.touch import click, tap_card


def test_home_shows_the_center_and_the_four_choices(window):
    home = window.screens["home"]
    assert window.current_name() == "home"
    assert home.title.text() == "시험 경로당"
    assert home.learn.text() == "디지털 배우기"
    assert home.call_guide.text() == "안내사 부르기"
    assert home.hours.text() == "운영: 평일 9시~18시"
    assert not window.bar.back.isEnabled()


def test_learning_a_lesson_from_start_to_finish(qtbot, window):
    click(qtbot, window.screens["home"].learn)
    categories = window.screens["categories"]
    assert window.current_name() == "categories"
    assert list(categories.cards) == ["basics", "safety"]
    tap_card(qtbot, categories, "basics")
    lessons = window.screens["lessons"]
    assert lessons.title.text() == "기초"
    assert list(lessons.cards) == ["lesson-1", "lesson-3"]
    tap_card(qtbot, lessons, "lesson-1")

    player = window.screens["player"]
    assert player.counter.text() == "4단계 중 1단계"
    assert "1번 수업 1단계예요." in player.step_text.text()
    assert not player.previous.isEnabled()
    assert player.picture.has_picture()
    for step in (2, 3, 4):
        click(qtbot, player.next)
        assert player.counter.text() == f"4단계 중 {step}단계"
    assert player.next.text().startswith("마치기")
    click(qtbot, player.previous)
    assert player.counter.text() == "4단계 중 3단계"
    click(qtbot, player.next)
    click(qtbot, player.next)

    finish = window.screens["finish"]
    assert window.current_name() == "finish"
    assert finish.title.text() == "잘하셨어요!"
    assert finish.praise.text() == "‘수업 1’ 수업을 마쳤어요."
    assert list(finish.cards) == ["lesson-2"]
    click(qtbot, finish.cards["lesson-2"])
    assert window.current_name() == "player" and player.lesson.id == "lesson-2"

    with window.services.sessions() as session:
        events = [p["event"] for p in session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "usage"))]
    assert events.count("lesson_started") == 2
    assert events.count("lesson_finished") == 1
    assert events.count("step_reached") == 5


def test_back_returns_to_the_step_the_visitor_was_on(qtbot, window):
    window.go("player", lesson="lesson-1")
    player = window.screens["player"]
    click(qtbot, player.next)
    click(qtbot, player.next)
    window.go("notices")
    click(qtbot, window.bar.back)
    assert window.current_name() == "player"
    assert player.counter.text() == "4단계 중 3단계"
    click(qtbot, window.bar.back)
    assert window.current_name() == "home"
    assert not window.bar.back.isEnabled()


def test_lessons_list_shows_progress(qtbot, window):
    window.go("player", lesson="lesson-1")
    click(qtbot, window.screens["player"].next)
    window.go("lessons", category="basics")
    assert "2단계까지 봤어요" in window.screens["lessons"].cards["lesson-1"].detail


def test_programs_filter_by_theme_and_show_a_qr_code(qtbot, window):
    click(qtbot, window.screens["home"].programs)
    programs = window.screens["programs"]
    assert list(programs.filter_buttons) == ["", "welfare", "health"]
    assert len(programs.cards) == 4
    click(qtbot, programs.filter_buttons["health"])
    assert list(programs.cards) == ["program-2", "program-4"]
    assert programs.filter_buttons["health"].isChecked()
    tap_card(qtbot, programs, "program-4")

    detail = window.screens["program"]
    assert detail.title.text() == "프로그램 4"
    assert detail.field_values["phone"].text() == "02-120"
    assert detail.field_values["audience"].text() == "65세 이상"
    assert detail.qr.data == "https://www.seoul.go.kr/program/4"
    import segno

    assert detail.qr._matrix == [[bool(c) for c in row] for row in segno.make(detail.qr.data, error="m").matrix]
    click(qtbot, window.bar.back)
    assert list(programs.cards) == ["program-2", "program-4"], "the filter is kept when coming back"


def test_notices_show_only_those_valid_today(qtbot, window):
    # The day is pinned on the content, so the test means the same in any year.
    window.services.content.today = lambda: dt.date(2026, 11, 25)
    click(qtbot, window.screens["home"].notices)
    assert [title for title, _ in window.screens["notices"].items] == ["안내"]
    window.services.content.today = lambda: dt.date(2025, 12, 31)  # the day before it starts
    window.screens["notices"].refresh()
    assert window.screens["notices"].items == []


def test_call_a_guide_is_recorded_and_confirmed(qtbot, window):
    # At a guide hour (the fixture's clock; tests/test_call_guide.py has the rest).
    window.go("player", lesson="lesson-3")
    click(qtbot, window.screens["player"].next)
    click(qtbot, window.bar.help)
    assert window.notice.isVisible()
    assert window.notice.heading.text() == "안내사가 오고 있어요"
    (request,) = window.services.helpdesk.open_requests()
    assert (request.screen, request.lesson_id, request.step) == ("player", "lesson-3", 2)
    click(qtbot, window.notice.button)
    assert not window.notice.isVisible()
    assert window.current_name() == "player"


def test_language_changes_every_text_on_screen(qtbot, window):
    home = window.screens["home"]
    click(qtbot, home.language_buttons["ja"])
    assert home.title.text() == "テスト敬老堂"
    assert home.learn.text() == "デジタルを学ぶ"
    assert window.bar.help.text() == "案内士を呼ぶ"
    click(qtbot, home.language_buttons["en"])
    assert home.title.text() == "Test Senior Center"
    assert home.learn.text() == "Learn digital skills"
    window.go("player", lesson="lesson-2")
    assert window.screens["player"].counter.text() == "Step 1 of 4"
    assert window.screens["player"].title.text() == "Lesson 2"


def test_text_size_button_offers_the_three_sizes_and_never_changes_its_words(qtbot, window):
    visitor = window.services.visitor
    label = window.screens["home"].title
    chooser = window.text_size_chooser
    sizes = []
    for expected in ("large", "largest", "normal"):
        click(qtbot, window.bar.text_size)
        assert chooser.isVisible()
        assert window.bar.text_size.text() == "글자 크기"
        click(qtbot, chooser.choices[expected])
        assert not chooser.isVisible()
        assert visitor.text_size == expected
        sizes.append(label.fontInfo().pixelSize())
    assert sizes[0] < sizes[1] and sizes[2] < sizes[0]
    assert window.bar.text_size.text() == "글자 크기"


def test_the_text_size_chooser_marks_the_current_size_and_shows_each_at_its_own_size(qtbot, window):
    window.change_text_size("large")
    click(qtbot, window.bar.text_size)
    choices = window.text_size_chooser.choices
    assert [size for size, button in choices.items() if button.isChecked()] == ["large"]
    shown = [choices[size].fontInfo().pixelSize() for size in ("normal", "large", "largest")]
    assert shown[0] < shown[1] < shown[2]
    assert all(button.text().startswith("가") for button in choices.values())
    click(qtbot, window.text_size_chooser.button)  # Close: nothing changes
    assert not window.text_size_chooser.isVisible() and window.services.visitor.text_size == "large"


def test_voice_button_says_what_it_will_do(qtbot, window):
    home = window.screens["home"]
    assert home.voice.text() == "소리 켜기"
    click(qtbot, home.voice)
    assert window.services.visitor.voice_on and home.voice.text() == "소리 끄기"
    click(qtbot, home.voice)
    assert not window.services.visitor.voice_on and home.voice.text() == "소리 켜기"


def test_new_content_shows_only_after_returning_home(qtbot, window, pack_dir):
    from tests.plugins.packs import read, write

    window.go("player", lesson="lesson-1")
    manifest = read(pack_dir / "pack.json")
    manifest["revision"] = 2
    write(pack_dir / "pack.json", manifest)
    lesson = read(pack_dir / "lessons" / "lesson-1.json")
    lesson["title"]["ko"] = "새 제목"
    write(pack_dir / "lessons" / "lesson-1.json", lesson)
    from kiosk.content.loader import load_pack
    from kiosk.content.store import apply_pack

    services = window.services
    assert apply_pack(services.sessions, services.media, load_pack(pack_dir), pack_dir)
    click(qtbot, window.screens["player"].next)
    assert window.screens["player"].title.text() == "수업 1", "mid-lesson the visitor keeps what they had"
    click(qtbot, window.bar.home)
    window.go("lessons", category="basics")
    assert window.screens["lessons"].cards["lesson-1"].title == "새 제목"
