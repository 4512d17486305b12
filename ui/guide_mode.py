"""Guide mode: entered behind the PIN, obvious while on (the banner), ended by any reset.

The window decides where guide mode leads (the panel, Home); this keeps the state and what it
changes on screen, so neither is spread through the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.screens.guide.banner import GuideBanner
from ui.theme import Sizes
from ui.widgets.bottom_bar import BottomBar

# The panel is the guide's, read at arm's length by someone who knows it: the comfortable
# default size, whatever the visitor chose (their size returns when guide mode ends).
GUIDE_TEXT_SIZE = "normal"


class GuideMode(QObject):
    changed = Signal(bool)

    def __init__(self, bar: BottomBar, parent: QObject | None = None):
        super().__init__(parent)
        self._bar = bar
        self.banner = GuideBanner()
        self.active = False

    def begin(self) -> None:
        self.active = True
        self._bar.help.setEnabled(False)  # a guide calling a guide would only add a false request
        # The guide's size and the help strip's going first: the banner shown under the visitor's
        # largest text (and the strip) would grow the window past a short panel for good.
        self.changed.emit(True)
        self.banner.show()

    def end(self) -> None:
        if not self.active:
            return
        self.active = False
        self.banner.hide()
        self._bar.help.setEnabled(True)
        self.changed.emit(False)

    def text_size(self, visitor_size: str) -> str:
        """The size the window's style sheet uses now."""
        return GUIDE_TEXT_SIZE if self.active else visitor_size

    def locale(self, visitor_locale: str, kiosk_locale: str) -> str:
        """The language the window speaks now: the panel is in the center's own language (the
        one its guides set as the kiosk's), whatever the last visitor chose; assist mode and
        the next visitor get the visitor's back."""
        return kiosk_locale if self.active else visitor_locale

    def apply_look(self, sizes: Sizes) -> None:
        self.banner.apply_sizes(sizes.bar_button, sizes.bar_font)
        self.banner.retranslate()
