"""Synthesized audio on disk, keyed by (text, voice, rate), least recently used evicted past a size bound."""

from __future__ import annotations

import hashlib
import os
import threading
import uuid
from pathlib import Path

SUFFIX = ".wav"


class AudioCache:
    def __init__(self, directory: Path, limit_bytes: int):
        self.directory = Path(directory)
        self.limit_bytes = limit_bytes
        self.directory.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._size: int | None = None  # measured on the first store, then kept up to date

    def path_for(self, text: str, voice: str, rate: int) -> Path:
        key = hashlib.sha256(f"{voice}\0{rate}\0{text}".encode("utf-8")).hexdigest()
        return self.directory / f"{key[:40]}{SUFFIX}"

    def get(self, text: str, voice: str, rate: int) -> Path | None:
        path = self.path_for(text, voice, rate)
        try:
            os.utime(path)  # mark as recently used, for eviction
        except OSError:
            return None
        return path

    def scratch_path(self) -> Path:
        """Where the engine writes: beside the cache so the final rename is atomic."""
        return self.directory / f".part-{uuid.uuid4().hex}{SUFFIX}"

    def store(self, scratch: Path, text: str, voice: str, rate: int) -> Path:
        path = self.path_for(text, voice, rate)
        size = scratch.stat().st_size
        os.replace(scratch, path)  # readers never see a half-written file
        with self._lock:
            if self._size is None:
                self._size = self._measure()
            else:
                self._size += size
            if self._size > self.limit_bytes:
                self._evict(keep=path)
        return path

    def _entries(self) -> list[tuple[float, int, Path]]:
        entries = []
        for entry in os.scandir(self.directory):
            if entry.name.endswith(SUFFIX) and not entry.name.startswith(".part-"):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                entries.append((stat.st_mtime, stat.st_size, Path(entry.path)))
        return entries

    def _measure(self) -> int:
        return sum(size for _, size, _ in self._entries())

    def _evict(self, keep: Path) -> None:
        # Down to 90% so that eviction (a directory scan) is not repeated on every store.
        target = self.limit_bytes * 0.9
        entries = sorted(self._entries())
        total = sum(size for _, size, _ in entries)
        for _, size, path in entries:
            if total <= target:
                break
            if path == keep:
                continue
            try:
                path.unlink()
            except OSError:  # in use (Windows) or already gone: skip it
                continue
            total -= size
        self._size = total

    def size_bytes(self) -> int:
        return self._measure()
