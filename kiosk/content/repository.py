"""Read access to the applied content, as schema objects, for the screens.

A kiosk shows exactly what is meant for its own center and its local time: every list the
screens ask for is filtered by the item's audience (``aimed_at``), its validity dates and its
weekly time windows (kiosk/content/schema.py ``Targeted``), asked afresh at each call, so a
screen that re-reads on showing never offers what has just gone out of its window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import CategoryRow, ContentRevision, LessonRow, NoticeRow, ProgramRow, ThemeRow
from kiosk.clock import local_now
from kiosk.content.schema import Category, Center, Lesson, Notice, PackManifest, Program, Targeted, Theme
from kiosk.content.store import MediaStore


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
        self,
        sessions: sessionmaker[Session],
        media: MediaStore,
        today: Callable[[], dt.date] | None = None,
        now: Callable[[], dt.datetime] = local_now,
    ):
        self._sessions = sessions
        self._media = media
        self._snapshot = EMPTY
        # What is shown depends on the kiosk's local day and time; tests inject both.
        self.now = now
        self._today = today

    @property
    def today(self) -> Callable[[], dt.date]:
        return lambda: self.moment().date()

    @today.setter
    def today(self, day: Callable[[], dt.date] | None) -> None:
        """Pins the calendar day only (tests about dates); the time of day still comes from ``now``."""
        self._today = day

    def moment(self) -> dt.datetime:
        """The kiosk's local now, on the pinned day if one is pinned."""
        now = self.now()
        return now if self._today is None else dt.datetime.combine(self._today(), now.timetz())

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

    def _meant_here(self, item: Targeted) -> bool:
        # A kiosk whose center has no id (the pack's default, no center view synced yet) has no
        # address: it sees what is for the whole city, never what is for some district.
        center = self.center()
        if center is None or center.id is None:
            return item.aimed_at.everywhere
        return item.meant_for(center.id, center.district)

    def _shown(self, item: Targeted, moment: dt.datetime | None = None) -> bool:
        return self._meant_here(item) and item.shown_at(moment or self.moment())

    def categories(self) -> tuple[Category, ...]:
        """The topics with at least one lesson shown now: an empty topic is a dead end for a
        visitor who chose it, so it is left out rather than offered with "0 lessons"."""
        offered = {lesson.category for lesson in self.lessons()}
        return tuple(c for c in self._snapshot.categories if c.id in offered)

    def category(self, category_id: str) -> Category | None:
        # Any topic of the pack: Back to a topic whose lessons just went out of their window
        # lands on its (empty) list with its title, not on a screen that lost its name.
        return next((c for c in self._snapshot.categories if c.id == category_id), None)

    def lessons(self, category_id: str | None = None) -> list[Lesson]:
        moment = self.moment()
        return [
            l for l in self._snapshot.lessons
            if (category_id is None or l.category == category_id) and self._shown(l, moment)
        ]

    def lesson(self, lesson_id: str) -> Lesson | None:
        """A lesson meant for this center, whatever the time. A time window (or the last valid
        day) closing while a visitor is inside the lesson must not take it from under them,
        nor lose their place when they go Back to it; the lists no longer offer it to anyone
        new. What is not meant for this center is never found, however its id arrived
        (an old help request, a stale link)."""
        return next((l for l in self._snapshot.lessons if l.id == lesson_id and self._meant_here(l)), None)

    def offered_lesson(self, lesson_id: str) -> Lesson | None:
        """A lesson the kiosk would offer someone now: meant for this center and shown at this time
        (what "try this next" may suggest)."""
        lesson = self.lesson(lesson_id)
        return lesson if lesson is not None and lesson.shown_at(self.moment()) else None

    def themes(self) -> tuple[Theme, ...]:
        """Program themes with at least one program shown now (as for topics: no empty filter)."""
        offered = {program.theme for program in self.programs()}
        return tuple(t for t in self._snapshot.themes if t.id in offered)

    def programs(self, theme_id: str | None = None) -> list[Program]:
        moment = self.moment()
        return [
            p for p in self._snapshot.programs
            if (theme_id is None or p.theme == theme_id) and self._shown(p, moment)
        ]

    def program(self, program_id: str) -> Program | None:
        """A program meant for this center, whatever the time: one being read (its QR code
        scanned) stays on screen as the lesson does; the list offers it only in its times."""
        return next((p for p in self._snapshot.programs if p.id == program_id and self._meant_here(p)), None)

    def notices(self, day: dt.date | None = None) -> list[Notice]:
        """The notices meant for this center and shown now (on ``day``, at this time of day, if given)."""
        moment = self.moment()
        if day is not None:
            moment = dt.datetime.combine(day, moment.timetz())
        return [n for n in self._snapshot.notices if self._shown(n, moment)]

    def media_file(self, reference: str | None) -> Path | None:
        return self._media.path_for(reference)
