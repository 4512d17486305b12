"""Publish a content pack folder as a signed, content-addressed static repository, one
view per center (server.center_views), and keep every index signed and fresh.

Validation uses the kiosk's own loader, so a pack the server accepts is one every kiosk
accepts; on any problem nothing is written. Objects are written before the indexes, and each
index is replaced atomically, so readers see the old revision or the new one, never half.
The pack's own files are kept as objects with a list of them (the *source*), from which the
views are built again when a center is added or changed, without the content folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.loader import load_pack
from kiosk.content.schema import Center
from kiosk.files import sha256_file
from protocol.repo_format import (
    CENTERS_DIR, INDEX_NAME, full_catalog, index_path, index_payload, object_path, parse_shard,
    sha256_bytes,
)
from protocol.signing import Signer, as_signer, sign_index
from server.center_views import Source, View, check_centers, views_of

try:
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

LIST_FILES = ("pack.json", "categories.json", "themes.json", "programs.json", "notices.json")
# How long a signed index stays fresh. The server re-signs an index once less than half of
# this is left, so a kiosk sees an expired one only when the server (or a mirror) is stuck.
DEFAULT_LIFETIME = dt.timedelta(days=7)


@dataclass
class PublishResult:
    revision: int  # the newest revision in the repository
    changed: bool  # some view got a new revision
    files: int  # the pack's own files
    objects_written: int
    bytes_written: int
    root: str  # the city view's catalog root
    pack_id: str
    source: str = ""  # the object listing the pack's files, for rebuilding the views
    views_changed: list[str | None] = field(default_factory=list)  # center ids; None = the city view


def _now(now: dt.datetime | None) -> dt.datetime:
    """Aware UTC; a naive ``now`` is naive UTC (the server's and the kiosks' clocks)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.timezone.utc)
    return now.astimezone(dt.timezone.utc).replace(microsecond=0)


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def read_index_document(repo_dir: Path, center: str | None = None) -> dict | None:
    """A view's current index (our own file, so not verified again)."""
    try:
        document = json.loads((repo_dir / index_path(center)).read_text(encoding="utf-8"))
        return document if isinstance(document.get("payload"), dict) else None
    except (OSError, ValueError, AttributeError):
        return None


def read_index_payload(repo_dir: Path, center: str | None = None) -> dict | None:
    document = read_index_document(repo_dir, center)
    return document["payload"] if document else None


def view_centers(repo_dir: Path) -> list[str | None]:
    """The views the repository has: the city's, then each center's."""
    folder = repo_dir / CENTERS_DIR
    names = sorted(p.parent.name for p in folder.glob(f"*/{INDEX_NAME}")) if folder.is_dir() else []
    return [None, *names]


def _sha_file(path: Path) -> tuple[str, int]:
    return sha256_file(path), path.stat().st_size


class _Writer:
    def __init__(self, repo_dir: Path):
        self.repo_dir = repo_dir
        self.written = 0
        self.bytes = 0

    def _target(self, sha: str) -> Path | None:
        target = self.repo_dir / object_path(sha)
        return None if target.exists() else target  # immutable: an existing object is the same bytes

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        sha = sha256_bytes(data)
        target = self._target(sha)
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".tmp")
            partial.write_bytes(data)
            os.replace(partial, target)
            self.written += 1
            self.bytes += len(data)
        return sha, len(data)

    def put_file(self, source: Path, sha: str, size: int) -> None:
        target = self._target(sha)
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".tmp")
            shutil.copyfile(source, partial)
            os.replace(partial, target)
            self.written += 1
            self.bytes += size


def pack_files(content_dir: Path, media_paths: set[str]) -> list[str]:
    lessons = sorted(f"lessons/{p.name}" for p in (content_dir / "lessons").glob("*.json"))
    return [*LIST_FILES, *lessons, *sorted(media_paths)]


@contextlib.contextmanager
def _repo_lock(repo_dir: Path):
    # Keeps two publishers on one host off the same folder; server.leader's database lock
    # keeps several server processes (hosts) from publishing at once.
    repo_dir.mkdir(parents=True, exist_ok=True)
    with (repo_dir / ".publish-lock").open("a") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def publish(
    content_dir: Path,
    repo_dir: Path,
    key: Signer | Ed25519PrivateKey,
    now: dt.datetime | None = None,
    force: bool = False,
    centers: list[Center] | tuple[Center, ...] = (),
    lifetime: dt.timedelta = DEFAULT_LIFETIME,
) -> PublishResult:
    """Validate and publish; raises kiosk.content.loader.ContentError with nothing written.

    ``centers`` are the server's centers (each with id and district): every one gets its own
    view; items aimed at a center not among them are refused.
    """
    content_dir = Path(content_dir)
    pack = load_pack(content_dir, strict=True)
    check_centers(content_dir, pack, list(centers))
    with _repo_lock(repo_dir):
        writer = _Writer(repo_dir)
        files = {relative: _sha_file(content_dir / relative) for relative in pack_files(content_dir, pack.media_paths())}
        for relative, (sha, size) in files.items():
            writer.put_file(content_dir / relative, sha, size)
        source_sha, _ = writer.put_bytes(full_catalog(files))
        source = Source.read(content_dir, pack, files)
        return _publish_views(repo_dir, writer, source, source_sha, list(centers), as_signer(key), _now(now),
                              force, lifetime)


