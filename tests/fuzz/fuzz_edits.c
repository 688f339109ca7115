/* A document under random incremental edits. After each edit its text must equal the same edits applied to a
 * plain copy, its line index and whether it holds a NUL byte must match the text, and positions must round-trip
 * in every encoding; after each burst the incrementally reparsed tree must equal a fresh parse of the same text.
 *
 * Input: the initial text up to the first 0xFF byte (never part of UTF-8), then edits, each
 *   flags:u8  a:u16  b:u16  n:u8  n bytes of inserted text
 * flags bit 0: a and b are LSP positions (line = high byte, character = low byte) in the encoding of bits
 * 1-2, as didChange sends them; else byte offsets (up to one past the end, to test clamping).
 * flags bit 3: check the tree now (else the edit joins a burst that is parsed once). */
#include <string.h>

#include "fuzz.h"
#include "pymm/python.h"

/* The plain copy: a byte array edited with memmove, nothing clever. */
typedef struct plain {
  char *data;
  size_t length;
} plain;

static void plain_replace(plain *p, uint32_t start, uint32_t end, const uint8_t *s, size_t n) {
  if (start > end) {
    uint32_t swap = start;
    start = end;
    end = swap;
  }
  if (end > p->length) end = (uint32_t)p->length;
  if (start > end) start = end;
  char *out = malloc(p->length - (end - start) + n + 1);
  memcpy(out, p->data, start);
  if (n) memcpy(out + start, s, n);
  memcpy(out + start + n, p->data + end, p->length - end);
  p->length = p->length - (end - start) + n;
  out[p->length] = '\0';
  free(p->data);
  p->data = out;
}

/* The line index agrees with the text: a line ends after "\n", "\r\n" or a lone "\r". */
static void check_lines(const pymm_text *t, const plain *p) {
  FUZZ_CHECK(pymm_text_length(t) == p->length);
  FUZZ_CHECK(memcmp(pymm_text_data(t), p->data, p->length) == 0);
  FUZZ_CHECK(pymm_text_data(t)[p->length] == '\0');
  FUZZ_CHECK(pymm_text_has_nul(t) == (memchr(p->data, '\0', p->length) != NULL));
  uint32_t line = 0;
  FUZZ_CHECK(pymm_text_line_start(t, 0) == 0);
  for (size_t i = 0; i < p->length; i++) {
    char c = p->data[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= p->length || p->data[i + 1] != '\n'))) {
      line++;
      FUZZ_CHECK(line < pymm_text_line_count(t));
      FUZZ_CHECK(pymm_text_line_start(t, line) == i + 1);
      FUZZ_CHECK(pymm_text_line_end(t, line - 1) <= i);
    }
  }
  FUZZ_CHECK(pymm_text_line_count(t) == line + 1);
  FUZZ_CHECK(pymm_text_line_end(t, line) == p->length);
}

/* Same lenient decoding as text/: a stray byte is one code point; a sequence is cut at the line's end. */
static uint32_t sequence_length(unsigned char c) {
  if (c >= 0xF0 && c <= 0xF4) return 4;
  if (c >= 0xE0) return c <= 0xEF ? 3 : 1;
  if (c >= 0xC2) return 2;
  return 1;
}

/* Every code point boundary of every line round-trips through an LSP position in each encoding, and an
 * offset inside a code point maps to a position that leads back to that code point's start (or its line's). */
static void check_positions(const pymm_text *t) {
  static const pymm_encoding encodings[] = {PYMM_ENCODING_UTF8, PYMM_ENCODING_UTF16, PYMM_ENCODING_UTF32};
  const char *s = pymm_text_data(t);
  for (uint32_t line = 0; line < pymm_text_line_count(t); line++) {
    uint32_t start = pymm_text_line_start(t, line), end = pymm_text_line_end(t, line);
    for (int e = 0; e < 3; e++) {
      /* Converting is linear in the line's length: on long lines check about 32 boundaries. */
      uint32_t i = start, stride = 1 + (end - start) / 32, k = 0;
      for (;; k++) {
        if (k % stride == 0 || i >= end) {
          pymm_position p = pymm_text_position(t, i, encodings[e]);
          FUZZ_CHECK(p.line == line);
          uint32_t back = UINT32_MAX;
          FUZZ_CHECK(pymm_text_offset(t, p, encodings[e], &back));
          if (encodings[e] != PYMM_ENCODING_UTF8) FUZZ_CHECK(back == i);
          else FUZZ_CHECK(back <= i && back >= start); /* utf-8 snaps back to a lead byte */
        }
        if (i >= end) break;
        uint32_t n = sequence_length((unsigned char)s[i]);
        if (i + n > end) n = end - i;
        i += n;
      }
      /* A character past the end of the line means the end of the line. */
      pymm_position past = {line, UINT32_MAX};
      uint32_t at;
      FUZZ_CHECK(pymm_text_offset(t, past, encodings[e], &at) && at == end);
    }
  }
  pymm_position beyond = {pymm_text_line_count(t), 0};
  uint32_t at;
  FUZZ_CHECK(!pymm_text_offset(t, beyond, PYMM_ENCODING_UTF16, &at) && at == pymm_text_length(t));
}

