"""Help first: a visitor's call for a guide (and its closing) goes up on its own, at once.

A sync run downloads content before it uploads, and a first sync can be hundreds of MB, so a
help request queued behind it would reach the guides minutes late. The window's task runner
calls ``send()`` on its urgent lane (ui/sync_worker.py) the moment a visitor taps, and before
every relay exchange; it sends only the help rows of the durable outbox, over its own HTTP
session, so it never waits for the sync lane or its connections. What it cannot send stays
queued: the next ask, or the sync's own upload, sends it (the server keeps one per key).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock, utc_now

if TYPE_CHECKING:
    import requests

    from kiosk.sync.http import HttpPolicy

log = logging.getLogger(__name__)


class HelpSender:
    def __init__(self, sessions: sessionmaker[Session], api_url: str, token: str, policy: HttpPolicy | None = None,
                 clock: Clock = utc_now, http_factory: Callable[[], requests.Session] | None = None):
        self.sessions = sessions
        self.api_url = api_url
        self._token = token
        self._policy = policy
        self._clock = clock
        self._http_factory = http_factory
        self._http: requests.Session | None = None
        self._lock = threading.Lock()  # one send at a time, whichever thread asks

    def send(self) -> int:
        """Upload the waiting help rows; returns how many went. Raises outbox.UploadError."""
        # Imported here, on the worker's thread: the GUI thread never pays for requests.
        from kiosk.sync import outbox
        from kiosk.sync.fetch import Traffic
        from kiosk.sync.http import HttpPolicy, make_session
        from protocol.version import APP_VERSION, user_agent

        with self._lock:
            if self._policy is None:
                # Short waits: a guide is being called; if the server is away, the next ask tries again.
                self._policy = HttpPolicy(connect_timeout=3.0, read_timeout=5.0, retries=1)
            if self._http is None:
                self._http = (self._http_factory() if self._http_factory
                              else make_session(self._policy, user_agent(APP_VERSION), self.api_url))
            sent = outbox.upload(self.sessions, self._http, self.api_url, self._token, self._policy, Traffic(),
                                 self._clock, batch_size=50, max_batches=4, kinds=outbox.HELP_KINDS)
        if sent:
            log.info("sent %d help record(s) ahead of everything else", sent)
        return sent
