"""Apply a fully downloaded revision: stage it as a pack folder, validate it with the same
loader as everywhere else, then replace the rows and the sync state in ONE transaction."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from db.models import SyncState
from kiosk.content.loader import load_pack
from kiosk.content.schema import ContentPack
from kiosk.content.store import OBJECT_PREFIX, write_rows
from kiosk.paths import DataDir
from kiosk.sync.state import get_state
from protocol.repo_format import is_media


class Layout:
    """Where sync keeps things under the kiosk's data dir."""

    def __init__(self, data_dir: Path):
        paths = DataDir(data_dir)
        self.data_dir = data_dir
        self.media_dir = paths.objects  # shared with MediaStore: objects/<sha><suffix>
        self.sync_dir = paths.sync
        self.items_dir = paths.sync_items  # pack JSON and catalog parts, by sha
        self.staging_dir = paths.sync_staging
        self.lock_file = paths.sync_lock

    def local_path(self, path: str, sha: str) -> Path:
        if is_media(path):
            return self.media_dir / f"{sha}{Path(path).suffix.lower()}"
        return self.items_dir / sha

    def item_path(self, sha: str) -> Path:
        return self.items_dir / sha


def clear_staging(layout: Layout) -> None:
    shutil.rmtree(layout.staging_dir, ignore_errors=True)


def link_into_staging(layout: Layout, path: str, sha: str) -> None:
    """Put one verified local object at its pack path (called as each download finishes)."""
    target = layout.staging_dir / path
    if not target.parent.is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
    source = layout.local_path(path, sha)
    try:
        os.link(source, target)  # same file system: no copy of hundreds of MB
    except FileExistsError:
        target.unlink()
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def validate(layout: Layout) -> ContentPack:
    """Validate the staged pack folder with the kiosk's loader (raises ContentError).

    Objects are written without fsync (thousands of them would cost more than the download);
    one file-system sync, run while the pack is being validated, makes them durable before
    any row that names them can commit.
    """
    syncing = threading.Thread(target=os.sync, name="sync-objects")
    syncing.start()
    try:
        return load_pack(layout.staging_dir)
    finally:
        syncing.join()


def notes_of(pack: ContentPack) -> list[str]:
    """What the loader noted but did not refuse (fields this kiosk does not know yet), for the guide."""
    return list(pack.ignored)


def stage(layout: Layout, files: dict[str, tuple[str, int]]) -> ContentPack:
    """Build the whole pack folder from local objects and validate it."""
    clear_staging(layout)
    for path, (sha, _size) in files.items():
        link_into_staging(layout, path, sha)
    return validate(layout)


def commit(
    sessions: sessionmaker[Session],
    layout: Layout,
    pack: ContentPack,
    files: dict[str, tuple[str, int]],
    index: dict,
    etag: str,
    last_modified: str,
    now: dt.datetime,
    accepted: Callable[[SyncState], None] | None = None,
) -> str:
    """Make the staged pack current. Returns the applied pack digest. ``accepted`` records
    what else the client learnt from the index, in the same transaction."""
    mapping: dict[str, str] = {}
    objects: dict[str, tuple[str, int]] = {}
    for path in pack.media_paths():
        sha, size = files[path]
        suffix = Path(path).suffix.lower()
        mapping[path] = f"{OBJECT_PREFIX}{sha}{suffix}"
        objects[sha] = (suffix, size)
    # The catalog root names this exact content, and costs nothing to compute (a pack_digest
    # of thousands of lessons does); it fits the same column and changes when the content does.
    digest = index["root"][0]
    with sessions.begin() as session:
        write_rows(session, pack, mapping, objects, digest, now)
        state = get_state(session)
        state.repo_revision = index["revision"]
        state.root = index["root"][0]
        state.applied_digest = digest
        state.index_etag = etag
        state.index_last_modified = last_modified
        if accepted is not None:
            accepted(state)
    shutil.rmtree(layout.staging_dir, ignore_errors=True)
    return digest
