#!/usr/bin/env python3
"""Writes docs/payload-vectors.json: known-answer vectors of MQTT Guard's payload wire format.

An independent implementation of docs/payload-envelope.md (versions 1 and 2), written from the
document, not from the Java code. Needs only the `cryptography` package (>= 44 for RFC 6979 ECDSA).
Run: python3 docs/vectors/generate.py > docs/payload-vectors.json
"""
import hashlib
import hmac
import json
import struct

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

TS = 1795428000  # 2026-11-23T10:00:00Z
NONCE = bytes(range(0xA0, 0xAC))
ALG = {"AES-256-GCM": 0x01, "CHACHA20-POLY1305": 0x02, "HMAC-SHA256": 0x10, "ED25519": 0x20,
       "ECDSA-P256": 0x21}


def K(s):
    return bytes((i + s) % 256 for i in range(32))


def lp(b):
    return struct.pack(">H", len(b)) + b


def derive(master, key_id, topic):
    info = b"mqtt-guard/v1 topic-key\x00" + struct.pack(">I", key_id) + topic.encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def header(version, alg, client_id, key_id, ts):
    flags = 1 if client_id is not None else 0
    return bytes([version, ALG[alg], flags]) + struct.pack(">IQ", key_id, ts)


def bound(topic, client_id):
    return lp(topic.encode()) + (lp(client_id.encode()) if client_id is not None else b"")


def envelope(version, alg, key, key_id, ts, nonce, topic, client_id, plaintext):
    h = header(version, alg, client_id, key_id, ts) + nonce
    aead = AESGCM(key) if alg == "AES-256-GCM" else ChaCha20Poly1305(key)
    return h + aead.encrypt(nonce, plaintext, h + bound(topic, client_id))


