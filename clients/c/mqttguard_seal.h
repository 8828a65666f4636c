/*
 * MQTT Guard payload sealing for devices (C99 on mbedTLS 2.28, optional libsodium for Ed25519;
 * the SHA-256 calls switch to the mbedTLS 3.x names by MBEDTLS_VERSION_MAJOR, untested on 3.x).
 *
 * Writes the envelope (AES-256-GCM, ChaCha20-Poly1305) and stamp (HMAC-SHA256, ECDSA P-256,
 * Ed25519 with MQTTGUARD_WITH_SODIUM) of docs/payload-envelope.md, wire format versions 1 and 2,
 * and opens/verifies them (for tests and gateways).
 *
 * Contract for every function:
 *  - No heap allocation by this library. The caller provides every output buffer and its size;
 *    a buffer that is too small gives MQTTGUARD_ERR_BUFFER_TOO_SMALL and nothing else happens.
 *    mbedTLS itself allocates only in the ECDSA functions (its bignums use mbedtls_calloc; on a
 *    microcontroller route that to MBEDTLS_MEMORY_BUFFER_ALLOC_C). AES-GCM, ChaCha20-Poly1305,
 *    HMAC and HKDF here use only stack contexts (AES-GCM is built on mbedtls_aes because
 *    mbedtls_gcm_setkey allocates its cipher context).
 *  - Input and output buffers must not overlap.
 *  - The caller provides the time (seconds since the epoch) and a random generator in the
 *    mbedTLS f_rng style (e.g. mbedtls_ctr_drbg_random); it is used for the 12-byte nonce.
 *  - Keys and intermediates are zeroized (mbedtls_platform_zeroize) before returning.
 *  - Topic and client ID are the UTF-8 bytes exactly as published (no terminator needed),
 *    at most 65535 bytes; the library does not check MQTT topic syntax (the caller does).
 *  - Functions are reentrant; they keep no state.
 */
#ifndef MQTTGUARD_SEAL_H
#define MQTTGUARD_SEAL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Algorithm bytes (offset 1). */
#define MQTTGUARD_ALG_AES_256_GCM 0x01
#define MQTTGUARD_ALG_CHACHA20_POLY1305 0x02
#define MQTTGUARD_ALG_HMAC_SHA256 0x10
#define MQTTGUARD_ALG_ED25519 0x20
#define MQTTGUARD_ALG_ECDSA_P256 0x21

#define MQTTGUARD_FLAG_BOUND 0x01
#define MQTTGUARD_KEY_LEN 32        /* AEAD keys, derived topic keys, Ed25519 seed, P-256 scalar */
#define MQTTGUARD_HMAC_KEY_MAX 64   /* HMAC keys are 32..64 bytes */
#define MQTTGUARD_NONCE_LEN 12
#define MQTTGUARD_AEAD_TAG_LEN 16
#define MQTTGUARD_ENVELOPE_HEADER_LEN 27
#define MQTTGUARD_STAMP_V1_HEADER_LEN 15
#define MQTTGUARD_STAMP_V2_HEADER_LEN 27
#define MQTTGUARD_P256_PUBLIC_LEN 65 /* uncompressed point 04 || X || Y */
#define MQTTGUARD_ED25519_PUBLIC_LEN 32
/* The largest MQTT payload (a PUBLISH is at most 268435455 bytes); longer inputs are refused,
 * which also keeps AES-GCM far below its 2^32-block counter limit. */
#define MQTTGUARD_MAX_PAYLOAD 268435455u

