/* The box-table parser on arbitrary text inside a code block of a guide (the only place tables are read):
 * box tables, tables nested in panels and │-column tables come out as rows of trimmed, UTF-8 cells inside
 * the block's lines. The fence is made longer than any run of '~' in the input, so the input is all code. */
#include <string.h>

#include "guide_checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t run = 0, longest = 0;
  for (size_t i = 0; i < size; i++) {
    run = data[i] == '~' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  size_t fence = longest < 3 ? 3 : longest + 1;
  /* The heading's level comes from the input's length, so tables sit under sections at several depths. */
  pymm_buf b = {0};
  pymm_buf_puts(&b, size % 3 == 0   ? "# Guide\n\n"
                    : size % 3 == 1 ? "## Section\n\nTime Complexities:\n\n"
                                    : "### Deep\n\n");
  for (size_t i = 0; i < fence; i++) pymm_buf_putc(&b, '~');
  pymm_buf_puts(&b, size % 2 ? "python\n" : "\n");
  pymm_buf_append(&b, (const char *)data, size);
  pymm_buf_putc(&b, '\n');
  for (size_t i = 0; i < fence; i++) pymm_buf_putc(&b, '~');
  pymm_buf_putc(&b, '\n');

  pymm_error err = {{0}};
  pymm_guide *guide = pymm_guide_load(b.data, b.len, NULL, &err);
  if (guide) {
    check_guide(guide);
    pymm_guide_free(guide);
  } else {
    FUZZ_CHECK(!pymm_utf8_valid((const char *)data, size)); /* a heading is there: only bad UTF-8 refuses */
  }
  pymm_buf_free(&b);
  return 0;
}
