"""Every screen of the tour fits every panel centers buy, at every text size, in every language.

The walk is the admin's tour (ui/tour.py) over the bundled demo content; what "fits" means is
ui/layout_check.py. A failure names the panel, text size, language, screen and widget.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from ui.tour import check_walk, combinations, label, visit_as

MAX_SHOWN = 40


def report(where: str, faults) -> str:
    seen, lines = set(), []
    for screen, fault in faults:
        key = (fault.kind, fault.widget, fault.detail)
        if key not in seen:
            seen.add(key)
            lines.append(f"{where} {screen}: {fault}")
    more = f"\n... and {len(lines) - MAX_SHOWN} more" if len(lines) > MAX_SHOWN else ""
    return f"{len(faults)} layout faults:\n" + "\n".join(lines[:MAX_SHOWN]) + more


@pytest.mark.parametrize(("panel", "text_size", "locale"), list(combinations()),
                         ids=[label(*combination) for combination in combinations()])
def test_every_screen_fits(demo_window, panel: QSize, text_size: str, locale: str):
    window = demo_window
    visit_as(window, panel, locale, text_size)
    faults = check_walk(window, panel)
    assert not faults, report(label(panel, text_size, locale), faults)


def test_the_checker_finds_what_does_not_fit(qtbot, demo_window):
    """The checker itself: a screen made too wide, a label squeezed, a hidden action, a nested scroll."""
    from PySide6.QtWidgets import QLabel, QScrollArea

    from ui.layout_check import check

    window = demo_window
    panel = QSize(1280, 800)
    visit_as(window, panel, "en", "normal")
    home = window.current_screen()
    assert [str(f) for f in check(window, panel, home.main_actions())] == []

    wide = QLabel("a row that cannot shrink")
    wide.setMinimumWidth(3000)
    home.root.addWidget(wide)
    squeezed = QLabel("A sentence that wraps onto several lines when it is narrow enough to need them.")
    squeezed.setWordWrap(True)
    squeezed.setFixedSize(120, 30)
    home.root.addWidget(squeezed)
    inner = QScrollArea()
    inner.setWidget(QLabel("a list"))
    outer = QScrollArea()
    outer.setWidget(inner)
    outer.setWidgetResizable(True)
    home.root.addWidget(outer)
    hidden = home.main_actions()[0] if home.main_actions() else window.bar.home
    hidden.hide()
    qtbot.wait(1)
    kinds = {(f.kind, f.widget.split(" on ")[0]) for f in check(window, panel, [hidden])}
    # Home lets its layout be squeezed, so the row pokes past the window's side instead of growing it.
    assert ("sticks-out", f"QLabel '{wide.text()}'") in kinds or ("window-too-big", "MainWindow") in kinds
    assert ("cut", f"QLabel '{squeezed.text()[:40]}...'") in kinds
    assert ("nested-scroll", "QScrollArea") in kinds
    assert any(kind == "action-hidden" for kind, _ in kinds)


def test_a_screen_taller_than_the_panel_is_named(qtbot, demo_window):
    from ui.layout_check import check_window

    window = demo_window
    panel = QSize(1280, 800)
    visit_as(window, panel, "en", "normal")
    window.go("notices")
    window.current_screen().setMinimumHeight(1500)
    window.resize(panel)
    qtbot.waitUntil(lambda: window.height() > panel.height())
    faults = [f for f in check_window(window, panel) if f.kind == "window-too-big"]
    assert len(faults) == 1 and "NoticesScreen needs" in faults[0].detail, faults
    # Only the screen on show counts: leaving it lets the window fit the panel again.
    window.home()
    window.resize(panel)
    qtbot.waitUntil(lambda: window.height() == panel.height())
    assert check_window(window, panel) == []
