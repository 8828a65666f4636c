/* keys.json (docs/payload-rules.md) as the sealer needs it. */
#ifndef MQTTGUARD_TOOL_KEYS_H
#define MQTTGUARD_TOOL_KEYS_H

#include <stddef.h>
#include <stdint.h>

#define KEY_PRIMARY 0
#define KEY_ENABLED 1
#define KEY_DISABLED 2

typedef struct {
    uint32_t id;
    int algorithm;            /* MQTTGUARD_ALG_* */
    const char *name;         /* keys.json algorithm name */
    int status;               /* KEY_* */
    int derive;               /* "derive": "topic" */
    uint8_t material[64];     /* symmetric keys (not kept for disabled ones) */
    size_t material_len;
    uint8_t public_key[65];   /* P-256: 04||X||Y; Ed25519: 32 bytes */
    size_t public_len;
} key_entry;

typedef struct {
    key_entry *keys;
    size_t count;
} keyset;

/* Loads and checks path; on any problem prints "error: PATH: /pointer: ..." and exits 2. */
void keys_load(const char *path, keyset *ks);

/* Wipes and frees. */
void keys_free(keyset *ks);

const key_entry *keys_find(const keyset *ks, uint32_t id);

/* The primary key of the kind (hmac: HMAC-SHA256, else AEAD), or NULL. */
const key_entry *keys_primary(const keyset *ks, int hmac);

int keys_is_aead(int algorithm);

#endif
