/* The guide index (server/guide/guide.c, fragments.c, tables.c) on the shipped guide and on small
 * guides written here. Expected headings are found independently, by scanning the guide's lines. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "pymm/guide.h"

/* ---- helpers ------------------------------------------------------------------------------------ */

static pymm_guide *load_text(const char *markdown, pymm_error *err) {
  return pymm_guide_load(markdown, strlen(markdown), "test.md", err);
}

/* The guide's lines, split here without the index, for computing expectations. */
typedef struct lines {
  char **items;
  size_t count;
} lines;

static lines split_lines(const char *text, size_t length) {
  lines l = {calloc(length + 2, sizeof(char *)), 0};
  size_t start = 0;
  for (size_t i = 0; i <= length; i++) {
    if (i < length && text[i] != '\n') continue;
    if (i == length && start == length) break;
    size_t n = i - start;
    char *line = malloc(n + 1);
    memcpy(line, text + start, n);
    line[n] = '\0';
    l.items[l.count++] = line;
    start = i + 1;
  }
  return l;
}

static void free_lines(lines *l) {
  for (size_t i = 0; i < l->count; i++) free(l->items[i]);
  free(l->items);
}

/* The 1-based number of the first line equal to 'text' (or starting with it when 'prefix'), from 'from' on. */
static uint32_t line_of(const lines *l, const char *text, bool prefix, uint32_t from) {
  for (size_t i = from ? from - 1 : 0; i < l->count; i++)
    if (prefix ? strncmp(l->items[i], text, strlen(text)) == 0 : strcmp(l->items[i], text) == 0) return (uint32_t)i + 1;
  return 0;
}

/* An ASCII GitHub slug, written independently of the library: lowercase, keep letters, digits, '-', '_',
 * turn spaces into '-', drop the rest. */
