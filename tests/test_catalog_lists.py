"""Lists at catalog scale: cards drawn only where seen, lessons read in full only when opened, and a
big category browsed topic by topic (issue 16). Real SQLite, real Qt widgets, real pictures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScroller, QWidget
from sqlalchemy import update

from db.models import LessonRow
from kiosk.content.cards import LessonCard
from kiosk.content.loader import ContentError, load_pack
from kiosk.services import KioskServices
from tests.plugins.a11y import grab
from tests.plugins.packs import make_pack, read, text, write
from tests.plugins.touch import tap_card
from ui import theme

BIG = 120  # lessons in the big category: many screenfuls
TOPICS = ("wifi", "calls", "photos", "apps")


def add_big_category(pack, lessons: int = BIG, topics: tuple[str, ...] = TOPICS) -> None:
    """A category of ``lessons`` lessons, each with its own PNG, spread over ``topics``."""
    categories = read(pack / "categories.json")
    categories.append({
        "id": "phone", "order": 3, "title": text("휴대폰", "スマホ", "Phone"), "description": text("많은 수업"),
        "topics": [{"id": t, "order": n, "title": text(f"주제 {t}", f"トピック {t}", f"Topic {t}")} for n, t in enumerate(topics)],
    })
    write(pack / "categories.json", categories)
    for n in range(lessons):
        picture = QImage(320, 240, QImage.Format.Format_RGB32)
        picture.fill((n * 2654435761) & 0xFFFFFF)
        picture.save(str(pack / "media" / f"phone-{n}.png"))
        lesson = {
            "id": f"phone-{n}", "category": "phone", "order": n,
            "title": text(f"휴대폰 수업 {n}"), "summary": text(f"요약 {n}"),
            "steps": [{"text": text(f"{n}번 {s}단계"), "picture": f"media/phone-{n}.png"} for s in range(1, 4)],
        }
        if topics:
            lesson["topic"] = topics[n % len(topics)]
        write(pack / "lessons" / f"phone-{n}.json", lesson)


@pytest.fixture
def big_pack(tmp_path):
    pack = make_pack(tmp_path / "pack")
    add_big_category(pack)
    return pack


@pytest.fixture
def big_services(tmp_path, big_pack) -> KioskServices:
    services = KioskServices.open(tmp_path / "data", big_pack)
    assert not services.problems, services.problems
    services.use_settings(services.settings.model_copy(update={"voice_on": False}))
    services.visitor.reset()
    return services


# The repository -------------------------------------------------------------------------------
def test_the_repository_holds_cards_and_reads_a_lessons_steps_when_it_is_opened(big_services):
    content = big_services.content
    cards = content.lessons("phone")
    assert len(cards) == BIG and all(isinstance(card, LessonCard) for card in cards)
    assert not hasattr(cards[0], "steps"), "a card carries no steps"
    assert cards[0].step_count == 3 and content.media_file(cards[0].cover).is_file()
    lesson = content.lesson("phone-7")
    assert [step.text["ko"] for step in lesson.steps] == ["7번 1단계", "7번 2단계", "7번 3단계"]
    assert content.lesson("phone-7") is lesson, "kept while the snapshot lasts"
    assert content.lesson("no-such-lesson") is None


def test_rows_applied_before_cards_were_stored_still_list(tmp_path, big_pack, big_services):
    with big_services.sessions.begin() as session:
        session.execute(update(LessonRow).values(card=None))  # as a kiosk upgraded from revision 0005 has them
    reopened = KioskServices.open(tmp_path / "data")
    cards = reopened.content.lessons("phone", "wifi")
    assert [card.id for card in cards[:2]] == ["phone-0", "phone-4"] and cards[0].step_count == 3
    assert reopened.content.lesson("phone-0").steps[0].text["ko"] == "0번 1단계"


def test_an_unknown_topic_is_refused_naming_the_file_item_and_field(big_pack):
    lesson = read(big_pack / "lessons" / "phone-3.json")
    lesson["topic"] = "wi-fi"
    write(big_pack / "lessons" / "phone-3.json", lesson)
    lesson = read(big_pack / "lessons" / "lesson-1.json")
    lesson["topic"] = "first"
    write(big_pack / "lessons" / "lesson-1.json", lesson)
    with pytest.raises(ContentError) as caught:
        load_pack(big_pack)
    problems = [str(p) for p in caught.value.problems]
    assert any("lessons/phone-3.json" in p and "'phone-3'" in p and "topic" in p
               and "unknown topic 'wi-fi' in category 'phone'; use one of: wifi, calls, photos, apps" in p for p in problems), problems
    assert any("lessons/lesson-1.json" in p and "that category has no topics; add them in categories.json" in p
               for p in problems), problems


def test_a_topic_id_used_twice_in_a_category_is_refused(big_pack):
    categories = read(big_pack / "categories.json")
    categories[-1]["topics"].append({"id": "wifi", "title": text("또 와이파이")})
    write(big_pack / "categories.json", categories)
    with pytest.raises(ContentError) as caught:
        load_pack(big_pack)
    assert any("topic id 'wifi' is used twice in this category" in str(p) for p in caught.value.problems)


# The lists ------------------------------------------------------------------------------------
@pytest.fixture
def big_window(make_window, big_services):
    return make_window(services=big_services)


def test_a_big_category_opens_on_its_topics_and_a_topic_on_its_lessons(qtbot, big_window):
    window = big_window
    window.go("categories")
    tap_card(qtbot, window.screens["categories"], "phone")
    lessons = window.screens["lessons"]
    assert lessons.showing_topics
    assert list(lessons.cards) == [f"topic:{t}" for t in TOPICS], "the author's order when nothing was used yet"
    assert lessons.cards["topic:photos"].detail == "수업 30개"
    tap_card(qtbot, lessons, "topic:photos")
    assert window.current_screen() is lessons and not lessons.showing_topics
    assert list(lessons.cards)[:3] == ["phone-2", "phone-6", "phone-10"] and len(lessons.cards) == BIG // len(TOPICS)
    assert "주제 photos" in lessons.title.text()
    tap_card(qtbot, lessons, "phone-6")
    assert window.current_screen().name == "player" and window.current_screen().lesson.id == "phone-6"
    window.back()
    assert window.current_screen() is lessons and list(lessons.cards)[0] == "phone-6", "the one just used comes first"
    window.back()
    assert list(lessons.cards)[0] == "topic:photos", "most used topic first"


def test_a_short_category_lists_its_lessons_in_the_authors_order(qtbot, big_window):
    big_window.services.usage.record("lesson_started", lesson="lesson-3")
    big_window.go("lessons", category="basics")
    lessons = big_window.screens["lessons"]
    assert not lessons.showing_topics and list(lessons.cards) == ["lesson-1", "lesson-3"]


def test_a_big_category_without_topics_lists_all_of_it(qtbot, make_window, tmp_path):
    pack = make_pack(tmp_path / "flat")
    add_big_category(pack, lessons=40, topics=())
    services = KioskServices.open(tmp_path / "flat-data", pack)
    window = make_window(services=services)
    window.go("lessons", category="phone")
    assert len(window.screens["lessons"].cards) == 40


def test_only_the_cards_in_view_are_drawn_and_their_pictures_decoded(qtbot, big_window):
    window = big_window
    window.go("lessons", category="phone", topic="wifi")
    view = window.screens["lessons"].list
    widgets_before = len(view.findChildren(QWidget))
    qtbot.waitUntil(lambda: len(view.visible_cards()) >= 3 and all(
        window.thumbnails.get(card.picture) is not None for card, _ in view.visible_cards()), timeout=10000)
    in_view = len(view.visible_cards())
    assert in_view < len(window.screens["lessons"].cards) / 3
    # Pictures: what is seen and a few rows ahead, not the whole list (each is 76,800 bytes at 160x120).
    thumbnail_bytes = theme.CARD_PICTURE_W * theme.CARD_PICTURE_H * 4
    assert window.thumbnails.bytes_held <= (in_view + 14) * thumbnail_bytes
    # A card is painted, not a widget: the list holds as many widgets for 30 cards as for 0.
    window.go("lessons", category="safety")
    assert len(view.findChildren(QWidget)) == widgets_before
    # The picture is really drawn on the card.
    window.go("lessons", category="phone", topic="wifi")
    qtbot.waitUntil(lambda: window.thumbnails.get(view.cards()[0].picture) is not None, timeout=10000)
    view.viewport().repaint()
    card, rect = view.visible_cards()[0]
    image = grab(view.viewport())
    centre = QPoint(rect.left() + theme.CARD_PADDING_X + theme.CARD_PICTURE_W // 2, rect.center().y())
    expected = (0 * 2654435761) & 0xFFFFFF
    assert image[centre.y(), centre.x()] == expected, "the first card shows its own picture"


def test_a_pressed_card_looks_pressed_and_a_press_between_cards_taps_nothing(qtbot, big_window):
    window = big_window
    window.go("lessons", category="phone", topic="calls")
    view = window.screens["lessons"].list
    (_, first), (_, second) = view.visible_cards()[:2]
    probe = QPoint(first.right() - 40, first.top() + theme.CARD_BORDER_PX + 4)
    before = grab(view.viewport())[probe.y(), probe.x()]
    QScroller.ungrabGesture(view.viewport())  # its held-back press is lost offscreen (tests/plugins/touch.py)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
    view.viewport().repaint()
    pressed = grab(view.viewport())[probe.y(), probe.x()]
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(first.right() + 12, first.center().y()))
    assert f"#{before:06x}" == theme.CARD.lower() and f"#{pressed:06x}" == theme.SECONDARY_PRESSED.lower()
    assert window.current_screen().name == "lessons"
    gap = QPoint(first.center().x(), (first.bottom() + second.top()) // 2)
    assert second.top() - first.bottom() - 1 == window.screens["lessons"].sizes.gap
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=gap)
    assert window.current_screen().name == "lessons", "the gap between two cards is on neither"


def test_the_guides_list_of_every_lesson_is_painted_too(qtbot, big_window):
    window = big_window
    window.enter_guide_mode()
    panel = window.screens["guide_panel"]
    panel.show_section("assist")
    section = panel.sections["assist"]
    assert len(section.cards) == BIG + 3
    tap_card(qtbot, section, "phone-99")
    assert list(section.cards) == ["0", "1", "2"]
