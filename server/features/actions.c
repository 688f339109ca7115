/* Code actions: a diagnostic's fix, "Ignore PMMnnn for this line" (# noqa), "Explain: <section>", fix-all;
 * and the rule's explanation for `pymm rule`. */
#include <stdlib.h>

#include "rules_internal.h"

static pymm_action *push(pymm_actions *a, size_t *cap) {
  PYMM_GROW(a->items, *cap, a->count + 1);
  pymm_action *item = &a->items[a->count++];
  memset(item, 0, sizeof *item);
  return item;
}

static void copy_edits(pymm_action *action, const pymm_edit *edits, size_t count) {
  action->edits = pymm_calloc(count ? count : 1, sizeof *action->edits);
  for (size_t i = 0; i < count; i++)
    action->edits[i] = (pymm_edit){edits[i].start, edits[i].end, pymm_strdup(edits[i].text)};
  action->edit_count = count;
}

/* True when a string goes on past byte 'at' (a line end): a comment cannot go there. Walks down from the
 * root with a cursor over the nodes that contain 'at' (ts_node_parent would walk from the root at each step). */
static bool inside_string(TSNode root, uint32_t at) {
  bool inside = false;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if ((node_is(node, "string") || node_is(node, "string_content")) && node_start(node) < at && node_end(node) > at) {
      inside = true;
      break;
    }
    if (node_start(node) > at || ts_tree_cursor_goto_first_child_for_byte(&cursor, at) < 0) break;
  }
  ts_tree_cursor_delete(&cursor);
  return inside;
}

/* The edit that adds "# noqa: CODE" to the line of 'offset', merged into a "# noqa: ..." already there.
 * False when the line ends inside a string (a comment cannot go there) or already silences everything. */
static bool noqa_edit(const rule_context *c, pymm_document *doc, const char *code, uint32_t offset, pymm_edit *out) {
  uint32_t end = pymm_rules__line_end(c, offset);
  if (inside_string(c->root, end)) return false;
  uint32_t start = pymm_rules__line_start(c, offset);
  for (uint32_t p = start; p < end; p++) {
    if (c->src[p] != '#') continue;
    TSNode node = pymm_document_node_at(doc, p);
    if (!node_is(node, "comment") || node_start(node) != p) continue;
    const char *noqa = pymm_ascii_istr(c->src + p, "noqa");
    if (!noqa || (uint32_t)(noqa - c->src) >= end) break;
    uint32_t q = (uint32_t)(noqa - c->src) + 4;
    while (q < end && c->src[q] == ' ') q++;
    if (q >= end || c->src[q] != ':') return false; /* bare noqa silences every rule already */
    q++;
    while (q < end && c->src[q] == ' ') q++;
    /* Past the codes: letters, digits, commas and spaces between codes. */
    uint32_t last = q;
    while (q < end) {
      uint32_t w = q;
      while (q < end && ((c->src[q] >= 'A' && c->src[q] <= 'Z') || (c->src[q] >= '0' && c->src[q] <= '9'))) q++;
      if (q == w) break;
      last = q;
      while (q < end && (c->src[q] == ',' || c->src[q] == ' ')) q++;
    }
    pymm_buf b = {0};
    pymm_buf_printf(&b, ", %s", code);
    *out = (pymm_edit){last, last, pymm_buf_take(&b)};
    return true;
  }
  /* No noqa comment yet: add one at the end of the line (after any comment). */
  uint32_t at_end = end;
  while (at_end > start && (c->src[at_end - 1] == ' ' || c->src[at_end - 1] == '\t')) at_end--;
  pymm_buf b = {0};
  pymm_buf_printf(&b, "  # noqa: %s", code);
  *out = (pymm_edit){at_end, end, pymm_buf_take(&b)};
  return true;
}

