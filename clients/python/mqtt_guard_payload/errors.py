"""Exceptions of mqtt_guard_payload, with the broker's refusal reasons."""

from __future__ import annotations

import enum


class Reason(str, enum.Enum):
    """Why a payload could not be sealed or opened: the names of the broker's ``RefusalReason``.

    The broker writes the same name into its audit log, so a refusal seen at the broker and one
    seen here can be compared directly.
    """

    TRUNCATED = "TRUNCATED"
    UNKNOWN_VERSION = "UNKNOWN_VERSION"
    UNKNOWN_ALGORITHM = "UNKNOWN_ALGORITHM"
    MALFORMED_HEADER = "MALFORMED_HEADER"
    UNPROTECTED = "UNPROTECTED"
    UNKNOWN_KEY = "UNKNOWN_KEY"
    KEY_DISABLED = "KEY_DISABLED"
    AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED"
    CLIENT_BINDING_REQUIRED = "CLIENT_BINDING_REQUIRED"
    HMAC_INVALID = "HMAC_INVALID"
    SIGNATURE_INVALID = "SIGNATURE_INVALID"
    SIGNER_NOT_PUBLISHER = "SIGNER_NOT_PUBLISHER"
    TIMESTAMP_EXPIRED = "TIMESTAMP_EXPIRED"
    TIMESTAMP_IN_FUTURE = "TIMESTAMP_IN_FUTURE"
    REPLAYED = "REPLAYED"
    REPLAY_CACHE_FULL = "REPLAY_CACHE_FULL"
    OVERSIZE = "OVERSIZE"
    INVALID_TOPIC = "INVALID_TOPIC"

    def __str__(self) -> str:
        return self.value


class PayloadError(Exception):
    """Sealing or opening failed. The message is uniform; :attr:`reason` says why.

    Never carries key material or payload bytes.
    """

    MESSAGE = "payload protection failed"

    def __init__(self, reason: Reason) -> None:
        super().__init__(f"{self.MESSAGE} ({reason.value})")
        self.reason = reason


class KeysError(ValueError):
    """``keys.json`` (or a private key file) is missing or invalid, or a key does not fit its use.

    The message names the file and, where it applies, the JSON pointer of the bad value and what
    was expected; it never contains key material.
    """
