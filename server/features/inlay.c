/* Complexity inlay hints: "O(n)" after an operation whose guide table row is not constant time, when the
 * receiver's type is known; "O(n) per iteration" inside a loop. */
#include <stdlib.h>
#include <string.h>

#include "features_internal.h"

typedef struct collector {
  const pymm_engine *engine;
  pymm_inlay_hint *items;
  size_t count, cap;
} collector;

/* The first complexity of a row ("O(1) / O(n)" for a table with Average and Worst columns -> "O(1)"),
 * copied into 'out'; false when it is constant time or there is none. */
static bool nonconstant(const pymm_topic *topic, char *out, size_t cap) {
  if (!topic->complexity || topic->row < 0) return false;
  const char *end = strstr(topic->complexity, " / ");
  size_t n = end ? (size_t)(end - topic->complexity) : strlen(topic->complexity);
  if (n == 0 || n >= cap) return false;
  memcpy(out, topic->complexity, n);
  out[n] = '\0';
  return strncmp(out, "O(1)", 4) != 0;
}

/* True when 'node' runs once per iteration of a loop of its own function (not a loop around the def). */
static bool inside_loop(TSNode node) {
  for (TSNode p = ts_node_parent(node); !ts_node_is_null(p); p = ts_node_parent(p)) {
    const char *t = ts_node_type(p);
    if (!strcmp(t, "function_definition") || !strcmp(t, "lambda") || !strcmp(t, "class_definition")) return false;
    if (!strcmp(t, "for_statement") || !strcmp(t, "while_statement")) {
      /* The iterable of a for is evaluated once; only the body repeats. */
      TSNode body = ts_node_child_by_field_name(p, "body", 4);
      return !ts_node_is_null(body) && ts_node_start_byte(node) >= ts_node_start_byte(body);
    }
    if (!strcmp(t, "list_comprehension") || !strcmp(t, "set_comprehension") || !strcmp(t, "dictionary_comprehension") ||
        !strcmp(t, "generator_expression")) {
      TSNode body = ts_node_child_by_field_name(p, "body", 4);
      return !ts_node_is_null(body) && ts_node_start_byte(node) >= ts_node_start_byte(body) &&
             ts_node_end_byte(node) <= ts_node_end_byte(body);
    }
  }
  return false;
}

static bool collect(const pymm_match *m, void *context) {
  collector *c = context;
  if (m->hedged) return true; /* only where the receiver is known */
  const pymm_topic *topic = pymm_topics_find(c->engine->topics, m->name);
  char complexity[64];
  if (!topic || !nonconstant(topic, complexity, sizeof complexity)) return true;
  TSNode construct;
  if (!pymm_match_capture(m, "_construct", &construct)) construct = m->node;
  /* A hint after "sorted" of sorted(xs) would split the call: it goes after the whole call. */
  for (TSNode p = ts_node_parent(construct); !ts_node_is_null(p); p = ts_node_parent(p)) {
    if (strcmp(ts_node_type(p), "call") != 0 && strcmp(ts_node_type(p), "attribute") != 0) break;
    TSNode function = ts_node_child_by_field_name(p, "function", 8);
    TSNode object = ts_node_child_by_field_name(p, "attribute", 9);
    if (!ts_node_eq(function, construct) && !ts_node_eq(object, construct)) break;
    construct = p;
  }
  uint32_t offset = ts_node_end_byte(construct);
  /* One hint per construct: several patterns may match it; the earlier pattern wins, as in hover. */
  for (size_t i = 0; i < c->count; i++) {
    if (c->items[i].offset != offset) continue;
    if (m->pattern < c->items[i].pattern) {
      c->items[i].topic = topic;
      c->items[i].pattern = m->pattern;
    }
    return true;
  }
  PYMM_GROW(c->items, c->cap, c->count + 1);
  pymm_inlay_hint *h = &c->items[c->count++];
  memset(h, 0, sizeof *h);
  h->offset = offset;
  h->topic = topic;
  h->pattern = m->pattern;
  h->per_iteration = inside_loop(construct);
  return true;
}

static int by_offset(const void *a, const void *b) {
  const pymm_inlay_hint *x = a, *y = b;
  return x->offset < y->offset ? -1 : x->offset > y->offset;
}

size_t pymm_inlay_hints(const pymm_engine *engine, pymm_document *doc, uint32_t start, uint32_t end,
                        pymm_inlay_hint **hints) {
  collector c = {.engine = engine};
  const pymm_query *query = pymm_engine__hover(engine);
  if (query) pymm_query_run(query, doc, start, end, collect, &c);
  size_t kept = 0;
  for (size_t i = 0; i < c.count; i++) { /* the range asked for, by where the hint goes */
    if (c.items[i].offset < start || c.items[i].offset > end) continue;
    pymm_inlay_hint *h = &c.items[kept++];
    *h = c.items[i];
    char complexity[64];
    nonconstant(h->topic, complexity, sizeof complexity);
    snprintf(h->label, sizeof h->label, "%s%s", complexity, h->per_iteration ? " per iteration" : "");
  }
  if (kept > 1) qsort(c.items, kept, sizeof *c.items, by_offset);
  *hints = c.items;
  return kept;
}
