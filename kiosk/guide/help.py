"""Pending help requests for the guide: this kiosk's own, plus any the server relays from the
other kiosks of the same center (a pluggable source, so the panel works before sync does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kiosk.helpdesk import HelpDesk


@dataclass(frozen=True)
class PendingHelp:
    key: str  # unique across sources: "local:<id>" or whatever the relay uses
    created_at: dt.datetime  # naive UTC
    screen: str
    lesson_id: str | None = None
    step: int | None = None
    kiosk: str = ""  # empty for this kiosk; the other kiosk's name for relayed requests


class RelayedHelp(Protocol):
    """What the sync side provides once the server relays other kiosks' requests."""

    def pending(self) -> list[PendingHelp]: ...
    def mark_done(self, item: PendingHelp) -> None: ...


class PendingHelpList:
    def __init__(self, helpdesk: HelpDesk, relayed: Callable[[], RelayedHelp | None] = lambda: None,
                 on_local_done: Callable[[int], None] | None = None):
        self._helpdesk = helpdesk
        self._relayed = relayed
        self._on_local_done = on_local_done

    def pending(self) -> list[PendingHelp]:
        items = [
            PendingHelp(f"local:{r.id}", r.created_at, r.screen, r.lesson_id, r.step)
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
        if item.key.startswith("local:"):
            local_id = int(item.key.split(":", 1)[1])
            self._helpdesk.mark_done(local_id)
            if self._on_local_done is not None:
                self._on_local_done(local_id)
        else:
            relay = self._relayed()
            if relay is not None:
                relay.mark_done(item)
