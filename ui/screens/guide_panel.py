"""The guide panel: help requests, usage, sync, settings and assist mode, one page at a time.

Only reachable behind the PIN (MainWindow.enter_guide_mode). Every page re-reads its data when
shown, and everything is dropped again when guide mode ends (``forget``), so nothing from the
panel is left for the next visitor to find.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QWidget

from kiosk.clock import as_naive_utc, local_now
from kiosk.guide.status import sync_status
from ui.guide_mode import GUIDE_TEXT_SIZE
from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.screens.guide.assist_section import AssistSection
from ui.screens.guide.common import Section, compact, local_time
from ui.screens.guide.help_section import HelpSection
from ui.screens.guide.messages_section import MessagesSection
from ui.screens.guide.settings_section import SettingsSection
from ui.screens.guide.sync_section import SyncSection
from ui.screens.guide.usage_section import UsageSection
from ui.theme import Sizes, sizes_for
from ui.widgets.big_button import BigButton
from ui.widgets.even_rows import EvenRows
from ui.widgets.labels import text_label

SECTIONS = ("help", "messages", "usage", "sync", "settings", "assist")
# Below this height (a 1280x800 or 1366x768 panel under the guide banner) the title's row goes
# to the page: the yellow banner already says this is guide mode, and the tabs name the page.
TITLE_MIN_HEIGHT = 700


class Sections(Mapping[str, Section]):
    """The panel's pages by key, each made the first time it is wanted: made all at once, the
    six of them held the GUI thread about 70 ms when a guide's PIN opened the panel."""

    def __init__(self, panel: "GuidePanelScreen", kinds: dict[str, type[Section]]):
        self._panel = panel
        self._kinds = kinds
        self._made: dict[str, Section] = {}

    def __getitem__(self, key: str) -> Section:
        if key not in self._made:
            section = self._kinds[key](self._panel)
            # In the screen's own column, only the current one shown; each takes the room under
            # the tabs and scrolls its own long part.
            section.hide()
            self._panel.root.addWidget(section, 1)
            self._made[key] = section
        return self._made[key]

    def built(self) -> list[Section]:
        return list(self._made.values())

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)


class GuidePanelScreen(Screen):
    name = "guide_panel"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        # Tests fix the time; the panel shows local times and "today" in the kiosk's time zone.
        self.now: Callable[[], dt.datetime] = local_now
        # The tabs share one row on a wide panel and fold into even rows where it is narrow,
        # never off the side. Chip-sized, so they leave the page the room.
        self.tab_row = QWidget()
        self.tabs = EvenRows(self.tab_row, spacing=self.sizes.gap)
        self.tab_buttons: dict[str, BigButton] = {}
        for key in SECTIONS:
            button = compact(BigButton(role="choice"))
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, key=key: self.show_section(key))
            self.tabs.addWidget(button)
            self.tab_buttons[key] = button
        self.root.addWidget(self.tab_row)
        # Over every page, not only Sync: a guide who never opens Sync still learns that the
        # kiosk may be showing old content. Visitors never see the panel.
        self.out_of_date = text_label("highlight")
        self.out_of_date.hide()
        self.root.addWidget(self.out_of_date)
        self.sections = Sections(self, {
            "help": HelpSection, "messages": MessagesSection, "usage": UsageSection,
            "sync": SyncSection, "settings": SettingsSection, "assist": AssistSection,
        })
        self.current = "help"
        navigator.visitor_reset.connect(self.forget)

    @property
    def help(self):
        """This kiosk's open requests and those the server relays (kiosk.guide.help.PendingHelpList)."""
        return self.services.pending_help

    @property
    def locale(self) -> str:
        # Guide mode speaks the center's language (ui/guide_mode.py GuideMode.locale).
        return self.services.settings.default_locale

    @property
    def sizes(self) -> Sizes:
        # The panel is only shown in guide mode, which keeps its own text size (ui/guide_mode.py).
        return sizes_for(GUIDE_TEXT_SIZE)

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
        self._fit_title()
        self._tell_if_out_of_date()
        section = self.sections[self.current]
        for other in self.sections.built():
            other.setVisible(other is section)
        section.refresh()

    def _tell_if_out_of_date(self) -> None:
        now = self.now()
        since = sync_status(self.services.sessions).out_of_date_since(as_naive_utc(now))
        if since is not None:
            when = local_time(since, now).strftime("%Y-%m-%d %H:%M")
            self.out_of_date.setText(
                tr("Content may be out of date since {when}; the kiosk could not get fresh content "
                   "from the city's server.").format(when=when)
            )
        self.out_of_date.setVisible(since is not None)

    def _fit_title(self) -> None:
        self.title.setVisible(self.height() >= TITLE_MIN_HEIGHT)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit_title()

    def main_actions(self) -> list[QWidget]:
        return [*self.tab_buttons.values(), *self.sections[self.current].actions()]

    def forget(self) -> None:
        self.current = "help"
        self.params = {}
        for section in self.sections.built():
            section.forget()

    def speech(self) -> list[Spoken]:
        return [Spoken(self.title.text()), Spoken(self.tab_buttons[self.current].text())]
