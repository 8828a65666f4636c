"""``mqtt-guard-seal``: a drop-in for ``mqtt-guard seal`` (see clients/python/mqtt-guard-seal).

Exit codes: 0 sealed, 1 sealing failed, 2 usage or configuration error. Errors on stderr start
with ``error: ``; stdout carries only the sealed bytes.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import BinaryIO, List, NoReturn, Optional

from . import _wire
from .errors import KeysError, PayloadError, Reason
from .keys import Key, Keyset, load_private_key, signing_algorithm
from .sealer import Sealer, open_payload

OK, FAILED, USAGE = 0, 1, 2


class UsageError(Exception):
    """Exit 2 with this message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}\n{self.format_usage().rstrip()}")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="mqtt-guard-seal", allow_abbrev=False, description=(
        "Seal stdin into an envelope (primary AEAD key of DIR/keys.json) or, with --hmac/--sign,"
        " a stamp, bound to the topic; the sealed bytes go to stdout."))
    p.add_argument("--config", "-c", metavar="DIR", required=True, help="directory of keys.json")
    p.add_argument("--topic", "-t", metavar="T", required=True, help="the PUBLISH topic name")
    p.add_argument("--client-id", metavar="C", help="bind to the publisher's client ID")
    p.add_argument("--key-id", metavar="N", type=int, help="use this key, not the primary")
    p.add_argument("--hmac", action="store_true", help="HMAC-SHA256 stamp instead of AEAD")
    p.add_argument("--sign", metavar="FILE", help="signature stamp with this PKCS#8 PEM key")
    p.add_argument("--format-version", metavar="1|2", type=int, choices=(1, 2), default=2,
                   help="wire format version (default 2)")
    return p


def _text(option: str, value: str, check) -> str:
    """``value`` as typed (its UTF-8 bytes), if ``check`` accepts it."""
    try:
        text = os.fsencode(value).decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{option} is not valid UTF-8") from None
    try:
        check(text)
    except PayloadError:
        what = "MQTT topic name" if option == "--topic" else "MQTT client ID"
        rule = ("not empty, no '+' or '#', " if option == "--topic" else "not empty, ")
        raise UsageError(f"{option} is not a valid {what}: it must be {rule}"
                         "without U+0000 and at most 65535 bytes in UTF-8") from None
    return text


def _key(keys: Keyset, file: str, key_id: int, fits: List[str], use: str) -> Key:
    key = keys.get(key_id)
    if key is None:
        raise UsageError(f"--key-id {key_id} is not a key of {file}")
    if key.algorithm not in fits:
        raise UsageError(f"--key-id {key_id} ({key.algorithm}) cannot {use}: that needs "
                         + " or ".join(fits))
    if key.status == "disabled":
        raise UsageError(f"--key-id {key_id} ({key.algorithm}) is disabled in {file}")
    return key


def _seal(args: argparse.Namespace, topic: str, client_id: Optional[str], data: bytes) -> bytes:
    file = os.path.join(args.config, "keys.json")
    keys = Keyset.load(file)
    sealer = Sealer(keys, version=args.format_version)
    if args.sign is not None:
        return _signed(args, keys, file, sealer, topic, client_id, data)
    if args.key_id is not None:
        fits = ["HMAC-SHA256"] if args.hmac else list(_wire.AEAD)
        _key(keys, file, args.key_id, fits, "make an --hmac stamp" if args.hmac
             else "seal an envelope")
    elif keys.primary("hmac" if args.hmac else "aead") is None:
        kind = "HMAC-SHA256" if args.hmac else "AEAD (AES-256-GCM or CHACHA20-POLY1305)"
        raise UsageError(f"{file} has no primary {kind} key; give --key-id")
    if args.hmac:
        return sealer.stamp(topic, data, client_id=client_id, key_id=args.key_id)
    return sealer.seal(topic, data, client_id=client_id, key_id=args.key_id)


def _signed(args, keys: Keyset, file: str, sealer: Sealer, topic: str,
            client_id: Optional[str], data: bytes) -> bytes:
    if args.key_id is None:
        raise UsageError("--sign needs --key-id (the ID of its public key in keys.json)")
    private = load_private_key(args.sign)
    own = signing_algorithm(private)
    key = keys.get(args.key_id)
    if key is not None and key.algorithm != own:
        raise UsageError(f"--key-id {args.key_id} ({key.algorithm}) does not fit --sign "
                         f"{args.sign}, an {own} private key: give the ID of its public key "
                         f"in {file}")
    _key(keys, file, args.key_id, [own], "verify a signature")
    stamped = sealer.sign(private, args.key_id, topic, data, client_id=client_id)
    try:
        open_payload(keys, topic, stamped, client_id=client_id)
    except PayloadError as e:
        if e.reason is Reason.SIGNATURE_INVALID:
            raise UsageError(f"--sign {args.sign} is not the private key of --key-id "
                             f"{args.key_id} ({own}): its public key in {file} does not "
                             "verify the signature") from None
        raise
    return stamped


def main(argv: Optional[List[str]] = None, stdin: Optional[BinaryIO] = None,
         stdout: Optional[BinaryIO] = None) -> int:
    """Runs the tool; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
        if args.hmac and args.sign is not None:
            raise UsageError("--hmac and --sign are two kinds of stamp; give one of them")
        if args.key_id is not None and not 1 <= args.key_id <= 0xFFFFFFFF:
            raise UsageError(f"--key-id {args.key_id} is not a key ID (1..4294967295)")
        stamp = args.hmac or args.sign is not None
        if args.client_id is not None and stamp and args.format_version == 1:
            raise UsageError("version 1 stamps cannot be bound to a client ID "
                             "(--format-version 2 can)")
        topic = _text("--topic", args.topic, _wire.check_topic)
        client_id = (None if args.client_id is None
                     else _text("--client-id", args.client_id, _wire.check_client_id))
        data = (stdin or sys.stdin.buffer).read()
        sealed = _seal(args, topic, client_id, data)
    except (UsageError, KeysError) as e:
        print(f"error: {e}", file=sys.stderr)
        return USAGE
    except PayloadError as e:
        print(f"error: {e}", file=sys.stderr)
        return FAILED
    out = stdout or sys.stdout.buffer
    out.write(sealed)
    out.flush()
    return OK
