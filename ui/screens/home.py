"""Home: the four things a visitor can do, their language and voice.

The language comes first, under the title, each in its own words, so a visitor who cannot read
the kiosk's default language finds theirs before anything else. Text size is the bar's "Text
size" (on every screen, Home included). Home always fits its window without scrolling: the four
choices and the language row are laid out first; the welcome line and the opening hours show
only where there is room for them (see ``_fit``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.choices import LANGUAGE_NAMES
from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.theme import MIN_TARGET_PX
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label

# Guides open guide mode by holding the center's name this long: nothing on screen points to
# it, and a visitor's tap or brief touch never triggers it.
GUIDE_HOLD_MS = 3000
# The language and voice buttons are few familiar words: like the bar's, they stay compact
# (one touch target tall, words no larger than the bar's) so the four choices keep the room.
ROW_HEIGHT_PX = MIN_TARGET_PX + 8
ROW_FONT_MAX_PX = 38
# Voice sits a little apart from the languages: it is not one of them.
VOICE_APART_PX = 24
# A choice is one line of its words at the least, and grows to this many touch targets.
CHOICE_GROWTH = 2


def _box_style(height: int, font_px: int | None = None) -> str:
    # Qt's min-height is the content box: padding (4 px) and border (4 px) come on top.
    style = f"min-height: {height - 16}px; padding: 4px 16px;"
    return style + (f" font-size: {font_px}px;" if font_px else "")


class HomeScreen(Screen):
    name = "home"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.guide_hold = QTimer(self)
        self.guide_hold.setSingleShot(True)
        self.guide_hold.setInterval(GUIDE_HOLD_MS)
        self.guide_hold.timeout.connect(self.nav.open_guide_pin)
        self.title.installEventFilter(self)

        self.language_row = QHBoxLayout()
        self.language_buttons = self._language_buttons()
        # Not a choice that stays lit: its words say what a touch does, and that is all it shows.
        self.voice = BigButton(role="secondary")
        self.voice.clicked.connect(lambda: self.nav.set_voice(not self.services.visitor.voice_on))
        self.language_row.addSpacing(VOICE_APART_PX)
        self.language_row.addWidget(self.voice, 1)
        self.root.addLayout(self.language_row)

        self.welcome = self._optional_label("body")
        self.root.addWidget(self.welcome)

        self.main_grid = QGridLayout()
        self.learn = BigButton(role="primary")
        self.programs = BigButton(role="primary")
        self.notices = BigButton(role="primary")
        self.call_guide = BigButton(role="help")
        self.choices = (self.learn, self.programs, self.notices, self.call_guide)
        for button, action in zip(
            self.choices,
            (
                lambda: self.nav.go("categories"),
                lambda: self.nav.go("programs"),
                lambda: self.nav.go("notices"),
                self.nav.call_guide,
            ),
        ):
            button.clicked.connect(action)
            # Ignored across: _fit gives two columns only where the words fit in one.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.columns = 0
        self._arrange(2)
        self.root.addLayout(self.main_grid, 1)

        self.hours = self._optional_label("muted")
        self.root.addWidget(self.hours)
        self.root.addStretch(0)  # what the grown choices leave goes below, not between the rows

    def _language_buttons(self) -> dict[str, BigButton]:
        group = QButtonGroup(self)
        group.setExclusive(True)
        buttons: dict[str, BigButton] = {}
        for code, name in LANGUAGE_NAMES.items():
            button = BigButton(name, role="choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, code=code: self.nav.change_locale(code))
            group.addButton(button)
            self.language_row.addWidget(button, 1)
            buttons[code] = button
        return buttons

    def _optional_label(self, role: str) -> QLabel:
        label = text_label(role)
        # _fit sets its height, and shows it only where it has all the lines it needs.
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return label

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for button in self.choices:
            self.main_grid.removeWidget(button)
        for index, button in enumerate(self.choices):
            self.main_grid.addWidget(button, index // columns, index % columns)

    # Qt events ---------------------------------------------------------------------------------
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

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    # Fitting -----------------------------------------------------------------------------------
    # Home sets its own geometry: its minimum is what must show (title, languages, one line of
    # each choice), never what it showed at the last size, so a change of text size or language
    # can never hold the window larger than the screen.
    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt naming)
        return False

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """At least the language row across, and what must show at its best: two columns of
        choices, a one-line title. Not more: the height the words need depends on the width
        the window will get, which Qt has not decided when it asks (a portrait panel turned
        to landscape would otherwise stay portrait-tall)."""
        margins = self.root.contentsMargins()
        row = sum(b.sizeHint().width() for b in self._row_buttons()) + self.language_row.spacing() * 4 + VOICE_APART_PX
        widest_choice = max(b.sizeHint().width() for b in self.choices)
        width = max(row, widest_choice) + margins.left() + margins.right()
        return QSize(width, self._essential_height(title=self.title.fontMetrics().lineSpacing(), columns=2))

    def _row_buttons(self) -> list[BigButton]:
        return [*self.language_buttons.values(), self.voice]

    def _inner_width(self, width: int) -> int:
        margins = self.root.contentsMargins()
        return max(1, width - margins.left() - margins.right())

    def _essential_height(self, title: int, columns: int) -> int:
        margins = self.root.contentsMargins()
        gap = self.root.spacing()
        rows = -(-len(self.choices) // columns)
        choices = rows * max(b.minimumSizeHint().height() for b in self.choices) + (rows - 1) * self.main_grid.verticalSpacing()
        row = max(b.sizeHint().height() for b in self._row_buttons())
        return margins.top() + margins.bottom() + title + gap + row + gap + choices

    def _fit(self) -> None:
        """Two columns of choices where their words fit on a landscape panel, else one; then
        the optional lines, most useful first, while each choice keeps one line of height."""
        width = self._inner_width(self.width())
        half = (width - self.main_grid.horizontalSpacing()) // 2
        # A portrait panel has the height for one tall column, which is easier to read down.
        portrait = self.height() > self.width()
        fit_two = all(b.sizeHint().width() <= half for b in self.choices)
        self._arrange(2 if fit_two and not portrait else 1)
        used = self._essential_height(self._fit_title(width), self.columns)
        gap = self.root.spacing()
        for label in (self.hours, self.welcome):
            needed = label.heightForWidth(width)
            fits = bool(label.text()) and used + needed + gap <= self.height()
            label.setVisible(fits)
            if fits:
                label.setFixedHeight(needed)
                used += needed + gap
        self.updateGeometry()
        self.root.activate()  # lay out now, so no one sees (or measures) the old arrangement

    def _fit_title(self, width: int) -> int:
        """The center's name at title size if the languages and choices keep their place under
        it, else a step smaller (never below body text): centers' names are the city's data,
        and some are long. Returns the height the title takes."""
        room = self.height() - self._essential_height(0, self.columns)
        steps = (self.sizes.title, self.sizes.small_title, self.sizes.body)
        for size in steps:
            style = "" if size == steps[0] else f"font-size: {size}px;"
            if self.title.styleSheet() != style:
                self.title.setStyleSheet(style)
            needed = self.title.heightForWidth(width)
            if needed <= room:
                break
        return needed

    def main_actions(self) -> list[QWidget]:
        return [*self.choices, *self.language_buttons.values()]

    # Contract ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        s = self.sizes
        for layout in (self.main_grid, self.language_row):
            layout.setSpacing(s.gap)
        row_style = _box_style(ROW_HEIGHT_PX, min(s.button, ROW_FONT_MAX_PX))
        for button in (*self.language_buttons.values(), self.voice):
            button.setStyleSheet(row_style)
        for button in self.choices:
            button.setStyleSheet(_box_style(ROW_HEIGHT_PX))
            button.setMaximumHeight(round(s.target * CHOICE_GROWTH))
        center = self.services.content.center()
        self.title.setText(self.text(center.name) if center else tr("Digital learning spot"))
        self.welcome.setText(tr("Welcome! Touch what you would like to do."))
        self.learn.setText(tr("Learn digital skills"))
        self.programs.setText(tr("City programs for you"))
        self.notices.setText(tr("Notices"))
        self.call_guide.setText(tr("Call a guide"))
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.locale)
        voice_on = self.services.visitor.voice_on
        # The button says what touching it will do, not the state it is in.
        self.voice.setText(tr("Turn voice off") if voice_on else tr("Turn voice on"))
        self.hours.setText(tr("Open: {hours}").format(hours=self.text(center.opening_hours)) if center else "")
        self._fit()

    def speech(self) -> list[Spoken]:
        return [Spoken(self.title.text()), Spoken(self.welcome.text())]
