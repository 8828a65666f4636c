"""``keys.json`` (docs/payload-rules.md) parsed into an immutable :class:`Keyset`."""

from __future__ import annotations

import base64
import binascii
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, Optional, Union

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ._wire import AEAD, ALGORITHM_BYTE, SIGNATURES, SigningKey, VerifyKey, check_topic
from .errors import KeysError

STATUSES = ("primary", "enabled", "disabled")
_INFO_LABEL = b"mqtt-guard/v1 topic-key\x00"


def derive_topic_key(master: bytes, key_id: int, topic: str) -> bytes:
    """The per-topic key of a ``"derive": "topic"`` entry (HKDF-SHA256, docs §4), 32 bytes."""
    info = _INFO_LABEL + struct.pack(">I", key_id) + check_topic(topic)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


@dataclass(frozen=True)
class Key:
    """One entry of ``keys.json``. ``repr`` never shows the material.

    ``material`` is the raw symmetric key (the master for ``derive``), ``None`` for signature keys
    and for disabled keys (their material is not kept); ``public_key`` is set for signature keys.
    """

    id: int
    algorithm: str
    status: str
    derive: bool = False
    material: Optional[bytes] = field(default=None, repr=False, compare=False)
    public_key: Optional[VerifyKey] = field(default=None, repr=False, compare=False)

    @property
    def kind(self) -> str:
        """``"aead"``, ``"hmac"`` or ``"signature"``."""
        if self.algorithm in AEAD:
            return "aead"
        return "hmac" if self.algorithm == "HMAC-SHA256" else "signature"

    def symmetric_key(self, topic: str) -> bytes:
        """The key to use on ``topic`` (derived for ``derive`` entries)."""
        if self.material is None:
            raise KeysError(f"key {self.id} ({self.algorithm}) has no usable material")
        return derive_topic_key(self.material, self.id, topic) if self.derive else self.material


class Keyset:
    """The keys of one ``keys.json``, validated. Immutable and thread-safe."""

    def __init__(self, keys: Iterable[Key]) -> None:
        self._keys: Dict[int, Key] = {}
        for k in keys:
            if k.id in self._keys:
                raise KeysError(f"duplicate key ID {k.id}")
            self._keys[k.id] = k

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Keyset":
        """Reads and validates ``path`` (a ``keys.json``); :class:`KeysError` names what is wrong."""
        name = os.fspath(path)
        try:
            with open(name, "rb") as f:
                raw = f.read()
        except OSError as e:
            raise KeysError(f"{name}: cannot read: {e.strerror}") from None
        return cls.parse(raw, name)

    @classmethod
    def parse(cls, raw: Union[bytes, str], name: str = "keys.json") -> "Keyset":
        """Parses the text of a ``keys.json``; ``name`` is used in error messages."""
        try:
            doc = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as e:
            raise KeysError(f"{name}: not valid JSON: {e}") from None
        entries = doc.get("keys") if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            raise KeysError(f"{name}: /keys: expected an array of key entries")
        keyset = cls(_entry(name, f"/keys/{i}", e) for i, e in enumerate(entries))
        for kind in ("aead", "hmac"):
            if len([k for k in keyset if k.kind == kind and k.status == "primary"]) > 1:
                raise KeysError(f"{name}: more than one primary {kind.upper()} key")
        return keyset

    def __iter__(self) -> Iterator[Key]:
        return iter(self._keys.values())

    def get(self, key_id: int) -> Optional[Key]:
        """The entry with ``key_id``, or ``None``."""
        return self._keys.get(key_id)

    def primary(self, kind: str) -> Optional[Key]:
        """The primary key of ``kind`` (``"aead"`` or ``"hmac"``), or ``None``."""
        return next((k for k in self if k.kind == kind and k.status == "primary"), None)


def _entry(name: str, ptr: str, e: Any) -> Key:
    def bad(field_ptr: str, expected: str) -> KeysError:
        return KeysError(f"{name}: {ptr}{field_ptr}: expected {expected}")

    if not isinstance(e, dict):
        raise bad("", "an object")
    key_id = e.get("id")
    if type(key_id) is not int or not 1 <= key_id <= 0xFFFFFFFF:
        raise bad("/id", "an integer 1..4294967295")
    algorithm = e.get("algorithm")
    if algorithm not in ALGORITHM_BYTE:
        raise bad("/algorithm", "one of " + ", ".join(ALGORITHM_BYTE))
    status = e.get("status")
    if status not in STATUSES:
        raise bad("/status", "one of " + ", ".join(STATUSES))
    derive = e.get("derive")
    if derive not in (None, "topic"):
        raise bad("/derive", '"topic" or no derive')
    if algorithm in SIGNATURES:
        if derive is not None or status == "primary":
            raise bad("", "a signature key that is enabled or disabled, never primary or derived")
        public = _public_key(algorithm, e.get("publicKey"), lambda: bad("/publicKey", (
            f"base64 of an X.509 SubjectPublicKeyInfo DER {algorithm} public key")))
        return Key(key_id, algorithm, status, public_key=public)
    sizes = (32,) if algorithm in AEAD else tuple(range(32, 65))
    material = _base64(e.get("material"))
    if material is None or len(material) not in sizes:
        raise bad("/material", "base64 of " + ("32" if algorithm in AEAD else "32..64") + " bytes")
    kept = None if status == "disabled" else material
    return Key(key_id, algorithm, status, derive=derive == "topic", material=kept)


def _base64(value: Any) -> Optional[bytes]:
    if not isinstance(value, str):
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None


def _public_key(algorithm: str, value: Any, bad) -> VerifyKey:
    der = _base64(value)
    if der is None:
        raise bad()
    try:
        key = serialization.load_der_public_key(der)
    except (ValueError, TypeError):
        raise bad() from None
    if algorithm == "ED25519" and isinstance(key, Ed25519PublicKey):
        return key
    if isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, ec.SECP256R1):
        if algorithm == "ECDSA-P256":
            return key
    raise bad()


def load_private_key(path: Union[str, "os.PathLike[str]"]) -> SigningKey:
    """A PKCS#8 PEM private key (as ``mqtt-guard keygen`` writes): Ed25519 or ECDSA P-256."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            pem = f.read()
    except OSError as e:
        raise KeysError(f"{name}: cannot read: {e.strerror}") from None
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise KeysError(f"{name}: expected an unencrypted PKCS#8 PEM private key "
                        "(-----BEGIN PRIVATE KEY-----)") from None
    if isinstance(key, Ed25519PrivateKey):
        return key
    if isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1):
        return key
    raise KeysError(f"{name}: expected an Ed25519 or ECDSA P-256 private key")


def signing_algorithm(private_key: SigningKey) -> str:
    """``"ED25519"`` or ``"ECDSA-P256"``: the keys.json algorithm of ``private_key``."""
    return "ED25519" if isinstance(private_key, Ed25519PrivateKey) else "ECDSA-P256"


def public_key_der(private_key: SigningKey) -> bytes:
    """The X.509 SubjectPublicKeyInfo DER of ``private_key``'s public key (for ``keys.json``)."""
    return private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
