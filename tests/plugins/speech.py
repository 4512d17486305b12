"""Speech test helpers: a fake engine that writes tones, WAV measurements.

Fixtures: ``real_engine`` (skips without espeak-ng), ``real_service``, ``fake_engine``, ``fake_service``."""

from __future__ import annotations

import math
import threading
import wave
from array import array
from pathlib import Path

import pytest

from kiosk.speech import EngineUnavailable, SpeechService, VoiceInfo, shared_engine

FAKE_VOICES = [
    VoiceInfo("ko", ("ko",)),
    VoiceInfo("inc/kok", ("kok",)),
    VoiceInfo("jpx/ja", ("ja",)),
    VoiceInfo("gmw/en", ("en-gb",)),
    VoiceInfo("gmw/en-us", ("en-us",)),
]


def write_tone(path: Path, seconds: float, rate: int = 22050) -> None:
    frames = int(seconds * rate)
    samples = array("h", (int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(frames)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())


def audio_stats(path: Path) -> tuple[float, float, float]:
    """(seconds, RMS, peak) with samples in -1..1, as `sox f.wav -n stat` reports them."""
    with wave.open(str(path), "rb") as audio:
        assert audio.getsampwidth() == 2 and audio.getnchannels() == 1
        frames = audio.readframes(audio.getnframes())
        seconds = audio.getnframes() / audio.getframerate()
    samples = array("h")
    samples.frombytes(frames)
    if not samples:
        return seconds, 0.0, 0.0
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768
    return seconds, rms, max(abs(s) for s in samples) / 32768


class FakeEngine:
    """Writes a tone of 0.05 s per character; `gate` (when set) holds every save until released."""

    name = "fake"

    def __init__(self, voices=FAKE_VOICES, seconds_per_char: float = 0.05):
        self._voices = list(voices)
        self.seconds_per_char = seconds_per_char
        self.saved: list[tuple[str, str, int]] = []
        self.gate: threading.Event | None = None

    def voices(self):
        return self._voices

    def default_rate(self) -> int:
        return 200

    def save(self, text, voice_id, rate, path):
        if self.gate is not None:
            self.gate.wait(10)
        self.saved.append((text, voice_id, rate))
        write_tone(Path(path), max(0.05, len(text) * self.seconds_per_char))


def no_engine():
    raise EngineUnavailable("no speech engine installed (test)")


@pytest.fixture(scope="session")
def real_engine():
    """The real pyttsx3 engine (espeak-ng here); one per process, like espeak-ng itself."""
    try:
        return shared_engine()
    except EngineUnavailable as error:
        pytest.skip(f"no pyttsx3 engine on this machine: {error} (apt-get install espeak-ng)")


@pytest.fixture
def real_service(tmp_path, real_engine):
    return SpeechService(tmp_path / "cache", engine_factory=lambda: real_engine)


@pytest.fixture
def fake_engine():
    return FakeEngine()


@pytest.fixture
def fake_service(tmp_path, fake_engine):
    return SpeechService(tmp_path / "cache", engine_factory=lambda: fake_engine)

