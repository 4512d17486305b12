"""The content as items, for the admin editors: a published pack (or a draft of the next one)
as a Snapshot of items by (kind, id), and what changes between two snapshots.

A pack folder is files (pack.json, lists, one file per lesson, media); people edit items (a
notice, a lesson, a category). A Snapshot is the one translation between the two: read from
a publication's source object (the list of the pack's files, server.publish), overlaid with
draft rows (server.models.ContentDraft), and written back as a pack folder that the kiosk's
own loader validates and server.publish publishes. Nothing here touches the database.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.choices import LOCALES
from protocol.repo_format import object_path, parse_shard

KINDS = ("pack", "category", "theme", "lesson", "program", "notice")
MEDIA = "media"
PACK_ID = "pack"  # the one item of kind "pack": pack.json
LIST_FILES = {"category": "categories.json", "theme": "themes.json", "program": "programs.json",
              "notice": "notices.json"}
KIND_OF_LIST = {file: kind for kind, file in LIST_FILES.items()}

Key = tuple[str, str]  # (kind, id)


@dataclass
class Snapshot:
    """Items in pack order ((kind, id) -> JSON data), where each lesson lives, and the media
    the pack carries (pack path -> (sha256, size))."""

    items: dict[Key, dict[str, Any]] = field(default_factory=dict)
    lesson_files: dict[str, str] = field(default_factory=dict)
    media: dict[str, tuple[str, int]] = field(default_factory=dict)
    # Each pack file as it was read (its JSON and its object's sha): a file whose content is
    # unchanged is written as those very bytes, so no kiosk downloads it again.
    originals: dict[str, tuple[Any, str]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        return [(key[1], data) for key, data in self.items.items() if key[0] == kind]

    def get(self, kind: str, item_id: str) -> dict[str, Any] | None:
        return self.items.get((kind, item_id))

    def overlaid(self, drafts: Iterable[tuple[str, str, dict[str, Any] | None]]) -> "Snapshot":
        """This snapshot with drafts laid over it: (kind, id, data) saves an item (a new one
        goes last), data None removes it; kind "media" adds an uploaded file."""
        result = Snapshot(dict(self.items), dict(self.lesson_files), dict(self.media), self.originals)
        for kind, item_id, data in drafts:
            if kind == MEDIA:
                if data is not None:
                    result.media[item_id] = (data["sha"], int(data["size"]))
            elif data is None:
                result.items.pop((kind, item_id), None)
            else:
                result.items[(kind, item_id)] = data
                if kind == "lesson":
                    result.lesson_files.setdefault(item_id, f"lessons/{item_id}.json")
        result.lesson_files = {i: p for i, p in result.lesson_files.items() if ("lesson", i) in result.items}
        return result

    def write(self, folder: Path, locate: Callable[[str], Path | None]) -> None:
        """The pack folder of this snapshot; media linked from where ``locate(sha)`` finds
        them (a missing file is left out, for the loader to name)."""
        folder.mkdir(parents=True, exist_ok=True)

        def emit(relative: str, value: Any) -> None:
            original = self.originals.get(relative)
            stored = locate(original[1]) if original and original[0] == value else None
            if stored is not None:
                _link(stored, folder / relative)
            else:
                (folder / relative).parent.mkdir(parents=True, exist_ok=True)
                (folder / relative).write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")

        pack = self.get("pack", PACK_ID)
        if pack is not None:
            emit("pack.json", pack)
        for kind, name in LIST_FILES.items():
            emit(name, [data for _, data in self.of_kind(kind)])
        (folder / "lessons").mkdir(exist_ok=True)
        for lesson_id, data in self.of_kind("lesson"):
            emit(self.lesson_files.get(lesson_id, f"lessons/{lesson_id}.json"), data)
        for path, (sha, _) in self.media.items():
            stored = locate(sha)
            if stored is not None:
                _link(stored, folder / path)


def _link(stored: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(stored, target)  # the same bytes: no copy of every picture per save
    except OSError:
        shutil.copyfile(stored, target)


def read_source(repo_dir: Path, source_sha: str) -> Snapshot:
    """The snapshot of a published pack, from its source object in the repository. A source
    never changes, so the last few are kept: every editor page starts from it (reading 500
    lessons' files took most of a page's 330 ms). The items are shared: never change them."""
    cached = _read_source(repo_dir, source_sha)
    return Snapshot(dict(cached.items), dict(cached.lesson_files), dict(cached.media), cached.originals)


@functools.lru_cache(maxsize=4)
def _read_source(repo_dir: Path, source_sha: str) -> Snapshot:
    files = parse_shard((repo_dir / object_path(source_sha)).read_bytes(), kind="catalog")
    snapshot = Snapshot()

    def load(path: str) -> Any:
        value = json.loads((repo_dir / object_path(files[path][0])).read_bytes())
        snapshot.originals[path] = (value, files[path][0])
        return value

    if "pack.json" in files:
        snapshot.items[("pack", PACK_ID)] = load("pack.json")
    for name, kind in KIND_OF_LIST.items():
        for data in load(name) if name in files else []:
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                snapshot.items[(kind, data["id"])] = data
    for path in sorted(p for p in files if p.startswith("lessons/")):
        data = load(path)
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            snapshot.items[("lesson", data["id"])] = data
            snapshot.lesson_files[data["id"]] = path
    snapshot.media = {path: entry for path, entry in files.items() if path.startswith("media/")}
    return snapshot


# What changes -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldChange:
    """One field of an item that differs: ``path`` as the form names it ("steps.1.text"),
    ``locales`` the languages whose text differs (empty for a field that is not a text)."""

    path: str
    locales: tuple[str, ...]
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Change:
    kind: str
    item_id: str
    action: str  # "added", "changed", "removed"
    fields: tuple[FieldChange, ...]
    title: dict[str, str]  # the item's title (or a pack path), to name it in any language


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= set(LOCALES) and all(
        isinstance(v, str) for v in value.values())


def _leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted paths to texts (a whole {"ko": ..} mapping) and plain values."""
    if _is_text(value):
        return {prefix: value}
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for name, inner in value.items():
            result.update(_leaves(inner, f"{prefix}.{name}" if prefix else str(name)))
        return result or {prefix: value}
    if isinstance(value, list) and value and all(isinstance(v, (dict, list)) for v in value):
        result = {}
        for index, inner in enumerate(value):
            result.update(_leaves(inner, f"{prefix}.{index}" if prefix else str(index)))
        return result
    return {prefix: value}


