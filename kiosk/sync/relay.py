"""Help requests of the other kiosks in the same center, relayed by the server.

The guide panel reads ``pending()`` on the GUI thread, so it must never wait for the network:
the sync worker calls ``exchange()`` on its own thread, which sends the requests a guide marked
done here and fetches the open list; the panel only ever sees that cached list.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from typing import TYPE_CHECKING

from kiosk.guide.help import PendingHelp

if TYPE_CHECKING:
    import requests

    from kiosk.sync.http import HttpPolicy

log = logging.getLogger(__name__)


class RelayError(Exception):
    pass


class HelpRelay:
    def __init__(self, api_url: str, token: str, policy: HttpPolicy | None = None,
                 http: requests.Session | None = None):
        self.api_url = api_url.rstrip("/")
        self._token = token
        self._policy = policy
        self._http = http
        self._lock = threading.Lock()
        self._open: list[PendingHelp] = []
        self._done: list[str] = []  # keys marked done here, not yet acknowledged by the server

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
        """Send what was marked done, then fetch the open list. Returns how many are open."""
        # Imported here, on the sync worker's thread: the GUI thread never pays for requests.
        from kiosk.sync.http import HttpPolicy, make_session

        if self._policy is None:
            self._policy = HttpPolicy()
        if self._http is None:
            self._http = make_session(self._policy, base_url=self.api_url)
        headers = {"Authorization": f"Bearer {self._token}"}
        with self._lock:
            done = list(self._done)
        for key in done:
            response = self._call("post", "/api/v1/help/done", headers, json={"key": key.removeprefix("relay:")})
            # 404: someone else closed it, or it aged out; either way it is no longer open.
            if response.status_code not in (200, 404):
                raise RelayError(f"marking a help request done failed with HTTP {response.status_code}")
            with self._lock:
                self._done.remove(key)
        response = self._call("get", "/api/v1/help/open", headers)
        if response.status_code != 200:
            raise RelayError(f"reading other kiosks' help requests failed with HTTP {response.status_code}")
        try:
            items = [
                PendingHelp(
                    key=f"relay:{entry['key']}",
                    created_at=dt.datetime.fromisoformat(entry["created_at"]).replace(tzinfo=None),
                    screen=str(entry.get("screen") or ""),
                    lesson_id=entry.get("lesson_id"),
                    step=entry.get("step"),
                    kiosk=str(entry["kiosk"]),
                )
                for entry in response.json()["requests"]
            ]
        except (ValueError, KeyError, TypeError) as error:
            raise RelayError(f"the server's list of help requests was not understood ({error})") from None
        with self._lock:
            self._open = items
        return len(items)

    def _call(self, method: str, path: str, headers: dict, **kwargs) -> requests.Response:
        import requests

        try:
            return self._http.request(method, self.api_url + path, headers=headers, timeout=self._policy.timeout, **kwargs)
        except requests.RequestException as error:
            # The URL and headers stay out of the message: the token must never reach a log.
            raise RelayError(f"the server could not be reached ({type(error).__name__})") from None
