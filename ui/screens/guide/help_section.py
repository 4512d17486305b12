"""Pending help requests, oldest first: where the visitor was (the screen's title, the lesson
and step, in the panel's language), with "Open where they were" and Done."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.guide.help import PendingHelp
from ui.i18n import tr
from ui.screens.guide.common import CardListSection, local_time
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label


def screen_title(screen: str) -> str:
    """A screen as a guide knows it; a name this kiosk does not know (a newer kiosk's) as sent."""
    titles = {
        "home": tr("Home"),
        "categories": tr("Lesson topics"),
        "lessons": tr("Lessons"),
        "player": tr("Lesson"),
        "practice": tr("Practice"),
        "finish": tr("Lesson finished"),
        "programs": tr("City programs for you"),
        "program": tr("A city program"),
        "notices": tr("Notices"),
        "guide_pin": tr("Guide mode"),
        "guide_panel": tr("Guide mode"),
    }
    return titles.get(screen, screen)


class HelpSection(CardListSection):
    def __init__(self, panel):
        super().__init__(panel)
        self.items: list[PendingHelp] = []
        self.done_buttons: dict[str, BigButton] = {}
        self.open_buttons: dict[str, BigButton] = {}  # only for requests made in a lesson this kiosk has

    def describe(self, item: PendingHelp) -> str:
        now = self.panel.now()
        when = local_time(item.created_at, now)
        minutes = max(0, int((now - when).total_seconds() // 60))
        parts = [tr("{time} ({minutes} min ago)").format(time=when.strftime("%H:%M"), minutes=minutes)]
        parts.append(item.kiosk or tr("This kiosk"))
        where = screen_title(item.screen)
        lesson = self._lesson_of(item)
        if lesson is not None:
            where = tr("{screen}: {lesson}").format(screen=where, lesson=self.panel.text(lesson.title))
            if item.step:
                where += " · " + tr("step {step}").format(step=item.step)
            parts.append(where)
        else:
            parts.append(tr("Screen: {screen}").format(screen=where))
        return "\n".join(parts)

    def refresh(self) -> None:
        super().refresh()
        self.items = self.panel.help.pending()
        self.done_buttons, self.open_buttons = {}, {}
        self.start_list(
            tr("People waiting for help: {count}").format(count=len(self.items))
            if self.items
            else tr("Nobody is waiting for help.")
        )
        for item in self.items:
            actions = QWidget()
            row = QHBoxLayout(actions)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(self.panel.sizes.gap)
            if self._lesson_of(item) is not None:
                there = BigButton(tr("Open where they were"), role="secondary")
                there.clicked.connect(lambda _=False, item=item: self.open_where_they_were(item))
                row.addWidget(there)
                self.open_buttons[item.key] = there
            done = BigButton(tr("Done"), role="primary")
            done.clicked.connect(lambda _=False, item=item: self.mark_done(item))
            row.addWidget(done)
            self.add_card(QVBoxLayout, text_label("body", self.describe(item)), actions)
            self.done_buttons[item.key] = done

    def mark_done(self, item: PendingHelp) -> None:
        self.panel.help.mark_done(item)
        self.panel.nav.send_help_now()
        self.panel.refresh()

    def open_where_they_were(self, item: PendingHelp) -> None:
        """The guide is with the visitor: the request is done, and the lesson opens at their
        step for them (assist mode, in the visitor's text size again)."""
        self.panel.help.mark_done(item)
        self.panel.nav.send_help_now()
        # A request names the step as the visitor saw it (1 = the first); the player counts from 0.
        self.panel.nav.assist_open(item.lesson_id, max(0, (item.step or 1) - 1))

    def _lesson_of(self, item: PendingHelp):
        return self.services.content.card(item.lesson_id) if item.lesson_id else None  # its title and whether it is here

    def forget(self) -> None:
        super().forget()
        self.items, self.done_buttons, self.open_buttons = [], {}, {}
