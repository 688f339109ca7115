/* textDocument/codeAction: quick fixes, "Ignore PMMnnn for this line", "Explain: <section>", and
 * source.fixAll.pymm. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_internal.h"

/* True when 'kind' is requested by 'only' (absent: everything); kinds are hierarchical ("source" asks for
 * "source.fixAll.pymm"). */
static bool wanted(const cJSON *only, const char *kind) {
  if (!cJSON_IsArray(only)) return true;
  const cJSON *item;
  cJSON_ArrayForEach(item, only) {
    if (!cJSON_IsString(item)) continue;
    size_t n = strlen(item->valuestring);
    if (!strncmp(kind, item->valuestring, n) && (kind[n] == '\0' || kind[n] == '.')) return true;
  }
  return false;
}

/* How many bytes cJSON's printer adds to escape byte c inside a string: 1 for \" \\ \b \f \n \r \t, 5 for
 * the other control characters (\u00XX), 0 for every other byte (UTF-8 goes out as it is). */
static unsigned escape_extra(unsigned char c) {
  if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') return 1;
  return c < 0x20 ? 5 : 0;
}

/* 'text' as a JSON string, escaped byte for byte as cJSON prints a string, in a raw item that the printer
 * copies as it is. A fix-all edit's text is most of the document: cJSON's printer escapes it several times
 * slower than this one pass, which copies the runs between escapes into a buffer sized for the worst case
 * (six bytes out for one in; only the pages written are touched). */
static cJSON *string_json(const char *text) {
  unsigned char extra[256];
  for (unsigned c = 0; c < 256; c++) extra[c] = (unsigned char)escape_extra((unsigned char)c);
  const unsigned char *in = (const unsigned char *)text;
  size_t length = strlen(text);
  char *out = pymm_alloc(6 * length + 3), *o = out;
  *o++ = '"';
  size_t run = 0;
  for (size_t i = 0; i < length; i++) {
    if (!extra[in[i]]) continue;
    memcpy(o, text + run, i - run);
    o += i - run;
    run = i + 1;
    *o++ = '\\';
    switch (in[i]) {
    case '"':
      *o++ = '"';
      break;
    case '\\':
      *o++ = '\\';
      break;
    case '\b':
      *o++ = 'b';
      break;
    case '\f':
      *o++ = 'f';
      break;
    case '\n':
      *o++ = 'n';
      break;
    case '\r':
      *o++ = 'r';
      break;
    case '\t':
      *o++ = 't';
      break;
    default:
      o += snprintf(o, 6, "u%04x", in[i]);
      break; /* lower-case hex, as cJSON writes it */
    }
  }
  memcpy(o, text + run, length - run);
  o += length - run;
  *o++ = '"';
  *o = '\0';
  cJSON *raw = cJSON_CreateRaw(out);
  free(out);
  return raw;
}

static cJSON *edit_json(pymm_server *s, const pymm_document *doc, const char *uri, const pymm_edit *edits, size_t n) {
  cJSON *workspace_edit = cJSON_CreateObject();
  cJSON *list = cJSON_AddArrayToObject(cJSON_AddObjectToObject(workspace_edit, "changes"), uri);
  for (size_t i = 0; i < n; i++) {
    cJSON *e = cJSON_CreateObject();
    cJSON_AddItemToObject(e, "range", lsp_range_json(doc, edits[i].start, edits[i].end, s->encoding));
    cJSON_AddItemToObject(e, "newText", string_json(edits[i].text));
    cJSON_AddItemToArray(list, e);
  }
  return workspace_edit;
}

static const char FIX_ALL_TITLE[] = "Fix all pymm issues";

static bool has_safe_fix(const pymm_diagnostics *diags) {
  for (size_t i = 0; diags && i < diags->count; i++)
    if (diags->items[i].fix.edit_count && diags->items[i].fix.safety == PYMM_FIX_SAFE) return true;
  return false;
}

/* The document's fix-all action, built once per text and rule set (a round of fixes and reparses over the
 * whole document); NULL when nothing is safely fixable. Borrowed: valid until the next touch. */
static const pymm_action *cached_fix_all(pymm_server *s, document_entry *entry) {
  if (!entry->fix_all) {
    pymm_rule_filter filter = lsp_rule_filter(s, entry);
    /* An empty range past the end: no diagnostic's own actions, only fix-all. */
    entry->fix_all = pymm_actions_at(s->engine, entry->doc, lsp_document_diagnostics(s, entry), UINT32_MAX, UINT32_MAX,
                                     &filter, true);
    lsp_rule_filter_free(&filter);
  }
  for (size_t i = 0; i < entry->fix_all->count; i++)
    if (entry->fix_all->items[i].kind == PYMM_ACTION_FIX_ALL) return &entry->fix_all->items[i];
  return NULL;
}

