"""What the UI may rely on from its services, declared once.

Two implementations: kiosk.services.KioskServices (everything, once loaded) and
kiosk.boot.BootServices (Home drawn from the last start's snapshot while the rest loads). The window
asks ``ready`` instead of probing which one it holds. Standard library only (imported at boot).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from kiosk.messages import GuideMessages
from kiosk.session import VisitorSession


class CenterInfo(Protocol):
    name: Mapping[str, str]
    opening_hours: Mapping[str, str]


class HomeSettings(Protocol):
    """The settings Home and the idle timer read (kiosk.settings.Settings has them all)."""

    default_locale: str
    default_text_size: str
    voice_on: bool
    idle_seconds: int
    idle_prompt_seconds: int


class CenterSource(Protocol):
    def center(self) -> CenterInfo | None: ...
    def reload(self) -> bool: ...


class UsageRecorder(Protocol):
    def record(self, event: str, **fields: Any) -> None: ...


@runtime_checkable
class HomeServices(Protocol):
    """Enough for Home; ``ready`` is False until the full services have been handed over."""

    ready: bool
    preview: bool  # an admin's tour: nothing it does is recorded, filed, uploaded or rung
    data_dir: Path
    settings: HomeSettings
    content: CenterSource
    visitor: VisitorSession
    usage: UsageRecorder
    messages: GuideMessages
