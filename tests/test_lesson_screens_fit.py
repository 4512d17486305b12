"""The lesson screens fit a senior's panel: a step, a practice task with its hint, the finish.

Checked with the layout checker (ui/layout_check.py) on the real window, at the sizes where
they did not fit before (1280x800 and 1366x768 at the largest text, portrait 1080x1920).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from tests.plugins.fit import fit_faults, settle, window_as
from tests.plugins.packs import add_bundled_practice, make_pack, text, write
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont

from kiosk.content.suggestions import MAX_SUGGESTIONS, suggestions_after
from ui.widgets.action_row import ActionRow
from ui.widgets.big_button import BigButton

SMALL_PANELS = [(1280, 800), (1366, 768), (1080, 1920)]
PANEL_IDS = ["1280x800", "1366x768", "portrait"]

LONG_STEP = " ".join(["아주 긴 설명이에요. 천천히 읽어 보세요."] * 14)


@pytest.fixture
def pack_dir(tmp_path):
    pack = make_pack(tmp_path / "pack")
    add_bundled_practice(pack)
    write(pack / "lessons" / "long-step.json", {
        "id": "long-step", "category": "basics", "order": 9,
        "title": text("긴 단계", "長いステップ", "A long step"),
        "summary": text("긴 글", "長い文", "Long words"),
        "steps": [{"text": text(LONG_STEP, LONG_STEP, LONG_STEP), "picture": "media/pic-1.svg"}],
    })
    return pack


# A lesson step --------------------------------------------------------------------------------


def test_a_step_lays_its_picture_beside_its_words_when_wide_and_above_them_when_tall(qtbot, make_window):
    window = window_as(make_window, (1280, 800), "ko", "normal")
    window.go("player", lesson="lesson-1")
    settle()
    player = window.screens["player"]
    picture, words = player.picture.geometry(), player.step_text.geometry()
    assert player.body.plan.side_by_side
    assert picture.right() < words.left() and picture.height() > words.height()

    window.resize(1080, 1920)
    settle()
    picture, words = player.picture.geometry(), player.step_text.geometry()
    assert not player.body.plan.side_by_side
    assert picture.bottom() < words.top() and picture.width() > player.body.width() // 2
    assert player.body.verticalScrollBar().maximum() == 0, "a short step does not scroll"


@pytest.mark.parametrize("size", SMALL_PANELS, ids=PANEL_IDS)
@pytest.mark.parametrize("locale", ["ko", "ja", "en"])
def test_a_step_fits_with_its_words_whole_and_its_buttons_in_view(qtbot, make_window, size, locale):
    window = window_as(make_window, size, locale, "largest")
    player = window.screens["player"]
    for step in range(4):
        window.go("player", lesson="lesson-1", step=step)
        settle()
        words = player.step_text
        assert words.height() >= words.heightForWidth(words.width()), "the words get every line they need"
        assert words.parentWidget() is player.picture.parentWidget(), "no box of their own for the words"
        assert player.body.verticalScrollBar().maximum() == 0, "a short step fits without scrolling"
        assert fit_faults(window, size, on="PlayerScreen") == []


def test_a_step_too_long_for_the_panel_scrolls_picture_and_words_together(qtbot, make_window):
    window = window_as(make_window, (1280, 800), "ko", "largest")
    window.go("player", lesson="long-step")
    settle()
    player = window.screens["player"]
    area = player.body
    assert player.picture.parentWidget() is area.widget() and player.step_text.parentWidget() is area.widget()
    assert area.verticalScrollBar().maximum() > 0, "the one area scrolls"
    words = player.step_text
    assert words.height() >= words.heightForWidth(words.width())
    # The buttons stay on screen, whole, and nothing scrolls inside the step's one area.
    assert fit_faults(window, (1280, 800), on="PlayerScreen") == []
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    settle()
    assert fit_faults(window, (1280, 800), on="PlayerScreen") == []
    window.go("player", lesson="lesson-1")
    settle()
    assert area.verticalScrollBar().value() == 0, "the next lesson starts at its top"


def test_buttons_wrap_onto_rows_rather_than_widen_the_screen(qtbot):
    buttons = [BigButton(words) for words in ("◀  A long previous label", "Listen again, please", "Next step  ▶")]
    row = ActionRow(buttons, spacing=24)
    qtbot.addWidget(row)
    wide = sum(b.sizeHint().width() for b in buttons) + 48
    assert len(row.rows(wide)) == 1
    narrow = max(b.sizeHint().width() for b in buttons) + 10
    assert len(row.rows(narrow)) == 3 and row.minimumSizeHint().width() <= narrow
    row.resize(narrow, row.heightForWidth(narrow))
    row.show()
    for button in buttons:
        assert button.width() >= button.sizeHint().width() and button.geometry().right() < narrow
    tops = [button.y() for button in buttons]
    assert tops == sorted(tops) and len(set(tops)) == 3


# A practice task --------------------------------------------------------------------------------


@pytest.mark.parametrize("text_size", ["normal", "large", "largest"])
def test_the_hint_is_as_large_and_as_bold_as_the_task(qtbot, make_window, text_size):
    window = window_as(make_window, (1280, 800), "ko", text_size)
    window.go("practice", lesson="practice-kiosk-set-meal")
    screen = window.screens["practice"]
    screen.give_hint()
    settle()
    task, hint = screen.task_text.fontInfo(), screen.hint_text.fontInfo()
    assert hint.pixelSize() >= task.pixelSize() and hint.weight() >= task.weight() >= QFont.Weight.Bold


@pytest.mark.parametrize("size", SMALL_PANELS, ids=PANEL_IDS)
@pytest.mark.parametrize("locale", ["ja", "en"])
def test_task_hint_and_mock_screen_stay_in_view_and_taps_still_land(qtbot, make_window, bundled_ids, size, locale):
    window = window_as(make_window, size, locale, "largest")
    screen = window.screens["practice"]
    for lesson_id, count in bundled_ids:
        window.go("practice", lesson=lesson_id)
        for step in range(count):
            settle()
            before = screen.picture.geometry()
            screen.give_hint()
            settle()
            assert screen.picture.geometry() == before, "the mock screen stays put when the hint appears"
            assert screen.hint_text.isVisible()
            assert fit_faults(window, size, on="PracticeScreen") == [], (lesson_id, step)
            center = screen.picture.target_on_widget().center().toPoint()
            qtbot.mouseClick(screen.picture, Qt.MouseButton.LeftButton, pos=center)
        settle()
        assert screen.finished, lesson_id
        assert fit_faults(window, size, on="PracticeScreen") == [], f"{lesson_id} finish"


@pytest.fixture
def bundled_ids():
    from tests.plugins.packs import BUNDLED_PRACTICE, read
    from kiosk.paths import BUNDLED_CONTENT

    return [(i, len(read(BUNDLED_CONTENT / "lessons" / f"{i}.json")["screens"])) for i in BUNDLED_PRACTICE]


# The finish screen --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SMALL_PANELS, ids=PANEL_IDS)
@pytest.mark.parametrize("locale", ["ko", "ja", "en"])
def test_finish_buttons_stand_above_the_bar_and_the_first_suggestion_stands_out(qtbot, make_window, size, locale):
    window = window_as(make_window, size, locale, "largest")
    window.go("finish", lesson="lesson-1")
    settle()
    finish = window.screens["finish"]
    assert fit_faults(window, size, on="FinishScreen") == []
    bar_top = window.bar.mapTo(window, QPoint(0, 0)).y()
    for button in (finish.again, finish.more):
        assert button.mapTo(window, QPoint(0, button.height())).y() <= bar_top
    first = finish.first_suggestion()
    assert first is finish.cards["lesson-2"], "the author's next lesson comes first"
    assert first.styleSheet() and all(not card.styleSheet() for card in list(finish.cards.values())[1:])
    # The first suggestion starts within view, at the top of its list.
    assert first.visibleRegion().boundingRect().height() > 0


@dataclass
class StubLesson:
    id: str
    order: int = 0
    next_lessons: list[str] = field(default_factory=list)
    step_count: int = 4


def test_suggestions_follow_the_author_then_the_category_and_put_what_is_done_last():
    lessons = {l.id: l for l in [
        StubLesson("a", 1, ["b", "practice-a", "missing", "a", "c", "d"]),
        StubLesson("b", 2), StubLesson("c", 3), StubLesson("d", 4), StubLesson("practice-a", 5),
    ]}
    find = lessons.get
    category = list(lessons.values())
    # The author's order, without unknown ids or the lesson itself, and only a few.
    picked = suggestions_after(lessons["a"], find, category, {})
    assert [l.id for l in picked] == ["b", "practice-a", "c"] and len(picked) == MAX_SUGGESTIONS
    # A lesson the visitor went through to the end goes last.
    picked = suggestions_after(lessons["a"], find, category, {"b": 4, "c": 2})
    assert [l.id for l in picked] == ["practice-a", "c", "d"]
    # No suggestion from the author: the next lesson of the category.
    assert [l.id for l in suggestions_after(lessons["b"], find, category, {})] == ["c"]
    assert suggestions_after(lessons["practice-a"], find, category, {}) == []
