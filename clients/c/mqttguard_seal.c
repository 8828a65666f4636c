/*
 * MQTT Guard payload sealing for devices: see mqttguard_seal.h for the contract and
 * docs/payload-envelope.md (+ wire format v2) for the bytes. No heap allocation here.
 */
#include "mqttguard_seal.h"

#include <string.h>

#include <mbedtls/aes.h>
#include <mbedtls/bignum.h>
#include <mbedtls/chachapoly.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>

#ifdef MQTTGUARD_WITH_SODIUM
#include <sodium.h>
#endif

#if MBEDTLS_VERSION_MAJOR >= 3
#define SHA256_STARTS mbedtls_sha256_starts
#define SHA256_UPDATE mbedtls_sha256_update
#define SHA256_FINISH mbedtls_sha256_finish
#else
#define SHA256_STARTS mbedtls_sha256_starts_ret
#define SHA256_UPDATE mbedtls_sha256_update_ret
#define SHA256_FINISH mbedtls_sha256_finish_ret
#endif

#define MAX_MQTT_STRING 65535u
#define HKDF_LABEL "mqtt-guard/v1 topic-key"

static void zeroize(void *p, size_t n) { mbedtls_platform_zeroize(p, n); }

static void put_u16(uint8_t *p, uint16_t v) {
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put_u32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void put_u64(uint8_t *p, uint64_t v) {
    put_u32(p, (uint32_t)(v >> 32));
    put_u32(p + 4, (uint32_t)v);
}

static uint32_t get_u32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static int ct_equal(const uint8_t *a, const uint8_t *b, size_t n) {
    uint8_t d = 0;
    for (size_t i = 0; i < n; i++) {
        d |= (uint8_t)(a[i] ^ b[i]);
    }
    return d == 0;
}

static int is_aead(int alg) {
    return alg == MQTTGUARD_ALG_AES_256_GCM || alg == MQTTGUARD_ALG_CHACHA20_POLY1305;
}

/* Tag/signature length of a stamp algorithm, 0 if not a stamp algorithm. */
static size_t stamp_tag_len(int alg) {
    switch (alg) {
    case MQTTGUARD_ALG_HMAC_SHA256:
        return 32;
    case MQTTGUARD_ALG_ED25519:
    case MQTTGUARD_ALG_ECDSA_P256:
        return 64;
    default:
        return 0;
    }
}

static size_t header_len(int alg, int version) {
    return is_aead(alg) || version == 2 ? MQTTGUARD_ENVELOPE_HEADER_LEN
                                        : MQTTGUARD_STAMP_V1_HEADER_LEN;
}

/* ---------------------------------------------------------------- byte sinks (streaming) */

/* Something that absorbs the authenticated bytes piece by piece: HMAC, SHA-256, GHASH, Poly1305. */
typedef int (*absorb_fn)(void *ctx, const uint8_t *data, size_t len);

/* header || u16be(len(topic)) || topic || [u16be(len(client)) || client]  (AAD, or M without payload) */
static int absorb_binding(absorb_fn absorb, void *ctx, const uint8_t *header, size_t hlen,
                          const uint8_t *topic, size_t topic_len, const uint8_t *client,
                          size_t client_len) {
    uint8_t len[2];
    int rc = absorb(ctx, header, hlen);
    put_u16(len, (uint16_t)topic_len);
    if (rc == 0) rc = absorb(ctx, len, 2);
    if (rc == 0) rc = absorb(ctx, topic, topic_len);
    if (rc == 0 && client != NULL) {
        put_u16(len, (uint16_t)client_len);
        rc = absorb(ctx, len, 2);
        if (rc == 0) rc = absorb(ctx, client, client_len);
    }
    return rc;
}

/* ---------------------------------------------------------------- HMAC-SHA256 (heap-free) */

typedef struct {
    mbedtls_sha256_context inner;
    mbedtls_sha256_context outer;
} hmac_ctx;

static int hmac_start(hmac_ctx *h, const uint8_t *key, size_t key_len) {
    uint8_t pad[64];
    int rc = 0;
    mbedtls_sha256_init(&h->inner);
    mbedtls_sha256_init(&h->outer);
    if (key_len > 64) {
        return MQTTGUARD_ERR_BAD_INPUT; /* never needed here: keys are at most 64 bytes */
    }
    memset(pad, 0x36, sizeof pad);
    for (size_t i = 0; i < key_len; i++) pad[i] ^= key[i];
    rc = SHA256_STARTS(&h->inner, 0);
    if (rc == 0) rc = SHA256_UPDATE(&h->inner, pad, sizeof pad);
    for (size_t i = 0; i < sizeof pad; i++) pad[i] ^= 0x36 ^ 0x5c;
    if (rc == 0) rc = SHA256_STARTS(&h->outer, 0);
    if (rc == 0) rc = SHA256_UPDATE(&h->outer, pad, sizeof pad);
    zeroize(pad, sizeof pad);
    return rc == 0 ? 0 : MQTTGUARD_ERR_CRYPTO;
}

static int hmac_absorb(void *ctx, const uint8_t *data, size_t len) {
    return SHA256_UPDATE(&((hmac_ctx *)ctx)->inner, data, len) == 0 ? 0 : MQTTGUARD_ERR_CRYPTO;
}

/* Finishes into out (32 bytes) and wipes the context (also after an earlier error: rc_in). */
static int hmac_finish(hmac_ctx *h, int rc_in, uint8_t out[32]) {
    uint8_t inner[32];
    int rc = rc_in;
    if (rc == 0) rc = SHA256_FINISH(&h->inner, inner);
    if (rc == 0) rc = SHA256_UPDATE(&h->outer, inner, sizeof inner);
    if (rc == 0) rc = SHA256_FINISH(&h->outer, out);
    zeroize(inner, sizeof inner);
    mbedtls_sha256_free(&h->inner);
    mbedtls_sha256_free(&h->outer);
    return rc == 0 ? 0 : (rc_in != 0 ? rc_in : MQTTGUARD_ERR_CRYPTO);
}

/* ---------------------------------------------------------------- HKDF-SHA256 (RFC 5869) */

int mqttguard_derive_topic_key(const uint8_t *master, size_t master_len, uint32_t key_id,
                               const uint8_t *topic, size_t topic_len,
                               uint8_t out[MQTTGUARD_KEY_LEN]) {
    static const uint8_t label[] = HKDF_LABEL; /* with its terminating 0x00, as the spec wants */
    uint8_t prk[32], id[4], counter = 1;
    hmac_ctx h;
    int rc;
    if (master == NULL || master_len == 0 || master_len > 64 || topic == NULL ||
        topic_len > MAX_MQTT_STRING || out == NULL) {
        return MQTTGUARD_ERR_BAD_INPUT;
    }
    /* Extract: salt empty = HashLen zero bytes; as an HMAC key that is the empty key. */
    rc = hmac_start(&h, NULL, 0);
    if (rc != 0) return rc;
    rc = hmac_finish(&h, hmac_absorb(&h, master, master_len), prk);
    /* Expand, L = 32 = one block: T(1) = HMAC(PRK, info || 0x01). */
    if (rc == 0) rc = hmac_start(&h, prk, sizeof prk);
    if (rc == 0) {
        put_u32(id, key_id);
        int r = hmac_absorb(&h, label, sizeof label);
        if (r == 0) r = hmac_absorb(&h, id, sizeof id);
        if (r == 0) r = hmac_absorb(&h, topic, topic_len);
        if (r == 0) r = hmac_absorb(&h, &counter, 1);
        rc = hmac_finish(&h, r, out);
    }
    zeroize(prk, sizeof prk);
    if (rc != 0) zeroize(out, MQTTGUARD_KEY_LEN);
    return rc;
}

/* ---------------------------------------------------------------- AES-256-GCM on mbedtls_aes */

/*
 * NIST SP 800-38D with a 96-bit IV. Built on the AES block function because mbedtls_gcm_setkey
 * allocates its cipher context and (in 2.28) takes the AAD only in one piece. GHASH multiplies
 * bit by bit with masks (constant time, no tables).
 */
typedef struct {
    mbedtls_aes_context aes;
    uint64_t h_hi, h_lo;  /* H = E(K, 0^128) */
    uint64_t y_hi, y_lo;  /* GHASH accumulator */
    uint8_t block[16];    /* partial GHASH input block */
    size_t used;
    uint64_t aad_len, text_len;
    uint8_t j0[16];
} gcm_ctx;

static uint64_t get_u64(const uint8_t *p) {
    return ((uint64_t)get_u32(p) << 32) | get_u32(p + 4);
}

static void gf_mult(gcm_ctx *g) {
    uint64_t z_hi = 0, z_lo = 0, v_hi = g->h_hi, v_lo = g->h_lo;
    for (int i = 0; i < 128; i++) {
        uint64_t x = i < 64 ? g->y_hi : g->y_lo;
        uint64_t bit = (x >> (63 - (i & 63))) & 1u;
        uint64_t mask = (uint64_t)0 - bit;
        z_hi ^= v_hi & mask;
        z_lo ^= v_lo & mask;
        uint64_t lsb = (uint64_t)0 - (v_lo & 1u);
        v_lo = (v_lo >> 1) | (v_hi << 63);
        v_hi = (v_hi >> 1) ^ (((uint64_t)0xe1 << 56) & lsb);
    }
    g->y_hi = z_hi;
    g->y_lo = z_lo;
}

static void ghash_block(gcm_ctx *g) {
    g->y_hi ^= get_u64(g->block);
    g->y_lo ^= get_u64(g->block + 8);
    gf_mult(g);
    g->used = 0;
}

static void ghash_bytes(gcm_ctx *g, const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++) {
        g->block[g->used++] = data[i];
        if (g->used == 16) ghash_block(g);
    }
}

