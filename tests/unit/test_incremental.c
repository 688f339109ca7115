/* Incremental diagnostics: after every burst of random edits to real files (the Python standard library of
 * this machine and the editor example), pymm_diagnostics_update() must give exactly what a full run gives,
 * over the same tree and over a fresh parse of the same text: the same findings, ranges and fixes. */
#include <dirent.h>
#include <stdlib.h>

#include "fixtures.h"
#include "harness.h"
#include "pymm/features.h"

static uint64_t state = 88172645463325252u;
static uint32_t next_random(uint32_t n) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return (uint32_t)(state % n);
}

/* What a user types or deletes: a letter, a keyword, a line break, a bracket, or a few bytes gone. */
static void random_edit(pymm_document *doc) {
  static const char *const typed[] = {
      "x",      " ",    "\n", "(",      ")",           ":",        "\"",           "yield ", "global g\n",
      "async ", "    ", "[]", "# noqa", "import os\n", "x = []\n", "\n    pass\n", "#"};
  const pymm_text *t = pymm_document_text(doc);
  uint32_t length = pymm_text_length(t), at = length ? next_random(length) : 0;
  uint32_t kind = next_random(4);
  if (kind == 0) { /* most keystrokes type a letter */
    pymm_document_apply_change(doc, at, at, "x", 1);
  } else if (kind == 1) {
    uint32_t end = at + 1 + next_random(4);
    pymm_document_apply_change(doc, at, end > length ? length : end, "", 0);
  } else {
    const char *s = typed[next_random(sizeof typed / sizeof *typed)];
    pymm_document_apply_change(doc, at, at, s, strlen(s));
  }
}

/* The first difference between two lists, or -1. */
static long first_difference(const pymm_diagnostics *a, const pymm_diagnostics *b) {
  for (size_t i = 0; i < a->count || i < b->count; i++) {
    if (i >= a->count || i >= b->count) return (long)i;
    const pymm_diagnostic *x = &a->items[i], *y = &b->items[i];
    bool same = x->rule == y->rule && x->start == y->start && x->end == y->end && x->fix.safety == y->fix.safety &&
                x->fix.edit_count == y->fix.edit_count;
    for (size_t k = 0; same && k < x->fix.edit_count; k++)
      same = x->fix.edits[k].start == y->fix.edits[k].start && x->fix.edits[k].end == y->fix.edits[k].end &&
             !strcmp(x->fix.edits[k].text, y->fix.edits[k].text);
    if (!same) return (long)i;
  }
  return -1;
}

static void print_difference(const char *path, const pymm_diagnostics *a, const pymm_diagnostics *b, long i) {
  fprintf(stderr, "%s: incremental %zu findings, full %zu; first difference at #%ld:\n", path, a->count, b->count, i);
  if ((size_t)i < a->count)
    fprintf(stderr, "  incremental: %s [%u, %u)\n", a->items[i].rule->code, a->items[i].start, a->items[i].end);
  if ((size_t)i < b->count)
    fprintf(stderr, "  full:        %s [%u, %u)\n", b->items[i].rule->code, b->items[i].start, b->items[i].end);
}

