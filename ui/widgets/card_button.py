"""A large tappable card with a title and a line of detail, for lists of topics and programs.

Its labels wrap, and it tells its layout the height they need at a given width
(heightForWidth), so a list of cards is as tall as its cards and never cuts one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets.labels import TitleLabel, text_label
from ui.widgets.picture import Picture


def card_title(text: str) -> TitleLabel:
    """A card's heading; wrapped, it keeps its last characters together rather than leave one
    alone on the last line."""
    label = TitleLabel(text)
    label.setProperty("role", "subtitle")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CardButton(QPushButton):
    def __init__(self, title: str, detail: str = "", picture=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(24)
        self.picture: Picture | None = None
        if picture is not None:
            self.picture = Picture()
            self.picture.setFixedSize(160, 120)
            self.picture.set_source(picture)
            self.picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            row.addWidget(self.picture)
        column = QVBoxLayout()
        column.setSpacing(4)
        self.title_label = card_title(title)
        self.detail_label = text_label("body", detail)
        for label in (self.title_label, self.detail_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            column.addWidget(label)
        self.detail_label.setVisible(bool(detail))
        row.addLayout(column, 1)
        self.setAccessibleName(title)

    def text(self) -> str:  # noqa: D401 - mirrors QPushButton.text for tests and speech
        return self.title_label.text()

    def sizeHint(self):  # noqa: N802 (Qt naming)
        # QPushButton sizes itself from its own text; this one holds a layout of labels instead.
        return self.layout().totalSizeHint()

    def minimumSizeHint(self):  # noqa: N802
        return self.layout().totalMinimumSize()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.layout().totalHeightForWidth(width)
