/* Diagnostics: pushed once per batch for the documents changed in it (textDocument/publishDiagnostics), and
 * pulled with textDocument/diagnostic. */
#include <stdlib.h>
#include <string.h>

#include "lsp_internal.h"

/* A NULL-terminated copy of a cJSON array of strings; NULL for none. */
static const char *const *string_array(const cJSON *array) {
  if (!cJSON_IsArray(array) || cJSON_GetArraySize(array) == 0) return NULL;
  const char **out = pymm_calloc((size_t)cJSON_GetArraySize(array) + 1, sizeof *out);
  size_t n = 0;
  const cJSON *item;
  cJSON_ArrayForEach(item, array) if (cJSON_IsString(item)) out[n++] = item->valuestring;
  return out;
}

pymm_rule_filter lsp_rule_filter(const pymm_server *s, const document_entry *entry) {
  pymm_rule_filter f = {string_array(s->select), string_array(s->ignore), entry->mended};
  return f;
}

void lsp_rule_filter_free(pymm_rule_filter *filter) {
  free((void *)filter->select);
  free((void *)filter->ignore);
  filter->select = filter->ignore = NULL;
}

void lsp_rule_json_free(pymm_server *s) {
  for (size_t i = 0; i < s->rule_json_count; i++) free(s->rule_json[i]);
  free(s->rule_json);
  s->rule_json = NULL;
  s->rule_json_count = 0;
}

/* The rule's part of a diagnostic as JSON members, without braces: "severity":2,"code":...,"message":"...". */
static const char *rule_json(pymm_server *s, const pymm_rule *rule) {
  const pymm_rules *rules = pymm_engine_rules(s->engine);
  if (!s->rule_json) {
    lsp_rule_json_free(s);
    s->rule_json_count = pymm_rules_count(rules);
    s->rule_json = pymm_calloc(s->rule_json_count ? s->rule_json_count : 1, sizeof *s->rule_json);
  }
  size_t i = 0;
  while (i < s->rule_json_count && pymm_rules_at(rules, i) != rule) i++;
  if (i == s->rule_json_count) return NULL;
  if (!s->rule_json[i]) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "severity", rule->severity ? rule->severity : PYMM_SEVERITY_WARNING);
    cJSON_AddStringToObject(o, "code", rule->code);
    char *link = rule->entry >= 0 ? pymm_entry_link(s->engine, (uint32_t)rule->entry) : NULL;
    if (link) cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "codeDescription"), "href", link);
    free(link);
    cJSON_AddStringToObject(o, "source", "pymm");
    cJSON_AddStringToObject(o, "message", rule->message);
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    size_t n = strlen(text); /* drop the braces */
    memmove(text, text + 1, n - 2);
    text[n - 2] = '\0';
    s->rule_json[i] = text;
  }
  return s->rule_json[i];
}

void lsp_diagnostic_text(pymm_server *s, const pymm_document *doc, const pymm_diagnostic *d, pymm_buf *b) {
  const pymm_text *text = pymm_document_text(doc);
  pymm_position a = pymm_text_position(text, d->start, s->encoding), e = pymm_text_position(text, d->end, s->encoding);
  pymm_buf_printf(b, "{\"range\":{\"start\":{\"line\":%u,\"character\":%u},\"end\":{\"line\":%u,\"character\":%u}}",
                  a.line, a.character, e.line, e.character);
  const char *members = rule_json(s, d->rule);
  if (members && members[0]) {
    pymm_buf_putc(b, ',');
    pymm_buf_puts(b, members);
  }
  pymm_buf_putc(b, '}');
}

cJSON *lsp_diagnostic_json(pymm_server *s, const pymm_document *doc, const pymm_diagnostic *d) {
  pymm_buf b = {0};
  lsp_diagnostic_text(s, doc, d, &b);
  cJSON *item = cJSON_CreateRaw(b.data);
  free(b.data);
  return item;
}

void lsp_document_touch(document_entry *entry) {
  entry->dirty = true;
  entry->stale = false;
  pymm_diagnostics_free(entry->diagnostics);
  entry->diagnostics = NULL;
  pymm_actions_free(entry->fix_all);
  entry->fix_all = NULL;
}