/* Edits one file 'rounds' times (1-3 edits each) and compares after each round; true when all agreed. */
static bool check_file(const pymm_engine *engine, const char *path, int rounds, size_t *incremental_rounds) {
  size_t length = 0;
  pymm_error err = {{0}};
  char *src = pymm_file_read(path, &length, &err);
  if (!src || length > 200000) {
    free(src);
    return true;
  }
  pymm_document *doc = pymm_document_new(src, length);
  free(src);
  pymm_diagnostics *diagnostics = pymm_diagnostics_run(engine, doc, NULL);
  bool agreed = true;
  for (int round = 0; round < rounds && agreed; round++) {
    for (uint32_t n = 1 + next_random(3); n > 0; n--) random_edit(doc);
    diagnostics = pymm_diagnostics_update(engine, doc, diagnostics, NULL);
    if (diagnostics->incremental) (*incremental_rounds)++;
    /* Against a full run over the same tree; and over a fresh parse when that has no syntax error (with one,
     * tree-sitter's recovery may build another tree from an edited one than from scratch). */
    pymm_diagnostics *full = pymm_diagnostics_run(engine, doc, NULL);
    long i = first_difference(diagnostics, full);
    if (i >= 0) print_difference(path, diagnostics, full, i);
    const pymm_text *t = pymm_document_text(doc);
    pymm_document *fresh_doc = pymm_document_new(pymm_text_data(t), pymm_text_length(t));
    long k = -1;
    if (!ts_node_has_error(ts_tree_root_node(pymm_document_tree(fresh_doc)))) {
      pymm_diagnostics *fresh = pymm_diagnostics_run(engine, fresh_doc, NULL);
      if ((k = first_difference(diagnostics, fresh)) >= 0) print_difference(path, diagnostics, fresh, k);
      pymm_diagnostics_free(fresh);
    }
    agreed = i < 0 && k < 0;
    pymm_diagnostics_free(full);
    pymm_document_free(fresh_doc);
  }
  pymm_diagnostics_free(diagnostics);
  pymm_document_free(doc);
  return agreed;
}

static int compare_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The .py files directly in the standard library's directory, sorted; '*count' of them. */
static char **stdlib_files(size_t *count) {
  const char *dirs[] = {getenv("PYMM_STDLIB"), "/usr/lib/python3.11", "/usr/lib/python3.12", "/usr/lib/python3.13"};
  *count = 0;
  for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
    DIR *dir = dirs[d] ? opendir(dirs[d]) : NULL;
    if (!dir) continue;
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
      size_t n = strlen(e->d_name);
      if (n < 4 || strcmp(e->d_name + n - 3, ".py")) continue;
      PYMM_GROW(names, cap, *count + 1);
      pymm_buf b = {0};
      pymm_buf_printf(&b, "%s/%s", dirs[d], e->d_name);
      names[(*count)++] = pymm_buf_take(&b);
    }
    closedir(dir);
    if (*count) qsort(names, *count, sizeof *names, compare_names);
    return names;
  }
  return NULL;
}

