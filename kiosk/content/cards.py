"""What a list shows of a lesson: its card, without its steps.

A city catalog holds thousands of lessons; the lists need only their titles, summaries, step
counts and cover pictures, and who sees them when. The repository keeps these cards in memory
and reads a lesson's steps from SQLite when it is opened. Each lesson row stores its card as JSON
beside the full lesson (kiosk/content/store.py), so a start reads a few hundred bytes per lesson
instead of the whole of it.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from kiosk.content import kinds
from kiosk.content.schema import Lesson, LocalizedText, MediaPath, Slug, Targeted


class LessonCard(Targeted):
    id: Slug
    category: Slug
    topic: Slug | None = None
    kind: str = "lesson"
    title: LocalizedText
    summary: LocalizedText
    step_count: int = Field(ge=0)
    cover: MediaPath | None = None  # the card's picture, as stored (an objects/ reference)
    next_lessons: list[Slug] = Field(default_factory=list)
    order: int = 0

    @classmethod
    def of(cls, lesson: Lesson) -> "LessonCard":
        return cls.model_validate(card_data(lesson))


def card_data(lesson: Lesson) -> dict[str, Any]:
    """The card of ``lesson`` as JSON, for the lesson's row (media references as in the lesson)."""
    fields = lesson.model_dump(
        mode="json",
        include={"id", "category", "topic", "kind", "title", "summary", "next_lessons", "order",
                 "aimed_at", "times", "valid_from", "valid_until"},
    )
    return {**fields, "step_count": kinds.step_count(lesson), "cover": kinds.cover_picture(lesson)}
