#include "pymm/python.h"

#include <stdlib.h>
#include <string.h>

#include "python_internal.h"

struct pymm_document {
  pymm_text *text;
  TSParser *parser;
  TSTree *tree;
  bool dirty; /* edits applied to 'tree' with ts_tree_edit, not yet reparsed */
  uint32_t parses;
  pymm_types *types;    /* type facts of the current tree, built on first use */
  pymm_changes changes; /* since the last pymm_document_take_changes() */
};

/* Widens the changed span to cover bytes [start, end) of the current text. */
static void changes_cover(pymm_changes *c, uint32_t start, uint32_t end) {
  if (c->replaced) return;
  if (!c->changed) {
    c->changed = true;
    c->start = start;
    c->end = end;
    return;
  }
  if (start < c->start) c->start = start;
  if (end > c->end) c->end = end;
}

static const char *read_text(void *payload, uint32_t offset, TSPoint point, uint32_t *bytes_read) {
  (void)point;
  const pymm_text *text = payload;
  uint32_t length = pymm_text_length(text);
  if (offset >= length) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = length - offset;
  return pymm_text_data(text) + offset;
}

static void reparse(pymm_document *doc) {
  TSInput input = {doc->text, read_text, TSInputEncodingUTF8};
  /* A fresh scanner for every parse. The Python scanner's "inside an f-string" flag survives a parse that
   * ends inside an unclosed f-string, and a reset does not clear it: the next parse of the text, with the
   * quote deleted, then finds no dedent and turns the code below into an ERROR. Setting the language again
   * makes a new scanner (about 50 ns). */
  ts_parser_set_language(doc->parser, tree_sitter_python());
  TSTree *tree = ts_parser_parse(doc->parser, doc->tree, input);
  if (doc->tree && doc->changes.changed && !doc->changes.replaced) {
    /* Structure can change beyond the edited bytes (an unclosed bracket): widen the span to cover it. */
    uint32_t count = 0;
    TSRange *ranges = ts_tree_get_changed_ranges(doc->tree, tree, &count);
    for (uint32_t i = 0; i < count; i++) changes_cover(&doc->changes, ranges[i].start_byte, ranges[i].end_byte);
    free(ranges);
  }
  ts_tree_delete(doc->tree);
  doc->tree = tree;
  doc->dirty = false;
  doc->parses++;
}

static void forget_facts(pymm_document *doc) {
  pymm_types__free(doc->types);
  doc->types = NULL;
}

pymm_document *pymm_document_new(const char *s, size_t length) {
  pymm_document *doc = pymm_calloc(1, sizeof *doc);
  doc->text = pymm_text_new(s, length);
  doc->parser = ts_parser_new(); /* its language is set by each reparse */
  doc->changes.changed = doc->changes.replaced = true;
  reparse(doc);
  return doc;
}

pymm_document *pymm_document_copy(pymm_document *doc) {
  const TSTree *tree = pymm_document_tree(doc);
  pymm_document *copy = pymm_calloc(1, sizeof *copy);
  copy->text = pymm_text_new(pymm_text_data(doc->text), pymm_text_length(doc->text));
  copy->parser = ts_parser_new(); /* its language is set by each reparse */
  copy->tree = ts_tree_copy(tree);
  copy->parses = doc->parses;
  copy->changes.changed = copy->changes.replaced = true;
  return copy;
}

void pymm_document_free(pymm_document *doc) {
  if (!doc) return;
  forget_facts(doc);
  ts_tree_delete(doc->tree);
  ts_parser_delete(doc->parser);
  pymm_text_free(doc->text);
  free(doc);
}

