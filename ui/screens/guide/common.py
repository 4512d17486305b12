"""What the guide panel's sections share: a base class and small helpers for times and rows."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.clock import from_naive_utc
from ui.widgets.big_button import BigButton

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
