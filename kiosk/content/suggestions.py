"""What to try after finishing a lesson: a few good next lessons, the best first.

The pack's author names a lesson's ``next_lessons`` (the next of its category, a practice of the
same skill); those come first, in the author's order. A lesson that names none gets the next one
of its category by order. Lessons the visitor already went through to the end this visit go last,
and only a few are offered: a senior choosing among many reads none of them.

Only what the kiosk offers now may be suggested: ``find`` and ``category_lessons`` come from the
repository's offered lesson cards (meant for this center, inside their dates and time windows), so
an author's "next" aimed at another center, or outside its hours, gives way to the next of the
category rather than to a card that leads nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kiosk.content.cards import LessonCard
from kiosk.content.schema import Lesson

MAX_SUGGESTIONS = 3


def suggestions_after(
    lesson: Lesson,
    find: Callable[[str], LessonCard | None],
    category_lessons: list[LessonCard],
    progress: Mapping[str, int],
    limit: int = MAX_SUGGESTIONS,
) -> list[LessonCard]:
    """Up to ``limit`` lessons to try after ``lesson``, the one to suggest first at the head.

    ``find`` gives a lesson by id only if it may be offered now (ContentRepository.offered_card)."""
    picked = [found for found in (find(i) for i in lesson.next_lessons) if found is not None and found.id != lesson.id]
    if not picked:
        later = sorted((l for l in category_lessons if l.order > lesson.order and l.id != lesson.id), key=lambda l: l.order)
        picked = later[:1]
    unique = list({l.id: l for l in picked}.values())

    def finished(candidate: LessonCard) -> bool:
        return progress.get(candidate.id, 0) >= max(1, candidate.step_count)

    # sorted() is stable: within the not-yet-done and the done, the author's order stays.
    return sorted(unique, key=finished)[:limit]
