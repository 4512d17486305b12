"""The kiosk's half of connecting by a code on its screen (protocol.onboarding); no Qt.

A kiosk that knows only its server's address (``sync_server_url``) and has no token asks for a
code, shows it, and polls until staff have entered it on the admin page; then it keeps the token,
the repository's root public key and its center in its settings, and syncs. ``step`` does one
round of that (ask for a code when it has none or the old one expired, else poll); the window
runs it on the task runner's sync lane (ui/sync_worker.py OnboardingController).

requests is imported only when a step runs, off the GUI thread; ``needs_connecting`` and
``refusal_of`` are cheap to call from anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.settings import Settings, SettingsStore
from protocol.onboarding import (
    API_ONBOARDING_POLL, API_ONBOARDING_START, PollAnswer, PollRequest, PollState, StartAnswer, StartRequest,
)
from protocol.sync_status import REFUSED_STATUSES
from protocol.version import APP_VERSION, user_agent

if TYPE_CHECKING:
    import requests

    from kiosk.sync.http import HttpPolicy


class OnboardingError(Exception):
    """The server could not be asked, or refused; the message says so in plain words."""


def needs_connecting(settings: Settings) -> bool:
    """A kiosk told its server but not yet connected to it: it shows the onboarding screen."""
    return bool(settings.sync_server_url) and not settings.sync_token


def refusal_of(last_result: str) -> str | None:
    """The refusal status ("revoked", "not_authorised") a stored sync result names, if any.

    The guide panel reads the last result as stored (kiosk.sync.client SyncResult.summary:
    "<status>: <message>"), so the state survives a restart."""
    status, _, _ = (last_result or "").partition(":")
    return status if status in REFUSED_STATUSES else None


@dataclass(frozen=True)
class Step:
    """Where connecting stands after one ``step``: the code to show, and the answer once connected."""

    ticket: StartAnswer
    answer: PollAnswer | None = None

    @property
    def connected(self) -> bool:
        return self.answer is not None and self.answer.state is PollState.DELIVERED


class Onboarding:
    def __init__(self, server_url: str, policy: HttpPolicy | None = None, http: requests.Session | None = None,
                 app_version: str = APP_VERSION):
        self.server_url = server_url.rstrip("/")
        self._policy = policy
        self._http = http
        self.app_version = app_version

    def start(self) -> StartAnswer:
        """A new code from the server."""
        return StartAnswer.from_dict(self._post(API_ONBOARDING_START, StartRequest(self.app_version).to_dict()))

    def poll(self, ticket: StartAnswer) -> PollAnswer:
        return PollAnswer.from_dict(self._post(API_ONBOARDING_POLL, PollRequest(ticket.secret).to_dict()))

    def step(self, ticket: StartAnswer | None) -> Step:
        """Ask for a code when there is none; else poll it, and ask for a new one when it expired
        (or its key was already collected: it is never sent twice)."""
        if ticket is None:
            return Step(self.start())
        answer = self.poll(ticket)
        if answer.state in (PollState.EXPIRED, PollState.COLLECTED):
            return Step(self.start())
        return Step(ticket, answer)

    def _post(self, path: str, body: dict) -> object:
        import requests

        from kiosk.sync.http import HttpPolicy, make_session

        if self._policy is None:
            # Short: the screen says "trying again" soon rather than waiting on a dead link.
            self._policy = HttpPolicy(connect_timeout=5.0, read_timeout=10.0, retries=1)
        if self._http is None:
            self._http = make_session(self._policy, user_agent(self.app_version), self.server_url)
        try:
            response = self._http.post(self.server_url + path, json=body, timeout=self._policy.timeout)
        except requests.RequestException as error:
            raise OnboardingError(f"the server {self.server_url} could not be reached ({type(error).__name__})") from None
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code != 200:
            said = data.get("message") if isinstance(data, dict) else None
            raise OnboardingError(said if isinstance(said, str) and said
                                  else f"the server answered HTTP {response.status_code} to {path}")
        if data is None:
            raise OnboardingError(f"the server's answer to {path} was not understood")
        return data


def connected_settings(settings: Settings, answer: PollAnswer) -> Settings:
    """The settings of a kiosk connected by ``answer`` (a delivered one)."""
    if answer.state is not PollState.DELIVERED:
        raise ValueError(f"not connected: {answer.state}")
    update = {"sync_token": answer.token, "sync_public_key": answer.root_public_key, "sync_center": answer.center}
    if answer.repo_url:
        update["sync_repo_url"] = answer.repo_url
    return Settings.model_validate({**settings.model_dump(), **update})


def save_connection(store: SettingsStore, settings: Settings, answer: PollAnswer) -> Settings:
    """Keep what ``answer`` delivered in the kiosk's settings file; returns the new settings."""
    connected = connected_settings(settings, answer)
    store.save(connected)
    return connected
