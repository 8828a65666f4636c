/*
 * Example: what a device does to publish a sealed reading (format 2, AES-256-GCM with the
 * per-topic key it was provisioned with). On a device, ctr_drbg is seeded from the hardware
 * TRNG, the time comes from SNTP, and `out` goes to esp_mqtt_client_publish / mosquitto_publish.
 * Here: the topic key is derived from a master (as the broker does), the envelope is printed as
 * hex and opened again to show the round trip. Built and run by `make test`.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include "mqttguard_seal.h"

int main(void) {
    static const uint8_t master[32] = {3}; /* demo only: provision real keys */
    const char *topic = "sensors/17/data", *msg = "{\"t\":21.5}";
    uint8_t topic_key[32], out[128], back[64];
    size_t out_len, back_len;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0) != 0) return 1;
    mqttguard_derive_topic_key(master, sizeof master, 3, (const uint8_t *)topic, strlen(topic),
                               topic_key);

    mqttguard_params p = {.version = 2, .key_id = 3, .timestamp = (int64_t)time(NULL),
                          .topic = (const uint8_t *)topic, .topic_len = strlen(topic),
                          .client_id = NULL, .f_rng = mbedtls_ctr_drbg_random, .p_rng = &drbg};
    int rc = mqttguard_seal(MQTTGUARD_ALG_AES_256_GCM, topic_key, &p, (const uint8_t *)msg,
                            strlen(msg), out, sizeof out, &out_len);
    if (rc != MQTTGUARD_OK) {
        fprintf(stderr, "seal: %s\n", mqttguard_strerror(rc));
        return 1;
    }
    for (size_t i = 0; i < out_len; i++) printf("%02x", out[i]);
    printf("\n");

    rc = mqttguard_open(topic_key, out, out_len, (const uint8_t *)topic, strlen(topic), NULL, 0,
                        back, sizeof back, &back_len);
    printf("opened: %s %.*s\n", mqttguard_strerror(rc), (int)back_len, (const char *)back);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    return rc == MQTTGUARD_OK && back_len == strlen(msg) && memcmp(back, msg, back_len) == 0 ? 0 : 1;
}
