/*
 * mqtt-guard-seal (C): a drop-in for `mqtt-guard seal` built on the mqttguard_seal library.
 * stdin plaintext -> stdout envelope or stamp; errors "error: ..." on stderr; exit 0/1/2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include "keys.h"
#include "mqttguard_seal.h"
#include "options.h"
#include "signing.h"
#include "util.h"

typedef struct {
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
} rng;

/* The OS CSPRNG (mbedTLS's platform entropy: getrandom / /dev/urandom) through CTR_DRBG. */
static void rng_init(rng *r) {
    static const char personal[] = "mqtt-guard-seal";
    mbedtls_entropy_init(&r->entropy);
    mbedtls_ctr_drbg_init(&r->drbg);
    if (mbedtls_ctr_drbg_seed(&r->drbg, mbedtls_entropy_func, &r->entropy,
                              (const unsigned char *)personal, sizeof personal - 1) != 0) {
        die(EXIT_FAILED, "cannot seed the random generator from the operating system");
    }
}

static void rng_free(rng *r) {
    mbedtls_ctr_drbg_free(&r->drbg);
    mbedtls_entropy_free(&r->entropy);
}

/* The keys.json entry of --key-id, or exit 2. */
static const key_entry *key_by_id(const options *o, const keyset *ks, const char *path) {
    const key_entry *k = keys_find(ks, o->key_id);
    if (k == NULL) die(EXIT_USAGE, "--key-id %u is not a key of %s", o->key_id, path);
    return k;
}

static void not_disabled(const key_entry *k) {
    if (k->status == KEY_DISABLED) {
        die(EXIT_USAGE, "--key-id %u (%s) is disabled in keys.json", k->id, k->name);
    }
}

/* The symmetric key for an envelope or --hmac: --key-id (checked) or the primary of its kind. */
static const key_entry *symmetric_key(const options *o, const keyset *ks, const char *path) {
    if (!o->has_key_id) {
        const key_entry *k = keys_primary(ks, o->hmac);
        if (k == NULL) {
            die(EXIT_USAGE, "%s has no primary %s key; add one (mqtt-guard keygen) or give --key-id",
                path, o->hmac ? "HMAC-SHA256" : "AES-256-GCM or CHACHA20-POLY1305");
        }
        return k;
    }
    const key_entry *k = key_by_id(o, ks, path);
    if (o->hmac && k->algorithm != MQTTGUARD_ALG_HMAC_SHA256) {
        die(EXIT_USAGE, "--key-id %u (%s) cannot make an --hmac stamp: that needs an HMAC-SHA256 key",
            k->id, k->name);
    }
    if (!o->hmac && !keys_is_aead(k->algorithm)) {
        die(EXIT_USAGE,
            "--key-id %u (%s) cannot seal an envelope: that needs an AES-256-GCM or "
            "CHACHA20-POLY1305 key (--hmac stamps with an HMAC-SHA256 key)",
            k->id, k->name);
    }
    not_disabled(k);
    return k;
}

static int verify_signature(const key_entry *k, const uint8_t *out, size_t n, const options *o) {
    const uint8_t *t = (const uint8_t *)o->topic, *c = (const uint8_t *)o->client_id;
    size_t tl = strlen(o->topic), cl = c != NULL ? strlen(o->client_id) : 0;
    if (k->algorithm == MQTTGUARD_ALG_ECDSA_P256) {
        return mqttguard_verify_ecdsa_p256(k->public_key, out, n, t, tl, c, cl);
    }
    uint8_t *scratch = xcalloc(1, n + tl + cl + 4);
    int rc = mqttguard_verify_ed25519(k->public_key, out, n, t, tl, c, cl, scratch,
                                      n + tl + cl + 4);
    free(scratch);
    return rc;
}

