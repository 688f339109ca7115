/* Internals of server/lsp/: the server struct, the transport and the per-method handlers.
 * One handler file per method group; server.c holds the dispatch table and is the only place that sends
 * a response. */
#ifndef PYMM_LSP_INTERNAL_H
#define PYMM_LSP_INTERNAL_H

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdio.h>

#include "pymm/lsp.h"

/* JSON-RPC and LSP error codes. */
enum {
  LSP_PARSE_ERROR = -32700,
  LSP_INVALID_REQUEST = -32600,
  LSP_METHOD_NOT_FOUND = -32601,
  LSP_INVALID_PARAMS = -32602,
  LSP_INTERNAL_ERROR = -32603,
  LSP_SERVER_NOT_INITIALIZED = -32002,
  LSP_REQUEST_FAILED = -32803,
  LSP_REQUEST_CANCELLED = -32800,
  LSP_CONTENT_MODIFIED = -32801,
};

/* ---- transport (transport.c) ------------------------------------------------------------------- */

typedef enum transport_status {
  TRANSPORT_NONE = 0,
  TRANSPORT_MESSAGE,   /* a whole body was read */
  TRANSPORT_BAD_FRAME, /* a header without a usable Content-Length, or a body over the cap: skipped */
  TRANSPORT_EOF,       /* the client closed its end (possibly mid-message) */
} transport_status;

typedef struct transport {
  int in_fd, out_fd;
  char *buffer; /* bytes read but not yet consumed: [start, end) */
  size_t start, end, cap;
  size_t max_content_length;
  bool broken; /* a write failed (EPIPE): the client is gone */
  FILE *trace; /* PYMM_LOG=FILE: every message in and out, for debugging editors */
} transport;

void transport_init(transport *t, int in_fd, int out_fd, size_t max_content_length);
void transport_close(transport *t);
/* Reads the next framed message. On TRANSPORT_MESSAGE, '*body' (caller owns; free with free()) holds
 * '*length' bytes. On TRANSPORT_BAD_FRAME, '*problem' says what was wrong (static string). */
transport_status transport_read(transport *t, char **body, size_t *length, const char **problem);
/* True when another message can be read without blocking. */
bool transport_ready(transport *t);
/* Frames and writes one body; false when the client is gone. */
bool transport_write(transport *t, const char *body, size_t length);

/* ---- server ------------------------------------------------------------------------------------ */

typedef struct document_entry {
  char *uri;
  int64_t version;
  pymm_document *doc;
  bool dirty;                    /* opened or changed in this batch: its diagnostics are published after the batch */
  pymm_diagnostics *diagnostics; /* of the current text and rule set, for publish, pull and code actions;
                                    NULL until asked for; dropped by lsp_document_touch() */
  bool stale;                    /* 'diagnostics' are of an older text: update them (only where it changed) */
  pymm_actions *fix_all;         /* likewise, the fix-all action (actions.c) */
  bool mended; /* some of its text came with "\u0000" or a lone surrogate, read as another character: a fix
                  would write that character back into the client's file, so it gets none */
} document_entry;

typedef struct pending_request { /* a request pymm sent to the client */
  int64_t id;
  char *method;
} pending_request;

typedef struct pymm_server {
  transport io;
  pymm_lsp_options options;
  bool initialized; /* 'initialize' answered */
  bool shutdown;    /* 'shutdown' answered */
  bool exit_requested;
  bool message_mended; /* the message being handled had "\u0000" or a lone surrogate mended (server.c) */
  pymm_encoding encoding;
  /* Client capabilities, parsed once. */
  bool hover_markdown;
  bool diagnostic_pull;    /* textDocument/diagnostic: the client pulls, so pymm does not push */
  bool configuration_pull; /* workspace/configuration */
  bool inlay_refresh;      /* workspace/inlayHint/refresh */
  bool action_resolve;     /* codeAction/resolve can fill in an action's edit */
  /* Settings and what they build. */
  pymm_settings settings;
  char *guide_path;    /* current guidePath setting (or --guide), NULL for the embedded guide */
  pymm_engine *engine; /* NULL until the first load finishes, or if it failed */
  /* The engine is built on a thread started with the server: compiling the queries takes longer than a client
   * should wait for the 'initialize' result. lsp_engine_wait() joins it before any feature runs. */
  pthread_t loader;
  bool loading;         /* a load was started and its result not yet installed */
  bool loader_threaded; /* it runs on 'loader' (else it already ran on this thread) */
  char *loader_path;    /* what the loader builds (NULL: the embedded guide) */
  pymm_engine *loaded;  /* the loader's result, handed over by lsp_engine_wait() */
  char *loaded_warnings;
  pymm_error loaded_error;
  cJSON *select, *ignore; /* rule codes, kept for the diagnostics */
  /* The JSON of each rule's part of a diagnostic (all but the range), written once by cJSON for the current
   * engine: a diagnostic is then its range's numbers and this text. Owned; dropped when the engine changes. */
  char **rule_json;
  size_t rule_json_count;
  /* Open documents. */
  document_entry *documents;
  size_t document_count, document_cap;
  /* Requests sent to the client and not yet answered. */
  pending_request *pending;
  size_t pending_count, pending_cap;
  int64_t next_id;
} pymm_server;