/* Status codes: 0 = OK, negative = error. The open/verify codes name the broker's RefusalReason. */
#define MQTTGUARD_OK 0
#define MQTTGUARD_ERR_BAD_INPUT (-1)         /* NULL pointer, bad version/algorithm, key ID 0, length */
#define MQTTGUARD_ERR_BUFFER_TOO_SMALL (-2)  /* out_size < mqttguard_buffer_len(...) */
#define MQTTGUARD_ERR_RNG (-3)               /* the random generator failed */
#define MQTTGUARD_ERR_CRYPTO (-4)            /* mbedTLS / libsodium failed (e.g. invalid key) */
#define MQTTGUARD_ERR_UNSUPPORTED (-5)       /* Ed25519 without MQTTGUARD_WITH_SODIUM */
#define MQTTGUARD_ERR_UNPROTECTED (-10)      /* empty, or first byte not 0x01..0x0F */
#define MQTTGUARD_ERR_UNKNOWN_VERSION (-11)  /* first byte 0x03..0x0F */
#define MQTTGUARD_ERR_TRUNCATED (-12)        /* shorter than the version's minimum */
#define MQTTGUARD_ERR_UNKNOWN_ALGORITHM (-13)
#define MQTTGUARD_ERR_MALFORMED_HEADER (-14) /* reserved flag bits, or a bound v1 stamp */
#define MQTTGUARD_ERR_AUTHENTICATION_FAILED (-15) /* envelope tag */
#define MQTTGUARD_ERR_HMAC_INVALID (-16)
#define MQTTGUARD_ERR_SIGNATURE_INVALID (-17)

/** mbedTLS-style random generator: fill out[0..len) and return 0, or non-zero on failure. */
typedef int (*mqttguard_rng_fn)(void *ctx, unsigned char *out, size_t len);

/** What every seal/stamp call binds the message to. */
typedef struct {
    int version;              /* 1 (legacy) or 2 (current) */
    uint32_t key_id;          /* never 0 */
    int64_t timestamp;        /* seconds since the epoch, from the device clock */
    const uint8_t *topic;     /* UTF-8 topic name as published, 1..65535 bytes */
    size_t topic_len;
    const uint8_t *client_id; /* NULL: not bound; else bound (envelopes, v2 stamps only) */
    size_t client_id_len;     /* 1..65535 when client_id != NULL */
    mqttguard_rng_fn f_rng;   /* for the nonce; may be NULL only for v1 stamps */
    void *p_rng;
} mqttguard_params;

/** A parsed header (mqttguard_parse_header). */
typedef struct {
    int version;
    int algorithm;
    int bound;
    uint32_t key_id;
    int64_t timestamp;
    const uint8_t *nonce;     /* into the input; NULL for v1 stamps */
    size_t header_len;        /* 27 (envelope, v2 stamp) or 15 (v1 stamp) */
    size_t tag_len;           /* 16, 32 or 64 */
} mqttguard_header;

/**
 * Length of the sealed output for a payload of payload_len bytes; 0 if the algorithm or version
 * is invalid or payload_len > MQTTGUARD_MAX_PAYLOAD.
 */
size_t mqttguard_sealed_len(int algorithm, int version, size_t payload_len);

/**
 * Size of the output buffer the seal/stamp function needs: mqttguard_sealed_len, except for
 * Ed25519, which builds the signed message in the buffer first (libsodium signs contiguous bytes):
 * max(sealed_len, header + 2 + topic_len [+ 2 + client_id_len] + payload_len). 0 if invalid.
 */
size_t mqttguard_buffer_len(int algorithm, int version, size_t topic_len, const uint8_t *client_id,
                            size_t client_id_len, size_t payload_len);

/**
 * key(topic) = HKDF-SHA256(master, salt empty, "mqtt-guard/v1 topic-key" 0x00 u32be(key_id) topic, 32)
 * (spec section 4). master_len 1..64. Writes 32 bytes to out.
 */
int mqttguard_derive_topic_key(const uint8_t *master, size_t master_len, uint32_t key_id,
                               const uint8_t *topic, size_t topic_len,
                               uint8_t out[MQTTGUARD_KEY_LEN]);

/**
 * Envelope: header || AEAD(key, nonce, plaintext, AAD) || tag. algorithm is
 * MQTTGUARD_ALG_AES_256_GCM or MQTTGUARD_ALG_CHACHA20_POLY1305; key is 32 bytes (already derived
 * for derive=topic keys). On success *out_len = mqttguard_sealed_len(...).
 */
int mqttguard_seal(int algorithm, const uint8_t key[MQTTGUARD_KEY_LEN], const mqttguard_params *p,
                   const uint8_t *plaintext, size_t plaintext_len, uint8_t *out, size_t out_size,
                   size_t *out_len);

