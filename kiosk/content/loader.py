"""Read a content pack folder, validate it against the schema, and say exactly what is wrong.

Every problem is reported as (file, item, field, message) so an admin can fix it without
guessing; a pack with any problem is rejected whole, so the kiosk keeps what it had.

Two modes. Strict (publishing, ``python -m kiosk.content.validate``) rejects every field the
schema does not have, so an admin's typo is caught before any kiosk sees it. Lenient (the
kiosk, for synced and bundled packs) leaves out fields it does not know within its own major
schema version and notes each one in ``pack.ignored``: a newer server's additive field must
not stop every older kiosk from syncing.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from kiosk.content import kinds, versions
from kiosk.content.schema import (
    Category,
    Center,
    ContentPack,
    Lesson,
    Notice,
    PackManifest,
    Program,
    Theme,
)

CENTER_FILE = "center.json"
PICTURE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg"}
AUDIO_SUFFIXES = {".wav", ".ogg", ".mp3"}
MP3_FRAME_STARTS = (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")  # MPEG-1/2 layer III frame sync, no CRC
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".wav": (b"RIFF",),
    ".ogg": (b"OggS",),
    ".mp3": (b"ID3", *MP3_FRAME_STARTS),
}


@dataclass(frozen=True)
class Problem:
    file: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}"
        if self.item:
            where += f", item '{self.item}'"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """A pack was rejected; ``problems`` lists every reason."""

    def __init__(self, pack_dir: Path, problems: list[Problem], headline: str | None = None):
        self.pack_dir = pack_dir
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        headline = headline or (
            f"Content pack {pack_dir} was rejected ({len(problems)} problem(s)); "
            "fix them and load it again. The kiosk keeps its current content."
        )
        super().__init__(f"{headline}\n{lines}")


class SchemaVersionError(ContentError):
    """The pack is of a content schema major version this kiosk cannot read."""

    def __init__(self, pack_dir: Path, version: versions.Version):
        self.version = version
        mismatch = f"the pack is content schema {version}; this kiosk understands {versions.KIOSK_VERSION.major}.x"
        super().__init__(
            pack_dir,
            [Problem("pack.json", "", "schema_version", mismatch)],
            headline=f"Content pack {pack_dir} was not loaded: {versions.refusal(version)}",
        )


def _field_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _item_id(raw: Any, loc: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """For list files, name the item by its id (or index) and strip it from the field path."""
    if loc and isinstance(loc[0], int) and isinstance(raw, list):
        index = loc[0]
        entry = raw[index] if index < len(raw) else None
        ident = entry.get("id") if isinstance(entry, dict) else None
        return (str(ident) if ident else f"#{index + 1}"), loc[1:]
    if isinstance(raw, dict) and raw.get("id"):
        return str(raw["id"]), loc
    return "", loc


class _PackReader:
    def __init__(self, pack_dir: Path, strict: bool):
        self.pack_dir = pack_dir
        self.strict = strict
        self.version = versions.Version(1, 0)  # until pack.json says otherwise: see read_version
        self.problems: list[Problem] = []
        self.ignored: list[str] = []

    def problem(self, file: str, item: str, field: str, message: str) -> None:
        self.problems.append(Problem(file, item, field, message))

    def read_json(self, relative: str) -> Any:
        path = self.pack_dir / relative
        if not path.is_file():
            self.problem(relative, "", "", "file is missing; every pack needs it")
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            self.problem(relative, "", "", "file is not UTF-8 text; save it as UTF-8")
        except json.JSONDecodeError as error:
            self.problem(
                relative, "", "", f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
            )
        return None

    def validate(self, relative: str, raw: Any, model: Any, context: dict) -> Any:
        if raw is None:
            return None
        data = raw
        if not self.strict:
            data, unknown = versions.without_unknown_fields(raw, model)
            for loc in unknown:
                item, rest = _item_id(raw, loc)
                self.ignored.append(str(Problem(relative, item, _field_path(rest), versions.ignored_note(self.version))))
        try:
            if isinstance(model, type) and issubclass(model, BaseModel):
                return model.model_validate(data, context=context)
            return TypeAdapter(model).validate_python(data, context=context)
        except ValidationError as error:
            for detail in error.errors():
                item, rest = _item_id(raw, tuple(detail["loc"]))
                if detail["type"] == "extra_forbidden":
                    message = versions.unknown_field_message(self.version)
                else:
                    message = detail["msg"].removeprefix("Value error, ")
                self.problem(relative, item, _field_path(rest), message)
            return None

    def newer_kind(self, relative: str, raw: Any) -> bool:
        """A lesson of a kind a newer schema added: left out here (and said so), not the whole pack refused."""
        if self.strict or self.version <= versions.KIOSK_VERSION or not isinstance(raw, dict):
            return False
        kind = raw.get("kind")
        if not isinstance(kind, str) or kinds.named(kind) is not None:
            return False
        item = raw.get("id") if isinstance(raw.get("id"), str) else ""
        note = (f"kind '{kind}' is not known to this kiosk (content schema {versions.KIOSK_VERSION}, "
                f"pack {self.version}); this lesson is left out")
        self.ignored.append(str(Problem(relative, item, "kind", note)))
        return True

    def read_version(self, manifest_raw: Any) -> None:
        """Take the pack's schema version, or raise when this kiosk must not read the pack."""
        if not isinstance(manifest_raw, dict) or "schema_version" not in manifest_raw:
            return  # a pack from before versions were written down is 1.0
        written = manifest_raw["schema_version"]
        version = versions.parse_version(written)
        if version is None:
            item = manifest_raw.get("id") if isinstance(manifest_raw.get("id"), str) else ""
            problem = Problem("pack.json", item, "schema_version", versions.version_problem(written))
            raise ContentError(self.pack_dir, [problem])
        if version.major != versions.KIOSK_VERSION.major:
            raise SchemaVersionError(self.pack_dir, version)
        self.version = version

    def check_media(self, owner_file: str, item: str, field: str, relative: str) -> None:
        path = self.pack_dir / relative
        suffix = path.suffix.lower()
        # A recording where a picture belongs (or the reverse) would reach the kiosk as a blank.
        sound = ".narration" in f".{field}"
        if suffix not in (AUDIO_SUFFIXES if sound else PICTURE_SUFFIXES):
            kinds_wanted = "WAV, OGG or MP3" if sound else "SVG, PNG or JPEG"
            self.problem(owner_file, item, field, f"'{relative}' has an unsupported type; use {kinds_wanted}")
            return
        if not path.is_file():
            self.problem(owner_file, item, field, f"'{relative}' does not exist in the pack; add the file or fix the path")
            return
        data = path.read_bytes()
        if suffix == ".svg":
            try:
                root = ElementTree.fromstring(data)
            except ElementTree.ParseError as error:
                self.problem(owner_file, item, field, f"'{relative}' is not a readable SVG picture ({error})")
                return
            if not root.tag.endswith("svg"):
                self.problem(owner_file, item, field, f"'{relative}' is not an SVG picture (root element is {root.tag})")
        elif not data.startswith(_MAGIC[suffix]):
            self.problem(owner_file, item, field, f"'{relative}' is not a valid {suffix[1:].upper()} file")


