"""The lessons of one topic."""

from __future__ import annotations

from kiosk.content import kinds
from kiosk.content.schema import Lesson
from ui.i18n import tr
from ui.screens.card_list import CardEntry, CardListScreen
from ui.widgets.card_button import CardButton


class LessonsScreen(CardListScreen):
    name = "lessons"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.root.addWidget(self.list, 1)

    def refresh(self) -> None:
        super().refresh()
        category = self.services.content.category(self.params.get("category", ""))
        self.title.setText(self.text(category.title) if category else tr("Lessons"))
        self.show_cards(self._card(lesson) for lesson in self.services.content.lessons(category.id if category else None))

    def _card(self, lesson: Lesson) -> CardEntry:
        count = kinds.step_count(lesson)
        # The counts go on lines of their own: joined to the summary with a separator they
        # would break mid-word ("8ス" / "テップ") and need a separator right for each language.
        lines = [self.text(lesson.summary), tr("{count} steps").format(count=count)]
        done = self.services.visitor.progress.get(lesson.id)
        if done is not None:
            lines.append(tr("reached step {step}").format(step=done))
        detail = "\n".join(lines)
        cover = self.services.content.media_file(kinds.cover_picture(lesson))
        card = CardButton(self.text(lesson.title), detail, cover)
        screen = kinds.screen_for(lesson)
        return lesson.id, card, lambda: self.nav.go(screen, lesson=lesson.id)
