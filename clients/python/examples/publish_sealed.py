#!/usr/bin/env python3
"""Publish one sealed sensor reading with paho-mqtt (1.6 or 2.x) to an MQTT Guard broker.

    python3 examples/publish_sealed.py --host broker.example --username dev --password ... \\
        --config /etc/device --topic sensors/17/data --message 21.5

The broker (rule "decrypt" or "verify-hmac"/"verify-signature" on the topic) checks and strips the
protection; subscribers receive the plain reading. Exit 0 when the broker acknowledged the PUBLISH.
"""
import argparse
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)), ".."))
import paho.mqtt.client as mqtt  # noqa: E402  (Debian: python3-paho-mqtt)

from mqtt_guard_payload import Keyset, Sealer, load_private_key  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="localhost")
    p.add_argument("--port", type=int, default=1883)
    p.add_argument("--username")
    p.add_argument("--password")
    p.add_argument("--client-id", default=f"sensor-{os.getpid()}")
    p.add_argument("--topic", required=True)
    p.add_argument("--message", default="21.5", help="the reading to publish")
    p.add_argument("--config", required=True, help="directory of the device's keys.json")
    p.add_argument("--key-id", type=int, help="key to use instead of the primary")
    p.add_argument("--hmac", action="store_true", help="HMAC stamp instead of encryption")
    p.add_argument("--sign", metavar="PEM", help="signature stamp with this private key")
    p.add_argument("--bind", action="store_true", help="bind the payload to --client-id")
    p.add_argument("--format-version", type=int, choices=(1, 2), default=2)
    return p.parse_args()


def seal(args) -> bytes:
    sealer = Sealer(Keyset.load(os.path.join(args.config, "keys.json")),
                    version=args.format_version)
    client_id = args.client_id if args.bind else None
    reading = args.message.encode("utf-8")
    if args.sign:
        return sealer.sign(load_private_key(args.sign), args.key_id, args.topic, reading,
                           client_id=client_id)
    if args.hmac:
        return sealer.stamp(args.topic, reading, client_id=client_id, key_id=args.key_id)
    return sealer.seal(args.topic, reading, client_id=client_id, key_id=args.key_id)


def new_client(client_id: str) -> mqtt.Client:
    if hasattr(mqtt, "CallbackAPIVersion"):  # paho-mqtt 2.x
        return mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id)
    return mqtt.Client(client_id=client_id)  # paho-mqtt 1.x


def main() -> int:
    args = parse_args()
    payload = seal(args)
    client = new_client(args.client_id)
    if args.username:
        client.username_pw_set(args.username, args.password)
    lost = threading.Event()
    client.on_disconnect = lambda *_: lost.set()  # 1.x and 2.x signatures differ; args unused
    client.connect(args.host, args.port)
    client.loop_start()
    try:
        deadline = time.monotonic() + 10
        while not client.is_connected() and not lost.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)
        if not client.is_connected():
            print("error: not connected (check host, port and credentials)", file=sys.stderr)
            return 1
        info = client.publish(args.topic, payload, qos=1)
        while not info.is_published() and not lost.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)
        if not info.is_published():
            print("error: the broker did not acknowledge the PUBLISH (payload refused?)",
                  file=sys.stderr)
            return 1
        print(f"published {len(payload)} sealed bytes to {args.topic}")
        client.disconnect()
        return 0
    finally:
        client.loop_stop()


if __name__ == "__main__":
    sys.exit(main())
