"""Choosing a voice for a locale by exact language code ("ko" must never pick Konkani "kok")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

# For each language, the tags to prefer, best first; any other voice of the language comes after.
PREFERRED = {
    "en": ("en-us", "en-gb", "en"),
    "ko": ("ko-kr", "ko"),
    "ja": ("ja-jp", "ja"),
}


@dataclass(frozen=True)
class VoiceInfo:
    id: str
    languages: tuple[str, ...] = ()
    name: str = ""


def language_tag(raw: object) -> str:
    """'en_US' / b'\\x05ko' / 'EN-us' -> 'en-us' (old espeak entries start with a priority byte)."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="ignore")
    text = str(raw).strip().lstrip("".join(chr(c) for c in range(32)))
    return text.replace("_", "-").lower()


def voice_tags(voice: object) -> tuple[str, ...]:
    """Language tags of a pyttsx3 voice (or VoiceInfo); the id's last part when it lists none."""
    tags = tuple(t for t in (language_tag(raw) for raw in getattr(voice, "languages", None) or ()) if t)
    if tags:
        return tags
    return (language_tag(str(getattr(voice, "id", "")).replace("\\", "/").rsplit("/", 1)[-1]),)


def from_engine(voices: Iterable[object]) -> list[VoiceInfo]:
    return [VoiceInfo(str(v.id), voice_tags(v), str(getattr(v, "name", "") or "")) for v in voices]


def pick_voice(voices: Iterable[VoiceInfo], locale: str) -> VoiceInfo | None:
    """The best voice whose language subtag equals the locale's, or None."""
    wanted = language_tag(locale)
    language = wanted.split("-")[0]
    preferred = ((wanted,) if "-" in wanted else ()) + PREFERRED.get(language, (language,))

    def rank(voice: VoiceInfo) -> tuple[int, int]:
        best = min((preferred.index(t) for t in voice.languages if t in preferred), default=len(preferred))
        # MBROLA voices need extra data files that are often missing: only as a last resort.
        return (1 if voice.id.startswith("mb/") else 0, best)

    matching = [v for v in voices if any(t.split("-")[0] == language for t in v.languages)]
    return min(matching, key=rank) if matching else None
