"""Assist mode: the guide picks any lesson and step, and hands the kiosk to the visitor there."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.content import kinds
from ui.i18n import tr
from ui.screens.guide.common import Section, clear_layout, compact
from ui.widgets.big_button import BigButton
from ui.widgets.card_button import CardButton
from ui.widgets.labels import text_label


class AssistSection(Section):
    def __init__(self, panel):
        super().__init__(panel)
        self.heading = text_label("subtitle")
        self.fixed.addWidget(self.heading)
        self.back_to_lessons = compact(BigButton(role="secondary"))
        self.back_to_lessons.clicked.connect(lambda: self.choose_lesson(None))
        self.fixed.addWidget(self.back_to_lessons)
        self.items = QVBoxLayout()
        self.column.addLayout(self.items)
        self.lesson_id: str | None = None
        self.cards: dict[str, CardButton] = {}  # lesson id -> card, or step index (as str) -> card

    def actions(self):
        return [self.back_to_lessons] if self.back_to_lessons.isVisibleTo(self) else []

    def choose_lesson(self, lesson_id: str | None) -> None:
        self.lesson_id = lesson_id
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        clear_layout(self.items)
        self.items.setSpacing(self.panel.sizes.gap)
        self.cards = {}
        self.scroll.verticalScrollBar().setValue(0)  # a new list starts at its top
        content = self.services.content
        lesson = content.lesson(self.lesson_id) if self.lesson_id else None
        self.back_to_lessons.setText("←  " + tr("All lessons"))
        self.back_to_lessons.setVisible(lesson is not None)
        if lesson is None:
            self.lesson_id = None
            self.heading.setText(tr("Choose a lesson to open for the visitor."))
            for item in content.lessons():
                count = kinds.step_count(item)
                card = CardButton(self.panel.text(item.title), tr("{count} steps").format(count=count))
                card.clicked.connect(lambda _=False, lid=item.id: self.choose_lesson(lid))
                self._add(item.id, card)
            return
        self.heading.setText(tr("{lesson}: choose the step to start at.").format(lesson=self.panel.text(lesson.title)))
        texts = [self.panel.text(text) for text in kinds.step_texts(lesson)]
        for index, text in enumerate(texts):
            title = tr("Step {number}").format(number=index + 1)
            card = CardButton(title, text[:80] + ("…" if len(text) > 80 else ""))
            card.clicked.connect(lambda _=False, lid=lesson.id, i=index: self.panel.nav.assist_open(lid, i))
            self._add(str(index), card)

    def _add(self, key: str, card: CardButton) -> None:
        self.items.addWidget(card)
        card.show()  # now, not on the next event-loop turn, so the list is complete at once
        self.cards[key] = card

    def forget(self) -> None:
        self.lesson_id = None
        clear_layout(self.items)
        self.cards = {}
