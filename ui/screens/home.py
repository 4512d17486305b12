"""Home: the four things a visitor can do, and their language, text size and voice."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout

from kiosk.choices import TEXT_SIZES
from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label

# Each language is offered in its own words, so a visitor finds theirs without reading ours.
LANGUAGE_NAMES = {"ko": "한국어", "ja": "日本語", "en": "English"}
TEXT_SIZE_MARKS = {"normal": "가 A", "large": "가+ A+", "largest": "가++ A++"}
# Guides open guide mode by holding the center's name this long: nothing on screen points to
# it, and a visitor's tap or brief touch never triggers it.
GUIDE_HOLD_MS = 3000


class HomeScreen(Screen):
    name = "home"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.guide_hold = QTimer(self)
        self.guide_hold.setSingleShot(True)
        self.guide_hold.setInterval(GUIDE_HOLD_MS)
        self.guide_hold.timeout.connect(self.nav.open_guide_pin)
        self.title.installEventFilter(self)
        self.welcome = text_label("body")
        self.root.addWidget(self.welcome)

        self.main_grid = QGridLayout()
        self.learn = BigButton(role="primary")
        self.programs = BigButton(role="primary")
        self.notices = BigButton(role="primary")
        self.call_guide = BigButton(role="help")
        for index, (button, action) in enumerate(
            (
                (self.learn, lambda: self.nav.go("categories")),
                (self.programs, lambda: self.nav.go("programs")),
                (self.notices, lambda: self.nav.go("notices")),
                (self.call_guide, self.nav.call_guide),
            )
        ):
            button.clicked.connect(action)
            self.main_grid.addWidget(button, index // 2, index % 2)
        self.root.addLayout(self.main_grid, 1)

        self.language_label = text_label("subtitle")
        self.language_row = QHBoxLayout()
        self.language_row.addWidget(self.language_label, 1)
        self.language_buttons = self._choice_row(
            self.language_row, LANGUAGE_NAMES, lambda code: self.nav.change_locale(code)
        )
        self.root.addLayout(self.language_row)

        self.options_label = text_label("subtitle")
        self.options_row = QHBoxLayout()
        self.options_row.addWidget(self.options_label, 1)
        self.size_buttons = self._choice_row(
            self.options_row, TEXT_SIZE_MARKS, lambda size: self.nav.change_text_size(size)
        )
        self.voice = BigButton(role="choice")
        self.voice.setCheckable(True)
        self.voice.clicked.connect(lambda checked: self.nav.set_voice(checked))
        self.options_row.addWidget(self.voice, 1)
        self.root.addLayout(self.options_row)

        self.hours = text_label("muted")
        self.root.addWidget(self.hours)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.title:
            if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
                self.guide_hold.start()
            elif event.type() in (
                QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel, QEvent.Type.Leave
            ):
                self.guide_hold.stop()
        return super().eventFilter(watched, event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self.guide_hold.stop()
        super().hideEvent(event)

    def _choice_row(self, row: QHBoxLayout, labels: dict[str, str], on_choose) -> dict[str, BigButton]:
        group = QButtonGroup(self)
        group.setExclusive(True)
        buttons: dict[str, BigButton] = {}
        for key, label in labels.items():
            button = BigButton(label, role="choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, key=key: on_choose(key))
            group.addButton(button)
            row.addWidget(button, 1)
            buttons[key] = button
        return buttons

    def refresh(self) -> None:
        super().refresh()
        s = self.sizes
        for layout in (self.main_grid, self.language_row, self.options_row):
            layout.setSpacing(s.gap)
        for button in (self.learn, self.programs, self.notices, self.call_guide):
            button.setMinimumHeight(round(s.target * 1.25))
        center = self.services.content.center()
        self.title.setText(self.text(center.name) if center else tr("Digital learning spot"))
        self.welcome.setText(tr("Welcome! Touch what you would like to do."))
        self.learn.setText(tr("Learn digital skills"))
        self.programs.setText(tr("City programs for you"))
        self.notices.setText(tr("Notices"))
        self.call_guide.setText(tr("Call a guide"))
        self.language_label.setText(tr("Language"))
        self.options_label.setText(tr("Text size"))
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.locale)
        for size, button in self.size_buttons.items():
            button.setChecked(size == self.services.visitor.text_size)
        voice_on = self.services.visitor.voice_on
        self.voice.setChecked(voice_on)
        self.voice.setText(tr("Voice: on") if voice_on else tr("Voice: off"))
        if center:
            self.hours.setText(
                tr("Open: {hours}").format(hours=self.text(center.opening_hours))
            )

    def speech(self) -> list[Spoken]:
        return [Spoken(self.title.text()), Spoken(self.welcome.text())]


assert set(TEXT_SIZE_MARKS) == set(TEXT_SIZES)
