"""Connecting a new kiosk by a code on its screen, and refusing a kiosk the fleet no longer has.

The flow, defined once for both sides:

1. A kiosk that knows only its server's address asks for a code (POST API_ONBOARDING_START,
   ``StartRequest``) and gets a short ``code`` to show, with a long ``secret`` only it knows
   (``StartAnswer``). It shows the code and a QR of ``connect_link``.
2. Staff type the code on the admin page and pick the center; nothing secret is read aloud or
   typed: the code alone is worth nothing without the secret, and lives CODE_LIFETIME.
3. The kiosk polls with its secret (POST API_ONBOARDING_POLL, ``PollRequest``) every
   ``poll_every`` seconds; once staff have claimed the code it gets its token, the
   repository's root public key and its center, once (``PollAnswer``).
4. From then on it asks API_KIOSK_ASSIGNMENT at every sync (``Assignment``), so a kiosk moved
   to another center on the admin page follows.

A kiosk the admin page removed gets 403 ``kiosk_revoked``; an unknown or missing token 401
``unknown_kiosk_token`` (``refusal_body``, read back by ``read_refusal``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from protocol.events import API_PREFIX

API_ONBOARDING_START = f"{API_PREFIX}/onboarding"  # POST StartRequest -> StartAnswer (no token)
API_ONBOARDING_POLL = f"{API_PREFIX}/onboarding/poll"  # POST PollRequest -> PollAnswer (no token)
API_KIOSK_ASSIGNMENT = f"{API_PREFIX}/kiosk/assignment"  # GET (kiosk token) -> Assignment
CONNECT_PATH = "/admin/kiosks/connect"  # the admin page's form, ?code=... fills it in

# Letters and digits nobody mixes up when reading them aloud or typing them from a screen:
# none of 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B (22 signs: 22**6, about 113 million codes).
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
CODE_LENGTH = 6
CODE_GROUP = 3  # shown as two groups, "K7M-4XT"
CODE_LIFETIME = dt.timedelta(minutes=30)  # the kiosk asks for a new one when it expires
# A claimed code must be collected within this long of the claim, or staff enter a new one.
COLLECT_WINDOW = dt.timedelta(minutes=30)
POLL_EVERY_SECONDS = 3
BODY_MAX = 4096  # bytes: an onboarding request is a few short fields
APP_VERSION_MAX = 40
SECRET_MAX = 128


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def normalise_code(text: str) -> str | None:
    """What staff typed ("k7m 4xt", "K7M-4XT") as the code, or None if it cannot be one."""
    if not isinstance(text, str):
        return None
    code = "".join(char for char in text.upper() if char not in " -_.\t\u00a0\u2010\u2011\u2013\u2014")
    if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        return None
    return code


def show_code(code: str) -> str:
    """As the kiosk shows it: two short groups."""
    return f"{code[:CODE_GROUP]}-{code[CODE_GROUP:]}"


def connect_link(server_url: str, code: str) -> str:
    """What the kiosk's QR code holds: the admin page's form with the code filled in."""
    return f"{server_url.rstrip('/')}{CONNECT_PATH}?code={quote(code)}"


def _text(data: dict[str, Any], key: str, default: str = "") -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be text")
    return value


def _require(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    return data


@dataclass(frozen=True)
class StartRequest:
    app_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> StartRequest:
        """ValueError if it is not one."""
        return cls(app_version=_text(_require(data), "app_version")[:APP_VERSION_MAX])


@dataclass(frozen=True)
class StartAnswer:
    code: str
    secret: str
    expires_at: dt.datetime  # naive UTC
    poll_every: int = POLL_EVERY_SECONDS

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "expires_at": self.expires_at.isoformat()}

    @classmethod
    def from_dict(cls, data: Any) -> StartAnswer:
        data = _require(data)
        code = normalise_code(_text(data, "code"))
        secret = _text(data, "secret")
        poll_every = data.get("poll_every", POLL_EVERY_SECONDS)
        if code is None or not secret:
            raise ValueError("the answer has no usable code and secret")
        if isinstance(poll_every, bool) or not isinstance(poll_every, int) or poll_every < 1:
            poll_every = POLL_EVERY_SECONDS
        return cls(code, secret, _moment(_text(data, "expires_at")), poll_every)


@dataclass(frozen=True)
class PollRequest:
    secret: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> PollRequest:
        secret = _text(_require(data), "secret")
        if not secret or len(secret) > SECRET_MAX:
            raise ValueError("'secret' is missing or too long")
        return cls(secret)


class PollState(StrEnum):
    PENDING = "pending"  # nobody has entered the code yet: keep showing it
    EXPIRED = "expired"  # the code is no longer valid (or unknown): ask for a new one
    DELIVERED = "delivered"  # here are the token, the root key and the center
    COLLECTED = "collected"  # the token was already delivered once; it is never sent again


@dataclass(frozen=True)
class PollAnswer:
    state: PollState
    message: str = ""  # plain words for the kiosk's log and the guide
    expires_at: dt.datetime | None = None  # PENDING: when the code stops working
    # DELIVERED only:
    token: str = ""
    root_public_key: str = ""
    name: str = ""  # the kiosk's name on the admin page
    center: str = ""  # its center id; "" for the city's view
    center_name: dict[str, str] = field(default_factory=dict)  # {"ko": ..., "ja": ..., "en": ...}
    repo_url: str = ""  # the repository, if not <server>/repo/ (a CDN)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "state": str(self.state),
                "expires_at": self.expires_at.isoformat() if self.expires_at else None}

    @classmethod
    def from_dict(cls, data: Any) -> PollAnswer:
        data = _require(data)
        try:
            state = PollState(data.get("state"))
        except ValueError:
            raise ValueError(f"unknown onboarding state {data.get('state')!r}") from None
        expires = _text(data, "expires_at")
        answer = cls(
            state=state,
            message=_text(data, "message"),
            expires_at=_moment(expires) if expires else None,
            token=_text(data, "token"),
            root_public_key=_text(data, "root_public_key"),
            name=_text(data, "name"),
            center=_text(data, "center"),
            center_name=_names(data.get("center_name")),
            repo_url=_text(data, "repo_url"),
        )
        if state is PollState.DELIVERED and not (answer.token and answer.root_public_key):
            raise ValueError("a delivered answer without a token and a root public key")
        return answer


@dataclass(frozen=True)
class Assignment:
    """Who the server says this kiosk is now (the admin page may move it to another center)."""

    name: str
    center: str  # "" for the city's view
    root_public_key: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Assignment:
        data = _require(data)
        return cls(_text(data, "name"), _text(data, "center"), _text(data, "root_public_key"))


# Refusals ----------------------------------------------------------------------------------
UNKNOWN_KIOSK_TOKEN = "unknown_kiosk_token"  # 401: no token, or one this server does not know
KIOSK_REVOKED = "kiosk_revoked"  # 403: the admin page removed this kiosk from the fleet
TOO_MANY_REQUESTS = "too_many_requests"  # 429: too many codes asked for from one address
SERVER_NOT_READY = "server_not_ready"  # 503: the server cannot hand out its trust root yet

UNKNOWN_TOKEN_MESSAGE = (
    "This kiosk is not connected to this server (its token is missing or unknown). "
    "Connect it again: it shows a code on its screen to enter on the admin page."
)


def revoked_message(revoked_at: dt.datetime | None) -> str:
    when = f" on {revoked_at:%Y-%m-%d %H:%M} UTC" if revoked_at else ""
    return (f"This kiosk was removed from the fleet on the admin page{when}; "
            "ask a city or district admin to connect it again.")


def refusal_body(error: str, message: str, revoked_at: dt.datetime | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": error, "message": message}
    if error == KIOSK_REVOKED:
        body["revoked_at"] = revoked_at.isoformat() if revoked_at else None
    return body


@dataclass(frozen=True)
class Refusal:
    error: str
    message: str
    revoked_at: dt.datetime | None = None  # naive UTC

    @property
    def revoked(self) -> bool:
        return self.error == KIOSK_REVOKED


def read_refusal(status: int, body: Any) -> Refusal | None:
    """The refusal in an API answer (401 or 403), or None when it is not one of ours.

    Also reads the body wrapped as FastAPI's ``{"detail": {...}}``, and a bare 401/403 from
    an older server or a proxy in between, so a kiosk is never left guessing."""
    if status not in (401, 403):
        return None
    if isinstance(body, dict) and isinstance(body.get("detail"), dict):
        body = body["detail"]
    error = body.get("error") if isinstance(body, dict) else None
    if error not in (UNKNOWN_KIOSK_TOKEN, KIOSK_REVOKED):
        error = KIOSK_REVOKED if status == 403 else UNKNOWN_KIOSK_TOKEN
    revoked_at = None
    if isinstance(body, dict) and isinstance(body.get("revoked_at"), str):
        try:
            revoked_at = _moment(body["revoked_at"])
        except ValueError:
            revoked_at = None
    message = body.get("message") if isinstance(body, dict) and isinstance(body.get("message"), str) else ""
    if not message:
        message = revoked_message(revoked_at) if error == KIOSK_REVOKED else UNKNOWN_TOKEN_MESSAGE
    return Refusal(error, message[:300], revoked_at)


def _names(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def _moment(text: str) -> dt.datetime:
    """An ISO time as naive UTC (ValueError if it is not one)."""
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment
