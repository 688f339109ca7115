/* Hover: the construct at the cursor, its topic, and the guide's text for it. */
#include <stdlib.h>
#include <string.h>

#include "computed.h"
#include "features_internal.h"

typedef struct candidate {
  const pymm_engine *engine;
  uint32_t offset;
  bool found;
  pymm_match match;
  TSNode construct;
  uint32_t size;
  const char *compute; /* the <kind> of the match's @_compute.<kind> capture, or NULL */
  TSNode compute_node;
} candidate;

/* Keeps the best match containing the cursor: the smallest node; then a sure match over a hedged one; then
 * the earlier pattern (matches arrive in document order, so compare pattern indexes explicitly). */
static bool consider(const pymm_match *m, void *context) {
  candidate *c = context;
  uint32_t start = ts_node_start_byte(m->node), end = ts_node_end_byte(m->node);
  if (c->offset < start || c->offset >= end) return true;
  const pymm_topic *topic = pymm_topics_find(c->engine->topics, m->name);
  if (!topic || topic->entry < 0) return true;
  uint32_t size = end - start;
  bool better = !c->found || size < c->size ||
                (size == c->size &&
                 ((!m->hedged && c->match.hedged) || (m->hedged == c->match.hedged && m->pattern < c->match.pattern)));
  if (better) {
    c->found = true;
    c->match = *m;
    c->size = size;
    if (!pymm_match_capture(m, "_construct", &c->construct)) c->construct = m->node;
    /* The match's captures are borrowed for this call only: keep what rendering needs. */
    c->compute = NULL;
    for (uint32_t i = 0; i < m->capture_count; i++) {
      const char *name = pymm_query_capture_name(m->query, m->captures[i].index);
      if (!strncmp(name, "_compute.", 9)) {
        c->compute = name + 9;
        c->compute_node = m->captures[i].node;
      }
    }
  }
  return true;
}

char *pymm_features__one_line(const pymm_document *doc, TSNode node, size_t max) {
  char *text = pymm_node_text(doc, node);
  pymm_buf b = {0};
  bool space = false;
  for (const char *p = text; *p; p++) {
    if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ') {
      space = b.len > 0;
      continue;
    }
    if (space) pymm_buf_putc(&b, ' ');
    space = false;
    if (b.len >= max && ((unsigned char)*p & 0xC0) != 0x80) {
      pymm_buf_puts(&b, "…");
      break;
    }
    pymm_buf_putc(&b, *p);
  }
  free(text);
  return pymm_buf_take(&b);
}

pymm_hover *pymm_hover_at(const pymm_engine *engine, pymm_document *doc, uint32_t offset) {
  uint32_t length = pymm_text_length(pymm_document_text(doc));
  if (offset > length) return NULL;
  candidate c = {.engine = engine, .offset = offset};
  const pymm_query *query = pymm_engine__hover(engine);
  if (!query) return NULL;
  pymm_query_run(query, doc, offset, offset + 1, consider, &c);
  if (!c.found) return NULL;
  pymm_hover *hover = pymm_calloc(1, sizeof *hover);
  hover->topic = pymm_topics_find(engine->topics, c.match.name);
  hover->start = ts_node_start_byte(c.match.node);
  hover->end = ts_node_end_byte(c.match.node);
  hover->code = pymm_features__one_line(doc, c.construct, 60);
  if (c.match.hedged) {
    char *who = pymm_features__one_line(doc, c.match.hedge_node, 30);
    pymm_buf b = {0};
    pymm_buf_printf(&b, "if `%s` is a %s", who, c.match.hedge_type);
    hover->hedge = pymm_buf_take(&b);
    free(who);
  }
  /* A pattern's @_compute.<kind> capture asks for a computed block over the node it captured. */
  if (c.compute) {
    pymm_computed computed;
    pymm_computed__run(engine, doc, c.compute, c.compute_node, &computed);
    hover->computed_code = computed.code;
    hover->computed_text = computed.text;
  }
  return hover;
}

void pymm_hover_free(pymm_hover *hover) {
  if (!hover) return;
  free(hover->code);
  free(hover->hedge);
  free(hover->computed_code);
  free(hover->computed_text);
  free(hover);
}

/* ---- rendering --------------------------------------------------------------------------------- */

