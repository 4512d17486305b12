"""After the last step: praise, and what to try next."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.big_button import BigButton
from ui.widgets.card_button import CardButton
from ui.widgets.labels import text_label
from ui.widgets.scroll_list import ScrollList


class FinishScreen(Screen):
    name = "finish"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.praise = text_label("subtitle")
        self.root.addWidget(self.praise)
        self.next_label = text_label("body")
        self.root.addWidget(self.next_label)
        self.list = ScrollList(spacing=self.sizes.gap)
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
        self.suggestions: dict[str, CardButton] = {}

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
        self.list.clear()
        self.list.list_layout.setSpacing(self.sizes.gap)
        self.suggestions = {}
        for next_id in lesson.next_lessons if lesson else []:
            suggestion = self.services.content.lesson(next_id)
            if suggestion is None:
                continue
            card = CardButton(self.text(suggestion.title), self.text(suggestion.summary))
            screen = "practice" if suggestion.kind == "practice" else "player"
            card.clicked.connect(lambda _=False, lid=next_id, screen=screen: self.nav.go(screen, lesson=lid))
            self.list.add(card)
            self.suggestions[next_id] = card
        self.next_label.setText(tr("Try this next:") if self.suggestions else "")

    def speech(self) -> list[Spoken]:
        spoken = [Spoken(self.title.text()), Spoken(self.praise.text())]
        if self.suggestions:
            spoken.append(Spoken(self.next_label.text()))
            spoken.extend(Spoken(card.text()) for card in self.suggestions.values())
        return spoken
