"""Remove objects nothing refers to, some time after a revision was applied.

A visitor mid-lesson keeps showing the previous revision until they return Home, so its
files must outlive the switch; ``grace`` (longer than any visit, which idles out) covers that.
"""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import ContentRevision, MediaObject
from kiosk.content.store import MediaStore, collect_garbage
from kiosk.sync.apply import Layout
from protocol.repo_format import parse_root, parse_shard


def current_item_shas(layout: Layout, root_sha: str) -> set[str] | None:
    """Every item/catalog object of the applied repository revision, from the local cache."""
    try:
        keep = {root_sha}
        for shard_sha, _ in parse_root(layout.item_path(root_sha).read_bytes()).values():
            keep.add(shard_sha)
            for path, (sha, _) in parse_shard(layout.item_path(shard_sha).read_bytes()).items():
                keep.add(sha)
        return keep
    except (OSError, ValueError):
        return None


def collect(
    sessions: sessionmaker[Session], layout: Layout, root_sha: str, now: dt.datetime, grace: dt.timedelta
) -> int:
    with sessions() as session:
        content = session.get(ContentRevision, 1)
        if content is not None and now - content.applied_at < grace:
            return 0
    removed = collect_garbage(sessions, MediaStore(layout.data_dir))
    cutoff = time.time() - grace.total_seconds()
    # Leftovers of interrupted downloads that no later sync resumed.
    for part in [*layout.media_dir.glob("*.part"), *layout.items_dir.glob("*.part")]:
        if part.stat().st_mtime < cutoff:
            part.unlink(missing_ok=True)
            removed += 1
    with sessions() as session:
        known = set(session.scalars(select(MediaObject.sha256)))
    if layout.media_dir.is_dir():
        # Media downloaded for a revision that was never applied (it failed validation, say).
        for path in layout.media_dir.iterdir():
            sha = path.name.split(".")[0]
            if not path.name.endswith(".part") and sha not in known and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
    keep = current_item_shas(layout, root_sha) if root_sha else None
    if keep is not None and layout.items_dir.is_dir():
        for path in layout.items_dir.iterdir():
            if "." not in path.name and path.name not in keep and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
    return removed
