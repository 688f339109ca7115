/* Diagnostics: run the rule query over a document, let each rule's check confirm the match and build its
 * fix, then drop what "# noqa" silences. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_internal.h"

static bool code_matches(const char *code, const char *selector) {
  if (!selector || !selector[0]) return false;
  if (pymm_ascii_ieq(selector, "ALL")) return true;
  size_t n = strlen(selector);
  return strlen(code) >= n && pymm_ascii_istr(code, selector) == code;
}

static bool any_matches(const char *code, const char *const *list) {
  for (const char *const *s = list; s && *s; s++)
    if (code_matches(code, *s)) return true;
  return false;
}

bool pymm_rule_selected(const pymm_rule *rule, const pymm_rule_filter *filter) {
  if (!filter) return true;
  bool selected = !filter->select || !filter->select[0] || any_matches(rule->code, filter->select);
  return selected && !any_matches(rule->code, filter->ignore);
}

typedef struct run_state {
  rule_context context;
  const pymm_rule_filter *filter;
  pymm_diagnostics *out;
  size_t cap;
  uint32_t start, end; /* only the matches that start here */
  /* False in a document holding a NUL byte: an edit's text is a C string, so a fix (or the fix-all edit) that
   * copies such text would cut it short and lose the rest. Python itself refuses such a file. */
  bool fixable;
} run_state;

static bool visit(const pymm_match *m, void *data) {
  run_state *st = data;
  const pymm_rule *rule = pymm_rules_find(st->context.engine->rules, m->name);
  if (!rule || !pymm_rule_selected(rule, st->filter)) return true;
  pymm_diagnostic d = {.rule = rule, .start = node_start(m->node), .end = node_end(m->node)};
  if (d.start < st->start || d.start >= st->end) return true;
  d.fix.safety = rule->fix;
  rule_check check = pymm_rules__check(rule->code);
  if (check && !check(&st->context, m, &d)) {
    pymm_fix__clear(&d.fix);
    return true;
  }
  if (rule->fix == PYMM_FIX_NONE || !st->fixable) pymm_fix__clear(&d.fix);
  pymm_fix__finish(&d.fix);
  if (d.fix.edit_count == 0) d.fix.safety = PYMM_FIX_NONE;
  PYMM_GROW(st->out->items, st->cap, st->out->count + 1);
  st->out->items[st->out->count++] = d;
  return true;
}

static int compare_diagnostics(const void *a, const void *b) {
  const pymm_diagnostic *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  int k = strcmp(x->rule->code, y->rule->code);
  if (k) return k;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  return 0;
}

/* True when the "# noqa" comment on the line of 'offset' silences 'rule'. */
static bool silenced(const rule_context *c, pymm_document *doc, const pymm_rule *rule, uint32_t offset) {
  uint32_t start = pymm_rules__line_start(c, offset), end = pymm_rules__line_end(c, offset);
  for (uint32_t at = start; at < end; at++) {
    if (c->src[at] != '#') continue;
    TSNode node = pymm_document_node_at(doc, at);
    if (!node_is(node, "comment") || node_start(node) != at) continue;
    /* A comment: find "noqa" in it. */
    uint32_t cend = node_end(node) < end ? node_end(node) : end;
    for (uint32_t p = at + 1; p + 4 <= cend; p++) {
      if (!(pymm_ascii_istr(c->src + p, "noqa") == c->src + p)) continue;
      if (p > at + 1 && c->src[p - 1] != ' ' && c->src[p - 1] != '#') continue;
      uint32_t q = p + 4;
      while (q < cend && c->src[q] == ' ') q++;
      if (q >= cend || c->src[q] != ':') return true; /* bare "# noqa" */
      q++;
      /* Codes: letters followed by digits, separated by commas or spaces. */
      while (q < cend) {
        while (q < cend && (c->src[q] == ' ' || c->src[q] == ',')) q++;
        uint32_t w = q;
        while (q < cend && ((c->src[q] >= 'A' && c->src[q] <= 'Z') || (c->src[q] >= '0' && c->src[q] <= '9') ||
                            (c->src[q] >= 'a' && c->src[q] <= 'z')))
          q++;
        if (q == w) break;
        char code[32];
        snprintf(code, sizeof code, "%.*s", (int)(q - w), c->src + w);
        if (pymm_ascii_ieq(code, rule->code)) return true;
        for (const char *const *e = rule->equivalents; *e; e++)
          if (pymm_ascii_ieq(code, *e)) return true;
      }
      return false;
    }
    return false;
  }
  return false;
}

