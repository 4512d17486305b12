"""Builds the kiosk's plain services over one data dir; the UI receives them at construction."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from db.engine import open_database
from kiosk.boot import SNAPSHOT_FILE, write_snapshot
from kiosk.content.loader import ContentError, load_pack
from kiosk.content.repository import ContentRepository
from kiosk.content.store import MediaStore, apply_pack, applied_revision
from kiosk.helpdesk import HelpDesk
from kiosk.paths import BUNDLED_CONTENT
from kiosk.session import VisitorSession
from kiosk.settings import Settings, SettingsStore
from kiosk.usage import UsageLog

log = logging.getLogger(__name__)


@dataclass
class KioskServices:
    data_dir: Path
    sessions: sessionmaker[Session]
    settings_store: SettingsStore
    settings: Settings
    media: MediaStore
    content: ContentRepository
    helpdesk: HelpDesk
    usage: UsageLog
    visitor: VisitorSession
    problems: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, data_dir: Path, content_dir: Path | None = None) -> "KioskServices":
        data_dir.mkdir(parents=True, exist_ok=True)
        settings_store = SettingsStore(data_dir / "config.json")
        settings, settings_problem = settings_store.load()
        sessions = open_database(data_dir / "kiosk.db")
        media = MediaStore(data_dir)
        services = cls(
            data_dir=data_dir,
            sessions=sessions,
            settings_store=settings_store,
            settings=settings,
            media=media,
            content=ContentRepository(sessions, media),
            helpdesk=HelpDesk(sessions),
            usage=UsageLog(sessions),
            visitor=VisitorSession(settings),
        )
        if settings_problem:
            services.report(settings_problem)
        if content_dir is not None:
            services.load_content(content_dir)
        elif services._bundled_is_newer():
            services.load_content(BUNDLED_CONTENT)
        services.content.reload()
        services.save_home_snapshot()
        return services

    def save_home_snapshot(self) -> None:
        """What the next start draws Home from before this class is even imported (kiosk/boot.py)."""
        try:
            write_snapshot(self.data_dir, self.settings, self.content.center())
        except OSError as error:  # the next start is only slower; nothing is lost
            log.warning("could not save %s: %s", self.data_dir / SNAPSHOT_FILE, error)

    def report(self, problem: str) -> None:
        log.warning("%s", problem)
        self.problems.append(problem)

    def _bundled_is_newer(self) -> bool:
        """Apply the bundled pack only to a kiosk with no content, or over an older copy of itself.

        Skips re-validating it on every start, and never replaces a pack that came from a
        sync or from --content with the demo content on a restart."""
        try:
            bundled = json.loads((BUNDLED_CONTENT / "pack.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return True
        with self.sessions() as session:
            current = applied_revision(session)
        if current is None:
            return True
        return current.pack_id == bundled.get("id") and current.revision < bundled.get("revision", 0)

    def load_content(self, pack_dir: Path) -> bool:
        """Validate and apply a pack; on any problem keep the current content and report why."""
        try:
            pack = load_pack(pack_dir)
        except ContentError as error:
            self.report(str(error))
            return False
        changed = apply_pack(self.sessions, self.media, pack, pack_dir)
        self.content.reload()
        self.save_home_snapshot()
        return changed

    def save_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.visitor.settings = settings
        self.settings_store.save(settings)
        self.save_home_snapshot()
