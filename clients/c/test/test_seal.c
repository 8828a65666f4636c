/*
 * Tests of mqttguard_seal against every vector and mustNotOpen case of docs/payload-vectors.json
 * (compiled in through build/vectors.h, generated at test time), plus buffer sizes, fresh nonces,
 * argument checks and HKDF against mbedtls_hkdf. Exit 0 only if every check passed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>

#include "mqttguard_seal.h"
#include "vectors.h"

static int failures;
static int checks;
static int skipped;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        checks++;                                                            \
        if (!(cond)) {                                                       \
            failures++;                                                      \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);             \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
    } while (0)

#define MAX_BUF 4096

static size_t unhex(const char *hex, uint8_t *out, size_t cap) {
    size_t n = hex == NULL ? 0 : strlen(hex) / 2;
    if (n > cap) {
        fprintf(stderr, "test buffer too small for %zu bytes\n", n);
        exit(1);
    }
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) exit(1);
        out[i] = (uint8_t)v;
    }
    return n;
}

static int algorithm_byte(const char *name) {
    if (strcmp(name, "AES-256-GCM") == 0) return MQTTGUARD_ALG_AES_256_GCM;
    if (strcmp(name, "CHACHA20-POLY1305") == 0) return MQTTGUARD_ALG_CHACHA20_POLY1305;
    if (strcmp(name, "HMAC-SHA256") == 0) return MQTTGUARD_ALG_HMAC_SHA256;
    if (strcmp(name, "ED25519") == 0) return MQTTGUARD_ALG_ED25519;
    if (strcmp(name, "ECDSA-P256") == 0) return MQTTGUARD_ALG_ECDSA_P256;
    fprintf(stderr, "unknown algorithm %s in the vectors file\n", name);
    exit(1);
}

/* Test generator: hands out the vector's nonce for the first 12-byte request, then a counter. */
typedef struct {
    const uint8_t *nonce;
    int nonce_used;
    uint8_t counter;
} fixed_rng;

static int fixed_rng_fn(void *ctx, unsigned char *out, size_t len) {
    fixed_rng *r = ctx;
    if (r->nonce != NULL && !r->nonce_used && len == MQTTGUARD_NONCE_LEN) {
        memcpy(out, r->nonce, len);
        r->nonce_used = 1;
        return 0;
    }
    for (size_t i = 0; i < len; i++) out[i] = (uint8_t)(r->counter++ * 151u + 7u);
    return 0;
}

static int failing_rng(void *ctx, unsigned char *out, size_t len) {
    (void)ctx;
    (void)out;
    (void)len;
    return -1;
}

/* The key material of a vector: symmetric key (derived if derive), seed or scalar. */
static size_t vector_key(const test_vector *v, uint8_t *key) {
    if (v->private_hex != NULL) return unhex(v->private_hex, key, 64);
    uint8_t master[64];
    size_t n = unhex(v->key_hex, master, sizeof master);
    if (!v->derive) {
        memcpy(key, master, n);
        return n;
    }
    uint8_t want[32], ref[32];
    int rc = mqttguard_derive_topic_key(master, n, v->key_id, (const uint8_t *)v->topic,
                                        v->topic_len, key);
    CHECK(rc == 0, "%s: derive rc %d", v->name, rc);
    unhex(v->topic_key_hex, want, sizeof want);
    CHECK(memcmp(key, want, 32) == 0, "%s: derived key differs from topicKey", v->name);
    /* The same with mbedTLS's own HKDF (heap-using, fine in a test). */
    uint8_t info[512];
    static const char label[] = "mqtt-guard/v1 topic-key";
    size_t il = sizeof label; /* with the 0x00 */
    memcpy(info, label, il);
    info[il++] = (uint8_t)(v->key_id >> 24);
    info[il++] = (uint8_t)(v->key_id >> 16);
    info[il++] = (uint8_t)(v->key_id >> 8);
    info[il++] = (uint8_t)v->key_id;
    memcpy(info + il, v->topic, v->topic_len);
    il += v->topic_len;
    rc = mbedtls_hkdf(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), NULL, 0, master, n, info, il,
                      ref, sizeof ref);
    CHECK(rc == 0 && memcmp(ref, want, 32) == 0, "%s: mbedtls_hkdf disagrees", v->name);
    return 32;
}

/* Public key from SPKI DER: P-256 uncompressed point (last 65 bytes) or Ed25519 (last 32). */
static size_t vector_public(const test_vector *v, uint8_t *pub) {
    uint8_t der[128];
    size_t n = unhex(v->public_hex, der, sizeof der);
    size_t want = strcmp(v->algorithm, "ED25519") == 0 ? 32 : 65;
    memcpy(pub, der + n - want, want);
    return want;
}

