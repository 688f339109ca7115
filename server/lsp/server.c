/* The main loop and the dispatch table: the only place that knows method names and the only place that
 * sends a response, so every request is answered exactly once. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_internal.h"

typedef void (*request_handler)(pymm_server *s, const cJSON *params, lsp_reply *reply);
typedef void (*notification_handler)(pymm_server *s, const cJSON *params);

typedef struct method {
  const char *name;
  request_handler request;           /* set for requests */
  notification_handler notification; /* set for notifications */
} method;

static const method METHODS[] = {
    {"initialize", lsp_initialize, NULL},
    {"initialized", NULL, lsp_initialized},
    {"shutdown", lsp_shutdown, NULL},
    {"exit", NULL, lsp_exit},
    {"textDocument/didOpen", NULL, lsp_did_open},
    {"textDocument/didChange", NULL, lsp_did_change},
    {"textDocument/didClose", NULL, lsp_did_close},
    {"textDocument/hover", lsp_hover, NULL},
    {"textDocument/inlayHint", lsp_inlay_hint, NULL},
    {"pymm/documentText", lsp_document_text, NULL},
    {"textDocument/diagnostic", lsp_document_diagnostic, NULL},
    {"textDocument/codeAction", lsp_code_action, NULL},
    {"codeAction/resolve", lsp_code_action_resolve, NULL},
    {"workspace/didChangeConfiguration", NULL, lsp_did_change_configuration},
    {"workspace/executeCommand", lsp_execute_command, NULL},
    {"workspace/symbol", lsp_workspace_symbol, NULL},
};

static const method *find_method(const char *name) {
  for (size_t i = 0; i < sizeof METHODS / sizeof METHODS[0]; i++)
    if (strcmp(METHODS[i].name, name) == 0) return &METHODS[i];
  return NULL;
}

void lsp_fail(lsp_reply *reply, int code, const char *fmt, ...) {
  reply->error_code = code;
  va_list args;
  va_start(args, fmt);
  vsnprintf(reply->error_message, sizeof reply->error_message, fmt, args);
  va_end(args);
}

/* ---- sending ----------------------------------------------------------------------------------- */

static void send_json(pymm_server *s, cJSON *message) {
  char *body = cJSON_PrintUnformatted(message);
  size_t length = body ? strlen(body) : 0;
  if (body && !pymm_utf8_valid(body, length)) {
    /* Bytes of a document or a message that are not UTF-8 (only ever inside strings): JSON must be UTF-8. */
    pymm_buf clean = {0};
    pymm_buf_append_utf8(&clean, body, length);
    transport_write(&s->io, clean.data, clean.len);
    pymm_buf_free(&clean);
  } else if (body) {
    transport_write(&s->io, body, length);
  }
  cJSON_free(body);
  cJSON_Delete(message);
}

/* 'id' is copied; NULL means null (for errors about a message whose id could not be read). */
static void send_response(pymm_server *s, const cJSON *id, lsp_reply *reply) {
  cJSON *m = cJSON_CreateObject();
  cJSON_AddStringToObject(m, "jsonrpc", "2.0");
  cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
  if (reply->error_code) {
    cJSON *error = cJSON_AddObjectToObject(m, "error");
    cJSON_AddNumberToObject(error, "code", reply->error_code);
    cJSON_AddStringToObject(error, "message", reply->error_message);
    cJSON_Delete(reply->result);
  } else {
    cJSON_AddItemToObject(m, "result", reply->result ? reply->result : cJSON_CreateNull());
  }
  reply->result = NULL;
  send_json(s, m);
}

static void send_error(pymm_server *s, const cJSON *id, int code, const char *message) {
  lsp_reply reply = {0};
  lsp_fail(&reply, code, "%s", message);
  send_response(s, id, &reply);
}

void lsp_notify(pymm_server *s, const char *name, cJSON *params) {
  cJSON *m = cJSON_CreateObject();
  cJSON_AddStringToObject(m, "jsonrpc", "2.0");
  cJSON_AddStringToObject(m, "method", name);
  cJSON_AddItemToObject(m, "params", params ? params : cJSON_CreateObject());
  send_json(s, m);
}

