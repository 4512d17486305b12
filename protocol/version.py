"""The app version, read from the installed distribution's metadata (pyproject.toml's version)."""

from __future__ import annotations

from importlib import metadata

DISTRIBUTION = "seoul-learning-kiosk"
# A checkout run without `pip install -e .` has no metadata; the fleet page then shows this.
UNKNOWN_VERSION = "0+unknown"


def app_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN_VERSION


APP_VERSION = app_version()


def user_agent(version: str = APP_VERSION) -> str:
    return f"{DISTRIBUTION}/{version}"