static void ghash_pad(gcm_ctx *g) {
    if (g->used != 0) {
        memset(g->block + g->used, 0, 16 - g->used);
        ghash_block(g);
    }
}

static int gcm_absorb_aad(void *ctx, const uint8_t *data, size_t len) {
    gcm_ctx *g = ctx;
    ghash_bytes(g, data, len);
    g->aad_len += len;
    return 0;
}

static int gcm_start(gcm_ctx *g, const uint8_t key[32], const uint8_t nonce[12]) {
    uint8_t h[16] = {0};
    memset(g, 0, sizeof *g);
    mbedtls_aes_init(&g->aes);
    if (mbedtls_aes_setkey_enc(&g->aes, key, 256) != 0 ||
        mbedtls_aes_crypt_ecb(&g->aes, MBEDTLS_AES_ENCRYPT, h, h) != 0) {
        return MQTTGUARD_ERR_CRYPTO;
    }
    g->h_hi = get_u64(h);
    g->h_lo = get_u64(h + 8);
    zeroize(h, sizeof h);
    memcpy(g->j0, nonce, 12);
    g->j0[15] = 1;
    return 0;
}

/* CTR mode from inc32(J0); out may equal in. */
static int gcm_ctr(gcm_ctx *g, const uint8_t *in, size_t len, uint8_t *out) {
    uint8_t ctr[16], ks[16];
    int rc = 0;
    memcpy(ctr, g->j0, 16);
    for (size_t off = 0; off < len && rc == 0; off += 16) {
        uint32_t c = get_u32(ctr + 12) + 1;
        put_u32(ctr + 12, c);
        rc = mbedtls_aes_crypt_ecb(&g->aes, MBEDTLS_AES_ENCRYPT, ctr, ks);
        size_t n = len - off < 16 ? len - off : 16;
        for (size_t i = 0; i < n; i++) out[off + i] = (uint8_t)(in[off + i] ^ ks[i]);
    }
    zeroize(ks, sizeof ks);
    return rc == 0 ? 0 : MQTTGUARD_ERR_CRYPTO;
}