/** HMAC-SHA256 stamp (v1: no nonce, cannot be bound; v2: nonce, optional binding). key 32..64 bytes. */
int mqttguard_stamp_hmac(const uint8_t *key, size_t key_len, const mqttguard_params *p,
                         const uint8_t *payload, size_t payload_len, uint8_t *out, size_t out_size,
                         size_t *out_len);

/**
 * ECDSA P-256 / SHA-256 stamp, signature r || s (64 bytes). private_key is the 32-byte big-endian
 * scalar. Signs deterministically (RFC 6979, mbedtls_ecdsa_sign_det_ext with f_rng for blinding)
 * where mbedTLS has MBEDTLS_ECDSA_DETERMINISTIC, else with a random k from f_rng.
 */
int mqttguard_stamp_ecdsa_p256(const uint8_t private_key[MQTTGUARD_KEY_LEN],
                               const mqttguard_params *p, const uint8_t *payload,
                               size_t payload_len, uint8_t *out, size_t out_size, size_t *out_len);

/**
 * Ed25519 stamp (RFC 8032 pure) from the 32-byte seed. Needs MQTTGUARD_WITH_SODIUM, else
 * MQTTGUARD_ERR_UNSUPPORTED. out_size must be >= mqttguard_buffer_len(MQTTGUARD_ALG_ED25519, ...).
 */
int mqttguard_stamp_ed25519(const uint8_t seed[MQTTGUARD_KEY_LEN], const mqttguard_params *p,
                            const uint8_t *payload, size_t payload_len, uint8_t *out,
                            size_t out_size, size_t *out_len);

/** 1 if Ed25519 is compiled in (MQTTGUARD_WITH_SODIUM), else 0. */
int mqttguard_has_ed25519(void);

/**
 * Structure checks in the broker's order: UNPROTECTED, UNKNOWN_VERSION, TRUNCATED,
 * UNKNOWN_ALGORITHM, MALFORMED_HEADER. Does not look at keys, time or replays.
 */
int mqttguard_parse_header(const uint8_t *in, size_t in_len, mqttguard_header *h);

/**
 * Opens an envelope with the 32-byte key: plaintext to out (in_len - 43 bytes). Checks the header
 * first (mqttguard_parse_header, must be an envelope), then the tag with AAD from topic and
 * client_id (client_id is used only if the envelope is bound; NULL then fails). On any failure
 * nothing of the plaintext is left in out. Not checked here: key ID, time window, replays.
 */
int mqttguard_open(const uint8_t key[MQTTGUARD_KEY_LEN], const uint8_t *in, size_t in_len,
                   const uint8_t *topic, size_t topic_len, const uint8_t *client_id,
                   size_t client_id_len, uint8_t *out, size_t out_size, size_t *out_len);

/** Verifies an HMAC-SHA256 stamp (constant time); MQTTGUARD_OK or a structure code / HMAC_INVALID. */
int mqttguard_verify_hmac(const uint8_t *key, size_t key_len, const uint8_t *in, size_t in_len,
                          const uint8_t *topic, size_t topic_len, const uint8_t *client_id,
                          size_t client_id_len);

/** Verifies an ECDSA P-256 stamp with the public point 04||X||Y; OK or SIGNATURE_INVALID etc. */
int mqttguard_verify_ecdsa_p256(const uint8_t public_key[MQTTGUARD_P256_PUBLIC_LEN],
                                const uint8_t *in, size_t in_len, const uint8_t *topic,
                                size_t topic_len, const uint8_t *client_id, size_t client_id_len);

/**
 * Verifies an Ed25519 stamp with the 32-byte public key. scratch receives the signed message
 * (scratch_size >= header + 2 + topic_len [+ 2 + client_id_len] + payload length).
 */
int mqttguard_verify_ed25519(const uint8_t public_key[MQTTGUARD_ED25519_PUBLIC_LEN],
                             const uint8_t *in, size_t in_len, const uint8_t *topic,
                             size_t topic_len, const uint8_t *client_id, size_t client_id_len,
                             uint8_t *scratch, size_t scratch_size);

/** A short constant English name of a status code ("BUFFER_TOO_SMALL", "HMAC_INVALID", ...). */
const char *mqttguard_strerror(int status);

#ifdef __cplusplus
}
#endif

#endif /* MQTTGUARD_SEAL_H */