pymm_actions *pymm_actions_at(const pymm_engine *engine, pymm_document *doc, const pymm_diagnostics *diagnostics,
                              uint32_t start, uint32_t end, const pymm_rule_filter *filter, bool fix_all) {
  pymm_actions *out = pymm_calloc(1, sizeof *out);
  size_t cap = 0;
  const pymm_text *text = pymm_document_text(doc);
  rule_context c = {.engine = engine, .doc = doc, .src = pymm_text_data(text), .length = pymm_text_length(text)};
  c.root = ts_tree_root_node(pymm_document_tree(doc));
  /* The diagnostics that touch [start, end]: sorted by start, so those from the first that starts past 'end'
   * on cannot; one that starts earlier may still reach into the range. */
  size_t low = 0, high = diagnostics->count;
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    if (diagnostics->items[middle].start > end) high = middle;
    else low = middle + 1;
  }
  size_t *touching = NULL, touching_count = 0, touching_cap = 0;
  for (size_t i = 0; i < low; i++) {
    if (diagnostics->items[i].end < start) continue;
    PYMM_GROW(touching, touching_cap, touching_count + 1);
    touching[touching_count++] = i;
  }
  /* Explain and ignore once per rule; fixes once per diagnostic. */
  for (size_t t = 0; t < touching_count; t++) {
    size_t i = touching[t];
    const pymm_diagnostic *d = &diagnostics->items[i];
    if (d->fix.edit_count) {
      pymm_action *a = push(out, &cap);
      a->kind = PYMM_ACTION_QUICKFIX;
      a->rule = d->rule;
      a->diagnostic = i;
      a->preferred = d->fix.safety == PYMM_FIX_SAFE;
      pymm_buf b = {0};
      pymm_buf_printf(&b, "%s (%s)%s", d->rule->fix_title, d->rule->code,
                      d->fix.safety == PYMM_FIX_UNSAFE ? " — may change behaviour" : "");
      a->title = pymm_buf_take(&b);
      copy_edits(a, d->fix.edits, d->fix.edit_count);
    }
  }
  for (size_t t = 0; t < touching_count; t++) {
    size_t i = touching[t];
    const pymm_diagnostic *d = &diagnostics->items[i];
    bool seen = false;
    for (size_t k = 0; k < t && !seen; k++) seen = diagnostics->items[touching[k]].rule == d->rule;
    if (seen) continue;
    pymm_edit edit;
    if (noqa_edit(&c, doc, d->rule->code, d->start, &edit)) {
      pymm_action *a = push(out, &cap);
      a->kind = PYMM_ACTION_IGNORE;
      a->rule = d->rule;
      a->diagnostic = i;
      pymm_buf b = {0};
      pymm_buf_printf(&b, "Ignore %s for this line", d->rule->code);
      a->title = pymm_buf_take(&b);
      a->edits = pymm_calloc(1, sizeof *a->edits);
      a->edits[0] = edit;
      a->edit_count = 1;
    }
    if (d->rule->entry >= 0) {
      const pymm_guide_entry *e = pymm_guide_entry_at(engine->guide, (size_t)d->rule->entry);
      const pymm_guide_entry *section = e && e->kind == PYMM_GUIDE_FRAGMENT && e->parent >= 0
                                            ? pymm_guide_entry_at(engine->guide, (size_t)e->parent)
                                            : e;
      pymm_action *a = push(out, &cap);
      a->kind = PYMM_ACTION_EXPLAIN;
      a->rule = d->rule;
      a->diagnostic = i;
      a->entry = section == e ? d->rule->entry : e->parent; /* the section, which lookup finds by its title */
      pymm_buf b = {0};
      pymm_buf_printf(&b, "Explain: %s", section ? section->title : d->rule->section);
      a->title = pymm_buf_take(&b);
    }
  }
  free(touching);
  if (fix_all) {
    bool any = false;
    for (size_t i = 0; i < diagnostics->count && !any; i++)
      any = diagnostics->items[i].fix.edit_count && diagnostics->items[i].fix.safety == PYMM_FIX_SAFE;
    size_t new_length = 0;
    char *fixed = any ? pymm_features__fix_all(engine, doc, diagnostics, filter, false, &new_length, NULL) : NULL;
    if (fixed) {
      /* One edit over the part that changed. */
      size_t prefix = 0, suffix = 0;
      while (prefix < c.length && prefix < new_length && c.src[prefix] == fixed[prefix]) prefix++;
      while (suffix < c.length - prefix && suffix < new_length - prefix &&
             c.src[c.length - 1 - suffix] == fixed[new_length - 1 - suffix])
        suffix++;
      /* Keep UTF-8 sequences whole. */
      while (prefix > 0 && ((unsigned char)c.src[prefix] & 0xC0) == 0x80) prefix--;
      while (suffix > 0 && ((unsigned char)c.src[c.length - suffix] & 0xC0) == 0x80) suffix--;
      pymm_action *a = push(out, &cap);
      a->kind = PYMM_ACTION_FIX_ALL;
      a->title = pymm_strdup("Fix all pymm issues");
      a->edits = pymm_calloc(1, sizeof *a->edits);
      a->edits[0] = (pymm_edit){(uint32_t)prefix, (uint32_t)(c.length - suffix),
                                pymm_strndup(fixed + prefix, new_length - suffix - prefix)};
      a->edit_count = 1;
      free(fixed);
    }
  }
  return out;
}

