"""Watches for touches anywhere in the app and drives the idle prompt and the reset."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.idle import IdleState, IdleTracker

_INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    prompt = Signal(int)  # seconds left, emitted every poll while prompting
    resume = Signal()
    expired = Signal()

    def __init__(self, tracker: IdleTracker, poll_ms: int = 250, parent: QObject | None = None):
        super().__init__(parent)
        self.tracker = tracker
        self._state = IdleState.ACTIVE
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() in _INPUT_EVENTS:
            self.tracker.touch()
        return False

    def poll(self) -> None:
        state = self.tracker.state()
        if state is IdleState.PROMPTING:
            self.prompt.emit(self.tracker.seconds_left())
        elif state is IdleState.EXPIRED:
            self.tracker.touch()
            state = IdleState.ACTIVE
            self.expired.emit()
        elif self._state is IdleState.PROMPTING:
            self.resume.emit()
        self._state = state
