"""Helpers for the tests that check screens fit their panel (ui/layout_check.py)."""

from __future__ import annotations

from PySide6.QtCore import QSize

from ui.layout_check import check_window
from ui.tour import settle

__all__ = ["fit_faults", "settle", "window_as"]


def fit_faults(window, panel, on: str | None = None) -> list[str]:
    """What does not fit on ``panel`` (a QSize or (width, height)); with ``on``, only faults of
    that screen class and of the window as a whole (other screens belong to other tests)."""
    size = panel if isinstance(panel, QSize) else QSize(*panel)
    return [str(fault) for fault in check_window(window, size)
            if on is None or fault.kind == "window-too-big" or f" on {on}" in fault.widget]


def window_as(make_window, size, locale: str, text_size: str):
    """A window of ``size`` as a visitor who chose this language and text size sees it."""
    window = make_window(size)
    window.change_locale(locale)
    window.change_text_size(text_size)
    return window