def rebuild_views(
    repo_dir: Path,
    key: Signer | Ed25519PrivateKey,
    source_sha: str,
    centers: list[Center] | tuple[Center, ...],
    now: dt.datetime | None = None,
    lifetime: dt.timedelta = DEFAULT_LIFETIME,
) -> PublishResult:
    """Build the views again from the last published pack (its source object) for changed
    centers: a new center gets its view, a changed one its new identity."""
    with _repo_lock(repo_dir), tempfile.TemporaryDirectory(dir=repo_dir, prefix=".source-") as folder:
        files = parse_shard((repo_dir / object_path(source_sha)).read_bytes(), kind="catalog")
        staged = Path(folder)
        for relative, (sha, _) in files.items():
            target = staged / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(repo_dir / object_path(sha), target)
        pack = load_pack(staged, strict=True)
        source = Source.read(staged, pack, files)
        return _publish_views(repo_dir, _Writer(repo_dir), source, source_sha, list(centers), as_signer(key),
                              _now(now), False, lifetime)


def _publish_views(
    repo_dir: Path, writer: _Writer, source: Source, source_sha: str, centers: list[Center], signer: Signer,
    now: dt.datetime, force: bool, lifetime: dt.timedelta,
) -> PublishResult:
    views = views_of(source, centers)
    previous = {view.center_id: read_index_payload(repo_dir, view.center_id) for view in views}
    newest = max([p["revision"] for p in previous.values() if p] + [0])
    revision = max(newest + 1, source.pack.manifest.revision)
    indexes: dict[str | None, bytes] = {}
    city_root = (previous.get(None) or {}).get("root", [""])[0]
    written_groups: set[int] = set()
    for view in views:
        digest = view.digest()
        before = previous[view.center_id]
        if before and before.get("content_digest") == digest and not force:
            continue
        if id(view.group) not in written_groups:  # the group's own objects, once for all its views
            written_groups.add(id(view.group))
            for data in (*view.group.blobs.values(), *view.group.catalog.shard_bytes.values()):
                writer.put_bytes(data)
        indexes[view.center_id], root = _write_view(writer, view, digest, revision, source, signer, now, lifetime)
        if view.center_id is None:
            city_root = root
    for center_id, data in indexes.items():
        _write_index(repo_dir, data, center_id)
    _remove_views_of_gone_centers(repo_dir, {view.center_id for view in views})
    return PublishResult(
        revision=revision if indexes else newest, changed=bool(indexes), files=len(source.files),
        objects_written=writer.written, bytes_written=writer.bytes, root=city_root,
        pack_id=source.pack.manifest.id, source=source_sha, views_changed=list(indexes),
    )


def _remove_views_of_gone_centers(repo_dir: Path, kept: set[str | None]) -> None:
    """A removed center's view goes too: nobody would re-sign it for, and it would only expire."""
    for center in view_centers(repo_dir):
        if center not in kept:
            index = repo_dir / index_path(center)
            index.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                index.parent.rmdir()


def _write_view(
    writer: _Writer, view: View, digest: str, revision: int, source: Source, signer: Signer,
    now: dt.datetime, lifetime: dt.timedelta,
) -> tuple[bytes, str]:
    own = {path: writer.put_bytes(data) for path, data in view.own_blobs(revision).items()}
    catalog = view.group.catalog.with_files(own)
    for data in catalog.shards.values():
        writer.put_bytes(data)
    root_entry = writer.put_bytes(catalog.root)
    whole = writer.put_bytes(catalog.full)
    files = {**view.group.files, **own}
    payload = index_payload(
        source.pack.manifest.id, revision, _stamp(now), root_entry, whole, digest, files,
        center=view.center_id, expires_at=_stamp(now + lifetime),
    )
    return sign_index(payload, signer), root_entry[0]


def refresh_indexes(
    repo_dir: Path, key: Signer | Ed25519PrivateKey, now: dt.datetime | None = None,
    lifetime: dt.timedelta = DEFAULT_LIFETIME,
) -> int:
    """Re-sign every index whose expiry is less than half a lifetime away, or that another
    key signed (after a rotation), with the same content. Returns how many were re-signed."""
    signer, moment = as_signer(key), _now(now)
    renewed = 0
    with _repo_lock(repo_dir):
        for center in view_centers(repo_dir):
            document = read_index_document(repo_dir, center)
            if document is None:
                continue
            payload = document["payload"]
            if not _needs_signing(payload, document.get("certificate"), signer, moment, lifetime):
                continue
            payload = {**payload, "signed_at": _stamp(moment), "expires_at": _stamp(moment + lifetime)}
            _write_index(repo_dir, sign_index(payload, signer), center, sync=False)
            renewed += 1
    return renewed


def _needs_signing(payload: dict, certificate, signer: Signer, now: dt.datetime, lifetime: dt.timedelta) -> bool:
    if certificate != signer.certificate:
        return True
    try:
        expires = dt.datetime.fromisoformat(payload["expires_at"])
    except (KeyError, TypeError, ValueError):
        return True
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=dt.timezone.utc)
    return expires - now < lifetime / 2


def _write_index(repo_dir: Path, data: bytes, center: str | None = None, sync: bool = True) -> None:
    if sync:
        os.sync()  # every object the index names is on disk before the index is
    index = repo_dir / index_path(center)
    index.parent.mkdir(parents=True, exist_ok=True)
    before = index.stat().st_mtime if index.exists() else None
    partial = index.with_name(INDEX_NAME + ".tmp")
    partial.write_bytes(data)
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, index)
    # Plain static servers validate with Last-Modified at one-second resolution: make sure a
    # second publish within the same second still looks newer to If-Modified-Since.
    if before is not None and int(index.stat().st_mtime) <= int(before):
        os.utime(index, (int(before) + 1, int(before) + 1))
