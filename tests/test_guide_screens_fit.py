"""The guide's screens and the dialogs fit the panels centers buy (issue 11, item 1).

Checked with the layout checker (ui/layout_check.py) on a real window, at the combinations that
are hardest for each: the PIN pad beside its words on a short landscape panel at the largest
text (with the help strip showing), every page of the guide panel under its tabs, and a long
message in a dialog.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton, QScrollArea, QWidget

from kiosk.settings import TEXT_SIZES
from tests.plugins.fit import fit_faults, settle, window_as
from ui.guide_mode import GUIDE_TEXT_SIZE
from ui.screens.guide_panel import SECTIONS
from ui.theme import sizes_for
from ui.widgets.even_rows import EvenRows

SHORT_PANELS = [(1366, 768), (1280, 800)]
ALL_PANELS = [(1920, 1080), *SHORT_PANELS, (1080, 1920)]


# The PIN pad --------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", ALL_PANELS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("locale", ["ko", "ja", "en"])
def test_every_key_of_the_pin_pad_is_on_screen_under_a_help_strip_at_the_largest_text(qtbot, make_window, size, locale):
    window = window_as(make_window, size, locale, "largest")
    window.call_guide()  # the guide who comes finds the strip still up while typing the PIN
    window.notice.hide()
    window.open_guide_pin()
    settle()
    assert window.help_strip.isVisible()
    screen = window.screens["guide_pin"]
    assert len(screen.main_actions()) == 12, "ten digits, Delete and Clear"
    assert fit_faults(window, size) == []


def test_the_pin_pad_sits_beside_its_words_on_landscape_and_under_them_on_portrait(qtbot, make_window):
    landscape = window_as(make_window, (1280, 800), "ja", "largest")
    landscape.open_guide_pin()
    settle()
    pin = landscape.screens["guide_pin"]
    assert pin.pad.x() > pin.message.geometry().right(), "the keys are to the right of the words"
    portrait = window_as(make_window, (1080, 1920), "ja", "largest")
    portrait.open_guide_pin()
    settle()
    pin = portrait.screens["guide_pin"]
    assert pin.title.isVisible(), "a portrait panel has the height for the title"
    assert pin.pad.y() > pin.pad.dots.geometry().bottom(), "the keys are under the dots"


def test_the_keys_are_as_wide_as_their_longest_word_needs(qtbot, make_window):
    window = window_as(make_window, (1920, 1080), "ko", "largest")
    window.open_guide_pin()
    settle()
    pad = window.screens["guide_pin"].pad
    widths = {key.width() for key in (*pad.keys.values(), pad.delete, pad.clear_key)}
    assert len(widths) == 1, "all keys alike"
    assert pad.clear_key.width() >= pad.clear_key.sizeHint().width(), pad.clear_key.text()


@pytest.mark.parametrize("size", SHORT_PANELS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_entering_guide_mode_at_the_largest_text_does_not_grow_the_window(qtbot, make_window, size):
    # The PIN screen and the banner under the visitor's largest text once pushed the window past
    # a short panel, and a window never shrinks back by itself.
    window = window_as(make_window, size, "ko", "largest")
    window.call_guide()
    window.notice.hide()
    window.open_guide_pin()
    settle()
    window.enter_guide_mode()
    settle()
    assert window.size() == QSize(*size)
    assert fit_faults(window, size) == []


def test_a_pin_screen_last_shown_on_landscape_lets_the_window_turn_to_portrait(qtbot, make_window):
    window = window_as(make_window, (1280, 800), "ko", "largest")
    window.open_guide_pin()
    settle()
    window.home()
    window.resize(1080, 1920)  # the panel turned, or the next visit's preview on a portrait one
    settle()
    assert window.size() == QSize(1080, 1920)
    window.open_guide_pin()
    settle()
    assert fit_faults(window, (1080, 1920)) == []


# The guide panel ----------------------------------------------------------------------------------
@pytest.mark.parametrize("size", ALL_PANELS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("locale", ["ja", "en"])
def test_every_page_of_the_guide_panel_fits_under_its_tabs(qtbot, make_window, size, text_size, locale):
    window = window_as(make_window, size, locale, text_size)
    for step in range(4):
        window.services.helpdesk.request_help("player", "lesson-1", step + 1)
    window.enter_guide_mode()
    panel = window.screens["guide_panel"]
    problems = []
    for key in SECTIONS:
        panel.show_section(key)
        settle()
        problems += [f"{key}: {fault}" for fault in fit_faults(window, size)]
    panel.show_section("assist")
    panel.sections["assist"].choose_lesson("lesson-1")
    settle()
    problems += [f"assist steps: {fault}" for fault in fit_faults(window, size)]
    assert problems == []
    assert window.size() == QSize(*size)


def test_the_tabs_and_a_pages_own_buttons_are_main_actions(qtbot, make_window):
    window = make_window((1280, 800))
    window.enter_guide_mode()
    panel = window.screens["guide_panel"]
    panel.show_section("usage")
    usage = panel.sections["usage"]
    assert set(panel.main_actions()) == {*panel.tab_buttons.values(), *usage.period_buttons.values()}
    panel.show_section("sync")
    assert panel.sections["sync"].sync_button in panel.main_actions()
    panel.show_section("assist")
    assist = panel.sections["assist"]
    assert assist.back_to_lessons not in panel.main_actions(), "hidden on the list of lessons"
    assist.choose_lesson("lesson-1")
    assert assist.back_to_lessons in panel.main_actions()


def test_a_long_page_scrolls_in_its_one_scroll_area_and_its_buttons_stay_put(qtbot, make_window):
    window = make_window((1280, 800))
    window.enter_guide_mode()
    panel = window.screens["guide_panel"]
    panel.show_section("settings")
    settle()
    settings = panel.sections["settings"]
    areas = [area for area in panel.findChildren(QScrollArea) if area.isVisible()]
    assert areas == [settings.scroll], "one scroll area on the page, none around it"
    assert settings.scroll.verticalScrollBar().maximum() > 0, "the settings are longer than a 1280x800 panel"
    tabs_before = [button.mapTo(window, button.rect().topLeft()) for button in panel.tab_buttons.values()]
    settings.scroll.verticalScrollBar().setValue(settings.scroll.verticalScrollBar().maximum())
    settle()
    assert [button.mapTo(window, button.rect().topLeft()) for button in panel.tab_buttons.values()] == tabs_before


def test_the_panel_keeps_the_guides_size_whatever_the_visitor_chose(qtbot, make_window):
    window = window_as(make_window, (1280, 800), "en", "largest")
    window.enter_guide_mode()
    panel = window.screens["guide_panel"]
    panel.show_section("usage")
    settle()
    guide, largest = sizes_for(GUIDE_TEXT_SIZE), sizes_for("largest")
    assert guide.body != largest.body
    assert panel.sections["usage"].hours_chart.font_px == guide.body, "the charts as the panel's words"
    assert window.services.visitor.text_size == "largest", "the visitor's own choice is kept for them"


def test_the_title_gives_its_row_to_the_page_on_a_short_panel_only(qtbot, make_window):
    short = make_window((1280, 800))
    short.enter_guide_mode()
    settle()
    assert not short.screens["guide_panel"].title.isVisible()
    tall = make_window((1920, 1080))
    tall.enter_guide_mode()
    settle()
    assert tall.screens["guide_panel"].title.isVisible()


# Dialogs ------------------------------------------------------------------------------------------
LONG_MESSAGE = "\n".join(
    [
        "A digital guide is here on weekdays, from ten in the morning to four in the afternoon.",
        "The next guide comes tomorrow at ten.",
        "To ask for help now, call the center: 02-1234-5678",
    ]
)


@pytest.mark.parametrize("size", ALL_PANELS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_message_in_a_dialog_wraps_within_the_window(qtbot, make_window, size):
    window = window_as(make_window, size, "en", "largest")
    window.go("categories")
    window.notice.present("No guide is here right now", LONG_MESSAGE, "OK")
    settle()
    assert fit_faults(window, size) == []
    assert window.notice.dialog.width() <= size[0], "never wider than the window"


def test_a_short_message_keeps_its_large_words(qtbot, make_window):
    window = window_as(make_window, (1280, 800), "ja", "largest")
    window.call_guide()
    settle()
    assert window.notice.message.property("role") == "subtitle"
    assert fit_faults(window, (1280, 800)) == []


@pytest.mark.parametrize("size", ALL_PANELS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("locale", ["ja", "en"])
def test_the_idle_prompt_fits_at_the_largest_text(qtbot, make_window, size, locale):
    window = window_as(make_window, size, locale, "largest")
    window.go("categories")
    window.idle_prompt.ask(20)
    settle()
    assert window.idle_prompt.isVisible()
    assert fit_faults(window, size) == []


# Even rows of choices -----------------------------------------------------------------------------
def row_of(qtbot, labels: list[str]) -> tuple[QWidget, list[QPushButton], int]:
    """A widget holding ``labels`` as buttons in EvenRows, and the widest button's width."""
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = EvenRows(holder, spacing=16)
    buttons = [QPushButton(label) for label in labels]
    for button in buttons:
        button.setFixedHeight(90)
        layout.addWidget(button)
    return holder, buttons, max(button.minimumSizeHint().width() for button in buttons)


