"""The lessons of one category, or, in a category of more than a screenful, its topics first.

A senior does not read through hundreds of cards. A category whose lessons would fill more than
a screen and whose author gave it topics (content schema 1.2) opens on its topics, the most used
here first (lessons started on this kiosk lately), each leading to its own short list; lessons
without a topic follow the topics. A short category lists its lessons in the author's order,
the order they were written to be learnt in.
"""

from __future__ import annotations

from kiosk.content import kinds
from kiosk.content.cards import LessonCard
from kiosk.content.schema import Topic
from ui.i18n import tr
from ui.screens.card_list import CardListScreen
from ui.widgets.card_list import Card

# More lessons than this and a category with topics is browsed topic by topic: about what a
# panel shows at once, at the normal text size.
SCREENFUL = 8


class LessonsScreen(CardListScreen):
    name = "lessons"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.root.addWidget(self.list, 1)
        self.showing_topics = False

    def refresh(self) -> None:
        super().refresh()
        content = self.services.content
        category = content.category(self.params.get("category", ""))
        category_id = category.id if category else None
        topic = next((t for t in category.topics if t.id == self.params.get("topic")), None) if category else None
        if topic is not None:
            self.title.setText(f"{self.text(category.title)} · {self.text(topic.title)}")
            self.showing_topics = False
            self.show_cards(self._lesson_card(lesson) for lesson in self._most_used(content.lessons(category_id, topic.id)))
            return
        self.title.setText(self.text(category.title) if category else tr("Lessons"))
        lessons = content.lessons(category_id)
        topics = content.topics(category_id) if category_id else ()
        self.showing_topics = bool(topics) and len(lessons) > SCREENFUL
        if not self.showing_topics:
            self.show_cards(self._lesson_card(lesson) for lesson in lessons)
            return
        uses = self.services.usage.opened_counts()
        counts: dict[str, int] = {}
        used: dict[str, int] = {}
        for lesson in lessons:
            if lesson.topic is not None:
                counts[lesson.topic] = counts.get(lesson.topic, 0) + 1
                used[lesson.topic] = used.get(lesson.topic, 0) + uses.get(lesson.id, 0)
        # sorted() is stable: topics used alike keep the author's order.
        ordered = sorted(topics, key=lambda t: -used.get(t.id, 0))
        loose = [lesson for lesson in lessons if lesson.topic is None]
        self.show_cards(
            [self._topic_card(category_id, t, counts.get(t.id, 0)) for t in ordered]
            + [self._lesson_card(lesson) for lesson in loose]
        )

    def _most_used(self, lessons: list[LessonCard]) -> list[LessonCard]:
        uses = self.services.usage.opened_counts()
        return sorted(lessons, key=lambda lesson: -uses.get(lesson.id, 0))

    def _topic_card(self, category_id: str, topic: Topic, count: int) -> Card:
        return Card(
            f"topic:{topic.id}",
            self.text(topic.title),
            tr("{count} lessons").format(count=count),
            None,
            lambda: self.nav.go("lessons", category=category_id, topic=topic.id),
        )

    def _lesson_card(self, lesson: LessonCard) -> Card:
        # The counts go on lines of their own: joined to the summary with a separator they
        # would break mid-word ("8ス" / "テップ") and need a separator right for each language.
        lines = [self.text(lesson.summary), tr("{count} steps").format(count=lesson.step_count)]
        done = self.services.visitor.progress.get(lesson.id)
        if done is not None:
            lines.append(tr("reached step {step}").format(step=done))
        screen = kinds.screen_for(lesson)
        return Card(
            lesson.id,
            self.text(lesson.title),
            "\n".join(lines),
            self.services.content.media_file(lesson.cover),
            lambda: self.nav.go(screen, lesson=lesson.id),
        )
