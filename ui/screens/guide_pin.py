"""The guide's PIN pad: checks the PIN (with the growing lockout), or sets one the first time.

Reached by holding the center's name on Home for a few seconds. With no PIN configured yet,
the guide chooses one and types it twice; ``change=True`` does the same from the panel.

scrypt (kiosk/scrypt_hash.py) is slow on purpose, 0.1-0.5 s on a kiosk's CPU: a PIN is checked
and hashed on the task runner while the pad waits, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.guide.pin import Attempt, PinLock, hash_pin, verify_pin
from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.labels import set_role, text_label
from ui.widgets.pin_pad import PinPad


PIN_LANE = "pin"  # its own: never behind a sync or a picture


class GuidePinScreen(Screen):
    name = "guide_pin"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        # Title, words and dots beside the keys on a landscape panel (its height is short: four
        # rows of keys fit only from the top), above them on a portrait one.
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.words = QVBoxLayout()
        self.root.removeWidget(self.title)
        self.message = text_label("subtitle")
        self.pad = PinPad()
        self.pad.entered.connect(self._entered)
        for label in (self.title, self.message, self.pad.dots):
            self.words.addWidget(label)
        self.words.addStretch(1)
        self.row.addLayout(self.words, 1)
        self.row.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.root.addLayout(self.row, 1)
        self._first: str | None = None  # the first of the two entries when setting a PIN
        self._checking: object | None = None  # the entry being checked or hashed on the runner
        self._note: Callable[[], str] | None = None  # why the last entry failed, re-translated on refresh
        # Ticks only while locked, to count down on screen and reopen the pad when time is up.
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self.refresh)

    @property
    def lock(self) -> PinLock:
        return self.services.guide_lock

    def setting_pin(self) -> bool:
        # Changing needs guide mode already: the screen's params alone must never open that door.
        changing = bool(self.params.get("change")) and self.nav.guide_mode
        return changing or not self.services.settings.guide_pin_hash

    @property
    def checking(self) -> bool:
        return self._checking is not None

    def enter(self, **params) -> None:
        self._first = None
        self._note = None
        self._checking = None  # an answer still on its way no longer opens anything here
        self.pad.clear()
        super().enter(**params)

    def refresh(self) -> None:
        super().refresh()
        s = self.sizes
        self.row.setSpacing(s.margin)
        self.words.setSpacing(s.gap)
        self.pad.apply_sizes(s.body)
        self.pad.retranslate()
        locked = not self.setting_pin() and self.lock.is_locked()
        self.pad.set_locked(locked or self.checking)
        set_role(self.message, "highlight" if locked or self._note else "subtitle")
        if self.setting_pin():
            self.title.setText(tr("Choose a guide PIN"))
            if self._first is None:
                text = tr("Type six digits that only the guides know.")
            else:
                text = tr("Type the same six digits again.")
        else:
            self.title.setText(tr("Guide mode"))
            text = tr("Guides only: type the six-digit PIN.")
        if self._note is not None:
            text = self._note() + "\n" + text
        if self.checking:
            text = tr("One moment...")
        if locked:
            self.countdown.start()
            text = tr("Too many wrong tries. Try again in {seconds} seconds.").format(seconds=self.lock.seconds_left())
        else:
            self.countdown.stop()
        self.message.setText(text)
        self._fit()

    # Fitting -------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit()

    def hideEvent(self, event) -> None:  # noqa: N802
        self._checking = None  # left (Home, an idle reset): an answer still on its way opens nothing
        super().hideEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit()
        self.updateGeometry()  # the window asks again how much room this screen needs

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # Out of sight this screen keeps the layout of the panel it was last shown on, and the
        # window's stack needs the room of its every page: laid out side by side for landscape,
        # the pad would hold a window turned to portrait wider than the panel.
        return super().minimumSizeHint() if self.isVisible() else QSize(0, 0)

    def _fit(self) -> None:
        # The window's shape, not this screen's: entered for the first time, the screen still has
        # its default size, and laid out side by side it would widen a portrait window for good.
        window = self.window()
        portrait = window.height() > window.width()
        self.row.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        # The words take the spare width beside the keys; below the words the keys start at once.
        self.row.setStretch(0, 0 if portrait else 1)
        self.row.setStretch(1, 1 if portrait else 0)
        # On a short landscape panel at the largest text the title gives way to the message,
        # which says the same and what to do; it is still spoken.
        margins = self.root.contentsMargins()
        room_height = self.height() - margins.top() - margins.bottom()
        room_width = self.width() - margins.left() - margins.right()
        if not portrait:
            room_width -= self.pad.sizeHint().width() + self.row.spacing()
        self.title.setVisible(portrait or self._words_height(room_width, with_title=True) <= room_height)

    def _words_height(self, width: int, with_title: bool) -> int:
        shown = [self.message, self.pad.dots] + ([self.title] if with_title else [])
        heights = [label.heightForWidth(width) if label.wordWrap() else label.sizeHint().height() for label in shown]
        return sum(heights) + self.words.spacing() * (len(shown) - 1)

    def main_actions(self) -> list[QWidget]:
        return [*self.pad.keys.values(), self.pad.delete, self.pad.clear_key]

    def _entered(self, pin: str) -> None:
        if self.setting_pin():
            self._set_pin(pin)
            return
        if self.lock.is_locked():
            self.refresh()
            return
        stored = self.services.settings.guide_pin_hash
        self._off_thread(lambda: verify_pin(pin, stored), self._checked)

    def _off_thread(self, work: Callable[[], object], then: Callable[[object, bool], None]) -> None:
        """``work`` on the runner with the pad shut; ``then(answer, still_here)`` on the GUI
        thread, ``still_here`` False once the screen was left or entered again meanwhile."""
        token = self._checking = object()

        def done(answer: object) -> None:
            here = token is self._checking
            if here:
                self._checking = None
            then(answer, here)

        def failed(error: Exception) -> None:
            if token is self._checking:
                self._checking = None
                self._note = lambda: tr("That did not work. Please try again.")
                self.refresh()

        self.nav.runner.run(work, done, failed, lane=PIN_LANE)
        self.refresh()

    def _checked(self, right: object, here: bool) -> None:
        # Counted even when the screen was left meanwhile: leaving must not be a free try.
        result = self.lock.record(bool(right))
        if not here:
            return
        if result is Attempt.ACCEPTED:
            self.nav.enter_guide_mode()
            return
        if self.lock.is_locked():
            self._note = None  # the countdown says it all, and the tries start afresh after it
        else:
            left = self.lock.tries_left()
            self._note = lambda: tr("That PIN is not right. {tries} tries left.").format(tries=left)
        self.refresh()

    def _set_pin(self, pin: str) -> None:
        if self._first is None:
            self._first = pin
            self._note = None
        elif pin != self._first:
            self._first = None
            self._note = lambda: tr("The two PINs were different. Please start again.")
        else:
            self._off_thread(lambda: hash_pin(pin), self._hashed)
            return
        self.refresh()

    def _hashed(self, pin_hash: object, here: bool) -> None:
        if not here:
            return  # left before it was saved: the old PIN (or none) stays
        self.nav.apply_settings(self.services.settings.model_copy(update={"guide_pin_hash": pin_hash}))
        self.nav.enter_guide_mode()

    def speech(self) -> list[Spoken]:
        return [Spoken(self.title.text()), Spoken(self.message.text())]
