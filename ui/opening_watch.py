"""Opening hours on screen: the closed screen, the resting (blank) display, and waking (issue 15).

``install_opening_watch(window, runner=...)`` checks the center's hours (kiosk/opening_hours.py)
once a minute and at the exact moment they next change, and when the visitor pokes or rests:

- outside the hours, once nobody is using the kiosk (an untouched Home, or after the idle reset:
  a lesson is never cut off), the closed screen covers the window (ui/screens/closed.py);
- after some quiet minutes it rests: a black cover, and the panel switched off where the
  platform can (kiosk/display_power.py, run on the task runner: its commands may wait);
- a touch wakes it to the closed screen with the hours and the phone; a quiet minute later it
  rests again;
- at opening time the kiosk is back on Home, the panel on.

Holding the center's name on the closed screen opens the guide's PIN pad, as on Home; guide
mode then keeps the kiosk open until the guide leaves (its reset brings the closed screen back).
``state`` is what shows (protocol.events.ScreenState), sent in the heartbeat; ``state_changed``
says when it changes. Every moment comes from one clock, the content's local time unless
given, so a test moves the clock and calls ``tick()`` instead of waiting.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from kiosk.display_power import DisplayPower, Switched
from kiosk.opening_hours import BLANK_AFTER, BLANK_AFTER_WAKING, OpeningHours, next_screen
from protocol.events import ScreenState
from ui.screens.closed import BlankScreen, ClosedScreen
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

CHECK_MS = 60_000  # the hours (a sync may change them) and the quiet are looked at each minute
DISPLAY_LANE = "display"  # xset or wlopm wait on nothing else, and nothing waits on them


class OpeningWatch(QObject):
    state_changed = Signal(str)

    def __init__(self, window, clock: Callable[[], dt.datetime] | None = None,
                 display: DisplayPower | None = None, runner: TaskRunner | None = None):
        super().__init__(window)
        self.window = window
        self._clock = clock
        self.display = display if display is not None else DisplayPower.choose(QGuiApplication.platformName())
        self.runner = runner if runner is not None else TaskRunner(self)
        self.state = ScreenState.OPEN
        self.last_switch: Switched | None = None  # what switching the panel last did, for the log
        self.panel_off = False  # asked the panel off, so it is switched on again
        self._last_touch: dt.datetime | None = None
        self._woken = False  # woken from rest: it rests again sooner
        self._started = False
        self.closed_screen: ClosedScreen | None = None  # built the first time the center closes
        self.blank_screen: BlankScreen | None = None

        self.ticker = QTimer(self)
        self.ticker.setInterval(CHECK_MS)
        self.ticker.timeout.connect(self.tick)
        # The exact moment of the next change (opening, closing, resting); a precise timer never
        # fires early, so the hours have changed when it does.
        self.at_change = QTimer(self)
        self.at_change.setSingleShot(True)
        self.at_change.setTimerType(Qt.TimerType.PreciseTimer)
        self.at_change.timeout.connect(self.tick)
        # The reset is announced before the window is back on Home: look once it is.
        window.visitor_reset.connect(lambda: QTimer.singleShot(0, self, self.tick))
        if window.starting:
            # The boot snapshot's center has no hours: wait for the real services to know them.
            window.services_ready.connect(self.start)
        else:
            self.start()

    # Time and hours ---------------------------------------------------------------------------
    def now(self) -> dt.datetime:
        return self._clock() if self._clock is not None else self.window.services.content.moment()

    def hours(self) -> OpeningHours:
        return OpeningHours.of(self.window.services.content.center())

    # Checking ---------------------------------------------------------------------------------
    def start(self) -> None:
        if self._started:
            return
        self._started = True
        log.info("opening hours watched; the display is switched with %s", self.display.describe())
        self.ticker.start()
        # A kiosk restarted while resting finds the panel as it was left: off, under a Wayland
        # compositor, until someone switches it on (an X server wakes it on a touch by itself).
        self._switch_panel(on=True)
        # From the event loop: whoever installed the watch connects to state_changed first.
        QTimer.singleShot(0, self, self.tick)

    def tick(self) -> None:
        if not self._started:
            return
        now, hours = self.now(), self.hours()
        quiet = now - self._last_touch if self._last_touch is not None else dt.timedelta(0)
        wanted = next_screen(
            open_now=hours.is_open(now),
            showing=self.state,
            visitor_idle=self.window.is_pristine() and not self.window.guide_mode,
            quiet=quiet,
            woken=self._woken,
        )
        if wanted is not self.state:
            {ScreenState.OPEN: self._open, ScreenState.CLOSED: self._close, ScreenState.BLANK: self._rest}[wanted](now)
        elif wanted is not ScreenState.OPEN and self.closed_screen is not None:
            # Still closed: "tomorrow" may have become "today", a sync may have brought new hours.
            self.closed_screen.update_info(self.window.services.content.center(), hours.reopening(now))
        self._schedule(now, hours)

    def _schedule(self, now: dt.datetime, hours: OpeningHours) -> None:
        moments = [hours.next_change(now)]
        if self.state is ScreenState.CLOSED and self._last_touch is not None:
            moments.append(self._last_touch + (BLANK_AFTER_WAKING if self._woken else BLANK_AFTER))
        soonest = min((moment for moment in moments if moment is not None and moment > now), default=None)
        self.at_change.stop()
        if soonest is not None and soonest - now <= dt.timedelta(milliseconds=CHECK_MS):
            self.at_change.start(max(1, round((soonest - now).total_seconds() * 1000)))

    # Changing what shows ------------------------------------------------------------------------
    def _set_state(self, state: ScreenState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state.value)

    def _screens(self) -> tuple[ClosedScreen, BlankScreen]:
        if self.closed_screen is None:
            central = self.window.centralWidget()
            self.closed_screen = ClosedScreen(central, self.window.languages, self.window.look_locale)
            self.closed_screen.touched.connect(self.touched)
            self.closed_screen.guide_asked.connect(self.let_guide_in)
            self.closed_screen.revealed.connect(self._read_out)
            self.blank_screen = BlankScreen(central)
            self.blank_screen.touched.connect(self.wake)
        return self.closed_screen, self.blank_screen

    def _close(self, now: dt.datetime) -> None:
        closed, blank = self._screens()
        settings = self.window.services.settings
        closed.present(self.window.services.content.center(), self.hours().reopening(now),
                       settings.default_locale, settings.default_text_size)
        blank.hide()
        self._last_touch, self._woken = now, False
        self._set_state(ScreenState.CLOSED)

    def _rest(self, now: dt.datetime) -> None:
        closed, blank = self._screens()
        # Whoever comes next finds it as at closing: the kiosk's language, the hours on a touch.
        settings = self.window.services.settings
        closed.present(self.window.services.content.center(), self.hours().reopening(now),
                       settings.default_locale, settings.default_text_size)
        blank.retranslate()
        blank.cover()
        self._switch_panel(on=False)
        self._set_state(ScreenState.BLANK)

    def _open(self, _now: dt.datetime) -> None:
        self._uncover()
        self._set_state(ScreenState.OPEN)
        self.window.home()  # the content a sync brought overnight shows from the first visitor on

    def _uncover(self) -> None:
        for cover in (self.closed_screen, self.blank_screen):
            if cover is not None:
                cover.hide()
        if self.panel_off:
            self._switch_panel(on=True)

    # Touches -----------------------------------------------------------------------------------
    def touched(self) -> None:
        """Somebody touched the closed screen: the hours and phone, and the quiet starts again."""
        if self.state is not ScreenState.CLOSED:
            return
        self._last_touch, self._woken = self.now(), True
        self.closed_screen.show_details()
        self._schedule(self._last_touch, self.hours())

    def wake(self) -> None:
        """A touch on the resting screen: the panel on, the closed screen with hours and phone."""
        if self.state is not ScreenState.BLANK:
            return
        now = self.now()
        self.blank_screen.hide()
        if self.panel_off:
            self._switch_panel(on=True)
        self.closed_screen.update_info(self.window.services.content.center(), self.hours().reopening(now))
        self.closed_screen.show_details()
        self.closed_screen.raise_()
        self._last_touch, self._woken = now, True
        self._set_state(ScreenState.CLOSED)
        self._schedule(now, self.hours())

    def let_guide_in(self) -> None:
        """The center's name was held on the closed screen: the PIN pad, and the kiosk open
        (the PIN screen is not Home, so it stays open until the guide's visit is reset)."""
        self._uncover()
        self._set_state(ScreenState.OPEN)
        self.window.open_guide_pin()

    def _read_out(self) -> None:
        """Somebody came to read: the kiosk's voice (when the center has it on) says it too, in
        the closed screen's language. Never unasked: a closed room is not spoken to."""
        speech = self.window.speech
        if speech is not None and self.window.services.visitor.voice_on:
            speech.speak(self.closed_screen.speech(), self.closed_screen.locale)

    # The panel ---------------------------------------------------------------------------------
    def _switch_panel(self, on: bool) -> None:
        self.panel_off = not on
        self.runner.run(self.display.on if on else self.display.off, self._switched, self._switch_failed,
                        lane=DISPLAY_LANE)

    def _switched(self, result: Switched) -> None:
        self.last_switch = result
        log.info("display: %s", result)

    def _switch_failed(self, error: Exception) -> None:  # DisplayPower never raises; a fake might
        log.warning("display: switching failed: %s", error)


def install_opening_watch(window, clock: Callable[[], dt.datetime] | None = None,
                          display: DisplayPower | None = None, runner: TaskRunner | None = None) -> OpeningWatch:
    """Watch the center's opening hours on ``window`` (ui.main_window.MainWindow); pass the
    app's task runner so switching the panel runs beside its other work (else it gets its own)."""
    return OpeningWatch(window, clock=clock, display=display, runner=runner)