void lsp_request(pymm_server *s, const char *name, cJSON *params) {
  int64_t id = ++s->next_id;
  PYMM_GROW(s->pending, s->pending_cap, s->pending_count + 1);
  s->pending[s->pending_count++] = (pending_request){id, pymm_strdup(name)};
  cJSON *m = cJSON_CreateObject();
  cJSON_AddStringToObject(m, "jsonrpc", "2.0");
  cJSON_AddNumberToObject(m, "id", (double)id);
  cJSON_AddStringToObject(m, "method", name);
  if (params) cJSON_AddItemToObject(m, "params", params); /* methods such as refresh take none */
  send_json(s, m);
}

void lsp_show_message(pymm_server *s, int type, const char *fmt, ...) {
  char text[1024];
  va_list args;
  va_start(args, fmt);
  vsnprintf(text, sizeof text, fmt, args);
  va_end(args);
  cJSON *params = cJSON_CreateObject();
  cJSON_AddNumberToObject(params, "type", type);
  cJSON_AddStringToObject(params, "message", text);
  lsp_notify(s, "window/showMessage", params);
}

/* Log lines go to stderr always, and to the client as window/logMessage once it is initialized. */
static void log_sink(pymm_log_level level, const char *message, void *context) {
  pymm_server *s = context;
  fprintf(stderr, "pymm: %s: %s\n", pymm_log_level_name(level), message);
  if (!s->initialized || s->io.broken) return;
  static const int types[] = {4, 1, 2, 3, 4}; /* pymm level -> LSP MessageType */
  cJSON *params = cJSON_CreateObject();
  cJSON_AddNumberToObject(params, "type", types[level <= PYMM_LOG_DEBUG ? level : 0]);
  cJSON_AddStringToObject(params, "message", message);
  lsp_notify(s, "window/logMessage", params);
}

/* ---- params helpers ---------------------------------------------------------------------------- */

bool lsp_param_string(const cJSON *params, const char *name, const char **out, lsp_reply *reply) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(params, name);
  if (!cJSON_IsString(v)) {
    lsp_fail(reply, LSP_INVALID_PARAMS, "'%s' must be a string", name);
    return false;
  }
  *out = v->valuestring;
  return true;
}

/* A JSON number that is a whole number in [0, 2^31). */
static bool whole_number(const cJSON *v, uint32_t *out) {
  if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 2147483647.0 ||
      v->valuedouble != (double)(int64_t)v->valuedouble)
    return false;
  *out = (uint32_t)v->valuedouble;
  return true;
}

static bool read_position(const cJSON *p, pymm_position *out) {
  const cJSON *line = cJSON_GetObjectItemCaseSensitive(p, "line");
  const cJSON *character = cJSON_GetObjectItemCaseSensitive(p, "character");
  if (!cJSON_IsNumber(line) || !cJSON_IsNumber(character) || !(line->valuedouble >= 0) ||
      !(character->valuedouble >= 0))
    return false;
  out->line = line->valuedouble > 4294967295.0 ? UINT32_MAX : (uint32_t)line->valuedouble;
  out->character = character->valuedouble > 4294967295.0 ? UINT32_MAX : (uint32_t)character->valuedouble;
  return true;
}

bool lsp_read_range(const cJSON *range, pymm_position *start, pymm_position *end) {
  return cJSON_IsObject(range) && read_position(cJSON_GetObjectItemCaseSensitive(range, "start"), start) &&
         read_position(cJSON_GetObjectItemCaseSensitive(range, "end"), end);
}

bool lsp_param_position(pymm_server *s, const cJSON *params, document_entry **entry, uint32_t *offset,
                        lsp_reply *reply) {
  const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
  const char *uri;
  if (!cJSON_IsObject(td) || !lsp_param_string(td, "uri", &uri, reply)) {
    if (!reply->error_code) lsp_fail(reply, LSP_INVALID_PARAMS, "'textDocument' must be an object with a 'uri'");
    return false;
  }
  const cJSON *position = cJSON_GetObjectItemCaseSensitive(params, "position");
  pymm_position p;
  if (!cJSON_IsObject(position) || !whole_number(cJSON_GetObjectItemCaseSensitive(position, "line"), &p.line) ||
      !whole_number(cJSON_GetObjectItemCaseSensitive(position, "character"), &p.character)) {
    lsp_fail(reply, LSP_INVALID_PARAMS, "'position' must be {line, character} with whole numbers >= 0");
    return false;
  }
  *entry = lsp_document_find(s, uri);
  if (!*entry) return true; /* not open: the handler answers with an empty result */
  const pymm_text *text = pymm_document_text((*entry)->doc);
  if (!pymm_text_offset(text, p, s->encoding, offset)) {
    lsp_fail(reply, LSP_INVALID_PARAMS, "position %u:%u is past the end of %s (%u lines)", p.line, p.character, uri,
             pymm_text_line_count(text));
    return false;
  }
  return true;
}

