"""A row of equal buttons that folds onto more rows where the width runs out.

A QHBoxLayout of seven day buttons needs the width of all seven side by side, and a portrait
panel lacks it: the page then scrolls sideways. This keeps the buttons on one row where their
words fit side by side (sharing the width as evenly as their words allow, as QHBoxLayout
does), and otherwise lays them in as few rows as needed, the same number on each row (7 as
4 + 3, not 6 + 1) and all of one width, so a row of choices still reads as one choice.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt

from ui.widgets.flow_layout import ItemListLayout


class EvenRows(ItemListLayout):
    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        rows, _ = self._grid(width)
        return self._height(rows)

    def sizeHint(self) -> QSize:  # noqa: N802
        items = self._visible()
        width = sum(item.sizeHint().width() for item in items) + self._spacing * max(0, len(items) - 1)
        return QSize(width, self._height(1)) + self._margin_size()

    def minimumSize(self) -> QSize:  # noqa: N802
        return QSize(self._widest(), self._row_height()) + self._margin_size()

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        rows, columns = self._grid(rect.width())
        if not columns:
            return
        items = self._visible()
        room = area.width() - self._spacing * (columns - 1)
        if rows == 1:
            widths = _share(room, [item.minimumSize().width() for item in items])
        else:
            widths = [room / columns] * len(items)
        height = self._row_height()
        x, previous_row = 0.0, 0
        for index, (item, width) in enumerate(zip(items, widths)):
            row = index // columns
            if row != previous_row:
                x, previous_row = 0.0, row
            left, right = area.x() + round(x), area.x() + round(x + width)
            item.setGeometry(QRect(left, area.y() + row * (height + self._spacing), right - left, height))
            x += width + self._spacing

    # Arranging -----------------------------------------------------------------------------
    def _widest(self) -> int:
        return max((item.minimumSize().width() for item in self._visible()), default=0)

    def _row_height(self) -> int:
        return max((item.sizeHint().height() for item in self._visible()), default=0)

    def _height(self, rows: int) -> int:
        margins = self.contentsMargins()
        return rows * self._row_height() + self._spacing * max(0, rows - 1) + margins.top() + margins.bottom()

    def _margin_size(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _grid(self, width: int) -> tuple[int, int]:
        """(rows, columns) for the items at ``width``: as many a row as fit, evened out."""
        count = len(self._visible())
        if not count:
            return 0, 0
        margins = self.contentsMargins()
        room = width - margins.left() - margins.right()
        side_by_side = sum(item.minimumSize().width() for item in self._visible()) + self._spacing * (count - 1)
        if side_by_side <= room:
            return 1, count
        fit = max(1, (room + self._spacing) // (self._widest() + self._spacing))
        rows = math.ceil(count / min(count, fit))
        return rows, math.ceil(count / rows)


def _share(room: float, minimums: list[int]) -> list[float]:
    """Widths for one row: equal where the words allow, each at least its minimum."""
    widths: list[float | None] = [None] * len(minimums)
    while True:
        open_ = [i for i, width in enumerate(widths) if width is None]
        if not open_:
            return [float(width) for width in widths]
        equal = (room - sum(width for width in widths if width is not None)) / len(open_)
        wide = [i for i in open_ if minimums[i] > equal]
        if not wide:
            return [equal if width is None else width for width in widths]
        for i in wide:
            widths[i] = minimums[i]
