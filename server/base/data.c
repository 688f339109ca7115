#include "pymm/base.h"

#include <string.h>

/* Generated from data/ by cmake/embed.cmake. */
extern const pymm_blob pymm_data_files[];

const pymm_blob *pymm_data_all(void) { return pymm_data_files; }

const pymm_blob *pymm_data_find(const char *name) {
  for (const pymm_blob *b = pymm_data_files; b->name; b++)
    if (strcmp(b->name, name) == 0) return b;
  return NULL;
}

const char *pymm_version(void) { return PYMM_VERSION; }