/* ---- dispatch ---------------------------------------------------------------------------------- */

static void handle_response(pymm_server *s, const cJSON *message) {
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(message, "id");
  for (size_t i = 0; i < s->pending_count; i++) {
    if (!cJSON_IsNumber(id) || id->valuedouble != (double)s->pending[i].id) continue; /* no cast: 1e999 is UB */
    pending_request p = s->pending[i];
    s->pending[i] = s->pending[--s->pending_count];
    const cJSON *result = cJSON_GetObjectItemCaseSensitive(message, "result");
    if (!strcmp(p.method, "workspace/configuration") && result) lsp_configuration_result(s, result);
    else if (!result) pymm_log(PYMM_LOG_WARNING, "the client answered %s with an error", p.method);
    free(p.method);
    return;
  }
  pymm_log(PYMM_LOG_WARNING, "a response to no request pymm sent; ignored");
}

static bool is_valid_id(const cJSON *id) { return cJSON_IsNumber(id) || cJSON_IsString(id); }

/* Handles one message. 'cancelled' is true when a $/cancelRequest for it arrived before it ran. */
static void handle(pymm_server *s, cJSON *message, bool cancelled) {
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(message, "id");
  const cJSON *name = cJSON_GetObjectItemCaseSensitive(message, "method");
  const cJSON *version = cJSON_GetObjectItemCaseSensitive(message, "jsonrpc");
  if (!cJSON_IsObject(message)) {
    send_error(s, NULL, LSP_INVALID_REQUEST, "a JSON-RPC message must be an object");
    return;
  }
  bool has_id = id != NULL;
  if (has_id && !is_valid_id(id)) {
    send_error(s, NULL, LSP_INVALID_REQUEST, "'id' must be a number or a string");
    return;
  }
  if (!cJSON_IsString(version) || strcmp(version->valuestring, "2.0") != 0) {
    if (has_id) send_error(s, id, LSP_INVALID_REQUEST, "'jsonrpc' must be \"2.0\"");
    else pymm_log(PYMM_LOG_WARNING, "a notification without \"jsonrpc\": \"2.0\"; ignored");
    return;
  }
  if (!name) {
    if (has_id &&
        (cJSON_GetObjectItemCaseSensitive(message, "result") || cJSON_GetObjectItemCaseSensitive(message, "error"))) {
      handle_response(s, message);
    } else {
      send_error(s, has_id ? id : NULL, LSP_INVALID_REQUEST, "a request needs a 'method'");
    }
    return;
  }
  if (!cJSON_IsString(name)) {
    if (has_id) send_error(s, id, LSP_INVALID_REQUEST, "'method' must be a string");
    return;
  }
  const char *method_name = name->valuestring;
  const cJSON *params = cJSON_GetObjectItemCaseSensitive(message, "params");
  if (cJSON_IsNull(params)) params = NULL; /* clients send "params": null for shutdown and exit */
  if (params && !cJSON_IsObject(params) && !cJSON_IsArray(params)) {
    if (has_id) send_error(s, id, LSP_INVALID_REQUEST, "'params' must be an object or an array");
    return;
  }
  const method *m = find_method(method_name);
  if (!has_id) { /* a notification: never answered */
    if (!m || !m->notification) {
      if (m) pymm_log(PYMM_LOG_WARNING, "%s is a request but came without an id; ignored", method_name);
      else if (strncmp(method_name, "$/", 2) != 0) pymm_log(PYMM_LOG_INFO, "no handler for %s; ignored", method_name);
      return;
    }
    if (!s->initialized && strcmp(method_name, "exit") != 0) {
      pymm_log(PYMM_LOG_WARNING, "%s before initialize; ignored", method_name);
      return;
    }
    if (s->shutdown && strcmp(method_name, "exit") != 0) return;
    if (strcmp(method_name, "exit") != 0) lsp_engine_wait(s);
    m->notification(s, params);
    return;
  }
  if (m && m->notification && !m->request) {
    send_error(s, id, LSP_INVALID_REQUEST, "this method is a notification and takes no id");
    return;
  }
  if (!m) {
    char text[300];
    snprintf(text, sizeof text, "unknown method: %.200s", method_name);
    send_error(s, id, LSP_METHOD_NOT_FOUND, text);
    return;
  }
  bool is_initialize = strcmp(method_name, "initialize") == 0;
  if (!s->initialized && !is_initialize) {
    send_error(s, id, LSP_SERVER_NOT_INITIALIZED, "the server is not initialized: send 'initialize' first");
    return;
  }
  if (s->initialized && is_initialize) {
    send_error(s, id, LSP_INVALID_REQUEST, "the server is already initialized");
    return;
  }
  if (s->shutdown) {
    send_error(s, id, LSP_INVALID_REQUEST, "the server is shutting down: only 'exit' is accepted");
    return;
  }
  if (cancelled) {
    send_error(s, id, LSP_REQUEST_CANCELLED, "cancelled by the client");
    return;
  }
  if (!is_initialize && strcmp(method_name, "shutdown") != 0 && !lsp_engine_wait(s)) {
    send_error(s, id, LSP_REQUEST_FAILED, "pymm could not load its guide (see the server log)");
    return;
  }
  static cJSON empty_params = {.type = cJSON_Object};
  lsp_reply reply = {0};
  m->request(s, params ? params : &empty_params, &reply);
  send_response(s, id, &reply);
}