bool pymm_document_apply_change(pymm_document *doc, uint32_t start, uint32_t end, const char *s, size_t length) {
  pymm_text_edit edit;
  if (!pymm_text_replace(doc->text, start, end, s, length, &edit)) return false;
  /* tree-sitter reuses a token unless the edit touches the bytes its lexer looked at, and a token that ends
   * before an unfinished UTF-8 sequence looked only at the bytes the sequence had: an edit that completes
   * it ("w\xE2\x80" then "\x8D", one identifier now) is told to start at the sequence's first byte. */
  const char *data = pymm_text_data(doc->text);
  uint32_t back = edit.start_byte;
  while (back > 0 && edit.start_byte - back < 3 && ((unsigned char)data[back - 1] & 0xC0) == 0x80) back--;
  if (back > 0 && ((unsigned char)data[back - 1] & 0xC0) == 0xC0) {
    edit.start_point.column -= edit.start_byte - (back - 1); /* the same row: those bytes are no line break */
    edit.start_byte = back - 1;
  }
  TSInputEdit ts_edit = {
      .start_byte = edit.start_byte,
      .old_end_byte = edit.old_end_byte,
      .new_end_byte = edit.new_end_byte,
      .start_point = {edit.start_point.row, edit.start_point.column},
      .old_end_point = {edit.old_end_point.row, edit.old_end_point.column},
      .new_end_point = {edit.new_end_point.row, edit.new_end_point.column},
  };
  ts_tree_edit(doc->tree, &ts_edit);
  /* The old span moves with the edit: its end shifts when after the replaced bytes, and is cut to the
   * inserted text when inside them. */
  pymm_changes *c = &doc->changes;
  int64_t delta = (int64_t)edit.new_end_byte - (int64_t)edit.old_end_byte;
  if (c->changed && !c->replaced) {
    if (c->start > edit.start_byte)
      c->start = c->start >= edit.old_end_byte ? (uint32_t)(c->start + delta) : edit.start_byte;
    if (c->end > edit.start_byte) c->end = c->end >= edit.old_end_byte ? (uint32_t)(c->end + delta) : edit.new_end_byte;
  }
  changes_cover(c, edit.start_byte, edit.new_end_byte);
  c->delta += delta;
  doc->dirty = true;
  forget_facts(doc);
  return true;
}

void pymm_document_set_text(pymm_document *doc, const char *s, size_t length) {
  pymm_text_free(doc->text);
  doc->text = pymm_text_new(s, length);
  ts_tree_delete(doc->tree);
  doc->tree = NULL;
  forget_facts(doc);
  doc->changes.changed = doc->changes.replaced = true;
  reparse(doc);
}

const pymm_text *pymm_document_text(const pymm_document *doc) { return doc->text; }

const TSTree *pymm_document_tree(pymm_document *doc) {
  if (doc->dirty) reparse(doc);
  return doc->tree;
}

uint32_t pymm_document_parse_count(const pymm_document *doc) { return doc->parses; }

pymm_changes pymm_document_take_changes(pymm_document *doc) {
  if (doc->dirty) reparse(doc);
  pymm_changes c = doc->changes;
  memset(&doc->changes, 0, sizeof doc->changes);
  return c;
}

pymm_types *pymm_document__types(pymm_document *doc) {
  if (!doc->types) doc->types = pymm_types__new(doc);
  return doc->types;
}

char *pymm_node_text(const pymm_document *doc, TSNode node) {
  uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  uint32_t length = pymm_text_length(doc->text);
  if (end > length) end = length;
  if (start > end) start = end;
  return pymm_strndup(pymm_text_data(doc->text) + start, end - start);
}

bool pymm_node_text_eq(const pymm_document *doc, TSNode node, const char *s) {
  uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  size_t n = strlen(s);
  return end - start == n && end <= pymm_text_length(doc->text) && memcmp(pymm_text_data(doc->text) + start, s, n) == 0;
}

TSNode pymm_document_node_at(pymm_document *doc, uint32_t offset) {
  TSNode root = ts_tree_root_node(pymm_document_tree(doc));
  TSNode node = ts_node_named_descendant_for_byte_range(root, offset, offset);
  return ts_node_is_null(node) ? root : node;
}
