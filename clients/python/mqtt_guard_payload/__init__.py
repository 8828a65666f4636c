"""MQTT Guard payload protection for devices: seal payloads that the broker decrypts or verifies.

Wire format: docs/payload-envelope.md (version 1) and version 2 (default for new seals: stamps
carry a random nonce and can be bound to the publisher's client ID). Example::

    from mqtt_guard_payload import Keyset, Sealer

    sealer = Sealer(Keyset.load("keys.json"))
    envelope = sealer.seal("sensors/17/data", b"21.5")          # primary AEAD key
    stamped = sealer.stamp("cmd/door", b"open", client_id="door-1")  # primary HMAC key

Depends only on ``cryptography``.
"""

from .errors import KeysError, PayloadError, Reason
from .keys import Key, Keyset, derive_topic_key, load_private_key, public_key_der
from .sealer import Clock, Opened, Sealer, open_payload

__all__ = [
    "Clock",
    "Key",
    "Keyset",
    "KeysError",
    "Opened",
    "PayloadError",
    "Reason",
    "Sealer",
    "derive_topic_key",
    "load_private_key",
    "open_payload",
    "public_key_der",
]
__version__ = "0.1.0"
