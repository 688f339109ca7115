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

pymm_rule_filter lsp_rule_filter(const pymm_server *s) {
  pymm_rule_filter f = {string_array(s->select), string_array(s->ignore)};
  return f;
}

void lsp_rule_filter_free(pymm_rule_filter *filter) {
  free((void *)filter->select);
  free((void *)filter->ignore);
  filter->select = filter->ignore = NULL;
}

cJSON *lsp_diagnostic_json(pymm_server *s, const pymm_document *doc, const pymm_diagnostic *d) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddItemToObject(o, "range", lsp_range_json(doc, d->start, d->end, s->encoding));
  cJSON_AddNumberToObject(o, "severity", d->rule->severity ? d->rule->severity : PYMM_SEVERITY_WARNING);
  cJSON_AddStringToObject(o, "code", d->rule->code);
  char *link = d->rule->entry >= 0 ? pymm_entry_link(s->engine, (uint32_t)d->rule->entry) : NULL;
  if (link) cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "codeDescription"), "href", link);
  free(link);
  cJSON_AddStringToObject(o, "source", "pymm");
  cJSON_AddStringToObject(o, "message", d->rule->message);
  cJSON *data = cJSON_AddObjectToObject(o, "data");
  cJSON_AddStringToObject(data, "rule", d->rule->name);
  cJSON_AddStringToObject(data, "section", d->rule->section);
  cJSON_AddStringToObject(data, "fix", d->fix.edit_count == 0 ? "none" : d->fix.safety == PYMM_FIX_SAFE ? "safe" : "unsafe");
  return o;
}

void lsp_document_touch(document_entry *entry) {
  entry->dirty = true;
  pymm_diagnostics_free(entry->diagnostics);
  entry->diagnostics = NULL;
  pymm_actions_free(entry->fix_all);
  entry->fix_all = NULL;
}

const pymm_diagnostics *lsp_document_diagnostics(pymm_server *s, document_entry *entry) {
  if (!entry->diagnostics && s->engine) {
    pymm_rule_filter filter = lsp_rule_filter(s);
    entry->diagnostics = pymm_diagnostics_run(s->engine, entry->doc, &filter);
    lsp_rule_filter_free(&filter);
  }
  return entry->diagnostics;
}

static cJSON *diagnostics_json(pymm_server *s, document_entry *entry) {
  cJSON *items = cJSON_CreateArray();
  const pymm_diagnostics *diags = lsp_document_diagnostics(s, entry);
  for (size_t i = 0; diags && i < diags->count; i++)
    cJSON_AddItemToArray(items, lsp_diagnostic_json(s, entry->doc, &diags->items[i]));
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
