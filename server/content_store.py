"""Drafts, publishing and revisions of the content, for the admin editors.

The content of record is the last publication's source (server.publish keeps every published
pack's files as objects); the draft is that plus the saved, unpublished changes
(server.models.ContentDraft rows, one per item). Every save is checked by writing the draft as
a pack folder and loading it with the kiosk's own loader (strict, as publishing is), so what an
editor accepts is what every kiosk accepts. Publishing writes the same folder and publishes it
with server.publish under the publish lock, records who published it and why, and drops the
drafts it published. "Restore this version" publishes an old revision's files again, as a new
revision: revisions only go forward, and kiosks follow.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.content.loader import ContentError, Problem, load_pack
from protocol.repo_format import object_path
from protocol.signing import Signer
from server import audit
from server.center_views import unknown_centers
from server.centers import all_centers
from server.drafts import MEDIA, Change, Key, Snapshot, changes, read_source
from server.models import ContentDraft, Publication
from server.publish import DEFAULT_LIFETIME, PublishResult, publish

UPLOADS_PREFIX = "media/uploads/"


@dataclass
class Outcome:
    """What a publish (or restore) did: ``result`` when it ran, else the ``problems`` that
    stopped it; ``changes`` are what it published."""

    result: PublishResult | None = None
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.result is not None and self.result.changed


def record_publication(session: Session, result: PublishResult, by: str, note: str | None, now: dt.datetime,
                       restored_from: int | None = None) -> None:
    session.merge(Publication(revision=result.revision, pack_id=result.pack_id, root=result.root, files=result.files,
                              bytes=result.bytes_written, published_at=now, source=result.source,
                              published_by=by[:120], note=note or None, restored_from=restored_from))


def latest_publication(session: Session) -> Publication | None:
    return session.scalars(
        select(Publication).where(Publication.source.is_not(None)).order_by(Publication.revision.desc())
    ).first()


@dataclass
class ContentState:
    """What a page reads once: the published revision and its content, and the saved drafts."""

    revision: int | None
    base: Snapshot
    rows: list[ContentDraft]

    def draft(self, keys: Iterable[Key] | None = None) -> Snapshot:
        """The published content with the drafts over it (only ``keys``' if given; uploaded
        media always)."""
        wanted = None if keys is None else set(keys)
        return self.base.overlaid(
            (row.kind, row.item_id, row.data) for row in self.rows
            if row.kind == MEDIA or wanted is None or (row.kind, row.item_id) in wanted
        )

    def item(self, kind: str, item_id: str) -> dict[str, Any] | None:
        """The item as it stands: its draft, or the published one (also when it is marked to
        be removed, so it can be opened and kept after all)."""
        return self.draft().get(kind, item_id) or self.base.get(kind, item_id)

    def row(self, kind: str, item_id: str) -> ContentDraft | None:
        return next((r for r in self.rows if (r.kind, r.item_id) == (kind, item_id)), None)


@dataclass
class ContentStore:
    repo_dir: Path
    uploads_dir: Path
    signer: Callable[[], Signer] | None = None  # None: this server cannot publish (no key)
    lifetime: dt.timedelta = DEFAULT_LIFETIME
    _checked: dict = field(default_factory=dict, init=False, repr=False)  # draft signature -> problems
    _cache_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    # Reading ------------------------------------------------------------------------------------
    def locate(self, sha: str) -> Path | None:
        for root in (self.repo_dir, self.uploads_dir):
            path = root / object_path(sha)
            if path.is_file():
                return path
        return None

    def state(self, session: Session) -> ContentState:
        """The last published revision and its content (None, empty: nothing published yet),
        and the drafts over it."""
        latest = latest_publication(session)
        base = Snapshot() if latest is None else read_source(self.repo_dir, latest.source)
        rows = list(session.scalars(select(ContentDraft).order_by(ContentDraft.updated_at, ContentDraft.kind,
                                                                  ContentDraft.item_id)))
        return ContentState(None if latest is None else latest.revision, base, rows)

    def revision_snapshot(self, session: Session, revision: int) -> tuple[Publication | None, Snapshot]:
        row = session.get(Publication, revision)
        if row is None or row.source is None:
            return row, Snapshot()
        return row, read_source(self.repo_dir, row.source)

    def revision_changes(self, session: Session, revision: int) -> list[Change]:
        """What a revision changed from the one published before it."""
        row, after = self.revision_snapshot(session, revision)
        if row is None:
            return []
        earlier = session.scalars(
            select(Publication.revision).where(Publication.source.is_not(None), Publication.revision < revision)
            .order_by(Publication.revision.desc())
        ).first()
        before = self.revision_snapshot(session, earlier)[1] if earlier is not None else Snapshot()
        return changes(before, after)

    # Checking -----------------------------------------------------------------------------------
    @contextmanager
    def written(self, snapshot: Snapshot) -> Iterator[Path]:
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.uploads_dir, prefix=".pack-") as folder:
            snapshot.write(Path(folder), self.locate)
            yield Path(folder)

    def draft_problems(self, session: Session, state: ContentState,
                       keys: Iterable[Key] | None = None) -> tuple[Snapshot, list[Problem]]:
        """The draft (of ``keys``, or all) and its problems. Checking writes and loads the whole
        pack (0.1 s for the demo pack, 0.7 s at 500 lessons), so the answer is kept for as long
        as neither the published revision nor any draft has changed: every page after a save
        asks again."""
        wanted = None if keys is None else frozenset(keys)
        drafts = json.dumps([(r.kind, r.item_id, r.data) for r in state.rows], sort_keys=True, default=str)
        centers = json.dumps([c.model_dump(mode="json") for c in all_centers(session)], sort_keys=True)
        signature = (state.revision, wanted, hashlib.sha256(f"{drafts}\n{centers}".encode()).hexdigest())
        snapshot = state.draft(wanted)
        with self._cache_lock:
            if signature in self._checked:
                return snapshot, self._checked[signature]
        found = self.problems(session, snapshot)
        with self._cache_lock:
            self._checked[signature] = found
            while len(self._checked) > 16:
                self._checked.pop(next(iter(self._checked)))
        return snapshot, found

    def problems(self, session: Session, snapshot: Snapshot) -> list[Problem]:
        """Every problem the kiosk's loader (strict) and the server's centers find."""
        with self.written(snapshot) as folder:
            try:
                pack = load_pack(folder, strict=True)
            except ContentError as error:
                return list(error.problems)
        return unknown_centers(pack, all_centers(session))

    # Changing -----------------------------------------------------------------------------------
    def save(self, session: Session, actor: audit.Actor, kind: str, item_id: str, data: dict[str, Any] | None,
             now: dt.datetime) -> None:
        """Keep this item as a draft (``data`` None: to be removed at the next publish)."""
        row = session.get(ContentDraft, (kind, item_id))
        if row is None:
            row = ContentDraft(kind=kind, item_id=item_id)
            session.add(row)
        row.data, row.updated_at, row.updated_by, row.updated_by_id = data, now, actor.login, actor.staff_id

    def discard(self, session: Session, kind: str, item_id: str) -> bool:
        return bool(session.execute(delete(ContentDraft).where(
            ContentDraft.kind == kind, ContentDraft.item_id == item_id)).rowcount)

    def put_upload(self, session: Session, actor: audit.Actor, data: bytes, suffix: str, now: dt.datetime) -> str:
        """Keep an uploaded (already checked) file; returns its path in the pack. Named by its
        own hash, so the same picture uploaded twice is one file."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.uploads_dir / object_path(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".tmp")
            partial.write_bytes(data)
            partial.replace(target)
        path = f"{UPLOADS_PREFIX}{sha[:20]}{suffix}"
        self.save(session, actor, MEDIA, path, {"sha": sha, "size": len(data)}, now)
        return path

    def publish(self, sessions, actor: audit.Actor | str, note: str, keys: Iterable[Key] | None,
                now: dt.datetime) -> Outcome:
        """Publish the drafts of ``keys`` (None: all) with the change note."""
        from server.leader import publish_lock

        keys = None if keys is None else set(keys)
        with publish_lock(sessions, wait=True):
            with sessions() as session:
                state = self.state(session)
            before, after = state.base, state.draft(keys)
            taken = {(r.kind, r.item_id): r.updated_at for r in state.rows if keys is None or (r.kind, r.item_id) in keys}
            outcome = self._publish(sessions, actor, note, before, after, now)
            if outcome.result is not None:
                with sessions.begin() as session:
                    for (kind, item_id), saved_at in taken.items():
                        if kind != MEDIA:  # a draft saved again meanwhile stays a draft
                            session.execute(delete(ContentDraft).where(
                                ContentDraft.kind == kind, ContentDraft.item_id == item_id,
                                ContentDraft.updated_at == saved_at))
                    published_media = set(after.media)
                    session.execute(delete(ContentDraft).where(
                        ContentDraft.kind == MEDIA, ContentDraft.item_id.in_(published_media)))
        return outcome

    def restore(self, sessions, actor: audit.Actor | str, revision: int, note: str, now: dt.datetime) -> Outcome:
        """Publish revision ``revision``'s content again, as the next revision."""
        from server.leader import publish_lock

        with publish_lock(sessions, wait=True):
            with sessions() as session:
                before = self.state(session).base
                row, old = self.revision_snapshot(session, revision)
            if row is None or not old.items:
                return Outcome(problems=[Problem("", "", "", f"revision {revision} cannot be restored")])
            return self._publish(sessions, actor, note, before, old, now, restored_from=revision)

    def _publish(self, sessions, actor: audit.Actor | str, note: str, before: Snapshot, after: Snapshot,
                 now: dt.datetime, restored_from: int | None = None) -> Outcome:
        if self.signer is None:
            raise RuntimeError("this server has no signing key; publishing needs `kiosk-server init`")
        with sessions() as session:
            centers = all_centers(session)
        with self.written(after) as folder:
            try:
                result = publish(folder, self.repo_dir, self.signer(), now=now.replace(tzinfo=dt.timezone.utc),
                                 centers=centers, lifetime=self.lifetime)
            except ContentError as error:
                return Outcome(problems=list(error.problems))
        found = changes(before, after)
        if result.changed:
            login = actor if isinstance(actor, str) else actor.login
            with sessions.begin() as session:
                record_publication(session, result, login, note, now, restored_from)
                audit.record(session, actor, "content.restore" if restored_from else "content.publish",
                             f"revision {result.revision}",
                             detail={"note": note[:500], "changes": len(found), "restored_from": restored_from},
                             now=now)
        return Outcome(result=result, changes=found)
