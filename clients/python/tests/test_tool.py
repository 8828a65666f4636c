"""clients/python/mqtt-guard-seal as a process: the contract's options, output and exit codes."""

import os
import subprocess
import tempfile
import unittest

from cryptography.hazmat.primitives.asymmetric import ec

from mqtt_guard_payload import Keyset, open_payload, public_key_der
from tests import fixtures
from tests.vectors import b64

TOOL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    "mqtt-guard-seal")
T = "capteurs/salle-é/température"


class ToolTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        cls.dir = fixtures.write_config(cls._tmp.name, fixtures.entries())
        cls.keys = Keyset.load(os.path.join(cls.dir, "keys.json"))

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def run_tool(self, *args, stdin=b"21.5"):
        return subprocess.run([TOOL, "--config", self.dir, *args], input=stdin,
                              capture_output=True, cwd="/", timeout=60, check=False)

    def sign_args(self, name, key_id):
        return ["--sign", os.path.join(self.dir, name), "--key-id", str(key_id)]

    def test_everyOperation_writesOnlySealedBytes_thatOpen(self):
        cases = [[], ["--key-id", "2"], ["--key-id", "3"], ["--client-id", "c-ü"], ["--hmac"],
                 ["--hmac", "--key-id", "5"], ["--hmac", "--client-id", "c1"],
                 self.sign_args("ed25519.pem", 20), self.sign_args("ecdsa.pem", 21),
                 self.sign_args("ecdsa.pem", 21) + ["--client-id", "c1"]]
        for version in ("1", "2"):
            for extra in cases:
                if version == "1" and "--client-id" in extra and len(extra) > 2:
                    continue
                with self.subTest(version=version, args=extra):
                    r = self.run_tool("--topic", T, f"--format-version={version}", *extra,
                                      stdin=b"\x00\xff binary")
                    self.assertEqual(0, r.returncode, r.stderr)
                    self.assertEqual(b"", r.stderr)
                    self.assertEqual(int(version), r.stdout[0])
                    client = extra[extra.index("--client-id") + 1] if "--client-id" in extra \
                        else None
                    opened = open_payload(self.keys, T, r.stdout, client_id=client)
                    self.assertEqual(b"\x00\xff binary", opened.payload)

    def test_emptyStdin_isSealed(self):
        r = self.run_tool("-t", "a/b", stdin=b"")
        self.assertEqual(0, r.returncode, r.stderr)
        self.assertEqual(43, len(r.stdout))

    def test_twoRunsWithTheSameInput_differ(self):
        for extra in ([], ["--hmac"]):
            with self.subTest(extra):
                first, second = (self.run_tool("--topic", T, *extra).stdout for _ in range(2))
                self.assertNotEqual(first, second)

    def test_usageAndConfigErrors_exit2_withAMessage(self):
        ed = self.sign_args("ed25519.pem", 20)
        cases = {
            "is not a key of": ["--topic", "a", "--key-id", "99"],
            "(HMAC-SHA256) cannot seal an envelope": ["--topic", "a", "--key-id", "4"],
            "(AES-256-GCM) cannot make an --hmac stamp": ["--topic", "a", "--hmac", "--key-id=1"],
            "(AES-256-GCM) is disabled": ["--topic", "a", "--key-id", "6"],
            "two kinds of stamp": ["--topic", "a", "--hmac"] + ed,
            "version 1 stamps cannot be bound": ["--topic", "a", "--hmac", "--client-id", "c",
                                                 "--format-version", "1"],
            "--sign needs --key-id": ["--topic", "a", "--sign", ed[1]],
            "(ECDSA-P256) does not fit --sign": ["--topic", "a", "--sign", ed[1], "--key-id", "21"],
            "not a valid MQTT topic name": ["--topic", "a/+"],
            "not a valid MQTT client ID": ["--topic", "a", "--client-id", ""],
            "unrecognized arguments": ["--topic", "a", "--frobnicate"],
            "usage:": ["--topic", "a", "--format-version", "3"],
        }
        for expected, args in cases.items():
            with self.subTest(expected):
                r = self.run_tool(*args)
                self.assertEqual(2, r.returncode, r.stderr)
                self.assertEqual(b"", r.stdout)
                self.assertTrue(r.stderr.startswith(b"error: "), r.stderr)
                self.assertIn(expected, r.stderr.decode())

    def test_wrongPrivateKey_exit2_namingFileAndKeyId(self):
        keys = fixtures.entries()
        keys[7]["publicKey"] = b64(public_key_der(ec.generate_private_key(ec.SECP256R1())))
        with tempfile.TemporaryDirectory() as d:
            fixtures.write_config(d, keys)
            r = subprocess.run([TOOL, "-c", d, "-t", "a", "--sign", os.path.join(d, "ecdsa.pem"),
                                "--key-id", "21"], input=b"x", capture_output=True, check=False)
        self.assertEqual(2, r.returncode, r.stderr)
        self.assertEqual(b"", r.stdout)
        self.assertIn(b"ecdsa.pem is not the private key of --key-id 21", r.stderr)

    def test_missingKeysJson_exit2_namingTheFile(self):
        with tempfile.TemporaryDirectory() as d:
            r = subprocess.run([TOOL, "--config", d, "--topic", "a"], input=b"x",
                               capture_output=True, check=False)
        self.assertEqual(2, r.returncode)
        self.assertIn(b"keys.json: cannot read", r.stderr)


if __name__ == "__main__":
    unittest.main()
