"""Learn: the topics, each a large card with a picture and what it covers."""

from __future__ import annotations

from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.card_button import CardButton
from ui.widgets.scroll_list import ScrollList


class CategoriesScreen(Screen):
    name = "categories"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.list = ScrollList(spacing=self.sizes.gap)
        self.root.addWidget(self.list, 1)
        self.cards: dict[str, CardButton] = {}

    def refresh(self) -> None:
        super().refresh()
        self.title.setText(tr("What would you like to learn?"))
        self.list.clear()
        self.list.list_layout.setSpacing(self.sizes.gap)
        self.cards = {}
        for category in self.services.content.categories():
            lessons = self.services.content.lessons(category.id)
            card = CardButton(
                self.text(category.title),
                self.text(category.description) + "  ·  " + tr("{count} lessons").format(count=len(lessons)),
                self.services.content.media_file(category.picture),
            )
            card.clicked.connect(lambda _=False, cid=category.id: self.nav.go("lessons", category=cid))
            self.list.add(card)
            self.cards[category.id] = card

    def speech(self) -> list[Spoken]:
        return [Spoken(self.title.text())] + [Spoken(card.text()) for card in self.cards.values()]
