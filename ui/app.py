"""Assemble the window from services (the one place that knows every optional part)."""

from __future__ import annotations

from kiosk.services import KioskServices
from ui.main_window import MainWindow


def build_window(services: KioskServices, kiosk_mode: bool = True, speech=None) -> MainWindow:
    return MainWindow(services, kiosk_mode=kiosk_mode, speech=speech)
