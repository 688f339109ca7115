/* The document store: didOpen / didChange / didClose. */
#include <stdlib.h>
#include <string.h>

#include "lsp_internal.h"

document_entry *lsp_document_find(pymm_server *s, const char *uri) {
  for (size_t i = 0; i < s->document_count; i++)
    if (strcmp(s->documents[i].uri, uri) == 0) return &s->documents[i];
  return NULL;
}

void lsp_documents_free(pymm_server *s) {
  for (size_t i = 0; i < s->document_count; i++) lsp_document_entry_free(&s->documents[i]);
  free(s->documents);
  s->documents = NULL;
  s->document_count = s->document_cap = 0;
}

cJSON *lsp_range_json(const pymm_document *doc, uint32_t start, uint32_t end, pymm_encoding encoding) {
  const pymm_text *text = pymm_document_text(doc);
  pymm_position a = pymm_text_position(text, start, encoding), b = pymm_text_position(text, end, encoding);
  cJSON *range = cJSON_CreateObject();
  cJSON *s = cJSON_AddObjectToObject(range, "start"), *e = cJSON_AddObjectToObject(range, "end");
  cJSON_AddNumberToObject(s, "line", a.line);
  cJSON_AddNumberToObject(s, "character", a.character);
  cJSON_AddNumberToObject(e, "line", b.line);
  cJSON_AddNumberToObject(e, "character", b.character);
  return range;
}

/* A version number; 0 for one that is not a number or does not fit (1e999 is infinity: casting it is UB). */
static int64_t version_number(const cJSON *v) {
  return cJSON_IsNumber(v) && v->valuedouble > -9e18 && v->valuedouble < 9e18 ? (int64_t)v->valuedouble : 0;
}

static const char *text_document_uri(const cJSON *params) {
  const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
  const cJSON *uri = cJSON_GetObjectItemCaseSensitive(td, "uri");
  return cJSON_IsString(uri) ? uri->valuestring : NULL;
}

static void warn_not_utf8(const char *uri, const char *text, size_t length) {
  if (!pymm_utf8_valid(text, length)) pymm_log(PYMM_LOG_WARNING, "%s: the text is not valid UTF-8", uri);
}

void lsp_did_open(pymm_server *s, const cJSON *params) {
  const char *uri = text_document_uri(params);
  const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
  const cJSON *text = cJSON_GetObjectItemCaseSensitive(td, "text");
  const cJSON *version = cJSON_GetObjectItemCaseSensitive(td, "version");
  if (!uri || !cJSON_IsString(text)) {
    pymm_log(PYMM_LOG_WARNING, "didOpen without textDocument.uri and .text; ignored");
    return;
  }
  size_t length = strlen(text->valuestring);
  warn_not_utf8(uri, text->valuestring, length);
  document_entry *entry = lsp_document_find(s, uri);
  if (entry) { /* opened twice: the newer text wins */
    pymm_log(PYMM_LOG_WARNING, "%s was already open; replacing its text", uri);
    pymm_document_set_text(entry->doc, text->valuestring, length);
  } else {
    PYMM_GROW(s->documents, s->document_cap, s->document_count + 1);
    entry = &s->documents[s->document_count++];
    memset(entry, 0, sizeof *entry);
    entry->uri = pymm_strdup(uri);
    entry->doc = pymm_document_new(text->valuestring, length);
  }
  entry->version = version_number(version);
  entry->mended = s->message_mended;
  lsp_document_touch(entry);
}

