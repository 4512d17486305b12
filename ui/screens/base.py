"""What every screen shares: the services it was given, navigation, and a refresh contract.

A screen re-renders all of its texts in ``refresh()``; the window calls it on entering the
screen and whenever the language or text size changes, so no text is ever left stale.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.localize import pick
from ui.theme import sizes_for
from ui.widgets.labels import text_label

if TYPE_CHECKING:
    from kiosk.services import KioskServices
    from ui.navigation import Navigator
    from ui.theme import Sizes


@dataclass(frozen=True)
class Spoken:
    """One piece of a screen to read aloud; ``audio`` is recorded narration, if any."""

    text: str
    audio: Path | None = None


class Screen(QWidget):
    name = "screen"

    def __init__(self, services: KioskServices, navigator: Navigator, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("screen")
        self.services = services
        self.nav = navigator
        self.params: dict[str, Any] = {}
        self.root = QVBoxLayout(self)
        self.title = text_label("title")
        self.root.addWidget(self.title)

    # Helpers -------------------------------------------------------------------------------
    @property
    def locale(self) -> str:
        return self.services.visitor.locale

    @property
    def sizes(self) -> "Sizes":
        return sizes_for(self.services.visitor.text_size)

    def text(self, localized) -> str:
        return pick(localized, self.locale)

    def add_counter_beside_title(self) -> QLabel:
        """A right-aligned "step 3 of 8" on the title's line, for screens that go step by step."""
        header = QHBoxLayout()
        self.root.removeWidget(self.title)
        header.addWidget(self.title, 1)
        counter = text_label("counter")
        counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(counter)
        self.root.addLayout(header)
        return counter

    def apply_sizes(self) -> None:
        s = self.sizes
        self.root.setContentsMargins(s.margin, s.margin // 2, s.margin, s.gap)
        self.root.setSpacing(s.gap)

    # Contract ----------------------------------------------------------------------------
    def enter(self, **params: Any) -> None:
        self.params = params
        self.refresh()

    def prepare(self) -> None:
        """Made ahead, out of sight (MainWindow.build_ahead): make now what the first show would
        make, so that show is quick. Most screens have nothing to add."""

    def refresh(self) -> None:
        self.apply_sizes()

    def speech(self) -> list[Spoken]:
        return [Spoken(self.title.text())]

    def upcoming_speech(self) -> list[Spoken]:
        """What the visitor will most likely hear next (the next step), synthesized ahead."""
        return []

    def main_actions(self) -> list[QWidget]:
        """The controls that must be fully on screen without scrolling, whatever the panel,
        text size and language (checked by ui/layout_check.py); lists may scroll, these may not."""
        return []

    def help_context(self) -> tuple[str | None, int | None]:
        """(lesson id, step number) to attach to a help request from this screen."""
        return None, None

    def highlight(self, item_index: int, sentence_index: int) -> None:
        """Show which sentence is being read; screens with long texts override this."""

    def clear_highlight(self) -> None:
        """Remove the reading highlight."""


class LazyScreens(Mapping[str, Screen]):
    """Screens by name, each built on first use.

    A screen is given as its class or as "module:Class", imported only when first shown, so
    the first screen appears before the modules (and libraries) of the others load.
    """

    def __init__(self, sources: Iterable[type[Screen] | tuple[str, str]], build: Callable[[type[Screen]], Screen]):
        self._sources: dict[str, type[Screen] | str] = {}
        for source in sources:
            if isinstance(source, tuple):
                name, path = source
                self._sources[name] = path
            else:
                self._sources[source.name] = source
        self._built: dict[str, Screen] = {}
        self._build = build

    def __getitem__(self, name: str) -> Screen:
        if name not in self._built:
            source = self._sources[name]
            if isinstance(source, str):
                module, _, class_name = source.partition(":")
                source = getattr(importlib.import_module(module), class_name)
                if source.name != name:
                    raise LookupError(f"screen '{name}' is listed as {module}:{class_name}, whose name is '{source.name}'")
            self._built[name] = self._build(source)
        return self._built[name]

    def built(self) -> list[Screen]:
        return list(self._built.values())

    def is_built(self, name: str) -> bool:
        return name in self._built

    def __contains__(self, name: object) -> bool:
        return name in self._sources

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)