static void ascii_slug(const char *title, char *out, size_t size) {
  size_t n = 0;
  for (const char *p = title; *p && n + 1 < size; p++) {
    char c = *p;
    if (c >= 'A' && c <= 'Z') out[n++] = (char)(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') out[n++] = c;
    else if (c == ' ') out[n++] = '-';
  }
  out[n] = '\0';
}

static const pymm_guide_entry *entry_of(const pymm_guide *g, int32_t i) {
  return i >= 0 ? pymm_guide_entry_at(g, (size_t)i) : NULL;
}

/* The slug of the entry 'ref' finds, or "(not found)". */
static const char *slug_of(const pymm_guide *g, const char *ref) {
  const pymm_guide_entry *e = entry_of(g, pymm_guide_find(g, ref));
  return e ? e->slug : "(not found)";
}

static int32_t entry_by_slug(const pymm_guide *g, const char *slug) {
  for (size_t i = 0; i < pymm_guide_entry_count(g); i++)
    if (strcmp(pymm_guide_entry_at(g, i)->slug, slug) == 0) return (int32_t)i;
  return -1;
}

/* The first table whose entry lies within section 'slug' and whose title is 'title'. */
static const pymm_guide_table *table_in(const pymm_guide *g, const char *slug, const char *title) {
  const pymm_guide_entry *section = entry_of(g, entry_by_slug(g, slug));
  if (!section) return NULL;
  for (size_t i = 0; i < pymm_guide_table_count(g); i++) {
    const pymm_guide_table *t = pymm_guide_table_at(g, i);
    if (t->line_start >= section->line_start && t->line_end <= section->line_end && strcmp(t->title, title) == 0)
      return t;
  }
  return NULL;
}

static const char *cell(const pymm_guide_table *t, uint32_t row, uint32_t column) {
  return t ? pymm_guide_table_cell(t, row, column) : NULL;
}

/* ---- the shipped guide -------------------------------------------------------------------------- */

typedef struct heading {
  uint32_t line;
  int level;
  const char *title;
} heading;

static void test_sections(const pymm_guide *g, const lines *l) {
  /* Headings outside code fences, found line by line. */
  heading *expected = calloc(l->count, sizeof *expected);
  size_t count = 0, level3 = 0;
  bool fenced = false;
  for (size_t i = 0; i < l->count; i++) {
    const char *s = l->items[i];
    if (strncmp(s, "```", 3) == 0) {
      fenced = !fenced;
      continue;
    }
    if (fenced || s[0] != '#') continue;
    int level = 0;
    while (s[level] == '#') level++;
    if (s[level] != ' ') continue;
    expected[count++] = (heading){(uint32_t)i + 1, level, s + level + 1};
    if (level == 3) level3++;
  }

  TEST("every heading of the guide is a section with its line, level, title and slug") {
    OK(level3 > 60);
    size_t sections = 0;
    for (size_t i = 0; i < pymm_guide_entry_count(g); i++)
      sections += pymm_guide_entry_at(g, i)->kind == PYMM_GUIDE_SECTION;
    INT_EQ(sections, count);
    for (size_t k = 0; k < count; k++) {
      const pymm_guide_entry *found = NULL;
      for (size_t i = 0; i < pymm_guide_entry_count(g) && !found; i++) {
        const pymm_guide_entry *e = pymm_guide_entry_at(g, i);
        if (e->kind == PYMM_GUIDE_SECTION && e->line_start == expected[k].line) found = e;
      }
      OK(found != NULL);
      if (!found) {
        fprintf(stderr, "  missing heading at line %u: %s\n", expected[k].line, expected[k].title);
        continue;
      }
      INT_EQ(found->level, expected[k].level);
      STR_EQ(found->title, expected[k].title);
      char slug[256];
      ascii_slug(expected[k].title, slug, sizeof slug);
      STR_EQ(found->slug, slug);
      INT_EQ(found->fragment, PYMM_FRAGMENT_NONE);
      /* A section runs to the line before the next heading of its level or higher. */
      uint32_t end = (uint32_t)l->count;
      for (size_t j = k + 1; j < count; j++)
        if (expected[j].level <= expected[k].level) {
          end = expected[j].line - 1;
          break;
        }
      INT_EQ(found->line_end, end);
    }
  }

  TEST("every ### heading is found by its title, by its slug and by its anchor") {
    for (size_t k = 0; k < count; k++) {
      if (expected[k].level != 3) continue;
      int32_t by_title = pymm_guide_find(g, expected[k].title);
      const pymm_guide_entry *e = entry_of(g, by_title);
      OK(e != NULL);
      if (!e) continue;
      INT_EQ(e->line_start, expected[k].line);
      INT_EQ(pymm_guide_find(g, e->slug), by_title);
      char anchor[300];
      snprintf(anchor, sizeof anchor, "#%s", e->slug);
      INT_EQ(pymm_guide_find(g, anchor), by_title);
    }
  }

  TEST("the table of contents' links are the sections' slugs") {
    size_t links = 0;
    for (size_t i = 0; i < l->count; i++) {
      const char *open = strstr(l->items[i], "](#");
      if (!open || strncmp(l->items[i], "## ", 3) == 0) continue;
      char slug[200];
      const char *close = strchr(open + 3, ')');
      if (!close || (size_t)(close - open - 3) >= sizeof slug) continue;
      memcpy(slug, open + 3, (size_t)(close - open - 3));
      slug[close - open - 3] = '\0';
      int32_t found = entry_by_slug(g, slug);
      OK(found >= 0);
      if (found >= 0) INT_EQ(entry_of(g, found)->kind, PYMM_GUIDE_SECTION);
      links++;
    }
    INT_EQ(links, 18);
    STR_EQ(slug_of(g, "4. Mutability & Immutability"), "4-mutability--immutability");
  }
  free(expected);
}

static void test_structure(const pymm_guide *g) {
  TEST("entries are in document order; fragments sit inside their section, one level deeper") {
    size_t n = pymm_guide_entry_count(g);
    OK(n > 200);
    for (size_t i = 0; i < n; i++) {
      const pymm_guide_entry *e = pymm_guide_entry_at(g, i);
      OK(e->line_start <= e->line_end);
      if (i) OK(pymm_guide_entry_at(g, i - 1)->line_start <= e->line_start);
      if (e->kind == PYMM_GUIDE_FRAGMENT) {
        const pymm_guide_entry *section = entry_of(g, e->parent);
        OK(section && section->kind == PYMM_GUIDE_SECTION);
        if (!section) continue;
        OK(e->parent < (int32_t)i);
        OK(e->line_start > section->line_start && e->line_end <= section->line_end);
        INT_EQ(e->level, section->level + 1);
        OK(e->fragment != PYMM_FRAGMENT_NONE);
        OK(strncmp(e->slug, section->slug, strlen(section->slug)) == 0);
      } else if (e->parent >= 0) {
        const pymm_guide_entry *parent = entry_of(g, e->parent);
        OK(parent->kind == PYMM_GUIDE_SECTION && parent->level < e->level);
        OK(parent->line_start < e->line_start && e->line_end <= parent->line_end);
      } else {
        INT_EQ(e->level, 1);
      }
    }
    const pymm_guide_entry *list = entry_of(g, pymm_guide_find(g, "List (Dynamic Array)"));
    OK(list && list->parent >= 0);
    if (list) STR_EQ(entry_of(g, list->parent)->title, "3. DATA STRUCTURES DEEP DIVE");
  }

  TEST("every slug is unique") {
    size_t n = pymm_guide_entry_count(g), duplicates = 0;
    for (size_t i = 0; i < n; i++)
      for (size_t j = i + 1; j < n; j++)
        duplicates += strcmp(pymm_guide_entry_at(g, i)->slug, pymm_guide_entry_at(g, j)->slug) == 0;
    INT_EQ(duplicates, 0);
  }

  TEST("lines, path and source") {
    size_t length;
    const char *text = pymm_guide_line(g, 1, &length);
    OK(text && length == strlen("# PYTHON - MENTAL MODELS") && strncmp(text, "# PYTHON - MENTAL MODELS", length) == 0);
    OK(pymm_guide_line(g, 0, &length) == NULL);
    OK(pymm_guide_line(g, pymm_guide_line_count(g) + 1, &length) == NULL);
    OK(pymm_guide_line(g, pymm_guide_line_count(g), &length) != NULL);
    OK(pymm_guide_path(g) == NULL);
    const char *source = pymm_guide_source(g, &length);
    OK(source && length > 80000 && source[length] == '\0');
  }
}

static void test_fragments(const pymm_guide *g, const lines *l) {
  TEST("DEQUE is a header fragment of Collections Module Highlights, up to its last line") {
    int32_t i = pymm_guide_find(g, "Collections Module Highlights > DEQUE");
    const pymm_guide_entry *e = entry_of(g, i);
    OK(e != NULL);
    if (!e) return;
    STR_EQ(e->title, "DEQUE - Double-ended queue O(1) both ends");
    STR_EQ(e->slug, "collections-module-highlights--deque---double-ended-queue-o1-both-ends");
    INT_EQ(e->kind, PYMM_GUIDE_FRAGMENT);
    INT_EQ(e->fragment, PYMM_FRAGMENT_HEADER);
    INT_EQ(e->level, 4);
    INT_EQ(e->parent, pymm_guide_find(g, "Collections Module Highlights"));
    INT_EQ(e->line_start, line_of(l, "# DEQUE - Double-ended queue O(1) both ends", false, 0));
    INT_EQ(e->line_end, line_of(l, "deque(maxlen=3)", true, e->line_start));
    INT_EQ(e->line_end + 2, line_of(l, "# ORDEREDDICT", true, 0));
    INT_EQ(pymm_guide_find(g, "collections-module-highlights > deque"), i);
    INT_EQ(pymm_guide_find(g, e->slug), i);
    INT_EQ(pymm_guide_find(g, "Collections Module Highlights > DEQUE - Double-ended queue O(1) both ends"), i);
  }

  TEST("Late Binding Closures holds a ✗ WRONG and a ✓ CORRECT fragment") {
    int32_t section = pymm_guide_find(g, "Late Binding Closures");
    OK(section >= 0);
    const pymm_guide_entry *wrong = NULL, *correct = NULL;
    size_t fragments = 0;
    for (size_t i = 0; i < pymm_guide_entry_count(g); i++) {
      const pymm_guide_entry *e = pymm_guide_entry_at(g, i);
      if (e->kind != PYMM_GUIDE_FRAGMENT || e->parent != section) continue;
      fragments++;
      if (e->fragment == PYMM_FRAGMENT_WRONG) wrong = e;
      if (e->fragment == PYMM_FRAGMENT_CORRECT) correct = e;
    }
    INT_EQ(fragments, 2);
    OK(wrong && correct);
    if (!wrong || !correct) return;
    STR_EQ(wrong->title, "✗ WRONG");
    STR_EQ(wrong->slug, "late-binding-closures--wrong");
    STR_EQ(correct->title, "✓ CORRECT - Capture value");
    STR_EQ(correct->slug, "late-binding-closures--correct---capture-value");
    uint32_t start = entry_of(g, section)->line_start;
    INT_EQ(wrong->line_start, line_of(l, "# ✗ WRONG", false, start));
    INT_EQ(wrong->line_end, line_of(l, "[f() for f in funcs]  # [2, 2, 2]", true, start));
    INT_EQ(correct->line_start, line_of(l, "# ✓ CORRECT - Capture value", false, start));
    INT_EQ(correct->line_end, line_of(l, "[f() for f in funcs]  # [0, 1, 2]", true, start));
  }

  TEST("Best Practices alternates ✓ DO and ✗ DON'T") {
    int32_t section = pymm_guide_find(g, "Best Practices");
    int wrong = 0, correct = 0;
    for (size_t i = 0; i < pymm_guide_entry_count(g); i++) {
      const pymm_guide_entry *e = pymm_guide_entry_at(g, i);
      if (e->parent != section || e->kind != PYMM_GUIDE_FRAGMENT) continue;
      wrong += e->fragment == PYMM_FRAGMENT_WRONG;
      correct += e->fragment == PYMM_FRAGMENT_CORRECT;
    }
    INT_EQ(wrong, 3);
    INT_EQ(correct, 4);
    const pymm_guide_entry *bare = entry_of(g, pymm_guide_find(g, "Best Practices > ✗ DON'T: Bare except"));
    OK(bare && bare->fragment == PYMM_FRAGMENT_WRONG);
  }

  TEST("ALL-CAPS headers: numbered, with a lowercase tail, indented in a class; labels and prose are not") {
    const char *headers[] = {"Common Optimizations > 1. USE BUILT-INS (C-implemented)",
                             "Building Decorators > BASIC DECORATOR TEMPLATE",
                             "Mutability Gotchas > GOTCHA 1: Mutable default arguments",
                             "Small Integer & String Caching > WHY THIS MATTERS",
                             "Class Anatomy > PROPERTY (computed attribute)",
                             "Dunder (Magic) Methods > CONTEXT MANAGER",
                             "Common Optimizations > 8. USE __SLOTS__ FOR MANY OBJECTS"};
    for (size_t i = 0; i < sizeof headers / sizeof *headers; i++) {
      const pymm_guide_entry *e = entry_of(g, pymm_guide_find(g, headers[i]));
      OK(e && e->fragment == PYMM_FRAGMENT_HEADER);
      if (!e) fprintf(stderr, "  not found: %s\n", headers[i]);
    }
    /* "# FIX:" labels a gotcha's fix: the gotcha runs on through it. */
    const pymm_guide_entry *gotcha = entry_of(g, pymm_guide_find(g, "Mutability Gotchas > GOTCHA 1"));
    OK(gotcha && gotcha->line_end > line_of(l, "# FIX:", false, gotcha->line_start));
    for (size_t i = 0; i < pymm_guide_entry_count(g); i++) {
      const char *title = pymm_guide_entry_at(g, i)->title;
      OK(strcmp(title, "FIX") != 0 && strcmp(title, "Output") != 0 && strstr(title, "BINARY_ADD") == NULL &&
         strstr(title, "SHALLOW:") == NULL && strcmp(title, "Identity comparison vs Value comparison") != 0);
    }
  }

  TEST("panels: titled by their title bar, or by the caption above an untitled box") {
    const pymm_guide_entry *list = entry_of(g, pymm_guide_find(g, "List (Dynamic Array) > Python List"));
    OK(list && list->fragment == PYMM_FRAGMENT_PANEL);
    if (list) {
      uint32_t top = line_of(l, "### List (Dynamic Array)", false, 0);
      INT_EQ(list->line_start, top + 3);
      INT_EQ(list->line_end, line_of(l, "└", true, top));
      STR_EQ(list->slug, "list-dynamic-array--python-list");
    }
    const pymm_guide_entry *gil =
        entry_of(g, pymm_guide_find(g, "the-gil-global-interpreter-lock > Global Interpreter Lock (GIL)"));
    OK(gil && gil->fragment == PYMM_FRAGMENT_PANEL);
    const pymm_guide_entry *closure = entry_of(g, pymm_guide_find(g, "Closure Mental Model > CLOSURE"));
    OK(closure && closure->fragment == PYMM_FRAGMENT_PANEL);
    if (closure) STR_EQ(closure->title, "CLOSURE = Function + Captured Environment");
    /* Boxes drawn inside lines ("a ─────►┌───┐") and the type tree are not panels. */
    size_t panels = 0;
    for (size_t i = 0; i < pymm_guide_entry_count(g); i++)
      panels += pymm_guide_entry_at(g, i)->fragment == PYMM_FRAGMENT_PANEL;
    INT_EQ(panels, 20);
  }
}

static void test_tables(const pymm_guide *g, const lines *l) {
  TEST("the List complexity table, nested in its panel") {
    const pymm_guide_table *t = table_in(g, "list-dynamic-array", "Time Complexities:");
    OK(t != NULL);
    if (!t) return;
    INT_EQ(t->column_count, 2);
    INT_EQ(t->row_count, 9);
    STR_EQ(cell(t, 0, 0), "Operation");
    STR_EQ(cell(t, 0, 1), "Complexity");
    int32_t row = pymm_guide_table_find_row(t, "Pop from start");
    INT_EQ(row, 4);
    STR_EQ(cell(t, (uint32_t)row, 1), "O(n)");
    INT_EQ(t->row_lines[row], line_of(l, "│  │ Pop from start", true, 0));
    STR_EQ(cell(t, 1, 0), "Index access [i]");
    STR_EQ(cell(t, 2, 1), "O(1) amort");
    STR_EQ(cell(t, 8, 0), "Sort");
    STR_EQ(cell(t, 8, 1), "O(n log n)");
    INT_EQ(pymm_guide_table_find_row(t, "  pop FROM start "), row);
    INT_EQ(pymm_guide_table_find_row(t, "Operation"), -1); /* the header is not a row */
    INT_EQ(pymm_guide_table_find_row(t, "Pop"), -1);
    OK(pymm_guide_table_cell(t, 9, 0) == NULL && pymm_guide_table_cell(t, 0, 2) == NULL);
    const pymm_guide_entry *e = entry_of(g, t->entry);
    OK(e && e->fragment == PYMM_FRAGMENT_PANEL);
    if (e) STR_EQ(e->title, "Python List");
    INT_EQ(t->line_start, line_of(l, "│  ┌────────────────────┬─────────────┐", true, 0));
    INT_EQ(t->line_end, t->line_start + 11);
  }

  TEST("the Dict table: a one-┬ border over three columns") {
    const pymm_guide_table *t = table_in(g, "dictionary-hash-map", "Time Complexities:");
    OK(t != NULL);
    if (!t) return;
    INT_EQ(t->column_count, 3);
    INT_EQ(t->row_count, 4);
    STR_EQ(cell(t, 0, 0), "Operation");
    STR_EQ(cell(t, 0, 1), "Average");
    STR_EQ(cell(t, 0, 2), "Worst");
    int32_t row = pymm_guide_table_find_row(t, "Get/Set/Delete");
    INT_EQ(row, 1);
    STR_EQ(cell(t, 1, 1), "O(1)");
    STR_EQ(cell(t, 1, 2), "O(n)");
    STR_EQ(cell(t, 2, 0), "Search (in)");
    STR_EQ(cell(t, 3, 0), "Iteration");
  }

  TEST("the Set table") {
    const pymm_guide_table *t = table_in(g, "set-hash-set", "Time Complexities:");
    OK(t != NULL);
    if (!t) return;
    INT_EQ(t->column_count, 2);
    INT_EQ(t->row_count, 6);
    STR_EQ(cell(t, 0, 1), "Average");
    STR_EQ(cell(t, (uint32_t)pymm_guide_table_find_row(t, "Search (in)"), 1), "O(1)");
    STR_EQ(cell(t, (uint32_t)pymm_guide_table_find_row(t, "Intersection"), 1), "O(min(n,m))");
    STR_EQ(cell(t, (uint32_t)pymm_guide_table_find_row(t, "Union"), 1), "O(n+m)");
  }

  TEST("When to Use What: │ columns in a panel, rows over several lines joined") {
    const pymm_guide_table *t = table_in(g, "when-to-use-what", "CONCURRENCY DECISION GUIDE");
    OK(t != NULL);
    if (!t) return;
    INT_EQ(t->column_count, 3);
    INT_EQ(t->row_count, 6);
    const char *expected[6][3] = {
        {"Task Type", "Best Choice", "Why"},
        {"I/O-bound (network, files)", "asyncio or threading", "Efficient, scalable GIL released during I/O waits"},
        {"CPU-bound (computation)", "multiprocessing", "True parallelism, bypasses GIL"},
        {"Mixed I/O + CPU", "multiprocessing + asyncio", "Each process can run event loop"},
        {"Simple scripts", "threading", "Easy to understand and implement"},
        {"High concurrency (10000+ tasks)", "asyncio", "Handles thousands of connections"},
    };
    for (uint32_t r = 0; r < 6; r++)
      for (uint32_t c = 0; c < 3; c++) STR_EQ(cell(t, r, c), expected[r][c]);
    INT_EQ(t->row_lines[1], line_of(l, "│  I/O-bound", true, 0));
    INT_EQ(t->row_lines[5], line_of(l, "│  High concurrency", true, 0));
    INT_EQ(t->line_start, line_of(l, "│  Task Type", true, 0));
    INT_EQ(pymm_guide_table_find_row(t, "simple scripts"), 4);
  }

  TEST("diagrams are not tables; every table is well formed") {
    size_t count = pymm_guide_table_count(g);
    INT_EQ(count, 5); /* List, Dict's idx/key/value drawing, Dict, Set, When to Use What */
    for (size_t i = 0; i < count; i++) {
      const pymm_guide_table *t = pymm_guide_table_at(g, i);
      OK(t->row_count >= 2 && t->column_count >= 2 && t->line_start <= t->line_end);
      OK(t->entry >= 0 && t->title != NULL);
      for (uint32_t r = 0; r < t->row_count; r++) {
        OK(t->row_lines[r] >= t->line_start && t->row_lines[r] <= t->line_end);
        for (uint32_t c = 0; c < t->column_count; c++) {
          const char *s = pymm_guide_table_cell(t, r, c);
          OK(s != NULL && strstr(s, "│") == NULL && strcmp(s, "ptr") != 0);
        }
      }
    }
    OK(pymm_guide_table_at(g, count) == NULL);
  }
}

static void test_find(const pymm_guide *g) {
  TEST("pymm_guide_find is tolerant") {
    int32_t list = pymm_guide_find(g, "List (Dynamic Array)");
    STR_EQ(slug_of(g, "List (Dynamic Array)"), "list-dynamic-array");
    INT_EQ(pymm_guide_find(g, "list-dynamic-array"), list);
    INT_EQ(pymm_guide_find(g, "list"), list);
    INT_EQ(pymm_guide_find(g, "LIST (dynamic array)"), list);
    INT_EQ(pymm_guide_find(g, "  List  "), list);
    int32_t data = pymm_guide_find(g, "3. Data Structures Deep Dive");
    STR_EQ(slug_of(g, "3. Data Structures Deep Dive"), "3-data-structures-deep-dive");
    INT_EQ(pymm_guide_find(g, "data structures deep dive"), data);
    INT_EQ(pymm_guide_find(g, "Data Structures"), data); /* a prefix */
    STR_EQ(slug_of(g, "The GIL"), "the-gil-global-interpreter-lock");
    STR_EQ(slug_of(g, "Mutable Default Arguments"), "mutable-default-arguments");
    STR_EQ(slug_of(g, "Iterator Protocol"), "iterator-protocol"); /* the section, not its panel */
    STR_EQ(slug_of(g, "Context Manager Protocol"), "context-manager-protocol");
    INT_EQ(pymm_guide_find(g, "Dictionary (Hash Map) > Time Complexities"), -1); /* tables are not entries */
    INT_EQ(pymm_guide_find(g, "No Such Section"), -1);
    INT_EQ(pymm_guide_find(g, "Collections Module Highlights > NOPE"), -1);
    INT_EQ(pymm_guide_find(g, "Nope > DEQUE"), -1);
    INT_EQ(pymm_guide_find(g, ""), -1);
    INT_EQ(pymm_guide_find(g, " > "), -1);
    INT_EQ(pymm_guide_find(g, "#"), -1);
    INT_EQ(pymm_guide_find(g, NULL), -1);
    INT_EQ(pymm_guide_find(NULL, "list"), -1);
  }
}

/* ---- small guides ------------------------------------------------------------------------------- */

static void test_small_guides(void) {
  pymm_error err = {{0}};

  TEST("no text, no headings, bad UTF-8: NULL and a reason") {
    OK(pymm_guide_load("", 0, NULL, &err) == NULL);
    OK(err.message[0] != '\0');
    err.message[0] = '\0';
    OK(pymm_guide_load(NULL, 0, NULL, &err) == NULL);
    OK(err.message[0] != '\0');
    err.message[0] = '\0';
    OK(load_text("just prose\n\n```\n# HEADER IN CODE\n```\n", &err) == NULL);
    STR_HAS(err.message, "heading");
    err.message[0] = '\0';
    OK(load_text("# Title\n\nbad \xff byte\n", &err) == NULL);
    STR_HAS(err.message, "UTF-8");
    OK(load_text("# Title \xed\xa0\x80 surrogate\n", &err) == NULL);
    pymm_guide *g = load_text("# Title\n", NULL); /* err may be NULL */
    OK(g != NULL);
    pymm_guide_free(g);
    pymm_guide_free(NULL);
  }

  TEST("duplicate, non-ASCII and decorated headings slug as GitHub does") {
    pymm_guide *g = load_text("# Foo\n## Foo\n## Foo\n## Foo 1\n## Foo-1\n## Café ✓ Crème\n## ÉTÉ\n"
                              "## The `__slots__` *trick*\nSetext Title\n============\n",
                              &err);
    OK(g != NULL);
    if (!g) return;
    const char *slugs[] = {
        "foo", "foo-1", "foo-2", "foo-1-1", "foo-1-2", "café--crème", "été", "the-__slots__-trick", "setext-title"};
    INT_EQ(pymm_guide_entry_count(g), 9);
    for (size_t i = 0; i < 9 && i < pymm_guide_entry_count(g); i++) STR_EQ(pymm_guide_entry_at(g, i)->slug, slugs[i]);
    STR_EQ(pymm_guide_entry_at(g, 7)->title, "The __slots__ trick");
    INT_EQ(pymm_guide_entry_at(g, 8)->line_start, 9);
    INT_EQ(pymm_guide_entry_at(g, 8)->level, 1);
    INT_EQ(pymm_guide_entry_at(g, 1)->parent, 0);
    INT_EQ(pymm_guide_entry_at(g, 0)->line_end, 8);
    INT_EQ(pymm_guide_entry_at(g, 8)->line_end, 10);
    INT_EQ(pymm_guide_find(g, "café crème"), 5);
    INT_EQ(pymm_guide_find(g, "foo-1"), 1);
    pymm_guide_free(g);
  }

  TEST("CRLF and lone CR line endings keep cmark's line numbers") {
    pymm_guide *g = load_text("# T\r\n\r\n## S\r\n```\r\n# HEADER ONE\r\ncode\r\n\r\n```\r\n## U\rtext\r", &err);
    OK(g != NULL);
    if (!g) return;
    INT_EQ(pymm_guide_line_count(g), 10);
    size_t n;
    const char *line = pymm_guide_line(g, 5, &n);
    OK(line && n == strlen("# HEADER ONE") && memcmp(line, "# HEADER ONE", n) == 0);
    const pymm_guide_entry *f = entry_of(g, pymm_guide_find(g, "S > HEADER ONE"));
    OK(f && f->line_start == 5 && f->line_end == 6);
    const pymm_guide_entry *u = entry_of(g, pymm_guide_find(g, "U"));
    OK(u && u->line_start == 9 && u->line_end == 10);
    pymm_guide_free(g);
  }

  TEST("fragments in indented code, in a list, before the first heading") {
    pymm_guide *g = load_text("```\n# EARLY BIRD\nx\n```\n\n# Title\n\n    # INDENTED HEADER\n    y = 1\n\n"
                              "- item\n\n  ```python\n  # IN A LIST\n  z = 2\n  ```\n",
                              &err);
    OK(g != NULL);
    if (!g) return;
    const pymm_guide_entry *early = entry_of(g, pymm_guide_find(g, "EARLY BIRD"));
    OK(early && early->parent == -1 && early->line_start == 2 && early->line_end == 3);
    if (early) STR_EQ(early->slug, "early-bird");
    const pymm_guide_entry *indented = entry_of(g, pymm_guide_find(g, "Title > INDENTED HEADER"));
    OK(indented && indented->line_start == 8 && indented->line_end == 9);
    const pymm_guide_entry *listed = entry_of(g, pymm_guide_find(g, "Title > IN A LIST"));
    OK(listed && listed->line_start == 14 && listed->line_end == 15);
    pymm_guide_free(g);
  }

  TEST("a table with ragged rows") {
    pymm_guide *g =
        load_text("# G\n## Tables\n\n```\nRagged:\n┌──────┬──────┐\n│ a    │ b    │\n├──────┼──────┤\n"
                  "│ 1    │ 2    │ 3 │\n│ x │\n│ 4    │ 5\n│ 6    │ 7  │\n│ é    │ ✓    │\n└──────┴──────┘\n```\n",
                  &err);
    OK(g != NULL);
    if (!g) return;
    INT_EQ(pymm_guide_table_count(g), 1);
    const pymm_guide_table *t = pymm_guide_table_at(g, 0);
    if (!t) return;
    STR_EQ(t->title, "Ragged:");
    INT_EQ(t->line_start, 6);
    INT_EQ(t->line_end, 14);
    OK(t->column_count >= 2);
    STR_EQ(cell(t, 0, 0), "a");
    STR_EQ(cell(t, 0, 1), "b");
    STR_EQ(cell(t, 1, 0), "1");
    STR_EQ(cell(t, 1, 1), "2");
    int32_t last = pymm_guide_table_find_row(t, "é");
    OK(last > 0);
    if (last > 0) STR_EQ(cell(t, (uint32_t)last, 1), "✓");
    OK(pymm_guide_table_find_row(t, "6") > 0);
    for (uint32_t r = 0; r < t->row_count; r++)
      for (uint32_t c = 0; c < t->column_count; c++) OK(pymm_guide_table_cell(t, r, c) != NULL);
    INT_EQ(t->entry, pymm_guide_find(g, "Tables"));
    pymm_guide_free(g);
  }

  TEST("unterminated boxes: a table, a panel, a lone border") {
    pymm_guide *g = load_text("# G\n\n```\n┌────┬────┐\n│ a  │ b  │\n├────┼────┤\n│ 1  │ 2  │\n```\n\n"
                              "```\n┌────────┐\n│ Title  │\n├────────┤\n│ body\n```\n\n```\n┌────\n│\n├\n```\n\n"
                              "```\n┌──┐\nx = 1\n```\n\n```\n┌─┬─┐\n│ a │\n├─┼─┤\n```\n",
                              &err);
    OK(g != NULL);
    if (!g) return;
    INT_EQ(pymm_guide_table_count(g), 1);
    const pymm_guide_table *t = pymm_guide_table_at(g, 0);
    if (t) {
      INT_EQ(t->row_count, 2);
      STR_EQ(cell(t, 1, 1), "2");
      INT_EQ(t->line_end, 7);
    }
    const pymm_guide_entry *panel = entry_of(g, pymm_guide_find(g, "G > Title"));
    OK(panel && panel->fragment == PYMM_FRAGMENT_PANEL && panel->line_start == 11 && panel->line_end == 14);
    size_t panels = 0;
    for (size_t i = 0; i < pymm_guide_entry_count(g); i++)
      panels += pymm_guide_entry_at(g, i)->fragment == PYMM_FRAGMENT_PANEL;
    INT_EQ(panels, 1);
    pymm_guide_free(g);
  }

  TEST("a 1 MB line, a 1 MB heading, a 1 MB row of boxes") {
    size_t big = 1 << 20;
    pymm_buf b = {0};
    pymm_buf_puts(&b, "# ");
    for (size_t i = 0; i < big / 2; i++) pymm_buf_puts(&b, "Ab");
    pymm_buf_puts(&b, "\n\n## Long\n\n```\n# LONG HEADER ");
    for (size_t i = 0; i < big; i++) pymm_buf_putc(&b, 'X');
    pymm_buf_puts(&b, "\n");
    for (size_t i = 0; i < big / 4; i++) pymm_buf_puts(&b, "x_y ");
    pymm_buf_puts(&b, "\n");
    for (size_t i = 0; i < big / 16; i++) pymm_buf_puts(&b, "┌─┬─┐");
    pymm_buf_puts(&b, "\n");
    for (size_t i = 0; i < big / 16; i++) pymm_buf_puts(&b, "│a│b│");
    pymm_buf_puts(&b, "\n");
    for (size_t i = 0; i < big / 16; i++) pymm_buf_puts(&b, "├─┼─┤");
    pymm_buf_puts(&b, "\n");
    for (size_t i = 0; i < big / 16; i++) pymm_buf_puts(&b, "│1│2│");
    pymm_buf_puts(&b, "\n");
    for (size_t i = 0; i < big / 16; i++) pymm_buf_puts(&b, "└─┴─┘");
    pymm_buf_puts(&b, "\n┌");
    for (size_t i = 0; i < big / 3; i++) pymm_buf_puts(&b, "─");
    pymm_buf_puts(&b, "\n```\n");
    pymm_guide *g = pymm_guide_load(b.data, b.len, NULL, &err);
    OK(g != NULL);
    if (g) {
      INT_EQ(pymm_guide_table_count(g), big / 16);
      const pymm_guide_table *t = pymm_guide_table_at(g, 7);
      OK(t && t->row_count == 2 && t->column_count == 2);
      if (t) STR_EQ(cell(t, 1, 1), "2");
      const pymm_guide_entry *e = entry_of(g, pymm_guide_find(g, "Long > LONG HEADER"));
      OK(e && strlen(e->title) == big + strlen("LONG HEADER "));
      OK(strlen(pymm_guide_entry_at(g, 0)->slug) == big);
      pymm_guide_hit hits[4];
      OK(pymm_guide_lookup(g, "long header", hits, 4) >= 1);
      pymm_guide_free(g);
    }
    pymm_buf_free(&b);
  }
}

static void test_wide_drawing(void) {
  TEST("a box 100,000 cells wide over 1,000 one-cell rows is a drawing, not a table") {
    pymm_buf b = {0};
    pymm_buf_puts(&b, "# G\n\n```\n┌");
    for (int i = 0; i < 100000; i++) pymm_buf_puts(&b, "─┬");
    pymm_buf_puts(&b, "─┐\n│");
    for (int i = 0; i < 100000; i++) pymm_buf_puts(&b, "a│");
    pymm_buf_puts(&b, "b│\n├");
    for (int i = 0; i < 100000; i++) pymm_buf_puts(&b, "─┼");
    pymm_buf_puts(&b, "─┤\n");
    for (int i = 0; i < 1000; i++) pymm_buf_puts(&b, "│x│\n");
    pymm_buf_puts(&b, "└─┘\n```\n");
    pymm_error err = {{0}};
    pymm_guide *g = pymm_guide_load(b.data, b.len, NULL, &err);
    OK(g != NULL);
    if (g) INT_EQ(pymm_guide_table_count(g), 0);
    pymm_guide_free(g);
    pymm_buf_free(&b);
  }
}

int main(void) {
  const pymm_blob *blob = pymm_data_find(PYMM_DEFAULT_GUIDE);
  OK(blob != NULL);
  if (!blob) return HARNESS_DONE();
  pymm_error err = {{0}};
  pymm_guide *g = pymm_guide_load(blob->bytes, blob->length, NULL, &err);
  OK(g != NULL);
  if (!g) {
    fprintf(stderr, "load: %s\n", err.message);
    return HARNESS_DONE();
  }
  lines l = split_lines(blob->bytes, blob->length);
  test_sections(g, &l);
  test_structure(g);
  test_fragments(g, &l);
  test_tables(g, &l);
  test_find(g);
  test_small_guides();
  test_wide_drawing();
  free_lines(&l);
  pymm_guide_free(g);
  return HARNESS_DONE();
}
