/* pymm text layer: a document's text, its line index, position conversion and incremental edits.
 *
 * Positions inside pymm are byte offsets. UTF-16 exists only here and in lsp/: an LSP position
 * (line, character in the negotiated encoding) becomes a byte offset with pymm_text_offset(). */
#ifndef PYMM_TEXT_H
#define PYMM_TEXT_H

#include "pymm/base.h"

typedef enum pymm_encoding {
  PYMM_ENCODING_NONE = 0,
  PYMM_ENCODING_UTF8,  /* character = byte */
  PYMM_ENCODING_UTF16, /* character = UTF-16 code unit (the LSP default) */
  PYMM_ENCODING_UTF32, /* character = code point */
} pymm_encoding;

/* A position as LSP counts it: zero-based line and character in some encoding. */
typedef struct pymm_position {
  uint32_t line;
  uint32_t character;
} pymm_position;

/* A point as tree-sitter counts it: zero-based row and byte column, rows broken at "\n" only (a lone "\r"
 * ends an LSP line but not a row). */
typedef struct pymm_point {
  uint32_t row;
  uint32_t column;
} pymm_point;

/* What one replacement did, in the terms tree-sitter's ts_tree_edit() wants. */
typedef struct pymm_text_edit {
  uint32_t start_byte, old_end_byte, new_end_byte;
  pymm_point start_point, old_end_point, new_end_point;
} pymm_text_edit;

/* The text of one document: bytes plus the offset where each line starts. Lines end at "\n", "\r\n" or "\r". */
typedef struct pymm_text pymm_text;

/* Copies s[0..length). Caller owns the result; free with pymm_text_free(). */
pymm_text *pymm_text_new(const char *s, size_t length);
void pymm_text_free(pymm_text *text);

/* Borrowed: valid until the next pymm_text_replace() or pymm_text_free(). NUL-terminated. */
const char *pymm_text_data(const pymm_text *text);
uint32_t pymm_text_length(const pymm_text *text);
/* True when the text holds a NUL byte (kept up to date by pymm_text_replace() at the cost of the edit). */
bool pymm_text_has_nul(const pymm_text *text);
uint32_t pymm_text_line_count(const pymm_text *text);
/* Byte offset where 'line' starts; pymm_text_length() for line >= pymm_text_line_count(). */
uint32_t pymm_text_line_start(const pymm_text *text, uint32_t line);
/* Byte offset where 'line' ends, before its line break. */
uint32_t pymm_text_line_end(const pymm_text *text, uint32_t line);

/* Converts an LSP position to a byte offset. A character past the end of its line means the end of the line
 * (as LSP says); a character inside a multi-unit code point means that code point's start. Returns false
 * when the line is past the last line; '*offset' is then the end of the text. */
bool pymm_text_offset(const pymm_text *text, pymm_position position, pymm_encoding encoding, uint32_t *offset);
/* Converts a byte offset (clamped to the text) to an LSP position in 'encoding'. */
pymm_position pymm_text_position(const pymm_text *text, uint32_t offset, pymm_encoding encoding);
/* Converts a byte offset (clamped to the text) to a tree-sitter point. Linear in the number of lines. */
pymm_point pymm_text_point(const pymm_text *text, uint32_t offset);

/* Replaces bytes [start, end) with s[0..length); fills '*edit' (may be NULL). Offsets are clamped to the text
 * and swapped when reversed. Returns false only when the result would exceed 4 GiB - 1. */
bool pymm_text_replace(pymm_text *text, uint32_t start, uint32_t end, const char *s, size_t length,
                       pymm_text_edit *edit);

/* Number of code units of s[0..length) in 'encoding'. */
uint32_t pymm_text_units(const char *s, size_t length, pymm_encoding encoding);

#endif
