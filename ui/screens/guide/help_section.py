"""Pending help requests, oldest first, each with a Done button."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.guide.help import PendingHelp
from ui.i18n import tr
from ui.screens.guide.common import Section, clear_layout, local_time
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label


class HelpSection(Section):
    def __init__(self, panel):
        super().__init__(panel)
        self.heading = text_label("subtitle")
        self.column.addWidget(self.heading)
        self.rows = QVBoxLayout()
        self.column.addLayout(self.rows)
        self.items: list[PendingHelp] = []
        self.done_buttons: dict[str, BigButton] = {}

    def describe(self, item: PendingHelp) -> str:
        now = self.panel.now()
        when = local_time(item.created_at, now)
        minutes = max(0, int((now - when).total_seconds() // 60))
        parts = [tr("{time} ({minutes} min ago)").format(time=when.strftime("%H:%M"), minutes=minutes)]
        parts.append(item.kiosk or tr("This kiosk"))
        lesson = self.services.content.lesson(item.lesson_id) if item.lesson_id else None
        if lesson is not None:
            where = self.panel.text(lesson.title)
            if item.step:
                where += " · " + tr("step {step}").format(step=item.step)
            parts.append(where)
        else:
            parts.append(tr("Screen: {screen}").format(screen=item.screen))
        return "\n".join(parts)

    def refresh(self) -> None:
        super().refresh()
        s = self.panel.sizes
        self.items = self.panel.help.pending()
        clear_layout(self.rows)
        self.rows.setSpacing(s.gap)
        self.done_buttons = {}
        self.heading.setText(
            tr("People waiting for help: {count}").format(count=len(self.items))
            if self.items
            else tr("Nobody is waiting for help.")
        )
        for item in self.items:
            card = QFrame()
            card.setProperty("role", "card")
            row = QHBoxLayout(card)
            row.setContentsMargins(24, 16, 24, 16)
            row.setSpacing(s.gap)
            row.addWidget(text_label("body", self.describe(item)), 1)
            done = BigButton(tr("Done"), role="primary")
            done.setMinimumWidth(240)
            done.clicked.connect(lambda _=False, item=item: self.mark_done(item))
            row.addWidget(done)
            self.rows.addWidget(card)
            card.show()  # now, not on the next event-loop turn, so the list is complete at once
            self.done_buttons[item.key] = done

    def mark_done(self, item: PendingHelp) -> None:
        self.panel.help.mark_done(item)
        self.panel.refresh()

    def forget(self) -> None:
        clear_layout(self.rows)
        self.items, self.done_buttons = [], {}
