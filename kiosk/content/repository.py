"""Read access to the applied content, as schema objects, for the screens.

A kiosk shows exactly what is meant for its own center and its local time: every list the
screens ask for is filtered by the item's audience (``aimed_at``), its validity dates and its
weekly time windows (kiosk/content/schema.py ``Targeted``), asked afresh at each call, so a
screen that re-reads on showing never offers what has just gone out of its window.

Lessons are held as their cards (kiosk/content/cards.py): a city catalog of thousands of lessons
lists from memory, and a lesson's steps are read from SQLite when it is opened. Opened lessons
are kept for the snapshot's life, so a visitor mid-lesson keeps the steps they started with even
when a sync applies a new revision before they go Home (when the window reloads).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import CategoryRow, ContentRevision, LessonRow, NoticeRow, ProgramRow, ThemeRow
from kiosk.clock import local_now
from kiosk.content.cards import LessonCard
from kiosk.content.schema import Category, Center, Lesson, Notice, PackManifest, Program, Targeted, Theme, Topic
from kiosk.content.store import MediaStore


@dataclass(frozen=True)
class Snapshot:
    """Everything a visitor can see, read in one go so a screen never mixes two revisions."""

    revision: int
    digest: str
    manifest: PackManifest | None
    categories: tuple[Category, ...]
    themes: tuple[Theme, ...]
    lessons: tuple[LessonCard, ...]
    programs: tuple[Program, ...]
    notices: tuple[Notice, ...]


EMPTY = Snapshot(0, "", None, (), (), (), (), ())
# Lessons read in full and kept: a visit opens a handful; a guide browsing many opens more.
OPENED_KEPT = 64


def _read_cards(session: Session) -> list[LessonCard]:
    """Every lesson's card, in the pack's order; rows applied before cards were stored derive theirs."""
    rows = session.execute(select(LessonRow.id, LessonRow.card).order_by(LessonRow.position)).all()
    missing = [lesson_id for lesson_id, card in rows if card is None]
    derived: dict[str, LessonCard] = {}
    if missing:
        for data in session.scalars(select(LessonRow.data).where(LessonRow.id.in_(missing))):
            card = LessonCard.of(Lesson.model_validate(data))
            derived[card.id] = card
    return [derived[lesson_id] if card is None else LessonCard.model_validate(card) for lesson_id, card in rows]


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
        self._opened: OrderedDict[str, Lesson] = OrderedDict()  # this snapshot's lessons read in full
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
                self._opened.clear()
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
                lessons=tuple(_read_cards(session)),
                programs=tuple(
                    Program.model_validate(d)
                    for d in session.scalars(select(ProgramRow.data).order_by(ProgramRow.position))
                ),
                notices=tuple(
                    Notice.model_validate(d)
                    for d in session.scalars(select(NoticeRow.data).order_by(NoticeRow.valid_from.desc()))
                ),
            )
            self._opened.clear()
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

    def topics(self, category_id: str) -> tuple[Topic, ...]:
        """The category's topics with at least one lesson shown now, in the author's order."""
        category = self.category(category_id)
        if category is None or not category.topics:
            return ()
        offered = {lesson.topic for lesson in self.lessons(category_id)}
        return tuple(topic for topic in category.topics if topic.id in offered)

    def lessons(self, category_id: str | None = None, topic: str | None = None) -> list[LessonCard]:
        """The cards of the lessons shown now (of a category, and of one of its topics if given)."""
        moment = self.moment()
        return [
            l for l in self._snapshot.lessons
            if (category_id is None or l.category == category_id) and (topic is None or l.topic == topic)
            and self._shown(l, moment)
        ]

    def card(self, lesson_id: str) -> LessonCard | None:
        """A lesson's card, meant for this center, whatever the time (as ``lesson``)."""
        return next((l for l in self._snapshot.lessons if l.id == lesson_id and self._meant_here(l)), None)

    def lesson(self, lesson_id: str) -> Lesson | None:
        """A lesson meant for this center, whatever the time, with its steps. A time window (or the
        last valid day) closing while a visitor is inside the lesson must not take it from under
        them, nor lose their place when they go Back to it; the lists no longer offer it to anyone
        new. What is not meant for this center is never found, however its id arrived (an old
        help request, a stale link)."""
        if self.card(lesson_id) is None:
            return None
        lesson = self._opened.get(lesson_id)
        if lesson is None:
            with self._sessions() as session:
                data = session.scalar(select(LessonRow.data).where(LessonRow.id == lesson_id))
            if data is None:  # gone with a revision applied since this snapshot: the card leads nowhere
                return None
            lesson = self._opened[lesson_id] = Lesson.model_validate(data)
        self._opened.move_to_end(lesson_id)
        while len(self._opened) > OPENED_KEPT:
            self._opened.popitem(last=False)
        return lesson

    def offered_card(self, lesson_id: str) -> LessonCard | None:
        """A lesson the kiosk would offer someone now: meant for this center and shown at this time
        (what "try this next" may suggest)."""
        card = self.card(lesson_id)
        return card if card is not None and card.shown_at(self.moment()) else None

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
