"""requests sessions with bounded timeouts and urllib3 retries for the kiosk's sync."""

from __future__ import annotations

import os
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


@dataclass(frozen=True)
class HttpPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5
    # A server asking for a long Retry-After must not freeze a sync for hours; the next
    # scheduled sync tries again anyway.
    retry_after_cap: float = 30.0
    pool_size: int = 8

    @property
    def timeout(self) -> tuple[float, float]:
        return (self.connect_timeout, self.read_timeout)


class _CappedRetry(Retry):
    MAX_RETRY_AFTER = 30.0

    def get_retry_after(self, response):  # type: ignore[override]
        value = super().get_retry_after(response)
        return None if value is None else min(value, self.MAX_RETRY_AFTER)


def make_session(policy: HttpPolicy, user_agent: str = "seoul-learning-kiosk", base_url: str = "") -> requests.Session:
    """A session with retries. With ``base_url``, proxy and CA settings from the environment
    are resolved once for that server instead of on every request (see below)."""
    # Retry.new() rebuilds the object from its constructor arguments, so the cap lives on a
    # subclass rather than on the instance.
    retry_class = type("CappedRetry", (_CappedRetry,), {"MAX_RETRY_AFTER": policy.retry_after_cap})
    retry = retry_class(
        total=policy.retries,
        connect=policy.retries,
        read=policy.retries,
        status=policy.retries,
        backoff_factor=policy.backoff,
        backoff_max=max(policy.backoff * 8, 1.0),
        status_forcelist=(429, 500, 502, 503, 504),
        # POST is safe to repeat: every uploaded record carries an idempotency key.
        allowed_methods=frozenset({"GET", "HEAD", "POST"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry, pool_connections=policy.pool_size, pool_maxsize=policy.pool_size)
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = user_agent
    if base_url:
        # requests re-reads the proxy variables and ~/.netrc on every request (trust_env);
        # over ten thousand objects per initial sync that is seconds of CPU on a small kiosk.
        session.proxies.update(requests.utils.get_environ_proxies(base_url))
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if bundle:
            session.verify = bundle
        session.trust_env = False
    return session


class ApiUnreachable(Exception):
    """The kiosk API could not be reached; the message names neither the URL nor the token."""


def call_kiosk_api(http: requests.Session, method: str, url: str, token: str, timeout: tuple[float, float],
                   headers: dict[str, str] | None = None, **kwargs) -> requests.Response:
    """One authenticated call of the kiosk API (help relay, remote care). The token goes in a
    header only: URLs end up in access logs, headers do not."""
    try:
        return http.request(method, url, headers={"Authorization": f"Bearer {token}", **(headers or {})},
                            timeout=timeout, **kwargs)
    except requests.RequestException as error:
        raise ApiUnreachable(f"the server could not be reached ({type(error).__name__})") from None


def refusal_of(response: requests.Response):
    """The server's refusal of this kiosk (protocol.onboarding.Refusal) on a 401 or 403, else None."""
    from protocol.onboarding import read_refusal

    if response.status_code not in (401, 403):
        return None
    try:
        body = response.json()
    except ValueError:
        body = None
    return read_refusal(response.status_code, body)
