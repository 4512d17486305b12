"""The lessons of one topic."""

from __future__ import annotations

from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.card_button import CardButton
from ui.widgets.scroll_list import ScrollList


class LessonsScreen(Screen):
    name = "lessons"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.list = ScrollList(spacing=self.sizes.gap)
        self.root.addWidget(self.list, 1)
        self.cards: dict[str, CardButton] = {}

    def refresh(self) -> None:
        super().refresh()
        category = self.services.content.category(self.params.get("category", ""))
        self.title.setText(self.text(category.title) if category else tr("Lessons"))
        self.list.clear()
        self.list.list_layout.setSpacing(self.sizes.gap)
        self.cards = {}
        for lesson in self.services.content.lessons(category.id if category else None):
            count = len(lesson.steps) or len(lesson.screens)
            done = self.services.visitor.progress.get(lesson.id)
            detail = self.text(lesson.summary) + "  ·  " + tr("{count} steps").format(count=count)
            if done is not None:
                detail += "  ·  " + tr("reached step {step}").format(step=done)
            first_picture = lesson.steps[0].picture if lesson.steps else lesson.screens[0].picture
            card = CardButton(self.text(lesson.title), detail, self.services.content.media_file(first_picture))
            card.clicked.connect(lambda _=False, lid=lesson.id, kind=lesson.kind: self.nav.go("practice" if kind == "practice" else "player", lesson=lid))
            self.list.add(card)
            self.cards[lesson.id] = card

    def speech(self) -> list[Spoken]:
        return [Spoken(self.title.text())] + [Spoken(card.text()) for card in self.cards.values()]
