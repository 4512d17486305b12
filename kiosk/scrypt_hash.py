"""Salted scrypt hashes of short secrets people choose (the guide PIN, staff passwords),
self-describing so the cost can be raised later without breaking stored ones:
``scrypt$n=16384,r=8,p=1$<salt>$<hash>`` (base64). Checked in constant time."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# n=2**14, r=8 costs ~16 MB and tens of ms per try: nothing for one person, a lot for someone
# trying a million guesses against a copied file.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)


def hash_secret(secret: str, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    return f"scrypt$n={n},r={r},p={p}${_b64(salt)}${_b64(_scrypt(secret, salt, n, r, p))}"


def verify_secret(secret: str, stored: str) -> bool:
    """False for a wrong secret and for any stored value that is not a hash we understand."""
    try:
        scheme, params, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        values = dict(item.split("=", 1) for item in params.split(","))
        n, r, p = int(values["n"]), int(values["r"]), int(values["p"])
        salt, expected = base64.b64decode(salt_b64, validate=True), base64.b64decode(hash_b64, validate=True)
        if n < 2 or n & (n - 1) or not (1 <= r <= 64 and 1 <= p <= 16) or not expected:
            return False
        actual = _scrypt(secret, salt, n, r, p)
    except (ValueError, KeyError):
        return False
    return hmac.compare_digest(actual, expected)
