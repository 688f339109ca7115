/* The one place where out-of-memory is handled: pymm aborts. */
#include "pymm/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size) {
  fprintf(stderr, "pymm: out of memory (%zu bytes)\n", size);
  abort();
}

void *pymm_alloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p) out_of_memory(size);
  return p;
}

void *pymm_calloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p) out_of_memory(count * size);
  return p;
}

void *pymm_realloc(void *p, size_t size) {
  void *q = realloc(p, size ? size : 1);
  if (!q) out_of_memory(size);
  return q;
}

char *pymm_strndup(const char *s, size_t n) {
  char *copy = pymm_alloc(n + 1);
  memcpy(copy, s, n);
  copy[n] = '\0';
  return copy;
}

char *pymm_strdup(const char *s) { return pymm_strndup(s, strlen(s)); }

void pymm_grow(void **items, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return;
  size_t new_cap = *cap ? *cap : 8;
  while (new_cap < need) {
    if (new_cap > SIZE_MAX / 2 / size) out_of_memory(SIZE_MAX);
    new_cap *= 2;
  }
  *items = pymm_realloc(*items, new_cap * size);
  *cap = new_cap;
}
