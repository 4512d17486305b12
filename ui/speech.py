"""Voice guidance on the Qt side: synthesis off the GUI thread, playback with QMediaPlayer.

pyttsx3 can only play through `aplay`, blocking and unstoppable, so it just writes WAV files (on
the task runner's "speech" lane, see ui/tasks.py and kiosk/speech/engine.py) and QMediaPlayer plays
them: it starts and stops at once. A spoken request is queued as urgent, so it runs before any
prefetching of the next screen.
One player means two voices can never overlap; a request generation number means a result that
arrives for an earlier request is never played.

Kiosks without a working sound card (and CI) still advance: a player error turns the sentence
into a silent one timed by its WAV length, and a watchdog ends any sentence that never finishes,
so highlighting and `finished` work everywhere and the UI never waits forever.
"""

from __future__ import annotations

import bisect
import logging
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol

from PySide6.QtCore import Property, QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QMediaPlayer

from kiosk.speech import DEFAULT_RATE_STEP, RATE_FACTORS, SpeechService, split_sentences
from ui.tasks import TaskRunner

SPEECH_LANE = "speech"


log = logging.getLogger(__name__)

WATCHDOG_SLACK_MS = 2000  # a sentence longer than its WAV by this much is taken as finished
NARRATION_WATCHDOG_MS = 10 * 60 * 1000  # recorded narration of unknown length
SYNTHESIS_WAIT_MS = 15000  # a sentence whose synthesis takes longer is skipped, never waited for


class Speakable(Protocol):  # kiosk.speech.SpeechItem, or the screens' own Spoken
    text: str
    audio: Path | None


@dataclass
class _Line:
    """One thing the player plays: a synthesized sentence, or an item's recorded narration."""

    item_index: int
    sentence_index: int
    sentences: list[str]
    path: Path | None = None
    pending: bool = False
    narration: bool = False


@dataclass
class _Job:
    text: str
    locale: str
    rate_step: int
    generation: int | None = None  # None: prefetch, nobody waits for it
    line: _Line | None = None  # where the result goes
    path: Path | None = None


_PLAYER_QML = b"import QtMultimedia\nMediaPlayer { audioOutput: AudioOutput {} }"
_qml_engine = None


def make_player(parent: QObject) -> QMediaPlayer:
    """A media player with its audio output, both made by Qt itself (through QML), not by Python.

    Why: Qt's FFmpeg backend tears a player's audio renderer down on a thread of its own, and
    that calls virtual methods of the audio output. On an object Python made, PySide routes
    every virtual call through a lookup for a Python override, which needs the interpreter lock;
    the GUI thread holds that lock while it stops or changes the player and waits for the same
    renderer: the kiosk froze (gdb: QFFmpeg::AudioRenderer -> ~QObject -> Sbk_GetPyOverride
    waiting for the GIL; GUI thread in QObject::disconnect), and crashed when the Python object
    was gone. Objects Qt made have no overrides to look up. Measured on the 2-core build: 2 of
    15 stress runs of 400 stop/play cycles froze with Python-made objects, 0 of 30 with these.
    """
    global _qml_engine
    from PySide6.QtQml import QQmlComponent, QQmlEngine

    if _qml_engine is None:
        _qml_engine = QQmlEngine()
    component = QQmlComponent(_qml_engine)
    component.setData(_PLAYER_QML, QUrl())
    player = component.create()
    if player is None:
        raise RuntimeError(f"Qt Multimedia's QML player is unavailable: {component.errorString()}")
    player.setParent(parent)
    return player


def wav_ms(path: Path) -> int:
    try:
        with wave.open(str(path), "rb") as audio:
            return int(audio.getnframes() * 1000 / max(audio.getframerate(), 1))
    except (OSError, EOFError, wave.Error):
        return 0


