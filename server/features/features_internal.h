/* Internals shared by the files of server/features/. Not for other layers. */
#ifndef PYMM_FEATURES_INTERNAL_H
#define PYMM_FEATURES_INTERNAL_H

#include "pymm/features.h"

struct pymm_engine {
  pymm_guide *guide;
  pymm_topics *topics;
  pymm_query *hover;
  pymm_rules *rules;       /* data/rules.json */
  pymm_query *rule_query;  /* data/queries/rules.scm */
  char *guide_file; /* NULL when the guide has no file to link to */
};

/* Appends the entry's lines [first, last] of the guide to 'out', without code fences when 'plain'. */
void pymm_features__append_lines(const pymm_engine *engine, uint32_t first, uint32_t last, bool plain,
                                 pymm_buf *out);

#endif
