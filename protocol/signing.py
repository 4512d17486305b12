"""Ed25519 signatures on the repository index (cryptography's implementation), and the root
key that certifies the signing key.

The index is ``{"payload": {...}, "signature": base64, "certificate": {...}}``; the signature
covers the canonical bytes of ``payload``. Kiosks are configured with a base64 raw 32-byte
public key: the city's *root* key, kept offline. The root signs a certificate for each online
signing key, ``{"payload": {"kind": "signing-key", "key": base64, "serial": n, "issued_at": ...},
"signature": base64}``, and every index carries the certificate of the key that signed it.
Rotating the signing key issues a certificate with the next serial; a kiosk remembers the
highest serial it has seen and refuses keys certified with a lower one, so a rotated-out (or
leaked) key stops working at every kiosk with its first sync after the rotation.

A kiosk configured with the signing key itself (before root keys existed) still verifies
indexes that key signs directly; it cannot follow a rotation.
"""

from __future__ import annotations

import base64
import datetime as dt
import binascii
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from protocol.repo_format import FORMAT, SHA_RE, canonical


class IndexRejected(Exception):
    """The index is unsigned, wrongly signed or malformed; the kiosk keeps what it has."""


def generate_private_pem() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def load_private(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the signing key is not an Ed25519 key")
    return key


def public_key_text(private: Ed25519PrivateKey) -> str:
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def load_public(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as error:
        raise ValueError(f"the configured public key is not a base64 Ed25519 key ({error})") from None


CERTIFICATE_KIND = "signing-key"


def _signature(private: Ed25519PrivateKey, payload: dict[str, Any]) -> str:
    return base64.b64encode(private.sign(canonical(payload))).decode()


def _verifies(public: Ed25519PublicKey, signature: Any, payload: dict[str, Any]) -> bool:
    if not isinstance(signature, str) or not signature:
        return False
    try:
        public.verify(base64.b64decode(signature, validate=True), canonical(payload))
        return True
    except (InvalidSignature, binascii.Error, ValueError):
        return False


def certify(root: Ed25519PrivateKey, signing_key: str, serial: int, issued_at: str) -> dict[str, Any]:
    """The root's certificate for a signing key (its base64 public key)."""
    payload = {"kind": CERTIFICATE_KIND, "key": signing_key, "serial": serial, "issued_at": issued_at}
    return {"payload": payload, "signature": _signature(root, payload)}


@dataclass(frozen=True)
class Signer:
    """The online signing key and the root's certificate for it (None: an uncertified key)."""

    key: Ed25519PrivateKey
    certificate: dict[str, Any] | None = None

    @property
    def serial(self) -> int:
        return int(self.certificate["payload"]["serial"]) if self.certificate else 0


def as_signer(key: Signer | Ed25519PrivateKey) -> Signer:
    return key if isinstance(key, Signer) else Signer(key)


def sign_index(payload: dict[str, Any], key: Signer | Ed25519PrivateKey) -> bytes:
    signer = as_signer(key)
    document: dict[str, Any] = {"payload": payload, "signature": _signature(signer.key, payload)}
    if signer.certificate is not None:
        document["certificate"] = signer.certificate
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False).encode()


@dataclass(frozen=True)
class VerifiedIndex:
    payload: dict[str, Any]
    key_serial: int  # the certificate's serial; 0 for a key the kiosk was configured with directly


def verify_index(data: bytes, public: Ed25519PublicKey) -> dict[str, Any]:
    """Return the payload of a correctly signed, well-formed index, or raise IndexRejected."""
    return verify_signed_index(data, public).payload


def verify_signed_index(data: bytes, trusted: Ed25519PublicKey, min_serial: int = 0) -> VerifiedIndex:
    """Check the index against the configured (root) key: signed by it directly, or by a
    signing key it certified with a serial of at least ``min_serial``."""
    try:
        document = json.loads(data)
    except ValueError:
        raise IndexRejected("the index is not valid JSON") from None
    if not isinstance(document, dict) or not isinstance(document.get("payload"), dict):
        raise IndexRejected("the index has no payload")
    signature = document.get("signature")
    if not isinstance(signature, str) or not signature:
        raise IndexRejected("the index is not signed")
    payload = document["payload"]
    if _verifies(trusted, signature, payload):
        serial = 0
    else:
        serial = _certified_serial(document.get("certificate"), trusted, signature, payload, min_serial)
    root = payload.get("root")
    if (
        payload.get("format") != FORMAT
        or not isinstance(payload.get("revision"), int) or payload["revision"] < 1
        or not isinstance(root, list) or len(root) != 2
        or not isinstance(root[0], str) or not SHA_RE.match(root[0]) or not isinstance(root[1], int)
        or not _optional_entry(payload.get("catalog"))
    ):
        raise IndexRejected("the signed index has an unknown format")
    expires = payload.get("expires_at")
    if expires is not None and not _is_timestamp(expires):
        raise IndexRejected("the signed index has an unreadable expiry")
    return VerifiedIndex(payload, serial)


def _certified_serial(
    certificate: Any, trusted: Ed25519PublicKey, signature: str, payload: dict[str, Any], min_serial: int
) -> int:
    if not isinstance(certificate, dict) or not isinstance(certificate.get("payload"), dict):
        raise IndexRejected("the index signature does not match the configured public key")
    body = certificate["payload"]
    if not _verifies(trusted, certificate.get("signature"), body) or body.get("kind") != CERTIFICATE_KIND:
        raise IndexRejected("the index's signing key is not certified by the configured root key")
    serial = body.get("serial")
    if not isinstance(serial, int) or isinstance(serial, bool) or serial < 1:
        raise IndexRejected("the signing key's certificate has no serial")
    if serial < min_serial:
        raise IndexRejected(
            f"the index is signed by a revoked key (serial {serial}; this kiosk already follows serial {min_serial})"
        )
    try:
        signing_key = load_public(str(body.get("key", "")))
    except ValueError:
        raise IndexRejected("the signing key's certificate names no valid key") from None
    if not _verifies(signing_key, signature, payload):
        raise IndexRejected("the index signature does not match its certified signing key")
    return serial


def _is_timestamp(value: Any) -> bool:
    try:
        return isinstance(value, str) and dt.datetime.fromisoformat(value) is not None
    except ValueError:
        return False


def _optional_entry(value: Any) -> bool:
    return value is None or (
        isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
        and bool(SHA_RE.match(value[0])) and isinstance(value[1], int)
    )
