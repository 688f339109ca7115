/* Computed hovers (computed.c): where the guide's model is a computation, the result for the code at hand.
 * Each function returns NULL when the construct does not lend itself to the computation.
 * Private to server/features/. */
#ifndef PYMM_FEATURES_COMPUTED_H
#define PYMM_FEATURES_COMPUTED_H

#include "pymm/features.h"

/* A computed block: Python-like code to show in a fence, and/or one line of prose (Markdown backticks). */
typedef struct pymm_computed {
  char *code;
  char *text;
} pymm_computed;

/* 'kind' is the suffix of the query's @_compute.<kind> capture; 'node' the node it captured.
 * Fills '*out' (both fields NULL when there is nothing to say). Caller owns the strings; free with free(). */
void pymm_computed__run(const pymm_engine *engine, pymm_document *doc, const char *kind, TSNode node,
                        pymm_computed *out);

#endif
