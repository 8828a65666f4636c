#!/usr/bin/env bash
# Tests of the mqtt-guard-seal tool (run by `make test`): every algorithm, format 1 and 2, bound
# and unbound, derived keys, empty and binary payloads, non-ASCII topic. Each output is opened
# by this library's opener (test_open) and, where the Java CLI jar is built, by `mqtt-guard open`
# (both formats). Then the usage/config errors and their exit codes.
# Env: SEAL_TOOL, TEST_OPEN (binaries), REPO (repository root), SODIUM (1/0), MQTTGUARD_NO_JAVA=1
# (skip the Java CLI cross-check, e.g. for a quick run).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fix="$here/fixtures"
: "${SEAL_TOOL:?}" "${TEST_OPEN:?}" "${REPO:?}" "${SODIUM:=1}"
export LC_ALL=C.UTF-8
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0 checks=0 java_opened=0

fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }
check() { checks=$((checks + 1)); }

java_cli=""
if [ "${MQTTGUARD_NO_JAVA:-0}" = 1 ]; then
  echo "note: MQTTGUARD_NO_JAVA=1: outputs are opened by test_open only"
elif [ -f "$REPO/cli/target/mqtt-guard.jar" ] && command -v java >/dev/null; then
  java_cli="$REPO/mqtt-guard"
else
  echo "note: $REPO/cli/target/mqtt-guard.jar is not built: outputs are opened by test_open only" \
       "(build the CLI with ./mqtt-guard --help to cross-check with Java)"
fi

topic='capteurs/é/t'
head -c 300 /dev/urandom > "$work/binary"
: > "$work/empty"

# seal_and_open VERSION CLIENT PAYLOAD_FILE ARGS... : seals, opens with test_open and Java.
seal_and_open() {
  local version=$1 client=$2 payload=$3
  shift 3
  local bind=() label="v$version $* client=${client:-none} payload=$(basename "$payload")"
  [ -n "$client" ] && bind=(--client-id "$client")
  check
  if ! "$SEAL_TOOL" --config "$fix" --topic "$topic" --format-version "$version" "${bind[@]}" "$@" \
      < "$payload" > "$work/sealed" 2> "$work/err"; then
    fail "$label: seal exit $? ($(cat "$work/err"))"
    return
  fi
  [ "$(head -c 1 "$work/sealed" | od -An -tu1 | tr -d ' ')" = "$version" ] || fail "$label: version byte"
  check
  if ! "$TEST_OPEN" "$fix/keys.json" "$topic" ${client:+"$client"} < "$work/sealed" > "$work/opened" 2> "$work/err" \
      || ! cmp -s "$payload" "$work/opened"; then
    fail "$label: test_open did not give the payload back ($(cat "$work/err"))"
  fi
  check
  if "$TEST_OPEN" "$fix/keys.json" "$topic/other" ${client:+"$client"} < "$work/sealed" > /dev/null 2>&1; then
    fail "$label: opens on another topic"
  fi
  if [ -n "$client" ]; then
    check
    if "$TEST_OPEN" "$fix/keys.json" "$topic" "other-$client" < "$work/sealed" > /dev/null 2>&1; then
      fail "$label: opens for another client ID"
    fi
  fi
  # Fresh nonce: the same input sealed again gives other bytes (v1 stamps have no nonce).
  if [ "$version" = 2 ] || [ "$*" = "" ] || [[ "$*" == --key-id\ [24] ]]; then
    check
    "$SEAL_TOOL" --config="$fix" --topic="$topic" --format-version="$version" "${bind[@]}" "$@" \
      < "$payload" > "$work/again" 2>/dev/null
    cmp -s "$work/sealed" "$work/again" && fail "$label: two seals are identical"
  fi
  [ -n "$java_cli" ] || return
  if "$java_cli" open -c "$fix" -t "$topic" ${client:+--client-id "$client"} < "$work/sealed" \
      > "$work/java" 2> "$work/err" && cmp -s "$payload" "$work/java"; then
    java_opened=$((java_opened + 1))
  else
    check
    fail "$label: mqtt-guard open refused it: $(cat "$work/err")"
  fi
}

kinds=("" "--key-id 2" "--key-id 4" "--hmac" "--hmac --key-id 5" "--sign $fix/p256.pem --key-id 21")
[ "$SODIUM" = 1 ] && kinds+=("--sign $fix/ed25519.pem --key-id 20")
for version in 1 2; do
  for kind in "${kinds[@]}"; do
    for payload in "$work/binary" "$work/empty"; do
      # shellcheck disable=SC2086
      seal_and_open "$version" "" "$payload" $kind
      if [ "$version" = 2 ] || [[ "$kind" != --hmac* && "$kind" != --sign* ]]; then
        # shellcheck disable=SC2086
        seal_and_open "$version" "gw-ü" "$payload" $kind
      fi
    done
  done
done

