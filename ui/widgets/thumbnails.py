"""Card pictures, decoded off the GUI thread, scaled to the card's box, kept in a bounded cache.

A city catalog has thousands of lessons, each with its own picture of up to 1600 px. Decoding one
on the GUI thread costs tens of milliseconds, so a list that did it while painting would stall on
every scroll. Instead the card delegate asks ``get(path)``: a hit is a small image it can draw at
once; a miss answers None (the card paints without its picture) and queues one decode on the
runner's "pictures" lane; ``ready`` then says which picture arrived so the card can be repainted.

Only QImage is made on the lane: QPixmap belongs to the GUI thread. A JPEG told its scaled size
before it is read decodes at a fraction of its scale, so a 4032x3024 photo costs little more than
the 160x120 thumbnail it becomes. The cache is bounded by bytes, least recently used out first,
because a card's cost is its pixels, not its count.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

from ui.tasks import Task, TaskRunner
from ui.theme import CARD_PICTURE_H, CARD_PICTURE_W

log = logging.getLogger(__name__)

LANE = "pictures"
CARD_PICTURE_BOX = QSize(CARD_PICTURE_W, CARD_PICTURE_H)
PAINT_FORMAT = QImage.Format.Format_ARGB32_Premultiplied  # what QPainter draws without converting

_TAKEN = object()  # a job's second task found the decode already done by its first


class _Job:
    """One decode of one path, which may be queued twice: as a prefetch, then again as urgent when
    a card on screen asks for it. Both tasks run on the one pictures lane, one after the other, so
    whichever comes first decodes and the other does nothing."""

    def __init__(self, decode):
        self._decode = decode
        self._taken = False
        self.tasks: list[Task] = []
        self.urgent = False

    def __call__(self):
        if self._taken:
            return _TAKEN
        self._taken = True
        return self._decode()

    def alive(self) -> bool:
        """False when every task of it was dropped before it started: nothing will arrive."""
        return any(not task.cancelled for task in self.tasks)


class Thumbnails(QObject):
    ready = Signal(str)  # str(path) of a thumbnail that has just arrived (emitted on the GUI thread)

    def __init__(self, runner: TaskRunner, box: QSize = CARD_PICTURE_BOX, limit_bytes: int = 24 * 1024 * 1024,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self._box = QSize(box)
        self._limit = limit_bytes
        self._images: OrderedDict[str, QImage] = OrderedDict()  # oldest used first
        self._bytes = 0
        self._pending: dict[str, _Job] = {}
        self._failed: set[str] = set()
        # Prefetching more than the cache holds would push out the first of them, and what is on
        # screen, before they are ever shown.
        self._prefetch_limit = max(1, limit_bytes // max(1, box.width() * box.height() * 4) // 2)
        pending = self._pending  # not self: it is being destroyed when this runs
        self.destroyed.connect(lambda: _cancel_all(pending))

    def get(self, path: Path | None) -> QImage | None:
        """The cached thumbnail, or None; a miss schedules one decode on the runner's "pictures" lane
        (never twice for the same path while one is pending; a file that cannot be read is remembered and
        not retried until forget_failures())."""
        if path is None:
            return None
        key = str(path)
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image
        self._schedule(key, urgent=True)
        return None

    def prefetch(self, paths: Iterable[Path | None]) -> None:
        """Schedule decodes for paths not cached, behind get()'s; only as many as the cache can keep
        beside what is on screen, the first ones first."""
        scheduled = 0
        for path in paths:
            if scheduled >= self._prefetch_limit:
                break
            if path is not None and str(path) not in self._images:
                scheduled += self._schedule(str(path), urgent=False)

    def drop_queued(self) -> None:
        """A new list replaced the old: forget decodes not started (one running still arrives)."""
        self._runner.drop_queued(LANE, urgent=True)
        self._runner.drop_queued(LANE, urgent=False)
        for key in [key for key, job in self._pending.items() if not job.alive()]:
            del self._pending[key]

    def forget_failures(self) -> None:
        """New content arrived: a picture that could not be read may be readable now."""
        self._failed.clear()

    @property
    def bytes_held(self) -> int:
        return self._bytes

    def _schedule(self, key: str, urgent: bool) -> bool:
        """True if a decode was queued for it now."""
        if key in self._failed:
            return False
        job = self._pending.get(key)
        if job is not None and job.alive() and (job.urgent or not urgent):
            return False
        if job is None or not job.alive():
            decode, box = self._decode, QSize(self._box)  # taken here, not looked up on the lane
            job = self._pending[key] = _Job(lambda: decode(Path(key), box))
        # A card on screen asks for a picture only queued as a prefetch: queue it again ahead.
        job.urgent = job.urgent or urgent
        job.tasks.append(self._runner.run(
            job, lambda image: self._arrived(key, job, image), lambda error: self._unreadable(key, job, error),
            lane=LANE, urgent=urgent))
        return True

    def _arrived(self, key: str, job: _Job, image: QImage | None) -> None:
        if image is _TAKEN or self._pending.get(key) is not job:
            return
        del self._pending[key]
        if image is None:
            self._failed.add(key)
            return
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        # The newest stays even if alone it is over the bound: else its card would ask forever.
        while self._bytes > self._limit and len(self._images) > 1:
            _, oldest = self._images.popitem(last=False)
            self._bytes -= oldest.sizeInBytes()
        self.ready.emit(key)

    def _unreadable(self, key: str, job: _Job, error: Exception) -> None:
        log.debug("no thumbnail for %s", key, exc_info=error)
        if self._pending.get(key) is job:
            del self._pending[key]
            self._failed.add(key)

    @staticmethod
    def _decode(path: Path, box: QSize) -> QImage | None:
        """Runs on the pictures lane: the thumbnail fitted inside ``box``, or None if unreadable."""
        if path.suffix.lower() == ".svg":
            return _render_svg(path, box)
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        stored = reader.size()
        if not stored.isValid():
            log.debug("no thumbnail for %s: %s", path, reader.errorString())
            return None
        # The reader scales the picture as stored, then turns it upright (EXIF orientation).
        turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
        upright = stored.transposed() if turned else stored
        fitted = upright.scaled(box, Qt.AspectRatioMode.KeepAspectRatio).expandedTo(QSize(1, 1))
        reader.setScaledSize(fitted.transposed() if turned else fitted)
        image = reader.read()
        if image.isNull():
            log.debug("no thumbnail for %s: %s", path, reader.errorString())
            return None
        return image.convertToFormat(PAINT_FORMAT)


def _render_svg(path: Path, box: QSize) -> QImage | None:
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        log.debug("no thumbnail for %s: not a readable SVG", path)
        return None
    natural = renderer.defaultSize()
    fitted = natural.scaled(box, Qt.AspectRatioMode.KeepAspectRatio) if not natural.isEmpty() else QSize(box)
    fitted = fitted.expandedTo(QSize(1, 1))
    image = QImage(fitted, PAINT_FORMAT)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def _cancel_all(pending: dict[str, _Job]) -> None:
    """The cache is gone: nothing queued for it may arrive at a deleted object."""
    for job in pending.values():
        for task in job.tasks:
            task.cancel()
    pending.clear()
