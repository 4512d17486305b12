"""Pending help requests for the guide: this kiosk's own, plus any the server relays from the
other kiosks of the same center (a pluggable source, so the panel works before sync does).

Every request is named by its global help key (protocol.help), whichever kiosk asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kiosk.helpdesk import HelpDesk
from kiosk.listeners import Listeners


@dataclass(frozen=True)
class PendingHelp:
    key: str  # the request's help key
    created_at: dt.datetime  # naive UTC
    screen: str
    lesson_id: str | None = None
    step: int | None = None
    kiosk: str = ""  # empty for this kiosk; the other kiosk's name for relayed requests
    local: bool = False  # asked on this kiosk (closed through the HelpDesk, not the relay)


class RelayedHelp(Protocol):
    """What the sync side provides once the server relays other kiosks' requests."""

    def pending(self) -> list[PendingHelp]: ...
    def mark_done(self, item: PendingHelp) -> None: ...


class PendingHelpList:
    def __init__(self, helpdesk: HelpDesk, relayed: Callable[[], RelayedHelp | None] = lambda: None,
                 on_local_done: Callable[[str], None] | None = None):
        """``on_local_done`` (given the help key) is optional: the HelpDesk itself tells the server."""
        self._helpdesk = helpdesk
        self._relayed = relayed
        self._on_local_done = on_local_done
        self._listeners = Listeners()  # told of relayed requests closed here

    def pending(self) -> list[PendingHelp]:
        items = [
            PendingHelp(r.key, r.created_at, r.screen, r.lesson_id, r.step, local=True)
            for r in self._helpdesk.open_requests()
        ]
        relay = self._relayed()
        if relay is not None:
            try:
                items += relay.pending()
            except Exception:  # a broken relay must not hide this kiosk's own requests
                pass
        return sorted(items, key=lambda item: item.created_at)

    def mark_done(self, item: PendingHelp) -> None:
        if item.local:
            self._helpdesk.mark_done(item.key)
            if self._on_local_done is not None:
                self._on_local_done(item.key)
        else:
            relay = self._relayed()
            if relay is not None:
                relay.mark_done(item)
                self._listeners.tell()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """``listener()`` after a change to what ``pending`` lists that this kiosk made or
        learned on sync (this kiosk's requests, a relayed one closed here), on the thread that
        made it; a fresh relay list arrives with the sync worker's relay_updated instead."""
        self._listeners.add(listener)
        self._helpdesk.subscribe(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.remove(listener)
        self._helpdesk.unsubscribe(listener)