/* Result of a request handler: either a result (owned, may be cJSON null) or an error. */
typedef struct lsp_reply {
  cJSON *result;
  int error_code;
  char error_message[512];
} lsp_reply;

void lsp_fail(lsp_reply *reply, int code, const char *fmt, ...) PYMM_PRINTF(3, 4);

/* Sending (server.c). Notifications and server->client requests; responses are server.c's alone. */
void lsp_notify(pymm_server *s, const char *method, cJSON *params);  /* takes ownership of 'params' */
void lsp_request(pymm_server *s, const char *method, cJSON *params); /* takes ownership of 'params' (NULL: none) */
void lsp_show_message(pymm_server *s, int type, const char *fmt, ...) PYMM_PRINTF(3, 4);

/* Params helpers: false + reply error (-32602) when a field is missing or of the wrong type. */
bool lsp_param_string(const cJSON *params, const char *name, const char **out, lsp_reply *reply);
/* Reads a {start, end} range of {line, character} positions; false when malformed. Numbers past 2^32 - 1 are
 * clamped to it: such a position is past the end, which the callers clamp. */
bool lsp_read_range(const cJSON *range, pymm_position *start, pymm_position *end);
/* Reads {textDocument: {uri}, position} and finds the open document; '*entry' is NULL when not open. */
bool lsp_param_position(pymm_server *s, const cJSON *params, document_entry **entry, uint32_t *offset,
                        lsp_reply *reply);

/* lifecycle.c */
/* Starts building the engine for s->guide_path on the loader thread (after waiting for a load under way). */
void lsp_engine_start(pymm_server *s);
/* Waits for the loader, if any, and installs what it built; on failure the old engine stays and the user is
 * told. Returns the engine, NULL when none could be loaded. */
pymm_engine *lsp_engine_wait(pymm_server *s);
void lsp_initialize(pymm_server *s, const cJSON *params, lsp_reply *reply);
void lsp_initialized(pymm_server *s, const cJSON *params);
void lsp_shutdown(pymm_server *s, const cJSON *params, lsp_reply *reply);
void lsp_exit(pymm_server *s, const cJSON *params);
void lsp_did_change_configuration(pymm_server *s, const cJSON *params);
/* A response to a workspace/configuration request pymm sent. */
void lsp_configuration_result(pymm_server *s, const cJSON *result);

/* documents.c */
void lsp_did_open(pymm_server *s, const cJSON *params);
void lsp_did_change(pymm_server *s, const cJSON *params);
void lsp_did_close(pymm_server *s, const cJSON *params);
/* pymm/documentText: a document's text as pymm holds it; only with PYMM_DEBUG set (tests). */
void lsp_document_text(pymm_server *s, const cJSON *params, lsp_reply *reply);
document_entry *lsp_document_find(pymm_server *s, const char *uri);
/* The rule set or the guide changed (or the document was opened): drop its diagnostics and publish it
 * after this batch. */
void lsp_document_touch(document_entry *entry);
/* The document's text was edited: its diagnostics are updated where it changed, published after this batch. */
void lsp_document_edited(document_entry *entry);
/* Frees what the entry owns. */
void lsp_document_entry_free(document_entry *entry);
/* The document's diagnostics, computed once per text and rule set. Borrowed: valid until the next touch. */
const pymm_diagnostics *lsp_document_diagnostics(pymm_server *s, document_entry *entry);
void lsp_documents_free(pymm_server *s);
cJSON *lsp_range_json(const pymm_document *doc, uint32_t start, uint32_t end, pymm_encoding encoding);

/* diagnostics.c: push after each batch (documents changed in it), and pull */
void lsp_publish_diagnostics(pymm_server *s);
/* Publishes an empty list for a document that is closing. */
void lsp_clear_diagnostics(pymm_server *s, const char *uri);
void lsp_document_diagnostic(pymm_server *s, const cJSON *params, lsp_reply *reply);
/* The rule filter of the select/ignore settings for the document; free with lsp_rule_filter_free(). */
pymm_rule_filter lsp_rule_filter(const pymm_server *s, const document_entry *entry);
void lsp_rule_filter_free(pymm_rule_filter *filter);
/* A diagnostic's JSON text; appended to 'b'. */
void lsp_diagnostic_text(pymm_server *s, const pymm_document *doc, const pymm_diagnostic *d, pymm_buf *b);
/* The same as a cJSON item. Caller owns the result. */
cJSON *lsp_diagnostic_json(pymm_server *s, const pymm_document *doc, const pymm_diagnostic *d);
void lsp_rule_json_free(pymm_server *s);

/* actions.c */
void lsp_code_action(pymm_server *s, const cJSON *params, lsp_reply *reply);
void lsp_code_action_resolve(pymm_server *s, const cJSON *params, lsp_reply *reply);

/* hover.c */
void lsp_hover(pymm_server *s, const cJSON *params, lsp_reply *reply);

/* inlay.c */
void lsp_inlay_hint(pymm_server *s, const cJSON *params, lsp_reply *reply);

/* lookup.c */
void lsp_execute_command(pymm_server *s, const cJSON *params, lsp_reply *reply);
void lsp_workspace_symbol(pymm_server *s, const cJSON *params, lsp_reply *reply);
/* The commands workspace/executeCommand knows, for the initialize result. NULL-terminated. */
extern const char *const lsp_commands[];

#endif
