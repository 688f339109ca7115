/* Every feature on arbitrary Python-ish text: a hover at every byte offset (once per innermost node: offsets
 * with the same one get the same hover), rendered as Markdown and as plain text with and without a table cap;
 * the diagnostics; the code actions over every line; fix-all, safe and unsafe. A hover stays inside the text;
 * what pymm renders from valid UTF-8 is valid UTF-8 (a shortened construct is never cut inside a code point);
 * every action's edits are sorted, inside the text and do not overlap, and applying them keeps valid UTF-8
 * valid; fix-all is idempotent. */
#include <string.h>

#include "fuzz.h"
#include "pymm/features.h"

static pymm_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const pymm_blob *guide = pymm_data_find(PYMM_DEFAULT_GUIDE);
  pymm_error err = {{0}};
  char *warnings = NULL;
  engine = pymm_engine_new(guide->bytes, guide->length, "/guide.md", &warnings, &err);
  free(warnings);
  if (!engine) {
    fprintf(stderr, "cannot build the engine: %s\n", err.message);
    abort();
  }
  return 0;
}

static void check_render(const pymm_hover *hover, bool utf8) {
  pymm_settings settings = pymm_settings_default();
  for (int k = 0; k < 3; k++) {
    settings.hover_max_table_rows = k == 2 ? 1 : settings.hover_max_table_rows;
    char *text = pymm_hover_render(engine, hover, k == 0 ? PYMM_MARKUP_PLAINTEXT : PYMM_MARKUP_MARKDOWN, &settings);
    FUZZ_CHECK(text != NULL);
    if (utf8) FUZZ_CHECK(pymm_utf8_valid(text, strlen(text)));
    free(text);
  }
}

/* Edits are sorted, inside the text, not overlapping; applied to valid UTF-8 they keep it valid. */
static void check_edits(const char *text, size_t size, const pymm_edit *edits, size_t count, bool utf8) {
  for (size_t i = 0; i < count; i++) {
    FUZZ_CHECK(edits[i].start <= edits[i].end && edits[i].end <= size);
    if (i > 0) FUZZ_CHECK(edits[i - 1].end <= edits[i].start);
    if (utf8) FUZZ_CHECK(pymm_utf8_valid(edits[i].text, strlen(edits[i].text)));
  }
  size_t length = 0;
  char *result = pymm_edits_apply(text, size, edits, count, &length);
  if (utf8) FUZZ_CHECK(pymm_utf8_valid(result, length));
  free(result);
}

/* A fix-all result ('once', taken): valid UTF-8 when the text was, and a second fix-all changes nothing. */
static void check_fixed_once(char *once, size_t length, bool unsafe, bool utf8) {
  if (utf8) FUZZ_CHECK(pymm_utf8_valid(once, length));
  size_t length2 = 0;
  char *twice = pymm_fix_all(engine, once, length, NULL, unsafe, &length2, NULL);
  FUZZ_CHECK(twice == NULL || (length2 == length && memcmp(twice, once, length) == 0));
  free(twice);
  free(once);
}

