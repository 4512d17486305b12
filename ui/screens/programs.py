"""City programs, filterable by theme."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGridLayout

from ui.i18n import tr
from ui.screens.card_list import CardListScreen
from ui.widgets.big_button import BigButton
from ui.widgets.card_button import CardButton

FILTER_COLUMNS = 5
ALL = ""


class ProgramsScreen(CardListScreen):
    spoken_cards = 3
    name = "programs"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.filters = QGridLayout()
        self.root.addLayout(self.filters)
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[str, BigButton] = {}
        self.root.addWidget(self.list, 1)

    @property
    def theme(self) -> str:
        return self.params.get("theme", ALL)

    def _rebuild_filters(self) -> None:
        for button in self.filter_buttons.values():
            self.filter_group.removeButton(button)
            button.deleteLater()
        self.filter_buttons = {}
        themes = [(ALL, tr("All"))] + [(t.id, self.text(t.title)) for t in self.services.content.themes()]
        for index, (theme_id, label) in enumerate(themes):
            button = BigButton(label, role="choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, tid=theme_id: self.choose_theme(tid))
            self.filter_group.addButton(button)
            self.filters.addWidget(button, index // FILTER_COLUMNS, index % FILTER_COLUMNS)
            button.show()
            self.filter_buttons[theme_id] = button

    def choose_theme(self, theme_id: str) -> None:
        self.params["theme"] = theme_id
        self.refresh()
        self.nav.speak_current()

    def refresh(self) -> None:
        super().refresh()
        self.filters.setSpacing(self.sizes.gap)
        self.title.setText(tr("City programs for you"))
        self._rebuild_filters()
        self.filter_buttons.get(self.theme, self.filter_buttons[ALL]).setChecked(True)
        self.show_cards(
            (
                program.id,
                CardButton(self.text(program.title), self.text(program.summary)),
                lambda pid=program.id: self.nav.go("program", program=pid),
            )
            for program in self.services.content.programs(self.theme or None)
        )
