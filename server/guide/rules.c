/* The gotcha rule table (data/rules.json) resolved against a guide, as topics.c does for topics. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "pymm/guide.h"

struct pymm_rules {
  pymm_rule *items;
  size_t count;
};

static const char *string_field(const cJSON *object, const char *name) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

static pymm_severity severity_of(const char *name) {
  if (!name) return PYMM_SEVERITY_WARNING;
  if (!strcmp(name, "error")) return PYMM_SEVERITY_ERROR;
  if (!strcmp(name, "information") || !strcmp(name, "info")) return PYMM_SEVERITY_INFORMATION;
  if (!strcmp(name, "hint")) return PYMM_SEVERITY_HINT;
  return PYMM_SEVERITY_WARNING;
}

static pymm_fix_safety fix_of(const char *name) {
  if (!name || !strcmp(name, "none")) return PYMM_FIX_NONE;
  return !strcmp(name, "safe") ? PYMM_FIX_SAFE : PYMM_FIX_UNSAFE;
}

static void free_rule(pymm_rule *r) {
  free((char *)r->code);
  free((char *)r->name);
  free((char *)r->message);
  free((char *)r->section);
  free((char *)r->fix_title);
  if (r->equivalents)
    for (const char *const *s = r->equivalents; *s; s++) free((char *)*s);
  free((void *)r->equivalents);
}

pymm_rules *pymm_rules_load(const char *json, size_t length, const pymm_guide *guide, char **warnings,
                            pymm_error *err) {
  if (warnings) *warnings = NULL;
  cJSON *root = cJSON_ParseWithLength(json, length);
  if (!root || !cJSON_IsObject(root)) {
    const char *where = cJSON_GetErrorPtr();
    pymm_error_set(err, "rules.json: malformed JSON%s%.20s", where ? " near: " : "", where ? where : "");
    cJSON_Delete(root);
    return NULL;
  }
  pymm_rules *rules = pymm_calloc(1, sizeof *rules);
  rules->items = pymm_calloc((size_t)cJSON_GetArraySize(root) + 1, sizeof *rules->items);
  pymm_buf warn = {0};
  const cJSON *item;
  cJSON_ArrayForEach(item, root) {
    if (!cJSON_IsObject(item) || item->string[0] == '$') continue;
    pymm_rule *r = &rules->items[rules->count++];
    const char *name = string_field(item, "name"), *message = string_field(item, "message");
    const char *section = string_field(item, "section"), *fix_title = string_field(item, "fix_title");
    r->code = pymm_strdup(item->string);
    r->name = pymm_strdup(name ? name : item->string);
    r->message = pymm_strdup(message ? message : "");
    r->section = pymm_strdup(section ? section : "");
    r->fix_title = pymm_strdup(fix_title ? fix_title : "");
    r->severity = severity_of(string_field(item, "severity"));
    r->fix = fix_of(string_field(item, "fix"));
    r->entry = section ? pymm_guide_find(guide, section) : -1;
    if (r->entry < 0)
      pymm_buf_printf(&warn, "%srule %s: the guide has no section \"%s\"", warn.len ? "\n" : "", r->code, r->section);
    const cJSON *eq = cJSON_GetObjectItemCaseSensitive(item, "equivalents");
    int n = cJSON_IsArray(eq) ? cJSON_GetArraySize(eq) : 0;
    const char **list = pymm_calloc((size_t)n + 1, sizeof *list);
    int k = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, eq) if (cJSON_IsString(s)) list[k++] = pymm_strdup(s->valuestring);
    r->equivalents = list;
  }
  cJSON_Delete(root);
  if (warnings && warn.len) *warnings = pymm_buf_take(&warn);
  pymm_buf_free(&warn);
  return rules;
}

void pymm_rules_free(pymm_rules *rules) {
  if (!rules) return;
  for (size_t i = 0; i < rules->count; i++) free_rule(&rules->items[i]);
  free(rules->items);
  free(rules);
}

size_t pymm_rules_count(const pymm_rules *rules) { return rules ? rules->count : 0; }

const pymm_rule *pymm_rules_at(const pymm_rules *rules, size_t index) {
  return rules && index < rules->count ? &rules->items[index] : NULL;
}

const pymm_rule *pymm_rules_find(const pymm_rules *rules, const char *code) {
  for (size_t i = 0; rules && i < rules->count; i++)
    if (pymm_ascii_ieq(rules->items[i].code, code)) return &rules->items[i];
  return NULL;
}
