/* Fix building: tree and text helpers, edits, import insertion, and fix-all. */
#include <stdlib.h>

#include "rules_internal.h"

/* ---- tree and text helpers --------------------------------------------------------------------- */

bool pymm_rules__text_eq(const rule_context *c, TSNode n, const char *s) {
  return !ts_node_is_null(n) && pymm_node_text_eq(c->doc, n, s);
}

bool pymm_rules__same_text(const rule_context *c, TSNode a, TSNode b) {
  uint32_t la = node_end(a) - node_start(a), lb = node_end(b) - node_start(b);
  return la == lb && node_end(a) <= c->length && node_end(b) <= c->length &&
         memcmp(c->src + node_start(a), c->src + node_start(b), la) == 0;
}

char *pymm_rules__text(const rule_context *c, TSNode n) { return pymm_node_text(c->doc, n); }

bool pymm_rules__has_comment(TSNode n) {
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++) {
    TSNode child = ts_node_named_child(n, i);
    if (node_is(child, "comment") || pymm_rules__has_comment(child)) return true;
  }
  return false;
}

uint32_t pymm_rules__line_start(const rule_context *c, uint32_t offset) {
  if (offset > c->length) offset = c->length;
  while (offset > 0 && c->src[offset - 1] != '\n' && c->src[offset - 1] != '\r') offset--;
  return offset;
}

uint32_t pymm_rules__line_end(const rule_context *c, uint32_t offset) {
  while (offset < c->length && c->src[offset] != '\n' && c->src[offset] != '\r') offset++;
  return offset;
}

char *pymm_rules__indent(const rule_context *c, uint32_t offset) {
  uint32_t start = pymm_rules__line_start(c, offset), end = start;
  while (end < c->length && (c->src[end] == ' ' || c->src[end] == '\t')) end++;
  return pymm_strndup(c->src + start, end - start);
}

char *pymm_rules__indent_unit(const rule_context *c, TSNode outer, TSNode block) {
  char *a = pymm_rules__indent(c, node_start(outer)), *b = pymm_rules__indent(c, node_start(block));
  size_t la = strlen(a), lb = strlen(b);
  char *unit = lb > la && strncmp(a, b, la) == 0 &&
                       pymm_rules__line_start(c, node_start(block)) != pymm_rules__line_start(c, node_start(outer))
                   ? pymm_strdup(b + la)
                   : pymm_strdup("    ");
  free(a);
  free(b);
  return unit;
}

bool pymm_rules__uses_name(const rule_context *c, TSNode n, const char *name) {
  if (node_is(n, "identifier")) return pymm_rules__text_eq(c, n, name);
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++)
    if (pymm_rules__uses_name(c, ts_node_named_child(n, i), name)) return true;
  return false;
}

/* ---- edits ------------------------------------------------------------------------------------- */

void pymm_fix__add(pymm_fix *fix, uint32_t start, uint32_t end, const char *text) {
  fix->edits = pymm_realloc(fix->edits, (fix->edit_count + 1) * sizeof *fix->edits);
  fix->edits[fix->edit_count++] = (pymm_edit){start, end, pymm_strdup(text)};
}

void pymm_fix__clear(pymm_fix *fix) {
  for (size_t i = 0; i < fix->edit_count; i++) free(fix->edits[i].text);
  free(fix->edits);
  fix->edits = NULL;
  fix->edit_count = 0;
}

static int compare_edits(const void *a, const void *b) {
  const pymm_edit *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  return 0;
}

bool pymm_fix__finish(pymm_fix *fix) {
  if (fix->edit_count > 1) qsort(fix->edits, fix->edit_count, sizeof *fix->edits, compare_edits);
  for (size_t i = 1; i < fix->edit_count; i++) {
    const pymm_edit *a = &fix->edits[i - 1], *b = &fix->edits[i];
    if (b->start < a->end || (a->start == a->end && b->start == b->end && a->start == b->start)) {
      pymm_fix__clear(fix);
      return false;
    }
  }
  return true;
}

