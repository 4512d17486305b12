"""The current visit's call for a guide, over the help desk (kiosk/helpdesk.py).

Apart from the help desk so the window can hold it from the first frame: the help desk brings
SQLAlchemy, which a start from the Home snapshot loads on a worker, after Home is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.helpdesk import HelpDesk


class VisitHelp:
    """The current visit's one call for a guide: repeated taps bring the same request up to
    date instead of filing new ones, and the visitor may say they no longer need help.

    A new visitor (an idle reset) calls ``forget``: the request stays open for the guide, who
    may still find the person nearby, but the next visitor neither sees someone else's "a
    guide has been called" nor refreshes their request by calling for themselves.
    """

    def __init__(self, helpdesk: Callable[[], HelpDesk]):
        self._helpdesk = helpdesk  # read at each call: the window's services arrive after Home
        self.key: str | None = None

    def call(self, screen: str, lesson_id: str | None, step: int | None) -> bool:
        """File or refresh the visit's request. True if it was already open (a repeat)."""
        repeat = self.waiting()
        request = self._helpdesk().request_help(screen, lesson_id, step, refresh_key=self.key if repeat else None)
        self.key = request.key
        return repeat

    def waiting(self) -> bool:
        """Open: nobody closed it yet (here, on another kiosk, on the admin page)."""
        return self.key is not None and self._helpdesk().is_open(self.key)

    def cancel(self) -> bool:
        """The visitor no longer needs help: closed durably, like a guide's Done."""
        key, self.key = self.key, None
        return key is not None and self._helpdesk().mark_done(key, by_visitor=True)

    def forget(self) -> None:
        self.key = None
