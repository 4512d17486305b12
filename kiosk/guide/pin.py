"""The guide PIN: kept only as a salted scrypt hash, checked in constant time, and a lockout
that grows after repeated wrong tries (6 digits are few; the delay is what protects them).

An admin can also put a hash in config.json directly: `python -m kiosk.guide.pin` prints one.
"""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Callable

from kiosk.scrypt_hash import SCRYPT_N, SCRYPT_P, SCRYPT_R, hash_secret, verify_secret

PIN_LENGTH = 6


def is_valid_pin(pin: str) -> bool:
    return len(pin) == PIN_LENGTH and pin.isascii() and pin.isdigit()


def hash_pin(pin: str, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A self-describing salted scrypt hash (kiosk.scrypt_hash)."""
    if not is_valid_pin(pin):
        raise ValueError(f"a guide PIN is {PIN_LENGTH} digits")
    return hash_secret(pin, n, r, p)


def verify_pin(pin: str, stored: str) -> bool:
    """False for a wrong PIN and for any stored value that is not a hash we understand."""
    return verify_secret(pin, stored)


class Attempt(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"  # refused without checking: the pad is locked


class PinLock:
    """5 wrong tries lock the pad for 30 s; each further lock doubles (capped), until a success.

    Kept in memory by the window for the life of the process; the clock is injected for tests.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        tries: int = 5,
        first_lock_seconds: float = 30.0,
        max_lock_seconds: float = 3600.0,
    ):
        self._clock = clock
        self.tries = tries
        self.first_lock_seconds = first_lock_seconds
        self.max_lock_seconds = max_lock_seconds
        self.failures = 0  # wrong tries since the last lock (or success)
        self.locks = 0  # locks since the last success: sets the next lock's length
        self._locked_until: float | None = None

    def seconds_left(self) -> int:
        """Whole seconds the pad stays locked (0 when open), for the countdown."""
        if self._locked_until is None:
            return 0
        left = self._locked_until - self._clock()
        if left <= 0:
            self._locked_until = None
            return 0
        return math.ceil(left)

    def is_locked(self) -> bool:
        return self.seconds_left() > 0

    def tries_left(self) -> int:
        return self.tries - self.failures

    def next_lock_seconds(self) -> float:
        return min(self.first_lock_seconds * 2**self.locks, self.max_lock_seconds)

    def attempt(self, pin: str, stored_hash: str) -> Attempt:
        if self.is_locked():
            return Attempt.LOCKED
        return self.record(verify_pin(pin, stored_hash))

    def record(self, right: bool) -> Attempt:
        """Count a try checked elsewhere (verify_pin, off the GUI thread: scrypt takes a while)."""
        if right:
            self.failures = 0
            self.locks = 0
            return Attempt.ACCEPTED
        self.failures += 1
        if self.failures >= self.tries:
            self._locked_until = self._clock() + self.next_lock_seconds()
            self.locks += 1
            self.failures = 0
        return Attempt.WRONG


def main() -> int:
    import getpass

    first = getpass.getpass("New guide PIN (6 digits): ")
    if not is_valid_pin(first) or getpass.getpass("Again: ") != first:
        print("Not 6 digits, or the two did not match.")
        return 1
    print('Put this in config.json as "guide_pin_hash":')
    print(hash_pin(first))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
