"""A picture is drawn once per size and copied on later paints (ui/widgets/picture.py)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ui.widgets.picture import Picture

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">
<rect width="400" height="300" fill="#ffffff"/><rect x="150" y="100" width="100" height="100" fill="#0055cc"/></svg>"""


def test_the_svg_is_rendered_once_per_size_and_shows_where_it_should(qtbot, tmp_path):
    path = tmp_path / "screen.svg"
    path.write_text(SVG)
    picture = Picture()
    qtbot.addWidget(picture)
    picture.resize(800, 600)
    picture.set_source(path)
    picture.show()
    qtbot.waitExposed(picture)
    shot = picture.grab().toImage()
    assert shot.pixelColor(400, 300) == QColor("#0055cc")  # the blue square, scaled to the middle
    assert shot.pixelColor(100, 100) == QColor("#ffffff")
    first = picture._drawn
    picture.grab()
    assert picture._drawn is first, "a second paint copies the first one's picture"
    picture.resize(400, 300)
    qtbot.waitUntil(lambda: picture.width() == 400)  # a window's resize comes back from its platform
    picture.grab()
    assert picture._drawn is not first and picture._drawn.width() == round(400 * picture.devicePixelRatioF())
    assert picture.grab().toImage().pixelColor(200, 150) == QColor("#0055cc")
    picture.set_source(None)
    assert not picture.has_picture() and picture._drawn is None