# expect_error EXIT_CODE MESSAGE_PART ARGS... : no stdout, "error: " + message on stderr.
expect_error() {
  local code=$1 part=$2
  shift 2
  check
  "$SEAL_TOOL" "$@" < "$work/binary" > "$work/out" 2> "$work/err"
  local got=$?
  if [ "$got" != "$code" ] || [ -s "$work/out" ] || ! grep -q '^error: ' "$work/err" \
      || ! grep -qF -- "$part" "$work/err"; then
    fail "args [$*]: want exit $code with '$part', got exit $got: $(head -c 300 "$work/err")"
  fi
}

c=(--config "$fix" --topic "$topic")
expect_error 2 "unknown option: '--bogus'" "${c[@]}" --bogus
expect_error 2 "Usage:" "${c[@]}" --bogus
expect_error 2 "missing required option: '--topic=T'" --config "$fix"
expect_error 2 "must not contain '+' or '#'" --config "$fix" --topic 'a/+'
expect_error 2 "must not contain '+' or '#'" --config "$fix" --topic 'a/#'
expect_error 2 "--topic (empty) is not a valid MQTT topic name" --config "$fix" --topic ''
expect_error 2 "at most 65535 bytes" --config "$fix" --topic "$(head -c 65536 /dev/zero | tr '\0' a)"
expect_error 2 "--topic is not valid UTF-8" --config "$fix" --topic $'a/\xff'
expect_error 2 "--client-id (empty) is not a valid MQTT client ID" "${c[@]}" --client-id ''
expect_error 2 "two kinds of stamp" "${c[@]}" --hmac --sign "$fix/p256.pem" --key-id 21
expect_error 2 "version 1 stamps cannot be bound to a client ID" "${c[@]}" --hmac --format-version 1 --client-id x
expect_error 2 "invalid value '3' for option '--format-version'" "${c[@]}" --format-version 3
expect_error 2 "--key-id 3 (HMAC-SHA256) cannot seal an envelope" "${c[@]}" --key-id 3
expect_error 2 "--key-id 1 (AES-256-GCM) cannot make an --hmac stamp" "${c[@]}" --hmac --key-id 1
expect_error 2 "--key-id 6 (AES-256-GCM) is disabled in keys.json" "${c[@]}" --key-id 6
expect_error 2 "--key-id 99 is not a key of $fix/keys.json" "${c[@]}" --key-id 99
expect_error 2 "invalid value '0' for option '--key-id'" "${c[@]}" --key-id 0
expect_error 2 "--sign needs --key-id" "${c[@]}" --sign "$fix/p256.pem"
expect_error 2 "is not the private key of --key-id 21 (ECDSA-P256)" "${c[@]}" --sign "$fix/other-p256.pem" --key-id 21
expect_error 2 "another curve than P-256" "${c[@]}" --sign "$fix/p384.pem" --key-id 21
expect_error 2 "--key-id 22 (ECDSA-P256) is disabled" "${c[@]}" --sign "$fix/p256.pem" --key-id 22
expect_error 2 "expected a PKCS#8 PEM private key" "${c[@]}" --sign "$fix/keys.json" --key-id 21
expect_error 2 "cannot read --sign" "${c[@]}" --sign "$work/missing.pem" --key-id 21
if [ "$SODIUM" = 1 ]; then
  expect_error 2 "--key-id 21 (ECDSA-P256) does not fit --sign $fix/ed25519.pem, an ED25519 private key" \
    "${c[@]}" --sign "$fix/ed25519.pem" --key-id 21
else
  expect_error 2 "this build has no Ed25519" "${c[@]}" --sign "$fix/ed25519.pem" --key-id 20
fi
expect_error 2 "cannot read $work/none/keys.json" --config "$work/none" --topic t

# Broken keys.json files: file name, JSON pointer or line, exit 2.
bad() { mkdir -p "$work/$1"; printf '%s' "$2" > "$work/$1/keys.json"; }
k='"algorithm": "AES-256-GCM", "status": "primary", "material": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="'
bad comma "{\"keys\": [{\"id\": 1, $k},]}"
expect_error 2 "$work/comma/keys.json: invalid JSON: line 1" --config "$work/comma" --topic t
bad dup "{\"keys\": [{\"id\": 1, $k}, {\"id\": 1, $k}]}"
expect_error 2 "$work/dup/keys.json: /keys/1: /id: key ID 1 is used twice" --config "$work/dup" --topic t
bad b64 '{"keys": [{"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "AA*A"}]}'
expect_error 2 "/keys/0: /material: must be valid base64" --config "$work/b64" --topic t
bad short '{"keys": [{"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "AAAA"}]}'
expect_error 2 "a AES-256-GCM key must be 32 bytes, but was 3" --config "$work/short" --topic t
bad id "{\"keys\": [{\"id\": 1.5, $k}]}"
expect_error 2 "/keys/0: /id: expected an integer key ID" --config "$work/id" --topic t
bad nokeys '{"keys": {}}'
expect_error 2 "/keys: expected an array of keys" --config "$work/nokeys" --topic t
bad noprimary '{"keys": []}'
expect_error 2 "has no primary AES-256-GCM or CHACHA20-POLY1305 key" --config "$work/noprimary" --topic t
bad trailing "{\"keys\": []} x"
expect_error 2 "unexpected text after the JSON value" --config "$work/trailing" --topic t

