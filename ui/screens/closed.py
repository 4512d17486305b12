"""The calm screen outside the center's opening hours, and the black one after it (issue 15).

Not one of the window's stacked screens: it covers the whole window, the bottom bar too, since
nothing behind it is for use while the center is closed. It says so in large words: "Closed
now", "We open tomorrow at 10:00", under the center's name. A touch anywhere (a passer-by
looking, someone arriving early) adds the week's hours in the center's own words and its
phone, large.

It speaks the kiosk's default language, with the three language buttons always there: a
closed kiosk is read by passers-by, who choose nothing else and type nothing. The language is
this screen's own (the visitor's session is left untouched, so the kiosk stays "pristine" and
no visit is counted); the interface translator is switched only while its words are set.

Guides still reach their panel as on Home, and as quietly: holding the center's name opens
the PIN pad (``guide_asked``), and guide mode then keeps the kiosk open until the guide leaves.
ui/opening_watch.py decides when this shows; this only draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.choices import LANGUAGE_NAMES, TEXT_SIZES
from kiosk.content.localize import pick
from kiosk.opening_hours import Reopening
from ui.i18n import LanguageSwitcher, tr
from ui.screens.base import Spoken
from ui.screens.home import GUIDE_HOLD_MS, ROW_FONT_MAX_PX, ROW_HEIGHT_PX, _box_style
from ui.theme import PAPER, sizes_for, stylesheet
from ui.widgets.big_button import BigButton
from ui.widgets.help_called import day_name
from ui.widgets.labels import set_role, text_label

# Nothing is there to read on the resting screen: true black lets the least light through a
# panel that cannot be switched off.
BLANK_COLOUR = "#000000"
# The headline is read from across the room: the largest title the theme has, at any text size.
HEADLINE_SIZES = sizes_for(TEXT_SIZES[-1])


# The card's border (ui/theme.py's QFrame[role="card"]), which its words sit inside.
CARD_BORDER_PX = 3
EVEN_CARD = (1, 1)  # the words and the hours card share the width of a landscape panel
WIDE_CARD = (2, 3)  # where the hours need more lines than there is height for


@dataclass(frozen=True)
class _Step:
    """One way to lay out the closed screen, from roomiest to tightest."""

    headline_px: int
    big_role: str  # "We open ..." and the phone
    hours_role: str
    card_share: tuple[int, int] = EVEN_CARD
    hours_heading: bool = True


def reopening_text(reopening: Reopening | None) -> str:
    """"We open today at 13:00", "... tomorrow at 10:00", "... on Tuesday at 10:00"."""
    if reopening is None:
        return tr("Please come back during the opening hours.")
    if reopening.days_ahead == 0:
        return tr("We open today at {time}").format(time=reopening.time_text)
    if reopening.days_ahead == 1:
        return tr("We open tomorrow at {time}").format(time=reopening.time_text)
    return tr("We open on {day} at {time}").format(day=day_name(reopening.weekday), time=reopening.time_text)


class _Cover(QWidget):
    """A widget over the whole of its parent (the window's central widget), kept so on resize."""

    touched = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        parent.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def mousePressEvent(self, event) -> None:  # noqa: N802
        # Presses on the labels reach here too (a label does not take them).
        self.touched.emit()
        event.accept()


class BlankScreen(_Cover):
    """Black over everything while the display rests; a touch wakes it (``touched``)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("blankScreen")
        self.setStyleSheet(f"QWidget#blankScreen {{ background: {BLANK_COLOUR}; }}")
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(tr("The screen is resting. Touch it to see the opening hours."))


class ClosedScreen(_Cover):
    guide_asked = Signal()  # the center's name was held: a guide wants the PIN pad
    revealed = Signal()  # the hours and phone just came (or came in another language): read them out

    def __init__(self, parent: QWidget, languages: LanguageSwitcher, window_locale: Callable[[], str]):
        super().__init__(parent)
        self.setObjectName("closedScreen")
        self.languages = languages
        self._window_locale = window_locale  # the window's language, put back after translating
        self.locale = "ko"
        self.text_size = "normal"
        self.details = False  # the week's hours and the phone, shown after a touch
        self._center = None
        self._reopening: Reopening | None = None
        self._look: tuple[str, str] | None = None  # the (locale, text size) the style sheet is for

        self.root = QVBoxLayout(self)
        self.name = text_label("subtitle")
        self.name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.guide_hold = QTimer(self)
        self.guide_hold.setSingleShot(True)
        self.guide_hold.setInterval(GUIDE_HOLD_MS)
        self.guide_hold.timeout.connect(self.guide_asked)
        self.name.installEventFilter(self)
        self.root.addWidget(self.name)
        self.root.addStretch(1)

        # Beside each other on a landscape panel, one above the other on a portrait one.
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.when = QVBoxLayout()
        self.headline = text_label("title")
        self.headline.setObjectName("closedHeadline")
        self.reopens = text_label("title")
        self.hint = text_label("muted")
        self.when.addStretch(1)
        for label in (self.headline, self.reopens, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.when.addWidget(label)
        self.when.addStretch(1)
        self.body.addLayout(self.when, 1)

        self.card = QFrame()
        self.card.setProperty("role", "card")
        card_column = QVBoxLayout(self.card)
        self.hours_heading = text_label("subtitle")
        self.hours = text_label("subtitle")
        self.phone = text_label("title")
        for label in (self.hours_heading, self.hours, self.phone):
            card_column.addWidget(label)
        self.card_column = card_column
        # Between stretches rather than aligned: an aligned widget gets the height its words need
        # at its preferred width, not at the width it is given, and wrapped lines would be cut.
        card_holder = QVBoxLayout()
        card_holder.addStretch(1)
        card_holder.addWidget(self.card)
        card_holder.addStretch(1)
        self.body.addLayout(card_holder, 1)
        self.root.addLayout(self.body)
        self.root.addStretch(1)

        self.language_row = QHBoxLayout()
        group = QButtonGroup(self)
        group.setExclusive(True)
        self.language_buttons: dict[str, BigButton] = {}
        for code, language in LANGUAGE_NAMES.items():
            button = BigButton(language, role="choice")
            button.setCheckable(True)
            button.setAccessibleName(language)
            button.clicked.connect(lambda _=False, code=code: self.choose_locale(code))
            group.addButton(button)
            self.language_row.addWidget(button, 1)
            self.language_buttons[code] = button
        self.root.addLayout(self.language_row)

    # What it shows ---------------------------------------------------------------------------
    def present(self, center, reopening: Reopening | None, locale: str, text_size: str) -> None:
        """Shown afresh (at closing, or woken from blank): the kiosk's language, no details yet."""
        self.locale, self.text_size, self.details = locale, text_size, False
        self.update_info(center, reopening)
        self.cover()

    def update_info(self, center, reopening: Reopening | None) -> None:
        """The center (a sync may bring new hours) and when it opens next, as of now."""
        self._center, self._reopening = center, reopening
        self.refresh()

    def show_details(self) -> None:
        if not self.details:
            self.details = True
            self.refresh()
            self.revealed.emit()

    def choose_locale(self, locale: str) -> None:
        self.locale = locale
        self.details = True  # whoever chose a language came to read
        self.touched.emit()
        self.refresh()
        self.revealed.emit()

    def speech(self) -> list[Spoken]:
        """What a touch reads out (when the kiosk's voice is on), in this screen's language."""
        shown = [self.headline, self.reopens] + ([self.hours, self.phone] if self.details else [])
        return [Spoken(label.text()) for label in shown if label.text()]

    def refresh(self) -> None:
        self._apply_look()
        window_locale = self._window_locale()
        if self.locale == window_locale:
            self._set_texts()
        else:
            self.languages.switch(self.locale)
            try:
                self._set_texts()
            finally:
                self.languages.switch(window_locale)
        self._arrange()

    def _set_texts(self) -> None:
        center = self._center
        self.name.setText(pick(center.name, self.locale) if center is not None else tr("Digital learning spot"))
        self.headline.setText(tr("Closed now"))
        self.reopens.setText(reopening_text(self._reopening))
        self.hint.setText(tr("Touch the screen to see the opening hours."))
        self.hours_heading.setText(tr("Opening hours"))
        self.hours.setText(pick(center.opening_hours, self.locale) if center is not None else "")
        phone = getattr(center, "phone", "")
        self.phone.setText(tr("Phone: {phone}").format(phone=phone) if phone else "")
        self.phone.setVisible(bool(phone))
        self.setAccessibleName(tr("Closed now"))
        for label in (self.name, self.headline, self.reopens, self.hint, self.hours_heading, self.hours, self.phone):
            label.setAccessibleName(label.text())
        self.card.setAccessibleName(tr("Opening hours"))
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.locale)

    def _apply_look(self) -> None:
        if self._look == (self.locale, self.text_size):
            return  # re-polishing every label each minute would cost for nothing
        self._look = (self.locale, self.text_size)
        s = sizes_for(self.text_size)
        self.setStyleSheet(
            stylesheet(self.text_size, self.locale)
            + f"QWidget#closedScreen {{ background: {PAPER}; }}"
        )
        self.root.setContentsMargins(s.margin, s.margin, s.margin, s.margin)
        self.root.setSpacing(s.gap)
        self.when.setSpacing(s.gap)
        self.body.setSpacing(s.margin)
        self.card_column.setContentsMargins(s.margin, s.gap, s.margin, s.gap)
        self.card_column.setSpacing(s.gap // 2)
        self.language_row.setSpacing(s.gap)
        row_style = _box_style(ROW_HEIGHT_PX, min(s.button, ROW_FONT_MAX_PX))
        for button in self.language_buttons.values():
            button.setStyleSheet(row_style)

    # Fitting -----------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Side by side on landscape, stacked on portrait; where even that is too tall (a short
        panel at the largest text) the big words step down to the theme's smaller sizes, and
        last the hours take more of the width, under no heading of their own."""
        portrait = self.height() > self.width()
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        self.card.setVisible(self.details)
        self.hint.setVisible(not self.details)
        s = sizes_for(self.text_size)
        for step in (
            _Step(HEADLINE_SIZES.title, "title", "subtitle"),
            _Step(s.title, "title", "subtitle"),
            _Step(s.title, "subtitle", "subtitle"),
            _Step(s.small_title, "subtitle", "body"),
            _Step(s.small_title, "subtitle", "body", card_share=WIDE_CARD, hours_heading=False),
        ):
            self.headline.setStyleSheet(f"font-size: {step.headline_px}px;")
            set_role(self.reopens, step.big_role)
            set_role(self.phone, step.big_role)
            set_role(self.hours, step.hours_role)
            self.hours_heading.setVisible(step.hours_heading)
            # Without the card the words take the whole width.
            self.body.setStretch(0, step.card_share[0])
            self.body.setStretch(1, step.card_share[1] if self.details else 0)
            if self._needed_height() <= self.height():
                break
        self.root.invalidate()
        self.root.activate()

    def _needed_height(self) -> int:
        margins = self.root.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        portrait = self.height() > self.width()
        words_share, card_share = self.body.stretch(0), self.body.stretch(1)
        across = width - self.body.spacing()
        side_by_side = self.details and not portrait
        column = across * words_share // (words_share + card_share) if side_by_side else width
        when = self._column_height([self.headline, self.reopens] + ([] if self.details else [self.hint]),
                                   column, self.when.spacing())
        body = when
        if self.details:
            inner = self.card_column.contentsMargins()
            card_column = across - column if side_by_side else width
            card_width = card_column - inner.left() - inner.right() - 2 * CARD_BORDER_PX
            shown = [label for label in (self.hours_heading, self.hours, self.phone) if not label.isHidden()]
            card = self._column_height(shown, card_width, self.card_column.spacing()) + inner.top() + inner.bottom()
            body = max(when, card) if side_by_side else when + self.body.spacing() + card
        row = max(button.sizeHint().height() for button in self.language_buttons.values())
        name = self.name.heightForWidth(width)
        return margins.top() + margins.bottom() + name + body + row + 2 * self.root.spacing()

    @staticmethod
    def _column_height(labels: list[QLabel], width: int, spacing: int) -> int:
        heights = []
        for label in labels:
            label.ensurePolished()
            heights.append(label.heightForWidth(max(1, width)))
        return sum(heights) + spacing * (len(labels) - 1)

    # The guide's way in ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.name:
            if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
                self.guide_hold.start()
            elif event.type() in (
                QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel, QEvent.Type.Leave
            ):
                self.guide_hold.stop()
            return False
        return super().eventFilter(watched, event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self.guide_hold.stop()
        super().hideEvent(event)

    def main_actions(self) -> list[QWidget]:
        return list(self.language_buttons.values())
