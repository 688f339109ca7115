/* The topic map (data/topics.json) resolved against a guide. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "pymm/guide.h"

struct pymm_topics {
  pymm_topic *items;
  size_t count;
  pymm_index by_id; /* hovers look a topic up for every pattern they match */
};

typedef struct topic_key {
  const pymm_topics *topics;
  const char *id;
} topic_key;

static bool same_id(const void *context, uint32_t item) {
  const topic_key *k = context;
  return strcmp(k->topics->items[item].id, k->id) == 0;
}

static const char *string_field(const cJSON *object, const char *name) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* True when table 'table' lies within the lines of entry 'entry'. */
static bool table_in_entry(const pymm_guide *guide, const pymm_guide_table *table, int32_t entry) {
  const pymm_guide_entry *e = pymm_guide_entry_at(guide, (size_t)entry);
  return table->line_start >= e->line_start && table->line_end <= e->line_end;
}

/* Finds 'row' in the tables inside the topic's entry; sets table, row and complexity. */
static bool resolve_row(const pymm_guide *guide, pymm_topic *topic, const char *row) {
  size_t count = pymm_guide_table_count(guide);
  for (size_t t = 0; t < count; t++) {
    const pymm_guide_table *table = pymm_guide_table_at(guide, t);
    if (!table_in_entry(guide, table, topic->entry)) continue;
    int32_t r = pymm_guide_table_find_row(table, row);
    if (r < 0) continue;
    topic->table = (int32_t)t;
    topic->row = r;
    pymm_buf b = {0};
    for (uint32_t c = 1; c < table->column_count; c++) {
      const char *cell = pymm_guide_table_cell(table, (uint32_t)r, c);
      if (!cell[0]) continue;
      if (b.len) pymm_buf_puts(&b, " / ");
      pymm_buf_puts(&b, cell);
    }
    topic->complexity = pymm_buf_take(&b);
    return true;
  }
  return false;
}

static void free_topic(pymm_topic *t) {
  free((char *)t->id);
  free((char *)t->title);
  free((char *)t->summary);
  free((char *)t->section);
  free((char *)t->complexity);
  if (t->see_also)
    for (const char *const *s = t->see_also; *s; s++) free((char *)*s);
  free((void *)t->see_also);
}

pymm_topics *pymm_topics_load(const char *json, size_t length, const pymm_guide *guide, char **warnings,
                              pymm_error *err) {
  if (warnings) *warnings = NULL;
  cJSON *root = cJSON_ParseWithLength(json, length);
  if (!root || !cJSON_IsObject(root)) {
    const char *where = cJSON_GetErrorPtr();
    pymm_error_set(err, "topics.json: malformed JSON%s%.20s", where ? " near: " : "", where ? where : "");
    cJSON_Delete(root);
    return NULL;
  }
  pymm_topics *topics = pymm_calloc(1, sizeof *topics);
  topics->items = pymm_calloc((size_t)cJSON_GetArraySize(root) + 1, sizeof *topics->items);
  pymm_buf warn = {0};
  const cJSON *item;
  cJSON_ArrayForEach(item, root) {
    if (!cJSON_IsObject(item) || item->string[0] == '$') continue; /* "$comment" and the like */
    pymm_topic *t = &topics->items[topics->count++];
    t->id = pymm_strdup(item->string);
    const char *title = string_field(item, "title"), *summary = string_field(item, "summary");
    const char *section = string_field(item, "section"), *row = string_field(item, "row");
    t->title = pymm_strdup(title ? title : item->string);
    t->summary = pymm_strdup(summary ? summary : "");
    t->section = pymm_strdup(section ? section : "");
    t->table = t->row = -1;
    t->entry = section ? pymm_guide_find(guide, section) : -1;
    if (t->entry < 0) {
      pymm_buf_printf(&warn, "%stopic %s: the guide has no section \"%s\"", warn.len ? "\n" : "", t->id, t->section);
    } else if (row && !resolve_row(guide, t, row)) {
      pymm_buf_printf(&warn, "%stopic %s: no table row \"%s\" in \"%s\"", warn.len ? "\n" : "", t->id, row, t->section);
    }
    const cJSON *see = cJSON_GetObjectItemCaseSensitive(item, "see_also");
    int n = cJSON_IsArray(see) ? cJSON_GetArraySize(see) : 0;
    const char **list = pymm_calloc((size_t)n + 1, sizeof *list);
    int k = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, see) if (cJSON_IsString(s)) list[k++] = pymm_strdup(s->valuestring);
    t->see_also = list;
    /* The first of two topics with one id is the one found. */
    if (!pymm_topics_find(topics, t->id))
      pymm_index_add(&topics->by_id, pymm_hash(PYMM_HASH_SEED, t->id, strlen(t->id)), (uint32_t)(topics->count - 1));
  }
  cJSON_Delete(root);
  if (warnings && warn.len) *warnings = pymm_buf_take(&warn);
  pymm_buf_free(&warn);
  return topics;
}

void pymm_topics_free(pymm_topics *topics) {
  if (!topics) return;
  for (size_t i = 0; i < topics->count; i++) free_topic(&topics->items[i]);
  free(topics->items);
  pymm_index_free(&topics->by_id);
  free(topics);
}

size_t pymm_topics_count(const pymm_topics *topics) { return topics->count; }

const pymm_topic *pymm_topics_at(const pymm_topics *topics, size_t index) {
  return index < topics->count ? &topics->items[index] : NULL;
}

const pymm_topic *pymm_topics_find(const pymm_topics *topics, const char *id) {
  topic_key key = {topics, id};
  uint32_t i = pymm_index_find(&topics->by_id, pymm_hash(PYMM_HASH_SEED, id, strlen(id)), same_id, &key);
  return i == PYMM_INDEX_NONE ? NULL : &topics->items[i];
}
