"""The bytes of docs/payload-envelope.md (versions 1 and 2) with explicit nonce and timestamp.

Internal: the public API (:mod:`mqtt_guard_payload`) draws nonces from ``os.urandom``; these
functions take them as arguments so that the known-answer vectors can be reproduced. Never call
them with a nonce that was used before with the same key.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass
from typing import Optional, Union

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

from .errors import PayloadError, Reason

VERSIONS = (1, 2)
NONCE_LENGTH = 12
TAG_LENGTH = 16
ENVELOPE_HEADER = 27
#: wire byte of each algorithm, named as in keys.json
ALGORITHM_BYTE = {
    "AES-256-GCM": 0x01,
    "CHACHA20-POLY1305": 0x02,
    "HMAC-SHA256": 0x10,
    "ED25519": 0x20,
    "ECDSA-P256": 0x21,
}
ALGORITHM_NAME = {b: n for n, b in ALGORITHM_BYTE.items()}
AEAD = ("AES-256-GCM", "CHACHA20-POLY1305")
SIGNATURES = ("ED25519", "ECDSA-P256")
#: tag or signature length of each stamp algorithm
STAMP_LENGTH = {"HMAC-SHA256": 32, "ED25519": 64, "ECDSA-P256": 64}

SigningKey = Union[Ed25519PrivateKey, ec.EllipticCurvePrivateKey]
VerifyKey = Union[Ed25519PublicKey, ec.EllipticCurvePublicKey]


def check_topic(topic: str) -> bytes:
    """UTF-8 bytes of ``topic`` if it is a valid MQTT topic name, else INVALID_TOPIC."""
    try:
        raw = topic.encode("utf-8")
    except UnicodeEncodeError:
        raise PayloadError(Reason.INVALID_TOPIC) from None
    if not raw or len(raw) > 0xFFFF or b"\0" in raw or b"+" in raw or b"#" in raw:
        raise PayloadError(Reason.INVALID_TOPIC)
    return raw


def check_client_id(client_id: str) -> bytes:
    """UTF-8 bytes of ``client_id`` if it can be bound to (not empty, no U+0000, <= 65535)."""
    try:
        raw = client_id.encode("utf-8")
    except UnicodeEncodeError:
        raise PayloadError(Reason.INVALID_TOPIC) from None
    if not raw or len(raw) > 0xFFFF or b"\0" in raw:
        raise PayloadError(Reason.INVALID_TOPIC)
    return raw


def _lp(b: bytes) -> bytes:
    return struct.pack(">H", len(b)) + b


def _bound(topic: str, client_id: Optional[str]) -> bytes:
    ids = _lp(check_topic(topic))
    return ids + (_lp(check_client_id(client_id)) if client_id is not None else b"")


def _header(version: int, algorithm: str, bound: bool, key_id: int, timestamp: int) -> bytes:
    if version not in VERSIONS:
        raise ValueError(f"format version must be 1 or 2, not {version}")
    if not 1 <= key_id <= 0xFFFFFFFF:
        raise ValueError(f"key ID must be 1..4294967295, not {key_id}")
    flags = 1 if bound else 0
    return bytes([version, ALGORITHM_BYTE[algorithm], flags]) + struct.pack(">Iq", key_id, timestamp)


def _aead(algorithm: str, key: bytes) -> Union[AESGCM, ChaCha20Poly1305]:
    return AESGCM(key) if algorithm == "AES-256-GCM" else ChaCha20Poly1305(key)


def encode_envelope(version: int, algorithm: str, key: bytes, key_id: int, timestamp: int,
                    nonce: bytes, topic: str, client_id: Optional[str], plaintext: bytes) -> bytes:
    """header ‖ AEAD(key, nonce, plaintext, AAD = header ‖ topic [‖ client ID])."""
    assert algorithm in AEAD and len(nonce) == NONCE_LENGTH
    header = _header(version, algorithm, client_id is not None, key_id, timestamp) + nonce
    aad = header + _bound(topic, client_id)
    return header + _aead(algorithm, key).encrypt(nonce, plaintext, aad)


def stamp_header(version: int, algorithm: str, key_id: int, timestamp: int,
                 nonce: Optional[bytes], bound: bool) -> bytes:
    """The header of a stamp: 15 bytes (v1, no nonce, never bound) or 27 bytes (v2)."""
    if version == 1:
        if bound or nonce is not None:
            raise ValueError("version 1 stamps have no nonce and cannot be bound to a client ID")
        return _header(1, algorithm, False, key_id, timestamp)
    assert nonce is not None and len(nonce) == NONCE_LENGTH
    return _header(version, algorithm, bound, key_id, timestamp) + nonce


def stamped_message(header: bytes, topic: str, client_id: Optional[str], payload: bytes) -> bytes:
    """M, the bytes the tag or signature covers."""
    return header + _bound(topic, client_id) + payload


def hmac_tag(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def sign(private_key: SigningKey, message: bytes) -> bytes:
    """Ed25519 signature, or ECDSA P-256/SHA-256 as r ‖ s (32 + 32 bytes big-endian)."""
    if isinstance(private_key, Ed25519PrivateKey):
        return private_key.sign(message)
    r, s = decode_dss_signature(private_key.sign(message, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def verify(public_key: VerifyKey, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` (Ed25519, or ECDSA r ‖ s) over ``message`` verifies."""
    try:
        if isinstance(public_key, Ed25519PublicKey):
            public_key.verify(signature, message)
        else:
            r = int.from_bytes(signature[:32], "big")
            s = int.from_bytes(signature[32:], "big")
            public_key.verify(encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))
        return True
    except (InvalidSignature, ValueError):
        return False