def _raw_ids(raw: Any) -> set[str]:
    if not isinstance(raw, list):
        return set()
    return {str(item["id"]) for item in raw if isinstance(item, dict) and isinstance(item.get("id"), str)}


def load_pack(pack_dir: str | Path, strict: bool = False) -> ContentPack:
    """Load and fully validate a pack, or raise ContentError naming every problem.

    ``strict`` rejects fields the schema does not have; otherwise they are left out and named
    in the returned pack's ``ignored``. A pack of another major schema version raises
    SchemaVersionError in either mode.
    """
    pack_dir = Path(pack_dir)
    reader = _PackReader(pack_dir, strict)
    if not pack_dir.is_dir():
        raise ContentError(pack_dir, [Problem(str(pack_dir), "", "", "folder does not exist")])

    manifest_raw = reader.read_json("pack.json")
    reader.read_version(manifest_raw)
    required = ["ko"]
    if isinstance(manifest_raw, dict) and isinstance(manifest_raw.get("required_locales"), list):
        required = [loc for loc in manifest_raw["required_locales"] if isinstance(loc, str)]
    context = {"required_locales": tuple(required)}
    manifest = reader.validate("pack.json", manifest_raw, PackManifest, context)
    if manifest is not None and (pack_dir / CENTER_FILE).exists():
        # A center view from the server: this kiosk's own center replaces the pack's default.
        center = reader.validate(CENTER_FILE, reader.read_json(CENTER_FILE), Center, context)
        if center is not None:
            manifest = manifest.model_copy(update={"center": center})

    lists: dict[str, list] = {}
    # Ids as written, valid or not: a broken item is reported once, not again by everything
    # that refers to it.
    declared: dict[str, set[str]] = {}
    for relative, model in (
        ("categories.json", list[Category]),
        ("themes.json", list[Theme]),
        ("programs.json", list[Program]),
        ("notices.json", list[Notice]),
    ):
        raw = reader.read_json(relative)
        declared[relative] = _raw_ids(raw)
        lists[relative] = reader.validate(relative, raw, model, context) or []

    lessons: list[Lesson] = []
    left_out: set[str] = set()  # lessons of kinds from a newer schema
    lesson_files: dict[str, str] = {}
    lesson_dir = pack_dir / "lessons"
    for path in sorted(lesson_dir.glob("*.json")) if lesson_dir.is_dir() else []:
        relative = f"lessons/{path.name}"
        raw = reader.read_json(relative)
        if reader.newer_kind(relative, raw):
            left_out.update(_raw_ids([raw]))
            continue
        declared.setdefault("lessons", set()).update(_raw_ids([raw]))
        lesson = reader.validate(relative, raw, Lesson, context)
        if lesson is not None:
            lessons.append(lesson)
            lesson_files[lesson.id] = relative

    if left_out:  # "what to try next" skips the lessons left out
        lessons = [
            lesson.model_copy(update={"next_lessons": [n for n in lesson.next_lessons if n not in left_out]})
            for lesson in lessons
        ]
    categories: list[Category] = lists["categories.json"]
    themes: list[Theme] = lists["themes.json"]
    programs: list[Program] = lists["programs.json"]
    category_ids = declared["categories.json"]
    topics_of = {category.id: [topic.id for topic in category.topics] for category in categories}
    theme_ids = declared["themes.json"]
    lesson_ids = declared.get("lessons", set())

    for category in categories:
        if category.picture:
            reader.check_media("categories.json", category.id, "picture", category.picture)
    for lesson in lessons:
        file = lesson_files[lesson.id]
        if lesson.category not in category_ids:
            reader.problem(
                file, lesson.id, "category",
                f"unknown category '{lesson.category}'; use one of: {', '.join(sorted(category_ids))}",
            )
        elif lesson.topic is not None and lesson.topic not in topics_of.get(lesson.category, [lesson.topic]):
            known = topics_of[lesson.category]
            reader.problem(
                file, lesson.id, "topic",
                f"unknown topic '{lesson.topic}' in category '{lesson.category}'; "
                + (f"use one of: {', '.join(known)}" if known else "that category has no topics; add them in categories.json"),
            )
        for name in lesson.next_lessons:
            if name not in lesson_ids:
                reader.problem(file, lesson.id, "next_lessons", f"unknown lesson '{name}'")
        for field, media in kinds.kind_of(lesson).media(lesson):
            reader.check_media(file, lesson.id, field, media)
    for program in programs:
        if program.theme not in theme_ids:
            reader.problem(
                "programs.json", program.id, "theme",
                f"unknown theme '{program.theme}'; use one of: {', '.join(sorted(theme_ids))}",
            )

    if reader.problems or manifest is None:
        raise ContentError(pack_dir, reader.problems)
    try:
        pack = ContentPack(
            manifest=manifest,
            categories=categories,
            themes=themes,
            lessons=lessons,
            programs=programs,
            notices=lists["notices.json"],
        )
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            section = str(detail["loc"][0])
            file = "lessons/" if section == "lessons" else f"{section}.json"
            problems.append(Problem(file, "", _field_path(tuple(detail["loc"][1:])), detail["msg"].removeprefix("Value error, ")))
        raise ContentError(pack_dir, problems) from None
    pack.ignored.extend(reader.ignored)
    return pack