void lsp_did_change(pymm_server *s, const cJSON *params) {
  const char *uri = text_document_uri(params);
  document_entry *entry = uri ? lsp_document_find(s, uri) : NULL;
  if (!entry) {
    pymm_log(PYMM_LOG_WARNING, "didChange for %s, which is not open; ignored", uri ? uri : "(no uri)");
    return;
  }
  const cJSON *changes = cJSON_GetObjectItemCaseSensitive(params, "contentChanges");
  if (!cJSON_IsArray(changes)) {
    pymm_log(PYMM_LOG_WARNING, "didChange for %s without contentChanges; ignored", uri);
    return;
  }
  const cJSON *change;
  cJSON_ArrayForEach(change, changes) {
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(change, "text");
    if (!cJSON_IsString(text)) {
      pymm_log(PYMM_LOG_WARNING, "%s: a change without text; skipped", uri);
      continue;
    }
    size_t length = strlen(text->valuestring);
    warn_not_utf8(uri, text->valuestring, length);
    const cJSON *range = cJSON_GetObjectItemCaseSensitive(change, "range");
    bool mended = s->message_mended || (range && entry->mended); /* a whole new text starts afresh */
    if (mended != entry->mended) {
      entry->mended = mended;
      lsp_document_touch(entry); /* the findings kept where the text did not change get or lose fixes too */
    }
    if (!range) {
      pymm_document_set_text(entry->doc, text->valuestring, length);
      continue;
    }
    pymm_position a, b;
    if (!lsp_read_range(range, &a, &b)) {
      pymm_log(PYMM_LOG_WARNING, "%s: a change with a malformed range; skipped", uri);
      continue;
    }
    const pymm_text *t = pymm_document_text(entry->doc);
    uint32_t start, end;
    bool in_range = pymm_text_offset(t, a, s->encoding, &start);
    in_range = pymm_text_offset(t, b, s->encoding, &end) && in_range;
    if (!in_range) pymm_log(PYMM_LOG_WARNING, "%s: a change past the end of the document; clamped to the end", uri);
    if (start > end) pymm_log(PYMM_LOG_WARNING, "%s: a change whose range ends before it starts; swapped", uri);
    if (!pymm_document_apply_change(entry->doc, start, end, text->valuestring, length))
      pymm_log(PYMM_LOG_ERROR, "%s: the change would make the document larger than 4 GiB; skipped", uri);
  }
  const cJSON *version =
      cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(params, "textDocument"), "version");
  if (cJSON_IsNumber(version)) entry->version = version_number(version);
  lsp_document_edited(entry);
}

void lsp_did_close(pymm_server *s, const cJSON *params) {
  const char *uri = text_document_uri(params);
  document_entry *entry = uri ? lsp_document_find(s, uri) : NULL;
  if (!entry) {
    pymm_log(PYMM_LOG_WARNING, "didClose for %s, which is not open; ignored", uri ? uri : "(no uri)");
    return;
  }
  lsp_clear_diagnostics(s, entry->uri);
  lsp_document_entry_free(entry);
  *entry = s->documents[--s->document_count];
}

/* pymm/documentText {textDocument: {uri}} -> {text, version, lines}: what pymm holds for a document, so tests
 * can check it after thousands of edits. Only when PYMM_DEBUG is set: not for editors. */
void lsp_document_text(pymm_server *s, const cJSON *params, lsp_reply *reply) {
  const char *debug = getenv("PYMM_DEBUG");
  if (!debug || !debug[0]) {
    lsp_fail(reply, LSP_METHOD_NOT_FOUND, "unknown method: pymm/documentText (set PYMM_DEBUG=1 to enable it)");
    return;
  }
  const char *uri = text_document_uri(params);
  if (!uri) {
    lsp_fail(reply, LSP_INVALID_PARAMS, "'textDocument' must be an object with a 'uri'");
    return;
  }
  document_entry *entry = lsp_document_find(s, uri);
  if (!entry) {
    reply->result = cJSON_CreateNull();
    return;
  }
  const pymm_text *text = pymm_document_text(entry->doc);
  cJSON *result = cJSON_CreateObject();
  cJSON_AddStringToObject(result, "text", pymm_text_data(text));
  cJSON_AddNumberToObject(result, "version", (double)entry->version);
  cJSON_AddNumberToObject(result, "lines", pymm_text_line_count(text));
  reply->result = result;
}
