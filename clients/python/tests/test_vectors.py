"""Every vector and every mustNotOpen case of docs/payload-vectors.json."""

import unittest

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mqtt_guard_payload import PayloadError, derive_topic_key, open_payload, public_key_der
from mqtt_guard_payload import _wire
from tests.vectors import BY_NAME, MUST_NOT_OPEN, VECTORS, keyset_of


def _private_key(v):
    raw = bytes.fromhex(v["privateKey"])
    if v["algorithm"] == "ED25519":
        return Ed25519PrivateKey.from_private_bytes(raw)
    return ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())


def _seal(v) -> bytes:
    """Seals the vector's input with its key, nonce and timestamp."""
    nonce = bytes.fromhex(v["nonce"]) if v["nonce"] else None
    plain = bytes.fromhex(v["plaintext"])
    if v["kind"] == "envelope":
        return _wire.encode_envelope(v["version"], v["algorithm"], _symmetric(v), v["keyId"],
                                     v["timestamp"], nonce, v["topic"], v["clientId"], plain)
    header = _wire.stamp_header(v["version"], v["algorithm"], v["keyId"], v["timestamp"], nonce,
                                v["clientId"] is not None)
    message = _wire.stamped_message(header, v["topic"], v["clientId"], plain)
    if v["algorithm"] == "HMAC-SHA256":
        return header + _wire.hmac_tag(_symmetric(v), message) + plain
    return header + _wire.sign(_private_key(v), message) + plain


def _symmetric(v) -> bytes:
    key = bytes.fromhex(v["key"])
    return derive_topic_key(key, v["keyId"], v["topic"]) if v.get("derive") else key


class VectorsTest(unittest.TestCase):
    def test_vectorsFile_coversBothVersionsAndEveryAlgorithm(self):
        self.assertGreaterEqual(len(VECTORS), 16)
        self.assertGreaterEqual(len(MUST_NOT_OPEN), 12)
        self.assertEqual({1, 2}, {v["version"] for v in VECTORS})
        self.assertEqual(set(_wire.ALGORITHM_BYTE), {v["algorithm"] for v in VECTORS})

    def test_sealing_givesExpectedBytes_exceptTheRandomizableEcdsaSignature(self):
        for v in VECTORS:
            with self.subTest(v["name"]):
                sealed, expected = _seal(v), bytes.fromhex(v["expected"])
                self.assertEqual(len(expected), len(sealed))
                if v["deterministic"]:
                    self.assertEqual(expected.hex(), sealed.hex())
                else:
                    start = 15 if v["version"] == 1 else 27
                    self.assertEqual(expected[:start], sealed[:start])
                    self.assertEqual(expected[start + 64:], sealed[start + 64:])
                    self.assertEqual(v["plaintext"], self._open(v, sealed).payload.hex())

    def test_derivedTopicKeys_matchTheVectors(self):
        derived = [v for v in VECTORS if v.get("derive")]
        self.assertGreaterEqual(len(derived), 3)
        for v in derived:
            with self.subTest(v["name"]):
                self.assertEqual(v["topicKey"], _symmetric(v).hex())

    def test_publicKeys_matchThePrivateKeys(self):
        for v in (v for v in VECTORS if "privateKey" in v):
            with self.subTest(v["name"]):
                self.assertEqual(v["publicKey"], public_key_der(_private_key(v)).hex())

    def test_expected_opensToPlaintext(self):
        for v in VECTORS:
            with self.subTest(v["name"]):
                opened = self._open(v, bytes.fromhex(v["expected"]))
                self.assertEqual(v["plaintext"], opened.payload.hex())
                self.assertEqual(v["algorithm"], opened.algorithm)
                self.assertEqual(v["keyId"], opened.key_id)
                self.assertEqual(v["version"], opened.version)
                self.assertEqual(v["kind"] == "envelope", opened.encrypted)
                self.assertEqual(v["clientId"] is not None, opened.bound)

    def test_mustNotOpen_isRefusedWithTheBrokersReason(self):
        for case in MUST_NOT_OPEN:
            with self.subTest(case["name"]):
                v = BY_NAME[case["vector"]]
                with self.assertRaises(PayloadError) as caught:
                    open_payload(keyset_of(v), case["topic"], bytes.fromhex(case["sealed"]),
                                 client_id=case["clientId"], now=v["timestamp"])
                self.assertEqual(case["reason"], caught.exception.reason.value)

    @staticmethod
    def _open(v, data):
        return open_payload(keyset_of(v), v["topic"], data, client_id=v["clientId"],
                            now=v["timestamp"])


if __name__ == "__main__":
    unittest.main()
