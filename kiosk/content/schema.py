"""The one content schema: used by the kiosk loader, the server publisher and the tests.

A content pack is a folder:

    pack.json            manifest: schema_version, id, revision, required locales, center info
    categories.json      list of Category
    themes.json          list of Theme (program themes)
    lessons/*.json       one Lesson per file
    programs.json        list of Program
    notices.json         list of Notice
    media/...            pictures (SVG/PNG/JPEG) and narration audio (WAV/OGG/MP3)

Every visible text is a LocalizedText: a mapping locale -> text. The pack names the
locales every text must have (``required_locales``); the kiosk falls back along
``FALLBACK_CHAIN`` for any other locale.

``SCHEMA_VERSION`` is "MAJOR.MINOR". A newer minor version only adds fields, so a kiosk reads
such a pack and ignores what it does not know (kiosk/content/versions.py); a new major version
is one this kiosk cannot read. Which kinds a lesson can be comes from kiosk/content/kinds.py.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kiosk.choices import FALLBACK_CHAIN, LOCALES, WEEKDAY_NAMES  # re-exported: the schema speaks of them
from kiosk.content import kinds
from kiosk.content.districts import check_district

SCHEMA_VERSION = "1.2"  # 1.1: centers' own identity and hours, audiences, time windows; 1.2: topics
SCHEMA_VERSION_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"

Locale = Literal["ko", "ja", "en"]

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def _check_slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lowercase letters, digits and '-', at most 64 characters"
        )
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]


def _check_localized(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    for locale, text in value.items():
        if not text.strip():
            raise ValueError(f"text for locale '{locale}' is empty")
    required = (info.context or {}).get("required_locales", ("ko",))
    missing = [loc for loc in required if loc not in value]
    if missing:
        raise ValueError(
            f"missing text for locale(s) {', '.join(missing)}; every text needs {', '.join(required)}"
        )
    return value


LocalizedText = Annotated[dict[Locale, str], AfterValidator(_check_localized)]


def _check_media_path(value: str) -> str:
    if value.startswith(("/", "\\")) or ".." in value.split("/") or "\\" in value:
        raise ValueError(f"'{value}' must be a relative path inside the pack, like 'media/picture.svg'")
    return value


MediaPath = Annotated[str, AfterValidator(_check_media_path)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


District = Annotated[str, AfterValidator(check_district)]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class WeeklyWindow(Strict):
    """Some days of every week, from ``start`` to ``end`` on the kiosk's wall clock."""

    days: list[Weekday] = Field(min_length=1)
    start: dt.time
    end: dt.time

    @model_validator(mode="after")
    def _ordered(self) -> "WeeklyWindow":
        if self.end <= self.start:
            raise ValueError(f"the window ends ({self.end:%H:%M}) before it starts ({self.start:%H:%M})")
        return self

    def contains(self, moment: dt.datetime) -> bool:
        return WEEKDAY_NAMES[moment.weekday()] in self.days and self.start <= moment.time() < self.end


def within(windows: list[WeeklyWindow] | tuple[WeeklyWindow, ...], moment: dt.datetime) -> bool:
    """No windows means always."""
    return not windows or any(window.contains(moment) for window in windows)


class Audience(Strict):
    """Where an item is shown: both lists empty means every center of the city."""

    districts: list[District] = Field(default_factory=list)
    centers: list[Slug] = Field(default_factory=list)

    @property
    def everywhere(self) -> bool:
        return not self.districts and not self.centers

    def includes(self, center: str | None, district: str | None) -> bool:
        if self.everywhere:
            return True
        return (center is not None and center in self.centers) or (district is not None and district in self.districts)


class Center(Strict):
    """The center a kiosk stands in. A pack names a default; a synced center view brings the
    kiosk's own (center.json, from the server's centers) with its id and district."""

    id: Slug | None = None
    district: District | None = None
    name: LocalizedText
    address: LocalizedText
    opening_hours: LocalizedText
    phone: str = ""
    # The same hours as data: when the center is open, and when a digital guide is there.
    open_times: list[WeeklyWindow] = Field(default_factory=list)
    guide_times: list[WeeklyWindow] = Field(default_factory=list)


class Targeted(Strict):
    """Fields every notice, program and lesson has for who sees it and when (schema 1.1)."""

    aimed_at: Audience = Field(default_factory=Audience)
    times: list[WeeklyWindow] = Field(default_factory=list, description="weekly windows; none means all day")
    valid_from: dt.date | None = None  # a notice must have both (Notice)
    valid_until: dt.date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Targeted":
        start, end = self.valid_from, self.valid_until
        if start and end and end < start:
            raise ValueError("valid_until is before valid_from")
        return self

    def meant_for(self, center: str | None, district: str | None) -> bool:
        return self.aimed_at.includes(center, district)

    def shown_at(self, moment: dt.datetime) -> bool:
        """``moment`` is the kiosk's local time: dates run to the end of their last day."""
        start, end = self.valid_from, self.valid_until
        day = moment.date()
        if (start and day < start) or (end and day > end):
            return False
        return within(self.times, moment)