/* GHASH over the ciphertext (after the AAD), lengths, then tag = E(K, J0) xor S. */
static int gcm_tag(gcm_ctx *g, const uint8_t *ciphertext, size_t len, uint8_t tag[16]) {
    uint8_t lens[16], ej0[16];
    ghash_pad(g);
    ghash_bytes(g, ciphertext, len);
    ghash_pad(g);
    g->text_len = len;
    put_u64(lens, g->aad_len * 8u);
    put_u64(lens + 8, g->text_len * 8u);
    ghash_bytes(g, lens, 16);
    if (mbedtls_aes_crypt_ecb(&g->aes, MBEDTLS_AES_ENCRYPT, g->j0, ej0) != 0) {
        return MQTTGUARD_ERR_CRYPTO;
    }
    put_u64(tag, g->y_hi);
    put_u64(tag + 8, g->y_lo);
    for (int i = 0; i < 16; i++) tag[i] ^= ej0[i];
    zeroize(ej0, sizeof ej0);
    return 0;
}

static void gcm_free(gcm_ctx *g) {
    mbedtls_aes_free(&g->aes);
    zeroize(g, sizeof *g);
}

/* ---------------------------------------------------------------- lengths and headers */

size_t mqttguard_sealed_len(int algorithm, int version, size_t payload_len) {
    size_t fixed;
    if ((version != 1 && version != 2) || payload_len > MQTTGUARD_MAX_PAYLOAD) return 0;
    if (is_aead(algorithm)) {
        fixed = MQTTGUARD_ENVELOPE_HEADER_LEN + MQTTGUARD_AEAD_TAG_LEN;
    } else if (stamp_tag_len(algorithm) != 0) {
        fixed = header_len(algorithm, version) + stamp_tag_len(algorithm);
    } else {
        return 0;
    }
    return fixed + payload_len;
}

size_t mqttguard_buffer_len(int algorithm, int version, size_t topic_len, const uint8_t *client_id,
                            size_t client_id_len, size_t payload_len) {
    size_t sealed = mqttguard_sealed_len(algorithm, version, payload_len);
    if (sealed == 0 || algorithm != MQTTGUARD_ALG_ED25519) return sealed;
    if (topic_len > MAX_MQTT_STRING || client_id_len > MAX_MQTT_STRING) return 0;
    size_t m = header_len(algorithm, version) + 2 + topic_len +
               (client_id != NULL ? 2 + client_id_len : 0);
    if (payload_len > SIZE_MAX - m) return 0;
    m += payload_len;
    return m > sealed ? m : sealed;
}

