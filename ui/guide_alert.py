"""Telling a guide someone is waiting, without the guide being in guide mode.

Two signs, both quiet enough for a room of people learning: a short soft chime when a new
request appears (asked on this kiosk or relayed from another kiosk of the center), and a
small yellow dot with the number of open requests in the top-right corner of the bottom bar,
on every kiosk of the center, for as long as any is open. Yellow is guide mode's colour, so a
guide learns to look for it; a visitor who sees it loses nothing.

The chime is a generated WAV shipped in resources/sounds (``python -m ui.guide_alert`` writes it
again); it plays through QtMultimedia's QSoundEffect, built on the first chime only, so a kiosk
without a sound card (or tests, offscreen) pays nothing until then and loses only the sound.
"""

from __future__ import annotations

import io
import logging
import math
import struct
import wave
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.files import atomic_write_bytes
from kiosk.paths import RESOURCES_DIR
from ui.i18n import tr
from ui.theme import HIGHLIGHT, INK, MIN_BODY_PX

if TYPE_CHECKING:
    from kiosk.guide.help import PendingHelpList

log = logging.getLogger(__name__)

CHIME_FILE = RESOURCES_DIR / "sounds" / "guide_chime.wav"
CHIME_RATE = 22050
CHIME_SECONDS = 0.9
CHIME_PEAK = 0.25  # of full scale (-12 dBFS): heard nearby, startles nobody
CHIME_VOLUME = 0.5  # QSoundEffect's own volume on top of that
# A falling major third (E5 then C5), the doorbell everyone knows as "someone is here".
CHIME_NOTES = ((659.26, 0.0), (523.25, 0.22))
MARKER_PX = 44
MARKER_INSET = 2


def chime_wav_bytes() -> bytes:
    """The chime as a mono 16-bit WAV: two soft sine notes, each with a 10 ms rise (no click)
    and a gentle exponential fall, faded to silence at the end. Deterministic."""
    frames = round(CHIME_RATE * CHIME_SECONDS)
    samples = []
    for index in range(frames):
        t = index / CHIME_RATE
        value = 0.0
        for frequency, start in CHIME_NOTES:
            if t >= start:
                since = t - start
                envelope = min(1.0, since / 0.01) * math.exp(-since / 0.22)
                value += 0.5 * envelope * math.sin(2 * math.pi * frequency * since)
        fade = min(1.0, (frames - index) / (0.05 * CHIME_RATE))
        samples.append(round(CHIME_PEAK * fade * value * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(CHIME_RATE)
        wav.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return out.getvalue()


class HelpMarker(QLabel):
    """The yellow dot with the count, floating over the bar's top-right corner (not in the
    bar's layout, so the bar's buttons keep all their room)."""

    def __init__(self, bar: QWidget):
        super().__init__(bar)
        self.setObjectName("helpMarker")
        # It sits on the corner of the bar's last button: a touch there still reaches the button.
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFixedSize(MARKER_PX, MARKER_PX)
        self.setStyleSheet(
            f"QLabel#helpMarker {{ background: {HIGHLIGHT}; color: {INK}; border: 2px solid {INK};"
            f" border-radius: {MARKER_PX // 2}px; font-size: {MIN_BODY_PX}px; font-weight: 700; }}"
        )
        bar.installEventFilter(self)
        self.hide()

    def show_count(self, count: int) -> None:
        self.setText(str(count) if count < 10 else "9+")
        self.setAccessibleName(tr("People waiting for help: {count}").format(count=count))
        self.setVisible(count > 0)
        if count:
            self._place()
            self.raise_()

    def _place(self) -> None:
        bar = self.parentWidget()
        self.move(bar.width() - self.width() - MARKER_INSET, MARKER_INSET)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False


class GuideAlert(QObject):
    """Watches the open requests a guide would see on the panel; chimes once for each new one."""

    chimed = Signal()
    updated = Signal()  # after each look at the open requests (the strip follows it)
    _changed = Signal()  # emitted from any thread; delivered on the GUI thread

    def __init__(self, bar: QWidget, parent: QObject | None = None, chime_file: Path = CHIME_FILE):
        super().__init__(parent)
        self.marker = HelpMarker(bar)
        self.chime_file = chime_file
        self.chimes = 0  # how many times the chime was asked to play (tests read it: no sound card)
        self.audible = True  # a preview (the tour) shows the marker but rings no bell in the admin's office
        self._pending: PendingHelpList | None = None
        self._seen: set[str] | None = None  # None until the first look: a restart does not chime
        self._sound = None
        self._changed.connect(self.update, Qt.ConnectionType.QueuedConnection)

    def attach(self, pending: PendingHelpList) -> None:
        """The full services' list (after Home was drawn from the snapshot, or at once)."""
        if self._pending is not None:
            self._pending.unsubscribe(self._changed.emit)
        self._pending = pending
        pending.subscribe(self._changed.emit)
        self.update()

    def update(self, *_ignored) -> None:
        """Re-read the open requests (after a call, a Done, a sync or a relay exchange)."""
        if self._pending is None:
            return
        keys = {item.key for item in self._pending.pending()}
        if self._seen is not None and keys - self._seen:
            self.chime()
        self._seen = keys
        self.marker.show_count(len(keys))
        self.updated.emit()

    def chime(self) -> None:
        self.chimes += 1
        self.chimed.emit()
        if not self.audible:
            return
        try:
            if self._sound is None:
                from PySide6.QtMultimedia import QSoundEffect  # only now: it loads the audio stack

                self._sound = QSoundEffect(self)
                self._sound.setSource(QUrl.fromLocalFile(str(self.chime_file)))
                self._sound.setVolume(CHIME_VOLUME)
            self._sound.play()
        except (ImportError, RuntimeError) as error:  # no audio here: the marker still shows
            log.warning("guide chime not played: %s", error)


def main() -> int:
    CHIME_FILE.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(CHIME_FILE, chime_wav_bytes())
    print(f"wrote {CHIME_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
