"""What the guide panel's sections share: a base class and small helpers for times and rows."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.clock import from_naive_utc
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label

if TYPE_CHECKING:
    from ui.screens.guide_panel import GuidePanelScreen


class Section(QWidget):
    """One page of the panel; ``refresh`` re-reads its data and re-renders every text."""

    def __init__(self, panel: "GuidePanelScreen"):
        super().__init__()
        self.panel = panel
        self.services = panel.services
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)

    def refresh(self) -> None:
        self.column.setSpacing(self.panel.sizes.gap)

    def forget(self) -> None:
        """Drop anything shown, before the next visitor (called when guide mode ends)."""


class CardListSection(Section):
    """A heading over a list of cards, rebuilt on every refresh (help requests, messages)."""

    def __init__(self, panel: "GuidePanelScreen"):
        super().__init__(panel)
        self.heading = text_label("subtitle")
        self.column.addWidget(self.heading)
        self.rows = QVBoxLayout()
        self.column.addLayout(self.rows)

    def start_list(self, heading: str) -> None:
        clear_layout(self.rows)
        self.rows.setSpacing(self.panel.sizes.gap)
        self.heading.setText(heading)

    def add_card(self, layout_type: type[QBoxLayout], *widgets: QWidget, stretch_first: bool = False) -> None:
        """A new card at the end of the list holding ``widgets`` (the first may take the spare room)."""
        card = QFrame()
        card.setProperty("role", "card")
        layout = layout_type(card)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(self.panel.sizes.gap)
        for index, widget in enumerate(widgets):
            layout.addWidget(widget, 1 if stretch_first and index == 0 else 0)
        self.rows.addWidget(card)
        card.show()  # now, not on the next event-loop turn, so the list is complete at once

    def forget(self) -> None:
        clear_layout(self.rows)


def local_time(moment_utc: dt.datetime | None, now: dt.datetime) -> dt.datetime | None:
    """Stored times are naive UTC; show them in the time zone of ``now``."""
    return None if moment_utc is None else from_naive_utc(moment_utc, now.tzinfo)


def choice_row(labels: dict, on_choose, gap: int) -> tuple[QHBoxLayout, dict]:
    """A row of exclusive choice buttons; the caller checks the current one on refresh."""
    row = QHBoxLayout()
    row.setSpacing(gap)
    buttons = {}
    for key, label in labels.items():
        button = BigButton(label, role="choice")
        button.setCheckable(True)
        button.clicked.connect(lambda _=False, key=key: on_choose(key))
        row.addWidget(button, 1)
        buttons[key] = button
    return row, buttons


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().hide()  # at once: deleteLater alone leaves it drawn until the next turn
            item.widget().deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
