"""Notices of the center that are valid today."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.card_button import card_title
from ui.widgets.labels import text_label
from ui.widgets.scroll_list import ScrollList


class NoticesScreen(Screen):
    name = "notices"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.list = ScrollList(spacing=self.sizes.gap)
        self.root.addWidget(self.list, 1)
        self.items: list[tuple[str, str]] = []

    def refresh(self) -> None:
        super().refresh()
        self.title.setText(tr("Notices"))
        self.list.clear()
        self.list.list_layout.setSpacing(self.sizes.gap)
        self.items = []
        notices = self.services.content.notices()  # the repository's day, which tests pin
        for notice in notices:
            card = QFrame()
            card.setProperty("role", "card")
            column = QVBoxLayout(card)
            column.setContentsMargins(24, 16, 24, 16)
            title, body = self.text(notice.title), self.text(notice.body)
            column.addWidget(card_title(title))
            column.addWidget(text_label("body", body))
            until = tr("Until {date}").format(date=notice.valid_until.strftime("%Y-%m-%d"))
            column.addWidget(text_label("muted", until))
            self.list.add(card)
            self.items.append((title, body))
        if not notices:
            self.list.add(text_label("body", tr("There are no notices today.")))

    def speech(self) -> list[Spoken]:
        spoken = [Spoken(self.title.text())]
        for title, body in self.items:
            spoken += [Spoken(title), Spoken(body)]
        return spoken
