"""Assist mode: the guide picks any lesson and step, and hands the kiosk to the visitor there.

Every lesson of the catalog is listed (thousands in a city's), so the list is model/view
(ui/widgets/card_list.py) in place of the section's scroll area: only the cards in view are drawn.
"""

from __future__ import annotations

from kiosk.content import kinds
from ui.i18n import tr
from ui.screens.guide.common import Section, compact
from ui.widgets.big_button import BigButton
from ui.widgets.card_list import Card, CardList
from ui.widgets.labels import text_label

# A step's words on its card, shortened: the guide recognises a step by its start.
STEP_PREVIEW_CHARS = 80


class AssistSection(Section):
    def __init__(self, panel):
        super().__init__(panel)
        self.heading = text_label("subtitle")
        self.fixed.addWidget(self.heading)
        self.back_to_lessons = compact(BigButton(role="secondary"))
        self.back_to_lessons.clicked.connect(lambda: self.choose_lesson(None))
        self.fixed.addWidget(self.back_to_lessons)
        self.list = CardList(panel.nav.thumbnails, spacing=panel.sizes.gap)
        self.scroll.hide()
        self._outer.addWidget(self.list, 1)
        self.lesson_id: str | None = None

    @property
    def cards(self) -> dict[str, Card]:
        """lesson id -> card, or step index (as str) -> card, in the list's order."""
        return {card.key: card for card in self.list.cards()}

    def actions(self):
        return [self.back_to_lessons] if self.back_to_lessons.isVisibleTo(self) else []

    def choose_lesson(self, lesson_id: str | None) -> None:
        self.lesson_id = lesson_id
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        s = self.panel.sizes
        self.list.set_spacing(s.gap)
        self.list.set_text_sizes(s.small_title, s.body, s.target)
        content = self.services.content
        lesson = content.lesson(self.lesson_id) if self.lesson_id else None
        self.back_to_lessons.setText("←  " + tr("All lessons"))
        self.back_to_lessons.setVisible(lesson is not None)
        if lesson is None:
            self.lesson_id = None
            self.heading.setText(tr("Choose a lesson to open for the visitor."))
            self.list.set_cards(
                Card(item.id, self.panel.text(item.title), tr("{count} steps").format(count=item.step_count), None,
                     lambda lid=item.id: self.choose_lesson(lid))
                for item in content.lessons()
            )
            return
        self.heading.setText(tr("{lesson}: choose the step to start at.").format(lesson=self.panel.text(lesson.title)))
        texts = [self.panel.text(text) for text in kinds.step_texts(lesson)]
        self.list.set_cards(
            Card(
                str(index),
                tr("Step {number}").format(number=index + 1),
                text[:STEP_PREVIEW_CHARS] + ("…" if len(text) > STEP_PREVIEW_CHARS else ""),
                None,
                lambda lid=lesson.id, i=index: self.panel.nav.assist_open(lid, i),
            )
            for index, text in enumerate(texts)
        )

    def forget(self) -> None:
        self.lesson_id = None
        self.list.set_cards([])
