#include "pymm/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(pymm_buf *b, size_t extra) {
  if (b->len + extra + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    b->data = pymm_realloc(b->data, cap);
    b->cap = cap;
  }
}

void pymm_buf_append(pymm_buf *b, const char *s, size_t n) {
  reserve(b, n);
  if (n) memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void pymm_buf_puts(pymm_buf *b, const char *s) { pymm_buf_append(b, s, strlen(s)); }

void pymm_buf_putc(pymm_buf *b, char c) { pymm_buf_append(b, &c, 1); }

void pymm_buf_vprintf(pymm_buf *b, const char *fmt, va_list args) {
  va_list copy;
  va_copy(copy, args);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n < 0) return;
  reserve(b, (size_t)n);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, args);
  b->len += (size_t)n;
}

void pymm_buf_printf(pymm_buf *b, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  pymm_buf_vprintf(b, fmt, args);
  va_end(args);
}

void pymm_buf_clear(pymm_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

char *pymm_buf_take(pymm_buf *b) {
  char *s = b->data ? b->data : pymm_strdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return s;
}

void pymm_buf_free(pymm_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