def sign(alg, key, message):
    if alg == "HMAC-SHA256":
        return hmac.new(key, message, hashlib.sha256).digest()
    if alg == "ED25519":
        return Ed25519PrivateKey.from_private_bytes(key).sign(message)
    private = ec.derive_private_key(int.from_bytes(key, "big"), ec.SECP256R1())
    der = private.sign(message, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    r, s = decode_dss_signature(der)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def stamp(version, alg, key, key_id, ts, nonce, topic, client_id, payload):
    if version == 1:
        assert client_id is None and nonce is None
        h = header(1, alg, None, key_id, ts)
        return h + sign(alg, key, h + lp(topic.encode()) + payload) + payload
    h = header(2, alg, client_id, key_id, ts) + nonce
    return h + sign(alg, key, h + bound(topic, client_id) + payload) + payload


def public_key(alg, private):
    if alg == "ED25519":
        pk = Ed25519PrivateKey.from_private_bytes(private).public_key()
    else:
        pk = ec.derive_private_key(int.from_bytes(private, "big"), ec.SECP256R1()).public_key()
    return pk.public_bytes(serialization.Encoding.DER,
                           serialization.PublicFormat.SubjectPublicKeyInfo)


def vector(name, description, version, alg, key_id, secret, topic, plaintext, client_id=None,
           derive_topic=False, nonce=NONCE):
    kind = "envelope" if ALG[alg] < 0x10 else "stamp"
    v = {"name": name, "description": description, "version": version, "kind": kind,
         "algorithm": alg, "keyId": key_id}
    used = secret
    if kind == "stamp" and alg != "HMAC-SHA256":
        v["privateKey"] = secret.hex()
        v["publicKey"] = public_key(alg, secret).hex()
    else:
        v["key"] = secret.hex()
        v["derive"] = "topic" if derive_topic else None
        if derive_topic:
            used = derive(secret, key_id, topic)
            v["topicKey"] = used.hex()
    if kind == "stamp" and version == 1:
        nonce = None
    v.update({"timestamp": TS, "nonce": nonce.hex() if nonce else None, "topic": topic,
              "clientId": client_id, "plaintext": plaintext.hex()})
    make = envelope if kind == "envelope" else stamp
    v["expected"] = make(version, alg, used, key_id, TS, nonce, topic, client_id, plaintext).hex()
    v["deterministic"] = alg != "ECDSA-P256"
    return v


VECTORS = [
    vector("v1-aes256gcm", "doc V1", 1, "AES-256-GCM", 1, K(1), "sensors/a/data", b"21.5"),
    vector("v1-chacha20poly1305-bound", "doc V2", 1, "CHACHA20-POLY1305", 0x01020304, K(2),
           "bound/x", b"hello", client_id="sensor-1"),
    vector("v1-aes256gcm-derived-empty", "doc V3", 1, "AES-256-GCM", 3, K(3), "sensors/a/data",
           b"", derive_topic=True),
    vector("v1-hmac", "doc V4", 1, "HMAC-SHA256", 4, K(4), "cmd/door", b"open"),
    vector("v1-ed25519", "doc V5", 1, "ED25519", 20, K(5), "fw/image", b"firmware-1.2.3"),
    vector("v1-ecdsa-p256", "v1 ECDSA stamp", 1, "ECDSA-P256", 21, K(6), "fw/image",
           b"firmware-1.2.3"),
    vector("v2-aes256gcm", "v2 envelope", 2, "AES-256-GCM", 1, K(1), "sensors/a/data", b"21.5"),
    vector("v2-chacha20poly1305-derived-bound-utf8", "non-ASCII topic and client ID", 2,
           "CHACHA20-POLY1305", 7, K(7), "capteurs/salle-é/température", "21,5 °C".encode(),
           client_id="capteur-ü", derive_topic=True),
    vector("v2-aes256gcm-binary", "binary plaintext with zero bytes", 2, "AES-256-GCM", 8, K(8),
           "bin/blob", bytes(range(256)) * 2),
    vector("v2-hmac", "v2 HMAC stamp, unbound", 2, "HMAC-SHA256", 4, K(4), "cmd/door", b"open"),
    vector("v2-hmac-bound", "v2 HMAC stamp bound to a client ID", 2, "HMAC-SHA256", 9, K(9),
           "cmd/door", b"open", client_id="door-controller-1"),
    vector("v2-hmac-derived-utf8", "derived HMAC key, non-ASCII topic", 2, "HMAC-SHA256", 10, K(10),
           "häuser/7/tür", b"auf", derive_topic=True),
    vector("v2-hmac-empty", "empty cleartext", 2, "HMAC-SHA256", 4, K(4), "cmd/door", b""),
    vector("v2-ed25519-bound", "v2 Ed25519 stamp bound", 2, "ED25519", 20, K(5), "fw/image",
           b"firmware-1.2.3", client_id="gw-1"),
    vector("v2-ecdsa-p256", "v2 ECDSA stamp", 2, "ECDSA-P256", 21, K(6), "fw/image",
           b"firmware-1.2.3"),
    vector("v2-ecdsa-p256-bound-utf8", "v2 ECDSA stamp, non-ASCII client ID", 2, "ECDSA-P256", 21,
           K(6), "fw/gerät", b"\x00\x01", client_id="gerät-12"),
]


def by_name(n):
    return next(v for v in VECTORS if v["name"] == n)


def mutated(name, fn):
    b = bytearray(bytes.fromhex(by_name(name)["expected"]))
    fn(b)
    return bytes(b).hex()


def bad(name, base, reason, sealed=None, topic=None, client_id="same"):
    v = by_name(base)
    return {"name": name, "vector": base, "topic": topic if topic is not None else v["topic"],
            "clientId": v["clientId"] if client_id == "same" else client_id,
            "sealed": sealed if sealed is not None else v["expected"], "reason": reason}


def set_byte(i, value):
    def f(b):
        b[i] = value
    return f


def flip_last(b):
    b[-1] ^= 1


MUST_NOT_OPEN = [
    bad("moved-topic-envelope", "v1-aes256gcm", "AUTHENTICATION_FAILED", topic="sensors/b/data"),
    bad("other-client-envelope", "v1-chacha20poly1305-bound", "AUTHENTICATION_FAILED",
        client_id="sensor-2"),
    bad("v2-moved-topic-envelope", "v2-aes256gcm", "AUTHENTICATION_FAILED", topic="sensors/a/dat"),
    bad("v2-version-byte-downgraded", "v2-aes256gcm", "AUTHENTICATION_FAILED",
        sealed=mutated("v2-aes256gcm", set_byte(0, 1))),
    bad("v2-hmac-other-client", "v2-hmac-bound", "HMAC_INVALID", client_id="door-controller-2"),
    bad("v2-hmac-binding-flag-cleared", "v2-hmac-bound", "HMAC_INVALID", client_id=None,
        sealed=mutated("v2-hmac-bound", set_byte(2, 0))),
    bad("v2-hmac-moved-topic", "v2-hmac", "HMAC_INVALID", topic="cmd/window"),
    bad("v2-hmac-reserved-flag", "v2-hmac", "MALFORMED_HEADER",
        sealed=mutated("v2-hmac", set_byte(2, 2))),
    bad("v2-hmac-truncated", "v2-hmac-empty", "TRUNCATED",
        sealed=by_name("v2-hmac-empty")["expected"][:-2]),
    bad("v2-ed25519-payload-changed", "v2-ed25519-bound", "SIGNATURE_INVALID",
        sealed=mutated("v2-ed25519-bound", flip_last)),
    bad("v2-ecdsa-moved-topic", "v2-ecdsa-p256", "SIGNATURE_INVALID", topic="fw/other"),
    bad("unknown-version-3", "v2-hmac", "UNKNOWN_VERSION", sealed=mutated("v2-hmac", set_byte(0, 3))),
]

README = (
    "Known-answer vectors of the MQTT Guard payload wire format (docs/payload-envelope.md), "
    "versions 1 and 2. Byte strings are lowercase hex; topic and clientId are JSON (UTF-8) "
    "strings, clientId null = not bound. 'key' is the keys.json key material (for derive=topic "
    "the master; 'topicKey' is the HKDF-derived key the device uses). Signature vectors give "
    "'privateKey' (Ed25519: the 32-byte seed; ECDSA-P256: the 32-byte private scalar) and "
    "'publicKey' (X.509 SubjectPublicKeyInfo DER, as keys.json holds it in base64). Sealing "
    "with key, nonce (null for v1 stamps, which have none) and timestamp must give 'expected' "
    "byte for byte where deterministic=true; ECDSA signatures are RFC 6979 here but may be "
    "randomized: compare all other bytes and verify the signature. Opening 'expected' at "
    "now=timestamp with topic and clientId must give 'plaintext'. Every 'mustNotOpen' case must "
    "be refused with 'reason' (the broker's RefusalReason) when opened at now=timestamp with "
    "its topic and clientId and the keys of its 'vector'.")

print(json.dumps({"readme": README, "vectors": VECTORS, "mustNotOpen": MUST_NOT_OPEN},
                 indent=2, ensure_ascii=False))
