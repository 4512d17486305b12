"""Read a content pack folder, validate it against the schema, and say exactly what is wrong.

Every problem is reported as (file, item, field, message) so an admin can fix it without
guessing; a pack with any problem is rejected whole, so the kiosk keeps what it had.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from kiosk.content.schema import (
    Category,
    ContentPack,
    Lesson,
    Notice,
    PackManifest,
    Program,
    Theme,
)

PICTURE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg"}
AUDIO_SUFFIXES = {".wav", ".ogg", ".mp3"}
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".wav": (b"RIFF",),
    ".ogg": (b"OggS",),
    ".mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
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

    def __init__(self, pack_dir: Path, problems: list[Problem]):
        self.pack_dir = pack_dir
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"Content pack {pack_dir} was rejected ({len(problems)} problem(s)); "
            f"fix them and load it again. The kiosk keeps its current content.\n{lines}"
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
    def __init__(self, pack_dir: Path):
        self.pack_dir = pack_dir
        self.problems: list[Problem] = []

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
        try:
            if isinstance(model, type) and issubclass(model, BaseModel):
                return model.model_validate(raw, context=context)
            return TypeAdapter(model).validate_python(raw, context=context)
        except ValidationError as error:
            for detail in error.errors():
                item, rest = _item_id(raw, tuple(detail["loc"]))
                message = detail["msg"].removeprefix("Value error, ")
                self.problem(relative, item, _field_path(rest), message)
            return None

    def check_media(self, owner_file: str, item: str, field: str, relative: str) -> None:
        path = self.pack_dir / relative
        suffix = path.suffix.lower()
        if suffix not in PICTURE_SUFFIXES | AUDIO_SUFFIXES:
            self.problem(owner_file, item, field, f"'{relative}' has an unsupported type; use SVG, PNG, JPEG, WAV, OGG or MP3")
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


def load_pack(pack_dir: str | Path) -> ContentPack:
    """Load and fully validate a pack, or raise ContentError naming every problem."""
    pack_dir = Path(pack_dir)
    reader = _PackReader(pack_dir)
    if not pack_dir.is_dir():
        raise ContentError(pack_dir, [Problem(str(pack_dir), "", "", "folder does not exist")])

    manifest_raw = reader.read_json("pack.json")
    required = ["ko"]
    if isinstance(manifest_raw, dict) and isinstance(manifest_raw.get("required_locales"), list):
        required = [loc for loc in manifest_raw["required_locales"] if isinstance(loc, str)]
    context = {"required_locales": tuple(required)}
    manifest = reader.validate("pack.json", manifest_raw, PackManifest, context)

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
    lesson_files: dict[str, str] = {}
    lesson_dir = pack_dir / "lessons"
    for path in sorted(lesson_dir.glob("*.json")) if lesson_dir.is_dir() else []:
        relative = f"lessons/{path.name}"
        raw = reader.read_json(relative)
        declared.setdefault("lessons", set()).update(_raw_ids([raw]))
        lesson = reader.validate(relative, raw, Lesson, context)
        if lesson is not None:
            lessons.append(lesson)
            lesson_files[lesson.id] = relative

    categories: list[Category] = lists["categories.json"]
    themes: list[Theme] = lists["themes.json"]
    programs: list[Program] = lists["programs.json"]
    category_ids = declared["categories.json"]
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
        for name in lesson.next_lessons:
            if name not in lesson_ids:
                reader.problem(file, lesson.id, "next_lessons", f"unknown lesson '{name}'")
        for index, step in enumerate(lesson.steps):
            if step.picture:
                reader.check_media(file, lesson.id, f"steps[{index}].picture", step.picture)
            for locale, audio in step.narration.items():
                reader.check_media(file, lesson.id, f"steps[{index}].narration.{locale}", audio)
        for index, screen in enumerate(lesson.screens):
            reader.check_media(file, lesson.id, f"screens[{index}].picture", screen.picture)
    for program in programs:
        if program.theme not in theme_ids:
            reader.problem(
                "programs.json", program.id, "theme",
                f"unknown theme '{program.theme}'; use one of: {', '.join(sorted(theme_ids))}",
            )

    if reader.problems or manifest is None:
        raise ContentError(pack_dir, reader.problems)
    try:
        return ContentPack(
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
