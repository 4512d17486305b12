"""A practice task's page: the task, its hint, "Listen again" and the mock screen, all on view.

Nothing here scrolls: the words keep the height their lines need (the hint's room is kept from
the start, so the mock screen does not jump when the hint appears) and the mock screen shrinks
to what is left. Wide room: words on the left, the mock screen on the right, with "Listen again"
under whichever of the two leaves the mock screen larger; tall room: words, then the button,
then the mock screen. Only when the words cannot fit at their size beside a usable mock screen
(the largest text on a 1366x768 panel) do the task and the hint step down together to the body
size, still bold, so the hint stays as large as the task.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QWidget

from ui.widgets.fit import fitted, narrowest_width
from ui.widgets.sentences import SentenceLabel
from ui.widgets.tap_target import TapPicture

# Beside the words, neither the words nor the mock screen gets less than this share of the width.
MIN_SHARE = 0.3


@dataclass(frozen=True)
class TaskPlan:
    task: QRect
    hint: QRect
    listen: QRect
    picture: QRect
    fits: bool


class TaskPage(QWidget):
    def __init__(self, task: SentenceLabel, hint: SentenceLabel, listen: QAbstractButton, picture: TapPicture,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.task, self.hint, self.listen, self.picture = task, hint, listen, picture
        for child in (task, hint, listen, picture):
            child.setParent(self)
        picture.setMinimumSize(0, 0)
        self.gap = 24
        self.plan: TaskPlan | None = None
        self.compact_px = 0  # the body size the words may step down to; 0: never
        self.compact = False
        self._decided_for: tuple | None = None

    def set_gap(self, gap: int) -> None:
        self.gap = gap
        self.arrange()

    def set_compact_px(self, pixels: int) -> None:
        self.compact_px = pixels
        self.arrange()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return QSize(800, 600)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # Everything here shrinks or wraps; a minimum would only make the window outgrow its panel.
        return QSize(0, 0)

    def event(self, event) -> bool:
        # A child's size changed (words, language, text size): share the room afresh.
        if event.type() == QEvent.Type.LayoutRequest:
            self.arrange()
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.arrange()

    def arrange(self) -> None:
        # Whether to step the words down is decided once for a room and words; the restyling it
        # takes makes the labels ask for a new layout, which then keeps that decision.
        key = (self.width(), self.height(), self.task.plain_text(), self.hint.plain_text(), self.gap, self.compact_px)
        if key != self._decided_for:
            self._decided_for = key
            self._set_compact(False)
            plan = self.plan_for(self.width(), self.height())
            if not plan.fits and self.compact_px:
                self._set_compact(True)
                plan = self.plan_for(self.width(), self.height())
        else:
            plan = self.plan_for(self.width(), self.height())
        self.plan = plan
        self.task.setGeometry(self.plan.task)
        self.hint.setGeometry(self.plan.hint)
        self.listen.setGeometry(self.plan.listen)
        self.picture.setGeometry(self.plan.picture)

    def _set_compact(self, on: bool) -> None:
        self.compact = on
        style = f"font-size: {self.compact_px}px;" if on else ""
        for label in (self.task, self.hint):
            if label.styleSheet() != style:
                label.setStyleSheet(style)
                # A hidden label (the hint until needed) keeps measuring its words in the old
                # font until its text is set again, so it would keep the room of its old size.
                label.ensurePolished()
                label.setText("")
                label.highlight(label.highlighted)

    # Planning ----------------------------------------------------------------------------------
    def _words_height(self, width: int) -> tuple[int, int]:
        return self.task.heightForWidth(width), self.hint.heightForWidth(width)

    def plan_for(self, width: int, height: int) -> TaskPlan:
        if width > height:
            return self._side_by_side(width, height)
        return self._stacked(width, height)

    def _stacked(self, width: int, height: int) -> TaskPlan:
        gap = self.gap
        task_h, hint_h = self._words_height(width)
        listen_h = self.listen.sizeHint().height()
        top = task_h + gap + hint_h + gap + listen_h + gap
        natural = self.picture.picture_size
        drawn_w, drawn_h = fitted(*natural, width, max(0, height - top))
        return TaskPlan(
            task=QRect(0, 0, width, task_h),
            hint=QRect(0, task_h + gap, width, hint_h),
            listen=QRect(0, top - gap - listen_h, width, listen_h),
            picture=QRect((width - drawn_w) // 2, top, drawn_w, drawn_h),
            fits=height - top >= height * MIN_SHARE,
        )

    def _side_by_side(self, width: int, height: int) -> TaskPlan:
        gap = self.gap
        words = [self.task, self.hint]
        listen = self.listen.sizeHint()
        natural = self.picture.picture_size
        low, high = int(width * MIN_SHARE), int(width * (1 - MIN_SHARE)) - gap
        best: tuple[int, TaskPlan] | None = None
        for under_words in (True, False):
            words_room = height - (listen.height() + gap if under_words else 0)
            column = narrowest_width(words, gap, words_room, max(low, listen.width() if under_words else 0), high)
            if column is None:
                continue
            box_w = width - gap - column
            box_h = height - (0 if under_words else listen.height() + gap)
            drawn_w, drawn_h = fitted(*natural, box_w, box_h)
            if not under_words and box_w < listen.width():
                continue
            # Width the mock screen cannot use (its height limits it) goes to the words.
            column = width - gap - max(drawn_w, 0 if under_words else listen.width())
            task_h, hint_h = self._words_height(column)
            picture_x = column + gap
            if under_words:
                listen_rect = QRect(0, height - listen.height(), column, listen.height())
                picture = QRect(picture_x, (height - drawn_h) // 2, drawn_w, drawn_h)
            else:
                picture = QRect(picture_x, 0, drawn_w, drawn_h)
                listen_rect = QRect(picture_x, drawn_h + gap, width - picture_x, listen.height())
            plan = TaskPlan(QRect(0, 0, column, task_h), QRect(0, task_h + gap, column, hint_h), listen_rect, picture, True)
            if best is None or drawn_w * drawn_h > best[0]:
                best = (drawn_w * drawn_h, plan)
        if best is not None:
            return best[1]
        # Too many words for any sharing: words as wide as allowed, the button under them, and
        # the mock screen in what is left (the layout check reports whatever is then cut).
        column = high
        task_h, hint_h = self._words_height(column)
        drawn_w, drawn_h = fitted(*natural, width - gap - column, height)
        return TaskPlan(
            QRect(0, 0, column, task_h), QRect(0, task_h + gap, column, hint_h),
            QRect(0, max(task_h + gap + hint_h + gap, height - listen.height()), column, listen.height()),
            QRect(column + gap, (height - drawn_h) // 2, drawn_w, drawn_h), False,
        )
