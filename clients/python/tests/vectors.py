"""docs/payload-vectors.json of the repository (read in place, never copied) and its keys."""

from __future__ import annotations

import base64
import json
import os
from typing import Any, Dict, List

from mqtt_guard_payload import Keyset

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
VECTORS_FILE = os.path.join(REPO, "docs", "payload-vectors.json")

with open(VECTORS_FILE, encoding="utf-8") as _f:
    _DOC = json.load(_f)

VECTORS: List[Dict[str, Any]] = _DOC["vectors"]
MUST_NOT_OPEN: List[Dict[str, Any]] = _DOC["mustNotOpen"]
BY_NAME = {v["name"]: v for v in VECTORS}


def keyset_of(vector: Dict[str, Any]) -> Keyset:
    """The broker's keys.json for ``vector``, parsed by the library's own loader."""
    entry: Dict[str, Any] = {"id": vector["keyId"], "algorithm": vector["algorithm"],
                             "status": "enabled"}
    if "publicKey" in vector:
        entry["publicKey"] = b64(bytes.fromhex(vector["publicKey"]))
    else:
        entry["material"] = b64(bytes.fromhex(vector["key"]))
        if vector.get("derive"):
            entry["derive"] = vector["derive"]
    return Keyset.parse(json.dumps({"keys": [entry]}), vector["name"])


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
