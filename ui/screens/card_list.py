"""A screen whose body is a flickable list of large cards (topics, lessons, programs...)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ui.screens.base import Screen, Spoken
from ui.widgets.card_button import CardButton
from ui.widgets.scroll_list import ScrollList

CardEntry = tuple[str, CardButton, Callable[[], None]]


class CardListScreen(Screen):
    # How many cards to read aloud on entering; long lists are for the eyes.
    spoken_cards = 6

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.list = ScrollList(spacing=self.sizes.gap)
        self.cards: dict[str, CardButton] = {}

    def show_cards(self, entries: Iterable[CardEntry]) -> None:
        self.list.clear()
        self.list.list_layout.setSpacing(self.sizes.gap)
        self.cards = {}
        for key, card, action in entries:
            # clicked(bool) would otherwise land in the action's first parameter.
            card.clicked.connect(lambda _checked=False, action=action: action())
            self.list.add(card)
            self.cards[key] = card

    def speech(self) -> list[Spoken]:
        cards = list(self.cards.values())[: self.spoken_cards]
        return [Spoken(self.title.text())] + [Spoken(card.text()) for card in cards]
