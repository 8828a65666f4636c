/* Strict JSON reader (see json.h). Recursive descent with a depth limit. */
#include "json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_DEPTH 64

typedef struct {
    const char *s;
    size_t len, pos;
    char *err;
    size_t err_size;
    int failed;
} parser;

static void fail(parser *p, const char *fmt, ...) {
    if (p->failed) return;
    size_t line = 1, col = 1;
    for (size_t i = 0; i < p->pos && i < p->len; i++) {
        if (p->s[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    int n = snprintf(p->err, p->err_size, "line %zu, column %zu: ", line, col);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < p->err_size) vsnprintf(p->err + n, p->err_size - (size_t)n, fmt, ap);
    va_end(ap);
    p->failed = 1;
}

static void skip_ws(parser *p) {
    while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos]) != NULL && p->s[p->pos] != 0) {
        p->pos++;
    }
}

static int peek(parser *p) { return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1; }

static json_value *new_value(json_type t) {
    json_value *v = xcalloc(1, sizeof *v);
    v->type = t;
    return v;
}

static int literal(parser *p, const char *word) {
    size_t n = strlen(word);
    if (p->len - p->pos >= n && memcmp(p->s + p->pos, word, n) == 0) {
        p->pos += n;
        return 1;
    }
    return 0;
}

static void put_utf8(char *out, size_t *n, uint32_t cp) {
    if (cp < 0x80) {
        out[(*n)++] = (char)cp;
    } else if (cp < 0x800) {
        out[(*n)++] = (char)(0xC0 | (cp >> 6));
        out[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out[(*n)++] = (char)(0xE0 | (cp >> 12));
        out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[(*n)++] = (char)(0xF0 | (cp >> 18));
        out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*n)++] = (char)(0x80 | (cp & 0x3F));
    }
}

static int hex4(parser *p, uint32_t *out) {
    uint32_t v = 0;
    if (p->len - p->pos < 4) return 0;
    for (int i = 0; i < 4; i++) {
        char c = p->s[p->pos++];
        int d = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) return 0;
        v = v * 16 + (uint32_t)d;
    }
    *out = v;
    return 1;
}

/* A string starting at '"'; decoded into a new NUL-terminated buffer. */
static char *parse_string(parser *p, size_t *out_len) {
    char *out = xcalloc(1, p->len - p->pos + 1); /* decoding never grows the text */
    size_t n = 0;
    p->pos++; /* opening quote */
    for (;;) {
        int c = peek(p);
        if (c < 0) {
            fail(p, "unterminated string");
            break;
        }
        p->pos++;
        if (c == '"') {
            *out_len = n;
            return out;
        }
        if (c < 0x20) {
            p->pos--;
            fail(p, "control character U+%04X in a string (escape it)", c);
            break;
        }
        if (c != '\\') {
            out[n++] = (char)c;
            continue;
        }
        int e = peek(p);
        p->pos++;
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e > 0 && simple != NULL) {
            out[n++] = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
            continue;
        }
        uint32_t cp, lo;
        if (e != 'u' || !hex4(p, &cp)) {
            fail(p, "invalid escape in a string");
            break;
        }
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail(p, "lone low surrogate \\u%04X", cp);
            break;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!literal(p, "\\u") || !hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
                fail(p, "high surrogate \\u%04X without its low surrogate", cp);
                break;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        put_utf8(out, &n, cp);
    }
    free(out);
    return NULL;
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

static json_value *parse_number(parser *p) {
    size_t start = p->pos;
    if (peek(p) == '-') p->pos++;
    if (peek(p) == '0') {
        p->pos++;
    } else if (is_digit(peek(p))) {
        while (is_digit(peek(p))) p->pos++;
    } else {
        fail(p, "invalid number");
        return NULL;
    }
    if (peek(p) == '.') {
        p->pos++;
        if (!is_digit(peek(p))) {
            fail(p, "invalid number: digits expected after '.'");
            return NULL;
        }
        while (is_digit(peek(p))) p->pos++;
    }
    if (peek(p) == 'e' || peek(p) == 'E') {
        p->pos++;
        if (peek(p) == '+' || peek(p) == '-') p->pos++;
        if (!is_digit(peek(p))) {
            fail(p, "invalid number: digits expected in the exponent");
            return NULL;
        }
        while (is_digit(peek(p))) p->pos++;
    }
    json_value *v = new_value(JSON_NUMBER);
    v->text_len = p->pos - start;
    v->text = xcalloc(1, v->text_len + 1);
    memcpy(v->text, p->s + start, v->text_len);
    return v;
}

static json_value *parse_value(parser *p, int depth);

