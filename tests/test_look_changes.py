"""A language or text size change restyles what is on show at once and the rest when it is
shown; touches and keys are watched at the window (ui/window_input.py). Both keep a change
from freezing the screen (bench/responsiveness.py measures it)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.plugins.touch import click, tap_card
from ui.theme import sizes_for


def test_a_text_size_change_reaches_each_screen_when_it_is_shown(qtbot, window):
    home = window.screens["home"]
    click(qtbot, home.learn)
    categories = window.screens["categories"]
    tap_card(qtbot, categories, "basics")
    lessons = window.screens["lessons"]
    click(qtbot, window.bar.home)
    normal, largest = sizes_for("normal"), sizes_for("largest")
    assert lessons.title.font().pixelSize() == normal.title

    click(qtbot, window.bar.text_size)
    click(qtbot, window.text_size_chooser.choices["largest"])
    assert home.title.font().pixelSize() == largest.title, "the screen on show at once"
    assert window.bar.styleSheet() == home.styleSheet(), "the bar and overlays too"
    assert lessons.styleSheet() != home.styleSheet(), "a screen out of sight waits until it is shown"

    click(qtbot, home.learn)
    assert categories.styleSheet() == home.styleSheet()
    tap_card(qtbot, categories, "basics")
    assert lessons.title.font().pixelSize() == largest.title
    assert lessons.list.card_delegate.title_px == largest.small_title


def test_a_language_change_on_home_then_every_screen_speaks_it(qtbot, window):
    home = window.screens["home"]
    click(qtbot, home.learn)
    click(qtbot, window.bar.home)
    click(qtbot, home.language_buttons["en"])
    assert home.learn.text() == "Learn digital skills"
    click(qtbot, home.learn)
    categories = window.screens["categories"]
    assert categories.title.text() == "What would you like to learn?"
    assert categories.styleSheet() == home.styleSheet()


def test_theme_chips_are_made_again_only_when_their_words_or_look_change(qtbot, window):
    click(qtbot, window.screens["home"].programs)
    programs = window.screens["programs"]
    chips = dict(programs.filter_buttons)
    click(qtbot, programs.filter_buttons["health"])
    assert programs.filter_buttons == chips and programs.filter_buttons["health"].isChecked()
    assert list(programs.cards) == ["program-2", "program-4"]
    click(qtbot, window.bar.home)
    click(qtbot, window.screens["home"].language_buttons["en"])
    click(qtbot, window.screens["home"].programs)
    assert programs.filter_buttons["health"] is not chips["health"], "new words, new chips"
    assert programs.filter_buttons[""].text() == "All"


def test_touches_and_keys_are_seen_at_the_window_even_after_it_is_made_anew(qtbot, window):
    touched: list[bool] = []
    window.idle.tracker.touch = lambda: touched.append(True)
    where = window.bar.mapTo(window, QPoint(5, 5))
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert touched == [True]
    old_handle = window.windowHandle()
    window.setWindowFlags(window.windowFlags() | Qt.WindowType.FramelessWindowHint)  # Qt makes a new native window
    window.show()
    qtbot.waitExposed(window)
    assert window.input_filters.handle is window.windowHandle()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Space)
    assert touched == [True, True], (old_handle, window.windowHandle())


def test_the_visitors_screens_are_built_ahead_once_the_kiosk_has_started(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from tests.plugins.packs import make_pack
    from ui.app import Launch, build_for
    from ui.main_window import BUILT_AHEAD

    launch = Launch(data_dir=tmp_path / "data", content=make_pack(tmp_path / "pack"), kiosk_mode=False,
                    voice=False, sync=False)
    window = build_for(QApplication.instance(), launch)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: all(window.screens.is_built(name) for name in BUILT_AHEAD), timeout=20000)
    assert not window.screens.is_built("guide_panel"), "the guide's screens wait for a guide"
    assert window.current_name() == "home"
    programs = window.screens["programs"]
    assert list(programs.filter_buttons) == ["", "welfare", "health"], "its chips made ahead"
    chips = dict(programs.filter_buttons)
    click(qtbot, window.screens["home"].programs)
    assert programs.filter_buttons == chips and len(programs.cards) == 4


def test_what_the_start_made_is_kept_out_of_later_collections(qtbot, tmp_path):
    import gc

    from PySide6.QtWidgets import QApplication

    from tests.plugins.packs import make_pack
    from ui.app import Launch, build_for

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    launch = Launch(data_dir=tmp_path / "data", content=make_pack(tmp_path / "pack"), kiosk_mode=False,
                    voice=False, sync=False)
    window = build_for(QApplication.instance(), launch)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=20000)
    assert window.extras_started and window.screens.is_built("programs")
