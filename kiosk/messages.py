"""Messages for the guide: problems the kiosk met, kept (with their time, bounded) until a guide looks.

After qutebrowser's utils/message.py: any part of the kiosk, on any thread, reports here; the list
keeps what was said even before the guide panel exists, and the panel shows it in the guide's
language. A message names its ``kind`` (one of KINDS, each with a translated headline in the UI)
and its parameters; ``detail`` carries the exact technical lines (file, item, field) as written.

"Tells the guide once": a message whose key is already known is not added again until it is
resolved (the voice comes back, a sync succeeds), so a kiosk that retries every 15 minutes does
not bury the panel under the same line.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kiosk.clock import Clock, utc_now
from kiosk.listeners import Listeners

log = logging.getLogger(__name__)

LIMIT = 50

VOICE_MISSING = "voice_missing"  # params: locale
CONTENT_REJECTED = "content_rejected"  # detail: the loader's lines
CONTENT_FIELDS_IGNORED = "content_fields_ignored"  # params: count; detail: one line per field
SYNC_FAILED = "sync_failed"  # params: error
SETTINGS_IGNORED = "settings_ignored"  # detail: why
KIOSK_REFUSED = "kiosk_refused"  # params: status (protocol.sync_status REVOKED / NOT_AUTHORISED); detail: the server's words
# Staff wrote to the guide from the admin page (remote care): params text, by (their name).
# Reported under a key of its own per command, so two messages both show.
REMOTE_MESSAGE = "remote_message"
KINDS = (VOICE_MISSING, CONTENT_REJECTED, CONTENT_FIELDS_IGNORED, SYNC_FAILED, SETTINGS_IGNORED, KIOSK_REFUSED,
         REMOTE_MESSAGE)


@dataclass(frozen=True)
class GuideMessage:
    kind: str
    key: str
    at: dt.datetime  # naive UTC
    params: Mapping[str, str] = field(default_factory=dict)
    detail: str = ""


class GuideMessages:
    """Thread-safe. Listeners are called on the reporting thread; the UI re-posts to its own."""

    def __init__(self, clock: Clock = utc_now, limit: int = LIMIT):
        self._clock = clock
        self._items: deque[GuideMessage] = deque(maxlen=limit)
        self._known: set[str] = set()
        self._lock = threading.Lock()
        self._listeners = Listeners()

    def report(self, kind: str, *, key: str | None = None, detail: str = "", **params: object) -> bool:
        """Keep a message for the guide; False when the same key was already told and not resolved."""
        if kind not in KINDS:
            raise ValueError(f"unknown guide message kind {kind!r}; add it to kiosk.messages.KINDS")
        key = key or kind
        with self._lock:
            if key in self._known:
                return False
            self._known.add(key)
            message = GuideMessage(kind, key, self._clock(), {k: str(v) for k, v in params.items()}, detail)
            if len(self._items) == self._items.maxlen:
                self._known.discard(self._items[0].key)
            self._items.append(message)
        log.warning("%s", detail or f"{kind} {dict(message.params)}")
        self._listeners.tell()
        return True

    def resolve(self, key: str) -> None:
        """The problem behind ``key`` is gone: drop its message, and tell it again if it comes back."""
        with self._lock:
            if key not in self._known:
                return
            self._known.discard(key)
            kept = [message for message in self._items if message.key != key]
            self._items.clear()
            self._items.extend(kept)
        self._listeners.tell()

    def messages(self) -> list[GuideMessage]:
        """Newest first."""
        with self._lock:
            return list(reversed(self._items))

    def subscribe(self, listener: Callable[[], None]) -> None:
        """``listener()`` after every change, on the thread that made it."""
        self._listeners.add(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.remove(listener)