char *pymm_edits_apply(const char *text, size_t length, const pymm_edit *edits, size_t count, size_t *out_length) {
  pymm_buf b = {0};
  size_t at = 0;
  for (size_t i = 0; i < count; i++) {
    size_t start = edits[i].start < length ? edits[i].start : length;
    size_t end = edits[i].end < length ? edits[i].end : length;
    if (start < at) start = at;
    if (end < start) end = start;
    pymm_buf_append(&b, text + at, start - at);
    pymm_buf_puts(&b, edits[i].text);
    at = end;
  }
  pymm_buf_append(&b, text + at, length - at);
  if (out_length) *out_length = b.len;
  return pymm_buf_take(&b);
}

/* ---- imports ----------------------------------------------------------------------------------- */

static bool is_docstring(TSNode statement) {
  if (!node_is(statement, "expression_statement") || ts_node_named_child_count(statement) != 1) return false;
  TSNode value = ts_node_named_child(statement, 0);
  return node_is(value, "string") || node_is(value, "concatenated_string");
}

static bool is_import(TSNode statement) {
  return node_is(statement, "import_statement") || node_is(statement, "import_from_statement") ||
         node_is(statement, "future_import_statement");
}

/* Where a new import goes: after the module docstring, the __future__ imports and the imports at the top. */
static uint32_t import_offset(const rule_context *c, const char **prefix) {
  *prefix = "";
  uint32_t count = ts_node_named_child_count(c->root);
  int32_t last = -1;
  int32_t first_statement = -1;
  for (uint32_t i = 0; i < count; i++) {
    TSNode child = ts_node_named_child(c->root, i);
    if (node_is(child, "comment")) continue;
    if (first_statement < 0) first_statement = (int32_t)i;
    if ((first_statement == (int32_t)i && is_docstring(child)) || is_import(child)) {
      last = (int32_t)i;
      continue;
    }
    break;
  }
  if (last < 0) {
    if (first_statement < 0) {
      if (c->length && c->src[c->length - 1] != '\n') *prefix = "\n";
      return c->length;
    }
    return pymm_rules__line_start(c, node_start(ts_node_named_child(c->root, (uint32_t)first_statement)));
  }
  uint32_t end = pymm_rules__line_end(c, node_end(ts_node_named_child(c->root, (uint32_t)last)));
  if (end >= c->length) {
    *prefix = "\n";
    return c->length;
  }
  if (c->src[end] == '\r' && end + 1 < c->length && c->src[end + 1] == '\n') end++;
  return end + 1;
}

/* The dotted name of an import, or NULL. Caller frees. */
static char *dotted(const rule_context *c, TSNode n) {
  return node_is(n, "dotted_name") ? pymm_rules__text(c, n) : NULL;
}

/* Looks for an existing top-level import that makes 'name' of 'module' (or the module itself when 'name' is
 * NULL) usable; returns what to write, or NULL. Caller frees. */
static char *existing_import(const rule_context *c, const char *module, const char *name) {
  uint32_t count = ts_node_named_child_count(c->root);
  char *found = NULL;
  for (uint32_t i = 0; i < count && !found; i++) {
    TSNode s = ts_node_named_child(c->root, i);
    if (node_is(s, "import_statement")) {
      uint32_t n = ts_node_named_child_count(s);
      for (uint32_t k = 0; k < n && !found; k++) {
        TSNode item = ts_node_named_child(s, k);
        TSNode dn = node_is(item, "aliased_import") ? node_field(item, "name") : item;
        char *text = dotted(c, dn);
        if (text && !strcmp(text, module)) {
          char *as =
              node_is(item, "aliased_import") ? pymm_rules__text(c, node_field(item, "alias")) : pymm_strdup(module);
          pymm_buf b = {0};
          pymm_buf_puts(&b, as);
          if (name) pymm_buf_printf(&b, ".%s", name);
          found = pymm_buf_take(&b);
          free(as);
        }
        free(text);
      }
    } else if (name && node_is(s, "import_from_statement")) {
      char *from = dotted(c, node_field(s, "module_name"));
      if (from && !strcmp(from, module)) {
        uint32_t n = ts_node_named_child_count(s);
        for (uint32_t k = 1; k < n && !found; k++) {
          TSNode item = ts_node_named_child(s, k);
          TSNode dn = node_is(item, "aliased_import") ? node_field(item, "name") : item;
          if (!pymm_rules__text_eq(c, dn, name)) continue;
          found = node_is(item, "aliased_import") ? pymm_rules__text(c, node_field(item, "alias")) : pymm_strdup(name);
        }
      }
      free(from);
    }
  }
  return found;
}