void pymm_actions_free(pymm_actions *actions) {
  if (!actions) return;
  for (size_t i = 0; i < actions->count; i++) {
    pymm_action *a = &actions->items[i];
    free(a->title);
    for (size_t k = 0; k < a->edit_count; k++) free(a->edits[k].text);
    free(a->edits);
  }
  free(actions->items);
  free(actions);
}

static const char *severity_name(pymm_severity s) {
  switch (s) {
  case PYMM_SEVERITY_ERROR:
    return "error";
  case PYMM_SEVERITY_WARNING:
    return "warning";
  case PYMM_SEVERITY_INFORMATION:
    return "information";
  case PYMM_SEVERITY_HINT:
    return "hint";
  default:
    return "none";
  }
}

char *pymm_rule_explain(const pymm_engine *engine, const pymm_rule *rule, pymm_markup markup) {
  bool md = markup == PYMM_MARKUP_MARKDOWN;
  pymm_buf b = {0};
  pymm_buf_printf(&b, md ? "# %s (%s)\n\n" : "%s (%s)\n\n", rule->name, rule->code);
  pymm_buf_printf(&b, "%s.\n\n", rule->message);
  pymm_buf_printf(&b, "Severity: %s. Fix: %s%s%s.\n", severity_name(rule->severity),
                  rule->fix == PYMM_FIX_NONE ? "none" : rule->fix_title,
                  rule->fix == PYMM_FIX_UNSAFE ? " (unsafe: may change behaviour; applied with --unsafe-fixes)" : "",
                  rule->fix == PYMM_FIX_SAFE ? " (safe)" : "");
  if (rule->equivalents[0]) {
    pymm_buf_puts(&b, "Same as: ");
    for (const char *const *e = rule->equivalents; *e; e++)
      pymm_buf_printf(&b, "%s%s", e == rule->equivalents ? "" : ", ", *e);
    pymm_buf_puts(&b, " (\"# noqa:\" with any of them silences it too).\n");
  }
  if (rule->entry >= 0) {
    /* A ✗ fragment alone hides its ✓: show the whole section then. */
    uint32_t entry = (uint32_t)rule->entry;
    const pymm_guide_entry *e = pymm_guide_entry_at(engine->guide, entry);
    if (e && e->kind == PYMM_GUIDE_FRAGMENT && e->fragment == PYMM_FRAGMENT_WRONG && e->parent >= 0)
      entry = (uint32_t)e->parent;
    char *text = pymm_entry_render(engine, entry, markup);
    char *link = pymm_entry_link(engine, entry);
    pymm_buf_printf(&b, "\n%s", text ? text : "");
    if (link) pymm_buf_printf(&b, "\n%s\n", link);
    free(text);
    free(link);
  }
  return pymm_buf_take(&b);
}
