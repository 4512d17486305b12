"""Catalogs for many views that differ in a few files, built without redoing the common part.

Hundreds of centers share almost every file: their views differ in pack.json (the view's
revision), center.json and the few items aimed at them. ``BaseCatalog`` takes the common files
once (their shards and the whole list as sorted entries); ``with_files`` lays a view's own
files over it and re-encodes only the shards they fall in. The bytes are exactly those of
protocol.repo_format.build_catalog and full_catalog for the same files (tests check it), so
kiosks see no difference.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from protocol.repo_format import FORMAT, canonical, sha256_bytes, shard_of


def _entry_text(path: str, sha: str, size: int) -> str:
    return canonical({path: [sha, size]}).decode()[1:-1]  # '"path":["sha",size]', canonical form


@dataclass
class ViewCatalog:
    shards: dict[str, bytes]  # only the shards this view's own files changed
    root: bytes
    full: bytes


class BaseCatalog:
    def __init__(self, files: dict[str, tuple[str, int]]):
        self.files = files
        self.by_shard: dict[str, dict[str, list]] = {}
        for path, (sha, size) in sorted(files.items()):
            self.by_shard.setdefault(shard_of(path), {})[path] = [sha, size]
        self.shard_bytes = {key: canonical({"kind": "shard", "files": entries}) for key, entries in self.by_shard.items()}
        self.shard_refs = {key: [sha256_bytes(data), len(data)] for key, data in self.shard_bytes.items()}
        self.paths = sorted(files)
        self.texts = [_entry_text(path, *files[path]) for path in self.paths]

    def with_files(self, own: dict[str, tuple[str, int]]) -> ViewCatalog:
        """The catalog of the common files with ``own`` added (or replacing the same paths)."""
        changed: dict[str, dict[str, list]] = {}
        for path, (sha, size) in own.items():
            key = shard_of(path)
            changed.setdefault(key, dict(self.by_shard.get(key, {})))[path] = [sha, size]
        shards = {key: canonical({"kind": "shard", "files": dict(sorted(entries.items()))}) for key, entries in changed.items()}
        refs = {**self.shard_refs, **{key: [sha256_bytes(data), len(data)] for key, data in shards.items()}}
        root = canonical({"kind": "root", "format": FORMAT, "shards": refs})
        return ViewCatalog(shards, root, self._full(own))

    def _full(self, own: dict[str, tuple[str, int]]) -> bytes:
        paths, texts = list(self.paths), list(self.texts)
        for path in sorted(own):
            at = bisect.bisect_left(paths, path)
            text = _entry_text(path, *own[path])
            if at < len(paths) and paths[at] == path:
                texts[at] = text
            else:
                paths.insert(at, path)
                texts.insert(at, text)
        # canonical() of {"files": {...}, "kind": "catalog"}: keys sorted, so "files" first.
        return ('{"files":{' + ",".join(texts) + '},"kind":"catalog"}').encode()