static int seal_any(int alg, const uint8_t *key, size_t key_len, const mqttguard_params *p,
                    const uint8_t *pt, size_t pt_len, uint8_t *out, size_t out_size,
                    size_t *out_len) {
    switch (alg) {
    case MQTTGUARD_ALG_HMAC_SHA256:
        return mqttguard_stamp_hmac(key, key_len, p, pt, pt_len, out, out_size, out_len);
    case MQTTGUARD_ALG_ECDSA_P256:
        return mqttguard_stamp_ecdsa_p256(key, p, pt, pt_len, out, out_size, out_len);
    case MQTTGUARD_ALG_ED25519:
        return mqttguard_stamp_ed25519(key, p, pt, pt_len, out, out_size, out_len);
    default:
        return mqttguard_seal(alg, key, p, pt, pt_len, out, out_size, out_len);
    }
}

/* Opens/verifies in with the vector's keys; returns the status. */
static int open_any(const test_vector *v, const uint8_t *in, size_t in_len, const char *topic,
                    size_t topic_len, const char *client, size_t client_len, uint8_t *plain,
                    size_t *plain_len) {
    uint8_t key[64], pub[65], scratch[MAX_BUF];
    int alg = algorithm_byte(v->algorithm);
    const uint8_t *t = (const uint8_t *)topic, *c = (const uint8_t *)client;
    *plain_len = 0;
    if (alg == MQTTGUARD_ALG_ED25519 || alg == MQTTGUARD_ALG_ECDSA_P256) {
        vector_public(v, pub);
        int rc = alg == MQTTGUARD_ALG_ED25519
                     ? mqttguard_verify_ed25519(pub, in, in_len, t, topic_len, c, client_len,
                                                scratch, sizeof scratch)
                     : mqttguard_verify_ecdsa_p256(pub, in, in_len, t, topic_len, c, client_len);
        return rc;
    }
    size_t kl = vector_key(v, key);
    if (alg == MQTTGUARD_ALG_HMAC_SHA256) {
        return mqttguard_verify_hmac(key, kl, in, in_len, t, topic_len, c, client_len);
    }
    return mqttguard_open(key, in, in_len, t, topic_len, c, client_len, plain, MAX_BUF, plain_len);
}

static void test_vector_seal(const test_vector *v) {
    uint8_t key[64], nonce[12], pt[MAX_BUF], expected[MAX_BUF], out[MAX_BUF], plain[MAX_BUF];
    size_t pt_len = unhex(v->plaintext_hex, pt, sizeof pt);
    size_t exp_len = unhex(v->expected_hex, expected, sizeof expected);
    int alg = algorithm_byte(v->algorithm);
    if (alg == MQTTGUARD_ALG_ED25519 && !mqttguard_has_ed25519()) {
        printf("SKIP %s: built without MQTTGUARD_WITH_SODIUM (no Ed25519)\n", v->name);
        skipped++;
        return;
    }
    size_t key_len = vector_key(v, key);
    fixed_rng rng = {NULL, 0, 0};
    if (v->nonce_hex != NULL) {
        unhex(v->nonce_hex, nonce, sizeof nonce);
        rng.nonce = nonce;
    }
    mqttguard_params p = {v->version, v->key_id, v->timestamp, (const uint8_t *)v->topic,
                          v->topic_len, (const uint8_t *)v->client_id, v->client_id_len,
                          fixed_rng_fn, &rng};
    if (v->nonce_hex == NULL && alg != MQTTGUARD_ALG_ECDSA_P256) {
        p.f_rng = NULL; /* v1 stamps need no generator */
    }
    size_t need = mqttguard_buffer_len(alg, v->version, v->topic_len,
                                       (const uint8_t *)v->client_id, v->client_id_len, pt_len);
    CHECK(mqttguard_sealed_len(alg, v->version, pt_len) == exp_len, "%s: sealed_len", v->name);

    /* One byte too small: an error and not a byte written. */
    size_t out_len = 123;
    memset(out, 0xAA, sizeof out);
    int rc = seal_any(alg, key, key_len, &p, pt, pt_len, out, need - 1, &out_len);
    CHECK(rc == MQTTGUARD_ERR_BUFFER_TOO_SMALL, "%s: small buffer rc %d", v->name, rc);
    int untouched = 1;
    for (size_t i = 0; i < sizeof out; i++) untouched &= out[i] == 0xAA;
    CHECK(untouched && out_len == 0, "%s: small buffer was written", v->name);
    CHECK(!rng.nonce_used, "%s: small buffer consumed the nonce", v->name);

    rc = seal_any(alg, key, key_len, &p, pt, pt_len, out, need, &out_len);
    CHECK(rc == 0, "%s: seal rc %d (%s)", v->name, rc, mqttguard_strerror(rc));
    CHECK(out_len == exp_len, "%s: length %zu, want %zu", v->name, out_len, exp_len);
    if (rc != 0 || out_len != exp_len) return;
    if (v->deterministic) {
        CHECK(memcmp(out, expected, exp_len) == 0, "%s: bytes differ", v->name);
    } else {
        mqttguard_header h;
        CHECK(mqttguard_parse_header(out, out_len, &h) == 0, "%s: header", v->name);
        size_t sig = h.header_len;
        CHECK(memcmp(out, expected, sig) == 0, "%s: header bytes differ", v->name);
        CHECK(memcmp(out + sig + 64, expected + sig + 64, exp_len - sig - 64) == 0,
              "%s: payload bytes differ", v->name);
        /* RFC 6979 (deterministic) signing gives the file's signature exactly. */
        CHECK(memcmp(out + sig, expected + sig, 64) == 0, "%s: not the RFC 6979 signature",
              v->name);
    }
    size_t plain_len;
    rc = open_any(v, out, out_len, v->topic, v->topic_len, v->client_id, v->client_id_len, plain,
                  &plain_len);
    CHECK(rc == 0, "%s: own output does not open: %s", v->name, mqttguard_strerror(rc));
    rc = open_any(v, expected, exp_len, v->topic, v->topic_len, v->client_id, v->client_id_len,
                  plain, &plain_len);
    CHECK(rc == 0, "%s: expected does not open: %s", v->name, mqttguard_strerror(rc));
    if (v->envelope) {
        CHECK(plain_len == pt_len && memcmp(plain, pt, pt_len) == 0, "%s: plaintext", v->name);
    }
}