void lsp_code_action(pymm_server *s, const cJSON *params, lsp_reply *reply) {
  const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
  const cJSON *range = cJSON_GetObjectItemCaseSensitive(params, "range");
  const char *uri;
  if (!cJSON_IsObject(td) || !lsp_param_string(td, "uri", &uri, reply)) {
    if (!reply->error_code) lsp_fail(reply, LSP_INVALID_PARAMS, "'textDocument' must be an object with a 'uri'");
    return;
  }
  pymm_position a, b;
  if (!lsp_read_range(range, &a, &b)) {
    lsp_fail(reply, LSP_INVALID_PARAMS, "'range' must be {start, end} positions with whole numbers >= 0");
    return;
  }
  document_entry *entry = lsp_document_find(s, uri);
  cJSON *result = cJSON_CreateArray();
  reply->result = result;
  if (!entry || !s->engine) return; /* not open: no actions */
  const pymm_text *text = pymm_document_text(entry->doc);
  uint32_t start, end;
  pymm_text_offset(text, a, s->encoding, &start);
  pymm_text_offset(text, b, s->encoding, &end);
  if (start > end) {
    uint32_t t = start;
    start = end;
    end = t;
  }
  const cJSON *only = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(params, "context"), "only");
  pymm_rule_filter filter = lsp_rule_filter(s, entry);
  const pymm_diagnostics *diags = lsp_document_diagnostics(s, entry);
  /* Fix-all costs a round of fixes and reparses over the whole document, and its edit is the whole text.
   * Editors list the actions at the cursor each time it moves: a client that can resolve gets fix-all there
   * unresolved; one that cannot gets it only when it asks for it by kind (a source action, on save), so a
   * cursor move never ships the whole document. */
  bool fix_all = wanted(only, "source.fixAll.pymm");
  bool lazy_fix_all = fix_all && !cJSON_IsArray(only) && s->action_resolve;
  if (!cJSON_IsArray(only) && !s->action_resolve) fix_all = false;
  pymm_actions *actions = pymm_actions_at(s->engine, entry->doc, diags, start, end, &filter, false);
  const pymm_action *eager = fix_all && !lazy_fix_all ? cached_fix_all(s, entry) : NULL;
  for (size_t i = 0; i <= actions->count; i++) {
    const pymm_action *action = i < actions->count ? &actions->items[i] : eager; /* fix-all comes last */
    if (!action) break;
    const char *kind = action->kind == PYMM_ACTION_FIX_ALL ? "source.fixAll.pymm" : "quickfix";
    if (!wanted(only, kind)) continue;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "title", action->title);
    cJSON_AddStringToObject(o, "kind", kind);
    if (action->kind != PYMM_ACTION_FIX_ALL)
      cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "diagnostics"),
                           lsp_diagnostic_json(s, entry->doc, &diags->items[action->diagnostic]));
    if (action->preferred) cJSON_AddBoolToObject(o, "isPreferred", true);
    if (action->kind == PYMM_ACTION_EXPLAIN) {
      /* The client runs pymm.lookup on the section and shows what it returns. */
      const pymm_guide_entry *e = pymm_guide_entry_at(pymm_engine_guide(s->engine), (size_t)action->entry);
      cJSON *command = cJSON_AddObjectToObject(o, "command");
      cJSON_AddStringToObject(command, "title", action->title);
      cJSON_AddStringToObject(command, "command", "pymm.lookup");
      cJSON_AddItemToArray(cJSON_AddArrayToObject(command, "arguments"), cJSON_CreateString(e ? e->title : ""));
    } else {
      cJSON_AddItemToObject(o, "edit", edit_json(s, entry->doc, uri, action->edits, action->edit_count));
    }
    cJSON_AddItemToArray(result, o);
  }
  /* Last, as fix-all comes last in pymm_actions_at(). */
  if (lazy_fix_all && has_safe_fix(diags)) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "title", FIX_ALL_TITLE);
    cJSON_AddStringToObject(o, "kind", "source.fixAll.pymm");
    cJSON *data = cJSON_AddObjectToObject(o, "data");
    cJSON_AddStringToObject(data, "fixAll", uri);
    cJSON_AddNumberToObject(data, "version", (double)entry->version);
    cJSON_AddItemToArray(result, o);
  }
  pymm_actions_free(actions);
  lsp_rule_filter_free(&filter);
}

/* Fills in the edit of a fix-all action listed unresolved; any other action comes back as it was. */
void lsp_code_action_resolve(pymm_server *s, const cJSON *params, lsp_reply *reply) {
  reply->result = cJSON_Duplicate(params, true);
  const cJSON *data = cJSON_GetObjectItemCaseSensitive(params, "data");
  const cJSON *uri = cJSON_GetObjectItemCaseSensitive(data, "fixAll");
  const cJSON *version = cJSON_GetObjectItemCaseSensitive(data, "version");
  if (!cJSON_IsString(uri)) return;
  document_entry *entry = lsp_document_find(s, uri->valuestring);
  if (!entry || !cJSON_IsNumber(version) || (int64_t)version->valuedouble != entry->version) {
    cJSON_Delete(reply->result);
    reply->result = NULL;
    lsp_fail(reply, LSP_CONTENT_MODIFIED, "the document changed since the action was offered");
    return;
  }
  const pymm_action *a = cached_fix_all(s, entry);
  if (!a) return;
  cJSON_DeleteItemFromObjectCaseSensitive(reply->result, "edit");
  cJSON_AddItemToObject(reply->result, "edit", edit_json(s, entry->doc, uri->valuestring, a->edits, a->edit_count));
}