static void add_import(const rule_context *c, pymm_fix *fix, const char *line) {
  const char *prefix;
  uint32_t at = import_offset(c, &prefix);
  pymm_buf b = {0};
  pymm_buf_printf(&b, "%s%s\n", prefix, line);
  pymm_fix__add(fix, at, at, b.data);
  pymm_buf_free(&b);
}

char *pymm_fix__import_from(const rule_context *c, pymm_fix *fix, const char *module, const char *name) {
  char *found = existing_import(c, module, name);
  if (found) return found;
  pymm_buf b = {0};
  pymm_buf_printf(&b, "from %s import %s", module, name);
  add_import(c, fix, b.data);
  pymm_buf_free(&b);
  return pymm_strdup(name);
}

char *pymm_fix__import_module(const rule_context *c, pymm_fix *fix, const char *module) {
  char *found = existing_import(c, module, NULL);
  if (found) return found;
  pymm_buf b = {0};
  pymm_buf_printf(&b, "import %s", module);
  add_import(c, fix, b.data);
  pymm_buf_free(&b);
  return pymm_strdup(module);
}

/* ---- fix-all ----------------------------------------------------------------------------------- */

static bool overlaps(const pymm_edit *a, const pymm_edit *b) {
  if (a->start == b->start && a->end == b->end) return strcmp(a->text, b->text) != 0; /* the same edit twice is one */
  if (a->start == a->end && b->start == b->end) return false;                         /* inserts at different places */
  return a->start < b->end && b->start < a->end;
}

static bool same_edit(const pymm_edit *a, const pymm_edit *b) {
  return a->start == b->start && a->end == b->end && !strcmp(a->text, b->text);
}

/* Adds the fix's edits to 'set' unless one overlaps an edit already there; identical edits are shared. */
static bool take_fix(const pymm_fix *fix, pymm_edit **set, size_t *count) {
  for (size_t i = 0; i < fix->edit_count; i++)
    for (size_t k = 0; k < *count; k++)
      if (overlaps(&fix->edits[i], &(*set)[k])) return false;
  for (size_t i = 0; i < fix->edit_count; i++) {
    bool shared = false;
    for (size_t k = 0; k < *count && !shared; k++) shared = same_edit(&fix->edits[i], &(*set)[k]);
    if (shared) continue;
    *set = pymm_realloc(*set, (*count + 1) * sizeof **set);
    (*set)[(*count)++] = fix->edits[i]; /* borrowed text */
  }
  return true;
}

/* The document of text[0..length) (taken: freed here), parsed. */
static pymm_document *parsed(char *text, size_t length) {
  pymm_document *doc = pymm_document_new(text, length);
  free(text);
  return doc;
}

static bool has_error(pymm_document *doc) { return ts_node_has_error(ts_tree_root_node(pymm_document_tree(doc))); }

static bool wanted(const pymm_diagnostic *d, bool unsafe) {
  return d->fix.edit_count > 0 && (d->fix.safety == PYMM_FIX_SAFE || (unsafe && d->fix.safety == PYMM_FIX_UNSAFE));
}

