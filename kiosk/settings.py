"""Kiosk settings, kept as JSON in the data dir (guides change them from the guide panel)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kiosk.choices import TEXT_SIZES
from kiosk.files import atomic_write_text
from kiosk.guide.hours import DEFAULT_END, DEFAULT_START, WORKING_WEEK, GuideHours, parse_clock_time


# A center id as the server names it (kiosk.content.schema SLUG), or "" for the city's view.
SYNC_CENTER_PATTERN = r"^([a-z0-9][a-z0-9-]{0,63})?$"


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    default_locale: Literal["ko", "ja", "en"] = "ko"
    default_text_size: Literal["normal", "large", "largest"] = "normal"
    voice_on: bool = True
    voice_rate_step: int = Field(1, ge=0, le=2)
    voice_volume: float = Field(0.9, ge=0.0, le=1.0)
    idle_seconds: int = Field(120, ge=15, le=3600)
    idle_prompt_seconds: int = Field(20, ge=20, le=120)
    # Content sync and uploads (kiosk/sync). No server URL and no repository URL: sync is off.
    sync_server_url: str = ""  # the project's server, e.g. https://kiosk.example.org
    sync_repo_url: str = ""  # the published repository, if not <sync_server_url>/repo/ (a CDN, say)
    sync_public_key: str = ""  # the city's root key (base64 Ed25519) printed by `kiosk-server init`
    sync_token: str = ""  # this kiosk's token from `kiosk-server enroll NAME`
    # The center this kiosk stands in (`kiosk-server enroll NAME --center ID` prints it): the
    # kiosk syncs that center's view, with its name, hours, notices and programs. Empty: the
    # city's view, with only what is meant for every center.
    sync_center: str = Field("", pattern=SYNC_CENTER_PATTERN)
    sync_interval_seconds: int = Field(900, ge=30, le=86400)
    sync_jitter: float = Field(0.2, ge=0.0, le=0.5)  # +-20%: a fleet does not call at once
    # Guide mode: the PIN as a salted scrypt hash (kiosk.guide.pin); empty until a guide sets one.
    guide_pin_hash: str = ""
    # When a digital guide is at the center (kiosk.guide.hours): outside them a call for a guide
    # says when one is next here and gives the center's phone. Days: 0 Monday .. 6 Sunday.
    guide_weekdays: list[int] = Field(default_factory=lambda: list(WORKING_WEEK))
    guide_start: str = DEFAULT_START  # "HH:MM", the kiosk's local time
    guide_end: str = DEFAULT_END

    @field_validator("guide_start", "guide_end")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        parse_clock_time(value)
        return value

    @field_validator("guide_weekdays")
    @classmethod
    def _weekdays(cls, value: list[int]) -> list[int]:
        if any(not 0 <= day <= 6 for day in value):
            raise ValueError(f"guide_weekdays are 0 (Monday) to 6 (Sunday), not {value}")
        return sorted(set(value))

    @model_validator(mode="after")
    def _hours_in_order(self) -> Settings:
        GuideHours.of(self.guide_weekdays, self.guide_start, self.guide_end)
        return self


class SettingsStore:
    def __init__(self, path: Path):
        self.path = path

    def load(self) -> tuple[Settings, str | None]:
        """Returns the settings and, when the file was unusable, why (defaults are used then)."""
        if not self.path.exists():
            return Settings(), None
        try:
            return Settings.model_validate(json.loads(self.path.read_text(encoding="utf-8"))), None
        except (OSError, ValueError, ValidationError) as error:
            return Settings(), f"{self.path}: settings ignored, defaults used ({error})"

    def save(self, settings: Settings) -> None:
        atomic_write_text(self.path, settings.model_dump_json(indent=2), durable=True)