static void check_actions(pymm_document *doc, const char *text, size_t size, bool utf8) {
  pymm_diagnostics *diagnostics = pymm_diagnostics_run(engine, doc, NULL);
  bool safe_fix = false, any_fix = false;
  for (size_t i = 0; i < diagnostics->count; i++) {
    const pymm_diagnostic *d = &diagnostics->items[i];
    FUZZ_CHECK(d->rule != NULL && d->start <= d->end && d->end <= size);
    check_edits(text, size, d->fix.edits, d->fix.edit_count, utf8);
    any_fix = any_fix || d->fix.edit_count > 0;
    safe_fix = safe_fix || (d->fix.edit_count > 0 && d->fix.safety == PYMM_FIX_SAFE);
  }
  /* The actions over each line, as an editor asks for them with the cursor on it; the first line's include
   * the editor's fix-all (every safe fix), whose text is kept. */
  const pymm_text *t = pymm_document_text(doc);
  char *safe_fixed = NULL;
  size_t safe_length = 0;
  for (uint32_t line = 0; line < pymm_text_line_count(t) && diagnostics->count > 0; line++) {
    pymm_actions *actions = pymm_actions_at(engine, doc, diagnostics, pymm_text_line_start(t, line),
                                            pymm_text_line_end(t, line), NULL, line == 0);
    for (size_t k = 0; k < actions->count; k++) {
      const pymm_action *a = &actions->items[k];
      FUZZ_CHECK(a->title != NULL);
      check_edits(text, size, a->edits, a->edit_count, utf8);
      if (a->kind == PYMM_ACTION_FIX_ALL)
        safe_fixed = pymm_edits_apply(text, size, a->edits, a->edit_count, &safe_length);
    }
    pymm_actions_free(actions);
  }
  pymm_diagnostics_free(diagnostics);
  FUZZ_CHECK(safe_fix || !safe_fixed);
  /* Fix-all, safe then unsafe, and again on its result. The safe one is the editor's above; the unsafe one
   * finds the diagnostics above, so with no fix among them it has nothing to do. */
  if (safe_fixed) check_fixed_once(safe_fixed, safe_length, false, utf8);
  size_t length = 0;
  char *unsafe_fixed = any_fix ? pymm_fix_all(engine, text, size, NULL, true, &length, NULL) : NULL;
  if (unsafe_fixed) check_fixed_once(unsafe_fixed, length, true, utf8);
}

/* The innermost nodes hovered so far: a hover considers the nodes that contain the offset, which are the
 * innermost node and its ancestors, so two offsets with the same innermost node get the same hover. */
typedef struct seen_nodes {
  const void **ids; /* one per offset at most */
  size_t count;
  pymm_index index;
} seen_nodes;

static bool same_id(const void *context, uint32_t item) {
  const void *const *key = context;
  return ((const seen_nodes *)key[0])->ids[item] == key[1];
}

/* True the first time 'node' is seen. */
static bool first_visit(seen_nodes *seen, TSNode node) {
  const void *key[2] = {seen, node.id};
  uint64_t hash = pymm_hash(PYMM_HASH_SEED, &node.id, sizeof node.id);
  if (pymm_index_find(&seen->index, hash, same_id, key) != PYMM_INDEX_NONE) return false;
  seen->ids[seen->count] = node.id;
  pymm_index_add(&seen->index, hash, (uint32_t)seen->count++);
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096) return 0;
  bool utf8 = pymm_utf8_valid((const char *)data, size);
  pymm_document *doc = pymm_document_new((const char *)data, size);
  /* A hover at every offset whose innermost node no offset before it had. Render the first hover of each
   * construct. */
  uint32_t last_start = UINT32_MAX, last_end = UINT32_MAX;
  seen_nodes seen = {.ids = pymm_calloc(size + 1, sizeof *seen.ids)};
  TSNode root = ts_tree_root_node(pymm_document_tree(doc));
  for (uint32_t offset = 0; offset <= size; offset++) {
    TSNode inner = ts_node_descendant_for_byte_range(root, offset, offset + 1);
    if (!ts_node_is_null(inner) && !first_visit(&seen, inner)) continue;
    pymm_hover *hover = pymm_hover_at(engine, doc, offset);
    if (!hover) continue;
    FUZZ_CHECK(hover->topic != NULL);
    FUZZ_CHECK(hover->start <= hover->end && hover->end <= size);
    FUZZ_CHECK(hover->code != NULL);
    if (utf8) FUZZ_CHECK(pymm_utf8_valid(hover->code, strlen(hover->code)));
    if (utf8 && hover->hedge) FUZZ_CHECK(pymm_utf8_valid(hover->hedge, strlen(hover->hedge)));
    if (hover->start != last_start || hover->end != last_end) check_render(hover, utf8);
    last_start = hover->start;
    last_end = hover->end;
    pymm_hover_free(hover);
  }
  free(seen.ids);
  pymm_index_free(&seen.index);
  check_actions(doc, (const char *)data, size, utf8);
  pymm_document_free(doc);
  return 0;
}