def texts_of(data: Any) -> dict[str, dict[str, str]]:
    """Every text of an item by its form path ("steps.1.text" -> {"ko": ..}); recorded
    narration (a mapping of languages to files) is not a text."""
    return {path: value for path, value in _leaves(data).items()
            if _is_text(value) and "narration" not in path.split(".")}


def _short(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def field_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[FieldChange, ...]:
    old, new = _leaves(before or {}), _leaves(after or {})
    changes = []
    for path in [*old, *(p for p in new if p not in old)]:
        a, b = old.get(path), new.get(path)
        if a == b:
            continue
        if _is_text(a) or _is_text(b):
            a_text, b_text = a if _is_text(a) else {}, b if _is_text(b) else {}
            locales = tuple(loc for loc in LOCALES if a_text.get(loc) != b_text.get(loc))
            for locale in locales:
                changes.append(FieldChange(path, (locale,), a_text.get(locale), b_text.get(locale)))
        else:
            changes.append(FieldChange(path, (), _short(a), _short(b)))
    return tuple(changes)


def title_of(kind: str, item_id: str, data: dict[str, Any] | None) -> dict[str, str]:
    title = (data or {}).get("title")
    return dict(title) if _is_text(title) else {"en": item_id}


def changes(before: Snapshot, after: Snapshot) -> list[Change]:
    """Items added, changed and removed from ``before`` to ``after``, in pack order."""
    result = []
    for key in [*before.items, *(k for k in after.items if k not in before.items)]:
        old, new = before.items.get(key), after.items.get(key)
        if old == new:
            continue
        action = "added" if old is None else "removed" if new is None else "changed"
        result.append(Change(key[0], key[1], action, field_changes(old, new) if action == "changed" else (),
                             title_of(key[0], key[1], new or old)))
    return result