/* Validates p for a message of algorithm alg; writes the header to out; returns its length. */
static int write_header(int alg, const mqttguard_params *p, uint8_t *out, size_t *hlen) {
    int bound = p->client_id != NULL;
    if (p->version != 1 && p->version != 2) return MQTTGUARD_ERR_BAD_INPUT;
    if (p->key_id == 0 || p->topic == NULL || p->topic_len == 0 ||
        p->topic_len > MAX_MQTT_STRING) {
        return MQTTGUARD_ERR_BAD_INPUT;
    }
    if (bound && (p->client_id_len == 0 || p->client_id_len > MAX_MQTT_STRING)) {
        return MQTTGUARD_ERR_BAD_INPUT;
    }
    int has_nonce = is_aead(alg) || p->version == 2;
    if (bound && !has_nonce) return MQTTGUARD_ERR_BAD_INPUT; /* v1 stamps cannot be bound */
    out[0] = (uint8_t)p->version;
    out[1] = (uint8_t)alg;
    out[2] = bound ? MQTTGUARD_FLAG_BOUND : 0;
    put_u32(out + 3, p->key_id);
    put_u64(out + 7, (uint64_t)p->timestamp);
    *hlen = MQTTGUARD_STAMP_V1_HEADER_LEN;
    if (has_nonce) {
        if (p->f_rng == NULL) return MQTTGUARD_ERR_BAD_INPUT;
        if (p->f_rng(p->p_rng, out + 15, MQTTGUARD_NONCE_LEN) != 0) {
            zeroize(out, MQTTGUARD_ENVELOPE_HEADER_LEN);
            return MQTTGUARD_ERR_RNG;
        }
        *hlen = MQTTGUARD_ENVELOPE_HEADER_LEN;
    }
    return MQTTGUARD_OK;
}

/* Common checks of every seal/stamp call; on success out has the header. */
static int begin(int alg, const mqttguard_params *p, const uint8_t *payload, size_t payload_len,
                 uint8_t *out, size_t out_size, size_t *out_len, size_t *hlen) {
    if (p == NULL || out == NULL || out_len == NULL || (payload == NULL && payload_len != 0)) {
        return MQTTGUARD_ERR_BAD_INPUT;
    }
    *out_len = 0;
    size_t need = mqttguard_buffer_len(alg, p->version, p->topic_len, p->client_id,
                                       p->client_id_len, payload_len);
    if (need == 0) return MQTTGUARD_ERR_BAD_INPUT;
    if (out_size < need) return MQTTGUARD_ERR_BUFFER_TOO_SMALL;
    return write_header(alg, p, out, hlen);
}

/* ---------------------------------------------------------------- envelopes */

static int chachapoly_absorb_aad(void *ctx, const uint8_t *data, size_t len) {
    return mbedtls_chachapoly_update_aad(ctx, data, len) == 0 ? 0 : MQTTGUARD_ERR_CRYPTO;
}

/* AEAD over in (encrypt: plaintext; decrypt: ciphertext) into out, tag to/from tag. */
static int aead(int alg, int encrypt, const uint8_t key[32], const uint8_t *header,
                const uint8_t *topic, size_t topic_len, const uint8_t *client, size_t client_len,
                const uint8_t *in, size_t len, uint8_t *out, uint8_t tag[16]) {
    int rc;
    if (alg == MQTTGUARD_ALG_AES_256_GCM) {
        gcm_ctx g;
        uint8_t computed[16];
        rc = gcm_start(&g, key, header + 15);
        if (rc == 0) {
            rc = absorb_binding(gcm_absorb_aad, &g, header, MQTTGUARD_ENVELOPE_HEADER_LEN, topic,
                                topic_len, client, client_len);
        }
        if (rc == 0 && encrypt) {
            rc = gcm_ctr(&g, in, len, out);
            if (rc == 0) rc = gcm_tag(&g, out, len, tag);
        } else if (rc == 0) {
            rc = gcm_tag(&g, in, len, computed); /* authenticate before decrypting anything */
            if (rc == 0 && !ct_equal(computed, tag, 16)) rc = MQTTGUARD_ERR_AUTHENTICATION_FAILED;
            if (rc == 0) rc = gcm_ctr(&g, in, len, out);
        }
        zeroize(computed, sizeof computed);
        gcm_free(&g);
        return rc;
    }
    mbedtls_chachapoly_context c;
    uint8_t computed[16];
    mbedtls_chachapoly_init(&c);
    rc = mbedtls_chachapoly_setkey(&c, key) == 0 ? 0 : MQTTGUARD_ERR_CRYPTO;
    if (rc == 0) {
        rc = mbedtls_chachapoly_starts(&c, header + 15,
                                       encrypt ? MBEDTLS_CHACHAPOLY_ENCRYPT
                                               : MBEDTLS_CHACHAPOLY_DECRYPT) == 0
                 ? 0
                 : MQTTGUARD_ERR_CRYPTO;
    }
    if (rc == 0) {
        rc = absorb_binding(chachapoly_absorb_aad, &c, header, MQTTGUARD_ENVELOPE_HEADER_LEN,
                            topic, topic_len, client, client_len);
    }
    if (rc == 0 && mbedtls_chachapoly_update(&c, len, in, out) != 0) rc = MQTTGUARD_ERR_CRYPTO;
    if (rc == 0 && mbedtls_chachapoly_finish(&c, encrypt ? tag : computed) != 0) {
        rc = MQTTGUARD_ERR_CRYPTO;
    }
    if (rc == 0 && !encrypt && !ct_equal(computed, tag, 16)) {
        rc = MQTTGUARD_ERR_AUTHENTICATION_FAILED;
    }
    if (rc != 0 && !encrypt && len != 0) zeroize(out, len); /* no unauthenticated plaintext */
    zeroize(computed, sizeof computed);
    mbedtls_chachapoly_free(&c);
    return rc;
}

