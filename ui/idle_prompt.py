"""'Are you still there?': the prompt over the window when nobody has touched it for a while.

The idle watcher (ui/idle_watcher.py) says when; this asks the visitor, counts down and lets a
Continue keep them where they were. When the countdown ends the window resets the visitor.
An empty Home is never prompted: there is nobody to protect.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.i18n import tr
from ui.idle_watcher import IdleWatcher
from ui.screens.base import Spoken
from ui.widgets.overlay import Overlay


class IdlePrompt(Overlay):
    def __init__(
        self,
        parent: QWidget,
        watcher: IdleWatcher,
        nobody_here: Callable[[], bool],
        speak: Callable[[list[Spoken]], None],
    ):
        super().__init__(parent)
        self._watcher = watcher
        self._nobody_here = nobody_here
        self._speak = speak
        watcher.prompt.connect(self.ask)
        watcher.resume.connect(self.hide)
        self.answered.connect(self._still_here)

    def ask(self, seconds_left: int) -> None:
        if self._nobody_here():
            # Stay quietly on Home instead of asking an empty room.
            self._watcher.tracker.touch()
            return
        first = not self.isVisible()
        self.present(
            tr("Are you still there?"),
            tr("If nobody touches the screen, it will go back to the start in {seconds} seconds.").format(
                seconds=seconds_left
            ),
            tr("Continue"),
        )
        if first:
            self._speak([Spoken(self.heading.text())])

    def _still_here(self) -> None:
        self._watcher.tracker.touch()
        self.hide()