int main(int argc, char **argv) {
    options o;
    keyset ks = {NULL, 0};
    rng r;
    uint8_t secret[64];
    size_t secret_len = 0, in_len, out_len = 0;
    int alg;
    options_parse(argc, argv, &o);
    options_check_names(&o);
    if (o.hmac && o.sign != NULL) {
        die(EXIT_USAGE, "--hmac and --sign are two kinds of stamp; give one of them");
    }
    if (o.client_id != NULL && o.version == 1 && (o.hmac || o.sign != NULL)) {
        die(EXIT_USAGE, "--client-id: version 1 stamps cannot be bound to a client ID "
                        "(use --format-version 2, or no --client-id)");
    }
    if (o.sign != NULL && !o.has_key_id) {
        die(EXIT_USAGE, "--sign needs --key-id (the ID of its public key in keys.json)");
    }
    unsigned char *in = read_stdin(&in_len);
    if (in == NULL) die(EXIT_FAILED, "cannot read stdin");
    size_t path_len = strlen(o.config) + sizeof "/keys.json";
    char *path = xcalloc(1, path_len);
    snprintf(path, path_len, "%s/keys.json", o.config);
    keys_load(path, &ks);

    const key_entry *k;
    if (o.sign != NULL) {
        k = key_by_id(&o, &ks, path);
        signing_read_private(o.sign, &alg, secret);
        secret_len = 32;
        const char *own = alg == MQTTGUARD_ALG_ED25519 ? "ED25519" : "ECDSA-P256";
        if (k->algorithm != alg) {
            die(EXIT_USAGE,
                "--key-id %u (%s) does not fit --sign %s, an %s private key: give the ID of its "
                "public key in keys.json",
                k->id, k->name, o.sign, own);
        }
        not_disabled(k);
        if (alg == MQTTGUARD_ALG_ED25519 && !mqttguard_has_ed25519()) {
            die(EXIT_USAGE,
                "--sign %s is an Ed25519 key, but this build has no Ed25519: mbedTLS 2.28 has none; "
                "build with libsodium (make SODIUM=1, Debian package libsodium-dev)",
                o.sign);
        }
    } else {
        k = symmetric_key(&o, &ks, path);
        alg = k->algorithm;
        secret_len = k->material_len;
        memcpy(secret, k->material, secret_len);
        if (k->derive) {
            uint8_t derived[MQTTGUARD_KEY_LEN];
            if (mqttguard_derive_topic_key(secret, secret_len, k->id, (const uint8_t *)o.topic,
                                           strlen(o.topic), derived) != 0) {
                die(EXIT_FAILED, "cannot derive the topic key of key %u", k->id);
            }
            memcpy(secret, derived, sizeof derived);
            secret_len = sizeof derived;
            wipe(derived, sizeof derived);
        }
    }

    rng_init(&r);
    mqttguard_params p = {o.version, k->id, (int64_t)time(NULL), (const uint8_t *)o.topic,
                          strlen(o.topic), (const uint8_t *)o.client_id,
                          o.client_id != NULL ? strlen(o.client_id) : 0, mbedtls_ctr_drbg_random,
                          &r.drbg};
    size_t size = mqttguard_buffer_len(alg, o.version, p.topic_len, p.client_id,
                                       p.client_id_len, in_len);
    if (size == 0) die(EXIT_FAILED, "the payload is too large");
    uint8_t *out = xcalloc(1, size);
    int rc = alg == MQTTGUARD_ALG_HMAC_SHA256
                 ? mqttguard_stamp_hmac(secret, secret_len, &p, in, in_len, out, size, &out_len)
             : alg == MQTTGUARD_ALG_ECDSA_P256
                 ? mqttguard_stamp_ecdsa_p256(secret, &p, in, in_len, out, size, &out_len)
             : alg == MQTTGUARD_ALG_ED25519
                 ? mqttguard_stamp_ed25519(secret, &p, in, in_len, out, size, &out_len)
                 : mqttguard_seal(alg, secret, &p, in, in_len, out, size, &out_len);
    wipe(secret, sizeof secret);
    rng_free(&r);
    if (rc != 0) die(EXIT_FAILED, "sealing failed (%s)", mqttguard_strerror(rc));
    if (o.sign != NULL && verify_signature(k, out, out_len, &o) != 0) {
        die(EXIT_USAGE,
            "--sign %s is not the private key of --key-id %u (%s): its public key in keys.json "
            "does not verify the signature",
            o.sign, k->id, k->name);
    }
    keys_free(&ks);
    wipe(in, in_len);
    free(in);
    free(path);
    if (fwrite(out, 1, out_len, stdout) != out_len || fflush(stdout) != 0) {
        die(EXIT_FAILED, "cannot write to stdout");
    }
    free(out);
    return EXIT_OK;
}