void lsp_document_edited(document_entry *entry) {
  entry->dirty = true;
  entry->stale = entry->diagnostics != NULL;
  pymm_actions_free(entry->fix_all);
  entry->fix_all = NULL;
}

void lsp_document_entry_free(document_entry *entry) {
  free(entry->uri);
  pymm_document_free(entry->doc);
  pymm_diagnostics_free(entry->diagnostics);
  pymm_actions_free(entry->fix_all);
}

const pymm_diagnostics *lsp_document_diagnostics(pymm_server *s, document_entry *entry) {
  if ((!entry->diagnostics || entry->stale) && s->engine) {
    pymm_rule_filter filter = lsp_rule_filter(s, entry);
    entry->diagnostics = entry->stale ? pymm_diagnostics_update(s->engine, entry->doc, entry->diagnostics, &filter)
                                      : pymm_diagnostics_run(s->engine, entry->doc, &filter);
    entry->stale = false;
    lsp_rule_filter_free(&filter);
  }
  return entry->diagnostics;
}

/* The diagnostics as a JSON array, written as text: a publish carries every diagnostic of the document on
 * each change. */
static cJSON *diagnostics_json(pymm_server *s, document_entry *entry) {
  const pymm_diagnostics *diags = lsp_document_diagnostics(s, entry);
  pymm_buf b = {0};
  pymm_buf_putc(&b, '[');
  for (size_t i = 0; diags && i < diags->count; i++) {
    if (i) pymm_buf_putc(&b, ',');
    lsp_diagnostic_text(s, entry->doc, &diags->items[i], &b);
  }
  pymm_buf_putc(&b, ']');
  cJSON *items = cJSON_CreateRaw(b.data);
  free(b.data);
  return items;
}

void lsp_publish_diagnostics(pymm_server *s) {
  bool any = false;
  for (size_t i = 0; i < s->document_count && !any; i++) any = s->documents[i].dirty;
  if (!any) return;
  if (s->diagnostic_pull || !s->initialized || s->shutdown || !lsp_engine_wait(s)) {
    for (size_t i = 0; i < s->document_count; i++) s->documents[i].dirty = false;
    return;
  }
  for (size_t i = 0; i < s->document_count; i++) {
    document_entry *entry = &s->documents[i];
    if (!entry->dirty) continue;
    entry->dirty = false;
    cJSON *params = cJSON_CreateObject();
    cJSON_AddStringToObject(params, "uri", entry->uri);
    cJSON_AddNumberToObject(params, "version", (double)entry->version);
    cJSON_AddItemToObject(params, "diagnostics", diagnostics_json(s, entry));
    lsp_notify(s, "textDocument/publishDiagnostics", params);
  }
}

void lsp_clear_diagnostics(pymm_server *s, const char *uri) {
  if (s->diagnostic_pull) return;
  cJSON *params = cJSON_CreateObject();
  cJSON_AddStringToObject(params, "uri", uri);
  cJSON_AddArrayToObject(params, "diagnostics");
  lsp_notify(s, "textDocument/publishDiagnostics", params);
}

void lsp_document_diagnostic(pymm_server *s, const cJSON *params, lsp_reply *reply) {
  const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
  const char *uri;
  if (!cJSON_IsObject(td) || !lsp_param_string(td, "uri", &uri, reply)) {
    if (!reply->error_code) lsp_fail(reply, LSP_INVALID_PARAMS, "'textDocument' must be an object with a 'uri'");
    return;
  }
  document_entry *entry = lsp_document_find(s, uri);
  cJSON *result = cJSON_CreateObject();
  cJSON_AddStringToObject(result, "kind", "full");
  if (entry) {
    lsp_engine_wait(s);
    cJSON_AddItemToObject(result, "items", diagnostics_json(s, entry));
  } else {
    cJSON_AddArrayToObject(result, "items"); /* not open: nothing to say */
  }
  reply->result = result;
}