static void append(json_value *v, json_value *item, char *name, size_t name_len) {
    v->items = xrealloc(v->items, (v->count + 1) * sizeof *v->items);
    v->items[v->count] = item;
    if (v->type == JSON_OBJECT) {
        v->names = xrealloc(v->names, (v->count + 1) * sizeof *v->names);
        v->name_lens = xrealloc(v->name_lens, (v->count + 1) * sizeof *v->name_lens);
        v->names[v->count] = name;
        v->name_lens[v->count] = name_len;
    }
    v->count++;
}

static int has_name(const json_value *o, const char *name, size_t len) {
    for (size_t i = 0; i < o->count; i++) {
        if (o->name_lens[i] == len && memcmp(o->names[i], name, len) == 0) return 1;
    }
    return 0;
}

/* '[' or '{' ... matching close. */
static json_value *parse_container(parser *p, int depth, int object) {
    json_value *v = new_value(object ? JSON_OBJECT : JSON_ARRAY);
    char close = object ? '}' : ']';
    p->pos++;
    skip_ws(p);
    if (peek(p) == close) {
        p->pos++;
        return v;
    }
    for (;;) {
        char *name = NULL;
        size_t name_len = 0;
        skip_ws(p);
        if (object) {
            if (peek(p) != '"') {
                fail(p, "member name (a string) expected");
                break;
            }
            name = parse_string(p, &name_len);
            if (name == NULL) break;
            if (has_name(v, name, name_len)) {
                fail(p, "duplicate member \"%s\"", name);
                free(name);
                break;
            }
            skip_ws(p);
            if (peek(p) != ':') {
                fail(p, "':' expected after a member name");
                free(name);
                break;
            }
            p->pos++;
        }
        json_value *item = parse_value(p, depth + 1);
        if (item == NULL) {
            free(name);
            break;
        }
        append(v, item, name, name_len);
        skip_ws(p);
        if (peek(p) == ',') {
            p->pos++;
            skip_ws(p);
            if (peek(p) == close) {
                fail(p, "trailing comma");
                break;
            }
            continue;
        }
        if (peek(p) == close) {
            p->pos++;
            return v;
        }
        fail(p, "',' or '%c' expected", close);
        break;
    }
    json_free(v);
    return NULL;
}

static json_value *parse_value(parser *p, int depth) {
    if (depth > MAX_DEPTH) {
        fail(p, "nested deeper than %d levels", MAX_DEPTH);
        return NULL;
    }
    skip_ws(p);
    int c = peek(p);
    if (c == '{' || c == '[') return parse_container(p, depth, c == '{');
    if (c == '"') {
        json_value *v = new_value(JSON_STRING);
        v->text = parse_string(p, &v->text_len);
        if (v->text == NULL) {
            json_free(v);
            return NULL;
        }
        return v;
    }
    if (c == '-' || is_digit(c)) return parse_number(p);
    if (literal(p, "true") || literal(p, "false")) {
        json_value *v = new_value(JSON_BOOL);
        v->boolean = p->s[p->pos - 1] == 'e' && p->s[p->pos - 2] == 'u';
        return v;
    }
    if (literal(p, "null")) return new_value(JSON_NULL);
    fail(p, c < 0 ? "value expected, found the end of the file" : "value expected");
    return NULL;
}

json_value *json_parse(const char *text, size_t len, char *err, size_t err_size) {
    parser p = {text, len, 0, err, err_size, 0};
    if (!utf8_valid((const unsigned char *)text, len)) {
        snprintf(err, err_size, "not valid UTF-8");
        return NULL;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        snprintf(err, err_size, "starts with a byte order mark; save it as UTF-8 without BOM");
        return NULL;
    }
    json_value *v = parse_value(&p, 0);
    if (v == NULL) return NULL;
    skip_ws(&p);
    if (p.pos != p.len) {
        fail(&p, "unexpected text after the JSON value");
        json_free(v);
        return NULL;
    }
    return v;
}

void json_free(json_value *v) {
    if (v == NULL) return;
    for (size_t i = 0; i < v->count; i++) {
        json_free(v->items[i]);
        if (v->names != NULL) free(v->names[i]);
    }
    free(v->items);
    free(v->names);
    free(v->name_lens);
    if (v->text != NULL) {
        wipe(v->text, v->text_len); /* strings may be key material */
        free(v->text);
    }
    free(v);
}

const json_value *json_get(const json_value *object, const char *name) {
    if (object == NULL || object->type != JSON_OBJECT) return NULL;
    size_t len = strlen(name);
    for (size_t i = 0; i < object->count; i++) {
        if (object->name_lens[i] == len && memcmp(object->names[i], name, len) == 0) {
            return object->items[i];
        }
    }
    return NULL;
}
