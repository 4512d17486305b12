"""A flickable list of large cards, drawn only where they are seen (Qt model/view).

A city catalog puts hundreds of lessons in one list. As widgets, every card would be built, laid
out and given its decoded picture up front (seconds, and hundreds of MB); here a QListView asks
the delegate to paint the few rows in view, and pictures arrive scaled from ui/widgets/thumbnails.py,
decoded off the GUI thread. Each card looks as CardButton does (ui/widgets/card_button.py: a
framed white card, its picture on the left, a bold title over its detail, pressed in yellow) and
is as tall as its wrapped words need, so no line is ever cut (``needed_height``, which
ui/layout_check.py compares with what was laid out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QScroller, QStyledItemDelegate, QWidget

from ui import theme
from ui.widgets.labels import avoid_orphan
from ui.widgets.thumbnails import Thumbnails

# Room kept right of the cards, so a finger on a card's edge is not on the scroll bar.
RIGHT_GAP_PX = 24
# Rows decoded ahead beyond the last one in view, so a flick shows pictures, not blanks.
PREFETCH_ROWS = 12
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


@dataclass(frozen=True)
class Card:
    key: str
    title: str
    detail: str = ""
    picture: Path | None = None
    action: Callable[[], None] | None = field(default=None, compare=False, repr=False)


class CardListModel(QAbstractListModel):
    KEY_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cards: list[Card] = []

    def set_cards(self, cards: Iterable[Card]) -> None:
        self.beginResetModel()
        self._cards = list(cards)
        self.endResetModel()

    def cards(self) -> list[Card]:
        return list(self._cards)

    def card(self, row: int) -> Card:
        return self._cards[row]

    def row_of(self, key: str) -> int | None:
        return next((row for row, card in enumerate(self._cards) if card.key == key), None)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return card.title
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return card.detail
        if role == self.KEY_ROLE:
            return card.key
        return None


class CardDelegate(QStyledItemDelegate):
    """Paints a card and says how tall it is at a width; heights are kept per width and text size,
    so a list of 800 is measured once, not on every scroll."""

    def __init__(self, view: "CardList", thumbnails: Thumbnails):
        super().__init__(view)
        self.view = view
        self.thumbnails = thumbnails
        self.title_px = 36
        self.detail_px = 30
        self.min_height = theme.MIN_TARGET_PX
        self._heights: dict[tuple[int, int], int] = {}

    def set_text_sizes(self, title_px: int, detail_px: int, min_height: int) -> None:
        if (title_px, detail_px, min_height) != (self.title_px, self.detail_px, self.min_height):
            self.title_px, self.detail_px, self.min_height = title_px, detail_px, min_height
            self.forget_heights()

    def forget_heights(self) -> None:
        self._heights.clear()

    def fonts(self) -> tuple[QFont, QFont]:
        title = QFont(self.view.font())
        title.setPixelSize(self.title_px)
        title.setBold(True)
        detail = QFont(self.view.font())
        detail.setPixelSize(self.detail_px)
        detail.setBold(False)
        return title, detail

    def _text_width(self, card: Card, width: int) -> int:
        inner = width - 2 * theme.CARD_PADDING_X
        if card.picture is not None:
            inner -= theme.CARD_PICTURE_W + theme.CARD_PADDING_X
        return max(1, inner)

    def _text_heights(self, card: Card, width: int) -> tuple[int, int]:
        title_font, detail_font = self.fonts()
        text_width = self._text_width(card, width)
        title = QFontMetrics(title_font).boundingRect(QRect(0, 0, text_width, 1 << 20), WRAP, avoid_orphan(card.title))
        detail = (
            QFontMetrics(detail_font).boundingRect(QRect(0, 0, text_width, 1 << 20), WRAP, card.detail).height()
            if card.detail else 0
        )
        return title.height(), detail

    def needed_height(self, card: Card, width: int) -> int:
        title, detail = self._text_heights(card, width)
        words = title + (theme.CARD_LINE_GAP + detail if detail else 0)
        picture = theme.CARD_PICTURE_H if card.picture is not None else 0
        return max(self.min_height, max(words, picture) + 2 * theme.CARD_PADDING_Y)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt naming)
        width = self.view.card_width()
        key = (index.row(), width)
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = self.needed_height(self.view.model().card(index.row()), width)
        # The gap below a card is part of its row: QListView's own spacing would also put one
        # above the first card and left of them all, where the screen's margin already is.
        return QSize(width, height + self.view.gap)

    def paint(self, painter: QPainter, option, index) -> None:
        card = self.view.model().card(index.row())
        rect = self.view.card_rect(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pressed = self.view.pressed_row == index.row()
        half = theme.CARD_BORDER_PX / 2
        painter.setPen(QPen(QColor(theme.PRIMARY), theme.CARD_BORDER_PX))
        painter.setBrush(QColor(theme.SECONDARY_PRESSED if pressed else theme.CARD))
        painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), theme.CARD_RADIUS_PX, theme.CARD_RADIUS_PX)
        inner = rect.adjusted(theme.CARD_PADDING_X, theme.CARD_PADDING_Y, -theme.CARD_PADDING_X, -theme.CARD_PADDING_Y)
        if card.picture is not None:
            box = QRect(inner.left(), inner.top() + (inner.height() - theme.CARD_PICTURE_H) // 2,
                        theme.CARD_PICTURE_W, theme.CARD_PICTURE_H)
            image = self.thumbnails.get(card.picture)
            if image is not None:
                target = QRect(QPoint(0, 0), image.size())
                target.moveCenter(box.center())
                painter.drawImage(target, image)
            inner.setLeft(box.right() + 1 + theme.CARD_PADDING_X)
        title_font, detail_font = self.fonts()
        title_h, detail_h = self._text_heights(card, rect.width())
        words = title_h + (theme.CARD_LINE_GAP + detail_h if detail_h else 0)
        top = inner.top() + max(0, (inner.height() - words) // 2)
        painter.setPen(QColor(theme.INK))
        painter.setFont(title_font)
        painter.drawText(QRect(inner.left(), top, inner.width(), title_h), WRAP, avoid_orphan(card.title))
        if card.detail:
            painter.setFont(detail_font)
            painter.drawText(QRect(inner.left(), top + title_h + theme.CARD_LINE_GAP, inner.width(), detail_h), WRAP,
                             card.detail)
        painter.restore()


class CardList(QListView):
    """Cards in a column; a tap on one runs its action. ``painted`` follows each paint of the
    rows (bench/catalog.py times a tap to the list on screen by it)."""

    painted = Signal()

    def __init__(self, thumbnails: Thumbnails, spacing: int = theme.MIN_GAP_PX, parent: QWidget | None = None):
        super().__init__(parent)
        self._model = CardListModel(self)
        self.setModel(self._model)
        self.card_delegate = CardDelegate(self, thumbnails)
        self.setItemDelegate(self.card_delegate)
        self.thumbnails = thumbnails
        self.pressed_row: int | None = None
        self._lifted_on_card = False
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.gap = spacing
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.clicked.connect(self._tapped)
        self.pressed.connect(self._press)
        thumbnails.ready.connect(self._picture_arrived)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._prefetch())

    # Content ---------------------------------------------------------------------------------
    def model(self) -> CardListModel:  # the one model this view has, typed
        return self._model

    def set_cards(self, cards: Iterable[Card]) -> None:
        self.thumbnails.drop_queued()
        self.pressed_row = None
        self.card_delegate.forget_heights()
        self._model.set_cards(cards)
        self.verticalScrollBar().setValue(0)
        self._prefetch()

    def cards(self) -> list[Card]:
        return self._model.cards()

    def set_spacing(self, gap: int) -> None:
        if gap != self.gap:
            self.gap = gap
            self.scheduleDelayedItemsLayout()

    def card_rect(self, row_rect: QRect) -> QRect:
        """The card drawn in a row: the row without the gap below it, as wide as cards are."""
        return QRect(row_rect.left(), row_rect.top(), min(row_rect.width(), self.card_width()),
                     max(0, row_rect.height() - self.gap))

    def set_text_sizes(self, title_px: int, detail_px: int, min_height: int) -> None:
        self.card_delegate.set_text_sizes(title_px, detail_px, min_height)
        self.scheduleDelayedItemsLayout()

    def card_width(self) -> int:
        return max(1, self.viewport().width() - RIGHT_GAP_PX)

    # Touch -----------------------------------------------------------------------------------
    def tap_point(self, key: str) -> QPoint:
        """A point on ``key``'s card in the viewport's coordinates, the card scrolled into view first."""
        row = self._model.row_of(key)
        if row is None:
            raise KeyError(key)
        index = self._model.index(row)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return self.card_rect(self.visualRect(index)).center()

    def scroll_to_key(self, key: str) -> None:
        row = self._model.row_of(key)
        if row is not None:
            self.scrollTo(self._model.index(row), QAbstractItemView.ScrollHint.PositionAtCenter)

    def visible_cards(self) -> list[tuple[Card, QRect]]:
        """The cards at least partly in view, each with its rectangle in the viewport's coordinates."""
        shown = []
        area = self.viewport().rect()
        for row in range(self._model.rowCount()):
            rect = self.card_rect(self.visualRect(self._model.index(row)))
            if rect.intersects(area):
                shown.append((self._model.card(row), rect))
            elif rect.top() > area.bottom():
                break
        return shown

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        # A press in the gap between two cards, or right of them, is on no card.
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and not self.card_rect(self.visualRect(index)).contains(event.position().toPoint()):
            event.ignore()
            return
        super().mousePressEvent(event)

    def _press(self, index: QModelIndex) -> None:
        self.pressed_row = index.row()
        self.viewport().update(self.visualRect(index))

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        # A finger that slid off the card before lifting taps nothing, as on a button.
        point = event.position().toPoint()
        index = self.indexAt(point)
        self._lifted_on_card = index.isValid() and self.card_rect(self.visualRect(index)).contains(point)
        super().mouseReleaseEvent(event)  # emits clicked first, on the card still marked pressed
        self._release()

    def _release(self) -> None:
        if self.pressed_row is not None:
            self.pressed_row = None
            self.viewport().update()

    def _tapped(self, index: QModelIndex) -> None:
        self._release()
        if not self._lifted_on_card:
            return
        card = self._model.card(index.row())
        if card.action is not None:
            card.action()

    # Pictures --------------------------------------------------------------------------------
    def _rows_in_view(self) -> range:
        top = self.indexAt(QPoint(RIGHT_GAP_PX, 1))
        bottom = self.indexAt(QPoint(RIGHT_GAP_PX, self.viewport().height() - 1))
        first = top.row() if top.isValid() else 0
        last = bottom.row() if bottom.isValid() else min(self._model.rowCount(), first + PREFETCH_ROWS) - 1
        return range(first, min(self._model.rowCount(), last + 1 + PREFETCH_ROWS))

    def _prefetch(self) -> None:
        self.thumbnails.prefetch(self._model.card(row).picture for row in self._rows_in_view())

    def _picture_arrived(self, path: str) -> None:
        for row in self._rows_in_view():
            card = self._model.card(row)
            if card.picture is not None and str(card.picture) == path:
                self.viewport().update(self.visualRect(self._model.index(row)))

    # Layout ----------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.size().width() != event.oldSize().width():
            self.card_delegate.forget_heights()
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        self.painted.emit()
