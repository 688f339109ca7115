/* Lookup over the guide: ranked entries, and an entry rendered for an editor or a terminal. */
#include <stdlib.h>
#include <string.h>

#include "features_internal.h"

size_t pymm_lookup(const pymm_engine *engine, const char *query, size_t max_items, pymm_lookup_item **items) {
  *items = NULL;
  if (max_items == 0) return 0;
  pymm_guide_hit *hits = pymm_calloc(max_items, sizeof *hits);
  size_t n = pymm_guide_lookup(engine->guide, query, hits, max_items);
  pymm_lookup_item *out = pymm_calloc(n ? n : 1, sizeof *out);
  for (size_t i = 0; i < n; i++) {
    const pymm_guide_entry *e = pymm_guide_entry_at(engine->guide, hits[i].entry);
    const pymm_guide_entry *section = e;
    while (section->kind == PYMM_GUIDE_FRAGMENT && section->parent >= 0)
      section = pymm_guide_entry_at(engine->guide, (size_t)section->parent);
    out[i] = (pymm_lookup_item){hits[i].entry, e->title, e->slug, section->title, e->line_start, hits[i].score};
  }
  free(hits);
  *items = out;
  return n;
}

char *pymm_entry_render(const pymm_engine *engine, uint32_t entry, pymm_markup markup) {
  const pymm_guide_entry *e = pymm_guide_entry_at(engine->guide, entry);
  if (!e) return NULL;
  bool plain = markup != PYMM_MARKUP_MARKDOWN;
  pymm_buf b = {0};
  if (e->kind == PYMM_GUIDE_FRAGMENT) {
    const pymm_guide_entry *section = pymm_guide_entry_at(engine->guide, (size_t)e->parent);
    if (plain) pymm_buf_printf(&b, "%s › %s\n\n", section ? section->title : "", e->title);
    else pymm_buf_printf(&b, "### %s › %s\n\n```python\n", section ? section->title : "", e->title);
    pymm_features__append_lines(engine, e->line_start, e->line_end, plain, &b);
    if (!plain) pymm_buf_puts(&b, "```\n");
  } else {
    if (plain) {
      pymm_buf_printf(&b, "%s\n", e->title);
      pymm_features__append_lines(engine, e->line_start + 1, e->line_end, true, &b);
    } else {
      pymm_features__append_lines(engine, e->line_start, e->line_end, false, &b);
    }
  }
  /* Drop trailing blank lines and a closing "---" rule. */
  while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' ')) b.len--;
  if (b.len >= 3 && memcmp(b.data + b.len - 3, "---", 3) == 0) {
    b.len -= 3;
    while (b.len && b.data[b.len - 1] == '\n') b.len--;
  }
  pymm_buf_append(&b, "\n", 1);
  return pymm_buf_take(&b);
}
