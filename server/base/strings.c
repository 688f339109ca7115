#include "pymm/base.h"

#include <string.h>

/* Length of the well-formed UTF-8 sequence at p[0..n), or 0 when there is none. */
static size_t sequence(const unsigned char *p, size_t n) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
  else return 0;
  if (len > n) return 0;
  for (size_t k = 1; k < len; k++) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return len;
}

bool pymm_utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    size_t len = sequence(p + i, n - i);
    if (!len) return false;
    i += len;
  }
  return true;
}

void pymm_buf_append_utf8(pymm_buf *b, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    size_t len = sequence(p + i, n - i);
    if (len) pymm_buf_append(b, s + i, len);
    else pymm_buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD for each byte that is no part of a sequence */
    i += len ? len : 1;
  }
}

static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

bool pymm_ascii_ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (lower(*a) != lower(*b)) return false;
  return *a == *b;
}

const char *pymm_ascii_istr(const char *haystack, const char *needle) {
  size_t n = strlen(needle);
  if (n == 0) return haystack;
  for (const char *h = haystack; *h; h++) {
    size_t k = 0;
    while (k < n && h[k] && lower(h[k]) == lower(needle[k])) k++;
    if (k == n) return h;
  }
  return NULL;
}

uint64_t pymm_hash(uint64_t hash, const void *s, size_t n) {
  const unsigned char *p = s;
  for (size_t i = 0; i < n; i++) hash = (hash ^ p[i]) * 1099511628211u;
  return hash;
}
