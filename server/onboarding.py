"""Connecting new kiosks by a code on their screen (protocol.onboarding), and noting calls
from kiosks this server does not know.

The kiosk side starts a request and polls; the admin page finds the request by its code and
claims it for a name and a center. The token is made only when the kiosk collects it, only its
hash is stored, and it is handed out once. None of these functions commits: the API route or
the admin page commits, with whatever else it records (an audit entry, say).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from protocol.events import EventKind
from protocol.onboarding import (
    APP_VERSION_MAX, CODE_LIFETIME, COLLECT_WINDOW, PollAnswer, PollState, new_code, new_secret, normalise_code,
)
from server import auth
from server.models import CenterRow, Kiosk, OnboardingRequest, UnknownKioskCall

# A center's kiosks usually share one public address; a fresh code every half hour for each
# leaves room for ten kiosks switched on at once, and stops anyone filling the table.
OPEN_PER_ADDRESS_PER_HOUR = 20
RATE_WINDOW = dt.timedelta(hours=1)
# Longer than a code lives and a claimed code waits to be collected: nothing older is of use.
FORGET_AFTER = dt.timedelta(days=1)
# Past this many different tokens from one address, further ones are counted together: a
# script guessing tokens gets one row, not one per guess.
FINGERPRINTS_PER_ADDRESS = 20
MANY_FINGERPRINTS = "many"
NO_TOKEN = "none"
PLACEHOLDER_PREFIX = "unclaimed-"  # never a SHA-256 hex digest, so no token can match it
ADDRESS_MAX = 64
NAME_MAX = 100


class TooManyRequests(ValueError):
    """Refused in plain words; the API answers 429."""


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def placeholder_token_hash() -> str:
    """For a kiosk whose token is not made yet: unique (the column is), and matching no token."""
    return PLACEHOLDER_PREFIX + secrets.token_hex(27)


def fingerprint(token: str | None) -> str:
    """Enough of the token's hash to tell two unknown tokens apart, nothing to rebuild it from."""
    return hashlib.sha256(token.encode()).hexdigest()[:12] if token else NO_TOKEN


# The kiosk's side ----------------------------------------------------------------------------
def start(session: Session, address: str | None, app_version: str, now: dt.datetime) -> tuple[str, str, dt.datetime]:
    """A new request: (code to show, secret to poll with, when the code expires)."""
    # Requests long past any use (expired, or collected) are forgotten here, as new ones come.
    session.execute(delete(OnboardingRequest).where(OnboardingRequest.created_at < now - FORGET_AFTER))
    address = (address or "")[:ADDRESS_MAX] or None
    if address is not None:
        recent = session.scalar(
            select(func.count(OnboardingRequest.id)).where(
                OnboardingRequest.address == address,
                OnboardingRequest.created_at > now - RATE_WINDOW,
                OnboardingRequest.claimed_at.is_(None),
            )
        ) or 0
        if recent >= OPEN_PER_ADDRESS_PER_HOUR:
            raise TooManyRequests(
                f"Too many connection codes were asked for from this network in the last hour "
                f"({recent}). Enter one of the codes already shown on the admin page, or try again in an hour."
            )
    code = _unused_code(session, now)
    secret = new_secret()
    expires_at = now + CODE_LIFETIME
    session.add(OnboardingRequest(
        code=code, secret_hash=secret_hash(secret), created_at=now, expires_at=expires_at,
        address=address, app_version=(app_version or "")[:APP_VERSION_MAX] or None,
    ))
    session.flush()
    return code, secret, expires_at


def _unused_code(session: Session, now: dt.datetime) -> str:
    """A code no open request has, so staff can never claim the wrong kiosk."""
    for _ in range(20):
        code = new_code()
        taken = session.scalar(select(OnboardingRequest.id).where(
            OnboardingRequest.code == code, OnboardingRequest.expires_at > now, OnboardingRequest.claimed_at.is_(None),
        ).limit(1))
        if taken is None:
            return code
    raise RuntimeError("could not find a free connection code")  # 20 collisions in 113 million: never


def poll(session: Session, secret: str, now: dt.datetime, root_public_key: str, repo_url: str = "") -> PollAnswer:
    """Where the kiosk's request stands; once claimed, its token (made now) and trust root, once."""
    request = session.scalar(select(OnboardingRequest).where(OnboardingRequest.secret_hash == secret_hash(secret)))
    if request is None:
        return PollAnswer(PollState.EXPIRED, "This server does not know this connection code; ask for a new one.")
    if request.delivered_at is not None:
        return PollAnswer(PollState.COLLECTED, "This kiosk's key was already collected; it is never sent twice. "
                                               "If the kiosk lost it, connect it again with a new code.")
    if request.kiosk_id is None:
        if now >= request.expires_at:
            return PollAnswer(PollState.EXPIRED, "The code expired before anyone entered it; ask for a new one.")
        return PollAnswer(PollState.PENDING, "Waiting for staff to enter the code on the admin page.",
                          expires_at=request.expires_at)
    if request.claimed_at is not None and now >= request.claimed_at + COLLECT_WINDOW:
        return PollAnswer(PollState.EXPIRED, "The code was entered, but the kiosk did not collect its key in time; "
                                             "enter the kiosk's new code on the admin page.")
    kiosk = session.get(Kiosk, request.kiosk_id)
    # Once only, even when two polls race: the one that marks it delivered makes the token.
    marked = session.execute(
        update(OnboardingRequest)
        .where(OnboardingRequest.id == request.id, OnboardingRequest.delivered_at.is_(None))
        .values(delivered_at=now)
    )
    if kiosk is None or marked.rowcount != 1:
        return PollAnswer(PollState.COLLECTED, "This kiosk's key was already collected.")
    token = auth.new_token("kiosk")
    kiosk.token_hash = auth.hash_token(token)
    session.flush()
    row = session.get(CenterRow, kiosk.center) if kiosk.center else None
    names = row.data.get("name") if row is not None and isinstance(row.data, dict) else None
    return PollAnswer(
        PollState.DELIVERED, f"Connected as '{kiosk.name}'.", token=token, root_public_key=root_public_key,
        name=kiosk.name, center=kiosk.center or "", center_name=names if isinstance(names, dict) else {},
        repo_url=repo_url,
    )


