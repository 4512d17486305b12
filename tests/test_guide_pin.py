"""The guide PIN: a salted slow hash, constant-time checks, and a lockout that grows."""

from __future__ import annotations

import pytest

from kiosk.guide.pin import Attempt, PinLock, hash_pin, is_valid_pin, verify_pin


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


FAST = {"n": 2**10}  # the stored string names its cost, so tests may hash cheaply


def test_the_hash_is_salted_self_describing_and_verifies():
    first, second = hash_pin("123456"), hash_pin("123456")
    assert first != second, "a random salt makes every hash different"
    scheme, params, salt, digest = first.split("$")
    assert scheme == "scrypt" and params == "n=16384,r=8,p=1"
    import base64

    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(digest)) == 32
    assert "123456" not in first
    assert verify_pin("123456", first) and verify_pin("123456", second)
    assert not verify_pin("123457", first)


@pytest.mark.parametrize("stored", ["", "123456", "plain$x", "scrypt$n=3,r=8,p=1$AAAA$AAAA", "scrypt$n=1024$%%$%%",
                                    "pbkdf2$n=1024,r=8,p=1$AAAA$AAAA"])
def test_anything_but_a_good_hash_never_verifies(stored):
    assert not verify_pin("123456", stored)


def test_only_six_ascii_digits_are_a_pin():
    assert is_valid_pin("000000")
    for bad in ("12345", "1234567", "12345a", "１２３４５６", ""):
        assert not is_valid_pin(bad)
    with pytest.raises(ValueError):
        hash_pin("12345")


def test_verify_uses_a_constant_time_compare(monkeypatch):
    import hmac

    import kiosk.scrypt_hash as scrypt_hash

    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(scrypt_hash.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert verify_pin("654321", hash_pin("654321", **FAST))
    assert len(calls) == 1


def test_five_wrong_tries_lock_for_30_seconds_then_60_then_120():
    clock = FakeClock()
    stored = hash_pin("246810", **FAST)
    lock = PinLock(clock)
    for tries_left in (4, 3, 2, 1):
        assert lock.attempt("000000", stored) is Attempt.WRONG
        assert lock.tries_left() == tries_left and not lock.is_locked()
    assert lock.attempt("000000", stored) is Attempt.WRONG
    assert lock.seconds_left() == 30
    assert lock.attempt("246810", stored) is Attempt.LOCKED, "even the right PIN waits out the lock"
    clock.now += 29.5
    assert lock.seconds_left() == 1
    clock.now += 0.5
    assert not lock.is_locked() and lock.tries_left() == 5

    for _ in range(5):
        lock.attempt("111111", stored)
    assert lock.seconds_left() == 60
    clock.now += 60
    for _ in range(5):
        lock.attempt("111111", stored)
    assert lock.seconds_left() == 120

    clock.now += 120
    assert lock.attempt("246810", stored) is Attempt.ACCEPTED
    for _ in range(5):
        lock.attempt("111111", stored)
    assert lock.seconds_left() == 30, "a success starts the doubling over"


def test_the_lock_grows_to_a_cap():
    clock = FakeClock()
    stored = hash_pin("246810", **FAST)
    lock = PinLock(clock, max_lock_seconds=100)
    lengths = []
    for _ in range(4):
        for _ in range(5):
            lock.attempt("111111", stored)
        lengths.append(lock.seconds_left())
        clock.now += lengths[-1]
    assert lengths == [30, 60, 100, 100]