class SpeechController(QObject):
    sentence_started = Signal(int, int, str)  # item index, sentence index, sentence text
    finished = Signal()  # the request ended: spoken to the end, or stopped
    unavailable = Signal(str)  # locale without a voice; once per locale
    playback_started = Signal()  # the first sound of a request started (or its silent stand-in)

    def __init__(
        self,
        service: SpeechService,
        parent: QObject | None = None,
        *,
        runner: TaskRunner | None = None,
        rate_step: int = DEFAULT_RATE_STEP,
        volume: float = 0.9,
        enabled: bool = True,
        warm_locales: Iterable[str] = ("ko", "ja", "en"),
    ):
        super().__init__(parent)
        self.service = service
        self._enabled = enabled
        self._rate_step = DEFAULT_RATE_STEP
        self.set_rate_step(rate_step)
        self._generation = 0
        self._lines: list[_Line] = []
        self._index = -1
        self._locale = ""
        self._active = False
        self._started = False  # playback_started emitted for this request
        self._playing: _Line | None = None
        self._highlighted = -1
        self._told: set[str] = set()

        self._player = make_player(self)
        self._output = self._player.audioOutput()
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.playbackStateChanged.connect(self._on_state)
        self._player.errorOccurred.connect(self._on_error)
        self._player.positionChanged.connect(self._on_position)
        self.set_volume(volume)

        self._watchdog = QTimer(self, singleShot=True)
        self._watchdog.timeout.connect(self._on_watchdog)
        self._silent = QTimer(self, singleShot=True)  # a sentence "played" without an audio device
        self._silent.timeout.connect(self._line_done)

        # The application's runner; a controller made on its own (tests, bench) gets a private one.
        self._owns_runner = runner is None
        self.runner = runner if runner is not None else TaskRunner(self)
        locales = tuple(warm_locales)
        if locales:
            self.runner.run(lambda: self.service.warm_up(locales), lane=SPEECH_LANE, urgent=False)

    # Public -------------------------------------------------------------------------------------
    def speak(self, items: list[Speakable], locale: str) -> None:
        """Stop whatever plays, then speak the items' sentences in order."""
        self._halt()
        if not self._enabled:
            return
        lines = self._plan(items, locale)
        if not lines:
            return
        self._lines, self._index, self._locale, self._active = lines, 0, locale, True
        self._submit(lines)
        self._play_current()

    def prefetch(self, items: list[Speakable], locale: str) -> None:
        """Synthesize these items' sentences into the cache while idle (e.g. the next lesson step)."""
        self.runner.drop_queued(SPEECH_LANE, urgent=False)  # only the latest upcoming screen matters
        if not self._enabled:
            return
        for item in items:
            if getattr(item, "audio", None) is not None:
                continue
            for sentence in split_sentences(item.text):
                if self.service.cached(sentence, locale, self._rate_step) is None:
                    self._run(_Job(sentence, locale, self._rate_step), urgent=False)

    def stop(self) -> None:
        was_active = self._active
        self._halt()
        if was_active:
            self.finished.emit()

    def shutdown(self) -> None:
        """Stop speaking (at quit); a private runner's synthesis thread ends too."""
        self.stop()
        if self._owns_runner:
            self.runner.shutdown()

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = bool(enabled)
        if not self._enabled:
            self.stop()

    def set_rate_step(self, step: int) -> None:
        """0 (slowest) .. 2; applies from the next request."""
        self._rate_step = min(max(int(step), 0), len(RATE_FACTORS) - 1)

    def set_volume(self, volume: float) -> None:
        """0..1 as a person hears it; QAudioOutput's volume is linear, so convert."""
        volume = min(max(float(volume), 0.0), 1.0)
        try:
            from PySide6.QtMultimedia import QtAudio

            scale = QtAudio.VolumeScale
            volume = QtAudio.convertVolume(volume, scale.LogarithmicVolumeScale, scale.LinearVolumeScale)
        except (ImportError, AttributeError):  # older Qt: keep it linear
            pass
        self._output.setVolume(volume)

    def _is_speaking(self) -> bool:
        return self._active

    is_speaking = Property(bool, _is_speaking)

    @property
    def rate_step(self) -> int:
        return self._rate_step

    # Planning -----------------------------------------------------------------------------------
    def _plan(self, items: list[Speakable], locale: str) -> list[_Line]:
        silent = self.service.known_unavailable(locale)
        if silent:
            self._tell_unavailable(locale)
        lines = []
        for item_index, item in enumerate(items):
            sentences = split_sentences(item.text or "")
            audio = getattr(item, "audio", None)
            if audio is not None and Path(audio).is_file():
                lines.append(_Line(item_index, 0, sentences or [""], Path(audio), narration=True))
            elif not silent:
                lines += self._sentence_lines(item_index, sentences, locale)
        return lines

    def _submit(self, lines: list[_Line]) -> None:
        for line in lines:
            if line.pending:
                self._run(_Job(line.sentences[0], self._locale, self._rate_step, self._generation, line), urgent=True)

    def _run(self, job: _Job, urgent: bool) -> None:
        def synthesize() -> _Job:  # on the speech lane
            if job.generation is None or job.generation == self._generation:  # else replaced or stopped
                job.path = self.service.synthesize(job.text, job.locale, job.rate_step)
            return job

        def failed(error: Exception) -> None:  # that one sentence stays silent; speech goes on
            log.error("speech synthesis failed on %r", job.text, exc_info=error)
            self._on_synthesized(job)

        if job.generation is None:  # prefetch: nobody waits for the result
            self.runner.run(synthesize, lane=SPEECH_LANE, urgent=urgent)
        else:
            self.runner.run(synthesize, self._on_synthesized, failed, lane=SPEECH_LANE, urgent=urgent)

    def _sentence_lines(self, item_index: int, sentences: list[str], locale: str) -> list[_Line]:
        lines = []
        for sentence_index, sentence in enumerate(sentences):
            path = self.service.cached(sentence, locale, self._rate_step)  # a stat: fine on the GUI thread
            lines.append(_Line(item_index, sentence_index, [sentence], path, pending=path is None))
        return lines

    # Playing ------------------------------------------------------------------------------------
    def _play_current(self) -> None:
        while 0 <= self._index < len(self._lines):
            line = self._lines[self._index]
            if line.pending:
                self._watchdog.start(SYNTHESIS_WAIT_MS)
                return  # _on_synthesized continues
            if line.path is not None:
                self._start(line)
                return
            self._index += 1  # nothing to say for this sentence
        if self._active:
            self._active = False
            self._lines, self._index = [], -1
            self.finished.emit()

    def _start(self, line: _Line) -> None:
        self._playing = line
        self._highlighted = 0
        duration = 0 if line.narration else wav_ms(line.path)
        self._watchdog.start(duration + WATCHDOG_SLACK_MS if duration else NARRATION_WATCHDOG_MS)
        self._player.setSource(QUrl.fromLocalFile(str(line.path)))
        self._player.play()
        self.sentence_started.emit(line.item_index, line.sentence_index, line.sentences[0])

    def _on_watchdog(self) -> None:
        if self._playing is not None:
            self._line_done()  # the player never said it ended
        elif 0 <= self._index < len(self._lines):
            log.warning("speech synthesis is too slow; skipping a sentence")
            self._lines[self._index].pending = False
            self._index += 1
            self._play_current()

    def _line_done(self) -> None:
        if self._playing is None:
            return
        self._playing = None
        self._watchdog.stop()
        self._silent.stop()
        self._index += 1
        self._play_current()

    def _halt(self) -> None:
        self._generation += 1
        self.runner.drop_queued(SPEECH_LANE, urgent=True)
        self._lines, self._index, self._active, self._started = [], -1, False, False
        self._playing = None
        self._watchdog.stop()
        self._silent.stop()
        self._player.stop()  # immediate: QMediaPlayer stops in well under a millisecond

    def _note_started(self) -> None:
        if self._active and not self._started:
            self._started = True
            self.playback_started.emit()

    # Player and worker signals --------------------------------------------------------------------
    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        if state == QMediaPlayer.PlaybackState.PlayingState and self._playing is not None:
            self._note_started()

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._playing is not None:
            self._line_done()

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        line = self._playing
        if error == QMediaPlayer.Error.NoError or line is None:
            return
        if "player" not in self._told:
            self._told.add("player")
            log.warning("audio playback failed (%s); continuing silently", message)
        self._player.stop()
        if line.narration:
            # Unplayable recorded narration: fall back to synthesizing the item's sentences.
            item_lines = self._sentence_lines(line.item_index, line.sentences, self._locale)
            self._lines[self._index : self._index + 1] = item_lines
            self._submit(item_lines)
            self._playing = None
            self._watchdog.stop()
            self._play_current()
            return
        # No audio device (or a broken one): keep the highlight for as long as the sentence lasts.
        self._note_started()
        self._watchdog.stop()
        self._silent.start(wav_ms(line.path))

    def _on_position(self, position: int) -> None:
        """Recorded narration has no sentence timings: move the highlight in proportion to length."""
        line = self._playing
        duration = self._player.duration()
        if line is None or not line.narration or len(line.sentences) < 2 or duration <= 0:
            return
        ends, total = [], 0
        for sentence in line.sentences:
            total += len(sentence)
            ends.append(total)
        index = min(bisect.bisect_right(ends, position / duration * total), len(ends) - 1)
        if index != self._highlighted:
            self._highlighted = index
            self.sentence_started.emit(line.item_index, index, line.sentences[index])

    def _on_synthesized(self, job: _Job) -> None:
        if job.generation != self._generation or job.line is None:
            return  # a result for a request that was replaced or stopped: never played
        job.line.path, job.line.pending = job.path, False
        if job.path is None and self.service.known_unavailable(job.locale):
            self._tell_unavailable(job.locale)
        current = self._lines[self._index] if 0 <= self._index < len(self._lines) else None
        if job.line is current and self._playing is None:
            self._play_current()

    def _tell_unavailable(self, locale: str) -> None:
        if locale not in self._told:
            self._told.add(locale)
            self.unavailable.emit(locale)
