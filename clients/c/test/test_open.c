/*
 * Test helper: opens/verifies what mqtt-guard-seal wrote with this library's own opener.
 * Usage: test_open KEYS_JSON TOPIC [CLIENT_ID] < sealed > plaintext-or-payload
 * Exit 0 opened; 1 refused ("refused: REASON" on stderr); 2 usage/keys.json error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "mqttguard_seal.h"
#include "util.h"

static int open_with(const key_entry *k, const uint8_t *in, size_t n, const uint8_t *t, size_t tl,
                     const uint8_t *c, size_t cl, const mqttguard_header *h, uint8_t *out,
                     size_t *out_len) {
    uint8_t key[64];
    size_t kl = k->material_len;
    int rc;
    memcpy(key, k->material, kl);
    if (k->derive) {
        rc = mqttguard_derive_topic_key(k->material, k->material_len, k->id, t, tl, key);
        if (rc != 0) return rc;
        kl = 32;
    }
    *out_len = n - h->header_len - h->tag_len;
    switch (h->algorithm) {
    case MQTTGUARD_ALG_HMAC_SHA256:
        rc = mqttguard_verify_hmac(key, kl, in, n, t, tl, c, cl);
        break;
    case MQTTGUARD_ALG_ECDSA_P256:
        rc = mqttguard_verify_ecdsa_p256(k->public_key, in, n, t, tl, c, cl);
        break;
    case MQTTGUARD_ALG_ED25519:
        rc = mqttguard_verify_ed25519(k->public_key, in, n, t, tl, c, cl, out, n + tl + cl + 4);
        break;
    default:
        rc = mqttguard_open(key, in, n, t, tl, c, cl, out, n, out_len);
        break;
    }
    wipe(key, sizeof key);
    if (rc == 0 && h->algorithm >= MQTTGUARD_ALG_HMAC_SHA256) {
        memcpy(out, in + h->header_len + h->tag_len, *out_len);
    }
    return rc;
}

int main(int argc, char **argv) {
    keyset ks;
    mqttguard_header h;
    size_t n, out_len = 0;
    if (argc < 3 || argc > 4) die(EXIT_USAGE, "usage: test_open KEYS_JSON TOPIC [CLIENT_ID]");
    uint8_t *in = read_stdin(&n);
    if (in == NULL) die(EXIT_USAGE, "cannot read stdin");
    keys_load(argv[1], &ks);
    const uint8_t *t = (const uint8_t *)argv[2], *c = argc == 4 ? (const uint8_t *)argv[3] : NULL;
    size_t tl = strlen(argv[2]), cl = c != NULL ? strlen(argv[3]) : 0;
    int rc = mqttguard_parse_header(in, n, &h);
    const key_entry *k = rc == 0 ? keys_find(&ks, h.key_id) : NULL;
    if (rc == 0 && k == NULL) die(EXIT_FAILED, "refused: UNKNOWN_KEY");
    if (rc == 0 && k->status == KEY_DISABLED) die(EXIT_FAILED, "refused: KEY_DISABLED");
    if (rc == 0 && k->algorithm != h.algorithm) die(EXIT_FAILED, "refused: UNKNOWN_ALGORITHM");
    uint8_t *out = xcalloc(1, n + tl + cl + 4);
    if (rc == 0) rc = open_with(k, in, n, t, tl, c, cl, &h, out, &out_len);
    if (rc != 0) die(EXIT_FAILED, "refused: %s", mqttguard_strerror(rc));
    fprintf(stderr, "opened: version %d, algorithm 0x%02x, key %u%s\n", h.version, h.algorithm,
            h.key_id, h.bound ? ", bound" : "");
    fwrite(out, 1, out_len, stdout);
    keys_free(&ks);
    free(out);
    free(in);
    return 0;
}
