"""File helpers written once: atomic replacement and SHA-256 of a file.

Standard library only (kiosk/boot.py imports this before pydantic and SQLAlchemy load).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

CHUNK = 1 << 20


def atomic_write_bytes(target: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to ``target`` so a reader (or a crash) sees the old file or the new, never half.

    ``durable`` also flushes the data to disk before the rename, for files a power cut must not
    empty (settings, content objects); caches and snapshots skip it, being cheap to rebuild.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    with partial.open("wb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
    os.replace(partial, target)


def atomic_write_text(target: Path, text: str, *, durable: bool = False) -> None:
    atomic_write_bytes(target, text.encode("utf-8"), durable=durable)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
