/* Small helpers of the mqtt-guard-seal tool (heap is fine here: this is the host tool). */
#ifndef MQTTGUARD_TOOL_UTIL_H
#define MQTTGUARD_TOOL_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define EXIT_OK 0
#define EXIT_FAILED 1
#define EXIT_USAGE 2

void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void wipe(void *p, size_t n);

/* Prints "error: <message>" on stderr and exits with code. */
void die(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3), noreturn))
#endif
    ;

int utf8_valid(const unsigned char *s, size_t len);

/* Reads a whole file; NULL with errno set on failure. */
unsigned char *read_file(const char *path, size_t *len);
/* Reads stdin to the end (binary). */
unsigned char *read_stdin(size_t *len);

/*
 * Strict standard base64 (RFC 4648 alphabet, no whitespace; '=' padding as required, or none).
 * Returns the decoded length, or (size_t)-1 if invalid or longer than cap.
 */
size_t base64_decode(const char *in, size_t in_len, uint8_t *out, size_t cap);

#endif
