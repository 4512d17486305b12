"""The guide panel: help requests, usage, sync, settings and assist mode, one page at a time.

Only reachable behind the PIN (MainWindow.enter_guide_mode). Every page re-reads its data when
shown, and everything is dropped again when guide mode ends (``forget``), so nothing from the
panel is left for the next visitor to find.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout

from kiosk.clock import local_now
from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.screens.guide.assist_section import AssistSection
from ui.screens.guide.common import Section
from ui.screens.guide.help_section import HelpSection
from ui.screens.guide.messages_section import MessagesSection
from ui.screens.guide.settings_section import SettingsSection
from ui.screens.guide.sync_section import SyncSection
from ui.screens.guide.usage_section import UsageSection
from ui.widgets.big_button import BigButton

SECTIONS = ("help", "messages", "usage", "sync", "settings", "assist")
TAB_COLUMNS = (3, 2)  # as many as fit beside each other, so the tabs never run off the side


class GuidePanelScreen(Screen):
    name = "guide_panel"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        # Tests fix the time; the panel shows local times and "today" in the kiosk's time zone.
        self.now: Callable[[], dt.datetime] = local_now
        self.tabs = QGridLayout()
        self.tab_buttons: dict[str, BigButton] = {}
        for index, key in enumerate(SECTIONS):
            button = BigButton(role="choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, key=key: self.show_section(key))
            self.tab_buttons[key] = button
        self._tab_columns = 0
        self._arrange_tabs(TAB_COLUMNS[0])
        self.root.addLayout(self.tabs)
        self.sections: dict[str, Section] = {
            "help": HelpSection(self),
            "messages": MessagesSection(self),
            "usage": UsageSection(self),
            "sync": SyncSection(self),
            "settings": SettingsSection(self),
            "assist": AssistSection(self),
        }
        # Pages sit in the screen's own column, only the current one shown, so the screen's
        # scroll area sizes to that page (a QStackedWidget is as tall as its tallest page).
        for section in self.sections.values():
            section.hide()
            self.root.addWidget(section)
        self.root.addStretch(1)
        self.current = "help"
        navigator.visitor_reset.connect(self.forget)

    @property
    def help(self):
        """This kiosk's open requests and those the server relays (kiosk.guide.help.PendingHelpList)."""
        return self.services.pending_help

    def sync_now(self) -> Callable[[], None] | None:
        return self.nav.sync_now

    def enter(self, **params) -> None:
        self.current = params.get("section", self.current)
        super().enter(**params)

    def show_section(self, key: str) -> None:
        self.current = key
        self.params["section"] = key
        self.refresh()
        self.nav.speak_current()

    def refresh(self) -> None:
        super().refresh()
        s = self.sizes
        self.tabs.setSpacing(s.gap)
        self.title.setText(tr("Guide panel"))
        count = len(self.help.pending())
        names = {
            "help": tr("Help requests ({count})").format(count=count),
            "messages": tr("Messages ({count})").format(count=len(self.services.messages.messages())),
            "usage": tr("Usage"),
            "sync": tr("Sync"),
            "settings": tr("Settings"),
            "assist": tr("Open a lesson"),
        }
        for key, button in self.tab_buttons.items():
            button.setText(names[key])
            button.setChecked(key == self.current)
        self._fit_tabs()
        section = self.sections[self.current]
        for other in self.sections.values():
            other.setVisible(other is section)
        section.refresh()

    def _fit_tabs(self) -> None:
        """Three tabs a row when their labels fit the panel's width, else two (portrait, largest text)."""
        viewport = self.parentWidget()
        margins = self.root.contentsMargins()
        room = (viewport.width() if viewport is not None else self.width()) - margins.left() - margins.right()
        buttons = [self.tab_buttons[key] for key in SECTIONS]
        for columns in TAB_COLUMNS:
            widths = [max(b.sizeHint().width() for b in buttons[c::columns]) for c in range(columns)]
            if sum(widths) + (columns - 1) * self.tabs.spacing() <= room:
                break
        self._arrange_tabs(columns)

    def _arrange_tabs(self, columns: int) -> None:
        if columns == self._tab_columns:
            return
        self._tab_columns = columns
        for index, key in enumerate(SECTIONS):
            self.tabs.removeWidget(self.tab_buttons[key])
            self.tabs.addWidget(self.tab_buttons[key], index // columns, index % columns)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit_tabs()

    def forget(self) -> None:
        self.current = "help"
        self.params = {}
        for section in self.sections.values():
            section.forget()

    def speech(self) -> list[Spoken]:
        return [Spoken(self.title.text()), Spoken(self.tab_buttons[self.current].text())]