int mqttguard_seal(int algorithm, const uint8_t key[MQTTGUARD_KEY_LEN], const mqttguard_params *p,
                   const uint8_t *plaintext, size_t plaintext_len, uint8_t *out, size_t out_size,
                   size_t *out_len) {
    size_t hlen;
    if (!is_aead(algorithm) || key == NULL) return MQTTGUARD_ERR_BAD_INPUT;
    int rc = begin(algorithm, p, plaintext, plaintext_len, out, out_size, out_len, &hlen);
    if (rc != 0) return rc;
    rc = aead(algorithm, 1, key, out, p->topic, p->topic_len, p->client_id, p->client_id_len,
              plaintext, plaintext_len, out + hlen, out + hlen + plaintext_len);
    if (rc != 0) {
        zeroize(out, hlen + plaintext_len + MQTTGUARD_AEAD_TAG_LEN);
        return rc;
    }
    *out_len = hlen + plaintext_len + MQTTGUARD_AEAD_TAG_LEN;
    return MQTTGUARD_OK;
}

/* ---------------------------------------------------------------- stamps */

/* MAC or digest of M = header || lp(topic) || [lp(client)] || payload. */
static int stamp_hmac_tag(const uint8_t *key, size_t key_len, const uint8_t *header, size_t hlen,
                          const uint8_t *topic, size_t topic_len, const uint8_t *client,
                          size_t client_len, const uint8_t *payload, size_t payload_len,
                          uint8_t tag[32]) {
    hmac_ctx h;
    int rc = hmac_start(&h, key, key_len);
    if (rc != 0) return rc;
    rc = absorb_binding(hmac_absorb, &h, header, hlen, topic, topic_len, client, client_len);
    if (rc == 0) rc = hmac_absorb(&h, payload, payload_len);
    return hmac_finish(&h, rc, tag);
}

static int sha256_absorb(void *ctx, const uint8_t *data, size_t len) {
    return SHA256_UPDATE(ctx, data, len) == 0 ? 0 : MQTTGUARD_ERR_CRYPTO;
}

static int stamp_digest(const uint8_t *header, size_t hlen, const uint8_t *topic, size_t topic_len,
                        const uint8_t *client, size_t client_len, const uint8_t *payload,
                        size_t payload_len, uint8_t digest[32]) {
    mbedtls_sha256_context s;
    mbedtls_sha256_init(&s);
    int rc = SHA256_STARTS(&s, 0) == 0 ? 0 : MQTTGUARD_ERR_CRYPTO;
    if (rc == 0) {
        rc = absorb_binding(sha256_absorb, &s, header, hlen, topic, topic_len, client, client_len);
    }
    if (rc == 0) rc = sha256_absorb(&s, payload, payload_len);
    if (rc == 0 && SHA256_FINISH(&s, digest) != 0) rc = MQTTGUARD_ERR_CRYPTO;
    mbedtls_sha256_free(&s);
    return rc;
}

/* Copies the payload behind the tag and sets *out_len. */
static int finish_stamp(uint8_t *out, size_t hlen, size_t tag_len, const uint8_t *payload,
                        size_t payload_len, size_t *out_len) {
    if (payload_len != 0) memcpy(out + hlen + tag_len, payload, payload_len);
    *out_len = hlen + tag_len + payload_len;
    return MQTTGUARD_OK;
}

int mqttguard_stamp_hmac(const uint8_t *key, size_t key_len, const mqttguard_params *p,
                         const uint8_t *payload, size_t payload_len, uint8_t *out, size_t out_size,
                         size_t *out_len) {
    size_t hlen;
    if (key == NULL || key_len < 32 || key_len > MQTTGUARD_HMAC_KEY_MAX) {
        return MQTTGUARD_ERR_BAD_INPUT;
    }
    int rc = begin(MQTTGUARD_ALG_HMAC_SHA256, p, payload, payload_len, out, out_size, out_len,
                   &hlen);
    if (rc != 0) return rc;
    rc = stamp_hmac_tag(key, key_len, out, hlen, p->topic, p->topic_len, p->client_id,
                        p->client_id_len, payload, payload_len, out + hlen);
    if (rc != 0) {
        zeroize(out, hlen + 32);
        return rc;
    }
    return finish_stamp(out, hlen, 32, payload, payload_len, out_len);
}

static int sign_digest(mbedtls_ecp_group *grp, mbedtls_mpi *r, mbedtls_mpi *s,
                       const mbedtls_mpi *d, const uint8_t digest[32], const mqttguard_params *p) {
#if defined(MBEDTLS_ECDSA_DETERMINISTIC)
    return mbedtls_ecdsa_sign_det_ext(grp, r, s, d, digest, 32, MBEDTLS_MD_SHA256, p->f_rng,
                                      p->p_rng);
#else
    return mbedtls_ecdsa_sign(grp, r, s, d, digest, 32, p->f_rng, p->p_rng);
#endif
}