def lay_out(qtbot, holder: QWidget, width: int) -> None:
    holder.resize(width, holder.layout().heightForWidth(width))
    holder.show()
    qtbot.waitExposed(holder)


DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_choices_that_fit_side_by_side_share_one_row_evenly(qtbot):
    holder, buttons, _ = row_of(qtbot, DAYS)
    lay_out(qtbot, holder, 2000)
    assert {button.y() for button in buttons} == {0}
    assert max(b.width() for b in buttons) - min(b.width() for b in buttons) <= 1
    assert buttons[-1].geometry().right() <= holder.width()


def test_choices_that_do_not_fit_fold_into_even_rows_of_one_width(qtbot):
    # Room for five of the widest, not seven: 4 + 3, never 5 + 2.
    holder, buttons, widest = row_of(qtbot, DAYS)
    lay_out(qtbot, holder, 5 * widest + 4 * 16)
    rows = sorted({button.y() for button in buttons})
    assert len(rows) == 2
    assert [sum(1 for b in buttons if b.y() == y) for y in rows] == [4, 3]
    assert len({button.width() for button in buttons}) == 1
    assert all(button.geometry().right() < holder.width() for button in buttons)
    assert holder.layout().heightForWidth(holder.width()) == 2 * 90 + 16


def test_a_choice_row_never_needs_more_width_than_its_widest_button(qtbot):
    holder, _, widest = row_of(qtbot, DAYS)
    assert holder.layout().minimumSize().width() == widest


def test_the_days_of_the_guides_hours_fold_on_a_portrait_panel(qtbot, make_window):
    window = make_window((1080, 1920))
    window.change_locale("en")
    window.enter_guide_mode()
    panel = window.screens["guide_panel"]
    panel.show_section("settings")
    settle()
    settings = panel.sections["settings"]
    assert settings.scroll.horizontalScrollBar().maximum() == 0, "no page scrolls sideways"
    assert fit_faults(window, (1080, 1920)) == []
