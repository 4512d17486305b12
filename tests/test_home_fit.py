"""Home fits every panel centers buy, at every text size and in every language (issue 11)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from kiosk.choices import LOCALES, TEXT_SIZES
from tests.plugins.fit import settle
from ui.layout_check import check_window

PANELS = ((1920, 1080), (1366, 768), (1280, 800), (1080, 1920))


def top_of(widget, window) -> int:
    return widget.mapTo(window, widget.rect().topLeft()).y()


@pytest.mark.parametrize("panel", PANELS, ids=lambda p: f"{p[0]}x{p[1]}")
def test_home_shows_its_choices_and_languages_without_scrolling(qtbot, make_window, panel):
    window = make_window(size=panel)
    home = window.screens["home"]
    faults = []
    for text_size in TEXT_SIZES:
        for locale in LOCALES:
            window.change_locale(locale)
            window.change_text_size(text_size)
            window.home()
            settle()
            faults += [f"{panel[0]}x{panel[1]} {text_size} {locale}: {fault}"
                       for fault in check_window(window, QSize(*panel))]
            assert (window.width(), window.height()) == panel
            # The language comes before anything a visitor would have to read.
            assert top_of(home.language_buttons["ja"], window) < top_of(home.learn, window)
    assert not faults, "\n".join(faults)


def test_a_portrait_panel_turned_to_landscape_leaves_no_window_taller_than_the_screen(qtbot, make_window):
    window = make_window(size=(1080, 1920))
    window.change_locale("en")
    window.change_text_size("largest")
    settle()
    window.resize(1280, 800)
    settle()
    assert (window.width(), window.height()) == (1280, 800)
    assert not check_window(window, QSize(1280, 800))


def test_the_welcome_and_hours_show_where_there_is_room_and_make_way_where_there_is_not(qtbot, make_window):
    window = make_window(size=(1920, 1080))
    home = window.screens["home"]
    settle()
    assert home.welcome.isVisible() and home.hours.isVisible()
    window.resize(1280, 800)
    window.change_locale("en")
    window.change_text_size("largest")
    settle()
    # Whatever had to make way, what is shown is whole and the four choices are all there.
    assert not check_window(window, QSize(1280, 800))
    assert all(button.isVisible() for button in home.main_actions())


def test_a_portrait_panel_lists_the_choices_in_one_column(qtbot, make_window):
    window = make_window(size=(1080, 1920))
    home = window.screens["home"]
    settle()
    lefts = {button.mapTo(window, button.rect().topLeft()).x() for button in home.choices}
    assert len(lefts) == 1
    window.resize(1920, 1080)
    settle()
    lefts = {button.mapTo(window, button.rect().topLeft()).x() for button in home.choices}
    assert len(lefts) == 2
