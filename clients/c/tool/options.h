/* Command line of mqtt-guard-seal (the options of `mqtt-guard seal`, tool-contract.md). */
#ifndef MQTTGUARD_TOOL_OPTIONS_H
#define MQTTGUARD_TOOL_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *config;
    const char *topic;
    const char *client_id; /* NULL: not bound */
    const char *sign;      /* private key file, or NULL */
    int has_key_id;
    uint32_t key_id;
    int hmac;
    int version;           /* 1 or 2 (default) */
} options;

/* Parses argv; --help prints the usage and exits 0; any problem is "error: ..." + usage, exit 2. */
void options_parse(int argc, char **argv, options *o);

/* Checks --topic / --client-id as MQTT strings; exits 2 naming the rule. */
void options_check_names(const options *o);

#endif
