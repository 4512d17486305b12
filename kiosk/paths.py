"""Where things live, in one place: the data dir's layout and the bundled resources.

Every file name inside a kiosk's data dir is declared here (after Kolibri's content/utils/paths.py),
so moving one is one edit and no module spells a name another also spells. Bundled resources are
read through importlib.resources, so an installed wheel finds them as a checkout does.
Standard library only: kiosk/boot.py imports this before the heavy libraries.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path


def _resource_dir(name: str) -> Path:
    # The resources package is plain files on disk in a checkout and in an installed wheel
    # (never zipped: pip installs wheels unpacked), so a Path is safe to hand to Qt and to loaders.
    return Path(str(resources.files("resources").joinpath(name)))


BUNDLED_CONTENT = _resource_dir("content")
TRANSLATIONS_DIR = _resource_dir("i18n")
RESOURCES_DIR = BUNDLED_CONTENT.parent


@dataclass(frozen=True)
class DataDir:
    """The layout of one kiosk's data dir."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "kiosk.db"

    @property
    def settings(self) -> Path:
        return self.root / "config.json"

    @property
    def home_snapshot(self) -> Path:
        return self.root / "home-snapshot.json"

    @property
    def objects(self) -> Path:
        """Content media by SHA-256 (``objects/<sha><suffix>``), shared by loader and sync."""
        return self.root / "objects"

    @property
    def speech_cache(self) -> Path:
        return self.root / "speech-cache"

    @property
    def sync(self) -> Path:
        return self.root / "sync"

    @property
    def sync_items(self) -> Path:
        """Pack JSON and catalog parts by SHA-256."""
        return self.sync / "objects"

    @property
    def sync_staging(self) -> Path:
        return self.sync / "staging"

    @property
    def sync_lock(self) -> Path:
        return self.sync / "lock"

    @property
    def restart_log(self) -> Path:
        """Why each run of the kiosk ended (kiosk/restarts.py): JSON lines, the last 200."""
        return self.root / "restarts.jsonl"

    @property
    def run_marker(self) -> Path:
        """Present while the kiosk runs: one left behind means the last run never ended cleanly."""
        return self.root / "running.json"

    @property
    def exit_record(self) -> Path:
        """How the last run ended, as the kiosk (a planned exit) and systemd (`kiosk record-exit`) saw it."""
        return self.root / "last-exit.json"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("seoul-learning-kiosk", appauthor=False)
