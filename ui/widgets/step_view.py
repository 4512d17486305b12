"""A lesson step's picture and words, laid out by the shape of the room, as ONE flickable area.

Wide room: the picture beside the words; tall room: the picture above them. The words always
get the height their lines need (never a small box of their own that cuts them mid-line); the
picture takes what is left, down to a floor. Only when even that does not fit (the largest text
on a small panel) do picture and words scroll, together, while the screen's buttons stay put.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from ui.widgets.fit import fitted, narrowest_width
from ui.widgets.picture import Picture
from ui.widgets.scroll_list import make_flickable

# Beside the words the picture keeps at least this share of the width; above them, of the height.
PICTURE_FLOOR_SHARE = 0.36
# Beside the words, the words start with this share of the width and widen only if they must.
WORDS_SHARE = 4 / 9
# The area's own minimum (a scroll area asks for room for its scroll bar's handle and more):
# the window's screens are a stack, so even a hidden screen's minimum can make it outgrow a panel.
MIN_HEIGHT_PX = 100


@dataclass(frozen=True)
class Plan:
    side_by_side: bool
    picture: QRect
    words: QRect
    height: int  # the whole content's height (more than the room: it scrolls)


def plan(width: int, room: int, gap: int, words: QLabel, natural: tuple[float, float] | None) -> Plan:
    """Where the picture and the words go in a ``width`` x ``room`` area."""
    if natural is None:
        height = words.heightForWidth(width)
        return Plan(False, QRect(), QRect(0, 0, width, height), height)
    natural_width, natural_height = natural
    if width > room:
        low = int((width - gap) * WORDS_SHARE)
        high = int((width - gap) * (1 - PICTURE_FLOOR_SHARE))
        words_width = narrowest_width([words], 0, room, low, high) or high
        box_width = width - gap - words_width
        drawn_width, _ = fitted(natural_width, natural_height, box_width, room)
        # Width the picture cannot use (its height limits it) goes to the words.
        words_width = width - gap - drawn_width
        words_height = words.heightForWidth(words_width)
        return Plan(True, QRect(0, 0, drawn_width, room), QRect(drawn_width + gap, 0, words_width, words_height),
                    max(room, words_height))
    words_height = words.heightForWidth(width)
    _, natural_fit = fitted(natural_width, natural_height, width, 10**6)
    floor = min(natural_fit, int(room * PICTURE_FLOOR_SHARE))
    picture_height = max(floor, min(natural_fit, room - gap - words_height))
    drawn_width, drawn_height = fitted(natural_width, natural_height, width, picture_height)
    picture = QRect((width - drawn_width) // 2, 0, drawn_width, drawn_height)
    return Plan(False, picture, QRect(0, drawn_height + gap, width, words_height), drawn_height + gap + words_height)


class StepView(QScrollArea):
    def __init__(self, words: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.content = QWidget()
        self.content.setObjectName("scrollContent")
        self.picture = Picture(self.content)
        self.picture.setMinimumSize(0, 0)
        self.words = words
        words.setParent(self.content)
        self.gap = 24
        self.plan: Plan | None = None
        self._arranging = False
        self._again = False
        make_flickable(self, self.content)
        self.setMinimumHeight(MIN_HEIGHT_PX)
        self.content.installEventFilter(self)

    def set_gap(self, gap: int) -> None:
        self.gap = gap
        self.arrange()

    def show_step(self) -> None:
        """After the words or the picture changed: lay out afresh, from the top."""
        self.arrange()
        self.verticalScrollBar().setValue(0)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        # Resize: the room changed. LayoutRequest: the words' size changed (text size, language).
        if watched is self.content and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.arrange()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.arrange()

    def arrange(self) -> None:
        # Giving the content a minimum height can show the scroll bar, which narrows the
        # content and asks for an arrangement while this one runs: that one runs next.
        if self._arranging:
            self._again = True
            return
        self._arranging = True
        try:
            for _ in range(3):
                self._again = False
                self._arrange_once()
                if not self._again:
                    break
        finally:
            self._arranging = False

    def _arrange_once(self) -> None:
        natural = self.picture.natural_size() if self.picture.has_picture() else None
        size = (natural.width(), natural.height()) if natural is not None else None
        room = self.viewport().height()
        self.plan = plan(self.content.width(), room, self.gap, self.words, size)
        self.picture.setVisible(size is not None)
        self.picture.setGeometry(self.plan.picture)
        self.words.setGeometry(self.plan.words)
        # More than the room: the scroll area gives the content this height and scrolls it.
        self.content.setMinimumHeight(self.plan.height if self.plan.height > room else 0)
