"""The kiosk window: the navigation shell around a stack of screens.

It owns the history and the bottom bar, and implements ui.navigation.Navigator for the screens.
Guide mode (ui/guide_mode.py), the idle prompt (ui/idle_prompt.py) and kiosk mode
(ui/kiosk_lock.py) each live in their own module; services, speech and sync come from the
composition root (ui/app.py) and are never built here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from kiosk.guide.hours import GuideClock, GuideHours
from kiosk.visit_help import VisitHelp
from kiosk.vitals import Vitals
from kiosk.idle import IdleTracker
from kiosk.interfaces import HomeServices
from ui.full_screen import FullScreen
from ui.guide_alert import GuideAlert
from ui.guide_mode import GuideMode
from ui.i18n import LanguageSwitcher, tr
from ui.idle_prompt import IdlePrompt
from ui.idle_watcher import IdleWatcher
from ui.kiosk_lock import KioskLock
from ui.window_input import WindowInputFilters
from ui.screens.base import LazyScreens, Screen, Spoken
from ui.screens.home import HomeScreen
from ui.tasks import TaskRunner
from ui.theme import PAPER, sizes_for, stylesheet
from ui.widgets.bottom_bar import BottomBar
from ui.widgets.help_called import HelpCalledStrip
from ui.widgets.overlay import Overlay
from ui.widgets.screen_stack import ScreenStack
from ui.widgets.text_size_chooser import TextSizeChooser
from ui.widgets.thumbnails import Thumbnails

if TYPE_CHECKING:
    from kiosk.services import KioskServices
    from kiosk.settings import Settings
    from ui.speech import SpeechController
    from ui.opening_watch import OpeningWatch
    from ui.remote_care import RemoteCare
    from ui.watchdog import Watchdog
    from ui.sync_worker import OnboardingController, SyncController

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
    ("onboarding", "ui.screens.onboarding:OnboardingScreen"),
)


# Built one per event-loop turn once the kiosk has started (build_ahead), so a visitor's first
# tap on each is as quick as the next: a first build cost a tap 50-110 ms. The guide's screens
# wait for a guide.
BUILT_AHEAD = ("categories", "lessons", "player", "practice", "finish", "programs", "program", "notices")


class MainWindow(QMainWindow):
    screen_changed = Signal(str)
    visitor_reset = Signal()
    services_ready = Signal()
    messages_changed = Signal()  # the guide's messages changed (emitted from any thread, queued here)

    def __init__(
        self,
        services: HomeServices,
        kiosk_mode: bool = False,
        speech: SpeechController | None = None,
        idle_tracker: IdleTracker | None = None,
        extra_screens: tuple[type[Screen], ...] = (),
        runner: TaskRunner | None = None,
    ):
        super().__init__()
        self.kiosk_lock = KioskLock(self)  # first: Qt may call changeEvent from here on
        self.services = services
        self.runner = runner if runner is not None else TaskRunner(self)
        # Speech, sync and remote care are in place (ui/app.py); main.py's start-up report waits for it.
        self.extras_started = False
        # The lists' pictures, decoded on the runner and shared by every list screen.
        self.thumbnails = Thumbnails(self.runner, parent=self)
        # Started from the Home snapshot: only Home works until attach_services brings the rest.
        self.starting = not services.ready
        self._pending: Callable[[], None] | None = None
        self.languages = LanguageSwitcher.for_app(QApplication.instance())
        self.history: list[tuple[str, dict[str, Any]]] = []

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.stack = ScreenStack()
        column.addWidget(self.stack, 1)
        self.sync_now: Callable[[], None] | None = None
        self.sync_controller: SyncController | None = None
        # Uptime, restarts and the screen's state for the heartbeat; the composition root sets
        # them, and the closed screen outside opening hours (ui/opening_watch.py).
        self.vitals: Vitals | None = None
        self.opening_watch: OpeningWatch | None = None
        self.remote_care: RemoteCare | None = None  # staff's requests from the admin page
        self.watchdog: Watchdog | None = None  # READY and pings for systemd, when it runs the kiosk
        # Connecting this kiosk to the city's server by a code (ui/screens/onboarding.py); the
        # composition root attaches it when a server is set. Until the kiosk is connected (or
        # staff choose to use it meanwhile) "home" is the onboarding screen.
        self.onboarding: OnboardingController | None = None
        self.start_screen = "home"
        self._home_after_sync = False
        self.bar = BottomBar()
        # Guide mode (behind the PIN): the banner says so above the bar, which stays as it is.
        self.guide = GuideMode(self.bar, self)
        self.guide_banner = self.guide.banner
        self.guide_banner.leave_pressed.connect(self.leave_guide_mode)
        # Calling a guide: the visit's one request, the calm strip while it is open (above the
        # bar, so the lesson goes on), and the chime and marker that tell a guide (ui/guide_alert.py).
        self.visit_help = VisitHelp(lambda: self.services.helpdesk)
        # The center's hours from the city come first; the kiosk's own settings only without them.
        # They are read on the content's clock, so "a guide is here" and what is shown agree.
        self.guide_hours = GuideClock(
            lambda: GuideHours.for_kiosk(self.services.content.center(), self.services.settings),
            lambda: self.services.content.moment(),
        )
        self.help_strip = HelpCalledStrip(self.visit_help, self.guide_hours, self._center_phone)
        column.addWidget(self.help_strip)
        self.guide_alert = GuideAlert(self.bar, self)
        self.guide_alert.updated.connect(self.help_strip.refresh_state)
        self.help_strip.cancelled.connect(self.send_help_now)
        self.visitor_reset.connect(self.help_strip.forget)
        self.guide.changed.connect(self.help_strip.set_suppressed)
        self.guide.changed.connect(lambda _active: self._apply_look())  # the panel's own size
        self.services_ready.connect(lambda: self.guide_alert.attach(self.services.pending_help))
        if services.ready:
            self.guide_alert.attach(services.pending_help)
        column.addWidget(self.guide_banner)
        column.addWidget(self.bar)
        self.setCentralWidget(central)
        # Behind every part; the parts and screens get the look itself (_restyle), never the
        # window, whose style sheet would cascade into all of them at every change.
        self.setStyleSheet(f"QMainWindow {{ background: {PAPER}; }}")
        self.look_sheet = ""

        # Screens are built when first shown, so start-up pays only for Home.
        self.screens = LazyScreens(SCREENS + extra_screens, self._build_screen)

        self.bar.home_pressed.connect(self.home)
        self.bar.back_pressed.connect(self.back)
        self.bar.help_pressed.connect(self.call_guide)
        self.text_size_chooser = TextSizeChooser(central)
        self.text_size_chooser.chosen.connect(self.change_text_size)
        self.visitor_reset.connect(self.text_size_chooser.hide)
        self.bar.text_size_pressed.connect(
            lambda: self.text_size_chooser.present_sizes(self.services.visitor.text_size, self.services.visitor.locale)
        )

        self.notice = Overlay(central)
        self.notice.answered.connect(self.notice.hide)
        self._tell_messages_changed = self.messages_changed.emit
        services.messages.subscribe(self._tell_messages_changed)
        self.messages_changed.connect(self._refresh_guide_panel)

        if idle_tracker is not None:
            services.idle = idle_tracker
        self.idle = IdleWatcher(services.idle)
        self.idle_prompt = IdlePrompt(central, self.idle, self.is_pristine, self.speak)
        self.idle.expired.connect(self.reset_visitor)
        # Touches and keys are watched where they enter the window, not on every widget.
        self.input_filters = WindowInputFilters(self, (self.kiosk_lock, self.idle))
        self.idle.start()

        self.speech: SpeechController | None = None
        if speech is not None:
            self.attach_speech(speech)

        self.setWindowTitle(tr("Digital learning spot"))
        if kiosk_mode:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
            self.full_screen = FullScreen(self)  # the whole screen once shown (main.py), even with no WM
            self.kiosk_lock.engage()
        self._apply_look()
        self.history = [("home", {})]
        self._show("home", {})

    def _build_screen(self, screen_class: type[Screen]) -> Screen:
        screen = screen_class(self.services, self)
        self._take_look(screen)
        # No scroll area around a screen: each fits the window and scrolls only its long part
        # (Screen.add_scroll_body), so its actions never scroll away (ui/layout_check.py).
        self.stack.addWidget(screen)
        return screen

    def build_ahead(self) -> list[Callable[[], None]]:
        """One step per visitor screen not built yet, each made and prepared out of sight."""
        def build(name: str) -> None:
            if not self.screens.is_built(name):
                self.screens[name].prepare()

        return [lambda name=name: build(name) for name in BUILT_AHEAD if name in self.screens]

    # Navigation ------------------------------------------------------------------------------
    def current_screen(self) -> Screen:
        return self.stack.currentWidget()

    def current_name(self) -> str:
        return self.history[-1][0]

    def _show(self, name: str, params: dict[str, Any]) -> None:
        if self.speech is not None:
            self.speech.stop()
        screen = self.screens[name]
        self._take_look(screen)
        self.stack.setCurrentWidget(screen)
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
        # New content from a sync shows here, never in the middle of a lesson; the next start's
        # Home (kiosk/boot.py) draws the center that came with it, not the one before.
        if self.services.content.reload() and self.services.ready:
            self.services.save_home_snapshot()
            self.thumbnails.forget_failures()  # a picture missing before may have come with it
        self.history = [(self.start_screen, {})]
        self._show(self.start_screen, {})

    # Start-up ----------------------------------------------------------------------------------
    def _hold_until_ready(self, action: Callable[[], None]) -> bool:
        """While the services load, keep the visitor's last tap and do it once they have."""
        if not self.starting:
            return False
        self._pending = action
        return True

    def attach_services(self, services: KioskServices) -> None:
        """The real services, loaded on the task runner while Home was on screen (ui/app.py)."""
        if not self.starting:
            return
        if services.messages is not self.services.messages:
            self.services.messages.unsubscribe(self._tell_messages_changed)
            services.messages.subscribe(self._tell_messages_changed)
        self.services.hand_over(services)
        self.services = services
        self.starting = False
        for screen in self.screens.built():
            screen.services = services
        self.idle.tracker = services.idle
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
        # One request per visit: a repeat brings it up to date. Outside the guide's hours the
        # confirmation says when a guide is next here and gives the center's phone instead.
        heading, message = self.help_strip.called(self.current_name(), lesson_id, step)
        self.notice.present(heading, message, tr("OK"))
        self.speak([Spoken(self.notice.heading.text()), Spoken(self.notice.message.text())])
        self.guide_alert.update()
        self.send_help_now()

    def send_help_now(self) -> None:
        """A request, its cancel or a guide's Done goes up now, ahead of any content download."""
        if self.sync_controller is not None:
            self.sync_controller.send_help()

    def _center_phone(self) -> str:
        center = self.services.content.center()  # the full services' (a call waits for them)
        return center.phone if center is not None else ""

    # Sync ------------------------------------------------------------------------------------
    def attach_sync(self, controller) -> None:
        """Background sync (ui.sync_worker.SyncController) feeds the guide panel and Home."""
        self.sync_controller = controller
        self.sync_now = controller.sync_now
        controller.finished.connect(self._refresh_guide_panel)
        controller.relay_updated.connect(self._refresh_guide_panel)
        controller.finished.connect(self.guide_alert.update)
        controller.relay_updated.connect(self.guide_alert.update)
        controller.content_updated.connect(self._content_arrived)
        controller.finished.connect(self._synced_after_connecting)

    def attach_onboarding(self, controller, first: bool = False) -> None:
        """Connecting by a code (ui.sync_worker.OnboardingController); ``first``: this kiosk is
        not connected yet, so it starts on the onboarding screen."""
        self.onboarding = controller
        controller.connected.connect(self._connected)
        if first:
            self.start_screen = "onboarding"
            if self.history == [("home", {})]:
                self.home()

    def open_onboarding(self) -> None:
        """The guide panel's "Connect this kiosk" (not connected yet, revoked, or unknown)."""
        if self.onboarding is None:
            return
        if self.onboarding.state == self.onboarding.CONNECTED:
            self.onboarding.state = self.onboarding.WAITING  # connecting again: a new code
            self.onboarding.ticket = None
        self.go("onboarding")

    def leave_onboarding(self) -> None:
        """Use the kiosk with the content it has; the guide panel can connect it later."""
        self.start_screen = "home"
        if self.onboarding is not None:
            self.onboarding.stop()
        self.home()

    def _connected(self, _answer) -> None:
        # The first sync after connecting brings the center's own content: Home then shows it.
        self._home_after_sync = True

    def _synced_after_connecting(self, _result=None) -> None:
        if self._home_after_sync:
            self._home_after_sync = False
            self.start_screen = "home"
            if self.current_name() == "onboarding":
                self.home()

    def _refresh_guide_panel(self, _result=None) -> None:
        # Only pages that show what changed: a guide editing settings keeps what they typed.
        if self.current_name() == "guide_panel" and self.current_screen().current in ("help", "messages", "sync"):
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
        # A bound slot, not a lambda: Qt drops the connection when the window goes, so a voice
        # that outlives it (a sentence finishing after close) reaches nothing.
        speech.finished.connect(self._speech_finished)
        speech.set_enabled(self.services.visitor.voice_on)
        if self.history:
            self.speak_current()

    def _speech_finished(self) -> None:
        self.current_screen().clear_highlight()

    def speak(self, items: list[Spoken]) -> None:
        if self.speech is None or not self.services.visitor.voice_on:
            return
        self.speech.speak(items, self.look_locale())

    def speak_current(self) -> None:
        screen = self.current_screen()
        self.speak(screen.speech())
        upcoming = screen.upcoming_speech()
        if upcoming and self.speech is not None and self.services.visitor.voice_on:
            self.speech.prefetch(upcoming, self.services.visitor.locale)

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
            and not self.help_strip.isVisible()
            and not self.guide_mode
        )

    def reset_visitor(self) -> None:
        """Forget the visitor: language, text size, voice and progress go back to defaults."""
        self.guide.end()
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
    @property
    def guide_mode(self) -> bool:
        return self.guide.active

    def open_guide_pin(self) -> None:
        """The discreet gesture on Home lands here; nothing shows the way to it."""
        self.go("guide_pin")

    def enter_guide_mode(self) -> None:
        """Only the PIN screen calls this, after a right PIN (or setting the first one)."""
        self.notice.hide()
        self.idle_prompt.hide()
        self.guide.begin()
        # Back cannot lead to the PIN pad, or later from a visitor's screen into the panel.
        self.history = [("guide_panel", {})]
        self._show("guide_panel", {})

    def leave_guide_mode(self) -> None:
        """Back to a fresh Home for the next visitor (also what an idle reset does)."""
        self.reset_visitor()

    def assist_open(self, lesson_id: str, step: int = 0) -> None:
        """Assist mode: open a lesson at a step for the visitor, who then uses it as their own.

        The visitor's language, text size and voice stay: the guide is helping the person who
        chose them. Back leads Home only, so the panel is out of reach; the idle reset still
        clears everything for whoever comes next.
        """
        self.guide.end()
        self.history = [("home", {})]
        from kiosk.content.kinds import screen_for  # the content schema loads after Home, not before

        lesson = self.services.content.card(lesson_id)
        self.go(screen_for(lesson) if lesson is not None else "player", lesson=lesson_id, step=step)

    def apply_settings(self, settings: Settings) -> None:
        """Save the guide's settings and use them now; language and text size apply from the next reset."""
        self.services.save_settings(settings)
        if self.speech is not None:
            self.speech.set_rate_step(settings.voice_rate_step)
            self.speech.set_volume(settings.voice_volume)

    # Look --------------------------------------------------------------------------------------
    def look_locale(self) -> str:
        """The language on screen: the visitor's, or in guide mode the center's (GuideMode.locale)."""
        return self.guide.locale(self.services.visitor.locale, self.services.settings.default_locale)

    def _apply_look(self) -> None:
        visitor = self.services.visitor
        locale = self.look_locale()
        self.languages.switch(locale)
        size = self.guide.text_size(visitor.text_size)  # the guide panel keeps its own size
        self._restyle(stylesheet(size, locale))
        sizes = sizes_for(size)
        self.bar.apply_sizes(sizes.gap, sizes.margin // 2)
        self.bar.retranslate(visitor.text_size)
        self.guide.apply_look(sizes)
        self.help_strip.apply_sizes(sizes.bar_font)
        self.help_strip.retranslate()

    def _restyle(self, sheet: str) -> None:
        """The style sheet for the window's own parts and the screen on show; a screen out of
        sight takes it when it is next shown (``_show``). Set on the window itself it re-polished
        every widget of every screen built so far, in one go: 200-300 ms for a language or a
        text size once the guide's panel had been opened."""
        if sheet == self.look_sheet:
            return
        self.look_sheet = sheet
        central = self.centralWidget()
        for part in central.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if part is not self.stack:
                part.setStyleSheet(sheet)
        screen = self.stack.currentWidget()
        if screen is not None:
            screen.setStyleSheet(sheet)

    def _take_look(self, screen: Screen) -> None:
        if screen.styleSheet() != self.look_sheet:
            screen.setStyleSheet(self.look_sheet)


    # Kiosk mode: the visitor cannot leave the app (ui/kiosk_lock.py) -------------------------
    @property
    def kiosk_mode(self) -> bool:
        return self.kiosk_lock.engaged

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if self.kiosk_mode:
            event.ignore()
        else:
            super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # Some window managers minimise on a shortcut; a kiosk comes straight back.
        if self.kiosk_mode and event.type() == QEvent.Type.WindowStateChange and self.isMinimized():
            self.full_screen.fill()
        super().changeEvent(event)

    def leave_kiosk_mode(self) -> None:
        """Only the guide panel calls this, behind the PIN."""
        self.kiosk_lock.release()
        self.full_screen.stop()
        self.close()
