"""Ed25519 signatures on the repository index (cryptography's implementation).

The index is ``{"payload": {...}, "signature": base64}``; the signature covers the canonical
bytes of ``payload``. Kiosks are configured with the base64 raw 32-byte public key.
"""

from __future__ import annotations

import base64
import binascii
import json
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


def sign_index(payload: dict[str, Any], private: Ed25519PrivateKey) -> bytes:
    signature = base64.b64encode(private.sign(canonical(payload))).decode()
    return json.dumps({"payload": payload, "signature": signature}, indent=1, sort_keys=True).encode()


def verify_index(data: bytes, public: Ed25519PublicKey) -> dict[str, Any]:
    """Return the payload of a correctly signed, well-formed index, or raise IndexRejected."""
    try:
        document = json.loads(data)
    except ValueError:
        raise IndexRejected("the index is not valid JSON") from None
    if not isinstance(document, dict) or not isinstance(document.get("payload"), dict):
        raise IndexRejected("the index has no payload")
    signature = document.get("signature")
    if not isinstance(signature, str) or not signature:
        raise IndexRejected("the index is not signed")
    try:
        public.verify(base64.b64decode(signature, validate=True), canonical(document["payload"]))
    except (InvalidSignature, binascii.Error, ValueError):
        raise IndexRejected("the index signature does not match the configured public key") from None
    payload = document["payload"]
    root = payload.get("root")
    if (
        payload.get("format") != FORMAT
        or not isinstance(payload.get("revision"), int) or payload["revision"] < 1
        or not isinstance(root, list) or len(root) != 2
        or not isinstance(root[0], str) or not SHA_RE.match(root[0]) or not isinstance(root[1], int)
        or not _optional_entry(payload.get("catalog"))
    ):
        raise IndexRejected("the signed index has an unknown format")
    return payload


def _optional_entry(value: Any) -> bool:
    return value is None or (
        isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
        and bool(SHA_RE.match(value[0])) and isinstance(value[1], int)
    )