/* Whether the findings get fixes: edit texts are C strings, so a NUL byte in the text would cut a fix short,
 * and the filter can leave them out. */
static bool fixes_allowed(pymm_document *doc, const pymm_rule_filter *filter) {
  return !pymm_text_has_nul(pymm_document_text(doc)) && !(filter && filter->no_fixes);
}

/* The diagnostics of the matches that start in bytes [start, end): sorted, without duplicates or what
 * "# noqa" silences. The checks see the whole document. */
static pymm_diagnostics *collect(const pymm_engine *engine, pymm_document *doc, const pymm_rule_filter *filter,
                                 uint32_t start, uint32_t end) {
  pymm_diagnostics *out = pymm_calloc(1, sizeof *out);
  const pymm_text *text = pymm_document_text(doc);
  run_state st = {.filter = filter, .out = out, .start = start, .end = end};
  st.context.engine = engine;
  st.context.doc = doc;
  st.context.root = ts_tree_root_node(pymm_document_tree(doc));
  st.context.src = pymm_text_data(text);
  st.context.length = pymm_text_length(text);
  st.fixable = fixes_allowed(doc, filter);
  out->without_fixes = !st.fixable;
  if (start < end) pymm_query_run(engine->rule_query, doc, start, end, visit, &st);
  if (out->count > 1) qsort(out->items, out->count, sizeof *out->items, compare_diagnostics);
  /* Drop duplicates (two patterns of one rule on the same node) and what "# noqa" silences. */
  size_t kept = 0;
  for (size_t i = 0; i < out->count; i++) {
    pymm_diagnostic *d = &out->items[i];
    bool duplicate = kept > 0 && out->items[kept - 1].rule == d->rule && out->items[kept - 1].start == d->start &&
                     out->items[kept - 1].end == d->end;
    if (duplicate || silenced(&st.context, doc, d->rule, d->start)) {
      pymm_fix__clear(&d->fix);
      continue;
    }
    out->items[kept++] = *d;
  }
  out->count = kept;
  pymm_rules__context_free(&st.context);
  return out;
}

/* ---- the outline: what the rules of one top-level statement may read of the others ----------------- */

static bool is_definition(TSNode n) {
  return node_is(n, "function_definition") || node_is(n, "class_definition") || node_is(n, "decorated_definition");
}

/* How often 'word' occurs in s[0..n) (as a substring: a fingerprint need not be exact, only change when the
 * word comes or goes). */
static uint32_t occurrences(const char *s, size_t n, const char *word) {
  uint32_t count = 0;
  size_t k = strlen(word);
  const char *stop = s + n;
  for (const char *p = s; p + k <= stop && (p = memchr(p, word[0], (size_t)(stop - p) - k + 1)); p++)
    if (!memcmp(p, word, k)) count++;
  return count;
}

/* A statement's part of the outline. A function contributes its name, whether it is async and, of its body,
 * only what the rules read across statements: whether it yields (a coroutine or an async generator), declares
 * globals, defines async functions. A class contributes its name, its bases and its members. Decorators are
 * kept whole; anything else contributes its whole text. */
