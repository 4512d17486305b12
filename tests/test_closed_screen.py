"""Outside the center's opening hours: the closed screen, the resting display, waking (issue 15).

A real window over real services whose center has opening hours (Tuesday to Friday 10-18,
Saturday 10-13). Time is the content's injected clock; the watch's timers are stood in for by
calling ``tick()`` (or firing them) after moving the clock, so nothing waits on the wall clock.
The panel is a recording stand-in (the real switching is tests/test_opening_hours.py's); it is
called through a real task runner, off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.choices import LOCALES, TEXT_SIZES
from kiosk.display_power import NO_BACKEND, Switched
from kiosk.opening_hours import BLANK_AFTER, BLANK_AFTER_WAKING
from kiosk.services import KioskServices
from protocol.events import ScreenState
from tests.plugins.a11y import grab, violations
from tests.plugins.fit import settle
from tests.plugins.packs import make_pack, read, write
from tests.plugins.touch import click
from ui import theme
from ui.layout_check import check
from ui.opening_watch import CHECK_MS, install_opening_watch
from ui.tasks import TaskRunner
from ui.tour import PANELS

SEOUL = dt.timezone(dt.timedelta(hours=9))
TUESDAY = dt.date(2030, 12, 3)
PHONE = "02-3423-5000"
HOURS = {
    "ko": "화~금 10시~18시, 토 10시~13시\n일·월 휴관",
    "ja": "火~金 10時~18時、土 10時~13時\n日・月 休館",
    "en": "Tuesday to Friday 10:00–18:00, Saturday 10:00–13:00\nClosed on Sunday and Monday",
}


def at(days_after_tuesday: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    day = TUESDAY + dt.timedelta(days=days_after_tuesday)
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=SEOUL)


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    """The test pack (the conftest's services use it) with a center that has opening hours."""
    pack = make_pack(tmp_path / "pack")
    manifest = read(pack / "pack.json")
    manifest["schema_version"] = "1.1"
    manifest["center"] |= {
        "opening_hours": HOURS,
        "phone": PHONE,
        "open_times": [
            {"days": ["tue", "wed", "thu", "fri"], "start": "10:00", "end": "18:00"},
            {"days": ["sat"], "start": "10:00", "end": "13:00"},
        ],
    }
    write(pack / "pack.json", manifest)
    return pack


class RecordingDisplay:
    """Stands in for kiosk.display_power.DisplayPower: says what it was asked, and on which thread."""

    def __init__(self):
        self.calls: list[str] = []
        self.threads: set[str] = set()

    def describe(self) -> str:
        return "recording"

    def _switch(self, word: str) -> Switched:
        self.calls.append(word)
        self.threads.add(threading.current_thread().name)
        return Switched(NO_BACKEND, False, f"recorded {word}")

    def off(self) -> Switched:
        return self._switch("off")

    def on(self) -> Switched:
        return self._switch("on")


class Clock:
    def __init__(self, moment: dt.datetime):
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


@pytest.fixture
def kiosk(qtbot, make_window, services):
    """kiosk(moment, size) -> (window, watch, clock, display), the content's clock set to moment."""
    runners = []

    def build(moment: dt.datetime, size=(1920, 1080), locale: str = "en"):
        clock = Clock(moment)
        services.content.now = clock
        # English: the words checked here must not change when the translations come.
        services.use_settings(services.settings.model_copy(update={"default_locale": locale}))
        services.visitor.reset()
        window = make_window(size)
        runner = TaskRunner(window)
        runners.append(runner)
        display = RecordingDisplay()
        watch = install_opening_watch(window, display=display, runner=runner)
        states: list[str] = []
        watch.state_changed.connect(states.append)
        watch.states = states
        qtbot.waitUntil(lambda: display.calls == ["on"])  # once at start: see the snapshot test
        display.calls.clear()
        settle()
        return window, watch, clock, display

    yield build
    for runner in runners:
        runner.shutdown()


def later(watch, clock: Clock, **delta) -> None:
    clock.moment += dt.timedelta(**delta)
    watch.tick()
    settle()


def test_closed_at_night_the_calm_screen_covers_the_whole_window(qtbot, kiosk):
    window, watch, clock, display = kiosk(at(0, 22))
    closed = watch.closed_screen
    assert watch.state is ScreenState.CLOSED and watch.states == ["closed"]
    assert closed.isVisible() and closed.geometry() == window.centralWidget().rect()
    assert closed.headline.text() == "Closed now"
    assert closed.reopens.text() == "We open tomorrow at 10:00"
    assert closed.name.text() == "Test Senior Center", "the center's name in the kiosk's own language"
    assert closed.hint.isVisible() and not closed.card.isVisible(), "the hours come after a touch"
    # The bottom bar is under it: a touch on any of its buttons lands on the closed screen.
    central = window.centralWidget()
    for button in (window.bar.home, window.bar.back, window.bar.help, window.bar.text_size):
        touched = central.childAt(button.mapTo(central, button.rect().center()))
        assert touched is closed or closed.isAncestorOf(touched), button.text()
    assert display.calls == [], "the panel stays on while it says so"
    assert closed.accessibleName() == "Closed now"
    assert all(button.accessibleName() for button in closed.language_buttons.values())


@pytest.mark.parametrize(
    ("moment", "says"),
    [
        (at(0, 8), "We open today at 10:00"),
        (at(3, 18), "We open tomorrow at 10:00"),  # Friday evening: Saturday morning
        (at(4, 13), "We open on Tuesday at 10:00"),  # Saturday after noon: across Sunday and Monday
        (at(6, 9), "We open tomorrow at 10:00"),  # Monday, closed all day
    ],
)
def test_it_says_when_the_center_opens_next(kiosk, moment, says):
    _window, watch, _clock, _display = kiosk(moment)
    assert watch.closed_screen.reopens.text() == says


def test_a_lesson_is_never_cut_off_the_closed_screen_waits_for_the_idle_reset(qtbot, kiosk):
    window, watch, clock, _display = kiosk(at(0, 17, 50))
    assert watch.state is ScreenState.OPEN and watch.closed_screen is None
    window.go("player", lesson="lesson-1", step=2)
    later(watch, clock, minutes=15)  # 18:05, closed
    assert watch.state is ScreenState.OPEN
    assert window.current_name() == "player" and window.current_screen().isVisible()
    later(watch, clock, minutes=30)
    assert watch.state is ScreenState.OPEN, "however long the visitor stays"
    window.reset_visitor()  # what the idle watcher does after "Are you still there?"
    qtbot.waitUntil(lambda: watch.state is ScreenState.CLOSED)
    assert window.current_name() == "home" and watch.closed_screen.isVisible()


def test_the_change_is_timed_for_its_exact_moment(kiosk):
    _window, watch, clock, _display = kiosk(at(0, 17, 59, 30))
    assert watch.at_change.isActive()
    assert 29_000 <= watch.at_change.remainingTime() <= 30_000, "closing in thirty seconds"
    later(watch, clock, minutes=1)
    assert watch.state is ScreenState.CLOSED
    # Resting three quiet minutes after closing: looked at each minute, then timed exactly.
    later(watch, clock, seconds=BLANK_AFTER.total_seconds() - 20)
    assert watch.state is ScreenState.CLOSED and 19_000 <= watch.at_change.remainingTime() <= 20_000
    watch.at_change.timeout.emit()
    assert watch.state is ScreenState.CLOSED, "the clock has not moved on"
    clock.moment += dt.timedelta(seconds=20)
    watch.at_change.timeout.emit()
    assert watch.state is ScreenState.BLANK
    assert watch.ticker.isActive() and watch.ticker.interval() == CHECK_MS


def test_quiet_minutes_blank_the_display_and_a_touch_wakes_it_to_the_hours_and_phone(qtbot, kiosk):
    window, watch, clock, display = kiosk(at(0, 22))
    later(watch, clock, seconds=BLANK_AFTER.total_seconds() - 1)
    assert watch.state is ScreenState.CLOSED
    later(watch, clock, seconds=1)
    blank = watch.blank_screen
    assert watch.state is ScreenState.BLANK and watch.states == ["closed", "blank"]
    assert blank.isVisible() and blank.geometry() == window.centralWidget().rect()
    assert blank.accessibleName() == "The screen is resting. Touch it to see the opening hours."
    assert set(grab(window).reshape(-1).tolist()) == {0}, "black all over"
    qtbot.waitUntil(lambda: display.calls == ["off"])
    assert threading.main_thread().name not in display.threads, "switched off the GUI thread"
    qtbot.waitUntil(lambda: watch.last_switch is not None and watch.last_switch.detail == "recorded off")

    QTest.mouseClick(blank, Qt.MouseButton.LeftButton)
    closed = watch.closed_screen
    assert watch.state is ScreenState.CLOSED and not blank.isVisible() and closed.isVisible()
    qtbot.waitUntil(lambda: display.calls == ["off", "on"])
    assert closed.card.isVisible() and not closed.hint.isVisible()
    assert closed.hours.text() == HOURS["en"] and closed.phone.text() == f"Phone: {PHONE}"
    assert closed.phone.isVisible() and closed.phone.fontInfo().pixelSize() >= theme.sizes_for("normal").title

    # A quiet minute later it rests again; touches in between keep it awake.
    later(watch, clock, seconds=50)
    QTest.mouseClick(closed.headline, Qt.MouseButton.LeftButton)  # a label: the touch reaches the screen
    later(watch, clock, seconds=50)
    assert watch.state is ScreenState.CLOSED
    later(watch, clock, seconds=BLANK_AFTER_WAKING.total_seconds() - 50)
    assert watch.state is ScreenState.BLANK
    qtbot.waitUntil(lambda: display.calls == ["off", "on", "off"])


def test_a_touch_on_the_closed_screen_shows_the_hours_in_the_language_chosen(qtbot, kiosk):
    window, watch, _clock, _display = kiosk(at(0, 22))
    closed = watch.closed_screen
    QTest.mouseClick(closed, Qt.MouseButton.LeftButton)
    assert closed.card.isVisible() and closed.hours.text() == HOURS["en"]
    click(qtbot, closed.language_buttons["ja"])
    assert closed.name.text() == "テスト敬老堂" and closed.hours.text() == HOURS["ja"]
    assert closed.language_buttons["ja"].isChecked()
    # The screen's own choice: the visitor's session is untouched, the translator put back.
    assert window.services.visitor.locale == "en" and window.is_pristine()
    assert window.languages.locale == window.look_locale() == "en"


class RecordingSpeech:
    """Stands in for ui.speech.SpeechController where the window talks to it."""

    def __init__(self):
        self.spoken: list[tuple[list[str], str]] = []

    def speak(self, items, locale: str) -> None:
        self.spoken.append(([item.text for item in items], locale))

    def stop(self) -> None: ...
    def prefetch(self, items, locale: str) -> None: ...


def test_a_touch_reads_the_hours_aloud_when_the_voice_is_on_and_the_next_passer_by_starts_afresh(qtbot, kiosk):
    window, watch, clock, _display = kiosk(at(0, 22))
    services = window.services
    services.use_settings(services.settings.model_copy(update={"voice_on": True}))
    services.visitor.reset()
    window.speech = speech = RecordingSpeech()
    closed = watch.closed_screen
    later(watch, clock, minutes=1)
    assert speech.spoken == [], "a closed room is not spoken to"
    QTest.mouseClick(closed, Qt.MouseButton.LeftButton)
    assert speech.spoken == [(["Closed now", "We open tomorrow at 10:00", HOURS["en"], f"Phone: {PHONE}"], "en")]
    click(qtbot, closed.language_buttons["ja"])
    assert speech.spoken[-1][1] == "ja" and HOURS["ja"] in speech.spoken[-1][0]
    later(watch, clock, seconds=BLANK_AFTER_WAKING.total_seconds())
    assert watch.state is ScreenState.BLANK
    # Rested: the next one to touch it finds the kiosk's own language, and hears it.
    QTest.mouseClick(watch.blank_screen, Qt.MouseButton.LeftButton)
    assert closed.locale == "en" and closed.language_buttons["en"].isChecked()
    assert speech.spoken[-1] == (["Closed now", "We open tomorrow at 10:00", HOURS["en"], f"Phone: {PHONE}"], "en")
    assert len(speech.spoken) == 3


def test_at_opening_time_the_kiosk_is_back_on_home_with_the_display_on(qtbot, kiosk):
    window, watch, clock, display = kiosk(at(0, 22))
    later(watch, clock, minutes=BLANK_AFTER.total_seconds() / 60)
    assert watch.state is ScreenState.BLANK
    clock.moment = at(1, 9, 59, 45)
    watch.tick()
    assert watch.state is ScreenState.BLANK and watch.at_change.remainingTime() <= 15_000
    clock.moment = at(1, 10)
    watch.at_change.timeout.emit()
    settle()
    assert watch.state is ScreenState.OPEN and watch.states == ["closed", "blank", "open"]
    assert not watch.closed_screen.isVisible() and not watch.blank_screen.isVisible()
    assert window.current_name() == "home" and window.screens["home"].isVisible()
    qtbot.waitUntil(lambda: display.calls == ["off", "on"])
    assert not watch.panel_off


def test_a_guide_can_use_the_kiosk_while_the_center_is_closed(qtbot, kiosk):
    window, watch, clock, _display = kiosk(at(0, 22))
    closed = watch.closed_screen
    QTest.mousePress(closed.name, Qt.MouseButton.LeftButton)
    assert closed.guide_hold.isActive(), "holding the center's name, as on Home"
    closed.guide_hold.timeout.emit()  # held long enough (a timer: no waiting here)
    assert window.current_name() == "guide_pin" and not closed.isVisible()
    assert watch.state is ScreenState.OPEN
    later(watch, clock, minutes=10)
    assert watch.state is ScreenState.OPEN, "the PIN pad stays while the guide types"
    window.enter_guide_mode()  # the PIN screen's part, tested in tests/test_guide_pin.py
    later(watch, clock, hours=2)
    assert watch.state is ScreenState.OPEN and window.guide_mode
    window.leave_guide_mode()
    qtbot.waitUntil(lambda: watch.state is ScreenState.CLOSED)
    assert closed.isVisible() and not window.guide_mode


def test_a_tap_is_not_a_hold(qtbot, kiosk):
    window, watch, _clock, _display = kiosk(at(0, 22))
    closed = watch.closed_screen
    QTest.mouseClick(closed.name, Qt.MouseButton.LeftButton)
    assert not closed.guide_hold.isActive() and closed.card.isVisible(), "a passer-by's tap shows the hours"
    assert window.current_name() == "home"


def test_a_center_without_hours_never_closes(qtbot, make_window, services):
    manifest_center = services.content.center()
    services.content.now = lambda: at(0, 3)
    window = make_window()
    display = RecordingDisplay()
    watch = install_opening_watch(window, display=display, runner=TaskRunner(window))
    qtbot.waitUntil(lambda: watch.state is ScreenState.CLOSED)
    assert manifest_center.open_times, "this pack's center has hours"
    services.content.center = lambda: manifest_center.model_copy(update={"open_times": []})
    watch.tick()
    # It closed at 03:00 with hours; without them it opens again and stays open.
    assert watch.state is ScreenState.OPEN and not watch.at_change.isActive()


def test_started_from_the_snapshot_it_waits_for_the_services(qtbot, make_window, services):
    from kiosk.boot import BootServices, read_snapshot

    services.save_settings(services.settings.model_copy(update={"default_locale": "en"}))  # and its snapshot
    boot = BootServices.from_snapshot(services.data_dir, read_snapshot(services.data_dir))
    window = make_window(services=boot)
    display = RecordingDisplay()
    watch = install_opening_watch(window, display=display, runner=TaskRunner(window))
    watch.tick()
    settle()
    assert window.starting and watch.state is ScreenState.OPEN and watch.closed_screen is None
    assert display.calls == []
    real = KioskServices.open(services.data_dir)
    real.content.now = lambda: at(0, 22)
    window.attach_services(real)
    qtbot.waitUntil(lambda: watch.state is ScreenState.CLOSED)
    assert watch.closed_screen.reopens.text() == "We open tomorrow at 10:00"
    # A kiosk restarted while resting may find the panel still off (a compositor keeps it so).
    qtbot.waitUntil(lambda: display.calls == ["on"])


# Fit and accessibility floors, at every panel x text size x language, before and after a touch ----
@pytest.mark.parametrize("panel", PANELS, ids=lambda p: f"{p.width()}x{p.height()}")
def test_the_closed_screen_fits_and_meets_the_floor(qtbot, kiosk, panel: QSize):
    window, watch, _clock, _display = kiosk(at(0, 22), (panel.width(), panel.height()))
    services = window.services
    problems = []
    for text_size in TEXT_SIZES:
        for locale in LOCALES:
            services.use_settings(services.settings.model_copy(update={"default_locale": locale,
                                                                         "default_text_size": text_size}))
            window.resize(panel)
            watch._close(watch.now())  # shown afresh in the kiosk's new language and size
            for shown in ("plain", "hours"):
                if shown == "hours":
                    watch.touched()
                settle()
                window.repaint()
                where = f"{text_size}-{locale}-{shown}"
                closed = watch.closed_screen
                problems += [f"{where}: {fault}" for fault in check(window, panel, closed.main_actions())]
                problems += [f"{where}: {problem}" for problem in violations(closed, window)]
                if shown == "hours" and not closed.hours.isVisible():
                    problems.append(f"{where}: the hours are not shown")
                unnamed = [w for w in [*closed.findChildren(QLabel), *closed.findChildren(QAbstractButton)]
                           if w.isVisible() and w.text().strip() and not w.accessibleName()]
                problems += [f"{where}: no accessible name: {w.text()}" for w in unnamed]
    assert problems == []


def test_the_composition_root_watches_the_hours_in_kiosk_mode_and_the_heartbeat_hears_of_it(qtbot, services):
    from ui.app import build_window

    services.content.now = Clock(at(0, 22))  # Tuesday night
    windowed = build_window(services, kiosk_mode=False, voice=False, sync=False)
    qtbot.addWidget(windowed)
    kiosk = build_window(services, kiosk_mode=False, voice=False, sync=False, opening_hours=True)
    qtbot.addWidget(kiosk)
    kiosk.resize(1280, 800)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    qtbot.waitUntil(lambda: kiosk.opening_watch is not None and kiosk.opening_watch.state is ScreenState.CLOSED)
    assert kiosk.vitals.screen_state == "closed"  # what the next heartbeat says
    assert kiosk.opening_watch.closed_screen.isVisible()
    assert windowed.opening_watch is None  # a developer's window stays open at night unless asked
