"""Build a SyncConfig from the kiosk's Settings (and a few overrides)."""

from __future__ import annotations

import random

from kiosk.settings import Settings
from kiosk.sync.client import SyncConfig


def repo_url_for(settings: Settings) -> str:
    if settings.sync_repo_url:
        return settings.sync_repo_url
    if settings.sync_server_url:
        return settings.sync_server_url.rstrip("/") + "/repo/"
    return ""


def config_from_settings(settings: Settings, app_version: str = "0.1.0") -> SyncConfig | None:
    """None when sync is not configured (no repository or no public key)."""
    repo = repo_url_for(settings)
    if not repo or not settings.sync_public_key:
        return None
    return SyncConfig(
        repo_url=repo,
        public_key=settings.sync_public_key,
        api_url=settings.sync_server_url,
        token=settings.sync_token,
        app_version=app_version,
    )


def next_delay(interval: float, jitter: float, rng: random.Random | None = None) -> float:
    """Seconds until the next sync: the interval, spread by +-jitter so kiosks drift apart."""
    rng = rng or random.Random()
    return max(1.0, interval * (1.0 + rng.uniform(-jitter, jitter)))
