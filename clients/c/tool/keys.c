/* keys.json loader: strict JSON, then the semantic checks of docs/payload-rules.md. */
#include "keys.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>

#include "json.h"
#include "mqttguard_seal.h"
#include "util.h"

static const uint8_t ED25519_SPKI_PREFIX[12] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                                0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

static const struct {
    const char *name;
    int algorithm;
} ALGORITHMS[] = {{"AES-256-GCM", MQTTGUARD_ALG_AES_256_GCM},
                  {"CHACHA20-POLY1305", MQTTGUARD_ALG_CHACHA20_POLY1305},
                  {"HMAC-SHA256", MQTTGUARD_ALG_HMAC_SHA256},
                  {"ED25519", MQTTGUARD_ALG_ED25519},
                  {"ECDSA-P256", MQTTGUARD_ALG_ECDSA_P256}};

int keys_is_aead(int algorithm) {
    return algorithm == MQTTGUARD_ALG_AES_256_GCM || algorithm == MQTTGUARD_ALG_CHACHA20_POLY1305;
}

static int is_signature(int algorithm) {
    return algorithm == MQTTGUARD_ALG_ED25519 || algorithm == MQTTGUARD_ALG_ECDSA_P256;
}

#define BAD(path, ptr, ...)                                               \
    do {                                                                  \
        fprintf(stderr, "error: %s: %s: ", path, ptr);                    \
        fprintf(stderr, __VA_ARGS__);                                     \
        fputc('\n', stderr);                                              \
        exit(EXIT_USAGE);                                                 \
    } while (0)

static const json_value *string_member(const char *path, const char *ptr, const json_value *o,
                                       const char *name, int required) {
    const json_value *v = json_get(o, name);
    if (v == NULL) {
        if (required) BAD(path, ptr, "\"%s\" is required", name);
        return NULL;
    }
    if (v->type != JSON_STRING) BAD(path, ptr, "\"%s\" must be a string", name);
    return v;
}

static uint32_t parse_id(const char *path, const char *ptr, const json_value *o) {
    const json_value *v = json_get(o, "id");
    if (v == NULL) BAD(path, ptr, "\"id\" is required");
    int digits = v->type == JSON_NUMBER && v->text_len <= 10;
    for (size_t i = 0; digits && i < v->text_len; i++) {
        digits = v->text[i] >= '0' && v->text[i] <= '9';
    }
    unsigned long long id = digits ? strtoull(v->text, NULL, 10) : 0;
    if (!digits || id < 1 || id > 4294967295ull) {
        BAD(path, ptr, "/id: expected an integer key ID from 1 to 4294967295");
    }
    return (uint32_t)id;
}

static void parse_public(const char *path, const char *ptr, const json_value *v, key_entry *k) {
    uint8_t der[256];
    size_t n = base64_decode(v->text, v->text_len, der, sizeof der);
    int ok = 0;
    if (n != (size_t)-1 && k->algorithm == MQTTGUARD_ALG_ED25519) {
        ok = n == 44 && memcmp(der, ED25519_SPKI_PREFIX, sizeof ED25519_SPKI_PREFIX) == 0;
        if (ok) memcpy(k->public_key, der + 12, 32), k->public_len = 32;
    } else if (n != (size_t)-1) {
        mbedtls_pk_context pk;
        mbedtls_pk_init(&pk);
        if (mbedtls_pk_parse_public_key(&pk, der, n) == 0 &&
            mbedtls_pk_get_type(&pk) == MBEDTLS_PK_ECKEY &&
            mbedtls_pk_ec(pk)->grp.id == MBEDTLS_ECP_DP_SECP256R1) {
            ok = mbedtls_ecp_point_write_binary(&mbedtls_pk_ec(pk)->grp, &mbedtls_pk_ec(pk)->Q,
                                                MBEDTLS_ECP_PF_UNCOMPRESSED, &k->public_len,
                                                k->public_key, sizeof k->public_key) == 0;
        }
        mbedtls_pk_free(&pk);
    }
    if (!ok) {
        BAD(path, ptr, "/publicKey: must be a base64 X.509 SubjectPublicKeyInfo of a %s public key",
            k->name);
    }
}

static void parse_material(const char *path, const char *ptr, const json_value *v, key_entry *k) {
    size_t min = 32, max = k->algorithm == MQTTGUARD_ALG_HMAC_SHA256 ? 64 : 32;
    uint8_t buf[96];
    size_t n = base64_decode(v->text, v->text_len, buf, sizeof buf);
    if (n == (size_t)-1) BAD(path, ptr, "/material: must be valid base64 (RFC 4648, with padding)");
    if (n < min || n > max) {
        wipe(buf, sizeof buf);
        BAD(path, ptr, "/material: a %s key must be %s bytes, but was %zu", k->name,
            min == max ? "32" : "32..64", n);
    }
    memcpy(k->material, buf, n);
    k->material_len = n;
    wipe(buf, sizeof buf);
}

