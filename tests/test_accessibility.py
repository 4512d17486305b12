"""The accessibility floor on every screen, at every text size, on both panel sizes."""

from __future__ import annotations

import pytest
from tests.plugins.a11y import MIN_CONTRAST, contrast_in, grab, violations
from PySide6.QtCore import QRect

from kiosk.settings import TEXT_SIZES
from ui import theme

SCREENS = [
    ("home", {}),
    ("categories", {}),
    ("lessons", {"category": "basics"}),
    ("player", {"lesson": "lesson-1"}),
    ("player", {"lesson": "lesson-1", "step": 3}),
    ("finish", {"lesson": "lesson-1"}),
    ("programs", {}),
    ("program", {"program": "program-1"}),
    ("notices", {}),
]


def settle(qtbot, window):
    qtbot.wait(1)  # one event-loop turn so layouts settle
    window.repaint()


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)], ids=["1080p", "1280x800"])
@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_every_screen_meets_the_floor(qtbot, make_window, size, text_size):
    window = make_window(size)
    window.change_text_size(text_size)
    problems = []
    for name, params in SCREENS:
        window.go(name, **params)
        settle(qtbot, window)
        problems += [f"{name} {params}: {p}" for p in violations(window, window)]
    window.call_guide()
    settle(qtbot, window)
    problems += [f"help confirmation: {p}" for p in violations(window.notice, window)]
    window.notice.hide()
    window.go("categories")
    window.idle_prompt.ask(20)
    settle(qtbot, window)
    problems += [f"idle prompt: {p}" for p in violations(window.idle_prompt, window)]
    assert problems == []


def test_text_grows_with_each_size(qtbot, make_window):
    window = make_window()
    label = window.screens["home"].welcome
    pixel_sizes = []
    for text_size in TEXT_SIZES:
        window.change_text_size(text_size)
        pixel_sizes.append(label.fontInfo().pixelSize())
    assert pixel_sizes[0] >= theme.MIN_BODY_PX
    assert pixel_sizes == sorted(pixel_sizes) and len(set(pixel_sizes)) == 3


def test_pressed_states_keep_the_contrast(qtbot, make_window):
    window = make_window()
    pairs = [
        (theme.PRIMARY_PRESSED, theme.ON_PRIMARY),
        (theme.HELP_PRESSED, theme.ON_PRIMARY),
        (theme.SECONDARY_PRESSED, theme.INK),
        (theme.HIGHLIGHT, theme.INK),
    ]
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QLabel

    for background, ink in pairs:
        probe = QLabel("가나다 ABC", window)
        probe.setStyleSheet(f"background: {background}; color: {ink}; font-size: 40px; font-weight: 700;")
        probe.setGeometry(0, 0, 400, 80)
        probe.show()
        settle(qtbot, window)
        assert contrast_in(grab(window), QRect(0, 0, 400, 80)) >= MIN_CONTRAST, (background, ink)
        probe.deleteLater()
        assert QColor(background).isValid()


def test_a_pressed_button_looks_pressed(qtbot, window):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    button = window.screens["home"].learn
    center = button.rect().center()
    before = button.grab().toImage().pixelColor(center.x(), 8)
    QTest.mousePress(button, Qt.MouseButton.LeftButton, pos=QPoint(center.x(), center.y()))
    pressed = button.grab().toImage().pixelColor(center.x(), 8)
    QTest.mouseRelease(button, Qt.MouseButton.LeftButton, pos=QPoint(center.x(), center.y()))
    assert before.name() == theme.PRIMARY.lower()
    assert pressed.name() == theme.PRIMARY_PRESSED.lower()