/* ---- the loop ---------------------------------------------------------------------------------- */

typedef struct queued {
  cJSON *message; /* NULL for a body that was not JSON */
  bool mended;    /* mend_escapes() changed its body */
} queued;

static int hex_value(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* The code unit of a "\uXXXX" escape at p[0..n), or -1. */
static long escape_at(const char *p, size_t n) {
  if (n < 6 || p[0] != '\\' || p[1] != 'u') return -1;
  long v = 0;
  for (int k = 2; k < 6; k++) {
    int h = hex_value(p[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

/* Two escapes cJSON cannot take, mended in place (same six bytes) so no document loses its text:
 * - half of a surrogate pair, "\ud83d" alone (a JavaScript string can hold one, and editors send it), which
 *   cJSON refuses, losing the whole message: it becomes "\ufffd";
 * - "\u0000", which would cut cJSON's NUL-terminated string short: it becomes "\u0001", one byte and one
 *   UTF-16 unit like NUL, so every position after it stays right.
 * True when it mended one. */
static bool mend_escapes(char *body, size_t length) {
  bool mended = false;
  for (size_t i = 0; i + 1 < length; i++) {
    if (body[i] != '\\') continue;
    long unit = escape_at(body + i, length - i);
    if (unit == 0) {
      body[i + 5] = '1';
      mended = true;
      i += 5;
      continue;
    }
    if (unit < 0xD800 || unit > 0xDFFF) {
      i++; /* skip the escaped character, which may be a backslash */
      continue;
    }
    long next = unit <= 0xDBFF ? escape_at(body + i + 6, length - i - 6) : -1;
    if (next >= 0xDC00 && next <= 0xDFFF) {
      i += 11; /* a whole pair */
      continue;
    }
    memcpy(body + i + 2, "fffd", 4);
    mended = true;
    i += 5;
  }
  return mended;
}

static bool same_id(const cJSON *a, const cJSON *b) {
  if (cJSON_IsNumber(a) && cJSON_IsNumber(b)) return a->valuedouble == b->valuedouble;
  if (cJSON_IsString(a) && cJSON_IsString(b)) return strcmp(a->valuestring, b->valuestring) == 0;
  return false;
}

/* True when a $/cancelRequest later in the batch names this message's id. */
static bool cancelled_later(queued *batch, size_t count, size_t index) {
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(batch[index].message, "id");
  if (!id || cJSON_GetObjectItemCaseSensitive(batch[index].message, "method") == NULL) return false;
  for (size_t k = index + 1; k < count; k++) {
    const cJSON *m = batch[k].message;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(m, "method");
    if (!cJSON_IsString(name) || strcmp(name->valuestring, "$/cancelRequest") != 0) continue;
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(m, "params");
    if (same_id(cJSON_GetObjectItemCaseSensitive(params, "id"), id)) return true;
  }
  return false;
}

static void server_free(pymm_server *s) {
  lsp_engine_wait(s);
  lsp_documents_free(s);
  for (size_t i = 0; i < s->pending_count; i++) free(s->pending[i].method);
  free(s->pending);
  if (s->engine != s->options.engine) pymm_engine_free(s->engine);
  free(s->guide_path);
  free(s->loader_path);
  cJSON_Delete(s->select);
  cJSON_Delete(s->ignore);
  lsp_rule_json_free(s);
  transport_close(&s->io);
}

int pymm_lsp_serve(int in_fd, int out_fd, const pymm_lsp_options *options) {
  pymm_server s = {0};
  if (options) s.options = *options;
  transport_init(&s.io, in_fd, out_fd, s.options.max_content_length);
  s.encoding = PYMM_ENCODING_UTF16;
  s.settings = pymm_settings_default();
  s.guide_path = s.options.guide_path ? pymm_strdup(s.options.guide_path) : NULL;
  signal(SIGPIPE, SIG_IGN); /* a vanished client shows up as a failed write, handled below */
  pymm_log_set_sink(log_sink, &s);
  lsp_engine_start(&s); /* while the client is still sending 'initialize' */

  /* Read what is waiting (at least one message), then handle the batch: a burst of edits costs one parse,
   * and a request cancelled before it ran is answered with -32800 without running. */
  queued *batch = NULL;
  size_t batch_cap = 0;
  bool eof = false;
  while (!s.exit_requested && !eof && !s.io.broken) {
    size_t count = 0;
    do {
      char *body = NULL;
      size_t length = 0;
      const char *problem = NULL;
      transport_status status = transport_read(&s.io, &body, &length, &problem);
      if (status == TRANSPORT_EOF) {
        eof = true;
        break;
      }
      if (status == TRANSPORT_BAD_FRAME) {
        pymm_log(PYMM_LOG_WARNING, "bad message frame: %s", problem);
        send_error(&s, NULL, LSP_PARSE_ERROR, problem);
        continue;
      }
      bool mended = mend_escapes(body, length);
      cJSON *message = cJSON_ParseWithLength(body, length);
      free(body);
      if (!message) {
        send_error(&s, NULL, LSP_PARSE_ERROR, "the message body is not valid JSON");
        continue;
      }
      PYMM_GROW(batch, batch_cap, count + 1);
      batch[count++] = (queued){message, mended};
    } while (count < 4096 && transport_ready(&s.io));
    bool any_cancel = false; /* most batches have none: skip the search then */
    for (size_t i = 0; i < count && !any_cancel; i++) {
      const cJSON *name = cJSON_GetObjectItemCaseSensitive(batch[i].message, "method");
      any_cancel = cJSON_IsString(name) && strcmp(name->valuestring, "$/cancelRequest") == 0;
    }
    for (size_t i = 0; i < count; i++) {
      bool cancelled = any_cancel && cancelled_later(batch, count, i);
      s.message_mended = batch[i].mended;
      if (!s.exit_requested && !s.io.broken) handle(&s, batch[i].message, cancelled);
      cJSON_Delete(batch[i].message);
    }
    /* The debounce: the documents changed in this batch get their diagnostics once, after it. */
    if (!s.exit_requested && !s.io.broken) lsp_publish_diagnostics(&s);
  }
  free(batch);
  if (s.io.broken) pymm_log(PYMM_LOG_ERROR, "the client is gone (writing to it failed); stopping");
  else if (eof && !s.exit_requested) pymm_log(PYMM_LOG_INFO, "end of input without 'exit'; stopping");
  int code = s.exit_requested && s.shutdown ? 0 : 1;
  pymm_log_set_sink(NULL, NULL);
  server_free(&s);
  return code;
}
