"""The guide's PIN typed on the pad as a guide does, and the answer waited for: the PIN is
checked (scrypt) on the task runner, not while the last key is handled (ui/screens/guide_pin.py)."""

from __future__ import annotations

from tests.plugins.touch import click


def type_pin(qtbot, window, pin: str) -> None:
    screen = window.screens["guide_pin"]
    for digit in pin:
        click(qtbot, screen.pad.keys[digit])
    qtbot.waitUntil(lambda: not screen.checking, timeout=10000)
