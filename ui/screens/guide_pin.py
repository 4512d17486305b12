"""The guide's PIN pad: checks the PIN (with the growing lockout), or sets one the first time.

Reached by holding the center's name on Home for a few seconds. With no PIN configured yet,
the guide chooses one and types it twice; ``change=True`` does the same from the panel.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.guide.pin import Attempt, PinLock, hash_pin
from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.labels import set_role, text_label
from ui.widgets.pin_pad import PinPad


class GuidePinScreen(Screen):
    name = "guide_pin"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        # Words and dots on the left, the keys on the right: a landscape panel has the width.
        self.row = QHBoxLayout()
        words = QVBoxLayout()
        self.message = text_label("subtitle")
        self.pad = PinPad()
        self.pad.entered.connect(self._entered)
        words.addWidget(self.message)
        words.addWidget(self.pad.dots)
        words.addStretch(1)
        self.row.addLayout(words, 1)
        self.row.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignTop)
        self.root.addLayout(self.row, 1)
        self._first: str | None = None  # the first of the two entries when setting a PIN
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

    def enter(self, **params) -> None:
        self._first = None
        self._note = None
        self.pad.clear()
        super().enter(**params)

    def refresh(self) -> None:
        super().refresh()
        s = self.sizes
        self.row.setSpacing(s.margin)
        self.pad.apply_sizes(s.gap)
        self.pad.retranslate()
        locked = not self.setting_pin() and self.lock.is_locked()
        self.pad.set_locked(locked)
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
        if locked:
            self.countdown.start()
            text = tr("Too many wrong tries. Try again in {seconds} seconds.").format(seconds=self.lock.seconds_left())
        else:
            self.countdown.stop()
        self.message.setText(text)

    def _entered(self, pin: str) -> None:
        if self.setting_pin():
            self._set_pin(pin)
            return
        result = self.lock.attempt(pin, self.services.settings.guide_pin_hash)
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
            settings = self.services.settings.model_copy(update={"guide_pin_hash": hash_pin(pin)})
            self.nav.apply_settings(settings)
            self.nav.enter_guide_mode()
            return
        self.refresh()

    def speech(self) -> list[Spoken]:
        return [Spoken(self.title.text()), Spoken(self.message.text())]
