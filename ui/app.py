"""Assemble the window from services (the one place that knows every optional part)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from typing import TYPE_CHECKING

from kiosk.boot import BootServices
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from kiosk.services import KioskServices
    from ui.speech import SpeechController

SPEECH_CACHE_BYTES = 200 * 1024 * 1024


def build_speech(services: KioskServices) -> SpeechController:
    from kiosk.speech import SpeechService
    from ui.speech import SpeechController

    settings = services.settings
    controller = SpeechController(
        SpeechService(services.data_dir / "speech-cache", SPEECH_CACHE_BYTES),
        rate_step=settings.voice_rate_step,
        volume=settings.voice_volume,
        enabled=services.visitor.voice_on,
    )
    controller.unavailable.connect(lambda locale: services.report(f"No voice for '{locale}': that language is silent."))
    QApplication.instance().aboutToQuit.connect(controller.shutdown)
    return controller


def start_sync(services: KioskServices, window: MainWindow):
    """Background sync from the kiosk's settings; None when no server is configured."""
    from ui.sync_worker import controller_for

    controller = controller_for(services)
    if controller is None:
        return None
    window.attach_sync(controller)
    app = QApplication.instance()
    app.aboutToQuit.connect(controller.stop)
    controller.start()
    return controller


def build_window(
    services: KioskServices | BootServices, kiosk_mode: bool = True, voice: bool = True, sync: bool = True
) -> MainWindow:
    """The window over real services, or over the Home snapshot until MainWindow.attach_services."""
    window = MainWindow(services, kiosk_mode=kiosk_mode)

    def start_extras() -> None:
        if voice:
            # Qt Multimedia and the speech engine load once Home is on screen, so it appears sooner.
            QTimer.singleShot(0, lambda: window.attach_speech(build_speech(window.services)))
        if sync:
            # requests and the sync modules load after Home, for the same reason.
            QTimer.singleShot(0, lambda: start_sync(window.services, window))

    if window.starting:
        window.services_ready.connect(start_extras)
    else:
        start_extras()
    return window
