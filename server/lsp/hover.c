/* textDocument/hover */
#include <stdlib.h>

#include "lsp_internal.h"

void lsp_hover(pymm_server *s, const cJSON *params, lsp_reply *reply) {
  document_entry *entry;
  uint32_t offset;
  if (!lsp_param_position(s, params, &entry, &offset, reply)) return;
  if (!entry) { /* not open: nothing to say */
    reply->result = cJSON_CreateNull();
    return;
  }
  pymm_hover *hover = pymm_hover_at(s->engine, entry->doc, offset);
  if (!hover) {
    reply->result = cJSON_CreateNull();
    return;
  }
  pymm_markup markup = s->hover_markdown ? PYMM_MARKUP_MARKDOWN : PYMM_MARKUP_PLAINTEXT;
  char *text = pymm_hover_render(s->engine, hover, markup, &s->settings);
  cJSON *result = cJSON_CreateObject();
  cJSON *contents = cJSON_AddObjectToObject(result, "contents");
  cJSON_AddStringToObject(contents, "kind", s->hover_markdown ? "markdown" : "plaintext");
  cJSON_AddStringToObject(contents, "value", text);
  cJSON_AddItemToObject(result, "range", lsp_range_json(entry->doc, hover->start, hover->end, s->encoding));
  free(text);
  pymm_hover_free(hover);
  reply->result = result;
}
