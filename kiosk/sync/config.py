"""Build a SyncConfig from the kiosk's Settings (and a few overrides)."""

from __future__ import annotations

import random

from typing import TYPE_CHECKING

from kiosk.settings import Settings
from protocol.version import APP_VERSION

if TYPE_CHECKING:  # the client pulls in requests and cryptography; the kiosk loads it off the GUI thread
    from kiosk.sync.client import SyncConfig


def repo_url_for(settings: Settings) -> str:
    if settings.sync_repo_url:
        return settings.sync_repo_url
    if settings.sync_server_url:
        return settings.sync_server_url.rstrip("/") + "/repo/"
    return ""


def is_configured(settings: Settings) -> bool:
    return bool(repo_url_for(settings) and settings.sync_public_key)


def config_from_settings(settings: Settings, app_version: str = APP_VERSION) -> SyncConfig | None:
    """None when sync is not configured (no repository or no public key)."""
    if not is_configured(settings):
        return None
    from kiosk.sync.client import SyncConfig

    return SyncConfig(
        repo_url=repo_url_for(settings),
        public_key=settings.sync_public_key,
        api_url=settings.sync_server_url,
        token=settings.sync_token,
        center=settings.sync_center,
        app_version=app_version,
    )


def next_delay(interval: float, jitter: float, rng: random.Random | None = None) -> float:
    """Seconds until the next sync: the interval, spread by +-jitter so kiosks drift apart."""
    rng = rng or random.Random()
    return max(1.0, interval * (1.0 + rng.uniform(-jitter, jitter)))
