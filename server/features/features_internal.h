/* Internals shared by the files of server/features/. Not for other layers. */
#ifndef PYMM_FEATURES_INTERNAL_H
#define PYMM_FEATURES_INTERNAL_H

#include <pthread.h>

#include "pymm/features.h"

/* A query compiled on first use, once, whichever thread asks first. */
typedef struct lazy_query {
  pthread_mutex_t lock;
  const char *name; /* the embedded file, "queries/hover.scm" */
  bool tried;
  pymm_query *query; /* NULL when it did not compile: 'error' says why */
  pymm_error error;
} lazy_query;

struct pymm_engine {
  pymm_guide *guide;
  pymm_topics *topics;
  lazy_query *hover;      /* compiled on first use: `pymm check` never needs it, and it is ~90 % of the cost of
                             compiling pymm's queries (~200 ms with tree-sitter 0.20.7) */
  pymm_rules *rules;      /* data/rules.json */
  pymm_query *rule_query; /* data/queries/rules.scm */
  char *guide_file;       /* NULL when the guide has no file to link to */
  unsigned run_threads;   /* pymm_engine_set_run_threads() */
};

/* The hover query, compiled on first use; NULL when it does not compile. Thread-safe. */
const pymm_query *pymm_engine__hover(const pymm_engine *engine);

/* The node's text on one line (whitespace runs become one space), at most 'max' bytes, cut at a UTF-8
 * boundary with "…" (SIZE_MAX: whole). Caller owns the result; free with free(). */
char *pymm_features__one_line(const pymm_document *doc, TSNode node, size_t max);
/* pymm_fix_all() over 'doc' (borrowed, left as it is), whose 'diagnostics' for 'filter' are known already (NULL:
 * found here). */
char *pymm_features__fix_all(const pymm_engine *engine, pymm_document *doc, const pymm_diagnostics *diagnostics,
                             const pymm_rule_filter *filter, bool unsafe, size_t *out_length, size_t *fixed);

/* Appends the entry's lines [first, last] of the guide to 'out', without code fences when 'plain'. */
void pymm_features__append_lines(const pymm_engine *engine, uint32_t first, uint32_t last, bool plain, pymm_buf *out);

#endif
