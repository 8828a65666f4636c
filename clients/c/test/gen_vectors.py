#!/usr/bin/env python3
"""Test-time only: turns docs/payload-vectors.json into a C header (arrays of structs) for test_seal.c.

Usage: gen_vectors.py VECTORS_JSON OUT_H. Every field the tests need must be present: a missing or
mistyped field fails the generation (and so the test run) instead of being skipped."""
import json
import sys


def c_str(value):
    if value is None:
        return "NULL"
    data = value.encode("utf-8") if isinstance(value, str) else value
    out = []
    for b in data:
        c = chr(b)
        out.append(c if (c.isalnum() or c in "/-_.: ") and b < 0x80 else "\\%03o" % b)
    return '"' + "".join(out) + '"'


def c_len(value):
    return str(len(value.encode("utf-8"))) if value is not None else "0"


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        doc = json.load(f)
    lines = ["/* generated from %s by gen_vectors.py: do not edit */" % src, "#include \"vectors_types.h\""]
    lines.append("static const test_vector VECTORS[] = {")
    for v in doc["vectors"]:
        assert v["kind"] in ("envelope", "stamp"), v["name"]
        assert isinstance(v["deterministic"], bool), v["name"]
        lines.append("  {%s, %d, %d, %s, %uu, %s, %d, %s, %s, %s, INT64_C(%d), %s, %s, %s, %s, %s, %s, %s, %d}," % (
            c_str(v["name"]), v["version"], 1 if v["kind"] == "envelope" else 0,
            c_str(v["algorithm"]), v["keyId"], c_str(v.get("key")),
            1 if v.get("derive") == "topic" else 0, c_str(v.get("topicKey")),
            c_str(v.get("privateKey")), c_str(v.get("publicKey")), v["timestamp"],
            c_str(v["nonce"]), c_str(v["topic"]), c_len(v["topic"]), c_str(v["clientId"]),
            c_len(v["clientId"]), c_str(v["plaintext"]), c_str(v["expected"]),
            1 if v["deterministic"] else 0))
    lines.append("};")
    lines.append("static const must_not_open MUST_NOT_OPEN[] = {")
    for m in doc["mustNotOpen"]:
        lines.append("  {%s, %s, %s, %s, %s, %s, %s, %s}," % (
            c_str(m["name"]), c_str(m["vector"]), c_str(m["topic"]), c_len(m["topic"]),
            c_str(m["clientId"]), c_len(m["clientId"]), c_str(m["sealed"]), c_str(m["reason"])))
    lines.append("};")
    lines.append("#define N_VECTORS %d" % len(doc["vectors"]))
    lines.append("#define N_MUST_NOT_OPEN %d" % len(doc["mustNotOpen"]))
    with open(dst, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
