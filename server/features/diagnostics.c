/* Diagnostics: run the rule query over a document, let each rule's check confirm the match and build its
 * fix, then drop what "# noqa" silences. */
#include <stdio.h>
#include <stdlib.h>

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
} run_state;

static bool visit(const pymm_match *m, void *data) {
  run_state *st = data;
  const pymm_rule *rule = pymm_rules_find(st->context.engine->rules, m->name);
  if (!rule || !pymm_rule_selected(rule, st->filter)) return true;
  pymm_diagnostic d = {.rule = rule, .start = node_start(m->node), .end = node_end(m->node)};
  d.fix.safety = rule->fix;
  rule_check check = pymm_rules__check(rule->code);
  if (check && !check(&st->context, m, &d)) {
    pymm_fix__clear(&d.fix);
    return true;
  }
  if (rule->fix == PYMM_FIX_NONE) pymm_fix__clear(&d.fix);
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

pymm_diagnostics *pymm_diagnostics_run(const pymm_engine *engine, pymm_document *doc,
                                       const pymm_rule_filter *filter) {
  pymm_diagnostics *out = pymm_calloc(1, sizeof *out);
  const pymm_text *text = pymm_document_text(doc);
  run_state st = {.filter = filter, .out = out};
  st.context.engine = engine;
  st.context.doc = doc;
  st.context.root = ts_tree_root_node(pymm_document_tree(doc));
  st.context.src = pymm_text_data(text);
  st.context.length = pymm_text_length(text);
  pymm_query_run(engine->rule_query, doc, 0, st.context.length, visit, &st);
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

void pymm_diagnostics_free(pymm_diagnostics *diagnostics) {
  if (!diagnostics) return;
  for (size_t i = 0; i < diagnostics->count; i++) pymm_fix__clear(&diagnostics->items[i].fix);
  free(diagnostics->items);
  free(diagnostics);
}
