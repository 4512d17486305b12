"""Staff accounts: each person logs in with their own name and password.

* Passwords are kept only as salted scrypt hashes (kiosk.scrypt_hash, at twice the guide PIN's
  cost: a login is rare, a stolen database is not).
* Guessing is slowed twice over: an account locks for LOCK_FOR after LOCK_AFTER wrong passwords
  in a row (the person is told until when), and an address with ADDRESS_LIMIT refused logins
  within ADDRESS_WINDOW is refused outright, whatever names it tries. Both live in the
  database, so every worker process sees them.
* A session ends SESSION_LIFETIME after login, or IDLE_LIMIT after its last use, or at
  logout; the cookie holds a random id, the database only its SHA-256.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import secrets

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.content.districts import check_district
from kiosk.scrypt_hash import hash_secret, verify_secret
from server.auth import hash_token
from server.i18n import N_, PlainError
from server.models import CenterRow, LoginFailure, Staff, StaffSession
from server.scope import Role, Scope

PASSWORD_N = 2**15
MIN_PASSWORD = 10
LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
LOCK_AFTER = 5
LOCK_FOR = dt.timedelta(minutes=15)
ADDRESS_LIMIT = 20
ADDRESS_WINDOW = dt.timedelta(minutes=15)
SESSION_LIFETIME = dt.timedelta(hours=12)
IDLE_LIMIT = dt.timedelta(hours=2)
TOUCH_EVERY = dt.timedelta(minutes=1)  # a session's last use is written at most this often
# Checked against when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = hash_secret("not a password", n=PASSWORD_N)


class AccountError(PlainError, ValueError):
    """A plain-words reason an account cannot be made or changed as asked."""


def hash_password(password: str) -> str:
    return hash_secret(password, n=PASSWORD_N)


def check_password_rules(password: str, login: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(N_("A password needs at least %(n)d characters."), n=MIN_PASSWORD)
    if login and login.lower() in password.lower():
        raise AccountError(N_("A password must not contain the login name."))


def normal_login(login: str) -> str:
    return login.strip().lower()


def scope_of(staff: Staff) -> Scope:
    return Scope(Role(staff.role), district=staff.district, center=staff.center)


def center_district(session: Session, center: str | None) -> str | None:
    if not center:
        return None
    row = session.get(CenterRow, center)
    return row.district if row is not None else None


def create_staff(session: Session, *, login: str, password: str, display_name: str, role: Role | str,
                 district: str | None = None, center: str | None = None, by: str, now: dt.datetime,
                 locale: str = "ko") -> Staff:
    role = Role(role)
    login = normal_login(login)
    if not LOGIN_PATTERN.match(login):
        raise AccountError(N_("A login name is 2 to 64 small letters, digits, '.', '_' or '-', starting with a letter or digit."))
    if session.scalar(select(Staff.id).where(Staff.login == login)) is not None:
        raise AccountError(N_("There is already an account named '%(login)s'; choose another login name."), login=login)
    check_password_rules(password, login)
    if not display_name.strip():
        raise AccountError(N_("Write the person's name, as colleagues know them."))
    if role is Role.CITY:
        district = center = None
    elif role is Role.DISTRICT:
        center = None
        if not district:
            raise AccountError(N_("A district admin needs a district."))
        try:
            check_district(district)
        except ValueError:
            raise AccountError(N_("'%(district)s' is not a Seoul district; pick one from the list."), district=district)
    else:
        if not center:
            raise AccountError(N_("Center staff need a center."))
        district = center_district(session, center)
        if district is None:
            raise AccountError(N_("There is no center '%(center)s'; add it first (`kiosk-server center add`)."), center=center)
    staff = Staff(login=login, display_name=display_name.strip()[:100], role=role.value, district=district,
                  center=center, password_hash=hash_password(password), locale=locale, created_at=now,
                  created_by=by, failed_logins=0)
    session.add(staff)
    session.flush()
    return staff


def set_password(staff: Staff, password: str) -> None:
    check_password_rules(password, staff.login)
    staff.password_hash = hash_password(password)
    staff.failed_logins = 0
    staff.locked_until = None


@dataclasses.dataclass
class LoginResult:
    staff: Staff | None = None
    session_id: str = ""
    locked_until: dt.datetime | None = None  # the account is locked until then
    address_blocked: bool = False  # too many refusals from this address

    @property
    def ok(self) -> bool:
        return self.staff is not None


def _address(address: str | None) -> str:
    return (address or "?")[:64]  # None: no client address (server.api.address_of)


def recent_failures(session: Session, address: str | None, now: dt.datetime) -> int:
    """Refused logins (or setup tokens) from this address within ADDRESS_WINDOW."""
    session.execute(delete(LoginFailure).where(LoginFailure.at < now - ADDRESS_WINDOW))
    return session.scalar(select(func.count()).select_from(LoginFailure).where(LoginFailure.address == _address(address)))


def note_failure(session: Session, address: str | None, now: dt.datetime) -> None:
    session.add(LoginFailure(address=_address(address), at=now))


def log_in(session: Session, login: str, password: str, address: str | None, now: dt.datetime) -> LoginResult:
    """Check a login; on success start a session. Commits nothing itself (the caller's
    transaction also keeps a refusal's count)."""
    if recent_failures(session, address, now) >= ADDRESS_LIMIT:
        return LoginResult(address_blocked=True)
    staff = session.scalar(select(Staff).where(Staff.login == normal_login(login)))
    if staff is not None and staff.locked_until is not None and staff.locked_until > now:
        return LoginResult(locked_until=staff.locked_until)
    good = verify_secret(password, staff.password_hash if staff is not None else _DUMMY_HASH)
    if staff is None or not good or staff.disabled_at is not None:
        note_failure(session, address, now)
        if staff is not None and staff.disabled_at is None:
            staff.failed_logins = (staff.failed_logins or 0) + 1
            if staff.failed_logins >= LOCK_AFTER:
                staff.locked_until = now + LOCK_FOR
                staff.failed_logins = 0
                return LoginResult(locked_until=staff.locked_until)
        return LoginResult()
    staff.failed_logins = 0
    staff.locked_until = None
    staff.last_login_at = now
    session.execute(delete(StaffSession).where(StaffSession.expires_at <= now))
    session_id = secrets.token_urlsafe(32)
    session.add(StaffSession(id_hash=hash_token(session_id), staff_id=staff.id, created_at=now,
                             last_used_at=now, expires_at=now + SESSION_LIFETIME))
    return LoginResult(staff=staff, session_id=session_id)


def staff_of_session(session: Session, session_id: str, now: dt.datetime) -> Staff | None:
    """The person a live session belongs to (and the session's use noted), or None."""
    row = session.get(StaffSession, hash_token(session_id))
    if row is None or row.expires_at <= now or now - row.last_used_at > IDLE_LIMIT:
        return None
    staff = session.get(Staff, row.staff_id)
    if staff is None or staff.disabled_at is not None:
        return None
    if now - row.last_used_at >= TOUCH_EVERY:
        row.last_used_at = now
    return staff


def end_session(session: Session, session_id: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.id_hash == hash_token(session_id)))


def end_sessions_of(session: Session, staff_id: int) -> None:
    """Log a person out everywhere (a new password, a disabled account)."""
    session.execute(delete(StaffSession).where(StaffSession.staff_id == staff_id))


def has_city_admin(session: Session) -> bool:
    return session.scalar(select(Staff.id).where(Staff.role == Role.CITY.value, Staff.disabled_at.is_(None)).limit(1)) is not None
