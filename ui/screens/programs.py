"""City programs, filterable by theme.

The theme filters are chips that wrap onto rows above the list. Where those rows would leave
the list too little room (a short panel at the largest text size, long English theme names),
one "Theme: ..." button stands in for them: tapping it shows every chip in the list's place,
and choosing one brings the list back, filtered. Either way the filters never scroll away.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QWidget

from ui.i18n import tr
from ui.screens.card_list import CardListScreen
from ui.widgets.big_button import BigButton
from ui.widgets.card_list import Card
from ui.widgets.flow_layout import FlowLayout

ALL = ""
# The share of the screen's body the chips may take above the list before they fold into
# one button; past it the list shows little more than one card.
INLINE_SHARE = 0.3


def make_chip(label: str, role: str = "choice") -> BigButton:
    chip = BigButton(label, role=role)
    chip.setProperty("chip", True)
    return chip


class ProgramsScreen(CardListScreen):
    spoken_cards = 3
    name = "programs"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.theme_button = make_chip("", role="secondary")
        self.theme_button.clicked.connect(lambda _=False: self.show_chips())
        self.root.addWidget(self.theme_button)
        self.filter_panel = QWidget()
        self.filters = FlowLayout(self.filter_panel)
        self.root.addWidget(self.filter_panel)
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[str, BigButton] = {}
        self.root.addWidget(self.list, 1)
        self.folded = False  # the chips stand behind theme_button
        self._filters_look: tuple = ()  # what the chips were made for
        self.choosing = False  # folded, and the chips are shown in the list's place

    @property
    def theme(self) -> str:
        return self.params.get("theme", ALL)

    def _rebuild_filters(self) -> None:
        themes = [(ALL, tr("All"))] + [(t.id, self.text(t.title)) for t in self.services.content.themes()]
        # Made again only when they change (new content, a language, a text size): a chip is a
        # styled button, and making ten again cost a filter tap 30-50 ms.
        look = (tuple(themes), self.sizes, self.styleSheet())
        if look != self._filters_look:
            self._filters_look = look
            self._make_filters(themes)
        self.theme_button.ensurePolished()
        self.theme_button.setText(tr("Theme: {theme}").format(theme=dict(themes).get(self.theme, tr("All"))))

    def _make_filters(self, themes: list[tuple[str, str]]) -> None:
        for button in self.filter_buttons.values():
            self.filter_group.removeButton(button)
            self.filters.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.filter_buttons = {}
        for theme_id, label in themes:
            button = make_chip(label)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, tid=theme_id: self.choose_theme(tid))
            self.filter_group.addButton(button)
            self.filters.addWidget(button)
            # Shown and styled now, not on the next event-loop turn, so the rows they need are
            # measured at once, at this text size.
            button.show()
            button.ensurePolished()
            self.filter_buttons[theme_id] = button

    def choose_theme(self, theme_id: str) -> None:
        self.params["theme"] = theme_id
        self.choosing = False
        self.refresh()
        self.nav.speak_current()

    def show_chips(self) -> None:
        """Folded: every chip in the list's place, until one is chosen."""
        self.choosing = True
        self._show_filters()

    def refresh(self) -> None:
        super().refresh()
        self.filters.setSpacing(self.sizes.gap)
        self.title.setText(tr("City programs for you"))
        self._rebuild_filters()
        self.filter_buttons.get(self.theme, self.filter_buttons[ALL]).setChecked(True)
        self.show_cards(
            Card(program.id, self.text(program.title), self.text(program.summary), None,
                 lambda pid=program.id: self.nav.go("program", program=pid))
            for program in self.services.content.programs(self.theme or None)
        )
        self._fold_to_fit()

    def prepare(self) -> None:
        self._rebuild_filters()  # ten styled chips: the slowest part of a first show

    def enter(self, **params) -> None:
        self.choosing = False
        super().enter(**params)

    # Fitting -------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fold_to_fit()

    def _fold_to_fit(self) -> None:
        margins = self.root.contentsMargins()
        width = max(1, self.width() - margins.left() - margins.right())
        body = self.height() - margins.top() - margins.bottom() - self.title.heightForWidth(width) - self.root.spacing()
        self.folded = self.filter_panel.heightForWidth(width) > body * INLINE_SHARE
        self._show_filters()

    def _show_filters(self) -> None:
        chips_shown = not self.folded or self.choosing
        self.theme_button.setVisible(self.folded and not self.choosing)
        self.filter_panel.setVisible(chips_shown)
        self.list.setVisible(not (self.folded and self.choosing))
        # In the list's place the chips take its room too, rows from the top.
        self.root.setStretchFactor(self.filter_panel, 1 if self.folded and self.choosing else 0)

    def main_actions(self) -> list[QWidget]:
        if self.theme_button.isVisibleTo(self):
            return [self.theme_button]
        return list(self.filter_buttons.values())
