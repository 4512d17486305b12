"""The published repository's layout, shared by the server's publisher and the kiosk's client.

    index.json                 signed, small, mutable: the city view (kiosks of no center)
    centers/<id>/index.json    signed, small, mutable: one center's view (see index_path)
    objects/<sha[:2]>/<sha>    immutable: pack files (JSON, media), catalog shards, catalog root

The catalog is two levels (root -> shards by hash of path -> files) so that a change to one
lesson moves the root plus one or two small shards instead of one big list of every file.
For a first sync the index also names the whole list as one object; the kiosk rebuilds the
shards from it and checks that they hash to the signed root (one request instead of 257).
Because every name is a hash and only the indexes change, any static web server or CDN can
serve the directory, with long cache lifetimes for objects.

The index payload (signed by protocol.signing) names the format, the view's revision, the
catalog root and whole-catalog objects as [sha256, size], a ``content_digest`` of the view's
files (by which the publisher sees that a publish would change nothing for it), the ``center``
the view is for (None: the city view; a kiosk refuses another center's index), and
``expires_at``: the server re-signs every index well before then even when nothing changed, so
a kiosk that sees only expired indexes knows its content may be out of date (a frozen mirror,
a stopped server). Revisions count across the whole repository and only move forward; a view
that did not change in a publish keeps its revision.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

FORMAT = 1
INDEX_NAME = "index.json"
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
# Pack files the kiosk stores as media objects (objects/<sha><suffix>); the rest are items.
MEDIA_PREFIX = "media/"


def canonical(value: Any) -> bytes:
    """The one byte form that is hashed and signed (sorted keys, no spaces, UTF-8)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def object_path(sha: str) -> str:
    # Two-character fan-out keeps directories small on every file system and CDN bucket.
    return f"objects/{sha[:2]}/{sha}"


def shard_of(path: str) -> str:
    return hashlib.sha256(path.encode()).hexdigest()[:2]


def is_media(path: str) -> bool:
    return path.startswith(MEDIA_PREFIX)


def safe_pack_path(path: str) -> bool:
    """A catalog path must stay inside the pack folder when the kiosk stages it."""
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and "\\" not in path and ".." not in parts and "" not in parts


def build_catalog(files: dict[str, tuple[str, int]]) -> tuple[dict[str, bytes], bytes]:
    """files: path -> (sha, size). Returns (shard objects by shard key, root object bytes)."""
    shards: dict[str, dict[str, list]] = {}
    for path, (sha, size) in sorted(files.items()):
        shards.setdefault(shard_of(path), {})[path] = [sha, size]
    shard_bytes = {key: canonical({"kind": "shard", "files": entries}) for key, entries in shards.items()}
    root = canonical(
        {"kind": "root", "format": FORMAT, "shards": {key: [sha256_bytes(data), len(data)] for key, data in shard_bytes.items()}}
    )
    return shard_bytes, root


def content_digest(files: dict[str, tuple[str, int]], manifest: dict[str, Any]) -> str:
    """The pack's content: its files but pack.json by hash, and pack.json itself (whose
    revision the publisher rewrites, so it is hashed as the author wrote it)."""
    return sha256_bytes(json.dumps([files, manifest], sort_keys=True, ensure_ascii=False).encode())


def index_payload(
    pack_id: str,
    revision: int,
    published_at: str,
    root: tuple[str, int],
    catalog: tuple[str, int],
    digest: str,
    files: dict[str, tuple[str, int]],
    center: str | None = None,
    signed_at: str = "",
    expires_at: str | None = None,
) -> dict[str, Any]:
    return {
        "center": center,
        "signed_at": signed_at or published_at,
        "expires_at": expires_at,
        "format": FORMAT,
        "pack_id": pack_id,
        "revision": revision,
        "published_at": published_at,
        "root": list(root),
        "catalog": list(catalog),
        "content_digest": digest,
        "files": len(files),
        "bytes": sum(size for _, size in files.values()),
    }


def full_catalog(files: dict[str, tuple[str, int]]) -> bytes:
    return canonical({"kind": "catalog", "files": {path: [sha, size] for path, (sha, size) in sorted(files.items())}})


class FormatError(ValueError):
    """A repository object does not have the expected shape."""


def _entry(value: Any, where: str) -> tuple[str, int]:
    if (
        not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], str)
        or not SHA_RE.match(value[0]) or not isinstance(value[1], int) or value[1] < 0
    ):
        raise FormatError(f"{where}: expected [sha256, size]")
    return value[0], value[1]


def parse_root(data: bytes) -> dict[str, tuple[str, int]]:
    try:
        root = json.loads(data)
    except ValueError as error:
        raise FormatError(f"catalog root is not JSON ({error})") from None
    if not isinstance(root, dict) or root.get("kind") != "root" or not isinstance(root.get("shards"), dict):
        raise FormatError("catalog root has the wrong shape")
    return {str(key): _entry(value, f"shard {key}") for key, value in root["shards"].items()}


def parse_shard(data: bytes, kind: str = "shard") -> dict[str, tuple[str, int]]:
    """A shard, or with kind="catalog" the whole list; paths must stay inside the pack."""
    try:
        shard = json.loads(data)
    except ValueError as error:
        raise FormatError(f"catalog {kind} is not JSON ({error})") from None
    if not isinstance(shard, dict) or shard.get("kind") != kind or not isinstance(shard.get("files"), dict):
        raise FormatError(f"catalog {kind} has the wrong shape")
    files = {}
    for path, value in shard["files"].items():
        if not safe_pack_path(path):
            raise FormatError(f"catalog path '{path}' leaves the pack folder")
        files[path] = _entry(value, path)
    return files


# Center views -------------------------------------------------------------------------------
# The city's repository holds one view per center (what that center's kiosks show) and one
# for kiosks that belong to no center. Each view has its own signed index naming its own
# catalog; the objects under objects/ are shared, so a lesson every center shows is stored once
# and a notice change for one district re-signs only the indexes of that district's centers.
CENTERS_DIR = "centers"
CENTER_FILE = "center.json"  # a center view's own identity (kiosk.content.schema.Center)


def index_path(center: str | None) -> str:
    """Where a view's signed index lives, relative to the repository root."""
    return f"{CENTERS_DIR}/{center}/{INDEX_NAME}" if center else INDEX_NAME