static uint64_t outline_of(const char *src, TSNode n, uint64_t h) {
  const char *type = ts_node_type(n);
  h = pymm_hash(h, type, strlen(type));
  if (node_is(n, "decorated_definition")) {
    TSNode definition = node_field(n, "definition");
    h = pymm_hash(h, src + node_start(n), node_start(definition) - node_start(n));
    return outline_of(src, definition, h);
  }
  TSNode body = is_definition(n) ? node_field(n, "body") : (TSNode){0}, name = node_field(n, "name");
  if (ts_node_is_null(body) || ts_node_is_null(name))
    return pymm_hash(h, src + node_start(n), node_end(n) - node_start(n));
  h = pymm_hash(h, src + node_start(n), node_start(name) - node_start(n)); /* "async def", "class" */
  h = pymm_hash(h, src + node_start(name), node_end(name) - node_start(name));
  if (node_is(n, "class_definition")) {
    TSNode bases = node_field(n, "superclasses");
    if (!ts_node_is_null(bases)) h = pymm_hash(h, src + node_start(bases), node_end(bases) - node_start(bases));
    TSTreeCursor members = ts_tree_cursor_new(body);
    for (bool more = ts_tree_cursor_goto_first_child(&members); more; more = ts_tree_cursor_goto_next_sibling(&members))
      if (ts_node_is_named(ts_tree_cursor_current_node(&members)))
        h = outline_of(src, ts_tree_cursor_current_node(&members), h);
    ts_tree_cursor_delete(&members);
    return h;
  }
  const char *text = src + node_start(body);
  size_t length = node_end(body) - node_start(body);
  uint32_t words[] = {occurrences(text, length, "yield"), occurrences(text, length, "global"),
                      occurrences(text, length, "nonlocal"), occurrences(text, length, "async")};
  return pymm_hash(h, words, sizeof words);
}

/* One top-level statement's part of the outline. */
typedef struct outline_part {
  uint32_t start, end;
  uint64_t hash;
} outline_part;

typedef struct pymm_outline {
  outline_part *parts; /* in document order */
  size_t count, cap;
} pymm_outline;

static void outline_add(pymm_outline *o, const char *src, TSNode statement) {
  PYMM_GROW(o->parts, o->cap, o->count + 1);
  outline_part part = {node_start(statement), node_end(statement), outline_of(src, statement, PYMM_HASH_SEED)};
  o->parts[o->count++] = part;
}

/* The parts of the top-level statements that touch bytes [start, end] (all with 0, UINT32_MAX); '*first' and
 * '*last' widen to cover them. A cursor, not ts_node_child(root, i), which walks from the first child. */
static void outline_statements(pymm_document *doc, uint32_t start, uint32_t end, pymm_outline *o, uint32_t *first,
                               uint32_t *last) {
  const char *src = pymm_text_data(pymm_document_text(doc));
  TSTreeCursor statements = ts_tree_cursor_new(ts_tree_root_node(pymm_document_tree(doc)));
  for (bool more = ts_tree_cursor_goto_first_child(&statements); more;
       more = ts_tree_cursor_goto_next_sibling(&statements)) {
    TSNode statement = ts_tree_cursor_current_node(&statements);
    if (node_end(statement) < start) continue;
    if (node_start(statement) > end) break;
    outline_add(o, src, statement);
    if (node_start(statement) < *first) *first = node_start(statement);
    if (node_end(statement) > *last) *last = node_end(statement);
  }
  ts_tree_cursor_delete(&statements);
}

static void outline_free(pymm_outline *o) {
  if (!o) return;
  free(o->parts);
  free(o);
}

/* One half of a run on a thread of its own, over a copy of the document: its findings and its part of the
 * outline (the statements from 'start' on). */
typedef struct half_run {
  const pymm_engine *engine;
  pymm_document *doc; /* owned: a copy */
  const pymm_rule_filter *filter;
  uint32_t start, end;
  pymm_diagnostics *out;
  pymm_outline outline;
} half_run;

static void *run_half(void *arg) {
  half_run *h = arg;
  h->out = collect(h->engine, h->doc, h->filter, h->start, h->end);
  uint32_t first = 0, last = 0;
  outline_statements(h->doc, h->start, UINT32_MAX, &h->outline, &first, &last);
  return NULL;
}