/* Markdown table cells must not break the table. */
static void put_cell(pymm_buf *b, const char *cell, bool markdown) {
  for (const char *p = cell; *p; p++) {
    if (markdown && (*p == '|' || *p == '*' || *p == '_' || *p == '`')) pymm_buf_putc(b, '\\');
    pymm_buf_putc(b, *p);
  }
}

/* Prose with Markdown backticks: kept for Markdown, dropped for plain text. */
static void put_prose(pymm_buf *b, const char *text, bool markdown) {
  for (const char *p = text; *p; p++)
    if (markdown || *p != '`') pymm_buf_putc(b, *p);
}

/* Code for a plain-text hover: indented four spaces, then a blank line. */
static void put_indented(pymm_buf *b, const char *code) {
  pymm_buf_puts(b, "    ");
  for (const char *p = code; *p; p++) {
    pymm_buf_putc(b, *p);
    if (*p == '\n') pymm_buf_puts(b, "    ");
  }
  pymm_buf_puts(b, "\n\n");
}

/* Display width of a UTF-8 string in columns (one per code point: the guide's cells are narrow text). */
static size_t width(const char *s) {
  size_t w = 0;
  for (; *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
  return w;
}

static void render_table(const pymm_guide_table *t, int32_t bold, bool markdown, uint32_t max_rows, pymm_buf *b) {
  /* Rows shown: all, or a window of max_rows data rows around the bold one. */
  uint32_t data_rows = t->row_count - 1, first = 1, last = t->row_count - 1;
  if (max_rows && data_rows > max_rows) {
    int64_t start = (bold > 0 ? bold : 1) - (int64_t)max_rows / 2;
    if (start < 1) start = 1;
    if (start + max_rows - 1 > last) start = (int64_t)last - max_rows + 1;
    first = (uint32_t)start;
    last = first + max_rows - 1;
  }
  if (markdown) {
    for (uint32_t r = 0; r < t->row_count; r++) {
      if (r != 0 && (r < first || r > last)) continue;
      pymm_buf_puts(b, "|");
      for (uint32_t c = 0; c < t->column_count; c++) {
        const char *cell = pymm_guide_table_cell(t, r, c);
        bool strong = (int32_t)r == bold && cell[0];
        pymm_buf_puts(b, strong ? " **" : " ");
        put_cell(b, cell, true);
        pymm_buf_puts(b, strong ? "** |" : " |");
      }
      pymm_buf_puts(b, "\n");
      if (r == 0) {
        pymm_buf_puts(b, "|");
        for (uint32_t c = 0; c < t->column_count; c++) pymm_buf_puts(b, "---|");
        pymm_buf_puts(b, "\n");
      }
    }
    return;
  }
  size_t widths[16] = {0};
  uint32_t columns = t->column_count < 16 ? t->column_count : 16;
  for (uint32_t r = 0; r < t->row_count; r++)
    for (uint32_t c = 0; c < columns; c++) {
      size_t w = width(pymm_guide_table_cell(t, r, c));
      if (w > widths[c]) widths[c] = w;
    }
  for (uint32_t r = 0; r < t->row_count; r++) {
    if (r != 0 && (r < first || r > last)) continue;
    pymm_buf_puts(b, (int32_t)r == bold ? "▶ " : "  ");
    for (uint32_t c = 0; c < columns; c++) {
      const char *cell = pymm_guide_table_cell(t, r, c);
      pymm_buf_puts(b, cell);
      if (c + 1 < columns)
        for (size_t pad = width(cell); pad < widths[c] + 2; pad++) pymm_buf_putc(b, ' ');
    }
    pymm_buf_puts(b, "\n");
  }
}

/* The entry's own text: a fragment's lines, or a section's first code block, capped to keep a hover short. */
static void render_excerpt(const pymm_engine *engine, const pymm_guide_entry *e, bool markdown, uint32_t max_lines,
                           pymm_buf *b) {
  uint32_t first = e->line_start, last = e->line_end;
  if (e->kind == PYMM_GUIDE_SECTION) first++; /* the heading is the title already */
  /* Skip the fence and blank lines at the start; stop at the end of the first code block. */
  pymm_buf body = {0};
  uint32_t taken = 0;
  bool in_code = false, started = false;
  for (uint32_t line = first; line <= last && taken < max_lines; line++) {
    size_t n;
    const char *text = pymm_guide_line(engine->guide, line, &n);
    if (!text) break;
    if (n >= 3 && !strncmp(text, "```", 3)) {
      if (in_code && started) break;
      in_code = !in_code;
      continue;
    }
    if (!started && n == 0) continue;
    started = true;
    pymm_buf_append(&body, text, n);
    pymm_buf_putc(&body, '\n');
    taken++;
  }
  while (body.len && body.data[body.len - 1] == '\n') body.len--;
  if (body.len) {
    if (markdown) pymm_buf_puts(b, "```python\n");
    pymm_buf_append(b, body.data, body.len);
    pymm_buf_puts(b, markdown ? "\n```\n\n" : "\n\n");
  }
  pymm_buf_free(&body);
}

char *pymm_hover_render(const pymm_engine *engine, const pymm_hover *hover, pymm_markup markup,
                        const pymm_settings *settings) {
  const pymm_topic *topic = hover->topic;
  bool md = markup == PYMM_MARKUP_MARKDOWN;
  pymm_buf b = {0};
  const pymm_guide_table *table = topic->table >= 0 ? pymm_guide_table_at(engine->guide, (size_t)topic->table) : NULL;
  /* Title line: the construct · the row · its complexity. */
  pymm_buf_printf(&b, md ? "**`%s`**" : "%s", hover->code);
  if (table) {
    pymm_buf_printf(&b, " · %s · ", pymm_guide_table_cell(table, (uint32_t)topic->row, 0));
    pymm_buf_printf(&b, md ? "**%s**" : "%s", topic->complexity);
  } else {
    pymm_buf_printf(&b, " · %s", topic->title);
  }
  pymm_buf_puts(&b, "\n\n");
  if (hover->hedge) pymm_buf_printf(&b, md ? "*%s*\n\n" : "(%s)\n\n", hover->hedge);
  if (topic->summary[0]) pymm_buf_printf(&b, "%s\n\n", topic->summary);
  if (hover->computed_text) {
    put_prose(&b, hover->computed_text, md);
    pymm_buf_puts(&b, "\n\n");
  }
  if (hover->computed_code) {
    if (md) pymm_buf_printf(&b, "```python\n%s\n```\n\n", hover->computed_code);
    else put_indented(&b, hover->computed_code);
  }
  const pymm_guide_entry *e = pymm_guide_entry_at(engine->guide, (size_t)topic->entry);
  if (table) {
    if (table->title[0]) pymm_buf_printf(&b, md ? "*%s*\n\n" : "%s\n", table->title);
    render_table(table, topic->row, md, settings ? settings->hover_max_table_rows : 0, &b);
    pymm_buf_puts(&b, "\n");
  } else {
    /* A computed block already shows the model on this code: keep the guide's text shorter. */
    render_excerpt(engine, e, md, hover->computed_code || hover->computed_text ? 12 : 24, &b);
  }
  /* Where it comes from, and where to go next. */
  const pymm_guide_entry *section = e;
  while (section->kind == PYMM_GUIDE_FRAGMENT && section->parent >= 0)
    section = pymm_guide_entry_at(engine->guide, (size_t)section->parent);
  char *link = pymm_entry_link(engine, (uint32_t)topic->entry);
  if (link && md) pymm_buf_printf(&b, "[Open in guide: %s](%s)", section->title, link);
  else if (link) pymm_buf_printf(&b, "Guide: %s — %s", section->title, link);
  else pymm_buf_printf(&b, md ? "Guide: *%s*, line %u" : "Guide: %s, line %u", section->title, e->line_start);
  free(link);
  bool first = true;
  for (const char *const *s = topic->see_also; s && *s; s++) {
    const pymm_topic *other = pymm_topics_find(engine->topics, *s);
    if (!other) continue;
    pymm_buf_puts(&b, first ? (md ? " · See also: " : "\nSee also: ") : ", ");
    pymm_buf_printf(&b, md ? "`%s`" : "%s", other->title);
    first = false;
  }
  pymm_buf_puts(&b, "\n");
  return pymm_buf_take(&b);
}
