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
  return o;
}

static void forget_published(document_entry *entry) {
  for (size_t i = 0; i < entry->published_count; i++) free(entry->published[i].json);
  free(entry->published);
  entry->published = NULL;
  entry->published_count = 0;
}

void lsp_document_touch(document_entry *entry) {
  entry->dirty = true;
  entry->stale = false;
  pymm_diagnostics_free(entry->diagnostics);
  entry->diagnostics = NULL;
  pymm_actions_free(entry->fix_all);
  entry->fix_all = NULL;
  forget_published(entry);
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
  forget_published(entry);
}

const pymm_diagnostics *lsp_document_diagnostics(pymm_server *s, document_entry *entry) {
  if ((!entry->diagnostics || entry->stale) && s->engine) {
    pymm_rule_filter filter = lsp_rule_filter(s);
    entry->diagnostics = entry->stale ? pymm_diagnostics_update(s->engine, entry->doc, entry->diagnostics, &filter)
                                      : pymm_diagnostics_run(s->engine, entry->doc, &filter);
    entry->stale = false;
    lsp_rule_filter_free(&filter);
  }
  return entry->diagnostics;
}

static int compare_positions(pymm_position a, pymm_position b) {
  if (a.line != b.line) return a.line < b.line ? -1 : 1;
  return a.character < b.character ? -1 : a.character > b.character;
}

/* The diagnostics as a JSON array. Most of them are as they were last sent (an edit changes a few): their
 * JSON text is reused, found by rule and range in the sorted list of what was sent. */
static cJSON *diagnostics_json(pymm_server *s, document_entry *entry) {
  const pymm_diagnostics *diags = lsp_document_diagnostics(s, entry);
  size_t count = diags ? diags->count : 0, old = 0;
  published_diagnostic *now = count ? pymm_calloc(count, sizeof *now) : NULL;
  const pymm_text *text = pymm_document_text(entry->doc);
  pymm_buf b = {0};
  pymm_buf_putc(&b, '[');
  for (size_t i = 0; i < count; i++) {
    const pymm_diagnostic *d = &diags->items[i];
    published_diagnostic *p = &now[i];
    p->rule = d->rule;
    p->start = pymm_text_position(text, d->start, s->encoding);
    p->end = pymm_text_position(text, d->end, s->encoding);
    while (old < entry->published_count && compare_positions(entry->published[old].start, p->start) < 0) old++;
    for (size_t k = old; k < entry->published_count && !p->json; k++) {
      published_diagnostic *q = &entry->published[k];
      if (compare_positions(q->start, p->start) != 0) break;
      if (q->json && q->rule == p->rule && compare_positions(q->end, p->end) == 0) {
        p->json = q->json;
        q->json = NULL;
      }
    }
    if (!p->json) {
      cJSON *o = lsp_diagnostic_json(s, entry->doc, d);
      p->json = cJSON_PrintUnformatted(o);
      cJSON_Delete(o);
    }
    if (i) pymm_buf_putc(&b, ',');
    pymm_buf_puts(&b, p->json);
  }
  pymm_buf_putc(&b, ']');
  forget_published(entry);
  entry->published = now;
  entry->published_count = count;
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
