#include "options.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char USAGE[] =
    "Usage: mqtt-guard-seal --config DIR --topic T [--client-id C] [--key-id N] [--hmac]\n"
    "                       [--sign FILE] [--format-version 1|2]\n"
    "Seals stdin (envelope with the primary AEAD key of DIR/keys.json, --hmac: HMAC-SHA256\n"
    "stamp, --sign: Ed25519/ECDSA-P256 stamp with a PKCS#8 PEM private key and --key-id of its\n"
    "public key) bound to the topic (and --client-id); writes the bytes to stdout.\n"
    "  -c, --config DIR         directory with keys.json\n"
    "  -t, --topic T            the MQTT topic name the payload is published on\n"
    "  -i, --client-id C        bind to the publisher's client ID (stamps: format 2 only)\n"
    "      --key-id N           use key N instead of the primary\n"
    "      --hmac               HMAC-SHA256 stamp (integrity only) instead of an envelope\n"
    "      --sign FILE          signature stamp with this private key (needs --key-id)\n"
    "      --format-version V   2 (default) or 1 (legacy)\n"
    "Exit codes: 0 sealed, 1 sealing failed, 2 usage or configuration error.\n";

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2), noreturn))
#endif
static void usage_error(const char *fmt, ...) {
    va_list ap;
    fputs("error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fputs(USAGE, stderr);
    exit(EXIT_USAGE);
}

static void set_once(const char **slot, const char *name, const char *value) {
    if (*slot != NULL) usage_error("option '%s' should be specified only once", name);
    *slot = value;
}

static uint32_t number(const char *name, const char *v, unsigned long long max) {
    size_t n = strlen(v);
    int ok = n > 0 && n <= 10;
    for (size_t i = 0; ok && i < n; i++) ok = v[i] >= '0' && v[i] <= '9';
    unsigned long long x = ok ? strtoull(v, NULL, 10) : 0;
    if (!ok || x < 1 || x > max) {
        fprintf(stderr, "error: invalid value '%s' for option '%s'\n", v, name);
        fputs(USAGE, stderr);
        exit(EXIT_USAGE);
    }
    return (uint32_t)x;
}

void options_parse(int argc, char **argv, options *o) {
    const char *key_id = NULL, *version = NULL, *hmac = NULL;
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *value = NULL;
        char name[32];
        const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
        size_t name_len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
        if (name_len >= sizeof name) usage_error("unknown option: '%s'", arg);
        memcpy(name, arg, name_len);
        name[name_len] = 0;
        if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
            fputs(USAGE, stdout);
            exit(EXIT_OK);
        }
        if (strcmp(name, "--hmac") == 0) {
            if (eq != NULL) usage_error("option '%s' takes no value", "--hmac");
            set_once(&hmac, "--hmac", "1");
            continue;
        }
        const char **slot = strcmp(name, "--config") == 0 || strcmp(name, "-c") == 0 ? &o->config
                            : strcmp(name, "--topic") == 0 || strcmp(name, "-t") == 0 ? &o->topic
                            : strcmp(name, "--client-id") == 0 || strcmp(name, "-i") == 0
                                ? &o->client_id
                            : strcmp(name, "--sign") == 0           ? &o->sign
                            : strcmp(name, "--key-id") == 0         ? &key_id
                            : strcmp(name, "--format-version") == 0 ? &version
                                                                    : NULL;
        if (slot == NULL) usage_error("unknown option: '%s'", arg);
        if (eq != NULL) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            usage_error("missing required parameter for option '%s'", name);
        }
        set_once(slot, name, value);
    }
    if (o->config == NULL) usage_error("missing required option: '%s'", "--config=DIR");
    if (o->topic == NULL) usage_error("missing required option: '%s'", "--topic=T");
    o->hmac = hmac != NULL;
    o->has_key_id = key_id != NULL;
    if (key_id != NULL) o->key_id = number("--key-id", key_id, 4294967295ull);
    o->version = version == NULL ? 2 : (int)number("--format-version", version, 2);
}

static void bad_name(const char *option, const char *value, const char *what, const char *rule) {
    size_t n = strlen(value);
    if (n == 0) {
        die(EXIT_USAGE, "%s (empty) is not a valid %s: %s", option, what, rule);
    }
    if (n > 60) {
        die(EXIT_USAGE, "%s '%.60s...' (%zu bytes in UTF-8) is not a valid %s: %s", option, value,
            n, what, rule);
    }
    die(EXIT_USAGE, "%s '%s' is not a valid %s: %s", option, value, what, rule);
}

static void check_string(const char *option, const char *value, const char *what) {
    size_t n = strlen(value);
    if (n == 0) bad_name(option, value, what, "it must not be empty");
    if (n > 65535) bad_name(option, value, what, "it must be at most 65535 bytes in UTF-8");
    if (!utf8_valid((const unsigned char *)value, n)) {
        die(EXIT_USAGE, "%s is not valid UTF-8: type it in UTF-8 (it is bound to its UTF-8 bytes)",
            option);
    }
}

void options_check_names(const options *o) {
    const char *topic_what = "MQTT topic name (the topic of a PUBLISH)";
    check_string("--topic", o->topic, topic_what);
    if (strpbrk(o->topic, "+#") != NULL) {
        bad_name("--topic", o->topic, topic_what, "a topic name must not contain '+' or '#'");
    }
    if (o->client_id != NULL) check_string("--client-id", o->client_id, "MQTT client ID");
}
