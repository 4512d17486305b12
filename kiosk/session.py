"""The current visitor: language, text size, voice, and where they are in a lesson.

Nothing here outlives the visitor: ``reset`` returns everything to the kiosk's defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.choices import TEXT_SIZES

if TYPE_CHECKING:
    from kiosk.boot import BootSettings
    from kiosk.settings import Settings


@dataclass
class VisitorSession:
    settings: Settings | BootSettings  # anything with the default_* and voice_on fields
    locale: str = ""
    text_size: str = ""
    voice_on: bool = True
    progress: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.locale = self.settings.default_locale
        self.text_size = self.settings.default_text_size
        self.voice_on = self.settings.voice_on
        self.progress = {}

    def next_text_size(self) -> str:
        index = TEXT_SIZES.index(self.text_size)
        self.text_size = TEXT_SIZES[(index + 1) % len(TEXT_SIZES)]
        return self.text_size

    def reached(self, lesson_id: str, step_index: int) -> None:
        self.progress[lesson_id] = max(step_index, self.progress.get(lesson_id, 0))
