"""Home at once: what the first screen needs, readable before the heavy libraries load.

Each start, settings change and content change writes a small snapshot (the settings that
shape Home, the center's name and hours) next to the database. The next start draws Home
from it while the database, content and schema load on a worker thread (ui/app.py, ui/tasks.py),
then hands the visitor over to the real services. Standard library only, on purpose: this
module is imported before pydantic and SQLAlchemy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from kiosk.choices import LOCALES, TEXT_SIZES
from kiosk.files import atomic_write_text
from kiosk.idle import IdleTracker
from kiosk.messages import GuideMessages
from kiosk.paths import DataDir
from kiosk.session import VisitorSession

SNAPSHOT_FILE = DataDir(Path()).home_snapshot.name
SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class BootSettings:
    """The settings Home and the idle timer read, mirrored from kiosk.settings.Settings."""

    default_locale: str = "ko"
    default_text_size: str = "normal"
    voice_on: bool = True
    idle_seconds: int = 120
    idle_prompt_seconds: int = 20


@dataclass(frozen=True)
class BootCenter:
    name: dict[str, str]
    opening_hours: dict[str, str]


@dataclass(frozen=True)
class HomeSnapshot:
    settings: BootSettings
    center: BootCenter | None


def write_snapshot(data_dir: Path, settings: Any, center: Any | None) -> None:
    """Save what the next start needs for Home; ``settings`` and ``center`` are the real models."""
    document = {
        "version": SNAPSHOT_VERSION,
        "settings": {name: getattr(settings, name) for name in BootSettings.__dataclass_fields__},
        "center": None
        if center is None
        else {"name": dict(center.name), "opening_hours": dict(center.opening_hours)},
    }
    # A crash mid-write leaves the old snapshot, never half a file.
    atomic_write_text(DataDir(data_dir).home_snapshot, json.dumps(document, ensure_ascii=False))


def read_snapshot(data_dir: Path) -> HomeSnapshot | None:
    """The saved snapshot, or None (first start, or anything odd): then the kiosk starts the slow way."""
    try:
        document = json.loads(DataDir(data_dir).home_snapshot.read_text(encoding="utf-8"))
        if document.get("version") != SNAPSHOT_VERSION:
            return None
        settings = BootSettings(**document["settings"])
        center = document["center"]
        center = None if center is None else BootCenter(dict(center["name"]), dict(center["opening_hours"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    valid = (
        settings.default_locale in LOCALES
        and settings.default_text_size in TEXT_SIZES
        and isinstance(settings.voice_on, bool)
        and isinstance(settings.idle_seconds, int)
        and isinstance(settings.idle_prompt_seconds, int)
        and settings.idle_seconds > 0
        and settings.idle_prompt_seconds > 0
    )
    return HomeSnapshot(settings, center) if valid else None


class SnapshotContent:
    """The one piece of content Home shows, from the snapshot."""

    def __init__(self, center: BootCenter | None):
        self._center = center

    def center(self) -> BootCenter | None:
        return self._center

    def reload(self) -> bool:
        return False


@dataclass
class PendingUsage:
    """Usage recorded before the database is open, handed to the real log when it is."""

    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def record(self, event: str, **fields: Any) -> None:
        self.events.append((event, fields))


@dataclass
class BootServices:
    """kiosk.interfaces.HomeServices while the full services load: enough for Home, nothing more.

    The window holds back everything else (other screens, Call a guide) until ``hand_over``.
    """

    ready: ClassVar[bool] = False
    preview: ClassVar[bool] = False  # a tour always loads the full services first
    data_dir: Path
    settings: BootSettings
    content: SnapshotContent
    visitor: VisitorSession
    idle: IdleTracker
    messages: GuideMessages = field(default_factory=GuideMessages)
    usage: PendingUsage = field(default_factory=PendingUsage)

    @classmethod
    def from_snapshot(cls, data_dir: Path, snapshot: HomeSnapshot, messages: GuideMessages | None = None) -> "BootServices":
        return cls(
            data_dir=data_dir,
            settings=snapshot.settings,
            content=SnapshotContent(snapshot.center),
            visitor=VisitorSession(snapshot.settings),
            idle=IdleTracker(snapshot.settings.idle_seconds, snapshot.settings.idle_prompt_seconds),
            messages=messages or GuideMessages(),
        )

    def hand_over(self, services: Any) -> None:
        """The visitor keeps what they chose while loading; what they did is logged for real.

        The idle clock goes on running: a visitor who touched the screen while loading is not
        treated as gone, and one who left is not given a fresh two minutes."""
        self.idle.idle_seconds = services.idle.idle_seconds
        self.idle.prompt_seconds = services.idle.prompt_seconds
        services.idle = self.idle
        services.visitor.locale = self.visitor.locale
        services.visitor.text_size = self.visitor.text_size
        services.visitor.voice_on = self.visitor.voice_on
        for event, fields in self.usage.events:
            services.usage.record(event, **fields)
        self.usage.events.clear()