int mqttguard_stamp_ecdsa_p256(const uint8_t private_key[MQTTGUARD_KEY_LEN],
                               const mqttguard_params *p, const uint8_t *payload,
                               size_t payload_len, uint8_t *out, size_t out_size, size_t *out_len) {
    size_t hlen;
    uint8_t digest[32];
    mbedtls_ecp_group grp;
    mbedtls_mpi d, r, s;
    if (out_len != NULL) *out_len = 0;
    if (private_key == NULL || p == NULL || p->f_rng == NULL) return MQTTGUARD_ERR_BAD_INPUT;
    int rc = begin(MQTTGUARD_ALG_ECDSA_P256, p, payload, payload_len, out, out_size, out_len,
                   &hlen);
    if (rc != 0) return rc;
    rc = stamp_digest(out, hlen, p->topic, p->topic_len, p->client_id, p->client_id_len, payload,
                      payload_len, digest);
    mbedtls_ecp_group_init(&grp);
    mbedtls_mpi_init(&d);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    if (rc == 0 &&
        (mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1) != 0 ||
         mbedtls_mpi_read_binary(&d, private_key, MQTTGUARD_KEY_LEN) != 0 ||
         mbedtls_ecp_check_privkey(&grp, &d) != 0 ||
         sign_digest(&grp, &r, &s, &d, digest, p) != 0 ||
         mbedtls_mpi_write_binary(&r, out + hlen, 32) != 0 ||
         mbedtls_mpi_write_binary(&s, out + hlen + 32, 32) != 0)) {
        rc = MQTTGUARD_ERR_CRYPTO;
    }
    mbedtls_mpi_free(&d); /* mbedtls_mpi_free zeroizes the limbs */
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&s);
    mbedtls_ecp_group_free(&grp);
    zeroize(digest, sizeof digest);
    if (rc != 0) {
        zeroize(out, hlen + 64);
        return rc;
    }
    return finish_stamp(out, hlen, 64, payload, payload_len, out_len);
}

int mqttguard_has_ed25519(void) {
#ifdef MQTTGUARD_WITH_SODIUM
    return 1;
#else
    return 0;
#endif
}

#ifdef MQTTGUARD_WITH_SODIUM
/* Writes M = header || lp(topic) || [lp(client)] || payload to buf (header already at buf). */
static size_t build_message(uint8_t *buf, size_t hlen, const uint8_t *topic, size_t topic_len,
                            const uint8_t *client, size_t client_len, const uint8_t *payload,
                            size_t payload_len) {
    size_t n = hlen;
    put_u16(buf + n, (uint16_t)topic_len);
    memcpy(buf + n + 2, topic, topic_len);
    n += 2 + topic_len;
    if (client != NULL) {
        put_u16(buf + n, (uint16_t)client_len);
        memcpy(buf + n + 2, client, client_len);
        n += 2 + client_len;
    }
    if (payload_len != 0) memcpy(buf + n, payload, payload_len);
    return n + payload_len;
}
#endif

int mqttguard_stamp_ed25519(const uint8_t seed[MQTTGUARD_KEY_LEN], const mqttguard_params *p,
                            const uint8_t *payload, size_t payload_len, uint8_t *out,
                            size_t out_size, size_t *out_len) {
#ifdef MQTTGUARD_WITH_SODIUM
    size_t hlen;
    uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], sig[64];
    if (seed == NULL) return MQTTGUARD_ERR_BAD_INPUT;
    int rc = begin(MQTTGUARD_ALG_ED25519, p, payload, payload_len, out, out_size, out_len, &hlen);
    if (rc != 0) return rc;
    if (sodium_init() < 0) return MQTTGUARD_ERR_CRYPTO;
    size_t m_len = build_message(out, hlen, p->topic, p->topic_len, p->client_id,
                                 p->client_id_len, payload, payload_len);
    if (crypto_sign_seed_keypair(pk, sk, seed) != 0 ||
        crypto_sign_detached(sig, NULL, out, m_len, sk) != 0) {
        rc = MQTTGUARD_ERR_CRYPTO;
    }
    zeroize(sk, sizeof sk);
    zeroize(out + hlen, m_len - hlen); /* the rest of M (topic, client ID, payload copy) */
    if (rc != 0) {
        zeroize(out, hlen);
        return rc;
    }
    memcpy(out + hlen, sig, sizeof sig);
    return finish_stamp(out, hlen, 64, payload, payload_len, out_len);
#else
    (void)seed;
    (void)p;
    (void)payload;
    (void)payload_len;
    (void)out;
    (void)out_size;
    if (out_len != NULL) *out_len = 0;
    return MQTTGUARD_ERR_UNSUPPORTED;
#endif
}

/* ---------------------------------------------------------------- opening and verifying */