/* With two threads (pymm_engine_set_run_threads), a large document is checked in two halves, split between
 * top-level statements, the second on another thread over a copy of the document (the facts the checks memoise are per
 * document). The halves find what one run finds: a finding lies inside one top-level statement. */
enum { SPLIT_BYTES = 32 * 1024 };

/* The findings over the whole document, and its outline. */
static pymm_diagnostics *collect_all(const pymm_engine *engine, pymm_document *doc, const pymm_rule_filter *filter) {
  uint32_t length = pymm_text_length(pymm_document_text(doc)), middle = 0, first = 0, last = 0;
  if (engine->run_threads >= 2 && length >= SPLIT_BYTES) {
    TSTreeCursor statements = ts_tree_cursor_new(ts_tree_root_node(pymm_document_tree(doc)));
    for (bool more = ts_tree_cursor_goto_first_child(&statements); more && middle < length / 2;
         more = ts_tree_cursor_goto_next_sibling(&statements))
      middle = node_start(ts_tree_cursor_current_node(&statements));
    ts_tree_cursor_delete(&statements);
  }
  pthread_t thread;
  half_run second = {.engine = engine, .filter = filter, .start = middle, .end = length};
  bool split = middle > 0 && middle < length &&
               (second.doc = pymm_document_copy(doc), pthread_create(&thread, NULL, run_half, &second) == 0);
  pymm_diagnostics *out = collect(engine, doc, filter, 0, split ? middle : length);
  out->outline = pymm_calloc(1, sizeof *out->outline);
  outline_statements(doc, 0, split ? middle - 1 : UINT32_MAX, out->outline, &first, &last);
  if (!split) {
    pymm_document_free(second.doc); /* made, but no thread to read it */
    return out;
  }
  pthread_join(thread, NULL);
  pymm_document_free(second.doc);
  size_t cap = out->count;
  PYMM_GROW(out->items, cap, out->count + second.out->count);
  if (second.out->count) memcpy(out->items + out->count, second.out->items, second.out->count * sizeof *out->items);
  out->count += second.out->count;
  second.out->count = 0;
  pymm_diagnostics_free(second.out);
  /* A statement that ends where the second half starts is in both outlines. */
  for (size_t i = 0; i < second.outline.count; i++) {
    if (second.outline.parts[i].start < middle) continue;
    PYMM_GROW(out->outline->parts, out->outline->cap, out->outline->count + 1);
    out->outline->parts[out->outline->count++] = second.outline.parts[i];
  }
  free(second.outline.parts);
  return out;
}

pymm_diagnostics *pymm_diagnostics_run(const pymm_engine *engine, pymm_document *doc, const pymm_rule_filter *filter) {
  pymm_document_take_changes(doc);
  return collect_all(engine, doc, filter);
}

/* Moves what of 'd' and its fix lies at or after 'from' by 'delta' bytes. */
static void shift(pymm_diagnostic *d, uint32_t from, int64_t delta) {
  if (d->start >= from) {
    d->start = (uint32_t)(d->start + delta);
    d->end = (uint32_t)(d->end + delta);
  }
  for (size_t k = 0; k < d->fix.edit_count; k++) {
    if (d->fix.edits[k].start < from) continue;
    d->fix.edits[k].start = (uint32_t)(d->fix.edits[k].start + delta);
    d->fix.edits[k].end = (uint32_t)(d->fix.edits[k].end + delta);
  }
}

