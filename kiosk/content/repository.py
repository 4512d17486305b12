"""Read access to the applied content, as schema objects, for the screens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import CategoryRow, ContentRevision, LessonRow, NoticeRow, ProgramRow, ThemeRow
from kiosk.clock import local_now
from kiosk.content.schema import Category, Center, Lesson, Notice, PackManifest, Program, Theme
from kiosk.content.store import MediaStore


def local_today() -> dt.date:
    """The kiosk's own calendar day: a notice runs until the end of its last day there."""
    return local_now().date()


@dataclass(frozen=True)
class Snapshot:
    """Everything a visitor can see, read in one go so a screen never mixes two revisions."""

    revision: int
    digest: str
    manifest: PackManifest | None
    categories: tuple[Category, ...]
    themes: tuple[Theme, ...]
    lessons: tuple[Lesson, ...]
    programs: tuple[Program, ...]
    notices: tuple[Notice, ...]


EMPTY = Snapshot(0, "", None, (), (), (), (), ())


class ContentRepository:
    def __init__(
        self, sessions: sessionmaker[Session], media: MediaStore, today: Callable[[], dt.date] = local_today
    ):
        self._sessions = sessions
        self._media = media
        self._snapshot = EMPTY
        # Which notices are current depends on the day; tests pin it so they pass in any year.
        self.today = today

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    def stored_digest(self) -> str:
        with self._sessions() as session:
            row = session.get(ContentRevision, 1)
            return row.digest if row else ""

    def reload(self) -> bool:
        """Re-read the content if a new revision was applied. Returns True when it changed."""
        with self._sessions() as session:
            row = session.get(ContentRevision, 1)
            if row is None:
                changed = self._snapshot is not EMPTY
                self._snapshot = EMPTY
                return changed
            if row.digest == self._snapshot.digest:
                return False
            self._snapshot = Snapshot(
                revision=row.revision,
                digest=row.digest,
                manifest=PackManifest.model_validate(row.manifest),
                categories=tuple(
                    Category.model_validate(d)
                    for d in session.scalars(select(CategoryRow.data).order_by(CategoryRow.position))
                ),
                themes=tuple(
                    Theme.model_validate(d) for d in session.scalars(select(ThemeRow.data).order_by(ThemeRow.position))
                ),
                lessons=tuple(
                    Lesson.model_validate(d) for d in session.scalars(select(LessonRow.data).order_by(LessonRow.position))
                ),
                programs=tuple(
                    Program.model_validate(d)
                    for d in session.scalars(select(ProgramRow.data).order_by(ProgramRow.position))
                ),
                notices=tuple(
                    Notice.model_validate(d)
                    for d in session.scalars(select(NoticeRow.data).order_by(NoticeRow.valid_from.desc()))
                ),
            )
            return True

    # Queries the screens use -------------------------------------------------------------

    def center(self) -> Center | None:
        manifest = self._snapshot.manifest
        return manifest.center if manifest else None

    def categories(self) -> tuple[Category, ...]:
        return self._snapshot.categories

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self._snapshot.categories if c.id == category_id), None)

    def lessons(self, category_id: str | None = None) -> list[Lesson]:
        return [l for l in self._snapshot.lessons if category_id is None or l.category == category_id]

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((l for l in self._snapshot.lessons if l.id == lesson_id), None)

    def themes(self) -> tuple[Theme, ...]:
        return self._snapshot.themes

    def programs(self, theme_id: str | None = None) -> list[Program]:
        return [p for p in self._snapshot.programs if theme_id is None or p.theme == theme_id]

    def program(self, program_id: str) -> Program | None:
        return next((p for p in self._snapshot.programs if p.id == program_id), None)

    def notices(self, day: dt.date | None = None) -> list[Notice]:
        """The notices valid on ``day``, by default today."""
        day = self.today() if day is None else day
        return [n for n in self._snapshot.notices if n.is_valid_on(day)]

    def media_file(self, reference: str | None) -> Path | None:
        return self._media.path_for(reference)
