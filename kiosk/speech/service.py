"""The speech service: which voice for a locale, how fast, and cached synthesis to WAV files."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kiosk.speech.cache import AudioCache
from kiosk.speech.engine import Engine, EngineError, EngineUnavailable, shared_engine
from kiosk.speech.kana import to_kana
from kiosk.speech.text import spoken_form
from kiosk.speech.voices import pick_voice

log = logging.getLogger(__name__)

MB = 1024 * 1024
# Fractions of the engine's default rate (pyttsx3: 200 wpm -> 120 / 144 / 170): older listeners
# follow slower speech better, and even the fastest step stays below both pyttsx3's default and
# espeak-ng's own (175 wpm).
RATE_FACTORS = (0.6, 0.72, 0.85)
DEFAULT_RATE_STEP = 1


@dataclass(frozen=True)
class SpeechItem:
    """One piece of a screen to read aloud; ``audio`` is recorded narration, which wins over synthesis."""

    text: str
    audio: Path | None = None


class SpeechService:
    """Thread-safe; synthesize() blocks, so call it from a worker, never the GUI thread."""

    def __init__(
        self,
        cache_dir: Path,
        cache_limit_bytes: int = 200 * MB,
        engine_factory: Callable[[], Engine] = shared_engine,
    ):
        self.cache = AudioCache(Path(cache_dir), cache_limit_bytes)
        self._engine_factory = engine_factory
        self._engine: Engine | None = None
        self._engine_missing = False
        self._voices: dict[str, str | None] = {}
        self._lock = threading.RLock()
        self.problems: list[str] = []  # told once each; the guide panel can show them
        self._told: set[str] = set()

    # Engine and voices --------------------------------------------------------------------------
    def engine(self) -> Engine | None:
        if self._engine is not None:  # no lock: the GUI thread asks this on every cache lookup
            return self._engine
        with self._lock:
            if self._engine is None and not self._engine_missing:
                try:
                    self._engine = self._engine_factory()
                except Exception as error:  # whatever a broken install raises, the kiosk goes on silently
                    self._engine_missing = True
                    self._tell("engine", f"Voice guidance is off: no speech engine ({error}).")
            return self._engine

    def voice_for(self, locale: str) -> str | None:
        """The engine's voice id for the locale's language, or None (then that language is silent)."""
        with self._lock:
            if locale not in self._voices:
                engine = self.engine()
                voice = pick_voice(engine.voices(), locale) if engine else None
                self._voices[locale] = voice.id if voice else None
                if engine and voice is None:
                    self._tell(f"voice:{locale}", f"Voice guidance is off for '{locale}': no voice for it.")
            return self._voices[locale]

    def available(self, locale: str) -> bool:
        return self.voice_for(locale) is not None

    def known_unavailable(self, locale: str) -> bool:
        """True only when already found out, so the GUI thread can ask without waking the engine."""
        return self._engine_missing or (locale in self._voices and self._voices[locale] is None)

    def warm_up(self, locales: tuple[str, ...] = ("ko", "ja", "en")) -> None:
        """Start the engine and load what the first request would wait for (blocking: use a worker)."""
        for locale in locales:
            if self.voice_for(locale) is not None:
                self.engine_text("日", locale)  # loads the kanji converter for Japanese

    def rate_for(self, rate_step: int) -> int:
        engine = self.engine()
        default = engine.default_rate() if engine else 200
        step = min(max(int(rate_step), 0), len(RATE_FACTORS) - 1)
        return round(default * RATE_FACTORS[step])

    # Synthesis ----------------------------------------------------------------------------------
    def engine_text(self, text: str, locale: str) -> str:
        """What the engine is given: phone numbers as digits, and kana for espeak-ng's Japanese."""
        spoken = spoken_form(text, locale)
        engine = self._engine
        if locale.split("-")[0].split("_")[0].lower() == "ja" and engine is not None and engine.name == "espeak":
            spoken = to_kana(spoken)
        return spoken

    def cached(self, text: str, locale: str, rate_step: int) -> Path | None:
        """The cached audio if there is some; never starts the engine (cheap enough for the GUI thread)."""
        if self._engine is None or locale not in self._voices or self._voices[locale] is None:
            return None
        return self.cache.get(self.engine_text(text, locale), self._voices[locale], self.rate_for(rate_step))

    def synthesize(self, text: str, locale: str, rate_step: int = DEFAULT_RATE_STEP) -> Path | None:
        """A WAV of ``text`` spoken in the locale's language; None when there is no voice for it or
        the engine failed on this text (the reason is logged)."""
        voice = self.voice_for(locale)
        engine = self._engine
        if voice is None or engine is None or not text.strip():
            return None
        spoken = self.engine_text(text, locale)
        rate = self.rate_for(rate_step)
        hit = self.cache.get(spoken, voice, rate)
        if hit is not None:
            return hit
        scratch = self.cache.scratch_path()
        try:
            engine.save(spoken, voice, rate, scratch)
            return self.cache.store(scratch, spoken, voice, rate)
        except EngineUnavailable as error:
            with self._lock:
                self._engine_missing, self._engine = True, None
            self._tell("engine", f"Voice guidance is off: {error}.")
        except (EngineError, OSError) as error:
            log.warning("could not synthesize %r: %s", text[:60], error)
        scratch.unlink(missing_ok=True)
        return None

    def _tell(self, key: str, message: str) -> None:
        with self._lock:
            if key in self._told:
                return
            self._told.add(key)
            self.problems.append(message)
        log.warning("%s", message)
