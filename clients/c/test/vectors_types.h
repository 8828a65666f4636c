/* The shape of docs/payload-vectors.json entries, as gen_vectors.py writes them. */
#ifndef VECTORS_TYPES_H
#define VECTORS_TYPES_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *name;
    int version;
    int envelope;          /* 1 envelope, 0 stamp */
    const char *algorithm; /* keys.json name */
    uint32_t key_id;
    const char *key_hex;   /* symmetric material (master when derive) or NULL */
    int derive;
    const char *topic_key_hex;
    const char *private_hex; /* Ed25519 seed / P-256 scalar */
    const char *public_hex;  /* SPKI DER */
    int64_t timestamp;
    const char *nonce_hex;   /* NULL for v1 stamps */
    const char *topic;
    size_t topic_len;
    const char *client_id;   /* NULL = unbound */
    size_t client_id_len;
    const char *plaintext_hex;
    const char *expected_hex;
    int deterministic;
} test_vector;

typedef struct {
    const char *name;
    const char *vector;
    const char *topic;
    size_t topic_len;
    const char *client_id;
    size_t client_id_len;
    const char *sealed_hex;
    const char *reason;
} must_not_open;
#endif
