"""Guide mode: the hidden way in, the PIN pad, the panel's pages, and the way back out."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from tests.plugins.guide import type_pin
from tests.plugins.a11y import violations
from tests.plugins.touch import click, tap_card
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.guide.pin import PinLock, hash_pin
from kiosk.idle import IdleTracker
from kiosk.services import KioskServices
from kiosk.settings import TEXT_SIZES
from ui.screens.guide_pin import PIN_LANE

PIN = "482916"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def with_pin(services):
    # A cheap scrypt cost keeps the tests quick; the stored string carries its own cost.
    services.settings = services.settings.model_copy(update={"guide_pin_hash": hash_pin(PIN, n=2**10)})
    return services


def enter_guide_mode(qtbot, window) -> None:
    window.open_guide_pin()
    type_pin(qtbot, window, PIN)
    assert window.guide_mode and window.current_name() == "guide_panel"


# The way in --------------------------------------------------------------------------------------
def test_holding_the_center_name_opens_the_pin_pad(qtbot, window):
    home = window.screens["home"]
    home.guide_hold.setInterval(30)  # the 3 s hold, shortened; the test waits for the signal
    QTest.mousePress(home.title, Qt.MouseButton.LeftButton)
    QTest.mouseRelease(home.title, Qt.MouseButton.LeftButton)
    assert not home.guide_hold.isActive(), "a tap is not a hold"
    QTest.mousePress(home.title, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(home.guide_hold.timeout, timeout=2000):
        pass
    QTest.mouseRelease(home.title, Qt.MouseButton.LeftButton)
    assert window.current_name() == "guide_pin"


def test_the_hold_is_three_seconds_by_default(window):
    assert window.screens["home"].guide_hold.interval() == 3000


def test_first_start_asks_for_a_new_pin_twice(qtbot, window, services):
    assert services.settings.guide_pin_hash == ""
    window.open_guide_pin()
    screen = window.screens["guide_pin"]
    assert screen.title.text() == "안내사 비밀번호 정하기"
    type_pin(qtbot, window, "111111")
    assert "한 번 더" in screen.message.text()
    type_pin(qtbot, window, "222222")
    assert not window.guide_mode and "달라요" in screen.message.text()
    type_pin(qtbot, window, PIN)
    type_pin(qtbot, window, PIN)
    assert window.guide_mode and window.current_name() == "guide_panel"
    stored = services.settings.guide_pin_hash
    assert stored.startswith("scrypt$") and PIN not in stored
    reopened = KioskServices.open(services.data_dir)
    assert reopened.settings.guide_pin_hash == stored, "the hash is kept in config.json"


def test_wrong_pins_lock_the_pad_with_a_countdown(qtbot, window, with_pin):
    clock = FakeClock()
    window.services.guide_lock = PinLock(clock)
    window.open_guide_pin()
    screen, pad = window.screens["guide_pin"], window.screens["guide_pin"].pad
    type_pin(qtbot, window, "000000")
    assert pad.digits() == "" and "4" in screen.message.text()
    for _ in range(4):
        type_pin(qtbot, window, "000000")
    assert not pad.keys["1"].isEnabled()
    assert "30" in screen.message.text()
    assert screen.countdown.isActive()
    settle(qtbot, window)
    assert violations(window, window) == [], "the locked pad meets the floor too"
    clock.now += 12
    screen.countdown.timeout.emit()
    assert "18" in screen.message.text()
    window.home()
    window.open_guide_pin()
    assert not pad.keys["1"].isEnabled(), "leaving and coming back does not unlock the pad"
    clock.now += 18
    screen.countdown.timeout.emit()
    assert pad.keys["1"].isEnabled() and not screen.countdown.isActive()
    assert "남았어요" not in screen.message.text(), "no stale 'tries left' after the lock"
    type_pin(qtbot, window, PIN)
    assert window.guide_mode


def test_the_pin_is_checked_off_the_gui_thread_and_leaving_is_no_free_try(qtbot, window, with_pin):
    lock = window.services.guide_lock = PinLock(FakeClock())
    screen = window.screens["guide_pin"]
    for pin, failures in (("000000", 1), (PIN, 0)):
        window.open_guide_pin()
        gate = threading.Event()
        window.runner.run(lambda gate=gate: gate.wait(10), lane=PIN_LANE)  # the check waits its turn
        for digit in pin:
            click(qtbot, screen.pad.keys[digit])
        assert screen.checking and not screen.pad.keys["1"].isEnabled()
        assert screen.message.text() == "잠시만 기다리세요..."
        window.home()  # gone before the answer
        gate.set()
        qtbot.waitUntil(lambda failures=failures: lock.failures == failures, timeout=10000)
        assert not window.guide_mode and window.current_name() == "home", "an answer after leaving opens nothing"
    window.open_guide_pin()
    type_pin(qtbot, window, PIN)
    assert window.guide_mode


# The panel ---------------------------------------------------------------------------------------
def test_the_panel_makes_each_page_when_it_is_first_opened(qtbot, window, with_pin):
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    assert [section.isVisible() for section in panel.sections.built()] == [True], "only the help page so far"
    click(qtbot, panel.tab_buttons["usage"])
    usage = panel.sections["usage"]
    assert usage.isVisible() and len(panel.sections.built()) == 2
    assert not panel.sections["help"].isVisible()
    assert list(panel.sections) == ["help", "messages", "usage", "sync", "settings", "assist"]
    click(qtbot, window.guide_banner.leave)
    enter_guide_mode(qtbot, window)
    assert panel.current == "help" and panel.sections["help"].isVisible() and not usage.isVisible()


def test_guide_mode_is_obvious_and_back_cannot_return_to_it(qtbot, window, with_pin):
    enter_guide_mode(qtbot, window)
    assert window.guide_banner.isVisible()
    assert window.bar.isVisible() and not window.bar.back.isEnabled()
    assert not window.bar.help.isEnabled()
    click(qtbot, window.guide_banner.leave)
    assert not window.guide_mode and not window.guide_banner.isVisible()
    assert window.current_name() == "home" and window.history == [("home", {})]
    assert window.bar.help.isEnabled()


def test_help_requests_are_listed_and_marked_done(qtbot, window, with_pin):
    window.go("player", lesson="lesson-1")
    click(qtbot, window.bar.help)
    window.notice.hide()
    window.home()
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    section = panel.sections["help"]
    assert section.isVisible() and len(section.items) == 1
    (key,) = section.done_buttons
    assert panel.tab_buttons["help"].text().endswith("(1)")
    click(qtbot, section.done_buttons[key])
    assert section.items == [] and window.services.helpdesk.open_requests() == []
    assert panel.tab_buttons["help"].text().endswith("(0)")


def test_relayed_requests_from_other_kiosks_show_too(qtbot, window, with_pin):
    from kiosk.guide.help import PendingHelp

    class Relay:
        def __init__(self):
            self.items = [PendingHelp("kiosk-2:9", dt.datetime(2026, 1, 1, 3, 0), "home", kiosk="2층 키오스크")]
            self.done = []

        def pending(self):
            return list(self.items)

        def mark_done(self, item):
            self.done.append(item.key)
            self.items.remove(item)

    window.services.relay = relay = Relay()
    enter_guide_mode(qtbot, window)
    section = window.screens["guide_panel"].sections["help"]
    assert "2층 키오스크" in section.describe(section.items[0])
    click(qtbot, section.done_buttons["kiosk-2:9"])
    assert relay.done == ["kiosk-2:9"] and section.items == []


def test_usage_page_draws_today_and_this_week(qtbot, window, with_pin):
    usage = window.services.usage
    usage.record("screen", screen="categories")
    usage.record("lesson_started", lesson="lesson-2")
    usage.record("lesson_finished", lesson="lesson-2")
    window.services.helpdesk.request_help("home")
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    panel.now = lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)
    click(qtbot, panel.tab_buttons["usage"])
    section = panel.sections["usage"]
    assert section.numbers["visits"].text() == "1"
    assert section.numbers["started"].text() == "1"
    assert section.numbers["finished"].text() == "1"
    assert section.numbers["help"].text() == "1"
    assert section.lessons_chart.bars == [("수업 2", 1)]
    assert sum(value for _, value in section.hours_chart.bars) == 1
    assert "수업 2: 1" in section.lessons_chart.accessibleDescription()
    click(qtbot, section.period_buttons["week"])
    assert section.summary.period == "week" and section.period_buttons["week"].isChecked()


def test_sync_page_shows_status_and_sync_now(qtbot, window, with_pin):
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    click(qtbot, panel.tab_buttons["sync"])
    section = panel.sections["sync"]
    assert section.values["revision"].text() == "1"
    assert not section.sync_button.isEnabled() and section.note.text()
    runs = []
    window.sync_now = lambda: runs.append(1)
    section.refresh()
    click(qtbot, section.sync_button)
    assert runs == [1] and section.poll.isActive()
    waiting = section.status.waiting
    window.services.usage.record("voice", on=True)
    section.poll.timeout.emit()
    assert section.status.waiting == waiting + 1


def test_settings_apply_at_once_and_survive_a_restart(qtbot, make_window, services, with_pin):
    clock = FakeClock()
    window = make_window(idle_tracker=IdleTracker(120, 20, clock))
    window.idle.timer.stop()
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    click(qtbot, panel.tab_buttons["settings"])
    section = panel.sections["settings"]
    click(qtbot, section.rows["idle"][300])
    click(qtbot, section.rows["language"]["ja"])
    click(qtbot, section.rows["text_size"]["large"])
    click(qtbot, section.rows["rate"][0])
    click(qtbot, section.rows["volume"][0.5])
    assert section.saved.text()
    assert window.idle.tracker.idle_seconds == 300, "idle time applies at once"
    assert section.rows["idle"][300].isChecked()

    click(qtbot, window.guide_banner.leave)
    assert services.visitor.locale == "ja" and services.visitor.text_size == "large", "the next visitor gets them"

    reopened = KioskServices.open(services.data_dir)
    s = reopened.settings
    assert (s.idle_seconds, s.default_locale, s.default_text_size, s.voice_rate_step, s.voice_volume) == (
        300, "ja", "large", 0, 0.5
    )
    assert s.guide_pin_hash == services.settings.guide_pin_hash


def test_settings_reach_the_voice(qtbot, window, with_pin):
    class Voice:
        rate = volume = None

        def set_rate_step(self, step):
            self.rate = step

        def set_volume(self, volume):
            self.volume = volume

        def stop(self):
            pass

    window.speech = voice = Voice()
    enter_guide_mode(qtbot, window)
    window.speech = None  # only apply_settings is under test; nothing is spoken
    panel = window.screens["guide_panel"]
    window.speech = voice
    panel.sections["settings"].change("voice_rate_step", 2)
    assert voice.rate == 2 and voice.volume == window.services.settings.voice_volume
    window.speech = None


def test_exit_from_kiosk_mode_asks_then_leaves(qtbot, make_window, with_pin):
    window = make_window(kiosk_mode=True)
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    click(qtbot, panel.tab_buttons["settings"])
    section = panel.sections["settings"]
    click(qtbot, section.exit_kiosk)
    assert window.isVisible() and section.confirm_yes.isVisible()
    click(qtbot, section.confirm_no)
    assert not section.confirm_yes.isVisible()
    click(qtbot, section.exit_kiosk)
    click(qtbot, section.confirm_yes)
    assert not window.kiosk_mode and not window.isVisible()
    assert QApplication.overrideCursor() is None


def test_assist_mode_opens_a_lesson_at_a_step_for_the_visitor(qtbot, window, with_pin):
    window.change_locale("ja")  # the visitor being helped reads Japanese
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    click(qtbot, panel.tab_buttons["assist"])
    section = panel.sections["assist"]
    assert list(section.cards) == ["lesson-1", "lesson-2", "lesson-3"]
    tap_card(qtbot, section, "lesson-3")
    assert list(section.cards) == ["0", "1", "2", "3"]
    click(qtbot, section.back_to_lessons)
    tap_card(qtbot, section, "lesson-3")
    tap_card(qtbot, section, "2")
    player = window.screens["player"]
    assert window.current_name() == "player" and player.lesson.id == "lesson-3"
    assert player.step_index == 2 and player.counter.text() == "ステップ 3/4"
    assert player.title.text() == "レッスン3", "the lesson opens in the visitor's language"
    assert not window.guide_mode and not window.guide_banner.isVisible()
    click(qtbot, window.bar.back)
    assert window.current_name() == "home", "Back leads Home, never into the panel"


def test_idle_reset_ends_guide_mode_and_the_panel_forgets(qtbot, make_window, services, with_pin):
    clock = FakeClock()
    window = make_window(idle_tracker=IdleTracker(120, 20, clock))
    window.idle.timer.stop()
    window.services.helpdesk.request_help("home")
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    click(qtbot, panel.tab_buttons["assist"])
    tap_card(qtbot, panel.sections["assist"], "lesson-1")
    clock.now += 125
    window.idle.poll()
    assert window.idle_prompt.isVisible(), "guide mode is not a pristine Home: it is asked too"
    clock.now += 20
    window.idle.poll()
    assert not window.guide_mode and window.current_name() == "home"
    assert not window.guide_banner.isVisible() and window.history == [("home", {})]
    assert panel.current == "help" and panel.sections["assist"].cards == {}
    assert panel.sections["help"].done_buttons == {}
    window.open_guide_pin()
    assert window.screens["guide_pin"].pad.digits() == ""
    assert not window.guide_mode, "coming back needs the PIN again"


def test_a_half_typed_pin_is_gone_after_an_idle_reset(qtbot, make_window, with_pin):
    clock = FakeClock()
    window = make_window(idle_tracker=IdleTracker(120, 20, clock))
    window.idle.timer.stop()
    window.open_guide_pin()
    pad = window.screens["guide_pin"].pad
    for digit in "482":
        click(qtbot, pad.keys[digit])
    clock.now += 141
    window.idle.poll()
    window.idle.poll()
    assert window.current_name() == "home"
    window.open_guide_pin()
    assert pad.digits() == ""


def test_home_button_in_guide_mode_leaves_it(qtbot, window, with_pin):
    enter_guide_mode(qtbot, window)
    click(qtbot, window.bar.home)
    assert not window.guide_mode and window.current_name() == "home"


def test_resets_are_counted_as_visits(qtbot, window):
    from sqlalchemy import select

    from db.models import OutboxEntry

    window.go("categories")
    window.reset_visitor()
    with window.services.sessions() as session:
        events = [p["event"] for p in session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "usage"))]
    assert "visit_ended" in events


# Accessibility -----------------------------------------------------------------------------------
def settle(qtbot, window):
    qtbot.wait(1)
    window.repaint()


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)], ids=["1080p", "1280x800"])
@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_guide_screens_meet_the_floor(qtbot, make_window, with_pin, size, text_size):
    window = make_window(size)
    window.services.helpdesk.request_help("player", "lesson-1", 2)
    window.services.usage.record("lesson_started", lesson="lesson-1")
    window.change_text_size(text_size)
    problems = []
    window.open_guide_pin()
    settle(qtbot, window)
    problems += [f"pin: {p}" for p in violations(window, window)]
    type_pin(qtbot, window, PIN)
    panel = window.screens["guide_panel"]
    for key in panel.sections:
        panel.show_section(key)
        settle(qtbot, window)
        problems += [f"{key}: {p}" for p in violations(window, window)]
    panel.sections["assist"].choose_lesson("lesson-1")
    settle(qtbot, window)
    problems += [f"assist steps: {p}" for p in violations(window, window)]
    assert problems == []


def test_a_guide_can_change_the_pin(qtbot, window, with_pin):
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    click(qtbot, panel.tab_buttons["settings"])
    old = window.services.settings.guide_pin_hash
    click(qtbot, panel.sections["settings"].change_pin)
    assert window.current_name() == "guide_pin" and window.screens["guide_pin"].setting_pin()
    type_pin(qtbot, window, "135790")
    type_pin(qtbot, window, "135790")
    assert window.current_name() == "guide_panel" and window.guide_mode
    assert window.services.settings.guide_pin_hash != old
    click(qtbot, window.guide_banner.leave)
    window.open_guide_pin()
    type_pin(qtbot, window, PIN)
    assert not window.guide_mode, "the old PIN no longer opens guide mode"
    type_pin(qtbot, window, "135790")
    assert window.guide_mode


@pytest.mark.parametrize("locale", ["ko", "ja", "en"])
def test_the_tabs_fit_a_portrait_panel_at_the_largest_text(qtbot, make_window, with_pin, locale):
    window = make_window((1080, 1920))
    window.change_locale(locale)
    window.change_text_size("largest")
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    viewport = panel.parentWidget()
    settle(qtbot, window)
    for key, button in panel.tab_buttons.items():
        right = button.mapTo(viewport, button.rect().topRight()).x()
        assert right < viewport.width(), f"{locale}: tab '{key}' ({button.text()}) runs off the side"
    landscape = make_window((1920, 1080))
    enter_guide_mode(qtbot, landscape)
    tabs = landscape.screens["guide_panel"].tab_buttons
    assert tabs["help"].y() == tabs["usage"].y(), "where they fit, three tabs share a row"