bad dupname '{"keys": [], "keys": []}'
expect_error 2 'duplicate member "keys"' --config "$work/dupname" --topic t
bad surrogate '{"keys": [], "x": "\ud800"}'
expect_error 2 "without its low surrogate" --config "$work/surrogate" --topic t
bad comment '{"keys": [] /* no */}'
expect_error 2 "invalid JSON: line 1, column 13" --config "$work/comment" --topic t
bad bom $'\xef\xbb\xbf{"keys": []}'
expect_error 2 "byte order mark" --config "$work/bom" --topic t
bad latin1 $'{"keys": [], "x": "\xe9"}'
expect_error 2 "not valid UTF-8" --config "$work/latin1" --topic t
bad control $'{"keys": [], "x": "a\tb"}'
expect_error 2 "control character U+0009" --config "$work/control" --topic t
bad deep "$(printf '[%.0s' $(seq 1 100))"
expect_error 2 "nested deeper than 64 levels" --config "$work/deep" --topic t

# The wrapper script: from another directory, on a fresh copy it builds quietly (stdout only the
# envelope, stderr empty); a broken build shows the compiler's output on stderr and exits 2.
copy="$work/c"
mkdir -p "$copy"
cp -r "$here/../Makefile" "$here/../mqtt-guard-seal" "$here"/../*.[ch] "$here/../tool" "$copy/"
check
(cd / && "$copy/mqtt-guard-seal" --config "$fix" --topic "$topic" < "$work/binary" > "$work/sealed" 2> "$work/err")
if [ $? != 0 ] || [ -s "$work/err" ] || [ ! -x "$copy/build/mqtt-guard-seal" ] \
    || ! "$TEST_OPEN" "$fix/keys.json" "$topic" < "$work/sealed" 2>/dev/null | cmp -s - "$work/binary"; then
  fail "wrapper on a fresh copy: $(head -c 300 "$work/err")"
fi
# Without libsodium headers (a compiler that cannot find sodium.h): rebuilt without Ed25519.
cat > "$work/nosodium-cc" <<'CC'
#!/usr/bin/env bash
if [ "$*" = "-E -x c -" ]; then input="$(cat)"; [[ "$input" == *sodium.h* ]] && exit 1; printf '%s\n' "$input" | exec cc "$@"; fi
exec cc "$@"
CC
chmod +x "$work/nosodium-cc"
check
(cd / && CC="$work/nosodium-cc" "$copy/mqtt-guard-seal" --config "$fix" --topic "$topic" --sign "$fix/ed25519.pem" \
  --key-id 20 < "$work/binary" > "$work/out" 2> "$work/err")
got=$?
if [ "$got" != 2 ] || [ -s "$work/out" ] || [ "$(cat "$copy/build/.sodium")" != 0 ] \
    || ! grep -q "^error: --sign $fix/ed25519.pem is an Ed25519 key, but this build has no Ed25519" "$work/err"; then
  fail "wrapper without libsodium: exit $got, $(head -c 300 "$work/err")"
fi
check
(cd / && CC="$work/nosodium-cc" "$copy/mqtt-guard-seal" --config "$fix" --topic "$topic" < "$work/binary" > "$work/sealed" 2> "$work/err") \
  && "$TEST_OPEN" "$fix/keys.json" "$topic" < "$work/sealed" 2>/dev/null | cmp -s - "$work/binary" \
  || fail "wrapper without libsodium cannot seal an envelope: $(head -c 300 "$work/err")"
check
echo 'this is not C;' >> "$copy/tool/main.c"
(cd / && "$copy/mqtt-guard-seal" --config "$fix" --topic "$topic" < "$work/binary" > "$work/out" 2> "$work/err")
got=$?
if [ "$got" != 2 ] || [ -s "$work/out" ] || ! grep -q 'main.c' "$work/err" \
    || ! grep -q '^error: building the C mqtt-guard-seal failed' "$work/err"; then
  fail "wrapper with a broken source: exit $got, $(head -c 300 "$work/err")"
fi

# The 65535-byte topic is the largest that works.
check
long="$(head -c 65535 /dev/zero | tr '\0' a)"
"$SEAL_TOOL" --config "$fix" --topic "$long" < "$work/binary" > "$work/sealed" 2> "$work/err" \
  && "$TEST_OPEN" "$fix/keys.json" "$long" < "$work/sealed" > /dev/null 2>&1 \
  || fail "65535-byte topic: $(cat "$work/err")"

echo "test_tool: $checks checks, $failures failed; mqtt-guard open (Java) opened $java_opened outputs"
[ "$failures" = 0 ]