static bool starred(TSNode node) {
  const char *type = ts_node_type(node);
  return !strcmp(type, "list_splat") || !strcmp(type, "list_splat_pattern");
}

/* Two trees are equal: same node kinds, byte ranges, points and MISSING flags, recursively. One exception:
 * where the grammar lets a starred expression bind two ways without an error ("*a.b()" as a statement, which
 * Python rejects: "(*a).b()" or "*(a.b())"), tree-sitter's reuse of nodes under a grammar conflict may pick
 * the other way than a fresh parse (a known limitation of its runtime), so a difference at a starred node is
 * let pass. */
static void check_same_tree(TSNode a, TSNode b, int depth) {
  if (ts_node_symbol(a) != ts_node_symbol(b) && (starred(a) || starred(b))) return;
  FUZZ_CHECK(ts_node_symbol(a) == ts_node_symbol(b));
  FUZZ_CHECK(ts_node_start_byte(a) == ts_node_start_byte(b));
  FUZZ_CHECK(ts_node_end_byte(a) == ts_node_end_byte(b));
  TSPoint pa = ts_node_start_point(a), pb = ts_node_start_point(b);
  FUZZ_CHECK(pa.row == pb.row && pa.column == pb.column);
  pa = ts_node_end_point(a);
  pb = ts_node_end_point(b);
  FUZZ_CHECK(pa.row == pb.row && pa.column == pb.column);
  FUZZ_CHECK(ts_node_is_missing(a) == ts_node_is_missing(b));
  uint32_t n = ts_node_child_count(a);
  FUZZ_CHECK(n == ts_node_child_count(b));
  if (depth > 10000) return;
  for (uint32_t i = 0; i < n; i++) check_same_tree(ts_node_child(a, i), ts_node_child(b, i), depth + 1);
}

static void check_tree(pymm_document *doc, const plain *p) {
  const TSTree *tree = pymm_document_tree(doc);
  /* A parser per check, not one kept across runs: its pools would make every run look like a leak to
   * libFuzzer, which then scans the heap after each run (80 % of the time). */
  TSParser *fresh_parser = ts_parser_new();
  ts_parser_set_language(fresh_parser, tree_sitter_python());
  TSTree *fresh = ts_parser_parse_string(fresh_parser, NULL, p->data, (uint32_t)p->length);
  ts_parser_delete(fresh_parser);
  FUZZ_CHECK(fresh != NULL);
  TSNode root = ts_tree_root_node(tree), fresh_root = ts_tree_root_node(fresh);
  /* tree-sitter promises the same tree only for text it can parse: error recovery may take another path
   * from an edited tree. Either way the tree covers the text and agrees on whether there is an error. */
  if (!ts_node_has_error(fresh_root)) check_same_tree(root, fresh_root, 0);
  FUZZ_CHECK(ts_node_has_error(root) == ts_node_has_error(fresh_root));
  FUZZ_CHECK(ts_node_end_byte(root) <= p->length);
  ts_tree_delete(fresh);
  TSNode at = pymm_document_node_at(doc, (uint32_t)(p->length / 2));
  FUZZ_CHECK(!ts_node_is_null(at));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *mark = memchr(data, 0xFF, size);
  size_t text_length = mark ? (size_t)(mark - data) : size;
  plain p = {malloc(text_length + 1), text_length};
  memcpy(p.data, data, text_length);
  p.data[text_length] = '\0';
  pymm_document *doc = pymm_document_new((const char *)data, text_length);
  check_lines(pymm_document_text(doc), &p);

  fuzz_reader r = {data, size, mark ? text_length + 1 : size};
  bool pending = false;
  int edits = 0;
  while (fuzz_left(&r) >= 6 && edits++ < 32) {
    uint32_t flags = fuzz_u8(&r), a = fuzz_u16(&r), b = fuzz_u16(&r), n = fuzz_u8(&r);
    if (n > fuzz_left(&r)) n = (uint32_t)fuzz_left(&r);
    const uint8_t *insert = data + r.at;
    r.at += n;
    const pymm_text *t = pymm_document_text(doc);
    uint32_t start, end;
    if (flags & 1) {
      pymm_encoding encoding = (flags >> 1 & 3) == 0   ? PYMM_ENCODING_UTF8
                               : (flags >> 1 & 3) == 1 ? PYMM_ENCODING_UTF32
                                                       : PYMM_ENCODING_UTF16;
      pymm_position pa = {a >> 8, a & 0xFF}, pb = {b >> 8, b & 0xFF};
      pymm_text_offset(t, pa, encoding, &start); /* past the last line: the end of the text */
      pymm_text_offset(t, pb, encoding, &end);
    } else {
      start = a % (pymm_text_length(t) + 2);
      end = b % (pymm_text_length(t) + 2);
    }
    FUZZ_CHECK(pymm_document_apply_change(doc, start, end, (const char *)insert, n));
    plain_replace(&p, start, end, insert, n);
    check_lines(pymm_document_text(doc), &p);
    pending = true;
    if (flags & 8) {
      check_tree(doc, &p);
      pending = false;
    }
  }
  if (pending || edits == 0) check_tree(doc, &p);
  check_positions(pymm_document_text(doc));
  pymm_document_free(doc);
  free(p.data);
  return 0;
}
