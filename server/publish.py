"""Publish a content pack folder as a signed, content-addressed static repository.

Validation uses the kiosk's own loader, so a pack the server accepts is one every kiosk
accepts; on any problem nothing is written. Objects are written before the index, and the
index is replaced atomically, so readers see the old revision or the new one, never half.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.loader import load_pack
from kiosk.files import sha256_file
from protocol.repo_format import (
    INDEX_NAME, build_catalog, content_digest, full_catalog, index_payload, object_path, sha256_bytes,
)
from protocol.signing import sign_index

try:
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

LIST_FILES = ("pack.json", "categories.json", "themes.json", "programs.json", "notices.json")


@dataclass
class PublishResult:
    revision: int
    changed: bool
    files: int
    objects_written: int
    bytes_written: int
    root: str
    pack_id: str


def read_index_payload(repo_dir: Path) -> dict | None:
    """The repository's own current index (our own file, so not verified again)."""
    try:
        return json.loads((repo_dir / INDEX_NAME).read_text(encoding="utf-8"))["payload"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


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
    repo_dir.mkdir(parents=True, exist_ok=True)
    with (repo_dir / ".publish-lock").open("a") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def publish(
    content_dir: Path,
    repo_dir: Path,
    key: Ed25519PrivateKey,
    now: dt.datetime | None = None,
    force: bool = False,
) -> PublishResult:
    """Validate and publish; raises kiosk.content.loader.ContentError with nothing written."""
    pack = load_pack(content_dir, strict=True)
    with _repo_lock(repo_dir):
        previous = read_index_payload(repo_dir)
        files: dict[str, tuple[str, int]] = {}
        for relative in pack_files(content_dir, pack.media_paths()):
            if relative != "pack.json":
                files[relative] = _sha_file(content_dir / relative)
        manifest = json.loads((content_dir / "pack.json").read_text(encoding="utf-8"))
        digest = content_digest(files, manifest)
        if previous and previous.get("content_digest") == digest and not force:
            return PublishResult(previous["revision"], False, len(files) + 1, 0, 0, previous["root"][0], previous["pack_id"])

        # Revisions only move forward: the next number, or the pack's own if it is higher. The
        # stored pack.json carries it, so the kiosk shows the revision it really has.
        revision = max((previous or {}).get("revision", 0) + 1, pack.manifest.revision)
        manifest["revision"] = revision
        writer = _Writer(repo_dir)
        files["pack.json"] = writer.put_bytes(json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        for relative, (sha, size) in files.items():
            if relative != "pack.json":
                writer.put_file(content_dir / relative, sha, size)
        shards, root = build_catalog(files)
        for data in shards.values():
            writer.put_bytes(data)
        root_sha, root_size = writer.put_bytes(root)
        catalog = writer.put_bytes(full_catalog(files))
        published_at = (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        payload = index_payload(pack.manifest.id, revision, published_at, (root_sha, root_size), catalog, digest, files)
        _write_index(repo_dir, sign_index(payload, key))
        return PublishResult(revision, True, len(files), writer.written, writer.bytes, root_sha, pack.manifest.id)


def _write_index(repo_dir: Path, data: bytes) -> None:
    os.sync()  # every object the index names is on disk before the index is
    index = repo_dir / INDEX_NAME
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
