"""The kiosk's plain services over one data dir, built in one place (no Qt here).

ui/app.py is the composition root: it calls ``KioskServices.open`` (on a worker when Home is
drawn from the snapshot), adds the Qt-side parts (speech, sync, the task runner) and hands the
lot to the window; screens receive services and construct none. The same object satisfies
kiosk.interfaces.HomeServices, which the boot-time stand-in (kiosk.boot.BootServices) also does.
"""

from __future__ import annotations

import json
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from sqlalchemy.orm import Session, sessionmaker

from db.engine import open_database
from db.models import SyncState
from kiosk import messages as guide
from kiosk.boot import write_snapshot
from kiosk.content.loader import ContentError, load_pack
from kiosk.content.repository import ContentRepository
from kiosk.content.store import MediaStore, apply_pack, applied_revision
from kiosk.guide.help import PendingHelpList, RelayedHelp
from kiosk.guide.pin import PinLock
from kiosk.helpdesk import HelpDesk
from kiosk.idle import IdleTracker
from kiosk.messages import GuideMessages
from kiosk.paths import BUNDLED_CONTENT, DataDir
from kiosk.session import VisitorSession
from kiosk.settings import Settings, SettingsStore
from kiosk.usage import UsageLog

log = logging.getLogger(__name__)


@dataclass
class KioskServices:
    ready: ClassVar[bool] = True
    data_dir: Path
    sessions: sessionmaker[Session]
    settings_store: SettingsStore
    settings: Settings
    media: MediaStore
    content: ContentRepository
    helpdesk: HelpDesk
    usage: UsageLog
    visitor: VisitorSession
    messages: GuideMessages
    idle: IdleTracker
    # Lives as long as the process, so leaving the PIN pad does not reset its lockout.
    guide_lock: PinLock
    pending_help: PendingHelpList
    # Other kiosks' help requests (kiosk.sync.relay.HelpRelay) when a server and token are set.
    relay: RelayedHelp | None = None
    # A preview (the tour) writes what its pretend visit does to a throwaway database here.
    preview_dir: tempfile.TemporaryDirectory | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls,
        data_dir: Path,
        content_dir: Path | None = None,
        messages: GuideMessages | None = None,
        preview: bool = False,
    ) -> "KioskServices":
        """Everything over ``data_dir``; ``messages`` is the guide's list when the caller made it first.

        A ``preview`` (an admin's tour of the screens) reads the kiosk's content and settings
        but records no usage and files no help request: what its walk through the screens
        does goes to a throwaway database, so nothing of it is ever uploaded or counted.
        """
        layout = DataDir(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        settings_store = SettingsStore(layout.settings)
        settings, settings_problem = settings_store.load()
        sessions = open_database(layout.database)
        preview_dir = tempfile.TemporaryDirectory(prefix="kiosk-preview-") if preview else None
        visit_sessions = open_database(Path(preview_dir.name) / "visit.sqlite3") if preview_dir else sessions
        media = MediaStore(data_dir)
        helpdesk = HelpDesk(visit_sessions)
        services = cls(
            data_dir=data_dir,
            sessions=sessions,
            settings_store=settings_store,
            settings=settings,
            media=media,
            content=ContentRepository(sessions, media),
            helpdesk=helpdesk,
            usage=UsageLog(visit_sessions),
            visitor=VisitorSession(settings),
            messages=messages or GuideMessages(),
            idle=IdleTracker(settings.idle_seconds, settings.idle_prompt_seconds),
            guide_lock=PinLock(),
            pending_help=PendingHelpList(helpdesk, relayed=lambda: services.relay),
            preview_dir=preview_dir,
        )
        if settings_problem:
            services.messages.report(guide.SETTINGS_IGNORED, detail=settings_problem)
        if content_dir is not None:
            services.load_content(content_dir)
        elif services._bundled_is_newer():
            services.load_content(BUNDLED_CONTENT)
        services.content.reload()
        services.save_home_snapshot()
        return services

    @property
    def preview(self) -> bool:
        return self.preview_dir is not None

    def connect_relay(self) -> RelayedHelp | None:
        """The server relays help requests between a center's kiosks once it knows who this kiosk is."""
        settings = self.settings
        if not self.preview and settings.sync_server_url and settings.sync_token:
            from kiosk.sync.relay import HelpRelay

            self.relay = HelpRelay(settings.sync_server_url, settings.sync_token, helpdesk=self.helpdesk)
        return self.relay

    @property
    def problems(self) -> list[str]:
        """The guide's messages as plain lines, oldest first (for the shell and tests)."""
        return [message.detail or message.kind for message in reversed(self.messages.messages())]

    def save_home_snapshot(self) -> None:
        """What the next start draws Home from before this class is even imported (kiosk/boot.py)."""
        try:
            write_snapshot(self.data_dir, self.settings, self.content.center())
        except OSError as error:  # the next start is only slower; nothing is lost
            log.warning("could not save %s: %s", DataDir(self.data_dir).home_snapshot, error)

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
            synced = session.get(SyncState, 1)
        if current is None:
            return True
        if synced is not None and synced.applied_digest and synced.applied_digest == current.digest:
            # The rows are what sync applied (a center's own view, maybe of a pack with the same
            # id): a newer app's bundled copy must not put the demo center in its place.
            return False
        return current.pack_id == bundled.get("id") and current.revision < bundled.get("revision", 0)

    def load_content(self, pack_dir: Path) -> bool:
        """Validate and apply a pack; on any problem keep the current content and report why."""
        try:
            pack = load_pack(pack_dir)
        except ContentError as error:
            self.messages.report(guide.CONTENT_REJECTED, key=f"{guide.CONTENT_REJECTED}:{error}", detail=str(error))
            return False
        self.tell_ignored_fields(pack.ignored)
        changed = apply_pack(self.sessions, self.media, pack, pack_dir)
        self.content.reload()
        self.save_home_snapshot()
        return changed

    def tell_ignored_fields(self, notes: list[str]) -> None:
        """A pack from a newer server had fields this kiosk does not know: it works, but say so once."""
        if notes:
            detail = "\n".join(notes)
            self.messages.report(guide.CONTENT_FIELDS_IGNORED, key=f"{guide.CONTENT_FIELDS_IGNORED}:{detail}",
                                 detail=detail, count=len(notes))

    def use_settings(self, settings: Settings) -> None:
        """This run's settings (the command line's choices on top of the saved ones), not saved."""
        self.settings = settings
        self.visitor.settings = settings
        self.idle.idle_seconds = settings.idle_seconds
        self.idle.prompt_seconds = settings.idle_prompt_seconds

    def save_settings(self, settings: Settings) -> None:
        self.use_settings(settings)
        self.settings_store.save(settings)
        self.save_home_snapshot()