pymm_diagnostics *pymm_diagnostics_update(const pymm_engine *engine, pymm_document *doc, pymm_diagnostics *previous,
                                          const pymm_rule_filter *filter) {
  pymm_changes changes = pymm_document_take_changes(doc);
  if (!previous || !previous->outline || changes.replaced) goto full;
  if (previous->without_fixes == fixes_allowed(doc, filter)) goto full; /* the kept findings' fixes would be wrong */
  if (!changes.changed) return previous;
  /* The region to check again: the top-level statements that the changed bytes touch, [start, end) now and
   * [start, old_end) before. Their outline must be what it was, else the change can reach further. */
  uint32_t start = changes.start, end = changes.end;
  pymm_outline region = {0};
  outline_statements(doc, changes.start, changes.end, &region, &start, &end);
  uint32_t old_end = (uint32_t)(end - changes.delta);
  const pymm_outline *old = previous->outline;
  size_t first = 0, after = 0;
  while (first < old->count && old->parts[first].end <= start) first++;
  for (after = first; after < old->count && old->parts[after].start < old_end; after++) {
  }
  bool same = after - first == region.count && (first == old->count || old->parts[first].start >= start) &&
              (after == first || old->parts[after - 1].end <= old_end);
  for (size_t i = 0; same && i < region.count; i++) same = old->parts[first + i].hash == region.parts[i].hash;
  if (!same) {
    free(region.parts);
    goto full;
  }
  /* What lay outside the region is kept, moved by the edits when after it; a fix that reaches into the
   * region (an import at the top for a finding below) cannot be kept. */
  for (size_t i = 0; i < previous->count; i++) {
    const pymm_diagnostic *d = &previous->items[i];
    bool outside = d->start < start ? d->end <= start : d->start >= old_end;
    if (!outside) continue;
    for (size_t k = 0; k < d->fix.edit_count; k++)
      if (d->fix.edits[k].end > start && d->fix.edits[k].start < old_end) {
        free(region.parts);
        goto full;
      }
  }
  /* The outline: the parts before, the region's, the parts after moved. */
  pymm_outline *outline = pymm_calloc(1, sizeof *outline);
  outline->cap = old->count - (after - first) + region.count;
  outline->parts = pymm_calloc(outline->cap ? outline->cap : 1, sizeof *outline->parts);
  if (first) memcpy(outline->parts, old->parts, first * sizeof *old->parts); /* an empty file has no parts */
  if (region.count) memcpy(outline->parts + first, region.parts, region.count * sizeof *region.parts);
  outline->count = first + region.count;
  for (size_t i = after; i < old->count; i++) {
    outline_part part = old->parts[i];
    part.start = (uint32_t)(part.start + changes.delta);
    part.end = (uint32_t)(part.end + changes.delta);
    outline->parts[outline->count++] = part;
  }
  free(region.parts);

  pymm_diagnostics *fresh = collect(engine, doc, filter, start, end);
  pymm_diagnostics *out = pymm_calloc(1, sizeof *out);
  out->outline = outline;
  out->incremental = true;
  out->without_fixes = previous->without_fixes;
  size_t cap = 0, next = 0;
  for (size_t i = 0; i <= previous->count; i++) {
    pymm_diagnostic *d = i < previous->count ? &previous->items[i] : NULL;
    if (!d || d->start >= start) /* the region's findings go in order, before the kept ones after it */
      for (; next < fresh->count; next++) {
        PYMM_GROW(out->items, cap, out->count + 1);
        out->items[out->count++] = fresh->items[next];
      }
    if (!d) break;
    bool before = d->start < start && d->end <= start;
    if (!before && d->start < old_end) {
      pymm_fix__clear(&d->fix);
      continue;
    }
    shift(d, old_end, changes.delta);
    PYMM_GROW(out->items, cap, out->count + 1);
    out->items[out->count++] = *d;
  }
  fresh->count = 0;
  pymm_diagnostics_free(fresh);
  outline_free(previous->outline);
  free(previous->items);
  free(previous);
  return out;
full:
  pymm_diagnostics_free(previous);
  return pymm_diagnostics_run(engine, doc, filter);
}

void pymm_diagnostics_free(pymm_diagnostics *diagnostics) {
  if (!diagnostics) return;
  for (size_t i = 0; i < diagnostics->count; i++) pymm_fix__clear(&diagnostics->items[i].fix);
  free(diagnostics->items);
  outline_free(diagnostics->outline);
  free(diagnostics);
}
