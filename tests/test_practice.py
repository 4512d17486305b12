"""Safe practice: a visitor taps through mock screens; hints, the finish screen, and the content rules.

Taps are real mouse clicks on the picture widget, at the centre of the right place mapped from
picture coordinates to the widget. Time comes from an injected clock and the "no touch" hint
from a timer the test shortens or fires, so nothing here waits on the wall clock.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest
from tests.plugins.a11y import violations
from tests.plugins.packs import BUNDLED_PRACTICE, add_bundled_practice, add_practice_lesson, make_pack, read, write
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor
from sqlalchemy import select

from db.models import OutboxEntry
from kiosk.content.loader import ContentError, load_pack
from kiosk.settings import TEXT_SIZES
from ui import theme
from ui.screens import practice as practice_module
from ui.widgets.tap_target import TapPicture

SIZES = [(1920, 1080), (1280, 800)]
SIZE_IDS = ["1080p", "1280x800"]
TALL_TARGETS = [(40, 700, 200, 120), (380, 40, 180, 100), (200, 400, 200, 90)]
SAME_TARGET = (300, 200, 200, 150)


class Clock:
    """Seconds that move only when the test says so."""

    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def pack_dir(tmp_path):
    # Only the bundled practice scenarios (and a small made-up one), not the whole demo pack.
    pack = make_pack(tmp_path / "pack")
    add_bundled_practice(pack)
    add_practice_lesson(pack, "practice-1", screens=3)
    # A tall phone picture, and three screens whose right place does not move.
    add_practice_lesson(pack, "practice-tall", picture_size=(600, 900), targets=TALL_TARGETS)
    add_practice_lesson(pack, "practice-same", targets=[SAME_TARGET] * 3)
    return pack


@pytest.fixture
def bundled():
    return {lesson["id"]: lesson for lesson in (read_bundled(lesson_id) for lesson_id in BUNDLED_PRACTICE)}


def read_bundled(lesson_id: str) -> dict:
    from kiosk.paths import BUNDLED_CONTENT

    return read(BUNDLED_CONTENT / "lessons" / f"{lesson_id}.json")


def settle(qtbot, window):
    qtbot.wait(1)  # one event-loop turn so layouts settle
    window.repaint()


def open_practice(qtbot, window, lesson_id: str, clock: Clock | None = None, **params):
    screen = window.screens["practice"]
    if clock is not None:
        screen.clock = clock
    window.go("practice", lesson=lesson_id, **params)
    settle(qtbot, window)
    return screen


def fitted(picture: TapPicture, rect: QRectF) -> QRectF:
    """Where a rectangle in picture coordinates should land: the picture scaled to fit, centred."""
    width, height = picture.picture_size
    scale = min(picture.width() / width, picture.height() / height)
    left, top = (picture.width() - width * scale) / 2, (picture.height() - height * scale) / 2
    return QRectF(left + rect.x() * scale, top + rect.y() * scale, rect.width() * scale, rect.height() * scale)


def target_center(picture: TapPicture) -> QPoint:
    """The centre of the right place, through the picture→widget mapping (checked against fitting it by hand)."""
    mapped, expected = picture.to_widget(picture.target), fitted(picture, picture.target)
    assert all(abs(a - b) < 0.5 for a, b in zip(mapped.getRect(), expected.getRect())), (mapped, expected)
    return mapped.center().toPoint()


def picture_point(picture: TapPicture, x: float, y: float) -> QPoint:
    return picture.to_widget(QRectF(x, y, 0, 0)).topLeft().toPoint()


def tap(qtbot, picture: TapPicture, point: QPoint) -> None:
    assert picture.isVisible() and picture.has_picture()
    qtbot.mouseClick(picture, Qt.MouseButton.LeftButton, pos=point)


def usage_events(window) -> list[dict]:
    with window.services.sessions() as session:
        return [p for p in session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "usage"))]


# Completing the bundled scenarios -------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("lesson_id", BUNDLED_PRACTICE)
def test_visitor_completes_each_bundled_scenario_by_taps(qtbot, make_window, bundled, size, lesson_id):
    window = make_window(size)
    clock = Clock()
    screen = open_practice(qtbot, window, lesson_id, clock)
    lesson = bundled[lesson_id]
    total = len(lesson["screens"])
    assert screen.title.text() == lesson["title"]["ko"]
    for number, content in enumerate(lesson["screens"], start=1):
        assert screen.pages.currentWidget() is screen.task_page
        assert screen.counter.text() == f"{total}단계 중 {number}단계"
        assert screen.task_text.plain_text() == content["task"]["ko"]
        picture = screen.picture
        t = content["target"]
        assert picture.target == QRectF(t["x"], t["y"], t["width"], t["height"])
        assert picture.picture_size == tuple(map(float, content["picture_size"]))
        # The whole mock screen is on view, inside the window and above the bottom bar.
        drawn = picture.picture_rect()
        top_left = picture.mapTo(window, drawn.topLeft().toPoint())
        assert top_left.y() >= 0 and top_left.y() + drawn.height() <= window.bar.mapTo(window, QPoint(0, 0)).y() + 1
        assert not screen.hint_text.isVisible() and not picture.glowing
        clock.now += 7
        tap(qtbot, picture, target_center(picture))
    assert screen.finished and screen.pages.currentWidget() is screen.finish_page
    assert screen.hints == 0
    assert screen.title.text() == "잘하셨어요!"
    assert lesson["title"]["ko"] in screen.praise.text()
    assert str(7 * total) in screen.time_taken.text()
    assert screen.hint_count.text() == "도움말: 0번"
    finished = [e for e in usage_events(window) if e["event"] == "lesson_finished"]
    assert finished[-1]["lesson"] == lesson_id and finished[-1]["hints"] == 0 and finished[-1]["seconds"] == 7 * total
    assert window.services.visitor.progress.get(lesson_id) == total


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_a_portrait_picture_maps_its_targets_too(qtbot, make_window, size):
    # A tall phone picture in a wide box: drawn narrower, centred between bars.
    window = make_window(size)
    screen = open_practice(qtbot, window, "practice-tall")
    picture = screen.picture
    for x, y, w, h in TALL_TARGETS:
        drawn = picture.picture_rect()
        assert abs(drawn.width() / drawn.height() - 600 / 900) < 0.01
        tap(qtbot, picture, picture_point(picture, x + w / 2, y + h / 2))
    assert screen.finished and screen.hints == 0


# Mapping through a scaled, letterboxed picture ---------------------------------------------------


@pytest.mark.parametrize(
    "widget_size",
    [(800, 600), (1600, 1200), (1200, 400), (400, 1000), (333, 777)],
    ids=["natural", "double", "pillarbox", "letterbox", "odd"],
)
def test_regions_map_through_scaling_and_letterboxing(qtbot, tmp_path, widget_size):
    pack = make_pack(tmp_path / "pack")
    add_practice_lesson(pack, "practice-1", screens=1, targets=[(560, 420, 160, 120)])
    picture = TapPicture()
    qtbot.addWidget(picture)
    picture.set_source(pack / "media" / "practice-1-1.svg")
    picture.set_target((800, 600), QRectF(560, 420, 160, 120))
    picture.resize(*widget_size)
    picture.show()
    qtbot.waitExposed(picture)

    width, height = widget_size
    scale = min(width / 800, height / 600)
    left, top = (width - 800 * scale) / 2, (height - 600 * scale) / 2
    expected = QRectF(left + 560 * scale, top + 420 * scale, 160 * scale, 120 * scale)
    got = picture.target_on_widget()
    for a, b in zip(got.getRect(), expected.getRect()):
        assert abs(a - b) < 1e-6
    # Back again: a point on the widget in picture coordinates.
    back = picture.to_picture(expected.center())
    assert abs(back.x() - 640) < 1e-6 and abs(back.y() - 480) < 1e-6

    hits, misses = [], []
    picture.hit.connect(lambda: hits.append(1))
    picture.missed.connect(misses.append)
    qtbot.mouseClick(picture, Qt.MouseButton.LeftButton, pos=expected.center().toPoint())
    assert (len(hits), len(misses)) == (1, 0)
    # The top-left quarter of the picture is well away from the target: a miss, reported in picture coordinates.
    qtbot.mouseClick(picture, Qt.MouseButton.LeftButton, pos=QPointF(left + 100 * scale, top + 100 * scale).toPoint())
    assert len(hits) == 1 and len(misses) == 1
    assert abs(misses[0].x() - 100) < 2 / scale and abs(misses[0].y() - 100) < 2 / scale
    # The bars beside or above the picture are not the picture: nothing happens.
    if left >= 4 or top >= 4:
        bar = QPoint(1, height // 2) if left >= 4 else QPoint(width // 2, 1)
        qtbot.mouseClick(picture, Qt.MouseButton.LeftButton, pos=bar)
        assert len(hits) == 1 and len(misses) == 1


def test_a_small_target_still_takes_a_whole_finger(qtbot, tmp_path):
    pack = make_pack(tmp_path / "pack")
    add_practice_lesson(pack, "practice-1", screens=1, targets=[(390, 290, 20, 20)])
    picture = TapPicture()
    qtbot.addWidget(picture)
    picture.set_source(pack / "media" / "practice-1-1.svg")
    picture.set_target((800, 600), QRectF(390, 290, 20, 20))
    picture.resize(400, 300)  # drawn at half size: the target is 10 px wide
    picture.show()
    area = picture.hit_area()
    assert area.width() >= theme.MIN_TARGET_PX and area.height() >= theme.MIN_TARGET_PX
    assert area.center() == picture.target_on_widget().center()
    hits = []
    picture.hit.connect(lambda: hits.append(1))
    qtbot.mouseClick(picture, Qt.MouseButton.LeftButton, pos=QPoint(200 + 40, 150))
    assert hits == [1]


# Hints -----------------------------------------------------------------------------------------


def test_a_wrong_tap_gives_a_spoken_hint_and_the_right_place_glows(qtbot, window, bundled, monkeypatch):
    spoken = []
    monkeypatch.setattr(window, "speak", lambda items: spoken.append([item.text for item in items]))
    screen = open_practice(qtbot, window, "practice-scam-text", step=2)
    content = bundled["practice-scam-text"]["screens"][2]
    picture = screen.picture
    assert screen.counter.text() == "5단계 중 3단계"
    assert not screen.hint_text.isVisible() and not picture.glowing

    tap(qtbot, picture, picture_point(picture, 430, 372))  # the scam's link: exactly what not to tap
    assert screen.step_index == 2, "a wrong tap does not move on"
    assert screen.hints == 1
    assert screen.hint_text.isVisible() and screen.hint_text.plain_text() == content["hint"]["ko"]
    assert picture.glowing
    assert spoken[-1] == [content["hint"]["ko"]]
    # The ring is drawn just outside the right place, in the help colour.
    settle(qtbot, window)
    ring = picture.target_on_widget()
    image = picture.grab().toImage()
    assert image.pixelColor(int(ring.left()) - 4, int(ring.center().y())) == QColor(theme.HELP)
    assert image.pixelColor(int(ring.center().x()), int(ring.bottom()) + 4) == QColor(theme.HELP)

    tap(qtbot, picture, picture_point(picture, 300, 100))  # another wrong place: another hint
    assert screen.hints == 2 and screen.params["hints"] == 2

    window.change_locale("en")  # the hint stays, in the new language
    assert screen.hint_text.isVisible() and screen.hint_text.plain_text() == content["hint"]["en"]
    assert picture.glowing

    tap(qtbot, picture, target_center(picture))
    assert screen.step_index == 3
    assert not screen.hint_text.isVisible() and not picture.glowing
    assert screen.hints == 2, "the count carries on to the end"


def test_no_touch_for_ten_seconds_gives_the_hint(qtbot, window, bundled, monkeypatch):
    spoken = []
    monkeypatch.setattr(window, "speak", lambda items: spoken.append([item.text for item in items]))
    assert practice_module.HINT_DELAY_MS == 10_000
    screen = open_practice(qtbot, window, "practice-kiosk-set-meal")
    assert screen.hint_delay_ms == 10_000
    # Waiting starts at once and runs ten seconds; nothing is said before it ends.
    assert screen.hint_timer.isActive() and screen.hint_timer.isSingleShot()
    assert screen.hint_timer.interval() == 10_000 and screen.hint_timer.remainingTime() > 9_000
    assert screen.hints == 0 and not screen.picture.glowing

    # The test drives the timer: ten seconds pass.
    screen.hint_timer.timeout.emit()
    hint = bundled["practice-kiosk-set-meal"]["screens"][0]["hint"]["ko"]
    assert screen.hints == 1 and screen.hint_text.plain_text() == hint and screen.picture.glowing
    assert spoken[-1] == [hint]

    # A shorter delay (injected), waited for on the event loop: after the right tap, the next task hints too.
    screen.hint_delay_ms = 30
    tap(qtbot, screen.picture, target_center(screen.picture))
    assert screen.step_index == 1 and not screen.picture.glowing
    qtbot.waitUntil(lambda: screen.hints == 2, timeout=2000)
    assert screen.picture.glowing
    assert screen.hint_text.plain_text() == bundled["practice-kiosk-set-meal"]["screens"][1]["hint"]["ko"]


def test_a_touch_restarts_the_wait_and_leaving_stops_it(qtbot, window):
    screen = open_practice(qtbot, window, "practice-1")
    screen.hint_delay_ms = 10_000
    screen.hint_timer.start(10)  # nearly over ...
    qtbot.mousePress(screen.picture, Qt.MouseButton.LeftButton, pos=target_center(screen.picture))
    assert screen.hint_timer.remainingTime() > 9_000, "... but a touch starts the wait again"
    qtbot.mouseRelease(screen.picture, Qt.MouseButton.LeftButton, pos=target_center(screen.picture))
    window.go("notices")
    assert not screen.hint_timer.isActive()
    screen.on_hint_timeout()  # even if it fired, nothing is said over another screen
    assert screen.hints == 0


# Finishing, repeating, coming back -----------------------------------------------------------------


def test_finish_screen_shows_praise_time_and_hints(qtbot, window):
    window.change_locale("en")
    clock = Clock(5000)
    screen = open_practice(qtbot, window, "practice-1", clock)
    picture = screen.picture
    clock.now += 20
    tap(qtbot, picture, picture_point(picture, 5, 5))  # a wrong tap: hint 1
    clock.now += 40
    tap(qtbot, picture, target_center(picture))
    screen.hint_timer.timeout.emit()  # hint 2: no touch on the second screen
    clock.now += 35
    tap(qtbot, picture, target_center(picture))
    tap(qtbot, picture, target_center(picture))
    assert screen.pages.currentWidget() is screen.finish_page
    assert not screen.hint_timer.isActive()
    assert screen.title.text() == "Well done!"
    assert screen.praise.text() == "You finished “Practice”."
    assert screen.time_taken.text() == "Time taken: 1 min 35 s"
    assert screen.hint_count.text() == "Hints: 2"
    assert screen.encouragement.text() == "Each time you practise, it gets easier."
    spoken = [item.text for item in screen.speech()]
    assert spoken == ["Well done!", screen.praise.text(), "Time taken: 1 min 35 s", "Hints: 2", screen.encouragement.text()]
    assert screen.again.isVisible() and screen.another.isVisible()
    (finished,) = [e for e in usage_events(window) if e["event"] == "lesson_finished"]
    assert (finished["hints"], finished["seconds"]) == (2, 95)


def test_practice_again_starts_a_fresh_round(qtbot, window):
    window.change_locale("en")
    clock = Clock()
    screen = open_practice(qtbot, window, "practice-1", clock)
    picture = screen.picture
    screen.give_hint()
    for _ in range(3):
        clock.now += 10
        tap(qtbot, picture, target_center(picture))
    assert screen.time_taken.text() == "Time taken: 30 seconds" and screen.hint_count.text() == "Hints: 1"

    qtbot.mouseClick(screen.again, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.task_page
    assert screen.counter.text() == "Step 1 of 3" and screen.hints == 0 and not screen.finished
    assert picture.has_picture() and picture.target == QRectF(80, 120, 160, 150)
    assert not screen.hint_text.isVisible() and not picture.glowing
    assert screen.hint_timer.isActive()
    for _ in range(3):
        clock.now += 4
        tap(qtbot, picture, target_center(picture))
    assert screen.time_taken.text() == "Time taken: 12 seconds" and screen.hint_count.text() == "Hints: 0"
    assert screen.encouragement.text() == "You did not need a single hint. Excellent!"
    events = [e["event"] for e in usage_events(window)]
    assert events.count("lesson_started") == 2 and events.count("lesson_finished") == 2

    qtbot.mouseClick(screen.another, Qt.MouseButton.LeftButton)
    assert window.current_name() == "lessons" and window.screens["lessons"].params == {"category": "safety"}
    assert "practice-1" in window.screens["lessons"].cards


def test_back_returns_to_the_task_with_its_hints(qtbot, window):
    clock = Clock()
    screen = open_practice(qtbot, window, "practice-1", clock)
    tap(qtbot, screen.picture, target_center(screen.picture))
    screen.give_hint()
    window.go("notices")
    clock.now += 100
    qtbot.mouseClick(window.bar.back, Qt.MouseButton.LeftButton)
    assert window.current_name() == "practice"
    assert screen.counter.text() == "3단계 중 2단계" and screen.hints == 1
    assert not screen.picture.glowing, "coming back shows the task afresh"
    for _ in range(2):
        tap(qtbot, screen.picture, target_center(screen.picture))
    assert screen.hint_count.text() == "도움말: 1번"
    assert round(screen.elapsed) == 100, "the round's time runs on while the visitor looked elsewhere"
    window.go("notices")
    qtbot.mouseClick(window.bar.back, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.finish_page and screen.hints == 1 and round(screen.elapsed) == 100


def test_consecutive_screens_with_the_same_right_place_start_without_the_hint(qtbot, window):
    screen = open_practice(qtbot, window, "practice-same")
    screen.give_hint()
    assert screen.hint_text.isVisible() and screen.picture.glowing
    tap(qtbot, screen.picture, target_center(screen.picture))
    assert screen.counter.text() == "3단계 중 2단계"
    assert not screen.hint_text.isVisible() and not screen.picture.glowing
    assert screen.picture.has_picture()


# Content: the bundled scenarios, and malformed ones -------------------------------------------------


def test_bundled_scenarios_cover_their_steps_in_three_languages(bundled):
    words = {
        "practice-kiosk-set-meal": ["burger set", "size", "order", "take it home", "card", "receipt"],
        "practice-subway-ticket": ["single-journey ticket", "where you are going", "plus", "check", "money", "tickets"],
        "practice-scam-text": ["new text", "open it", "don't tap", "sure", "home screen"],
    }
    from kiosk.paths import BUNDLED_CONTENT

    for lesson_id, lesson in bundled.items():
        assert lesson["kind"] == "practice" and len(lesson["screens"]) >= 5
        for field in ("title", "summary"):
            assert set(lesson[field]) == {"ko", "ja", "en"}
        tasks = [screen["task"]["en"].lower() for screen in lesson["screens"]]
        for task, word in zip(tasks, words[lesson_id]):
            assert word in task, (lesson_id, word, task)
        for screen in lesson["screens"]:
            assert set(screen["task"]) == set(screen["hint"]) == {"ko", "ja", "en"}
            # The picture's own coordinates are what the target is given in.
            root = ElementTree.parse(BUNDLED_CONTENT / screen["picture"]).getroot()
            view = [float(v) for v in re.split(r"[ ,]+", root.get("viewBox").strip())]
            assert view == [0, 0, *screen["picture_size"]]
    # The scam scenario deletes the text: its link is never the place to tap.
    link_screen = bundled["practice-scam-text"]["screens"][2]
    t = link_screen["target"]
    assert not (t["x"] <= 430 <= t["x"] + t["width"] and t["y"] <= 372 <= t["y"] + t["height"])


def problems_for(pack) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_pack(pack)
    return [str(problem) for problem in caught.value.problems]


def test_malformed_scenarios_are_rejected_naming_file_item_and_field(tmp_path, capsys):
    pack = make_pack(tmp_path / "pack")
    lesson = add_practice_lesson(pack, "practice-1", screens=3)
    load_pack(pack)  # valid as made
    path = pack / "lessons" / "practice-1.json"

    broken = read(path)
    broken["screens"][1]["target"] = {"x": 700, "y": 100, "width": 200, "height": 100}
    write(path, broken)
    (problem,) = problems_for(pack)
    assert problem.startswith("lessons/practice-1.json, item 'practice-1', field 'screens[1]': ")
    assert "outside the picture (800x600)" in problem

    broken = read(path)
    broken["screens"][1]["target"]["x"] = -5
    write(path, broken)
    (problem,) = problems_for(pack)
    assert problem.startswith("lessons/practice-1.json, item 'practice-1', field 'screens[1].target.x': ")

    for missing in ({"screens": []}, {}):
        broken = dict(lesson)
        broken.pop("screens")
        broken.update(missing)
        write(path, broken)
        (problem,) = problems_for(pack)
        assert problem.startswith("lessons/practice-1.json, item 'practice-1'")
        assert "needs at least one screen in 'screens'" in problem

    broken = dict(lesson)
    broken["screens"] = [dict(s) for s in lesson["screens"]]
    broken["screens"][2] = dict(broken["screens"][2], task={"ko": "눌러요", "en": "Tap"})
    write(path, broken)
    (problem,) = problems_for(pack)
    assert problem.startswith("lessons/practice-1.json, item 'practice-1', field 'screens[2].task': ")
    assert "missing text for locale(s) ja" in problem

    broken["screens"][2] = dict(lesson["screens"][2], picture="media/nowhere.svg")
    write(path, broken)
    (problem,) = problems_for(pack)
    assert problem.startswith("lessons/practice-1.json, item 'practice-1', field 'screens[2].picture': ")

    # The publisher's and admins' check says the same.
    from kiosk.content.validate import main

    broken["screens"][2] = dict(lesson["screens"][2], hint={"ko": "  ", "ja": "x", "en": "y"})
    write(path, broken)
    assert main([str(pack)]) == 1
    assert "lessons/practice-1.json, item 'practice-1', field 'screens[2].hint'" in capsys.readouterr().err


# Previewing and the accessibility floor ----------------------------------------------------------------


def test_the_tour_previews_every_practice_screen_its_hint_and_its_finish(qtbot, window, bundled):
    from ui.tour import tour_steps

    steps = dict(tour_steps(window))
    for lesson_id, lesson in bundled.items():
        screen = window.screens["practice"]
        for number, content in enumerate(lesson["screens"], start=1):
            steps[f"practice-{lesson_id}-{number:02d}"]()
            assert window.current_name() == "practice" and screen.task_text.plain_text() == content["task"]["ko"]
            steps[f"practice-{lesson_id}-{number:02d}-hint"]()
            assert screen.hint_text.plain_text() == content["hint"]["ko"] and screen.picture.glowing
        steps[f"practice-{lesson_id}-finish"]()
        assert screen.pages.currentWidget() is screen.finish_page
        assert screen.hint_count.text() == "도움말: 1번" and "35" in screen.time_taken.text()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_practice_screens_meet_the_floor(qtbot, make_window, bundled, size, text_size):
    window = make_window(size)
    window.change_text_size(text_size)
    problems = []
    for lesson_id, lesson in bundled.items():
        for index in range(len(lesson["screens"])):
            screen = open_practice(qtbot, window, lesson_id, step=index)
            screen.give_hint()
            settle(qtbot, window)
            problems += [f"{lesson_id} {index + 1} with hint: {p}" for p in violations(window, window)]
            area = screen.picture.hit_area()
            if min(area.width(), area.height()) < theme.MIN_TARGET_PX:
                problems.append(f"{lesson_id} {index + 1}: the right place takes {area.width():.0f}x{area.height():.0f} px")
        open_practice(qtbot, window, lesson_id, step=len(lesson["screens"]), hints=2, seconds=75)
        problems += [f"{lesson_id} finish: {p}" for p in violations(window, window)]
    assert problems == []
