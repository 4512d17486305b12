"""The list screens (topics, lessons, programs, a program, notices) fit the panels centers buy.

Checked with ui/layout_check.py over the bundled demo content, at the combinations where they
did not fit: a short landscape panel at the largest text size (long English theme names,
two-line Japanese titles) and portrait full HD. The widgets they are built from (ScrollList,
FlowLayout, QrCode) are checked on their own too.
"""

from __future__ import annotations


import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from tests.plugins.fit import fit_faults
from ui.tour import visit_as

SHORT = QSize(1280, 800)
WIDE_SHORT = QSize(1366, 768)
PORTRAIT = QSize(1080, 1920)
FULL_HD = QSize(1920, 1080)


def show(qtbot, window, panel: QSize, locale: str, text_size: str, screen: str, **params):
    visit_as(window, panel, locale, text_size)
    window.go(screen, **params)
    qtbot.wait(1)  # one event-loop turn: the layouts settle as they do on a kiosk
    return window.current_screen()


# The widgets ------------------------------------------------------------------------------
def test_a_cleared_list_shows_only_its_new_cards_at_once(qtbot):
    """Old cards wait for the event loop to be deleted; until then they must not stay shown
    at their old places, over or below the new list (what the checker saw as cut cards)."""
    from ui.widgets.scroll_list import ScrollList

    scroll = ScrollList(spacing=24)
    qtbot.addWidget(scroll)
    scroll.resize(600, 400)
    scroll.show()
    for index in range(6):
        scroll.add(QPushButton(f"old {index}"))
    scroll.clear()
    scroll.add(QPushButton("new"))
    shown = [w.text() for w in scroll.widget().findChildren(QPushButton) if w.isVisible()]
    assert shown == ["new"]


def test_a_flow_layout_wraps_onto_rows_and_needs_only_its_widest_item(qtbot):
    from ui.widgets.flow_layout import FlowLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder, spacing=16)
    buttons = [QPushButton(text) for text in ("One", "Two", "A much longer choice", "Four", "Five")]
    for button in buttons:
        button.setFixedSize(button.sizeHint().width(), 96)
        flow.addWidget(button)
    widest = max(b.width() for b in buttons)
    assert flow.minimumSize().width() == widest
    one_row = flow.heightForWidth(sum(b.width() for b in buttons) + 16 * 4)
    assert one_row == 96
    narrow = widest + 8
    assert flow.heightForWidth(narrow) == 96 * 5 + 16 * 4, "one item a row when only one fits"
    holder.resize(narrow, flow.heightForWidth(narrow))
    holder.show()
    qtbot.waitUntil(lambda: all(b.isVisible() for b in buttons))
    flow.setGeometry(holder.rect())
    assert all(b.geometry().right() < narrow for b in buttons)
    assert len({b.y() for b in buttons}) == 5


def test_a_qr_code_shrinks_to_its_room_and_stays_square(qtbot):
    from ui.widgets.qr_code import MAX_SIDE, MIN_SIDE, QrCode

    code = QrCode()
    qtbot.addWidget(code)
    code.set_data("https://www.seoul.go.kr/program/4")
    assert code.minimumSizeHint().height() <= MIN_SIDE and code.minimumSize() == QSize(MIN_SIDE, MIN_SIDE)
    code.resize(300, 200)
    square = code.code_rect()
    assert square.width() == square.height() == 200 and square.left() == 50
    assert code.sizeHint() == QSize(MAX_SIDE, MAX_SIDE)


# The screens ------------------------------------------------------------------------------
@pytest.mark.parametrize("locale", ["ko", "ja", "en"])
@pytest.mark.parametrize("panel", [SHORT, WIDE_SHORT, PORTRAIT], ids=["1280x800", "1366x768", "1080x1920"])
def test_the_lists_fit_at_the_largest_text(qtbot, demo_window, panel, locale):
    problems = []
    categories = demo_window.services.content.categories()
    for screen, params in [("categories", {}), ("lessons", {"category": categories[0].id}), ("notices", {}), ("programs", {})]:
        show(qtbot, demo_window, panel, locale, "largest", screen, **params)
        problems += [f"{screen}: {fault}" for fault in fit_faults(demo_window, panel)]
    assert problems == []


def test_theme_chips_fold_into_one_button_where_their_rows_would_crowd_the_list(qtbot, demo_window):
    programs = show(qtbot, demo_window, SHORT, "en", "largest", "programs")
    assert programs.folded and programs.theme_button.isVisible() and programs.list.isVisible()
    assert not programs.filter_panel.isVisible()
    assert programs.theme_button.text() == "Theme: All"
    assert programs.main_actions() == [programs.theme_button]

    programs.theme_button.click()
    qtbot.wait(1)
    assert programs.filter_panel.isVisible() and not programs.list.isVisible()
    assert fit_faults(demo_window, SHORT) == [], "every chip is on screen while choosing"

    health = demo_window.services.content.programs("health")
    programs.filter_buttons["health"].click()
    qtbot.wait(1)
    assert programs.list.isVisible() and not programs.filter_panel.isVisible()
    assert list(programs.cards) == [p.id for p in health]
    assert programs.theme_button.text() == "Theme: Health"
    assert fit_faults(demo_window, SHORT) == []


def test_theme_chips_wrap_in_rows_above_the_list_where_there_is_room(qtbot, demo_window):
    programs = show(qtbot, demo_window, FULL_HD, "ko", "normal", "programs")
    assert not programs.folded and not programs.theme_button.isVisible()
    chips = list(programs.filter_buttons.values())
    assert all(chip.isVisible() for chip in chips) and programs.main_actions() == chips
    assert programs.filter_panel.width() <= programs.width()
    assert fit_faults(demo_window, FULL_HD) == []


@pytest.mark.parametrize(
    ("panel", "text_size", "locale", "arrangement"),
    [
        (FULL_HD, "normal", "ko", "column"),
        (SHORT, "largest", "en", "short"),
        (WIDE_SHORT, "largest", "ja", "short"),
        (PORTRAIT, "largest", "ja", "portrait"),
    ],
    ids=["1920x1080-normal-ko", "1280x800-largest-en", "1366x768-largest-ja", "1080x1920-largest-ja"],
)
def test_a_program_keeps_its_qr_code_and_listen_button_in_view(qtbot, demo_window, panel, text_size, locale, arrangement):
    problems = []
    for program in demo_window.services.content.programs():
        detail = show(qtbot, demo_window, panel, locale, text_size, "program", program=program.id)
        assert detail.arrangement == arrangement, program.id
        assert detail.main_actions() == [detail.qr, detail.listen]
        problems += [f"{program.id}: {fault}" for fault in fit_faults(demo_window, panel)]
    assert problems == []
    scroll_areas = [a for a in detail.findChildren(QWidget) if a.inherits("QAbstractScrollArea") and a.isVisible()]
    assert scroll_areas == [detail.details], "the details scroll as one area"
    texts = [label for label in detail.details.widget().findChildren(QLabel) if label.text()]
    assert detail.qr_hint not in texts


def test_lesson_counts_sit_on_lines_of_their_own(qtbot, demo_window):
    category = demo_window.services.content.categories()[0]
    lessons = show(qtbot, demo_window, SHORT, "en", "normal", "lessons", category=category.id)
    card = next(iter(lessons.cards.values()))
    summary, count = card.detail.split("\n")[:2]
    assert count.endswith("steps") and "·" not in summary
