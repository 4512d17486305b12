"""What the guide panel's sections share: a base class and small helpers for times and rows.

A section is a page under the panel's tabs. What acts on the page (a heading, Today / This
week, Sync now) sits in ``fixed`` and stays put; the rest (``column``) scrolls in the section's
one scroll area, so a page fits any panel without the tabs or its own buttons scrolling away.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

from kiosk.clock import from_naive_utc
from ui.widgets.big_button import BigButton
from ui.widgets.even_rows import EvenRows
from ui.widgets.labels import text_label
from ui.widgets.scroll_list import make_flickable

if TYPE_CHECKING:
    from ui.screens.guide_panel import GuidePanelScreen


# Room between a page's rows and the scroll bar, so a finger on the bar does not press a row.
SCROLL_BAR_GAP = 16


class Section(QWidget):
    """One page of the panel; ``refresh`` re-reads its data and re-renders every text."""

    def __init__(self, panel: "GuidePanelScreen"):
        super().__init__()
        self.panel = panel
        self.services = panel.services
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.fixed = QVBoxLayout()
        outer.addLayout(self.fixed)
        body = QWidget()
        body.setObjectName("scrollContent")  # the page's paper, as in every list (ui/theme.py)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, SCROLL_BAR_GAP, 0)
        self.column = QVBoxLayout()
        body_layout.addLayout(self.column)
        body_layout.addStretch(1)  # a short page keeps its rows together at the top
        self.scroll = make_flickable(QScrollArea(), body)
        # The list gives way rather than the page growing the window past a short panel.
        self.scroll.setMinimumHeight(1)
        outer.addWidget(self.scroll, 1)
        self._outer = outer

    def refresh(self) -> None:
        gap = self.panel.sizes.gap
        self._outer.setSpacing(gap)
        self.fixed.setSpacing(gap)
        self.column.setSpacing(gap)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt naming)
        # The page takes the height left under the tabs and scrolls the rest; asked for a
        # height for its width it would claim its whole list's and squeeze the tabs instead.
        return False

    def actions(self) -> list[QWidget]:
        """This page's own controls that must be on screen without scrolling (see ``fixed``)."""
        return []

    def forget(self) -> None:
        """Drop anything shown, before the next visitor (called when guide mode ends)."""


class CardListSection(Section):
    """A heading over a list of cards, rebuilt on every refresh (help requests, messages)."""

    def __init__(self, panel: "GuidePanelScreen"):
        super().__init__(panel)
        self.heading = text_label("subtitle")
        self.fixed.addWidget(self.heading)
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


def compact(button: BigButton) -> BigButton:
    """Chip-sized (the floor's height, body-size words): the panel is read by a guide at arm's
    length, and a short panel keeps room for the page under its tabs and buttons."""
    button.setProperty("chip", True)
    return button


def choice_row(labels: dict, on_choose, gap: int) -> tuple[EvenRows, dict]:
    """A row of exclusive choice buttons, folding onto more rows where the panel is narrow;
    the caller checks the current one on refresh."""
    row = EvenRows(spacing=gap)
    buttons = {}
    for key, label in labels.items():
        button = compact(BigButton(label, role="choice"))
        button.setCheckable(True)
        button.clicked.connect(lambda _=False, key=key: on_choose(key))
        row.addWidget(button)
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