int mqttguard_parse_header(const uint8_t *in, size_t in_len, mqttguard_header *h) {
    if (h == NULL || (in == NULL && in_len != 0)) return MQTTGUARD_ERR_BAD_INPUT;
    memset(h, 0, sizeof *h);
    if (in_len == 0 || in[0] == 0 || in[0] > 0x0F) return MQTTGUARD_ERR_UNPROTECTED;
    if (in[0] > 2) return MQTTGUARD_ERR_UNKNOWN_VERSION;
    if (in_len < 2) return MQTTGUARD_ERR_TRUNCATED;
    int version = in[0], alg = in[1];
    size_t tag_len = is_aead(alg) ? MQTTGUARD_AEAD_TAG_LEN : stamp_tag_len(alg);
    size_t hlen = header_len(alg, version);
    if (tag_len == 0) return MQTTGUARD_ERR_UNKNOWN_ALGORITHM;
    if (in_len < hlen) return MQTTGUARD_ERR_TRUNCATED;
    int allowed_flags = hlen == MQTTGUARD_ENVELOPE_HEADER_LEN ? MQTTGUARD_FLAG_BOUND : 0;
    if ((in[2] & ~allowed_flags) != 0) return MQTTGUARD_ERR_MALFORMED_HEADER;
    if (in_len < hlen + tag_len) return MQTTGUARD_ERR_TRUNCATED;
    h->version = version;
    h->algorithm = alg;
    h->bound = in[2] & MQTTGUARD_FLAG_BOUND;
    h->key_id = get_u32(in + 3);
    h->timestamp = (int64_t)get_u64(in + 7);
    h->nonce = hlen == MQTTGUARD_ENVELOPE_HEADER_LEN ? in + 15 : NULL;
    h->header_len = hlen;
    h->tag_len = tag_len;
    return MQTTGUARD_OK;
}

/* Parses in as a message of the wanted kind (expected_alg, or 0 for any AEAD). */
static int parse_as(const uint8_t *in, size_t in_len, int expected_alg, const uint8_t *topic,
                    size_t topic_len, mqttguard_header *h) {
    int rc = mqttguard_parse_header(in, in_len, h);
    if (rc != 0) return rc;
    if (expected_alg == 0 ? !is_aead(h->algorithm) : h->algorithm != expected_alg) {
        return MQTTGUARD_ERR_UNKNOWN_ALGORITHM;
    }
    if (topic == NULL || topic_len == 0 || topic_len > MAX_MQTT_STRING) {
        return MQTTGUARD_ERR_BAD_INPUT;
    }
    return MQTTGUARD_OK;
}

/* The client ID a bound message is checked against; NULL for unbound ones. */
static const uint8_t *binding(const mqttguard_header *h, const uint8_t *client_id,
                              size_t *client_id_len, const uint8_t *none) {
    if (!h->bound) {
        *client_id_len = 0;
        return NULL;
    }
    if (client_id == NULL || *client_id_len > MAX_MQTT_STRING) {
        *client_id_len = 0;
        return none; /* bound but no client: authenticate against an empty string; fails */
    }
    return client_id;
}

int mqttguard_open(const uint8_t key[MQTTGUARD_KEY_LEN], const uint8_t *in, size_t in_len,
                   const uint8_t *topic, size_t topic_len, const uint8_t *client_id,
                   size_t client_id_len, uint8_t *out, size_t out_size, size_t *out_len) {
    mqttguard_header h;
    uint8_t tag[16];
    static const uint8_t none[1] = {0};
    if (key == NULL || out_len == NULL || (out == NULL && out_size != 0)) {
        return MQTTGUARD_ERR_BAD_INPUT;
    }
    *out_len = 0;
    int rc = parse_as(in, in_len, 0, topic, topic_len, &h);
    if (rc != 0) return rc;
    size_t n = in_len - MQTTGUARD_ENVELOPE_HEADER_LEN - MQTTGUARD_AEAD_TAG_LEN;
    if (out_size < n) return MQTTGUARD_ERR_BUFFER_TOO_SMALL;
    const uint8_t *client = binding(&h, client_id, &client_id_len, none);
    memcpy(tag, in + in_len - 16, 16);
    rc = aead(h.algorithm, 0, key, in, topic, topic_len, client, client_id_len,
              in + MQTTGUARD_ENVELOPE_HEADER_LEN, n, out, tag);
    if (rc != 0) return rc;
    *out_len = n;
    return MQTTGUARD_OK;
}

int mqttguard_verify_hmac(const uint8_t *key, size_t key_len, const uint8_t *in, size_t in_len,
                          const uint8_t *topic, size_t topic_len, const uint8_t *client_id,
                          size_t client_id_len) {
    mqttguard_header h;
    uint8_t tag[32];
    static const uint8_t none[1] = {0};
    if (key == NULL || key_len < 32 || key_len > MQTTGUARD_HMAC_KEY_MAX) {
        return MQTTGUARD_ERR_BAD_INPUT;
    }
    int rc = parse_as(in, in_len, MQTTGUARD_ALG_HMAC_SHA256, topic, topic_len, &h);
    if (rc != 0) return rc;
    const uint8_t *client = binding(&h, client_id, &client_id_len, none);
    size_t off = h.header_len + 32;
    rc = stamp_hmac_tag(key, key_len, in, h.header_len, topic, topic_len, client, client_id_len,
                        in + off, in_len - off, tag);
    if (rc == 0 && !ct_equal(tag, in + h.header_len, 32)) rc = MQTTGUARD_ERR_HMAC_INVALID;
    zeroize(tag, sizeof tag);
    return rc;
}

