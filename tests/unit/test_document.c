/* Documents: incremental edits keep the tree equal to a fresh parse of the same text, with one parse per burst. */
#include <stdlib.h>

#include "harness.h"
#include "pymm/python.h"

static char *tree_string(pymm_document *doc) {
  char *s = ts_node_string(ts_tree_root_node(pymm_document_tree(doc)));
  return s;
}

static bool same_as_fresh(pymm_document *doc) {
  const pymm_text *t = pymm_document_text(doc);
  pymm_document *fresh = pymm_document_new(pymm_text_data(t), pymm_text_length(t));
  char *a = tree_string(doc), *b = tree_string(fresh);
  bool same = strcmp(a, b) == 0;
  if (!same) fprintf(stderr, "incremental: %s\nfresh:       %s\n", a, b);
  free(a);
  free(b);
  pymm_document_free(fresh);
  return same;
}

int main(void) {
  TEST("an edit reparses incrementally and lazily") {
    const char *src = "def f(x):\n    return x\n\nlst = [1, 2]\nlst.pop(0)\n";
    pymm_document *doc = pymm_document_new(src, strlen(src));
    INT_EQ(pymm_document_parse_count(doc), 1);
    OK(pymm_document_apply_change(doc, 45, 46, "1", 1)); /* pop(0) -> pop(1) */
    OK(pymm_document_apply_change(doc, 0, 0, "# note\n", 7));
    INT_EQ(pymm_document_parse_count(doc), 1); /* nothing parsed yet */
    OK(same_as_fresh(doc));
    INT_EQ(pymm_document_parse_count(doc), 2); /* two edits, one parse */
    OK(strstr(pymm_text_data(pymm_document_text(doc)), "lst.pop(1)") != NULL);
    pymm_document_free(doc);
  }

  TEST("deleting the quote of an unclosed f-string gives back the code below it") {
    /* Each parse starts with a fresh scanner: one left inside the f-string of the parse before finds no
     * dedent, and the function below became an ERROR. Also typed over a whole text, as a fuzzer found. */
    const char *src = "x = f\"\ndef g():\n    if a:\n        p\n    return 1\n";
    pymm_document *doc = pymm_document_new(src, strlen(src));
    OK(pymm_document_apply_change(doc, 5, 6, "", 0));
    OK(!ts_node_has_error(ts_tree_root_node(pymm_document_tree(doc))));
    OK(same_as_fresh(doc));
    pymm_document_free(doc);
    doc = pymm_document_new("f\"", 2);
    OK(pymm_document_apply_change(doc, 0, 2, "if a:\n p", 9));
    OK(same_as_fresh(doc));
    pymm_document_free(doc);
  }

  TEST("an edit that completes a UTF-8 sequence joins it to the token before it") {
    /* "w" then a cut-off U+200D: the identifier ended before it; its last byte makes one identifier. */
    pymm_document *doc = pymm_document_new("w\xE2\x80", 3);
    OK(pymm_document_apply_change(doc, 3, 3, "\x8D", 1));
    OK(!ts_node_has_error(ts_tree_root_node(pymm_document_tree(doc))));
    OK(same_as_fresh(doc));
    pymm_document_free(doc);
  }

  TEST("random edits: the tree always equals a fresh parse") {
    const char *src = "class A:\n    def m(self, xs=[]):\n        for i in range(3):\n            xs.append(i)\n"
                      "        return [x * 2 for x in xs if x]\n\nwith open('f') as fh:\n    data = fh.read()\n";
    pymm_document *doc = pymm_document_new(src, strlen(src));
    const char *pieces[] = {"(", ")", ":", "\n    ", "x", " ", "'", "if ", "é", "", "\"\"\"", "lambda: i"};
    unsigned seed = 7;
    int mismatches = 0;
    for (int i = 0; i < 300; i++) {
      seed = seed * 1103515245u + 12345u;
      uint32_t len = pymm_text_length(pymm_document_text(doc));
      uint32_t a = (seed >> 8) % (len + 1);
      uint32_t b = a + (seed >> 20) % 4;
      if (b > len) b = len;
      /* Keep edits on UTF-8 boundaries, as an editor would. */
      const char *text = pymm_text_data(pymm_document_text(doc));
      while (a > 0 && ((unsigned char)text[a] & 0xC0) == 0x80) a--;
      while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80) b++;
      const char *ins = pieces[(seed >> 3) % 12];
      pymm_document_apply_change(doc, a, b, ins, strlen(ins));
      if (i % 10 == 9) mismatches += !same_as_fresh(doc);
    }
    INT_EQ(mismatches, 0);
    pymm_document_free(doc);
  }

  TEST("broken code still parses, and node_at finds the innermost node") {
    const char *src = "def f(:\n    lst = [1, 2\nlst.pop(0)\n";
    pymm_document *doc = pymm_document_new(src, strlen(src));
    OK(ts_node_has_error(ts_tree_root_node(pymm_document_tree(doc))));
    TSNode n = pymm_document_node_at(doc, (uint32_t)(strstr(src, "pop") - src));
    OK(!ts_node_is_null(n));
    pymm_document_free(doc);
  }
  return HARNESS_DONE();
}
