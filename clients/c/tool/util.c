#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/platform_util.h>

void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);
    if (p == NULL) die(EXIT_FAILED, "out of memory");
    return p;
}

void *xrealloc(void *p, size_t size) {
    void *q = realloc(p, size == 0 ? 1 : size);
    if (q == NULL) die(EXIT_FAILED, "out of memory");
    return q;
}

void wipe(void *p, size_t n) {
    if (p != NULL) mbedtls_platform_zeroize(p, n);
}

void die(int code, const char *fmt, ...) {
    va_list ap;
    fputs("error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(code);
}

int utf8_valid(const unsigned char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return 0;
        }
        if (len - i <= n) return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += n + 1;
    }
    return 1;
}

static unsigned char *read_stream(FILE *f, size_t *len) {
    size_t cap = 4096, n = 0;
    unsigned char *buf = xcalloc(1, cap);
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            if (ferror(f)) {
                free(buf);
                return NULL;
            }
            break;
        }
        buf = xrealloc(buf, cap *= 2);
    }
    *len = n;
    return buf;
}

unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    unsigned char *buf = read_stream(f, len);
    int saved = errno;
    fclose(f);
    errno = saved;
    return buf;
}

unsigned char *read_stdin(size_t *len) { return read_stream(stdin, len); }

static int b64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

size_t base64_decode(const char *in, size_t in_len, uint8_t *out, size_t cap) {
    size_t pad = 0, n = 0;
    uint32_t acc = 0;
    int bits = 0;
    while (pad < 2 && in_len > 0 && in[in_len - 1] == '=') in_len--, pad++;
    if (pad != 0 && (in_len + pad) % 4 != 0) return (size_t)-1;
    if (in_len % 4 == 1) return (size_t)-1;
    for (size_t i = 0; i < in_len; i++) {
        int v = b64_value(in[i]);
        if (v < 0) return (size_t)-1;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n == cap) return (size_t)-1;
            out[n++] = (uint8_t)(acc >> bits);
        }
    }
    wipe(&acc, sizeof acc);
    return n;
}
