#include <stdlib.h>
#include <string.h>

#include "features_internal.h"

pymm_settings pymm_settings_default(void) {
  pymm_settings s = {.hover_max_table_rows = 12, .inlay_hints_complexity = false};
  return s;
}

/* Compiles one embedded query file. */
static pymm_query *load_query(const char *name, pymm_error *err) {
  const pymm_blob *blob = pymm_data_find(name);
  if (!blob) {
    pymm_error_set(err, "%s is not embedded in this build", name);
    return NULL;
  }
  return pymm_query_new(blob->bytes, blob->length, name, err);
}

/* Loads the rule table and its query; the rules' missing sections are appended to '*warnings'. */
static bool load_rules(const pymm_guide *g, char **warnings, pymm_rules **rules, pymm_query **query, pymm_error *err) {
  const pymm_blob *json = pymm_data_find("rules.json");
  if (!json) {
    pymm_error_set(err, "rules.json is not embedded in this build");
    return false;
  }
  char *more = NULL;
  *rules = pymm_rules_load(json->bytes, json->length, g, &more, err);
  *query = *rules ? load_query("queries/rules.scm", err) : NULL;
  if (!*query) {
    pymm_rules_free(*rules);
    free(more);
    return false;
  }
  if (more && warnings) {
    pymm_buf b = {0};
    if (*warnings) pymm_buf_printf(&b, "%s\n", *warnings);
    pymm_buf_puts(&b, more);
    free(*warnings);
    *warnings = pymm_buf_take(&b);
  }
  free(more);
  return true;
}

pymm_engine *pymm_engine_new(const char *guide, size_t length, const char *guide_file, char **warnings,
                             pymm_error *err) {
  if (warnings) *warnings = NULL;
  pymm_guide *g = pymm_guide_load(guide, length, guide_file, err);
  if (!g) return NULL;
  const pymm_blob *topics_json = pymm_data_find("topics.json");
  if (!topics_json) {
    pymm_error_set(err, "topics.json is not embedded in this build");
    pymm_guide_free(g);
    return NULL;
  }
  pymm_topics *topics = pymm_topics_load(topics_json->bytes, topics_json->length, g, warnings, err);
  pymm_rules *rules = NULL;
  pymm_query *rule_query = NULL;
  if (!topics || !load_rules(g, warnings, &rules, &rule_query, err)) {
    pymm_topics_free(topics);
    pymm_guide_free(g);
    if (warnings) {
      free(*warnings);
      *warnings = NULL;
    }
    return NULL;
  }
  pymm_engine *engine = pymm_calloc(1, sizeof *engine);
  engine->rules = rules;
  engine->rule_query = rule_query;
  engine->guide = g;
  engine->topics = topics;
  engine->hover = pymm_calloc(1, sizeof *engine->hover);
  pthread_mutex_init(&engine->hover->lock, NULL);
  engine->hover->name = "queries/hover.scm";
  engine->guide_file = guide_file ? pymm_strdup(guide_file) : NULL;
  return engine;
}

void pymm_engine_free(pymm_engine *engine) {
  if (!engine) return;
  pthread_mutex_destroy(&engine->hover->lock);
  pymm_query_free(engine->hover->query);
  free(engine->hover);
  pymm_query_free(engine->rule_query);
  pymm_rules_free(engine->rules);
  pymm_topics_free(engine->topics);
  pymm_guide_free(engine->guide);
  free(engine->guide_file);
  free(engine);
}

const pymm_query *pymm_engine__hover(const pymm_engine *engine) {
  lazy_query *lazy = engine->hover;
  pthread_mutex_lock(&lazy->lock);
  if (!lazy->tried) {
    lazy->query = load_query(lazy->name, &lazy->error);
    lazy->tried = true;
  }
  pthread_mutex_unlock(&lazy->lock);
  return lazy->query;
}

bool pymm_engine_prepare(const pymm_engine *engine, pymm_error *err) {
  if (pymm_engine__hover(engine)) return true;
  pymm_error_set(err, "%s", engine->hover->error.message);
  return false;
}

const pymm_guide *pymm_engine_guide(const pymm_engine *engine) { return engine->guide; }
const pymm_topics *pymm_engine_topics(const pymm_engine *engine) { return engine->topics; }
const pymm_rules *pymm_engine_rules(const pymm_engine *engine) { return engine->rules; }

void pymm_features__append_lines(const pymm_engine *engine, uint32_t first, uint32_t last, bool plain, pymm_buf *out) {
  for (uint32_t line = first; line <= last; line++) {
    size_t n;
    const char *text = pymm_guide_line(engine->guide, line, &n);
    if (!text) break;
    if (plain && n >= 3 && strncmp(text, "```", 3) == 0) continue;
    pymm_buf_append(out, text, n);
    pymm_buf_putc(out, '\n');
  }
}

char *pymm_entry_link(const pymm_engine *engine, uint32_t entry) {
  const pymm_guide_entry *e = pymm_guide_entry_at(engine->guide, entry);
  if (!engine->guide_file || !e) return NULL;
  pymm_buf b = {0};
  pymm_buf_puts(&b, "file://");
  /* Percent-encode what a URI path cannot hold as it is. */
  for (const unsigned char *p = (const unsigned char *)engine->guide_file; *p; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
      pymm_buf_putc(&b, (char)*p);
    else pymm_buf_printf(&b, "%%%02X", *p);
  }
  pymm_buf_printf(&b, "#L%u", e->line_start);
  return pymm_buf_take(&b);
}

void pymm_engine_set_run_threads(pymm_engine *engine, unsigned threads) { engine->run_threads = threads; }
