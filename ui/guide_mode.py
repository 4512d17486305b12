"""Guide mode: entered behind the PIN, obvious while on (the banner), ended by any reset.

The window decides where guide mode leads (the panel, Home); this keeps the state and what it
changes on screen, so neither is spread through the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.screens.guide.banner import GuideBanner
from ui.theme import Sizes
from ui.widgets.bottom_bar import BottomBar


class GuideMode(QObject):
    changed = Signal(bool)

    def __init__(self, bar: BottomBar, parent: QObject | None = None):
        super().__init__(parent)
        self._bar = bar
        self.banner = GuideBanner()
        self.active = False

    def begin(self) -> None:
        self.active = True
        self.banner.show()
        self._bar.help.setEnabled(False)  # a guide calling a guide would only add a false request
        self.changed.emit(True)

    def end(self) -> None:
        if not self.active:
            return
        self.active = False
        self.banner.hide()
        self._bar.help.setEnabled(True)
        self.changed.emit(False)

    def apply_look(self, sizes: Sizes) -> None:
        self.banner.apply_sizes(sizes.bar_button, sizes.bar_font)
        self.banner.retranslate()
