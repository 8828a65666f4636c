"""Sealing (device side) and opening/verifying protected payloads."""

from __future__ import annotations

import hmac
import math
import os
import time
from dataclasses import dataclass
from typing import Callable, Optional

from . import _wire
from .errors import PayloadError, Reason
from .keys import Key, Keyset, signing_algorithm
from ._wire import SigningKey

Clock = Callable[[], float]
"""Seconds since the epoch, like :func:`time.time` (the default)."""


class Sealer:
    """Seals envelopes and stamps with the keys of a :class:`Keyset`.

    Every envelope and every version 2 stamp gets a fresh 96-bit nonce from ``os.urandom``; the
    timestamp comes from ``clock``. With random nonces, rotate an AEAD key well before 2**32
    messages. Thread-safe.

    :param keys: the device's keys (a ``keys.json``)
    :param version: wire format version to write: 2 (default) or 1 (legacy; v1 stamps carry no
        nonce and cannot be bound to a client ID)
    :param clock: the current time in seconds since the epoch
    """

    def __init__(self, keys: Keyset, *, version: int = 2, clock: Clock = time.time) -> None:
        if version not in _wire.VERSIONS:
            raise ValueError(f"format version must be 1 or 2, not {version}")
        self._keys = keys
        self._version = version
        self._clock = clock

    def seal(self, topic: str, plaintext: bytes, *, client_id: Optional[str] = None,
             key_id: Optional[int] = None) -> bytes:
        """An envelope (encrypted and authenticated) of ``plaintext`` for ``topic``.

        :param client_id: bind the envelope to the publisher's MQTT client ID
        :param key_id: use this AEAD key instead of the primary one
        :raises PayloadError: INVALID_TOPIC, UNKNOWN_KEY (no such / no primary key),
            KEY_DISABLED, UNKNOWN_ALGORITHM (``key_id`` is not an AEAD key)
        """
        key = self._pick("aead", key_id)
        return _wire.encode_envelope(
            self._version, key.algorithm, key.symmetric_key(topic), key.id, self._now(),
            os.urandom(_wire.NONCE_LENGTH), topic, client_id, bytes(plaintext))

    def stamp(self, topic: str, payload: bytes, *, client_id: Optional[str] = None,
              key_id: Optional[int] = None) -> bytes:
        """``payload`` prefixed with an HMAC-SHA256 stamp for ``topic`` (not encrypted).

        :param client_id: bind the stamp to the publisher's client ID (version 2 only)
        :param key_id: use this HMAC key instead of the primary one
        :raises PayloadError: as :meth:`seal`, for HMAC keys
        :raises ValueError: ``client_id`` with version 1
        """
        key = self._pick("hmac", key_id)
        header = self._stamp_header(key.algorithm, key.id, client_id)
        message = _wire.stamped_message(header, topic, client_id, payload)
        return header + _wire.hmac_tag(key.symmetric_key(topic), message) + bytes(payload)

    def sign(self, private_key: SigningKey, key_id: int, topic: str, payload: bytes, *,
             client_id: Optional[str] = None) -> bytes:
        """``payload`` prefixed with an Ed25519 or ECDSA P-256 signature stamp for ``topic``.

        ``key_id`` is the ID of the public key in the broker's ``keys.json`` (the algorithm
        follows from ``private_key``). The keyset is not consulted: use :func:`open_payload` to
        check the result against the public key.
        """
        header = self._stamp_header(signing_algorithm(private_key), key_id, client_id)
        message = _wire.stamped_message(header, topic, client_id, payload)
        return header + _wire.sign(private_key, message) + bytes(payload)

    def _stamp_header(self, algorithm: str, key_id: int, client_id: Optional[str]) -> bytes:
        nonce = os.urandom(_wire.NONCE_LENGTH) if self._version == 2 else None
        return _wire.stamp_header(self._version, algorithm, key_id, self._now(), nonce,
                                  client_id is not None)

    def _now(self) -> int:
        return math.floor(self._clock())

    def _pick(self, kind: str, key_id: Optional[int]) -> Key:
        key = self._keys.primary(kind) if key_id is None else self._keys.get(key_id)
        if key is None:
            raise PayloadError(Reason.UNKNOWN_KEY)
        if key.status == "disabled":
            raise PayloadError(Reason.KEY_DISABLED)
        if key.kind != kind:
            raise PayloadError(Reason.UNKNOWN_ALGORITHM)
        return key


@dataclass(frozen=True)
class Opened:
    """What :func:`open_payload` found. ``encrypted`` is False for stamps (payload sent in clear)."""

    payload: bytes
    algorithm: str
    key_id: int
    version: int
    timestamp: int
    bound: bool
    encrypted: bool


def open_payload(keys: Keyset, topic: str, data: bytes, *, client_id: Optional[str] = None,
                 now: Optional[float] = None, window_seconds: int = 300,
                 require_client_binding: bool = False) -> Opened:
    """Opens an envelope or verifies a stamp received on ``topic``, in the broker's order of checks.

    :param client_id: the publisher's client ID (needed for client-bound payloads)
    :param now: if given, also check the timestamp against ``now`` ± ``window_seconds``
    :param require_client_binding: refuse payloads not bound to a client ID, as a broker rule with
        ``requireClientBinding`` does
    :raises PayloadError: with the broker's reason (replays are not tracked here)
    """
    p = _wire.parse(bytes(data))
    key = keys.get(p.key_id)
    if key is None:
        raise PayloadError(Reason.UNKNOWN_KEY)
    if key.status == "disabled":
        raise PayloadError(Reason.KEY_DISABLED)
    if key.algorithm != p.algorithm:
        raise PayloadError(Reason.UNKNOWN_ALGORITHM)
    if require_client_binding and not p.bound:
        raise PayloadError(Reason.CLIENT_BINDING_REQUIRED)
    if now is not None and p.timestamp < math.floor(now) - window_seconds:
        raise PayloadError(Reason.TIMESTAMP_EXPIRED)
    if now is not None and p.timestamp > math.floor(now) + window_seconds:
        raise PayloadError(Reason.TIMESTAMP_IN_FUTURE)
    if p.envelope:
        plain = _wire.aead_open(p.algorithm, key.symmetric_key(topic), data, topic, client_id)
        return Opened(plain, p.algorithm, p.key_id, p.version, p.timestamp, p.bound, True)
    return _verify_stamp(key, p, topic, bytes(data), client_id)


def _verify_stamp(key: Key, p: _wire.Parsed, topic: str, data: bytes,
                  client_id: Optional[str]) -> Opened:
    end = p.header_length + p.tag_length
    tag, payload = data[p.header_length:end], data[end:]
    if p.bound and client_id is None:
        ok = False
    else:
        message = _wire.stamped_message(data[:p.header_length], topic,
                                        client_id if p.bound else None, payload)
        if key.kind == "hmac":
            expected = _wire.hmac_tag(key.symmetric_key(topic), message)
            ok = hmac.compare_digest(expected, tag)
        else:
            assert key.public_key is not None
            ok = _wire.verify(key.public_key, tag, message)
    if not ok:
        raise PayloadError(Reason.HMAC_INVALID if key.kind == "hmac" else Reason.SIGNATURE_INVALID)
    return Opened(payload, p.algorithm, p.key_id, p.version, p.timestamp, p.bound, False)
