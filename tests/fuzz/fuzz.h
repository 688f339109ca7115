/* Shared by the libFuzzer harnesses of tests/fuzz/: a check that aborts (so libFuzzer keeps the input as a
 * crash), and the UTF-8 oracle every harness applies to what pymm hands back. */
#ifndef PYMM_FUZZ_H
#define PYMM_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "pymm/base.h"

#define FUZZ_CHECK(cond)                                                            \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
      abort();                                                                      \
    }                                                                               \
  } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Reads little-endian integers from the input, yielding zeros once it is used up. */
typedef struct fuzz_reader {
  const uint8_t *data;
  size_t size, at;
} fuzz_reader;

static inline uint32_t fuzz_u8(fuzz_reader *r) { return r->at < r->size ? r->data[r->at++] : 0; }
static inline uint32_t fuzz_u16(fuzz_reader *r) {
  uint32_t lo = fuzz_u8(r);
  return lo | fuzz_u8(r) << 8;
}
static inline size_t fuzz_left(const fuzz_reader *r) { return r->size - r->at; }

#endif