int mqttguard_verify_ecdsa_p256(const uint8_t public_key[MQTTGUARD_P256_PUBLIC_LEN],
                                const uint8_t *in, size_t in_len, const uint8_t *topic,
                                size_t topic_len, const uint8_t *client_id, size_t client_id_len) {
    mqttguard_header h;
    uint8_t digest[32];
    static const uint8_t none[1] = {0};
    mbedtls_ecp_group grp;
    mbedtls_ecp_point q;
    mbedtls_mpi r, s;
    if (public_key == NULL) return MQTTGUARD_ERR_BAD_INPUT;
    int rc = parse_as(in, in_len, MQTTGUARD_ALG_ECDSA_P256, topic, topic_len, &h);
    if (rc != 0) return rc;
    const uint8_t *client = binding(&h, client_id, &client_id_len, none);
    size_t off = h.header_len + 64;
    rc = stamp_digest(in, h.header_len, topic, topic_len, client, client_id_len, in + off,
                      in_len - off, digest);
    if (rc != 0) return rc;
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&q);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    if (mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1) != 0 ||
        mbedtls_ecp_point_read_binary(&grp, &q, public_key, MQTTGUARD_P256_PUBLIC_LEN) != 0 ||
        mbedtls_ecp_check_pubkey(&grp, &q) != 0) {
        rc = MQTTGUARD_ERR_BAD_INPUT;
    } else if (mbedtls_mpi_read_binary(&r, in + h.header_len, 32) != 0 ||
               mbedtls_mpi_read_binary(&s, in + h.header_len + 32, 32) != 0 ||
               mbedtls_ecdsa_verify(&grp, digest, sizeof digest, &q, &r, &s) != 0) {
        rc = MQTTGUARD_ERR_SIGNATURE_INVALID;
    }
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&s);
    mbedtls_ecp_point_free(&q);
    mbedtls_ecp_group_free(&grp);
    return rc;
}

int mqttguard_verify_ed25519(const uint8_t public_key[MQTTGUARD_ED25519_PUBLIC_LEN],
                             const uint8_t *in, size_t in_len, const uint8_t *topic,
                             size_t topic_len, const uint8_t *client_id, size_t client_id_len,
                             uint8_t *scratch, size_t scratch_size) {
#ifdef MQTTGUARD_WITH_SODIUM
    mqttguard_header h;
    static const uint8_t none[1] = {0};
    if (public_key == NULL || scratch == NULL) return MQTTGUARD_ERR_BAD_INPUT;
    int rc = parse_as(in, in_len, MQTTGUARD_ALG_ED25519, topic, topic_len, &h);
    if (rc != 0) return rc;
    const uint8_t *client = binding(&h, client_id, &client_id_len, none);
    size_t off = h.header_len + 64;
    size_t need = h.header_len + 2 + topic_len + (client != NULL ? 2 + client_id_len : 0);
    if (in_len - off > SIZE_MAX - need) return MQTTGUARD_ERR_BAD_INPUT;
    if (scratch_size < need + (in_len - off)) return MQTTGUARD_ERR_BUFFER_TOO_SMALL;
    if (sodium_init() < 0) return MQTTGUARD_ERR_CRYPTO;
    memcpy(scratch, in, h.header_len);
    size_t m_len = build_message(scratch, h.header_len, topic, topic_len, client, client_id_len,
                                 in + off, in_len - off);
    if (crypto_sign_verify_detached(in + h.header_len, scratch, m_len, public_key) != 0) {
        rc = MQTTGUARD_ERR_SIGNATURE_INVALID;
    }
    return rc;
#else
    (void)public_key;
    (void)in;
    (void)in_len;
    (void)topic;
    (void)topic_len;
    (void)client_id;
    (void)client_id_len;
    (void)scratch;
    (void)scratch_size;
    return MQTTGUARD_ERR_UNSUPPORTED;
#endif
}

const char *mqttguard_strerror(int status) {
    switch (status) {
    case MQTTGUARD_OK: return "OK";
    case MQTTGUARD_ERR_BAD_INPUT: return "BAD_INPUT";
    case MQTTGUARD_ERR_BUFFER_TOO_SMALL: return "BUFFER_TOO_SMALL";
    case MQTTGUARD_ERR_RNG: return "RNG_FAILED";
    case MQTTGUARD_ERR_CRYPTO: return "CRYPTO_FAILED";
    case MQTTGUARD_ERR_UNSUPPORTED: return "UNSUPPORTED";
    case MQTTGUARD_ERR_UNPROTECTED: return "UNPROTECTED";
    case MQTTGUARD_ERR_UNKNOWN_VERSION: return "UNKNOWN_VERSION";
    case MQTTGUARD_ERR_TRUNCATED: return "TRUNCATED";
    case MQTTGUARD_ERR_UNKNOWN_ALGORITHM: return "UNKNOWN_ALGORITHM";
    case MQTTGUARD_ERR_MALFORMED_HEADER: return "MALFORMED_HEADER";
    case MQTTGUARD_ERR_AUTHENTICATION_FAILED: return "AUTHENTICATION_FAILED";
    case MQTTGUARD_ERR_HMAC_INVALID: return "HMAC_INVALID";
    case MQTTGUARD_ERR_SIGNATURE_INVALID: return "SIGNATURE_INVALID";
    default: return "UNKNOWN_STATUS";
    }
}
