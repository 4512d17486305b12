"""What each center's kiosks are shown: a published pack cut down to one center's view.

A view keeps the pack's categories and themes, the notices, programs and lessons aimed at the
whole city, at the center's district or at the center itself (the city view, for kiosks of
no center, keeps only the city-wide ones), the media those lessons and categories use, and for
a center its own ``center.json``. Files the view keeps unchanged are the source's own objects;
a cut list or a lesson whose "try next" pointed at a lesson left out is a new object, which
every view with the same cut shares (the bytes are deterministic). Centers that see the same
aimed items form one group, whose files and catalog are worked out once (server.catalogs).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content import kinds
from kiosk.content.loader import ContentError, Problem
from kiosk.content.schema import Center, ContentPack, Targeted
from protocol.repo_format import CENTER_FILE, content_digest, sha256_bytes
from server.catalogs import BaseCatalog

LISTS = {"notices.json": "notices", "programs.json": "programs"}


def dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode()


@dataclass
class _LessonFile:
    path: str
    raw: dict
    item: Targeted
    media: set[str]


@dataclass
class Source:
    """A validated pack and its files (path -> (sha, size)), read once for every view."""

    pack: ContentPack
    files: dict[str, tuple[str, int]]
    manifest: dict
    lists: dict[str, list[tuple[dict, Targeted]]] = field(default_factory=dict)
    lessons: list[_LessonFile] = field(default_factory=list)
    shared_media: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, pack_dir: Path, pack: ContentPack, files: dict[str, tuple[str, int]]) -> "Source":
        manifest = json.loads((pack_dir / "pack.json").read_text(encoding="utf-8"))
        source = cls(pack, files, manifest)
        for name, attribute in LISTS.items():
            raw = json.loads((pack_dir / name).read_text(encoding="utf-8"))
            source.lists[name] = list(zip(raw, getattr(pack, attribute)))
        by_id = {lesson.id: lesson for lesson in pack.lessons}
        for path in sorted(p for p in files if p.startswith("lessons/")):
            raw = json.loads((pack_dir / path).read_text(encoding="utf-8"))
            lesson = by_id.get(raw.get("id")) if isinstance(raw, dict) else None
            if lesson is not None:  # a kind this server does not know stays out, as on a kiosk
                source.lessons.append(_LessonFile(path, raw, lesson, kinds.media_paths(lesson)))
        source.shared_media = {c.picture for c in pack.categories if c.picture}
        return source


def unknown_centers(pack: ContentPack, centers: list[Center]) -> list[Problem]:
    """Items aimed at a center the server does not know: refused, so nothing reaches nobody."""
    known = {center.id for center in centers}
    problems = []
    places = [("notices.json", pack.notices), ("programs.json", pack.programs)]
    for file, items in places + [("lessons/", pack.lessons)]:
        for item in items:
            for name in item.aimed_at.centers:
                if name not in known:
                    where = f"lessons/{item.id}.json" if file == "lessons/" else file
                    problems.append(Problem(
                        where, item.id, "aimed_at.centers",
                        f"no center '{name}' on this server; add it with `kiosk-server center add {name} ...` "
                        "or correct the id (`kiosk-server center list` shows them)",
                    ))
    return problems


def check_centers(pack_dir: Path, pack: ContentPack, centers: list[Center]) -> None:
    problems = unknown_centers(pack, centers)
    if problems:
        raise ContentError(pack_dir, problems)


@dataclass
class Group:
    """The files a set of views have in common: all that is meant for them but their own
    pack.json and center.json. Centers that see the same aimed items share one group."""

    files: dict[str, tuple[str, int]]
    blobs: dict[str, bytes]  # new objects the group needs (cut lists, rewritten lessons)
    manifest: dict
    digest: str = ""
    catalog: BaseCatalog | None = None

    def __post_init__(self):
        # The manifest as the author wrote it: raising its revision is a change too.
        self.digest = content_digest(self.files, self.manifest)
        self.catalog = BaseCatalog(self.files)


@dataclass
class View:
    center: Center | None
    group: Group
    center_file: bytes | None  # this center's center.json

    @property
    def center_id(self) -> str | None:
        return self.center.id if self.center else None

    def digest(self) -> str:
        if self.center_file is None:
            return self.group.digest
        return sha256_bytes(f"{self.group.digest}+{sha256_bytes(self.center_file)}".encode())

    def pack_json(self, revision: int) -> bytes:
        return dumps({**self.group.manifest, "revision": revision})

    def own_blobs(self, revision: int) -> dict[str, bytes]:
        """The view's own files: pack.json with its revision, and its center.json."""
        own = {"pack.json": self.pack_json(revision)}
        if self.center_file is not None:
            own[CENTER_FILE] = self.center_file
        return own


def _meant(item: Targeted, center: Center | None) -> bool:
    if center is None:
        return item.aimed_at.everywhere
    return item.meant_for(center.id, center.district)


def views_of(source: Source, centers: list[Center]) -> list[View]:
    """The city view, then each center's, with centers that see the same items in one group."""
    aimed = [item for pairs in source.lists.values() for _, item in pairs if not item.aimed_at.everywhere]
    aimed += [lesson.item for lesson in source.lessons if not lesson.item.aimed_at.everywhere]
    groups: dict[tuple, Group] = {}
    views = []
    for center in [None, *sorted(centers, key=lambda c: c.id or "")]:
        key = tuple(id(item) for item in aimed if _meant(item, center))
        if key not in groups:
            groups[key] = group_of(source, center)
        center_file = None if center is None else dumps(center.model_dump(mode="json", exclude_none=True))
        views.append(View(center, groups[key], center_file))
    return views


def group_of(source: Source, center: Center | None) -> Group:
    files = {path: entry for path, entry in source.files.items() if path in ("categories.json", "themes.json")}
    blobs: dict[str, bytes] = {}

    def put(path: str, data: bytes) -> None:
        files[path] = (sha256_bytes(data), len(data))
        blobs[path] = data

    for name, pairs in source.lists.items():
        kept = [raw for raw, item in pairs if _meant(item, center)]
        if len(kept) == len(pairs):
            files[name] = source.files[name]
        else:
            put(name, dumps(kept))
    lessons = [lesson for lesson in source.lessons if _meant(lesson.item, center)]
    shown = {lesson.raw["id"] for lesson in lessons}
    media = set(source.shared_media)
    for lesson in lessons:
        media |= lesson.media
        following = lesson.raw.get("next_lessons") or []
        if all(name in shown for name in following):
            files[lesson.path] = source.files[lesson.path]
        else:
            put(lesson.path, dumps({**lesson.raw, "next_lessons": [n for n in following if n in shown]}))
    for path in media:
        files[path] = source.files[path]
    return Group(files, blobs, dict(source.manifest))
