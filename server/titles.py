"""Names people read instead of ids: lesson and program titles from the latest published pack,
center names from the centers table, district names from kiosk.content.districts.

The pack's titles are read once per published source (the object listing the pack's files)
and kept: a page asking again after a new publish reads the new one.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from kiosk.content.districts import DISTRICTS
from protocol.repo_format import FormatError, object_path, parse_shard
from server.models import CenterRow, Publication

FALLBACK = {"ko": ("ko", "en", "ja"), "en": ("en", "ko", "ja"), "ja": ("ja", "en", "ko")}


def pick(text: dict | None, locale: str) -> str:
    """A localized text in the page's language, else the nearest one there is."""
    if not isinstance(text, dict):
        return ""
    for code in FALLBACK.get(locale, FALLBACK["ko"]):
        value = text.get(code)
        if isinstance(value, str) and value.strip():
            return value
    return ""


@dataclass
class Titles:
    lessons: dict[str, dict] = field(default_factory=dict)  # id -> {"ko": ..., ...}
    programs: dict[str, dict] = field(default_factory=dict)
    centers: dict[str, dict] = field(default_factory=dict)
    center_districts: dict[str, str] = field(default_factory=dict)

    def lesson(self, lesson_id: str | None, locale: str) -> str:
        if not lesson_id:
            return ""
        return pick(self.lessons.get(lesson_id), locale) or lesson_id

    def program(self, program_id: str | None, locale: str) -> str:
        if not program_id:
            return ""
        return pick(self.programs.get(program_id), locale) or program_id

    def center(self, center_id: str | None, locale: str) -> str:
        if not center_id:
            return ""
        return pick(self.centers.get(center_id), locale) or center_id

    def district_of(self, center_id: str | None) -> str | None:
        return self.center_districts.get(center_id or "")

    @staticmethod
    def district(district_id: str | None, locale: str) -> str:
        if not district_id:
            return ""
        return pick(DISTRICTS.get(district_id), locale) or district_id


def titles(session: Session, repo_dir: Path) -> Titles:
    source = session.scalar(select(Publication.source).order_by(Publication.revision.desc()).limit(1))
    lessons, programs = _pack_titles(repo_dir, source) if source else ({}, {})
    result = Titles(lessons=lessons, programs=programs)
    result.centers, result.center_districts = center_names(session)
    return result


# Every page (and each guide's phone every few seconds) asks for the names of a thousand
# centers: they are read again only when the centers table changed (a center added, changed
# or removed moves its count, its newest update time or the total length of the rows, which
# the database works out without handing any row to Python), per database.
_CENTER_NAMES: dict[str, tuple[tuple, dict[str, dict], dict[str, str]]] = {}


def center_names(session: Session) -> tuple[dict[str, dict], dict[str, str]]:
    database = str(session.get_bind().url)
    version = tuple(session.execute(select(func.count(CenterRow.id), func.max(CenterRow.updated_at),
                                           func.sum(func.length(cast(CenterRow.data, Text))))).one())
    cached = _CENTER_NAMES.get(database)
    if cached is not None and cached[0] == version:
        return cached[1], cached[2]
    names: dict[str, dict] = {}
    districts: dict[str, str] = {}
    # Only the names, read out of the JSON by the database.
    for center_id, district, name in session.execute(select(CenterRow.id, CenterRow.district, CenterRow.data["name"])):
        names[center_id] = name if isinstance(name, dict) else {}
        districts[center_id] = district
    _CENTER_NAMES[database] = (version, names, districts)
    return names, districts


@functools.lru_cache(maxsize=4)
def _pack_titles(repo_dir: Path, source_sha: str) -> tuple[dict[str, dict], dict[str, dict]]:
    def read(sha: str):
        return json.loads((repo_dir / object_path(sha)).read_bytes())

    try:
        files = parse_shard((repo_dir / object_path(source_sha)).read_bytes(), kind="catalog")
    except (OSError, FormatError, ValueError):
        return {}, {}  # a repository moved or pruned: ids are shown, as before
    lessons: dict[str, dict] = {}
    programs: dict[str, dict] = {}
    for path, (sha, _size) in files.items():
        try:
            if path.startswith("lessons/") and path.endswith(".json"):
                item = read(sha)
                lessons[item["id"]] = item.get("title") or {}
            elif path == "programs.json":
                programs.update({item["id"]: item.get("title") or {} for item in read(sha)})
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return lessons, programs