def aead_open(algorithm: str, key: bytes, envelope: bytes, topic: str,
              client_id: Optional[str]) -> bytes:
    """Plaintext of a structurally valid envelope, or AUTHENTICATION_FAILED."""
    header = envelope[:ENVELOPE_HEADER]
    if header[2] & 1 and client_id is None:
        raise PayloadError(Reason.AUTHENTICATION_FAILED)
    aad = header + _bound(topic, client_id if header[2] & 1 else None)
    try:
        return _aead(algorithm, key).decrypt(header[15:27], envelope[ENVELOPE_HEADER:], aad)
    except InvalidTag:
        raise PayloadError(Reason.AUTHENTICATION_FAILED) from None


@dataclass(frozen=True)
class Parsed:
    """A structurally valid envelope or stamp (no key or tag checked yet)."""

    version: int
    algorithm: str
    bound: bool
    key_id: int
    timestamp: int
    header_length: int
    #: length of the tag or signature after the header (stamps), 0 for envelopes
    tag_length: int

    @property
    def envelope(self) -> bool:
        return self.algorithm in AEAD


def parse(data: bytes) -> Parsed:
    """The header of ``data`` in the broker's order of checks, or the broker's refusal reason."""
    if not data or not 1 <= data[0] <= 0x0F:
        raise PayloadError(Reason.UNPROTECTED)
    version = data[0]
    if version not in VERSIONS:
        raise PayloadError(Reason.UNKNOWN_VERSION)
    if len(data) < (15 if version == 1 else 27):
        raise PayloadError(Reason.TRUNCATED)
    algorithm = ALGORITHM_NAME.get(data[1])
    if algorithm is None:
        raise PayloadError(Reason.UNKNOWN_ALGORITHM)
    envelope = algorithm in AEAD
    header = ENVELOPE_HEADER if envelope or version == 2 else 15
    tag = 0 if envelope else STAMP_LENGTH[algorithm]
    allowed_flags = 0 if (version == 1 and not envelope) else 1
    if data[2] & ~allowed_flags & 0xFF:
        raise PayloadError(Reason.MALFORMED_HEADER)
    if len(data) < header + (TAG_LENGTH if envelope else tag):
        raise PayloadError(Reason.TRUNCATED)
    key_id, timestamp = struct.unpack(">Iq", data[3:15])
    return Parsed(version, algorithm, bool(data[2] & 1), key_id, timestamp, header, tag)
