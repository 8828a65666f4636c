/* Device signing keys: PKCS#8 PEM private keys as `mqtt-guard keygen` writes them. */
#ifndef MQTTGUARD_TOOL_SIGNING_H
#define MQTTGUARD_TOOL_SIGNING_H

#include <stdint.h>

/*
 * Reads a PKCS#8 PEM private key ("BEGIN PRIVATE KEY"): Ed25519 (the 32-byte seed) or ECDSA on
 * P-256 (the 32-byte scalar). Sets *algorithm to MQTTGUARD_ALG_ED25519 / _ECDSA_P256. On any
 * problem prints "error: FILE: ..." and exits 2.
 */
void signing_read_private(const char *file, int *algorithm, uint8_t secret[32]);

#endif
