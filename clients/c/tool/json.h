/* A minimal strict JSON (RFC 8259) reader for keys.json: a tree of values, heap-allocated. */
#ifndef MQTTGUARD_TOOL_JSON_H
#define MQTTGUARD_TOOL_JSON_H

#include <stddef.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value {
    json_type type;
    int boolean;
    char *text;                 /* STRING: decoded UTF-8 (NUL-terminated); NUMBER: its literal */
    size_t text_len;
    size_t count;               /* ARRAY/OBJECT: number of items/members */
    struct json_value **items;  /* ARRAY items / OBJECT member values */
    char **names;               /* OBJECT member names (decoded, NUL-terminated) */
    size_t *name_lens;
} json_value;

/*
 * Parses text (len bytes, must be valid UTF-8, no BOM) as exactly one JSON value. Rejects
 * comments, trailing commas, control characters in strings, bad escapes, lone surrogates,
 * duplicate member names, nesting deeper than 64, and anything after the value.
 * Returns NULL with a message "line L, column C: ..." in err on failure.
 */
json_value *json_parse(const char *text, size_t len, char *err, size_t err_size);

void json_free(json_value *v);

/* The member named name of an object, or NULL. */
const json_value *json_get(const json_value *object, const char *name);

#endif
