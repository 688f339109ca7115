/* Times pymm's features in-process, without the protocol, so a profiler sees only them:
 *
 *   feature_profile FILE [HOVERS] [EDITS]
 *
 * loads the engine once, opens FILE, then times pymm_hover_at + pymm_hover_render at HOVERS identifiers spread
 * over the file, the diagnostics of the whole file, and EDITS one-character edits (insert "x" after an
 * identifier, then delete it), each followed by the diagnostics (or a hover when there are no rules). Prints
 * percentiles and the slowest hover positions. EDITS = 0 skips the diagnostics, to profile hovers alone. Under `valgrind --tool=callgrind --toggle-collect=...` the
 * instruction counts are repeatable on a noisy machine. */
#define _XOPEN_SOURCE 700
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pymm/features.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int compare_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, size_t n) {
  if (n == 0) return;
  double *s = malloc(n * sizeof *s);
  memcpy(s, t, n * sizeof *s);
  qsort(s, n, sizeof *s, compare_double);
  printf("%-22s n=%-5zu p50=%.3f ms  p90=%.3f ms  p99=%.3f ms  max=%.3f ms\n", what, n, s[n / 2] * 1e3,
         s[n * 9 / 10] * 1e3, s[n * 99 / 100] * 1e3, s[n - 1] * 1e3);
  free(s);
}

/* Byte offsets of the middle and the end of identifiers outside comments, spread evenly. */
static size_t identifiers(const char *text, size_t length, size_t want, uint32_t *mids, uint32_t *ends) {
  size_t total = 0, count = 0;
  for (int pass = 0; pass < 2; pass++) {
    size_t seen = 0;
    bool comment = false;
    for (size_t i = 0; i < length;) {
      char c = text[i];
      if (c == '\n') comment = false;
      if (c == '#') comment = true;
      if (!comment && (isalpha((unsigned char)c) || c == '_') && (i == 0 || !isalnum((unsigned char)text[i - 1]))) {
        size_t j = i;
        while (j < length && (isalnum((unsigned char)text[j]) || text[j] == '_')) j++;
        if (pass == 1 && count < want && seen * want / (total ? total : 1) >= count) {
          mids[count] = (uint32_t)((i + j) / 2);
          ends[count] = (uint32_t)j;
          count++;
        }
        seen++;
        i = j;
        continue;
      }
      i++;
    }
    total = seen;
  }
  return count;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: feature_profile FILE [HOVERS] [EDITS]\n");
    return 2;
  }
  size_t hovers = argc > 2 ? (size_t)atoi(argv[2]) : 500, edits = argc > 3 ? (size_t)atoi(argv[3]) : 200;
  pymm_error err = {{0}};
  size_t length;
  char *text = pymm_file_read(argv[1], &length, &err);
  if (!text) {
    fprintf(stderr, "%s\n", err.message);
    return 2;
  }
  const pymm_blob *guide = pymm_data_find(PYMM_DEFAULT_GUIDE);
  double t0 = now();
  pymm_engine *engine = pymm_engine_new(guide->bytes, guide->length, NULL, NULL, &err);
  if (!engine) {
    fprintf(stderr, "%s\n", err.message);
    return 2;
  }
  printf("engine load            %.1f ms\n", (now() - t0) * 1e3);
  t0 = now();
  pymm_document *doc = pymm_document_new(text, length);
  printf("open (parse)           %.2f ms\n", (now() - t0) * 1e3);
  if (edits > 0) { /* EDITS = 0 profiles hovers alone */
    t0 = now();
    pymm_diagnostics *d = pymm_diagnostics_run(engine, doc, NULL);
    printf("diagnostics            %.2f ms (%zu)\n", (now() - t0) * 1e3, d->count);
    pymm_diagnostics_free(d);
  }

  uint32_t *mids = calloc(hovers + 1, sizeof *mids), *ends = calloc(hovers + 1, sizeof *ends);
  size_t n = identifiers(text, length, hovers, mids, ends);
  double *times = calloc(n + edits + 1, sizeof *times);
  pymm_settings settings = pymm_settings_default();
  size_t slowest[5] = {0};
  for (size_t i = 0; i < n; i++) {
    t0 = now();
    pymm_hover *h = pymm_hover_at(engine, doc, mids[i]);
    if (h) free(pymm_hover_render(engine, h, PYMM_MARKUP_MARKDOWN, &settings));
    times[i] = now() - t0;
    pymm_hover_free(h);
    for (int k = 0; k < 5; k++) {
      if (times[i] > times[slowest[k]]) {
        memmove(slowest + k + 1, slowest + k, (4 - (size_t)k) * sizeof *slowest);
        slowest[k] = i;
        break;
      }
    }
  }
  report("hover", times, n);
  for (int k = 0; k < 5 && k < (int)n; k++) {
    pymm_position p = pymm_text_position(pymm_document_text(doc), mids[slowest[k]], PYMM_ENCODING_UTF8);
    printf("  slow hover %d:%d  %.3f ms\n", p.line + 1, p.character + 1, times[slowest[k]] * 1e3);
  }
  size_t m = 0;
  for (size_t i = 0; i < edits && n > 0; i++) {
    uint32_t at = ends[(i / 2) * n / (edits / 2 + 1)];
    t0 = now();
    if (i % 2 == 0) pymm_document_apply_change(doc, at, at, "x", 1);
    else pymm_document_apply_change(doc, at, at + 1, "", 0);
    pymm_diagnostics *e = pymm_diagnostics_run(engine, doc, NULL);
    times[m++] = now() - t0;
    pymm_diagnostics_free(e);
  }
  report("edit -> diagnostics", times, m);
  printf("parses                 %u\n", pymm_document_parse_count(doc));
  free(times);
  free(mids);
  free(ends);
  pymm_document_free(doc);
  pymm_engine_free(engine);
  free(text);
  return 0;
}