static const test_vector *find_vector(const char *name) {
    for (size_t i = 0; i < N_VECTORS; i++) {
        if (strcmp(VECTORS[i].name, name) == 0) return &VECTORS[i];
    }
    fprintf(stderr, "mustNotOpen names an unknown vector %s\n", name);
    exit(1);
}

static void test_must_not_open(const must_not_open *m) {
    uint8_t sealed[MAX_BUF], plain[MAX_BUF];
    size_t plain_len = 99;
    const test_vector *v = find_vector(m->vector);
    if (strcmp(v->algorithm, "ED25519") == 0 && !mqttguard_has_ed25519()) {
        printf("SKIP %s: built without MQTTGUARD_WITH_SODIUM (no Ed25519)\n", m->name);
        skipped++;
        return;
    }
    size_t n = unhex(m->sealed_hex, sealed, sizeof sealed);
    memset(plain, 0x55, sizeof plain);
    int rc = open_any(v, sealed, n, m->topic, m->topic_len, m->client_id, m->client_id_len, plain,
                      &plain_len);
    CHECK(strcmp(mqttguard_strerror(rc), m->reason) == 0, "%s: got %s, want %s", m->name,
          mqttguard_strerror(rc), m->reason);
    int released = 0;
    for (size_t i = 0; i < sizeof plain; i++) released |= plain[i] != 0x55 && plain[i] != 0;
    CHECK(plain_len == 0 && !released, "%s: plaintext released", m->name);
}

/* Every bit flip and every truncation of every vector's expected bytes is refused (and ASan sees
 * every read of the parsers and openers on these inputs). */