# The admin page's side -----------------------------------------------------------------------
def find_open(session: Session, code: str, now: dt.datetime) -> OnboardingRequest | None:
    """The waiting request showing ``code`` (as staff typed it: any case, spaces, dashes)."""
    normal = normalise_code(code)
    if normal is None:
        return None
    return session.scalar(
        select(OnboardingRequest)
        .where(OnboardingRequest.code == normal, OnboardingRequest.claimed_at.is_(None),
               OnboardingRequest.expires_at > now)
        .order_by(OnboardingRequest.created_at.desc())
        .limit(1)
    )


def claim(
    session: Session,
    request: OnboardingRequest,
    *,
    name: str,
    center: str | None,
    by: str,
    now: dt.datetime,
    replaces: Kiosk | None = None,
) -> Kiosk:
    """The kiosk showing ``request``'s code becomes kiosk ``name`` of ``center``; it collects
    its token at its next poll. With ``replaces``, that kiosk is re-issued: its old token stops
    working at once and its history stays (a replaced screen, a re-installed kiosk, a revoked
    one connected again). ValueError, in plain words, when it cannot be done."""
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise ValueError(f"Give the kiosk a name of 1 to {NAME_MAX} characters.")
    if request.claimed_at is not None:
        raise ValueError("This code was already used to connect a kiosk. Ask the kiosk for a new code.")
    if now >= request.expires_at:
        raise ValueError("This code has expired. The kiosk shows a new code by itself; enter that one.")
    center = center or None
    if center is not None and session.get(CenterRow, center) is None:
        raise ValueError(f"There is no center '{center}'. Pick one of the centers on the list.")
    holder = session.scalar(select(Kiosk).where(Kiosk.name == name))
    if holder is not None and holder is not replaces:
        raise ValueError(f"A kiosk named '{name}' is already in the fleet. Choose another name, "
                         "or connect this kiosk in its place.")
    if replaces is None:
        kiosk = Kiosk(name=name, center=center, token_hash=placeholder_token_hash(), created_at=now)
        session.add(kiosk)
    else:
        kiosk = replaces
        kiosk.name, kiosk.center = name, center
        kiosk.token_hash = placeholder_token_hash()  # the old token is refused from now on
        kiosk.revoked_at = kiosk.revoked_by = None
    session.flush()
    request.kiosk_id = kiosk.id
    request.claimed_at = now
    request.claimed_by = by[:120]
    session.flush()
    return kiosk


def pending(session: Session, now: dt.datetime) -> list[OnboardingRequest]:
    """Kiosks showing a code that nobody has entered yet, oldest first (the fleet page)."""
    return list(session.scalars(
        select(OnboardingRequest)
        .where(OnboardingRequest.claimed_at.is_(None), OnboardingRequest.expires_at > now)
        .order_by(OnboardingRequest.created_at)
    ))


# Unknown callers -------------------------------------------------------------------------------
def record_unknown_call(
    session: Session, address: str | None, token: str | None, heartbeat: dict | None, now: dt.datetime
) -> None:
    """One row per address and token fingerprint, counting calls; ``heartbeat`` (the payload of
    the call's newest heartbeat, if any) tells which center and app version it claims."""
    address = (address or "unknown")[:ADDRESS_MAX]
    print_ = fingerprint(token)
    known = session.scalar(select(func.count(UnknownKioskCall.id)).where(
        UnknownKioskCall.address == address, UnknownKioskCall.fingerprint != print_)) or 0
    if known >= FINGERPRINTS_PER_ADDRESS:
        print_ = MANY_FINGERPRINTS
    center = _short(heartbeat, "center", 64)
    version = _short(heartbeat, "app_version", APP_VERSION_MAX)
    values = {"address": address, "fingerprint": print_, "first_at": now, "last_at": now, "calls": 1,
              "reported_center": center, "app_version": version}
    changes = {"last_at": now, "calls": UnknownKioskCall.calls + 1}
    if center is not None:
        changes["reported_center"] = center
    if version is not None:
        changes["app_version"] = version
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(
        insert(UnknownKioskCall).values(values)
        .on_conflict_do_update(index_elements=["address", "fingerprint"], set_=changes)
    )


def heartbeat_of(batch: object) -> dict | None:
    """The newest heartbeat payload in an upload's body (protocol.events), if it has one."""
    if not isinstance(batch, dict) or not isinstance(batch.get("events"), list):
        return None
    beats = [event for event in batch["events"]
             if isinstance(event, dict) and event.get("kind") == EventKind.HEARTBEAT and isinstance(event.get("payload"), dict)]
    if not beats:
        return None
    return max(beats, key=lambda event: str(event.get("created_at", "")))["payload"]


def _short(data: dict | None, key: str, limit: int) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value[:limit] if isinstance(value, str) and value else None
