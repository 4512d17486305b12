"""Pending help requests, oldest first, each with a Done button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from kiosk.guide.help import PendingHelp
from ui.i18n import tr
from ui.screens.guide.common import CardListSection, local_time
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label


class HelpSection(CardListSection):
    def __init__(self, panel):
        super().__init__(panel)
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
        self.items = self.panel.help.pending()
        self.done_buttons = {}
        self.start_list(
            tr("People waiting for help: {count}").format(count=len(self.items))
            if self.items
            else tr("Nobody is waiting for help.")
        )
        for item in self.items:
            done = BigButton(tr("Done"), role="primary")
            done.setMinimumWidth(240)
            done.clicked.connect(lambda _=False, item=item: self.mark_done(item))
            self.add_card(QHBoxLayout, text_label("body", self.describe(item)), done, stretch_first=True)
            self.done_buttons[item.key] = done

    def mark_done(self, item: PendingHelp) -> None:
        self.panel.help.mark_done(item)
        self.panel.refresh()

    def forget(self) -> None:
        super().forget()
        self.items, self.done_buttons = [], {}
