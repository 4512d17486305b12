"""Card thumbnails: decoded on the pictures lane, fitted to the card's box, bounded in bytes, and
a file that cannot be read costs one try, not one per paint."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QObject, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from ui.tasks import TaskRunner
from ui.widgets.thumbnails import LANE, Thumbnails

BOX = QSize(160, 120)
THUMBNAIL_BYTES = BOX.width() * BOX.height() * 4  # ARGB32: what one full-box thumbnail holds
SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <circle cx="100" cy="50" r="40" fill="#00ff00"/>
</svg>"""


class Recording(Thumbnails):
    """Thumbnails that note each decode: which file, on which thread."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decoded: list[tuple[str, int]] = []

    def _decode(self, path: Path, box: QSize) -> QImage | None:
        self.decoded.append((path.name, threading.get_ident()))
        return Thumbnails._decode(path, box)

    def names(self) -> list[str]:
        return [name for name, _ in self.decoded]


class CountingRunner(TaskRunner):
    """The real runner, counting the tasks queued: a card repainting must not add one per paint."""

    def __init__(self):
        super().__init__()
        self.queued = 0

    def run(self, *args, **kwargs):
        self.queued += 1
        return super().run(*args, **kwargs)


@pytest.fixture
def runner():
    runner = CountingRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def hold_lane(runner):
    """Keeps the pictures lane busy until released, so requests queue up behind it."""
    gate = threading.Event()
    runner.run(gate.wait, lane=LANE)
    yield gate.set
    gate.set()


def photo(path: Path, size: tuple[int, int], colour=(200, 30, 30), **save) -> Path:
    Image.new("RGB", size, colour).save(path, **save)
    return path


def arrival(qtbot, thumbnails: Thumbnails, path: Path) -> QImage:
    """Ask for a picture not cached yet and wait for it."""
    with qtbot.waitSignal(thumbnails.ready, timeout=5000, check_params_cb=lambda key: key == str(path)):
        assert thumbnails.get(path) is None
    image = thumbnails.get(path)
    assert image is not None
    return image


def settled(qtbot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy(LANE), timeout=5000)
    QApplication.processEvents()


@pytest.mark.parametrize(("size", "suffix", "fitted"), [
    ((4032, 3024), ".jpg", QSize(160, 120)),
    ((1000, 2000), ".png", QSize(60, 120)),
    ((1600, 400), ".jpg", QSize(160, 40)),
    ((80, 60), ".png", QSize(160, 120)),  # a small picture fills the box like the card's Picture does
])
def test_a_miss_answers_none_then_the_picture_arrives_fitted_to_the_box(qtbot, runner, tmp_path, size, suffix,
                                                                       fitted):
    thumbnails = Thumbnails(runner, BOX)
    path = photo(tmp_path / f"cover{suffix}", size)
    image = arrival(qtbot, thumbnails, path)
    assert image.size() == fitted
    assert image.format() == QImage.Format.Format_ARGB32_Premultiplied
    centre = image.pixelColor(fitted.width() // 2, fitted.height() // 2)
    assert (abs(centre.red() - 200), abs(centre.green() - 30), abs(centre.blue() - 30)) < (12, 12, 12)
    assert thumbnails.bytes_held == image.sizeInBytes()


def test_an_svg_is_rendered_into_a_transparent_image_of_the_fitted_size(qtbot, runner, tmp_path):
    thumbnails = Thumbnails(runner, BOX)
    path = tmp_path / "drawing.svg"
    path.write_text(SVG, encoding="utf-8")
    image = arrival(qtbot, thumbnails, path)
    assert image.size() == QSize(160, 80)
    assert image.format() == QImage.Format.Format_ARGB32_Premultiplied
    assert image.pixelColor(80, 40) == QColor(0, 255, 0)
    assert image.pixelColor(2, 2).alpha() == 0, "outside the drawing stays transparent"


def test_decoding_runs_on_the_pictures_lane_not_the_gui_thread(qtbot, runner, tmp_path):
    thumbnails = Recording(runner, BOX)
    arrival(qtbot, thumbnails, photo(tmp_path / "a.jpg", (800, 600)))
    (name, thread), = thumbnails.decoded
    assert name == "a.jpg" and thread != threading.get_ident()


def test_an_exif_rotated_photo_comes_out_upright(qtbot, runner, tmp_path):
    stored = Image.new("RGB", (400, 300), (255, 0, 0))
    stored.paste((0, 0, 255), (0, 0, 400, 50))  # a blue band along the top as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90 degrees clockwise to show
    path = tmp_path / "phone.jpg"
    stored.save(path, exif=exif)
    image = arrival(qtbot, Thumbnails(runner, BOX), path)
    assert image.size() == QSize(90, 120), "upright the photo is portrait, fitted by its height"
    right, left = image.pixelColor(87, 60), image.pixelColor(5, 60)
    assert right.blue() > 200 and right.red() < 50, "the stored top is on the right once turned"
    assert left.red() > 200 and left.blue() < 50


def test_the_byte_bound_holds_and_the_most_recently_used_picture_survives(qtbot, runner, tmp_path):
    limit = 20 * THUMBNAIL_BYTES
    thumbnails = Recording(runner, BOX, limit_bytes=limit)
    favourite, *others = [photo(tmp_path / f"p{n:03}.jpg", (320, 240), (n, 100, 200 - n // 2)) for n in range(200)]
    arrival(qtbot, thumbnails, favourite)
    for path in others:
        arrival(qtbot, thumbnails, path)
        assert thumbnails.bytes_held <= limit
        assert thumbnails.get(favourite) is not None  # on screen all along: used after every arrival
    assert thumbnails.bytes_held == limit, "full, each thumbnail exactly one box"
    assert thumbnails.names().count(favourite.name) == 1
    assert thumbnails.get(others[0]) is None, "the least recently used went first"
    assert thumbnails.get(others[-1]) is not None


def test_unreadable_pictures_cost_one_try_until_failures_are_forgotten(qtbot, runner, tmp_path, caplog):
    caplog.set_level(logging.DEBUG, logger="ui.widgets.thumbnails")
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0" + b"not really a photo" * 50)
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_text("just words", encoding="utf-8")
    broken_svg = tmp_path / "broken.svg"
    broken_svg.write_text("<svg><circle", encoding="utf-8")
    bad = [corrupt, not_a_picture, broken_svg, tmp_path / "missing.jpg"]
    thumbnails = Recording(runner, BOX)
    assert thumbnails.get(None) is None
    assert [thumbnails.get(path) for path in bad] == [None] * 4
    settled(qtbot, runner)
    assert sorted(thumbnails.names()) == sorted(path.name for path in bad)

    for _ in range(3):  # a card repainting asks again and again
        assert [thumbnails.get(path) for path in bad] == [None] * 4
        thumbnails.prefetch(bad)
        assert not runner.busy(LANE), "nothing was queued for a known failure"
    assert len(thumbnails.decoded) == 4 and thumbnails.bytes_held == 0
    for path in bad:
        assert any(str(path) in record.getMessage() for record in caplog.records), path

    thumbnails.forget_failures()
    assert [thumbnails.get(path) for path in bad] == [None] * 4
    settled(qtbot, runner)
    assert len(thumbnails.decoded) == 8


def test_a_path_asked_for_again_before_it_arrives_is_decoded_once(qtbot, runner, hold_lane, tmp_path):
    thumbnails = Recording(runner, BOX)
    path = photo(tmp_path / "once.jpg", (640, 480))
    for _ in range(3):
        assert thumbnails.get(path) is None
    thumbnails.prefetch([path, path])
    assert runner.queued == 2, "the task holding the lane, and one decode"
    with qtbot.waitSignal(thumbnails.ready, timeout=5000):
        hold_lane()
    settled(qtbot, runner)
    assert thumbnails.names() == ["once.jpg"]
    assert thumbnails.get(path) is not None


def test_a_card_on_screen_goes_ahead_of_prefetching_and_is_still_decoded_once(qtbot, runner, hold_lane, tmp_path):
    thumbnails = Recording(runner, BOX)
    ahead, behind, shown = (photo(tmp_path / f"{name}.jpg", (640, 480)) for name in ("ahead", "behind", "shown"))
    thumbnails.prefetch([ahead, behind, shown])
    assert thumbnails.get(shown) is None  # scrolled to: now on screen
    arrived = []
    thumbnails.ready.connect(arrived.append)
    hold_lane()
    qtbot.waitUntil(lambda: len(arrived) == 3, timeout=5000)
    settled(qtbot, runner)
    assert thumbnails.names() == ["shown.jpg", "ahead.jpg", "behind.jpg"]
    assert arrived == [str(shown), str(ahead), str(behind)]


def test_prefetching_stops_at_what_the_cache_can_keep(qtbot, runner, hold_lane, tmp_path):
    thumbnails = Recording(runner, BOX, limit_bytes=10 * THUMBNAIL_BYTES)
    paths = [photo(tmp_path / f"p{n}.jpg", (64, 48)) for n in range(12)]
    thumbnails.prefetch(paths)
    hold_lane()
    settled(qtbot, runner)
    assert thumbnails.names() == [path.name for path in paths[:5]], "half the cache, the first ones first"


def test_a_new_list_drops_the_decodes_not_started(qtbot, runner, hold_lane, tmp_path):
    thumbnails = Recording(runner, BOX)
    old = [photo(tmp_path / f"old{n}.jpg", (640, 480)) for n in range(3)]
    thumbnails.prefetch(old[1:])
    assert thumbnails.get(old[0]) is None
    thumbnails.drop_queued()
    hold_lane()
    settled(qtbot, runner)
    assert thumbnails.decoded == [] and thumbnails.bytes_held == 0
    arrival(qtbot, thumbnails, old[0])  # asked for again, it is queued again
    assert thumbnails.names() == ["old0.jpg"]


def test_thumbnails_deleted_with_their_owner_receive_nothing_after(qtbot, runner, hold_lane, tmp_path):
    owner = QObject()
    thumbnails = Recording(runner, BOX, parent=owner)
    assert thumbnails.get(photo(tmp_path / "late.jpg", (640, 480))) is None
    with qtbot.waitSignal(thumbnails.destroyed, timeout=5000):
        owner.deleteLater()
    hold_lane()
    settled(qtbot, runner)  # an arrival at the deleted object would raise here, failing the test
    assert thumbnails.decoded == []
