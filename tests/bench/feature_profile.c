/* Times pymm's features in-process, without the protocol, so a profiler sees only them:
 *
 *   feature_profile FILE [HOVERS] [EDITS] [ACTIONS] [--dump OUT]
 *
 * loads the engine once, opens FILE, then times pymm_hover_at + pymm_hover_render at HOVERS identifiers spread
 * over the file, the diagnostics of the whole file, and EDITS one-character edits (insert "x" after an
 * identifier, then delete it), each followed by the diagnostics (or a hover when there are no rules). Prints
 * percentiles and the slowest hover positions. EDITS = 0 skips the diagnostics, to profile hovers alone.
 * ACTIONS (default 0) times pymm_actions_at as an editor asks for it: on each diagnostic's range, then on
 * identifiers, without fix-all (which is built once per document version and kept).
 * Under `valgrind --tool=callgrind --toggle-collect=...` the instruction counts are repeatable on a noisy
 * machine.
 *
 * --dump OUT writes, instead of timing, the hover at every byte offset (Markdown and plain text) and the code
 * actions for every diagnostic, identifier and the whole file, so two builds can be compared with cmp. */
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

/* FNV-1a: a short name for a rendered hover in the dump. */
static uint64_t fnv(const char *s, uint64_t h) {
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

static void dump_actions(FILE *out, const pymm_actions *a, const char *what, uint32_t start, uint32_t end) {
  fprintf(out, "actions %s [%u, %u]: %zu\n", what, start, end, a->count);
  for (size_t i = 0; i < a->count; i++) {
    const pymm_action *x = &a->items[i];
    fprintf(out, "  kind=%d rule=%s diagnostic=%zu entry=%d preferred=%d title=%s\n", (int)x->kind,
            x->rule ? x->rule->code : "-", x->kind == PYMM_ACTION_FIX_ALL ? 0 : x->diagnostic,
            x->kind == PYMM_ACTION_EXPLAIN ? x->entry : 0, (int)x->preferred, x->title);
    for (size_t k = 0; k < x->edit_count; k++)
      fprintf(out, "    edit [%u, %u) %s\n", x->edits[k].start, x->edits[k].end, x->edits[k].text);
  }
}

/* Writes every hover and the code actions of the document to 'path' (see the top of the file). */
static int dump(const pymm_engine *engine, pymm_document *doc, const char *text, size_t length, const char *path) {
  FILE *out = fopen(path, "w");
  if (!out) {
    perror(path);
    return 2;
  }
  pymm_settings settings = pymm_settings_default();
  uint64_t last = 0;
  for (uint32_t offset = 0; offset <= length; offset++) {
    pymm_hover *h = pymm_hover_at(engine, doc, offset);
    char *md = h ? pymm_hover_render(engine, h, PYMM_MARKUP_MARKDOWN, &settings) : NULL;
    char *plain = h ? pymm_hover_render(engine, h, PYMM_MARKUP_PLAINTEXT, &settings) : NULL;
    uint64_t key = h ? fnv(plain, fnv(md, 14695981039346656037u)) ^ ((uint64_t)h->start << 32 | h->end) : 0;
    if (key != last) {
      if (h) fprintf(out, "hover %u [%u, %u)\n%s\n%s\n", offset, h->start, h->end, md, plain);
      else fprintf(out, "hover %u none\n", offset);
      last = key;
    }
    free(md);
    free(plain);
    pymm_hover_free(h);
  }
  pymm_diagnostics *d = pymm_diagnostics_run(engine, doc, NULL);
  for (size_t i = 0; i < d->count; i++) {
    pymm_actions *a = pymm_actions_at(engine, doc, d, d->items[i].start, d->items[i].end, NULL, false);
    dump_actions(out, a, "diagnostic", d->items[i].start, d->items[i].end);
    pymm_actions_free(a);
  }
  uint32_t *mids = calloc(2001, sizeof *mids), *ends = calloc(2001, sizeof *ends);
  size_t n = identifiers(text, length, 2000, mids, ends);
  for (size_t i = 0; i < n; i++) {
    uint32_t start = mids[i] - (mids[i] > 0 && i % 2), end = i % 3 ? ends[i] : mids[i];
    pymm_actions *a = pymm_actions_at(engine, doc, d, start, end, NULL, false);
    dump_actions(out, a, "identifier", start, end);
    pymm_actions_free(a);
  }
  pymm_actions *a = pymm_actions_at(engine, doc, d, 0, (uint32_t)length, NULL, true);
  dump_actions(out, a, "file", 0, (uint32_t)length);
  pymm_actions_free(a);
  free(mids);
  free(ends);
  pymm_diagnostics_free(d);
  fclose(out);
  return 0;
}

int main(int argc, char **argv) {
  const char *dump_path = NULL;
  if (argc >= 4 && !strcmp(argv[argc - 2], "--dump")) {
    dump_path = argv[argc - 1];
    argc -= 2;
  }
  if (argc < 2) {
    fprintf(stderr, "usage: feature_profile FILE [HOVERS] [EDITS] [ACTIONS] [--dump OUT]\n");
    return 2;
  }
  size_t hovers = argc > 2 ? (size_t)atoi(argv[2]) : 500, edits = argc > 3 ? (size_t)atoi(argv[3]) : 200;
  size_t actions = argc > 4 ? (size_t)atoi(argv[4]) : 0;
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
  /* The server compiles the hover query on its loader thread: keep that out of the first hover. */
  if (!pymm_engine_prepare(engine, &err)) {
    fprintf(stderr, "%s\n", err.message);
    return 2;
  }
  printf("engine load            %.1f ms\n", (now() - t0) * 1e3);
  t0 = now();
  pymm_document *doc = pymm_document_new(text, length);
  printf("open (parse)           %.2f ms\n", (now() - t0) * 1e3);
  if (dump_path) {
    int code = dump(engine, doc, text, length, dump_path);
    pymm_document_free(doc);
    pymm_engine_free(engine);
    free(text);
    return code;
  }
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
  size_t slowest[5], slow_count = 0;
  for (size_t i = 0; i < n; i++) {
    t0 = now();
    pymm_hover *h = pymm_hover_at(engine, doc, mids[i]);
    if (h) free(pymm_hover_render(engine, h, PYMM_MARKUP_MARKDOWN, &settings));
    times[i] = now() - t0;
    pymm_hover_free(h);
    /* Keep the five slowest, slowest first. */
    size_t k = 0;
    while (k < slow_count && times[slowest[k]] >= times[i]) k++;
    if (k < 5) {
      size_t moved = (slow_count < 5 ? slow_count : 4) - k;
      memmove(slowest + k + 1, slowest + k, moved * sizeof *slowest);
      slowest[k] = i;
      if (slow_count < 5) slow_count++;
    }
  }
  report("hover", times, n);
  for (size_t k = 0; k < slow_count; k++) {
    pymm_position p = pymm_text_position(pymm_document_text(doc), mids[slowest[k]], PYMM_ENCODING_UTF8);
    printf("  slow hover %d:%d  %.3f ms\n", p.line + 1, p.character + 1, times[slowest[k]] * 1e3);
  }
  if (actions > 0) {
    /* As an editor asks: each diagnostic's range first, then identifiers (fix-all is cached per version). */
    pymm_diagnostics *d = pymm_diagnostics_run(engine, doc, NULL);
    double *action_times = calloc(actions, sizeof *action_times);
    size_t count = 0;
    for (size_t i = 0; i < actions; i++) {
      uint32_t start, end;
      if (i < d->count) {
        start = d->items[i].start;
        end = d->items[i].end;
      } else if (n > 0) {
        size_t k = (i - d->count) * n / (actions - d->count);
        start = mids[k];
        end = ends[k];
      } else {
        break;
      }
      t0 = now();
      pymm_actions *a = pymm_actions_at(engine, doc, d, start, end, NULL, false);
      action_times[count++] = now() - t0;
      pymm_actions_free(a);
    }
    report("code action", action_times, count);
    free(action_times);
    pymm_diagnostics_free(d);
  }
  /* Edits update the diagnostics as the server does: only where the text changed. */
  size_t m = 0, incremental = 0;
  pymm_diagnostics *e = edits ? pymm_diagnostics_run(engine, doc, NULL) : NULL;
  for (size_t i = 0; i < edits && n > 0; i++) {
    uint32_t at = ends[(i / 2) * n / (edits / 2 + 1)];
    t0 = now();
    if (i % 2 == 0) pymm_document_apply_change(doc, at, at, "x", 1);
    else pymm_document_apply_change(doc, at, at + 1, "", 0);
    e = pymm_diagnostics_update(engine, doc, e, NULL);
    times[m++] = now() - t0;
    incremental += e->incremental;
  }
  pymm_diagnostics_free(e);
  report("edit -> diagnostics", times, m);
  if (m) printf("  updated only where the text changed: %zu of %zu\n", incremental, m);
  printf("parses                 %u\n", pymm_document_parse_count(doc));
  free(times);
  free(mids);
  free(ends);
  pymm_document_free(doc);
  pymm_engine_free(engine);
  free(text);
  return 0;
}
