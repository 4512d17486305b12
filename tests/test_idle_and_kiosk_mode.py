"""Privacy: an idle kiosk asks, then forgets the visitor. Kiosk mode: the visitor cannot leave."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.idle import IdleState, IdleTracker


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_tracker_states_follow_the_clock():
    clock = FakeClock()
    tracker = IdleTracker(120, 20, clock)
    assert tracker.state() is IdleState.ACTIVE
    clock.now += 119.9
    assert tracker.state() is IdleState.ACTIVE
    clock.now += 0.2
    assert tracker.state() is IdleState.PROMPTING and tracker.seconds_left() == 20
    clock.now += 15
    assert tracker.seconds_left() == 5
    tracker.touch()
    assert tracker.state() is IdleState.ACTIVE
    clock.now += 140
    assert tracker.state() is IdleState.EXPIRED


def idle_window(make_window, services, clock):
    services.settings = services.settings.model_copy(update={"idle_seconds": 120, "idle_prompt_seconds": 20})
    return make_window(idle_tracker=IdleTracker(120, 20, clock))


def test_idle_prompt_counts_down_then_resets_everything(qtbot, make_window, services):
    clock = FakeClock()
    window = idle_window(make_window, services, clock)
    window.idle.timer.stop()  # the test drives the watcher itself
    home = window.screens["home"]
    qtbot.mouseClick(home.language_buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.bar.text_size, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.text_size_chooser.choices["large"], Qt.MouseButton.LeftButton)
    window.go("player", lesson="lesson-1")
    qtbot.mouseClick(window.screens["player"].next, Qt.MouseButton.LeftButton)
    assert services.visitor.progress == {"lesson-1": 2}

    clock.now += 120.2
    window.idle.poll()
    assert window.idle_prompt.isVisible()
    assert window.idle_prompt.heading.text() == "Are you still there?"
    assert "in 20 seconds" in window.idle_prompt.message.text()
    assert window.idle_prompt.button.height() >= 88
    clock.now += 12
    window.idle.poll()
    assert "in 8 seconds" in window.idle_prompt.message.text()

    clock.now += 9
    window.idle.poll()
    assert not window.idle_prompt.isVisible()
    assert window.current_name() == "home"
    assert (services.visitor.locale, services.visitor.text_size, services.visitor.progress) == ("ko", "normal", {})
    assert home.learn.text() == "디지털 배우기"
    assert not window.bar.back.isEnabled()


def test_continue_keeps_the_visitor_where_they_were(qtbot, make_window, services):
    clock = FakeClock()
    window = idle_window(make_window, services, clock)
    window.idle.timer.stop()
    window.go("player", lesson="lesson-2")
    clock.now += 125
    window.idle.poll()
    assert window.idle_prompt.isVisible()
    qtbot.mouseClick(window.idle_prompt.button, Qt.MouseButton.LeftButton)
    assert not window.idle_prompt.isVisible()
    clock.now += 100
    window.idle.poll()
    assert window.current_name() == "player" and not window.idle_prompt.isVisible()


def test_any_touch_anywhere_counts_as_activity(qtbot, make_window, services):
    clock = FakeClock()
    window = idle_window(make_window, services, clock)
    window.idle.timer.stop()
    window.go("notices")
    clock.now += 110
    # Through the window, as a finger's touch arrives (QTest's widget overloads skip it).
    where = window.screens["notices"].mapTo(window, QPoint(5, 5))
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    clock.now += 110
    window.idle.poll()
    assert not window.idle_prompt.isVisible()
    clock.now += 110
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Space)  # a key, from a keypad
    clock.now += 110
    window.idle.poll()
    assert not window.idle_prompt.isVisible()
    clock.now += 15
    window.idle.poll()
    assert window.idle_prompt.isVisible(), "with no touch or key the prompt comes"


def test_an_empty_home_is_not_prompted(qtbot, make_window, services):
    clock = FakeClock()
    window = idle_window(make_window, services, clock)
    window.idle.timer.stop()
    clock.now += 130
    window.idle.poll()
    assert not window.idle_prompt.isVisible()


def test_the_watcher_timer_drives_it_without_help(qtbot, make_window, services):
    clock = FakeClock()
    window = idle_window(make_window, services, clock)
    window.go("categories")
    clock.now += 200
    with qtbot.waitSignal(window.visitor_reset, timeout=2000):
        pass
    assert window.current_name() == "home"


class KeyProbe(QWidget):
    """A focused widget inside the window that records the keys it is given."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.keys: list[tuple[int, bool]] = []

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.key() in (Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Meta):
            return  # QTest presses the modifier on its own first
        self.keys.append((event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)))


def press_escape_keys(qtbot, window) -> KeyProbe:
    probe = KeyProbe(window.centralWidget())
    probe.show()
    probe.setFocus()
    qtbot.waitUntil(probe.hasFocus, timeout=2000)
    # Through the window, where a keyboard's keys arrive (QTest's widget overloads skip it).
    handle = window.windowHandle()
    QTest.keyClick(handle, Qt.Key.Key_Escape)
    QTest.keyClick(handle, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(handle, Qt.Key.Key_F4)
    return probe


def test_kiosk_mode_cannot_be_closed_or_escaped(qtbot, make_window):
    window = make_window(kiosk_mode=True)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    event = QCloseEvent()
    window.closeEvent(event)
    assert not event.isAccepted()
    probe = press_escape_keys(qtbot, window)
    # Escape and Alt+F4 never reach any widget; a plain F4 is an ordinary key.
    assert probe.keys == [(Qt.Key.Key_F4, False)]
    assert window.isVisible()
    window.leave_kiosk_mode()
    assert QApplication.overrideCursor() is None
    assert not window.isVisible()


def test_outside_kiosk_mode_the_same_keys_go_through(qtbot, window):
    probe = press_escape_keys(qtbot, window)
    assert probe.keys == [(Qt.Key.Key_Escape, False), (Qt.Key.Key_F4, True), (Qt.Key.Key_F4, False)]


def test_windowed_mode_closes_normally(qtbot, window):
    assert QApplication.overrideCursor() is None
    assert window.close()
