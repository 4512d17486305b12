"""The content kinds a lesson can be, each with what it needs and the screen that plays it.

Modelled on Kolibri's content hooks (kind -> renderer): nothing else in the kiosk asks
``lesson.kind`` what to do. Adding a kind is one ``register(ContentKind(...))`` plus its screen
in ui/screens (named by ``screen``; this module never imports Qt).

The pack format stays as it is: a lesson names its ``kind`` and keeps its items in ``steps``
(a lesson) or ``screens`` (a practice); a new kind reads whichever of the schema's fields it uses.
Functions here take the schema's Lesson, by duck typing, because the schema itself asks this
registry which kinds exist and how each one is checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.content.schema import Lesson

LocalizedText = Mapping[str, str]


@dataclass(frozen=True)
class ContentKind:
    """One kind of lesson.

    check          raises ValueError (a plain sentence for the admin) when a lesson of this kind
                   lacks what it needs; the schema reports it with file, item and field
    media          (field path, media path) of every file a lesson of this kind shows or plays
    step_count     how many steps the visitor goes through
    step_texts     what each step says, in order (the guide's list of steps to open at)
    cover_picture  the picture on the lesson's card, if any
    screen         the name of the ui screen that plays it
    """

    name: str
    screen: str
    check: Callable[[Lesson], None]
    media: Callable[[Lesson], list[tuple[str, str]]]
    step_count: Callable[[Lesson], int]
    step_texts: Callable[[Lesson], list[LocalizedText]]
    cover_picture: Callable[[Lesson], str | None]

    def media_paths(self, lesson: Lesson) -> set[str]:
        return {path for _, path in self.media(lesson)}


_KINDS: dict[str, ContentKind] = {}


def register(kind: ContentKind) -> ContentKind:
    if kind.name in _KINDS:
        raise ValueError(f"content kind '{kind.name}' is already registered")
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    _KINDS.pop(name, None)


def names() -> tuple[str, ...]:
    return tuple(_KINDS)


def named(name: str) -> ContentKind | None:
    return _KINDS.get(name)


def kind_of(lesson: Lesson | Any) -> ContentKind:
    kind = _KINDS.get(lesson.kind)
    if kind is None:
        raise LookupError(f"lesson '{lesson.id}' is of kind '{lesson.kind}', which this kiosk has no screen for")
    return kind


def screen_for(lesson: Lesson) -> str:
    return kind_of(lesson).screen


def step_count(lesson: Lesson) -> int:
    return kind_of(lesson).step_count(lesson)


def media_paths(lesson: Lesson) -> set[str]:
    return kind_of(lesson).media_paths(lesson)


def step_texts(lesson: Lesson) -> list[LocalizedText]:
    return kind_of(lesson).step_texts(lesson)


def cover_picture(lesson: Lesson) -> str | None:
    return kind_of(lesson).cover_picture(lesson)


# The two kinds of today ------------------------------------------------------------------------


def _check_lesson(lesson: Lesson) -> None:
    if not lesson.steps:
        raise ValueError("a lesson needs at least one step in 'steps'")


def _lesson_media(lesson: Lesson) -> list[tuple[str, str]]:
    found = []
    for index, step in enumerate(lesson.steps):
        if step.picture:
            found.append((f"steps[{index}].picture", step.picture))
        found.extend((f"steps[{index}].narration.{locale}", audio) for locale, audio in step.narration.items())
    return found


def _check_practice(lesson: Lesson) -> None:
    if not lesson.screens:
        raise ValueError("a practice lesson needs at least one screen in 'screens'")


def _practice_media(lesson: Lesson) -> list[tuple[str, str]]:
    return [(f"screens[{index}].picture", screen.picture) for index, screen in enumerate(lesson.screens)]


LESSON = register(
    ContentKind(
        name="lesson",
        screen="player",
        check=_check_lesson,
        media=_lesson_media,
        step_count=lambda lesson: len(lesson.steps),
        step_texts=lambda lesson: [step.text for step in lesson.steps],
        cover_picture=lambda lesson: lesson.steps[0].picture if lesson.steps else None,
    )
)

PRACTICE = register(
    ContentKind(
        name="practice",
        screen="practice",
        check=_check_practice,
        media=_practice_media,
        step_count=lambda lesson: len(lesson.screens),
        step_texts=lambda lesson: [screen.task for screen in lesson.screens],
        cover_picture=lambda lesson: lesson.screens[0].picture if lesson.screens else None,
    )
)
