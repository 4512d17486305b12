"""Apply a validated pack to SQLite in one transaction, with media stored by SHA-256.

Media files are copied to ``objects/<sha256><suffix>`` before the transaction starts, so when
the new rows become visible every file they name is already on disk: a screen shows the old
content or the new, never a mix. Old objects stay until ``collect_garbage`` removes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    CategoryRow,
    ContentRevision,
    LessonRow,
    MediaObject,
    NoticeRow,
    ProgramRow,
    ThemeRow,
)
from kiosk.content.cards import card_data
from kiosk.content.schema import ContentPack
from kiosk.files import sha256_file
from kiosk.paths import DataDir

OBJECT_PREFIX = "objects/"


class MediaStore:
    """Content-addressed files under ``<data_dir>/objects``."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.objects_dir = DataDir(data_dir).objects

    def put(self, source: Path) -> tuple[str, str]:
        """Store a file; returns (sha256, reference usable as a media path)."""
        sha = sha256_file(source)
        suffix = source.suffix.lower()
        target = self.objects_dir / f"{sha}{suffix}"
        if not target.exists():
            self.objects_dir.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(target.suffix + ".part")
            shutil.copyfile(source, partial)
            with partial.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, target)
        return sha, f"{OBJECT_PREFIX}{sha}{suffix}"

    def path_for(self, reference: str | None) -> Path | None:
        if not reference:
            return None
        return self.data_dir / reference


def _rewrite_media(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, dict):
        return {key: _rewrite_media(item, mapping) for key, item in value.items()}
    if isinstance(value, list):
        return [_rewrite_media(item, mapping) for item in value]
    return value


def pack_digest(pack: ContentPack) -> str:
    canonical = json.dumps(pack.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def applied_revision(session: Session) -> ContentRevision | None:
    return session.get(ContentRevision, 1)


def apply_pack(
    sessions: sessionmaker[Session],
    media: MediaStore,
    pack: ContentPack,
    pack_dir: Path,
    now: dt.datetime | None = None,
) -> bool:
    """Make ``pack`` the kiosk's content. Returns False when it was already applied."""
    digest = pack_digest(pack)
    with sessions() as session:
        current = applied_revision(session)
        if current is not None and current.digest == digest:
            return False

    mapping, objects = stage_media(media, pack, pack_dir)
    with sessions.begin() as session:
        write_rows(session, pack, mapping, objects, digest, now)
    return True


def stage_media(
    media: MediaStore, pack: ContentPack, pack_dir: Path
) -> tuple[dict[str, str], dict[str, tuple[str, int]]]:
    """Store every media file of the pack; returns (path -> reference, sha -> (suffix, size))."""
    mapping: dict[str, str] = {}
    objects: dict[str, tuple[str, int]] = {}
    for relative in sorted(pack.media_paths()):
        source = pack_dir / relative
        sha, reference = media.put(source)
        mapping[relative] = reference
        objects[sha] = (source.suffix.lower(), source.stat().st_size)
    return mapping, objects


def write_rows(
    session: Session,
    pack: ContentPack,
    mapping: dict[str, str],
    objects: dict[str, tuple[str, int]],
    digest: str | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Replace all content rows inside the caller's transaction.

    Split from ``apply_pack`` so that sync can stage objects itself and commit its own state
    in the same transaction as the rows; every file in ``mapping`` must already be on disk.
    """
    digest = digest or pack_digest(pack)

    def dump(item) -> dict[str, Any]:
        return _rewrite_media(item.model_dump(mode="json"), mapping)

    for table in (LessonRow, ProgramRow, NoticeRow, CategoryRow, ThemeRow):
        session.execute(delete(table))
    known = set(session.scalars(select(MediaObject.sha256)))
    new_objects = [
        {"sha256": sha, "suffix": suffix, "size": size} for sha, (suffix, size) in objects.items() if sha not in known
    ]
    categories = [
        {"id": c.id, "position": n, "data": dump(c)} for n, c in enumerate(sorted(pack.categories, key=lambda c: c.order))
    ]
    themes = [{"id": t.id, "position": n, "data": dump(t)} for n, t in enumerate(sorted(pack.themes, key=lambda t: t.order))]
    lessons = [
        {"id": lesson.id, "category_id": lesson.category, "kind": lesson.kind, "position": n, "data": dump(lesson),
         "card": _rewrite_media(card_data(lesson), mapping)}
        for n, lesson in enumerate(sorted(pack.lessons, key=lambda item: (item.order, item.id)))
    ]
    programs = [
        {"id": program.id, "theme_id": program.theme, "position": n, "data": dump(program)}
        for n, program in enumerate(sorted(pack.programs, key=lambda item: (item.order, item.id)))
    ]
    notices = [
        {"id": notice.id, "valid_from": notice.valid_from, "valid_until": notice.valid_until, "data": dump(notice)}
        for notice in pack.notices
    ]
    # Core bulk inserts (executemany): a catalog of thousands of lessons applies in a fraction
    # of the time ORM unit-of-work inserts take. Parents before children for the foreign keys.
    for table, rows in (
        (MediaObject, new_objects), (CategoryRow, categories), (ThemeRow, themes),
        (LessonRow, lessons), (ProgramRow, programs), (NoticeRow, notices),
    ):
        if rows:
            session.execute(insert(table), rows)
    session.merge(
        ContentRevision(
            id=1,
            pack_id=pack.manifest.id,
            revision=pack.manifest.revision,
            digest=digest,
            applied_at=now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            manifest=pack.manifest.model_dump(mode="json"),
        )
    )


def collect_garbage(sessions: sessionmaker[Session], media: MediaStore) -> int:
    """Remove stored objects no current content refers to. Returns how many files went."""
    with sessions() as session:
        rows = [
            *session.scalars(select(CategoryRow.data)),
            *session.scalars(select(LessonRow.data)),
        ]
        # One pass over the rows' text, then set lookups: a search of the whole text per
        # object would take seconds with thousands of lessons.
        referenced = set(re.findall(r"[0-9a-f]{64}", json.dumps(rows)))
        removed = 0
        for obj in list(session.scalars(select(MediaObject))):
            if obj.sha256 not in referenced:
                path = media.objects_dir / f"{obj.sha256}{obj.suffix}"
                path.unlink(missing_ok=True)
                session.delete(obj)
                removed += 1
        session.commit()
    return removed