static void parse_entry(const char *path, const char *ptr, const json_value *o, key_entry *k) {
    if (o->type != JSON_OBJECT) BAD(path, ptr, "expected an object");
    k->id = parse_id(path, ptr, o);
    const json_value *alg = string_member(path, ptr, o, "algorithm", 1);
    for (size_t i = 0; i < sizeof ALGORITHMS / sizeof ALGORITHMS[0]; i++) {
        if (strcmp(alg->text, ALGORITHMS[i].name) == 0) {
            k->algorithm = ALGORITHMS[i].algorithm;
            k->name = ALGORITHMS[i].name;
        }
    }
    if (k->name == NULL) {
        BAD(path, ptr, "/algorithm: unknown algorithm (AES-256-GCM, CHACHA20-POLY1305, "
                       "HMAC-SHA256, ED25519 or ECDSA-P256)");
    }
    const json_value *status = string_member(path, ptr, o, "status", 1);
    k->status = strcmp(status->text, "primary") == 0    ? KEY_PRIMARY
                : strcmp(status->text, "enabled") == 0  ? KEY_ENABLED
                : strcmp(status->text, "disabled") == 0 ? KEY_DISABLED
                                                        : -1;
    if (k->status < 0) BAD(path, ptr, "/status: expected primary, enabled or disabled");
    const json_value *derive = json_get(o, "derive");
    if (derive != NULL && (derive->type != JSON_STRING || strcmp(derive->text, "topic") != 0)) {
        BAD(path, ptr, "/derive: the only derivation is \"topic\"");
    }
    k->derive = derive != NULL;
    if (is_signature(k->algorithm)) {
        if (k->derive) BAD(path, ptr, "/derive: signature keys cannot be derived; remove derive");
        if (k->status == KEY_PRIMARY) {
            BAD(path, ptr, "/status: signature keys are enabled or disabled, not primary");
        }
        if (json_get(o, "material") != NULL) {
            BAD(path, ptr, "/material: material is not allowed for %s keys", k->name);
        }
        parse_public(path, ptr, string_member(path, ptr, o, "publicKey", 1), k);
        return;
    }
    if (json_get(o, "publicKey") != NULL) {
        BAD(path, ptr, "/publicKey: publicKey is not allowed for %s keys", k->name);
    }
    if (k->status != KEY_DISABLED) { /* a disabled key's material is not kept */
        parse_material(path, ptr, string_member(path, ptr, o, "material", 1), k);
    }
}

void keys_load(const char *path, keyset *ks) {
    size_t len;
    char err[256], ptr[64];
    unsigned char *text = read_file(path, &len);
    if (text == NULL) die(EXIT_USAGE, "cannot read %s: %s", path, strerror(errno));
    json_value *root = json_parse((const char *)text, len, err, sizeof err);
    wipe(text, len);
    free(text);
    if (root == NULL) die(EXIT_USAGE, "%s: invalid JSON: %s", path, err);
    const json_value *list = json_get(root, "keys");
    if (root->type != JSON_OBJECT) BAD(path, "/", "expected an object with \"keys\"");
    if (list == NULL || list->type != JSON_ARRAY) BAD(path, "/keys", "expected an array of keys");
    ks->count = list->count;
    ks->keys = xcalloc(list->count, sizeof *ks->keys);
    for (size_t i = 0; i < list->count; i++) {
        snprintf(ptr, sizeof ptr, "/keys/%zu", i);
        parse_entry(path, ptr, list->items[i], &ks->keys[i]);
        for (size_t j = 0; j < i; j++) {
            const key_entry *a = &ks->keys[j], *b = &ks->keys[i];
            if (a->id == b->id) {
                BAD(path, ptr, "/id: key ID %u is used twice (also at /keys/%zu); IDs must be unique",
                    b->id, j);
            }
            if (a->status == KEY_PRIMARY && b->status == KEY_PRIMARY &&
                keys_is_aead(a->algorithm) == keys_is_aead(b->algorithm)) {
                BAD(path, ptr, "/status: only one %s key may be primary; make the others enabled",
                    keys_is_aead(b->algorithm) ? "AEAD" : "MAC");
            }
        }
    }
    json_free(root);
}

void keys_free(keyset *ks) {
    wipe(ks->keys, ks->count * sizeof *ks->keys);
    free(ks->keys);
    ks->keys = NULL;
    ks->count = 0;
}

const key_entry *keys_find(const keyset *ks, uint32_t id) {
    for (size_t i = 0; i < ks->count; i++) {
        if (ks->keys[i].id == id) return &ks->keys[i];
    }
    return NULL;
}

const key_entry *keys_primary(const keyset *ks, int hmac) {
    for (size_t i = 0; i < ks->count; i++) {
        const key_entry *k = &ks->keys[i];
        int fits = hmac ? k->algorithm == MQTTGUARD_ALG_HMAC_SHA256 : keys_is_aead(k->algorithm);
        if (fits && k->status == KEY_PRIMARY) return k;
    }
    return NULL;
}
