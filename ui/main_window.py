"""The kiosk window: a stack of screens, the bottom bar, overlays, and navigation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.boot import BootServices
from kiosk.guide.pin import PinLock
from kiosk.idle import IdleTracker
from ui.i18n import LanguageSwitcher, tr
from ui.idle_watcher import IdleWatcher
from ui.screens.base import LazyScreens, Screen, Spoken
from ui.screens.guide.banner import GuideBanner
from ui.screens.home import HomeScreen
from ui.theme import sizes_for, stylesheet
from ui.widgets.bottom_bar import BottomBar
from ui.widgets.overlay import Overlay
from ui.widgets.scroll_list import make_flickable

if TYPE_CHECKING:
    from kiosk.services import KioskServices
    from kiosk.settings import Settings

# Only Home is imported up front; the others (and the content schema, SQLAlchemy, segno...
# behind them) load when first shown, so Home is on screen sooner.
SCREENS: tuple[type[Screen] | tuple[str, str], ...] = (
    HomeScreen,
    ("categories", "ui.screens.categories:CategoriesScreen"),
    ("lessons", "ui.screens.lessons:LessonsScreen"),
    ("player", "ui.screens.player:PlayerScreen"),
    ("practice", "ui.screens.practice:PracticeScreen"),
    ("finish", "ui.screens.finish:FinishScreen"),
    ("programs", "ui.screens.programs:ProgramsScreen"),
    ("program", "ui.screens.program_detail:ProgramDetailScreen"),
    ("notices", "ui.screens.notices:NoticesScreen"),
    ("guide_pin", "ui.screens.guide_pin:GuidePinScreen"),
    ("guide_panel", "ui.screens.guide_panel:GuidePanelScreen"),
)


class MainWindow(QMainWindow):
    screen_changed = Signal(str)
    visitor_reset = Signal()
    services_ready = Signal()

    def __init__(
        self,
        services: KioskServices | BootServices,
        kiosk_mode: bool = False,
        speech=None,
        idle_tracker: IdleTracker | None = None,
        extra_screens: tuple[type[Screen], ...] = (),
    ):
        super().__init__()
        self.services = services
        # Started from the Home snapshot: only Home works until attach_services brings the rest.
        self.starting = isinstance(services, BootServices)
        self._pending: Callable[[], None] | None = None
        self.kiosk_mode = kiosk_mode
        self.languages = LanguageSwitcher.for_app(QApplication.instance())
        self.history: list[tuple[str, dict[str, Any]]] = []

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)
        # Guide mode (behind the PIN): the banner says so above the bar, which stays as it is.
        self.guide_mode = False
        self.guide_lock = PinLock()  # lives as long as the process, so leaving the pad does not reset it
        self.sync_now: Callable[[], None] | None = None  # set by whoever starts sync; the panel's "Sync now"
        self.relayed_help = None  # a kiosk.guide.help.RelayedHelp, once the server relays other kiosks' requests
        self.sync_controller = None  # ui.sync_worker.SyncController, when a server is configured
        self.guide_banner = GuideBanner()
        self.guide_banner.leave_pressed.connect(self.leave_guide_mode)
        column.addWidget(self.guide_banner)
        self.bar = BottomBar()
        column.addWidget(self.bar)
        self.setCentralWidget(central)

        # Screens are built when first shown, so start-up pays only for Home.
        self.screens = LazyScreens(SCREENS + extra_screens, self._build_screen)

        self.bar.home_pressed.connect(self.home)
        self.bar.back_pressed.connect(self.back)
        self.bar.help_pressed.connect(self.call_guide)
        self.bar.bigger_text_pressed.connect(lambda: self.change_text_size(self.services.visitor.next_text_size()))

        self.notice = Overlay(central)
        self.notice.answered.connect(self.notice.hide)
        self.idle_prompt = Overlay(central)
        self.idle_prompt.answered.connect(self._still_here)

        settings = services.settings
        self.idle = IdleWatcher(idle_tracker or IdleTracker(settings.idle_seconds, settings.idle_prompt_seconds))
        self.idle.prompt.connect(self._prompt_idle)
        self.idle.resume.connect(self.idle_prompt.hide)
        self.idle.expired.connect(self.reset_visitor)
        # Installed from the event loop (which delivers every touch, so none is missed): an
        # application-wide Python filter makes PySide wrap each object it sees, which would
        # otherwise hold up the first Home by tens of milliseconds.
        QTimer.singleShot(0, self.idle, lambda: QApplication.instance().installEventFilter(self.idle))
        self.idle.start()

        self.speech = None
        if speech is not None:
            self.attach_speech(speech)

        self.setWindowTitle(tr("Digital learning spot"))
        if kiosk_mode:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        self._apply_look()
        self.history = [("home", {})]
        self._show("home", {})

    def _build_screen(self, screen_class: type[Screen]) -> Screen:
        screen = screen_class(self.services, self)
        # At the largest text on a small panel a screen can be taller than the window;
        # then the whole screen scrolls by flicking instead of being cut off.
        self.stack.addWidget(make_flickable(QScrollArea(), screen))
        return screen

    # Navigation ------------------------------------------------------------------------------
    def current_screen(self) -> Screen:
        return self.stack.currentWidget().widget()

    def current_name(self) -> str:
        return self.history[-1][0]

    def _show(self, name: str, params: dict[str, Any]) -> None:
        if self.speech is not None:
            self.speech.stop()
        screen = self.screens[name]
        frame = screen.parentWidget().parentWidget()  # the screen's scroll area (viewport, then frame)
        self.stack.setCurrentWidget(frame)
        frame.verticalScrollBar().setValue(0)
        screen.enter(**params)
        # Keep the screen's live params (the step reached, the theme chosen) for Back.
        self.history[-1] = (name, screen.params)
        self.bar.back.setEnabled(len(self.history) > 1)
        self.services.usage.record("screen", screen=name)
        self.screen_changed.emit(name)
        self.speak_current()

    def go(self, screen: str, **params: Any) -> None:
        if self._hold_until_ready(lambda: self.go(screen, **params)):
            return
        self.history.append((screen, params))
        self._show(screen, params)

    def back(self) -> None:
        if len(self.history) > 1:
            self.history.pop()
            name, params = self.history[-1]
            self._show(name, dict(params))

    def home(self) -> None:
        if self.guide_mode:
            self.leave_guide_mode()  # ends with a reset, which comes back here
            return
        # New content from a sync shows here, never in the middle of a lesson.
        self.services.content.reload()
        self.history = [("home", {})]
        self._show("home", {})

    # Start-up ----------------------------------------------------------------------------------
    def _hold_until_ready(self, action: Callable[[], None]) -> bool:
        """While the services load, keep the visitor's last tap and do it once they have."""
        if not self.starting:
            return False
        self._pending = action
        return True

    def attach_services(self, services: KioskServices) -> None:
        """The real services, loaded on a worker while Home was on screen (ui/boot_loader.py)."""
        if not self.starting:
            return
        self.services.hand_over(services)
        self.services = services
        self.starting = False
        for screen in self.screens.built():
            screen.services = services
        self.idle.tracker.idle_seconds = services.settings.idle_seconds
        self.idle.tracker.prompt_seconds = services.settings.idle_prompt_seconds
        self.current_screen().refresh()
        self.services_ready.emit()
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    # Visitor choices ---------------------------------------------------------------------------
    def change_locale(self, locale: str) -> None:
        self.services.visitor.locale = locale
        self._apply_look()
        self.current_screen().refresh()
        self.speak_current()

    def change_text_size(self, size: str) -> None:
        self.services.visitor.text_size = size
        self.services.usage.record("text_size", size=size)
        self._apply_look()
        self.current_screen().refresh()

    def set_voice(self, on: bool) -> None:
        self.services.visitor.voice_on = on
        self.services.usage.record("voice", on=on)
        if self.speech is not None:
            self.speech.set_enabled(on)
        self.current_screen().refresh()
        if on:
            self.speak_current()

    def call_guide(self) -> None:
        if self._hold_until_ready(self.call_guide):
            return
        lesson_id, step = self.current_screen().help_context()
        self.services.helpdesk.request_help(self.current_name(), lesson_id, step)
        self.notice.present(
            tr("A guide is coming"),
            tr("Please stay here. A digital guide will come to help you soon."),
            tr("OK"),
        )
        self.speak([Spoken(self.notice.heading.text()), Spoken(self.notice.message.text())])
        if self.sync_now is not None:
            self.sync_now()  # the request reaches the server, and the center's other kiosks, now

    # Sync ------------------------------------------------------------------------------------
    def attach_sync(self, controller) -> None:
        """Background sync (ui.sync_worker.SyncController) feeds the guide panel and Home."""
        self.sync_controller = controller
        self.sync_now = controller.sync_now
        self.relayed_help = controller.relay
        controller.finished.connect(self._sync_finished)
        controller.relay_updated.connect(self._sync_finished)
        controller.content_updated.connect(self._content_arrived)

    def _sync_finished(self, _result=None) -> None:
        # Only pages that show sync results: a guide editing settings keeps what they typed.
        if self.current_name() == "guide_panel" and self.current_screen().current in ("help", "sync"):
            self.current_screen().refresh()

    def _content_arrived(self, _revision: int) -> None:
        # Nobody is mid-lesson on an untouched Home, so new content can show at once there;
        # anywhere else it waits until the visitor comes back Home.
        if self.history == [("home", {})]:
            self.home()

    # Speech ------------------------------------------------------------------------------------
    def attach_speech(self, speech) -> None:
        """Give the window its voice (built after Home is on screen, to start sooner)."""
        self.speech = speech
        speech.sentence_started.connect(self._highlight)
        speech.finished.connect(lambda: self.current_screen().clear_highlight())
        speech.set_enabled(self.services.visitor.voice_on)
        if self.history:
            self.speak_current()

    def speak(self, items: list[Spoken]) -> None:
        if self.speech is None or not self.services.visitor.voice_on:
            return
        self.speech.speak(items, self.services.visitor.locale)

    def speak_current(self) -> None:
        screen = self.current_screen()
        self.speak(screen.speech())
        upcoming = getattr(screen, "upcoming_speech", None)
        if upcoming is not None and self.speech is not None and self.services.visitor.voice_on:
            self.speech.prefetch(upcoming(), self.services.visitor.locale)

    def _highlight(self, item_index: int, sentence_index: int, _text: str = "") -> None:
        self.current_screen().highlight(item_index, sentence_index)

    # Idle --------------------------------------------------------------------------------------
    def is_pristine(self) -> bool:
        visitor, settings = self.services.visitor, self.services.settings
        return (
            len(self.history) == 1
            and not visitor.progress
            and visitor.locale == settings.default_locale
            and visitor.text_size == settings.default_text_size
            and visitor.voice_on == settings.voice_on
            and not self.notice.isVisible()
            and not self.guide_mode
        )

    def _prompt_idle(self, seconds_left: int) -> None:
        if self.is_pristine():
            # Nobody to protect: stay quietly on Home instead of asking an empty room.
            self.idle.tracker.touch()
            return
        first = not self.idle_prompt.isVisible()
        self.idle_prompt.present(
            tr("Are you still there?"),
            tr("If nobody touches the screen, it will go back to the start in {seconds} seconds.").format(
                seconds=seconds_left
            ),
            tr("Continue"),
        )
        if first:
            self.speak([Spoken(self.idle_prompt.heading.text())])

    def _still_here(self) -> None:
        self.idle.tracker.touch()
        self.idle_prompt.hide()

    def reset_visitor(self) -> None:
        """Forget the visitor: language, text size, voice and progress go back to defaults."""
        self._end_guide_mode()
        # Lets the guide panel count visits; a reset is where one visitor ends.
        self.services.usage.record("visit_ended")
        if self.speech is not None:
            self.speech.stop()
        self.idle_prompt.hide()
        self.notice.hide()
        self.services.visitor.reset()
        if self.speech is not None:
            self.speech.set_enabled(self.services.visitor.voice_on)
        self._apply_look()
        self.visitor_reset.emit()
        self.home()

    # Guide mode ----------------------------------------------------------------------------------
    def open_guide_pin(self) -> None:
        """The discreet gesture on Home lands here; nothing shows the way to it."""
        self.go("guide_pin")

    def enter_guide_mode(self) -> None:
        """Only the PIN screen calls this, after a right PIN (or setting the first one)."""
        self.guide_mode = True
        self.notice.hide()
        self.idle_prompt.hide()
        self.guide_banner.show()
        self.bar.help.setEnabled(False)  # a guide calling a guide would only add a false request
        # Back cannot lead to the PIN pad, or later from a visitor's screen into the panel.
        self.history = [("guide_panel", {})]
        self._show("guide_panel", {})

    def leave_guide_mode(self) -> None:
        """Back to a fresh Home for the next visitor (also what an idle reset does)."""
        self.reset_visitor()

    def _end_guide_mode(self) -> None:
        if not self.guide_mode:
            return
        self.guide_mode = False
        self.guide_banner.hide()
        self.bar.help.setEnabled(True)

    def assist_open(self, lesson_id: str, step: int = 0) -> None:
        """Assist mode: open a lesson at a step for the visitor, who then uses it as their own.

        The visitor's language, text size and voice stay: the guide is helping the person who
        chose them. Back leads Home only, so the panel is out of reach; the idle reset still
        clears everything for whoever comes next.
        """
        self._end_guide_mode()
        self.history = [("home", {})]
        lesson = self.services.content.lesson(lesson_id)
        screen = "practice" if lesson is not None and lesson.kind == "practice" and "practice" in self.screens else "player"
        self.go(screen, lesson=lesson_id, step=step)

    def apply_settings(self, settings: Settings) -> None:
        """Save the guide's settings and use them now; language and text size apply from the next reset."""
        self.services.save_settings(settings)
        self.idle.tracker.idle_seconds = settings.idle_seconds
        self.idle.tracker.prompt_seconds = settings.idle_prompt_seconds
        if self.speech is not None:
            self.speech.set_rate_step(settings.voice_rate_step)
            self.speech.set_volume(settings.voice_volume)

    # Look --------------------------------------------------------------------------------------
    def _apply_look(self) -> None:
        visitor = self.services.visitor
        self.languages.switch(visitor.locale)
        self.setStyleSheet(stylesheet(visitor.text_size, visitor.locale))
        sizes = sizes_for(visitor.text_size)
        self.bar.apply_sizes(sizes.gap, sizes.margin // 2)
        self.bar.retranslate(visitor.text_size)
        self.guide_banner.apply_sizes(sizes.bar_button, sizes.bar_font)
        self.guide_banner.retranslate()

    # Kiosk mode: the visitor cannot leave the app ---------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if self.kiosk_mode:
            event.ignore()
        else:
            super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.kiosk_mode and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4):
            event.ignore()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # Some window managers minimise on a shortcut; a kiosk comes straight back.
        if self.kiosk_mode and event.type() == QEvent.Type.WindowStateChange and self.isMinimized():
            self.showFullScreen()
        super().changeEvent(event)

    def leave_kiosk_mode(self) -> None:
        """Only the guide panel calls this, behind the PIN."""
        self.kiosk_mode = False
        QApplication.restoreOverrideCursor()
        self.close()
