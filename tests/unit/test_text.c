/* Text layer: line index, UTF-8 / UTF-16 / UTF-32 positions, incremental replacement. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "pymm/text.h"

static uint32_t offset_of(const pymm_text *t, uint32_t line, uint32_t character, pymm_encoding e) {
  uint32_t offset = 0xFFFFFFFF;
  pymm_position p = {line, character};
  pymm_text_offset(t, p, e, &offset);
  return offset;
}

/* For the hash index test: item i spells "w<i>". */
static bool same_word(const void *context, uint32_t item) {
  char word[16];
  snprintf(word, sizeof word, "w%u", item);
  return strcmp(word, context) == 0;
}

int main(void) {
  TEST("line index with \\n, \\r\\n and \\r") {
    const char *s = "a\nbc\r\nd\re";
    pymm_text *t = pymm_text_new(s, strlen(s));
    INT_EQ(pymm_text_line_count(t), 4);
    INT_EQ(pymm_text_line_start(t, 1), 2);
    INT_EQ(pymm_text_line_end(t, 1), 4);
    INT_EQ(pymm_text_line_start(t, 2), 6);
    INT_EQ(pymm_text_line_start(t, 3), 8);
    INT_EQ(pymm_text_line_end(t, 3), 9);
    pymm_text_free(t);
  }

  TEST("empty text has one line") {
    pymm_text *t = pymm_text_new("", 0);
    INT_EQ(pymm_text_line_count(t), 1);
    INT_EQ(offset_of(t, 0, 5, PYMM_ENCODING_UTF16), 0);
    pymm_position p = {1, 0};
    uint32_t off;
    OK(!pymm_text_offset(t, p, PYMM_ENCODING_UTF16, &off));
    pymm_text_free(t);
  }

  /* "é" is 2 bytes / 1 UTF-16 unit; "€" 3 bytes / 1 unit; "😀" 4 bytes / 2 units (a surrogate pair). */
  const char *s = "x = 'é€😀'\nlst.pop(0)\n";
  TEST("UTF-16 positions with non-ASCII and astral characters") {
    pymm_text *t = pymm_text_new(s, strlen(s));
    INT_EQ(offset_of(t, 0, 5, PYMM_ENCODING_UTF16), 5);   /* é */
    INT_EQ(offset_of(t, 0, 6, PYMM_ENCODING_UTF16), 7);   /* € */
    INT_EQ(offset_of(t, 0, 7, PYMM_ENCODING_UTF16), 10);  /* 😀 */
    INT_EQ(offset_of(t, 0, 8, PYMM_ENCODING_UTF16), 10);  /* inside the pair: snaps to its start */
    INT_EQ(offset_of(t, 0, 9, PYMM_ENCODING_UTF16), 14);  /* the closing quote */
    INT_EQ(offset_of(t, 0, 99, PYMM_ENCODING_UTF16), 15); /* past the end of the line: its end */
    INT_EQ(offset_of(t, 1, 4, PYMM_ENCODING_UTF16), 20);
    pymm_position p = pymm_text_position(t, 14, PYMM_ENCODING_UTF16);
    INT_EQ(p.line, 0);
    INT_EQ(p.character, 9);
    p = pymm_text_position(t, 14, PYMM_ENCODING_UTF32);
    INT_EQ(p.character, 8);
    p = pymm_text_position(t, 14, PYMM_ENCODING_UTF8);
    INT_EQ(p.character, 14);
    pymm_text_free(t);
  }

  TEST("UTF-8 positions snap to a code point start") {
    pymm_text *t = pymm_text_new(s, strlen(s));
    INT_EQ(offset_of(t, 0, 6, PYMM_ENCODING_UTF8), 5); /* the second byte of é */
    INT_EQ(offset_of(t, 0, 7, PYMM_ENCODING_UTF8), 7);
    INT_EQ(offset_of(t, 0, 12, PYMM_ENCODING_UTF8), 10);
    pymm_text_free(t);
  }

  TEST("round trip every offset in every encoding") {
    pymm_text *t = pymm_text_new(s, strlen(s));
    pymm_encoding all[] = {PYMM_ENCODING_UTF8, PYMM_ENCODING_UTF16, PYMM_ENCODING_UTF32};
    int bad = 0;
    for (int e = 0; e < 3; e++)
      for (uint32_t off = 0; off <= pymm_text_length(t); off++) {
        if (((unsigned char)s[off] & 0xC0) == 0x80) continue; /* not a code point start */
        pymm_position p = pymm_text_position(t, off, all[e]);
        uint32_t back;
        pymm_text_offset(t, p, all[e], &back);
        bad += back != off;
      }
    INT_EQ(bad, 0);
    pymm_text_free(t);
  }

  TEST("replace reports the edit for tree-sitter and keeps lines right") {
    const char *src = "a = 1\nb = 2\nc = 3\n";
    pymm_text *t = pymm_text_new(src, strlen(src));
    pymm_text_edit edit;
    OK(pymm_text_replace(t, 6, 11, "bb = 22\nxx = 0", 14, &edit));
    STR_EQ(pymm_text_data(t), "a = 1\nbb = 22\nxx = 0\nc = 3\n");
    INT_EQ(edit.start_byte, 6);
    INT_EQ(edit.old_end_byte, 11);
    INT_EQ(edit.new_end_byte, 20);
    INT_EQ(edit.start_point.row, 1);
    INT_EQ(edit.old_end_point.row, 1);
    INT_EQ(edit.old_end_point.column, 5);
    INT_EQ(edit.new_end_point.row, 2);
    INT_EQ(edit.new_end_point.column, 6);
    INT_EQ(pymm_text_line_count(t), 5);
    INT_EQ(pymm_text_line_start(t, 3), 21);
    pymm_text_free(t);
  }

  TEST("tree-sitter points break rows at \\n only: a lone \\r ends a line, not a row") {
    const char *src = "a = 1\rb = 2\r\nc = 3\n  d\re";
    pymm_text *t = pymm_text_new(src, strlen(src));
    INT_EQ(pymm_text_line_count(t), 5);
    pymm_point p = pymm_text_point(t, 8); /* "b = 2": LSP line 1, row 0 */
    INT_EQ(p.row, 0);
    INT_EQ(p.column, 8);
    p = pymm_text_point(t, 13); /* "c": after "\r\n" */
    INT_EQ(p.row, 1);
    INT_EQ(p.column, 0);
    p = pymm_text_point(t, 23); /* "e": LSP line 4, row 2, after "  d\r" */
    INT_EQ(p.row, 2);
    INT_EQ(p.column, 4);
    pymm_text_free(t);
  }

  TEST("reversed and out-of-range replacements are clamped") {
    pymm_text *t = pymm_text_new("hello", 5);
    OK(pymm_text_replace(t, 4, 1, "", 0, NULL)); /* reversed: deletes [1, 4) */
    STR_EQ(pymm_text_data(t), "ho");
    OK(pymm_text_replace(t, 100, 200, "!", 1, NULL));
    STR_EQ(pymm_text_data(t), "ho!");
    pymm_text_free(t);
  }

  TEST("the text knows whether it holds a NUL byte, across the edits that add and remove them") {
    pymm_text *t = pymm_text_new("a\0b", 3);
    OK(pymm_text_has_nul(t));
    OK(pymm_text_replace(t, 1, 2, "", 0, NULL));
    OK(!pymm_text_has_nul(t)); /* the NUL of the terminator does not count */
    OK(pymm_text_replace(t, 1, 1, "\0\0", 2, NULL));
    OK(pymm_text_replace(t, 1, 2, "x", 1, NULL));
    OK(pymm_text_has_nul(t)); /* one of the two is left */
    OK(pymm_text_replace(t, 0, 4, "", 0, NULL));
    OK(!pymm_text_has_nul(t));
    pymm_text_free(t);
  }

  TEST("joining \\r and \\n by an edit re-indexes the line before") {
    pymm_text *t = pymm_text_new("a\rX\nb", 5);
    INT_EQ(pymm_text_line_count(t), 3);
    OK(pymm_text_replace(t, 2, 3, "", 0, NULL)); /* "a\r\nb" */
    INT_EQ(pymm_text_line_count(t), 2);
    INT_EQ(pymm_text_line_start(t, 1), 3);
    pymm_text_free(t);
  }

  TEST("many random edits keep the line index equal to a fresh index") {
    pymm_text *t = pymm_text_new("", 0);
    char shadow[4096] = "";
    size_t len = 0;
    unsigned seed = 12345;
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
      seed = seed * 1103515245u + 12345u;
      uint32_t a = len ? (seed >> 8) % (uint32_t)(len + 1) : 0;
      uint32_t b = a + (len - a ? (seed >> 16) % (uint32_t)(len - a + 1) : 0);
      if (b - a > 3) b = a + 3;
      const char *pieces[] = {"x", "\n", "\r", "\r\n", "ab", ""};
      const char *ins = pieces[(seed >> 4) % 6];
      size_t n = strlen(ins);
      if (len - (b - a) + n >= sizeof shadow - 1) continue;
      memmove(shadow + a + n, shadow + b, len - b + 1);
      memcpy(shadow + a, ins, n);
      len = len - (b - a) + n;
      pymm_text_replace(t, a, b, ins, n, NULL);
      pymm_text *fresh = pymm_text_new(shadow, len);
      bad += strcmp(pymm_text_data(t), shadow) != 0;
      bad += pymm_text_line_count(t) != pymm_text_line_count(fresh);
      for (uint32_t l = 0; l < pymm_text_line_count(fresh) && l < pymm_text_line_count(t); l++)
        bad += pymm_text_line_start(t, l) != pymm_text_line_start(fresh, l);
      pymm_text_free(fresh);
    }
    INT_EQ(bad, 0);
    pymm_text_free(t);
  }

  TEST("UTF-8 validation") {
    OK(pymm_utf8_valid("é€😀", strlen("é€😀")));
    OK(!pymm_utf8_valid("\xC0\xAF", 2));         /* overlong */
    OK(!pymm_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    OK(!pymm_utf8_valid("\xF4\x90\x80\x80", 4)); /* past U+10FFFF */
    OK(!pymm_utf8_valid("\xE2\x82", 2));         /* truncated */
  }

  TEST("the hash index finds every item it holds, through collisions and growth, and nothing else") {
    enum { N = 5000 };
    static char words[N][16];
    pymm_index index = {0};
    for (uint32_t i = 0; i < N; i++) {
      snprintf(words[i], sizeof words[i], "w%u", i);
      /* Every tenth word shares one hash, so probes pass over items that are not the one. */
      uint64_t hash = i % 10 ? pymm_hash(PYMM_HASH_SEED, words[i], strlen(words[i])) : 7;
      INT_EQ(pymm_index_find(&index, hash, same_word, words[i]), PYMM_INDEX_NONE);
      pymm_index_add(&index, hash, i);
    }
    INT_EQ(index.count, N);
    OK(index.cap >= 2 * N);
    uint32_t found = 0;
    for (uint32_t i = 0; i < N; i++) {
      uint64_t hash = i % 10 ? pymm_hash(PYMM_HASH_SEED, words[i], strlen(words[i])) : 7;
      found += pymm_index_find(&index, hash, same_word, words[i]) == i;
    }
    INT_EQ(found, N);
    INT_EQ(pymm_index_find(&index, 7, same_word, "absent"), PYMM_INDEX_NONE);
    pymm_index_free(&index);
    INT_EQ(pymm_index_find(&index, 7, same_word, "w0"), PYMM_INDEX_NONE);
  }
  return HARNESS_DONE();
}