int main(void) {
  /* Under valgrind (50 times slower) a sample of the same cases: memcheck looks for memory errors, which the
   * same code paths show on fewer files. */
  bool quick = getenv("PYMM_TEST_QUICK") != NULL;
  size_t file_step = quick ? 25 : 3, example_rounds = quick ? 40 : 300;
  pymm_engine *engine = default_engine(NULL);
  OK(engine != NULL);
  if (!engine) return 1;

  TEST("incremental diagnostics equal a full run after random edits to the editor example") {
    char path[4096];
    snprintf(path, sizeof path, "%s/editors/example.py", getenv("PYMM_SOURCE_DIR") ? getenv("PYMM_SOURCE_DIR") : ".");
    size_t incremental = 0;
    OK(check_file(engine, path, (int)example_rounds, &incremental));
    OK(incremental > 0);
  }

  TEST("incremental diagnostics equal a full run after random edits to the standard library") {
    size_t count = 0, incremental = 0, rounds = 0, failed = 0;
    char **files = stdlib_files(&count);
    OK(count > 50);
    for (size_t i = 0; i < count; i += file_step) { /* a third of the files keeps the test to seconds */
      if (!check_file(engine, files[i], 12, &incremental)) failed++;
      rounds += 12;
    }
    INT_EQ(failed, 0);
    printf("%zu rounds of edits, %zu updated incrementally\n", rounds, incremental);
    OK(incremental * 10 > rounds); /* the incremental path is taken, not only the fallback */
    for (size_t i = 0; i < count; i++) free(files[i]);
    free(files);
  }

  TEST("a NUL byte typed into one function takes every fix away, and deleting it brings them back") {
    /* Edit texts are C strings, so a text with a NUL gets no fixes; an update that kept the fixes found
     * outside the edited function would offer them anyway. */
    const char *src = "def f(x=[]):\n    return x\n\n\ndef g():\n    try:\n        h()\n    except:\n        pass\n";
    pymm_document *doc = pymm_document_new(src, strlen(src));
    pymm_diagnostics *diagnostics = pymm_diagnostics_run(engine, doc, NULL);
    OK(diagnostics->count >= 2 && !diagnostics->without_fixes);
    size_t fixes = 0;
    for (size_t i = 0; i < diagnostics->count; i++) fixes += diagnostics->items[i].fix.edit_count > 0;
    OK(fixes >= 2);
    uint32_t at = (uint32_t)(strstr(src, "h()") - src);
    for (int step = 0; step < 3; step++) { /* type the NUL, type a letter beside it, delete the NUL */
      if (step == 0) pymm_document_apply_change(doc, at, at, "\0", 1);
      if (step == 1) pymm_document_apply_change(doc, at, at, "y", 1);
      if (step == 2) pymm_document_apply_change(doc, at + 1, at + 2, "", 0);
      diagnostics = pymm_diagnostics_update(engine, doc, diagnostics, NULL);
      pymm_diagnostics *full = pymm_diagnostics_run(engine, doc, NULL);
      INT_EQ(first_difference(diagnostics, full), -1);
      OK(diagnostics->without_fixes == (step < 2));
      size_t with_fix = 0;
      for (size_t i = 0; i < diagnostics->count; i++) with_fix += diagnostics->items[i].fix.edit_count > 0;
      INT_EQ(with_fix, step < 2 ? 0 : fixes);
      pymm_diagnostics_free(full);
    }
    pymm_diagnostics_free(diagnostics);
    pymm_document_free(doc);
  }

  TEST("a run on two threads finds what a run on one finds, in the same order, and so do the updates after it") {
    size_t count = 0, split = 0, failed = 0;
    char **files = stdlib_files(&count);
    for (size_t i = 0; i < count; i++) {
      size_t length = 0;
      pymm_error err = {{0}};
      char *src = i % file_step == 0 || !quick ? pymm_file_read(files[i], &length, &err) : NULL;
      if (src && length >= 32 * 1024) {
        pymm_document *doc = pymm_document_new(src, length);
        pymm_engine_set_run_threads(engine, 1);
        pymm_diagnostics *one = pymm_diagnostics_run(engine, doc, NULL);
        pymm_engine_set_run_threads(engine, 2);
        pymm_diagnostics *two = pymm_diagnostics_run(engine, doc, NULL);
        long k = first_difference(two, one);
        if (k >= 0) {
          print_difference(files[i], two, one, k);
          failed++;
        }
        split++;
        /* The same edits after each: updates from the two-thread run (whose outline the halves built) find
         * the same and take the incremental path just as often. */
        pymm_document *doc1 = pymm_document_new(src, length);
        pymm_engine_set_run_threads(engine, 1);
        pymm_diagnostics_free(one);
        one = pymm_diagnostics_run(engine, doc1, NULL);
        for (int round = 0; round < 4 && k < 0; round++) {
          uint64_t before = state;
          random_edit(doc1);
          state = before;
          random_edit(doc);
          pymm_engine_set_run_threads(engine, 1);
          one = pymm_diagnostics_update(engine, doc1, one, NULL);
          pymm_engine_set_run_threads(engine, 2);
          two = pymm_diagnostics_update(engine, doc, two, NULL);
          if ((k = first_difference(two, one)) >= 0) print_difference(files[i], two, one, k);
          if (k >= 0 || two->incremental != one->incremental) failed++, k = 0;
        }
        pymm_diagnostics_free(one);
        pymm_diagnostics_free(two);
        pymm_document_free(doc1);
        pymm_document_free(doc);
      }
      free(src);
      free(files[i]);
    }
    free(files);
    pymm_engine_set_run_threads(engine, 1);
    OK(split > (quick ? 1u : 20u));
    INT_EQ(failed, 0);
  }

  pymm_engine_free(engine);
  return HARNESS_DONE();
}
