"""keys.json loading: clear errors naming file and JSON pointer, never the material."""

import json
import os
import tempfile
import unittest

from mqtt_guard_payload import Keyset, KeysError
from tests import fixtures


def _doc(**changes):
    entry = dict(fixtures.entries()[0], **changes)
    return json.dumps({"keys": [entry]}), entry


class KeysTest(unittest.TestCase):
    def test_everyAlgorithm_loads_andPrimariesAreFound(self):
        keys = Keyset.parse(json.dumps({"keys": fixtures.entries()}))
        self.assertEqual(1, keys.primary("aead").id)
        self.assertEqual(4, keys.primary("hmac").id)
        self.assertIsNone(keys.get(6).material, "disabled material is not kept")
        self.assertEqual("signature", keys.get(21).kind)

    def test_invalidEntries_nameFileAndPointer_withoutMaterial(self):
        cases = {"/keys/0/id": {"id": 0}, "/keys/0/algorithm": {"algorithm": "AES-128-GCM"},
                 "/keys/0/status": {"status": "on"}, "/keys/0/derive": {"derive": "client"},
                 "/keys/0/material": {"material": "AAAA"}}
        for pointer, change in cases.items():
            with self.subTest(pointer):
                raw, entry = _doc(**change)
                with self.assertRaises(KeysError) as c:
                    Keyset.parse(raw, "dev/keys.json")
                self.assertIn(f"dev/keys.json: {pointer}: expected", str(c.exception))
                self.assertNotIn(entry["material"], str(c.exception))

    def test_publicKeyOfTheWrongAlgorithm_isRefused(self):
        ed = fixtures.entries()[6]
        raw = json.dumps({"keys": [dict(ed, algorithm="ECDSA-P256")]})
        with self.assertRaisesRegex(KeysError, "/keys/0/publicKey: expected"):
            Keyset.parse(raw)

    def test_duplicateIdsAndTwoPrimaries_areRefused(self):
        one = fixtures.entries()[0]
        with self.assertRaisesRegex(KeysError, "duplicate key ID 1"):
            Keyset.parse(json.dumps({"keys": [one, one]}))
        with self.assertRaisesRegex(KeysError, "more than one primary AEAD"):
            Keyset.parse(json.dumps({"keys": [one, dict(one, id=2)]}))

    def test_missingFileOrNotJson_namesTheFile(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "keys.json")
            with self.assertRaisesRegex(KeysError, "keys.json: cannot read"):
                Keyset.load(path)
            with open(path, "w", encoding="utf-8") as f:
                f.write("{")
            with self.assertRaisesRegex(KeysError, "keys.json: not valid JSON"):
                Keyset.load(path)

    def test_repr_neverShowsMaterial(self):
        keys = Keyset.parse(json.dumps({"keys": fixtures.entries()}))
        for key in keys:
            if key.material is not None:
                self.assertNotIn(key.material.hex(), repr(key))
                self.assertNotIn(repr(key.material), repr(key))


if __name__ == "__main__":
    unittest.main()