static void test_mutations(void) {
    uint8_t expected[MAX_BUF], mutated[MAX_BUF], plain[MAX_BUF];
    size_t plain_len;
    long accepted = 0, tried = 0;
    for (size_t i = 0; i < N_VECTORS; i++) {
        const test_vector *v = &VECTORS[i];
        if (strcmp(v->algorithm, "ED25519") == 0 && !mqttguard_has_ed25519()) continue;
        size_t n = unhex(v->expected_hex, expected, sizeof expected);
        size_t bits = n * 8 > 2048 ? 2048 : n * 8; /* the long binary vector: its first 256 bytes */
        for (size_t bit = 0; bit < bits; bit++) {
            memcpy(mutated, expected, n);
            mutated[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            tried++;
            if (open_any(v, mutated, n, v->topic, v->topic_len, v->client_id, v->client_id_len,
                         plain, &plain_len) == 0) {
                accepted++;
                fprintf(stderr, "%s: bit %zu flipped was accepted\n", v->name, bit);
            }
        }
        for (size_t len = 0; len < n; len++) {
            tried++;
            if (open_any(v, expected, len, v->topic, v->topic_len, v->client_id, v->client_id_len,
                         plain, &plain_len) == 0) {
                accepted++;
                fprintf(stderr, "%s: truncated to %zu bytes was accepted\n", v->name, len);
            }
        }
    }
    CHECK(accepted == 0, "%ld of %ld mutated inputs accepted", accepted, tried);
    printf("mutations: %ld bit flips and truncations of the vectors, all refused\n", tried);
}

static mbedtls_ctr_drbg_context drbg;
static mbedtls_entropy_context entropy;

/* Two seals of the same input with a real DRBG: different nonces, different bytes, both open. */
static void test_fresh_nonces(void) {
    static const char *algs[] = {"AES-256-GCM", "CHACHA20-POLY1305", "HMAC-SHA256", "ECDSA-P256",
                                 "ED25519"};
    for (size_t a = 0; a < sizeof algs / sizeof algs[0]; a++) {
        const test_vector *v = NULL;
        for (size_t i = 0; i < N_VECTORS; i++) {
            if (VECTORS[i].version == 2 && strcmp(VECTORS[i].algorithm, algs[a]) == 0) {
                v = &VECTORS[i];
                break;
            }
        }
        CHECK(v != NULL, "no v2 vector for %s", algs[a]);
        if (v == NULL) continue;
        if (strcmp(algs[a], "ED25519") == 0 && !mqttguard_has_ed25519()) continue;
        uint8_t key[64], first[MAX_BUF], second[MAX_BUF], plain[MAX_BUF];
        size_t kl = vector_key(v, key), l1 = 0, l2 = 0, pl;
        int alg = algorithm_byte(algs[a]);
        static const uint8_t msg[] = "same reading";
        mqttguard_params p = {2, v->key_id, v->timestamp, (const uint8_t *)v->topic, v->topic_len,
                              (const uint8_t *)v->client_id, v->client_id_len,
                              mbedtls_ctr_drbg_random, &drbg};
        int r1 = seal_any(alg, key, kl, &p, msg, sizeof msg, first, sizeof first, &l1);
        int r2 = seal_any(alg, key, kl, &p, msg, sizeof msg, second, sizeof second, &l2);
        CHECK(r1 == 0 && r2 == 0 && l1 == l2, "%s: fresh seals rc %d %d", algs[a], r1, r2);
        CHECK(memcmp(first + 15, second + 15, 12) != 0, "%s: nonce repeated", algs[a]);
        CHECK(memcmp(first, second, l1) != 0, "%s: identical outputs", algs[a]);
        CHECK(open_any(v, first, l1, v->topic, v->topic_len, v->client_id, v->client_id_len,
                       plain, &pl) == 0 &&
                  open_any(v, second, l2, v->topic, v->topic_len, v->client_id,
                           v->client_id_len, plain, &pl) == 0,
              "%s: fresh seals do not open", algs[a]);
    }
}

static void test_arguments(void) {
    uint8_t key[32] = {1}, out[256];
    size_t n;
    const uint8_t topic[] = "a/b", client[] = "c";
    mqttguard_params p = {2, 1, 0, topic, 3, NULL, 0, mbedtls_ctr_drbg_random, &drbg};
    CHECK(mqttguard_sealed_len(MQTTGUARD_ALG_AES_256_GCM, 2, SIZE_MAX) == 0, "overflow");
    CHECK(mqttguard_sealed_len(0x03, 2, 1) == 0, "unknown algorithm has no length");
    CHECK(mqttguard_sealed_len(MQTTGUARD_ALG_HMAC_SHA256, 2, MQTTGUARD_MAX_PAYLOAD) != 0 &&
              mqttguard_sealed_len(MQTTGUARD_ALG_HMAC_SHA256, 2, MQTTGUARD_MAX_PAYLOAD + 1) == 0,
          "payloads over the MQTT maximum are refused");
    CHECK(mqttguard_sealed_len(MQTTGUARD_ALG_AES_256_GCM, 3, 1) == 0, "version 3");
    CHECK(mqttguard_sealed_len(MQTTGUARD_ALG_HMAC_SHA256, 1, 0) == 47, "v1 hmac 47");
    CHECK(mqttguard_sealed_len(MQTTGUARD_ALG_HMAC_SHA256, 2, 0) == 59, "v2 hmac 59");
    CHECK(mqttguard_sealed_len(MQTTGUARD_ALG_ECDSA_P256, 2, 0) == 91, "v2 ecdsa 91");
    CHECK(mqttguard_sealed_len(MQTTGUARD_ALG_CHACHA20_POLY1305, 1, 0) == 43, "envelope 43");
    CHECK(mqttguard_seal(MQTTGUARD_ALG_HMAC_SHA256, key, &p, NULL, 0, out, sizeof out, &n) ==
              MQTTGUARD_ERR_BAD_INPUT,
          "seal refuses a stamp algorithm");
    p.key_id = 0;
    CHECK(mqttguard_seal(MQTTGUARD_ALG_AES_256_GCM, key, &p, NULL, 0, out, sizeof out, &n) ==
              MQTTGUARD_ERR_BAD_INPUT,
          "key ID 0");
    p.key_id = 1;
    p.topic_len = 0;
    CHECK(mqttguard_seal(MQTTGUARD_ALG_AES_256_GCM, key, &p, NULL, 0, out, sizeof out, &n) ==
              MQTTGUARD_ERR_BAD_INPUT,
          "empty topic");
    p.topic_len = 3;
    p.f_rng = failing_rng;
    CHECK(mqttguard_seal(MQTTGUARD_ALG_AES_256_GCM, key, &p, NULL, 0, out, sizeof out, &n) ==
              MQTTGUARD_ERR_RNG,
          "a failing generator is an error");
    p.f_rng = NULL;
    CHECK(mqttguard_seal(MQTTGUARD_ALG_AES_256_GCM, key, &p, NULL, 0, out, sizeof out, &n) ==
              MQTTGUARD_ERR_BAD_INPUT,
          "an envelope needs a generator");
    p.version = 1;
    p.client_id = client;
    p.client_id_len = 1;
    CHECK(mqttguard_stamp_hmac(key, 32, &p, NULL, 0, out, sizeof out, &n) ==
              MQTTGUARD_ERR_BAD_INPUT,
          "v1 stamps cannot be bound");
    p.client_id = NULL;
    CHECK(mqttguard_stamp_hmac(key, 31, &p, NULL, 0, out, sizeof out, &n) ==
              MQTTGUARD_ERR_BAD_INPUT,
          "HMAC keys are at least 32 bytes");
    CHECK(mqttguard_stamp_hmac(key, 32, &p, NULL, 0, out, 46, &n) ==
              MQTTGUARD_ERR_BUFFER_TOO_SMALL,
          "v1 HMAC stamp needs 47 bytes");
    CHECK(mqttguard_stamp_hmac(key, 32, &p, NULL, 0, out, 47, &n) == 0 && n == 47,
          "v1 HMAC stamp in 47 bytes");
    mqttguard_header h;
    CHECK(mqttguard_parse_header(out, 0, &h) == MQTTGUARD_ERR_UNPROTECTED, "empty = unprotected");
    static const uint8_t short_v2[] = {0x02}, odd_alg[] = {0x01, 0x99, 0x00};
    CHECK(mqttguard_parse_header(short_v2, 1, &h) == MQTTGUARD_ERR_TRUNCATED, "1 byte: truncated");
    CHECK(mqttguard_parse_header(odd_alg, 3, &h) == MQTTGUARD_ERR_UNKNOWN_ALGORITHM,
          "algorithm 0x99: unknown algorithm");
    out[0] = '{';
    CHECK(mqttguard_parse_header(out, 47, &h) == MQTTGUARD_ERR_UNPROTECTED, "json = unprotected");
    if (!mqttguard_has_ed25519()) {
        p.version = 2;
        p.f_rng = mbedtls_ctr_drbg_random;
        CHECK(mqttguard_stamp_ed25519(key, &p, NULL, 0, out, sizeof out, &n) ==
                  MQTTGUARD_ERR_UNSUPPORTED,
              "Ed25519 without libsodium is UNSUPPORTED");
    }
}

int main(void) {
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                              (const unsigned char *)"mqttguard-test", 14) != 0) {
        fprintf(stderr, "cannot seed the DRBG\n");
        return 1;
    }
    for (size_t i = 0; i < N_VECTORS; i++) test_vector_seal(&VECTORS[i]);
    for (size_t i = 0; i < N_MUST_NOT_OPEN; i++) test_must_not_open(&MUST_NOT_OPEN[i]);
    test_fresh_nonces();
    test_mutations();
    test_arguments();
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    printf("test_seal: %d vectors, %d mustNotOpen cases, %d checks, %d failed, %d skipped\n",
           N_VECTORS, N_MUST_NOT_OPEN, checks, failures, skipped);
    return failures == 0 ? 0 : 1;
}
