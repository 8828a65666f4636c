/*
 * Proves the "no heap" contract: linked statically against mbedTLS (and libsodium) with
 * -Wl,--wrap=malloc,calloc,realloc,free, so every allocation by this library, mbedTLS or
 * libsodium is counted. Seal, stamp, derive, open and verify must allocate nothing; ECDSA is the
 * documented exception (mbedTLS bignums) and must at least free all it allocates.
 * Built without sanitizers (they replace the allocator); the ASan/UBSan run is test_seal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>

#include "mqttguard_seal.h"

#ifdef MQTTGUARD_WITH_SODIUM
#include <sodium.h>
#endif

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static long allocs, frees;
void *__wrap_malloc(size_t n) { allocs++; return __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { allocs++; return __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { allocs++; return __real_realloc(p, n); }
void __wrap_free(void *p) {
    if (p != NULL) frees++;
    __real_free(p);
}

static int failures;

static int counter_rng(void *ctx, unsigned char *out, size_t len) {
    unsigned *c = ctx;
    for (size_t i = 0; i < len; i++) out[i] = (unsigned char)(++*c * 97u);
    return 0;
}

static void expect(const char *what, int rc, long max_allocs) {
    long a = allocs, f = frees;
    allocs = frees = 0;
    if (rc != 0 || a > max_allocs || a != f) {
        failures++;
        fprintf(stderr, "FAIL %s: rc %d, %ld allocations, %ld frees (allowed %ld)\n", what, rc, a,
                f, max_allocs);
    } else {
        printf("ok   %-34s %ld allocations\n", what, a);
    }
}

int main(void) {
    static const uint8_t key[32] = {1, 2, 3}, scalar[32] = {9, 9, 9};
    static const uint8_t topic[] = "sensors/a/data", client[] = "dev-1", msg[] = "21.5";
    uint8_t out[256], plain[64], derived[32];
    size_t n, pn;
    unsigned c = 0;
    mqttguard_params p = {2, 7, 1795428000, topic, sizeof topic - 1, client, sizeof client - 1,
                          counter_rng, &c};
    /* The counter sees mbedTLS's allocations: mbedtls_hkdf allocates its md context. */
    mbedtls_hkdf(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), NULL, 0, key, 32, NULL, 0, derived,
                 32);
    if (allocs == 0) {
        fprintf(stderr, "FAIL the allocation counter does not see mbedTLS\n");
        return 1;
    }
    allocs = frees = 0;
    expect("derive_topic_key", mqttguard_derive_topic_key(key, 32, 7, topic, 14, derived), 0);
    expect("seal AES-256-GCM v2 bound",
           mqttguard_seal(MQTTGUARD_ALG_AES_256_GCM, key, &p, msg, 4, out, sizeof out, &n), 0);
    expect("open AES-256-GCM",
           mqttguard_open(key, out, n, topic, 14, client, 5, plain, sizeof plain, &pn), 0);
    expect("seal CHACHA20-POLY1305 v2 bound",
           mqttguard_seal(MQTTGUARD_ALG_CHACHA20_POLY1305, key, &p, msg, 4, out, sizeof out, &n), 0);
    expect("open CHACHA20-POLY1305",
           mqttguard_open(key, out, n, topic, 14, client, 5, plain, sizeof plain, &pn), 0);
    expect("stamp HMAC-SHA256 v2 bound",
           mqttguard_stamp_hmac(key, 32, &p, msg, 4, out, sizeof out, &n), 0);
    expect("verify HMAC-SHA256", mqttguard_verify_hmac(key, 32, out, n, topic, 14, client, 5), 0);
#ifdef MQTTGUARD_WITH_SODIUM
    {
        static const uint8_t seed[32] = {5};
        uint8_t edpub[32];
        size_t need = mqttguard_buffer_len(MQTTGUARD_ALG_ED25519, 2, 14, client, 5, 4);
        expect("stamp ED25519 v2 bound",
               mqttguard_stamp_ed25519(seed, &p, msg, 4, out, need, &n), 0);
        uint8_t sk[64];
        crypto_sign_seed_keypair(edpub, sk, seed); /* the seed's public key */
        allocs = frees = 0;
        expect("verify ED25519", mqttguard_verify_ed25519(edpub, out, n, topic, 14, client, 5,
                                                          plain, sizeof plain), 0);
    }
#endif
    expect("stamp ECDSA-P256 v2 bound (mbedTLS bignums)",
           mqttguard_stamp_ecdsa_p256(scalar, &p, msg, 4, out, sizeof out, &n), 100000);
    printf("test_heap: %d failed\n", failures);
    return failures == 0 ? 0 : 1;
}
