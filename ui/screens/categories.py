"""Learn: the categories, each a large card with a picture and what it covers."""

from __future__ import annotations

from ui.i18n import tr
from ui.screens.card_list import CardListScreen
from ui.widgets.card_list import Card


class CategoriesScreen(CardListScreen):
    name = "categories"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.root.addWidget(self.list, 1)

    def refresh(self) -> None:
        super().refresh()
        self.title.setText(tr("What would you like to learn?"))
        content = self.services.content
        counts: dict[str, int] = {}
        for lesson in content.lessons():
            counts[lesson.category] = counts.get(lesson.category, 0) + 1
        self.show_cards(
            Card(
                category.id,
                self.text(category.title),
                # The count on a line of its own, as on the lessons' cards.
                self.text(category.description) + "\n" + tr("{count} lessons").format(count=counts.get(category.id, 0)),
                content.media_file(category.picture),
                lambda cid=category.id: self.nav.go("lessons", category=cid),
            )
            for category in content.categories()
        )
