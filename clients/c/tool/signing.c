#include "signing.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>
#include <mbedtls/version.h>

#include "mqttguard_seal.h"
#include "util.h"

#define BEGIN "-----BEGIN PRIVATE KEY-----"
#define END "-----END PRIVATE KEY-----"

/* PKCS#8 v1 (RFC 8410) prefix of an Ed25519 private key: SEQ, version 0, OID 1.3.101.112, seed. */
static const uint8_t ED25519_PKCS8[16] = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
                                          0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};

/* The DER between the PEM markers (whitespace removed, strict base64). */
static uint8_t *pem_der(const char *file, const char *text, size_t len, size_t *der_len) {
    const char *begin = strstr(text, BEGIN);
    const char *end = begin != NULL ? strstr(begin, END) : NULL;
    if (strlen(text) != len || begin == NULL || end == NULL) {
        die(EXIT_USAGE, "%s: expected a PKCS#8 PEM private key (BEGIN PRIVATE KEY)", file);
    }
    begin += strlen(BEGIN);
    char *b64 = xcalloc(1, (size_t)(end - begin) + 1);
    size_t n = 0;
    for (const char *c = begin; c < end; c++) {
        if (*c != '\n' && *c != '\r' && *c != ' ' && *c != '\t') b64[n++] = *c;
    }
    uint8_t *der = xcalloc(1, n);
    *der_len = base64_decode(b64, n, der, n);
    wipe(b64, n);
    free(b64);
    if (*der_len == (size_t)-1) die(EXIT_USAGE, "%s: the PEM body is not valid base64", file);
    return der;
}

static int ec_p256_scalar(const uint8_t *der, size_t der_len, uint8_t secret[32], int *other_curve) {
    mbedtls_pk_context pk;
    int ok = 0;
    mbedtls_pk_init(&pk);
#if MBEDTLS_VERSION_MAJOR >= 3
    int rc = mbedtls_pk_parse_key(&pk, der, der_len, NULL, 0, NULL, NULL);
#else
    int rc = mbedtls_pk_parse_key(&pk, der, der_len, NULL, 0);
#endif
    if (rc == 0 && mbedtls_pk_get_type(&pk) == MBEDTLS_PK_ECKEY) {
        const mbedtls_ecp_keypair *ec = mbedtls_pk_ec(pk);
        *other_curve = ec->grp.id != MBEDTLS_ECP_DP_SECP256R1;
        ok = !*other_curve && mbedtls_mpi_write_binary(&ec->d, secret, 32) == 0;
    }
    mbedtls_pk_free(&pk); /* frees and zeroizes the key */
    return ok;
}

void signing_read_private(const char *file, int *algorithm, uint8_t secret[32]) {
    size_t len, der_len;
    unsigned char *text = read_file(file, &len);
    if (text == NULL) die(EXIT_USAGE, "cannot read --sign %s: %s", file, strerror(errno));
    text = xrealloc(text, len + 1);
    text[len] = 0;
    uint8_t *der = pem_der(file, (const char *)text, len, &der_len);
    wipe(text, len);
    free(text);
    int other_curve = 0, ok = 0;
    if (der_len == 48 && memcmp(der, ED25519_PKCS8, sizeof ED25519_PKCS8) == 0) {
        memcpy(secret, der + 16, 32);
        *algorithm = MQTTGUARD_ALG_ED25519;
        ok = 1;
    } else if (ec_p256_scalar(der, der_len, secret, &other_curve)) {
        *algorithm = MQTTGUARD_ALG_ECDSA_P256;
        ok = 1;
    }
    wipe(der, der_len);
    free(der);
    if (other_curve) die(EXIT_USAGE, "%s: an ECDSA private key on another curve than P-256", file);
    if (!ok) die(EXIT_USAGE, "%s: not an Ed25519 or ECDSA P-256 private key", file);
}
