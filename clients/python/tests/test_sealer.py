"""Sealer and open_payload with fresh keys: round trips, nonces, binding, clock, key choice."""

import json
import unittest

from mqtt_guard_payload import Keyset, PayloadError, Reason, Sealer, open_payload
from tests import fixtures

KEYS = Keyset.parse(json.dumps({"keys": fixtures.entries()}))
T = "sensors/ä/data"


class SealerTest(unittest.TestCase):
    def test_everyAlgorithmAndVersion_roundTrips(self):
        for version in (1, 2):
            s = Sealer(KEYS, version=version)
            cases = {
                "AES-256-GCM": s.seal(T, b"21.5", key_id=1),
                "CHACHA20-POLY1305": s.seal(T, b"21.5", key_id=2),
                "AES-256-GCM derived": s.seal(T, b"21.5", key_id=3),
                "HMAC-SHA256": s.stamp(T, b"21.5"),
                "HMAC-SHA256 derived": s.stamp(T, b"21.5", key_id=5),
                "ED25519": s.sign(fixtures.ED25519, 20, T, b"21.5"),
                "ECDSA-P256": s.sign(fixtures.ECDSA, 21, T, b"21.5"),
            }
            for name, sealed in cases.items():
                with self.subTest(f"v{version} {name}"):
                    self.assertEqual(version, sealed[0])
                    opened = open_payload(KEYS, T, sealed)
                    self.assertEqual(b"21.5", opened.payload)
                    self.assertEqual(name.split()[0], opened.algorithm)

    def test_twoSealsOfTheSameInput_differ_byTheirRandomNonce(self):
        s = Sealer(KEYS, clock=lambda: 1_800_000_000)
        for name, seal in {"envelope": lambda: s.seal(T, b"x"), "hmac": lambda: s.stamp(T, b"x"),
                           "ed25519": lambda: s.sign(fixtures.ED25519, 20, T, b"x")}.items():
            with self.subTest(name):
                seals = [seal() for _ in range(50)]
                nonces = {x[15:27] for x in seals}
                self.assertEqual(50, len(nonces), "every nonce is fresh")
                self.assertNotIn(bytes(12), nonces)

    def test_version1Stamps_areDeterministic_andCannotBeBound(self):
        s = Sealer(KEYS, version=1, clock=lambda: 1_800_000_000)
        self.assertEqual(s.stamp(T, b"x"), s.stamp(T, b"x"))
        with self.assertRaises(ValueError):
            s.stamp(T, b"x", client_id="c1")

    def test_timestamp_comesFromTheInjectedClock(self):
        sealed = Sealer(KEYS, clock=lambda: 1_795_428_000.9).seal(T, b"x")
        self.assertEqual(1_795_428_000, int.from_bytes(sealed[7:15], "big"))
        with self.assertRaises(PayloadError) as c:
            open_payload(KEYS, T, sealed, now=1_795_428_301)
        self.assertIs(Reason.TIMESTAMP_EXPIRED, c.exception.reason)
        with self.assertRaises(PayloadError) as c:
            open_payload(KEYS, T, sealed, now=1_795_427_699)
        self.assertIs(Reason.TIMESTAMP_IN_FUTURE, c.exception.reason)
        self.assertEqual(b"x", open_payload(KEYS, T, sealed, now=1_795_428_300).payload)

    def test_boundPayloads_openOnlyForTheirClientId(self):
        s = Sealer(KEYS)
        for sealed, reason in ((s.seal(T, b"x", client_id="c1"), Reason.AUTHENTICATION_FAILED),
                               (s.stamp(T, b"x", client_id="c1"), Reason.HMAC_INVALID),
                               (s.sign(fixtures.ECDSA, 21, T, b"x", client_id="c1"),
                                Reason.SIGNATURE_INVALID)):
            self.assertEqual(b"x", open_payload(KEYS, T, sealed, client_id="c1").payload)
            for other in ("c2", None):
                with self.subTest(reason=reason, other=other):
                    with self.assertRaises(PayloadError) as c:
                        open_payload(KEYS, T, sealed, client_id=other)
                    self.assertIs(reason, c.exception.reason)

    def test_requireClientBinding_refusesUnboundAndVersion1Stamps(self):
        for sealed in (Sealer(KEYS).stamp(T, b"x"), Sealer(KEYS, version=1).stamp(T, b"x")):
            with self.assertRaises(PayloadError) as c:
                open_payload(KEYS, T, sealed, client_id="c1", require_client_binding=True)
            self.assertIs(Reason.CLIENT_BINDING_REQUIRED, c.exception.reason)

    def test_derivedKey_isBoundToItsTopic(self):
        sealed = Sealer(KEYS).seal(T, b"x", key_id=3)
        with self.assertRaises(PayloadError) as c:
            open_payload(KEYS, "sensors/b/data", sealed)
        self.assertIs(Reason.AUTHENTICATION_FAILED, c.exception.reason)

    def test_keyChoice_unknownDisabledOrWrongKind_isRefused(self):
        s = Sealer(KEYS)
        for call, reason in ((lambda: s.seal(T, b"", key_id=99), Reason.UNKNOWN_KEY),
                             (lambda: s.seal(T, b"", key_id=6), Reason.KEY_DISABLED),
                             (lambda: s.seal(T, b"", key_id=4), Reason.UNKNOWN_ALGORITHM),
                             (lambda: s.stamp(T, b"", key_id=1), Reason.UNKNOWN_ALGORITHM),
                             (lambda: s.stamp(T, b"", key_id=20), Reason.UNKNOWN_ALGORITHM)):
            with self.subTest(reason):
                with self.assertRaises(PayloadError) as c:
                    call()
                self.assertIs(reason, c.exception.reason)

    def test_invalidTopic_isRefused(self):
        for topic in ("", "a/+", "a/#", "a\0b", "x" * 65536):
            with self.subTest(topic[:8]):
                with self.assertRaises(PayloadError) as c:
                    Sealer(KEYS).seal(topic, b"x")
                self.assertIs(Reason.INVALID_TOPIC, c.exception.reason)

    def test_opening_structuralProblems_inTheBrokersOrder(self):
        good = Sealer(KEYS).stamp(T, b"x")
        cases = {b"": Reason.UNPROTECTED, b"{\"t\": 1}": Reason.UNPROTECTED,
                 b"\x03" + good[1:]: Reason.UNKNOWN_VERSION, good[:58]: Reason.TRUNCATED,
                 good[:1] + b"\x11" + good[2:]: Reason.UNKNOWN_ALGORITHM,
                 good[:2] + b"\x02" + good[3:]: Reason.MALFORMED_HEADER,
                 good[:3] + b"\0\0\0\x63" + good[7:]: Reason.UNKNOWN_KEY,
                 Sealer(KEYS).seal(T, b"x")[:42]: Reason.TRUNCATED}
        for data, reason in cases.items():
            with self.subTest(reason=reason, data=data[:3]):
                with self.assertRaises(PayloadError) as c:
                    open_payload(KEYS, T, data)
                self.assertIs(reason, c.exception.reason)

    def test_disabledKey_isRefusedWhenOpening(self):
        keys = Keyset.parse(json.dumps({"keys": [dict(fixtures.entries()[0], status="enabled")]}))
        sealed = Sealer(keys).seal(T, b"x", key_id=1)
        disabled = Keyset.parse(json.dumps({"keys": [dict(fixtures.entries()[0],
                                                          status="disabled")]}))
        with self.assertRaises(PayloadError) as c:
            open_payload(disabled, T, sealed)
        self.assertIs(Reason.KEY_DISABLED, c.exception.reason)


if __name__ == "__main__":
    unittest.main()
