/* workspace/executeCommand (pymm.lookup, pymm.topics) and workspace/symbol: the guide from the editor. */
#include <stdlib.h>
#include <string.h>

#include "lsp_internal.h"

const char *const lsp_commands[] = {"pymm.lookup", "pymm.topics", NULL};

enum { SYMBOL_MODULE = 2, SYMBOL_NAMESPACE = 3, SYMBOL_STRING = 15 };

static cJSON *location_json(pymm_server *s, uint32_t entry) {
  const pymm_guide_entry *e = pymm_guide_entry_at(pymm_engine_guide(s->engine), entry);
  char *link = pymm_entry_link(s->engine, entry);
  cJSON *location = cJSON_CreateObject();
  if (link) {
    char *hash = strrchr(link, '#');
    if (hash) *hash = '\0';
    cJSON_AddStringToObject(location, "uri", link);
  }
  free(link);
  /* Guide lines are 1-based; LSP lines are 0-based. Column 0 is the same in every encoding. */
  cJSON *range = cJSON_AddObjectToObject(location, "range");
  cJSON *start = cJSON_AddObjectToObject(range, "start"), *end = cJSON_AddObjectToObject(range, "end");
  cJSON_AddNumberToObject(start, "line", e->line_start - 1);
  cJSON_AddNumberToObject(start, "character", 0);
  cJSON_AddNumberToObject(end, "line", e->line_start - 1);
  cJSON_AddNumberToObject(end, "character", 0);
  return location;
}

/* Arguments: ["query"] or [{"query": "...", "limit": n}]. */
static void command_lookup(pymm_server *s, const cJSON *arguments, lsp_reply *reply) {
  const cJSON *first = cJSON_GetArrayItem(arguments, 0);
  const char *query = NULL;
  size_t limit = 20;
  if (cJSON_IsString(first)) {
    query = first->valuestring;
  } else if (cJSON_IsObject(first)) {
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(first, "query");
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(first, "limit");
    if (cJSON_IsString(q)) query = q->valuestring;
    if (cJSON_IsNumber(l) && l->valuedouble >= 1) limit = l->valuedouble > 200 ? 200 : (size_t)l->valuedouble;
  }
  if (!query) {
    lsp_fail(reply, LSP_INVALID_PARAMS, "pymm.lookup takes a query: arguments [\"deque\"] or [{\"query\": \"deque\"}]");
    return;
  }
  pymm_lookup_item *items;
  size_t n = pymm_lookup(s->engine, query, limit, &items);
  cJSON *result = cJSON_CreateArray();
  for (size_t i = 0; i < n; i++) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddStringToObject(item, "title", items[i].title);
    cJSON_AddStringToObject(item, "section", items[i].section);
    cJSON_AddStringToObject(item, "anchor", items[i].slug);
    cJSON_AddNumberToObject(item, "line", items[i].line);
    cJSON_AddNumberToObject(item, "score", items[i].score);
    cJSON_AddItemToObject(item, "location", location_json(s, items[i].entry));
    char *markdown = pymm_entry_render(s->engine, items[i].entry, PYMM_MARKUP_MARKDOWN);
    cJSON_AddStringToObject(item, "markdown", markdown);
    free(markdown);
    cJSON_AddItemToArray(result, item);
  }
  free(items);
  reply->result = result;
}

/* The table of contents: every section (not fragments), in order, with its level. */
static void command_topics(pymm_server *s, lsp_reply *reply) {
  const pymm_guide *g = pymm_engine_guide(s->engine);
  cJSON *result = cJSON_CreateArray();
  for (size_t i = 0; i < pymm_guide_entry_count(g); i++) {
    const pymm_guide_entry *e = pymm_guide_entry_at(g, i);
    if (e->kind != PYMM_GUIDE_SECTION) continue;
    cJSON *item = cJSON_CreateObject();
    cJSON_AddStringToObject(item, "title", e->title);
    cJSON_AddStringToObject(item, "anchor", e->slug);
    cJSON_AddNumberToObject(item, "level", e->level);
    cJSON_AddNumberToObject(item, "line", e->line_start);
    cJSON_AddItemToObject(item, "location", location_json(s, (uint32_t)i));
    cJSON_AddItemToArray(result, item);
  }
  reply->result = result;
}

void lsp_execute_command(pymm_server *s, const cJSON *params, lsp_reply *reply) {
  const char *command;
  if (!lsp_param_string(params, "command", &command, reply)) return;
  const cJSON *arguments = cJSON_GetObjectItemCaseSensitive(params, "arguments");
  if (arguments && !cJSON_IsArray(arguments)) {
    lsp_fail(reply, LSP_INVALID_PARAMS, "'arguments' must be an array");
    return;
  }
  if (!strcmp(command, "pymm.lookup")) command_lookup(s, arguments, reply);
  else if (!strcmp(command, "pymm.topics")) command_topics(s, reply);
  else lsp_fail(reply, LSP_INVALID_PARAMS, "unknown command: %.200s", command);
}

void lsp_workspace_symbol(pymm_server *s, const cJSON *params, lsp_reply *reply) {
  const char *query;
  if (!lsp_param_string(params, "query", &query, reply)) return;
  const pymm_guide *g = pymm_engine_guide(s->engine);
  cJSON *result = cJSON_CreateArray();
  pymm_lookup_item *items = NULL;
  size_t n;
  bool everything = query[0] == '\0';
  if (everything) n = pymm_guide_entry_count(g);
  else n = pymm_lookup(s->engine, query, 100, &items);
  for (size_t i = 0; i < n; i++) {
    uint32_t index = everything ? (uint32_t)i : items[i].entry;
    const pymm_guide_entry *e = pymm_guide_entry_at(g, index);
    if (!e->title[0]) continue; /* an empty heading: clients reject a symbol without a name */
    cJSON *symbol = cJSON_CreateObject();
    cJSON_AddStringToObject(symbol, "name", e->title);
    cJSON_AddNumberToObject(symbol, "kind",
                            e->kind == PYMM_GUIDE_FRAGMENT ? SYMBOL_STRING
                            : e->level <= 2                ? SYMBOL_MODULE
                                                           : SYMBOL_NAMESPACE);
    cJSON_AddItemToObject(symbol, "location", location_json(s, index));
    if (e->parent >= 0)
      cJSON_AddStringToObject(symbol, "containerName", pymm_guide_entry_at(g, (size_t)e->parent)->title);
    cJSON_AddItemToArray(result, symbol);
  }
  free(items);
  reply->result = result;
}
