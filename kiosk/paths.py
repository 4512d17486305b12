"""Where things live: bundled resources beside the code, state in the data dir."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
BUNDLED_CONTENT = RESOURCES_DIR / "content"
TRANSLATIONS_DIR = RESOURCES_DIR / "i18n"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("seoul-learning-kiosk", appauthor=False)
