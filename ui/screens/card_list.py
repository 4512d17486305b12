"""A screen whose body is a flickable list of large cards (topics, lessons, programs...).

The list is model/view (ui/widgets/card_list.py): however many cards a screen offers, only those
in view are drawn, and their pictures are decoded off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable

from ui.screens.base import Screen, Spoken
from ui.widgets.card_list import Card, CardList


class CardListScreen(Screen):
    # How many cards to read aloud on entering; long lists are for the eyes.
    spoken_cards = 6

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.list = CardList(navigator.thumbnails, spacing=self.sizes.gap)

    @property
    def cards(self) -> dict[str, Card]:
        """The cards shown, by key, in the list's order."""
        return {card.key: card for card in self.list.cards()}

    def show_cards(self, cards: Iterable[Card]) -> None:
        s = self.sizes
        self.list.set_spacing(s.gap)
        self.list.set_text_sizes(s.small_title, s.body, s.target)
        self.list.set_cards(cards)

    def speech(self) -> list[Spoken]:
        cards = self.list.cards()[: self.spoken_cards]
        return [Spoken(self.title.text())] + [Spoken(card.title) for card in cards]
