"""After the last step: praise, and what to try next.

A few suggestions (kiosk/content/suggestions.py), the first one marked out as the one to try.
On a wide window the praise and the buttons stand on the left and the suggestions on the right,
so a large text never pushes the buttons under the bottom bar; on a tall one they stack. Only
the suggestions' list scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout

from kiosk.content.kinds import screen_for
from kiosk.content.suggestions import suggestions_after
from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.theme import CARD, HIGHLIGHT
from ui.widgets.action_row import ActionRow
from ui.widgets.big_button import BigButton
from ui.widgets.card_button import CardButton
from ui.widgets.labels import text_label
from ui.widgets.scroll_list import ScrollList

# The first suggestion stands out: the reading highlight's colour (7:1 with the ink) and a
# thicker frame; pressed, it turns white, so the press still shows.
FIRST_SUGGESTION_STYLE = (
    f"QPushButton {{ background: {HIGHLIGHT}; border-width: 6px; }} QPushButton:pressed {{ background: {CARD}; }}"
)

# Enough for the top of the first suggestion; more rows of it scroll.
MIN_LIST_PX = 100


class FinishScreen(Screen):
    """Its few suggestions are widgets (CardButton), unlike the long lists' painted cards: one
    of them is marked out with a style of its own."""

    name = "finish"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.list = ScrollList(spacing=self.sizes.gap)
        self.cards: dict[str, CardButton] = {}
        self.praise = text_label("subtitle")
        # Beside the suggestions it is as tall as their list: it reads from the top, like them.
        self.praise.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The list's heading ("Try this next:") scrolls with it, and the list may be short: a
        # page's minimum height counts even while another screen is shown (the window's pages
        # are a stack), so this one must not make the window outgrow a small panel.
        self.next_label = text_label("body")
        self.list.add(self.next_label)
        self.list.setMinimumHeight(MIN_LIST_PX)
        self.again = BigButton(role="secondary")
        self.more = BigButton(role="primary")
        self.again.clicked.connect(lambda: self.nav.go("player", lesson=self.params.get("lesson", ""), step=0))
        self.more.clicked.connect(lambda: self.nav.go("categories"))
        self.buttons = ActionRow((self.again, self.more))
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.praise, 0)
        self.body.addWidget(self.list, 1)
        self.root.addLayout(self.body, 1)
        self.root.addWidget(self.buttons)

    def _arrange(self, side_by_side: bool) -> None:
        """Wide: the praise beside the suggestions; tall: above them. The buttons span the
        width below, on one row where their words fit."""
        direction = QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        if self.body.direction() != direction:
            self.body.setDirection(direction)
            # Half each: a narrower praise would take more lines than a small panel has.
            self.body.setStretch(0, 1 if side_by_side else 0)
            self.body.setStretch(1, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._arrange(bool(self.cards) and self.width() > self.height())

    def refresh(self) -> None:
        super().refresh()
        s = self.sizes
        self.buttons.set_spacing(s.gap)
        self.body.setSpacing(s.gap)
        lesson = self.services.content.lesson(self.params.get("lesson", ""))
        self.title.setText(tr("Well done!"))
        self.praise.setText(
            tr("You finished “{title}”.").format(title=self.text(lesson.title)) if lesson else ""
        )
        self.again.setText(tr("Do it again"))
        self.more.setText(tr("Choose another lesson"))
        content = self.services.content
        suggestions = (
            suggestions_after(lesson, content.offered_card, content.lessons(lesson.category),
                              self.services.visitor.progress)
            if lesson else []
        )
        # Arranged before the cards arrive: stacked, they could ask for more height than a wide
        # window has for a moment, and a window grown past its panel does not shrink back.
        self._arrange(bool(suggestions) and self.width() > self.height())
        self.list.clear()
        self.list.list_layout.setSpacing(s.gap)
        self.cards = {}
        for suggestion in suggestions:
            card = CardButton(self.text(suggestion.title), self.text(suggestion.summary))
            screen = screen_for(suggestion)
            card.clicked.connect(lambda _checked=False, lid=suggestion.id, screen=screen: self.nav.go(screen, lesson=lid))
            self.list.add(card)
            self.cards[suggestion.id] = card
        first = self.first_suggestion()
        if first is not None:
            first.setStyleSheet(FIRST_SUGGESTION_STYLE)
        # A new label each time: clearing the list deletes what it holds.
        self.next_label = text_label("body", tr("Try this next:") if self.cards else "")
        self.list.list_layout.insertWidget(0, self.next_label)
        self.next_label.setVisible(bool(self.cards))
        self.list.setVisible(bool(self.cards))
        self._arrange(bool(self.cards) and self.width() > self.height())

    def first_suggestion(self) -> CardButton | None:
        return next(iter(self.cards.values()), None)

    def main_actions(self):
        # The first suggestion leads the list (and is marked out), but a list may scroll.
        return [self.again, self.more]

    def speech(self) -> list[Spoken]:
        spoken = [Spoken(self.title.text()), Spoken(self.praise.text())]
        if self.cards:
            spoken.append(Spoken(self.next_label.text()))
            spoken.extend(Spoken(card.text()) for card in self.cards.values())
        return spoken
