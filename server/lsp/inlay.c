/* textDocument/inlayHint: complexity hints, off unless the inlayHints.complexity setting is on. */
#include <stdlib.h>

#include "lsp_internal.h"

void lsp_inlay_hint(pymm_server *s, const cJSON *params, lsp_reply *reply) {
  const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
  const char *uri;
  if (!cJSON_IsObject(td) || !lsp_param_string(td, "uri", &uri, reply)) return;
  const cJSON *range = cJSON_GetObjectItemCaseSensitive(params, "range");
  pymm_position a, b;
  if (!lsp_read_range(range, &a, &b)) {
    lsp_fail(reply, LSP_INVALID_PARAMS, "'range' must be {start, end} positions");
    return;
  }
  document_entry *entry = lsp_document_find(s, uri);
  reply->result = cJSON_CreateArray();
  if (!entry || !s->settings.inlay_hints_complexity) return;
  /* Only the visible range is computed; a range past the end is clamped to it. */
  const pymm_text *text = pymm_document_text(entry->doc);
  uint32_t start, end;
  pymm_text_offset(text, a, s->encoding, &start);
  pymm_text_offset(text, b, s->encoding, &end);
  if (end < start) end = start;
  pymm_inlay_hint *hints;
  size_t n = pymm_inlay_hints(s->engine, entry->doc, start, end, &hints);
  for (size_t i = 0; i < n; i++) {
    pymm_position p = pymm_text_position(text, hints[i].offset, s->encoding);
    cJSON *hint = cJSON_CreateObject();
    cJSON *position = cJSON_AddObjectToObject(hint, "position");
    cJSON_AddNumberToObject(position, "line", p.line);
    cJSON_AddNumberToObject(position, "character", p.character);
    cJSON_AddStringToObject(hint, "label", hints[i].label);
    cJSON_AddBoolToObject(hint, "paddingLeft", true);
    /* The row as the guide names it: "Pop from start · O(n) — List (Dynamic Array)". */
    const pymm_topic *t = hints[i].topic;
    const pymm_guide_table *table = pymm_guide_table_at(pymm_engine_guide(s->engine), (size_t)t->table);
    char tooltip[512];
    snprintf(tooltip, sizeof tooltip, "%s · %s — %s",
             table ? pymm_guide_table_cell(table, (uint32_t)t->row, 0) : t->title, t->complexity, t->section);
    cJSON_AddStringToObject(hint, "tooltip", tooltip);
    cJSON_AddItemToArray(reply->result, hint);
  }
  free(hints);
}
