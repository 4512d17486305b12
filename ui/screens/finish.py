"""After the last step: praise, and what to try next."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from kiosk.content.kinds import screen_for
from ui.i18n import tr
from ui.screens.base import Spoken
from ui.screens.card_list import CardListScreen
from ui.widgets.big_button import BigButton
from ui.widgets.card_button import CardButton
from ui.widgets.labels import text_label


class FinishScreen(CardListScreen):
    name = "finish"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.praise = text_label("subtitle")
        self.root.addWidget(self.praise)
        self.next_label = text_label("body")
        self.root.addWidget(self.next_label)
        self.root.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.again = BigButton(role="secondary")
        self.more = BigButton(role="primary")
        self.again.clicked.connect(lambda: self.nav.go("player", lesson=self.params.get("lesson", ""), step=0))
        self.more.clicked.connect(lambda: self.nav.go("categories"))
        row.addWidget(self.again)
        row.addWidget(self.more)
        self.buttons = row
        self.root.addLayout(row)

    def refresh(self) -> None:
        super().refresh()
        self.buttons.setSpacing(self.sizes.gap)
        lesson = self.services.content.lesson(self.params.get("lesson", ""))
        self.title.setText(tr("Well done!"))
        self.praise.setText(
            tr("You finished “{title}”.").format(title=self.text(lesson.title)) if lesson else ""
        )
        self.again.setText(tr("Do it again"))
        self.more.setText(tr("Choose another lesson"))
        suggestions = [self.services.content.lesson(next_id) for next_id in (lesson.next_lessons if lesson else [])]
        self.show_cards(
            (
                suggestion.id,
                CardButton(self.text(suggestion.title), self.text(suggestion.summary)),
                lambda lid=suggestion.id, screen=screen_for(suggestion): self.nav.go(screen, lesson=lid),
            )
            for suggestion in suggestions
            if suggestion is not None
        )
        self.next_label.setText(tr("Try this next:") if self.cards else "")

    def speech(self) -> list[Spoken]:
        spoken = [Spoken(self.title.text()), Spoken(self.praise.text())]
        if self.cards:
            spoken.append(Spoken(self.next_label.text()))
            spoken.extend(Spoken(card.text()) for card in self.cards.values())
        return spoken
