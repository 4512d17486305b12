"""Help requests of the other kiosks in the same center, relayed by the server.

The guide panel reads ``pending()`` on the GUI thread, so it must never wait for the network:
the sync worker calls ``exchange()`` on its own thread, which sends the requests a guide marked
done here, asks which of this kiosk's own open requests were closed elsewhere (another kiosk,
the admin page) and closes them here too, and fetches the open list; the panel only ever
sees that cached list.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from kiosk.guide.help import PendingHelp
from protocol.help import (
    API_HELP_CLOSED, API_HELP_DONE, API_HELP_OPEN, CLOSED_QUERY_MAX, closed_query, done_body, read_closed_answer,
    read_open_answer,
)
from protocol.onboarding import Refusal

if TYPE_CHECKING:
    import requests

    from kiosk.helpdesk import HelpDesk
    from kiosk.sync.http import HttpPolicy

log = logging.getLogger(__name__)


class RelayError(Exception):
    pass


class RelayRefused(RelayError):
    """The server refused this kiosk (revoked, or a token it does not know): the relay stops
    asking until the kiosk is connected again, which gives it a new relay."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.message)
        self.refusal = refusal


class HelpRelay:
    def __init__(self, api_url: str, token: str, policy: HttpPolicy | None = None,
                 http: requests.Session | None = None, helpdesk: HelpDesk | None = None):
        """``helpdesk``: this kiosk's own requests, closed here when closed elsewhere."""
        self.api_url = api_url.rstrip("/")
        self._token = token
        self._policy = policy
        self._http = http
        self._helpdesk = helpdesk
        self._lock = threading.Lock()
        self._open: list[PendingHelp] = []
        self._done: list[str] = []  # keys marked done here, not yet acknowledged by the server
        self.refused: Refusal | None = None

    # GUI thread ---------------------------------------------------------------------------
    def pending(self) -> list[PendingHelp]:
        with self._lock:
            done = set(self._done)
            return [item for item in self._open if item.key not in done]

    def mark_done(self, item: PendingHelp) -> None:
        with self._lock:
            if item.key not in self._done:
                self._done.append(item.key)

    # Sync worker thread -------------------------------------------------------------------
    def exchange(self) -> int:
        """Send what was marked done, fetch the open list, then close here what was closed
        elsewhere. Returns how many of the other kiosks' requests are open."""
        # Imported here, on the sync worker's thread: the GUI thread never pays for requests.
        from kiosk.sync.http import HttpPolicy, make_session

        if self.refused is not None:
            raise RelayRefused(self.refused)  # asking again would only be refused again
        if self._policy is None:
            self._policy = HttpPolicy()
        if self._http is None:
            self._http = make_session(self._policy, base_url=self.api_url)
        with self._lock:
            done = list(self._done)
        for key in done:
            response = self._call("post", API_HELP_DONE, json=done_body(key))
            # 404: someone else closed it, or it aged out; either way it is no longer open.
            if response.status_code not in (200, 404):
                raise RelayError(f"marking a help request done failed with HTTP {response.status_code}")
            with self._lock:
                self._done.remove(key)
        response = self._call("get", API_HELP_OPEN)
        if response.status_code != 200:
            raise RelayError(f"reading other kiosks' help requests failed with HTTP {response.status_code}")
        try:
            entries = read_open_answer(response.json())
        except ValueError as error:
            raise RelayError(f"the server's list of help requests was not understood ({error})") from None
        items = [
            PendingHelp(e.key, e.created_at, e.screen, e.lesson_id, e.step, kiosk=e.kiosk) for e in entries
        ]
        with self._lock:
            self._open = items
        try:
            self._close_what_others_closed()
        except RelayError as error:  # the open list is fresh anyway; the next exchange asks again
            log.warning("help relay: %s", error)
        return len(items)

    def _close_what_others_closed(self) -> None:
        if self._helpdesk is None:
            return
        keys = self._helpdesk.open_keys()[:CLOSED_QUERY_MAX]
        if not keys:
            return  # the usual case: no request is open here, and nothing is asked
        response = self._call("post", API_HELP_CLOSED, json=closed_query(keys))
        if response.status_code != 200:
            raise RelayError(f"asking which help requests were closed failed with HTTP {response.status_code}")
        try:
            closed = read_closed_answer(response.json())
        except ValueError as error:
            raise RelayError(f"the server's list of closed help requests was not understood ({error})") from None
        if self._helpdesk.closed_elsewhere(closed):
            log.info("%d help request(s) of this kiosk were closed elsewhere", len(closed))

    def _call(self, method: str, path: str, **kwargs) -> requests.Response:
        from kiosk.sync.http import ApiUnreachable, call_kiosk_api, refusal_of

        try:
            response = call_kiosk_api(self._http, method, self.api_url + path, self._token, self._policy.timeout,
                                      **kwargs)
        except ApiUnreachable as error:
            raise RelayError(str(error)) from None
        refusal = refusal_of(response)
        if refusal is not None:
            self.refused = refusal
            with self._lock:
                self._open = []  # another center's requests are no business of a refused kiosk
            raise RelayRefused(self.refused)
        return response
