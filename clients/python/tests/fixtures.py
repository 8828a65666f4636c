"""Fresh random keys for the tests: a keys.json with every algorithm, and signing keys."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mqtt_guard_payload import public_key_der
from tests.vectors import b64

ED25519 = Ed25519PrivateKey.generate()
ECDSA = ec.generate_private_key(ec.SECP256R1())


def entries() -> List[Dict[str, Any]]:
    """Keys 1 (AES primary), 2 (ChaCha), 3 (AES derived), 4 (HMAC primary), 5 (HMAC derived),
    6 (AES disabled), 20 (Ed25519), 21 (ECDSA P-256)."""
    def sym(key_id, alg, status="enabled", size=32, derive=False):
        e = {"id": key_id, "algorithm": alg, "status": status, "material": b64(os.urandom(size))}
        return dict(e, derive="topic") if derive else e

    return [
        sym(1, "AES-256-GCM", "primary"), sym(2, "CHACHA20-POLY1305"),
        sym(3, "AES-256-GCM", derive=True), sym(4, "HMAC-SHA256", "primary", size=48),
        sym(5, "HMAC-SHA256", derive=True), sym(6, "AES-256-GCM", "disabled"),
        {"id": 20, "algorithm": "ED25519", "status": "enabled",
         "publicKey": b64(public_key_der(ED25519)), "owner": {"username": "dev"}},
        {"id": 21, "algorithm": "ECDSA-P256", "status": "enabled",
         "publicKey": b64(public_key_der(ECDSA)), "owner": {"username": "dev"}},
    ]


def write_config(directory: str, keys: List[Dict[str, Any]]) -> str:
    """Writes ``directory/keys.json`` and PEM files ``ed25519.pem`` and ``ecdsa.pem``."""
    with open(os.path.join(directory, "keys.json"), "w", encoding="utf-8") as f:
        json.dump({"keys": keys}, f)
    for name, key in (("ed25519.pem", ED25519), ("ecdsa.pem", ECDSA)):
        with open(os.path.join(directory, name), "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    return directory