/* One round over 'doc' and its 'diagnostics' (NULL: found here): the document of the new text, or NULL when no
 * fix applies. Each text is parsed once: the parse that tells whether the fixes kept the file clean is the next
 * round's. */
static pymm_document *fix_round(const pymm_engine *engine, pymm_document *doc, const pymm_diagnostics *diagnostics,
                                const pymm_rule_filter *filter, bool unsafe, size_t *fixed) {
  const pymm_text *t = pymm_document_text(doc);
  const char *text = pymm_text_data(t);
  size_t length = pymm_text_length(t), new_length = 0;
  bool was_clean = !has_error(doc);
  pymm_diagnostics *found = diagnostics ? NULL : pymm_diagnostics_run(engine, doc, filter);
  const pymm_diagnostics *diags = diagnostics ? diagnostics : found;
  pymm_edit *set = NULL;
  size_t count = 0, taken = 0;
  pymm_document *next = NULL;
  for (size_t i = 0; i < diags->count; i++)
    if (wanted(&diags->items[i], unsafe) && take_fix(&diags->items[i].fix, &set, &count)) taken++;
  if (taken) {
    qsort(set, count, sizeof *set, compare_edits);
    char *applied = pymm_edits_apply(text, length, set, count, &new_length);
    next = parsed(applied, new_length);
    if (was_clean && has_error(next)) {
      /* Some fix breaks the parse: keep only the fixes that are clean on their own, one round at a time. */
      pymm_document_free(next);
      next = NULL;
      taken = 0;
      for (size_t i = 0; i < diags->count && !next; i++) {
        const pymm_diagnostic *d = &diags->items[i];
        if (!wanted(d, unsafe)) continue;
        applied = pymm_edits_apply(text, length, d->fix.edits, d->fix.edit_count, &new_length);
        next = parsed(applied, new_length);
        if (has_error(next)) {
          pymm_document_free(next);
          next = NULL;
        } else {
          taken = 1;
        }
      }
    }
  }
  free(set);
  *fixed += taken;
  pymm_diagnostics_free(found);
  return next;
}

static bool same_text(pymm_document *a, pymm_document *b) {
  const pymm_text *x = pymm_document_text(a), *y = pymm_document_text(b);
  return pymm_text_length(x) == pymm_text_length(y) &&
         !memcmp(pymm_text_data(x), pymm_text_data(y), pymm_text_length(x));
}

char *pymm_features__fix_all(const pymm_engine *engine, pymm_document *doc, const pymm_diagnostics *diagnostics,
                             const pymm_rule_filter *filter, bool unsafe, size_t *out_length, size_t *fixed) {
  size_t dummy = 0;
  if (!fixed) fixed = &dummy;
  *fixed = 0;
  pymm_document *current = doc; /* borrowed; the later rounds' are owned */
  for (int round = 0; round < 20; round++) {
    pymm_document *next = fix_round(engine, current, round == 0 ? diagnostics : NULL, filter, unsafe, fixed);
    if (!next) break;
    bool same = same_text(next, current);
    if (current != doc) pymm_document_free(current);
    current = next;
    if (same) break;
  }
  const pymm_text *t = pymm_document_text(current), *original = pymm_document_text(doc);
  size_t length = pymm_text_length(t);
  char *result = NULL;
  if (current != doc &&
      (length != pymm_text_length(original) || memcmp(pymm_text_data(t), pymm_text_data(original), length)))
    result = pymm_strndup(pymm_text_data(t), length);
  if (current != doc) pymm_document_free(current);
  if (out_length) *out_length = result ? length : pymm_text_length(original);
  return result;
}

char *pymm_fix_all(const pymm_engine *engine, const char *text, size_t length, const pymm_rule_filter *filter,
                   bool unsafe, size_t *out_length, size_t *fixed) {
  pymm_document *doc = pymm_document_new(text, length);
  char *result = pymm_features__fix_all(engine, doc, NULL, filter, unsafe, out_length, fixed);
  pymm_document_free(doc);
  return result;
}