class PackManifest(Strict):
    # A pack that does not say is from before versions were written down: 1.0.
    schema_version: str = Field(default="1.0", pattern=SCHEMA_VERSION_PATTERN)
    id: Slug
    revision: int = Field(ge=1)
    title: LocalizedText
    required_locales: list[Locale] = Field(default_factory=lambda: ["ko"], min_length=1)
    default_locale: Locale = "ko"
    center: Center


class Topic(Strict):
    """A part of a category (schema 1.2). A category holding more lessons than a screen shows
    is browsed topic by topic, so a visitor chooses among a few cards, never hundreds."""

    id: Slug
    title: LocalizedText
    order: int = 0


class Category(Strict):
    id: Slug
    title: LocalizedText
    description: LocalizedText
    picture: MediaPath | None = None
    order: int = 0
    topics: list[Topic] = Field(default_factory=list)

    @field_validator("topics")
    @classmethod
    def _unique_topics(cls, topics: list[Topic]) -> list[Topic]:
        seen: set[str] = set()
        for topic in topics:
            if topic.id in seen:
                raise ValueError(f"topic id '{topic.id}' is used twice in this category")
            seen.add(topic.id)
        return sorted(topics, key=lambda topic: topic.order)


class Theme(Strict):
    id: Slug
    title: LocalizedText
    order: int = 0


class Step(Strict):
    text: LocalizedText
    picture: MediaPath | None = None
    narration: dict[Locale, MediaPath] = Field(default_factory=dict)


class Region(Strict):
    """A rectangle in the picture's own coordinates (pixels of its viewBox)."""

    x: float = Field(ge=0)
    y: float = Field(ge=0)
    width: float = Field(gt=0)
    height: float = Field(gt=0)


class PracticeScreen(Strict):
    picture: MediaPath
    task: LocalizedText
    hint: LocalizedText
    target: Region
    picture_size: tuple[int, int] = Field(description="width, height of the picture's coordinate space")

    @model_validator(mode="after")
    def _target_inside_picture(self) -> "PracticeScreen":
        width, height = self.picture_size
        t = self.target
        if t.x + t.width > width or t.y + t.height > height:
            raise ValueError(
                f"target region {t.x},{t.y} {t.width}x{t.height} lies outside the picture ({width}x{height})"
            )
        return self


class Lesson(Targeted):
    id: Slug
    category: Slug
    kind: str = "lesson"
    # One of its category's topics (schema 1.2); none: listed with the category's other lessons.
    topic: Slug | None = None
    title: LocalizedText
    summary: LocalizedText
    steps: list[Step] = Field(default_factory=list, max_length=30)
    screens: list[PracticeScreen] = Field(default_factory=list, max_length=30)
    next_lessons: list[Slug] = Field(default_factory=list)
    order: int = 0

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if kinds.named(value) is None:
            raise ValueError(f"unknown kind '{value}'; use one of: {', '.join(kinds.names())}")
        return value

    @model_validator(mode="after")
    def _has_content(self) -> "Lesson":
        kinds.kind_of(self).check(self)
        return self


class Program(Targeted):
    id: Slug
    theme: Slug
    title: LocalizedText
    summary: LocalizedText
    audience: LocalizedText
    schedule: LocalizedText
    place: LocalizedText
    how_to_apply: LocalizedText
    phone: str = Field(pattern=r"^[0-9+][0-9 -]{1,20}$")
    detail_url: HttpUrl
    order: int = 0


class Notice(Targeted):
    id: Slug
    title: LocalizedText
    body: LocalizedText
    valid_from: dt.date
    valid_until: dt.date


class ContentPack(Strict):
    """A whole pack after validation, with cross references checked by the loader."""

    manifest: PackManifest
    categories: list[Category]
    themes: list[Theme]
    lessons: list[Lesson]
    programs: list[Program]
    notices: list[Notice]

    @field_validator("categories", "themes", "lessons", "programs", "notices")
    @classmethod
    def _unique_ids(cls, items: list) -> list:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"id '{item.id}' is used twice")
            seen.add(item.id)
        return items

    # Notes on fields this kiosk does not know and left out (lenient loading); kept off the
    # model's fields so they are neither dumped to the rows nor part of the pack's digest.
    _ignored: list[str] = PrivateAttr(default_factory=list)

    @property
    def ignored(self) -> list[str]:
        return self._ignored

    def media_paths(self) -> set[str]:
        paths = {category.picture for category in self.categories if category.picture}
        for lesson in self.lessons:
            paths |= kinds.media_paths(lesson)
        return paths
