"""The synthesis engine: pyttsx3 (espeak-ng on Linux, SAPI5 on Windows) writing WAV files.

Why a thread of its own, not a subprocess (measured on the 2-core kiosk build, see bench/speech.py):
  * pyttsx3 and espeak-ng are process-wide singletons and not thread-safe, so every call must come
    from one thread; owning the engine on a private thread gives that whichever thread calls save().
  * Latency: a short sentence takes ~10 ms to synthesize; a subprocess would add a pipe round trip
    and a start-up to every cold request, and frozen (PyInstaller) kiosks cannot `python -m` a worker.
  * The GUI does not stall: libespeak-ng runs without the GIL (ctypes releases it) and pyttsx3's
    callback holds it only to append each second of audio; the Qt event loop's longest gap while a
    5-minute text was synthesized on this thread measured ~15 ms (tests assert < 50 ms).
  * A hung engine cannot freeze the kiosk: callers wait with a timeout and then treat the engine as
    gone (the kiosk goes silent and tells the guide); the daemon thread is abandoned.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol

from kiosk.speech.voices import VoiceInfo, from_engine

log = logging.getLogger(__name__)


class EngineError(RuntimeError):
    """One text could not be synthesized."""


class EngineUnavailable(EngineError):
    """There is no working engine at all (not installed, failed to start, or hung)."""


class Engine(Protocol):
    name: str

    def voices(self) -> list[VoiceInfo]: ...

    def default_rate(self) -> int: ...

    def save(self, text: str, voice_id: str, rate: int, path: Path) -> None: ...


def wav_frames(path: Path) -> int:
    """Frames in a WAV file, 0 when it is missing or not a WAV."""
    try:
        with wave.open(str(path), "rb") as audio:
            return audio.getnframes()
    except (OSError, EOFError, wave.Error):
        return 0


@dataclass
class _Job:
    function: Callable[..., Any]
    args: tuple
    ready: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None


_shared: dict[str | None, "Pyttsx3Engine"] = {}
_shared_lock = threading.Lock()


def shared_engine(driver_name: str | None = None) -> "Pyttsx3Engine":
    """The process's one engine per driver. pyttsx3 hands every init() the same driver and espeak-ng
    is a process-wide library (a second wrapper even saw an empty voice list), so never make two."""
    with _shared_lock:
        if driver_name not in _shared:
            _shared[driver_name] = Pyttsx3Engine(driver_name)
        return _shared[driver_name]


class Pyttsx3Engine:
    """pyttsx3 driven from one private thread; every public call is safe from any thread.

    Make it through shared_engine(): there must be only one per process.
    """

    def __init__(self, driver_name: str | None = None, timeout: float = 10.0):
        self.timeout = timeout
        self.name = driver_name or ""
        self._jobs: queue.Queue[_Job] = queue.Queue()
        self._engine: Any = None
        self._current: _Job | None = None
        self._broken: str | None = None
        self._voices: list[VoiceInfo] = []
        self._default_rate = 0
        self._state = {"voice": None, "rate": None}
        threading.Thread(target=self._serve, name="pyttsx3-engine", daemon=True).start()
        self._call(self._start, driver_name)

    # Public, any thread -----------------------------------------------------------------------
    def voices(self) -> list[VoiceInfo]:
        return list(self._voices)

    def default_rate(self) -> int:
        return self._default_rate

    def save(self, text: str, voice_id: str, rate: int, path: Path) -> None:
        # espeak-ng is ~100x real time; allow for long texts on a slow kiosk before giving up.
        self._call(self._save, text, voice_id, rate, path, timeout=self.timeout + len(text) * 0.02)
        if wav_frames(path) == 0:
            raise EngineError(f"the engine wrote no audio for {text[:40]!r}")

    # Engine thread ----------------------------------------------------------------------------
    def _call(self, function: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        if self._broken:
            raise EngineUnavailable(self._broken)
        job = _Job(function, args)
        self._jobs.put(job)
        if not job.ready.wait(timeout or self.timeout):
            self._broken = f"speech engine did not answer within {timeout or self.timeout:.0f} s"
            raise EngineUnavailable(self._broken)
        if job.error is not None:
            raise job.error
        return job.result

    def _serve(self) -> None:
        while True:
            job = self._jobs.get()
            self._current = job
            try:
                job.result = job.function(*job.args)
            except BaseException as error:  # handed to the caller, never lost on this thread
                job.error = error if isinstance(error, EngineError) else EngineError(repr(error))
            finally:
                self._current = None
                job.ready.set()

    def _start(self, driver_name: str | None) -> None:
        if sys.platform == "win32":  # SAPI5 is COM: each thread that uses it must initialise COM
            try:
                import pythoncom

                pythoncom.CoInitialize()
            except ImportError:
                pass
        try:
            import pyttsx3

            engine = pyttsx3.init(driver_name)
            voices = from_engine(engine.getProperty("voices") or [])
            rate = int(engine.getProperty("rate") or 0)
        except Exception as error:  # ImportError, RuntimeError("could not initialize espeak"), OSError ...
            self._broken = f"no speech engine: {error}"
            raise EngineUnavailable(self._broken) from error
        self.name = type(engine.proxy._driver).__module__.rsplit(".", 1)[-1] if hasattr(engine, "proxy") else ""
        self._silence_driver_prints()
        engine.connect("finished-utterance", self._on_finished)
        # pyttsx3 starts "busy" and queues property changes until the first runAndWait(); run an
        # empty one so that every later change reaches the driver at once (see _espeak_idle).
        engine.runAndWait()
        self._engine, self._voices = engine, voices
        # pyttsx3's default is 200 wpm, and its espeak driver sets exactly that on start; it reads the
        # rate back without espeak's "current" flag (getting 175 or 200 by chance), so trust 200 there.
        self._default_rate = 200 if self.name == "espeak" or rate <= 0 else rate

    def _silence_driver_prints(self) -> None:
        # pyttsx3's espeak driver print()s "Audio saved to ..." from espeak's thread; a module-level
        # name shadows the builtin for that module only.
        module = sys.modules.get("pyttsx3.drivers.espeak")
        if module is not None:
            module.print = lambda *args, **kwargs: log.debug(" ".join(map(str, args)))

    def _on_finished(self, completed: bool = True, **_: Any) -> None:
        # The espeak driver synthesizes on espeak's own thread and writes the WAV just before this
        # notification; runAndWait() can return before that (on the first call) or up to 10 ms after
        # it (its loop polls). Waking the caller here gets both right.
        job = self._current
        if completed and job is not None:
            job.ready.set()

    def _espeak_idle(self) -> None:
        # In espeak's asynchronous mode a rate change is a queued command, and runAndWait() cancels
        # that queue if espeak reports it is busy, which it does while the command is still queued:
        # the new rate was then silently dropped (measured: about 1 request in 3 came out at the old
        # rate). So wait until espeak has taken the command before starting the text.
        module = sys.modules.get("pyttsx3.drivers._espeak")
        deadline = time.monotonic() + 1.0
        while module is not None and module.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.0005)

    def _save(self, text: str, voice_id: str, rate: int, path: Path) -> None:
        engine = self._engine
        if self._state["voice"] != voice_id:
            engine.setProperty("voice", voice_id)
            self._state = {"voice": voice_id, "rate": None}  # a new voice may bring its own rate
        if self._state["rate"] != rate:
            engine.setProperty("rate", rate)
            self._state["rate"] = rate
        if self.name == "espeak":
            self._espeak_idle()
        job = self._current
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        # espeak: if runAndWait returned before the file was written (see _on_finished), wait for it
        # here so the next job never overlaps this one inside the driver. SAPI5 saves synchronously.
        if self.name == "espeak" and job is not None and not job.ready.wait(self.timeout + len(text) * 0.02):
            raise EngineError("synthesis did not finish")
