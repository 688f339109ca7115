/* initialize / initialized / shutdown / exit, and settings. */
#include <stdlib.h>
#include <string.h>

#include "lsp_internal.h"

pymm_engine *pymm_lsp_engine_open(const char *guide_path, char **warnings, pymm_error *err) {
  if (warnings) *warnings = NULL;
  if (!guide_path) {
    const pymm_blob *blob = pymm_data_find(PYMM_DEFAULT_GUIDE);
    if (!blob) {
      pymm_error_set(err, "no guide is embedded in this build");
      return NULL;
    }
    /* Without a file on disk hovers still work; they just cannot link to the guide's line. */
    char *file = pymm_data_materialize(blob, NULL);
    pymm_engine *engine = pymm_engine_new(blob->bytes, blob->length, file, warnings, err);
    free(file);
    return engine;
  }
  size_t length;
  char *text = pymm_file_read(guide_path, &length, err);
  if (!text) return NULL;
  char *absolute = realpath(guide_path, NULL);
  pymm_engine *engine = pymm_engine_new(text, length, absolute ? absolute : guide_path, warnings, err);
  free(absolute);
  free(text);
  return engine;
}

static void *load_on_thread(void *context) {
  pymm_server *s = context;
  s->loaded = pymm_lsp_engine_open(s->loader_path, &s->loaded_warnings, &s->loaded_error);
  /* The server hovers: compile that query here too, not on the first hover. */
  if (s->loaded && !pymm_engine_prepare(s->loaded, &s->loaded_error)) {
    pymm_engine_free(s->loaded);
    s->loaded = NULL;
  }
  return NULL;
}

void lsp_engine_start(pymm_server *s) {
  lsp_engine_wait(s);
  free(s->loader_path);
  s->loader_path = s->guide_path ? pymm_strdup(s->guide_path) : NULL;
  s->loaded = NULL;
  s->loaded_warnings = NULL;
  memset(&s->loaded_error, 0, sizeof s->loaded_error);
  s->loading = true;
  if (!s->loader_path && s->options.engine) { /* a ready engine lent by the caller: nothing to build */
    s->loaded = s->options.engine;
    s->loader_threaded = false;
    return;
  }
  s->loader_threaded = pthread_create(&s->loader, NULL, load_on_thread, s) == 0;
  if (!s->loader_threaded) load_on_thread(s); /* no thread to be had: load here */
}

pymm_engine *lsp_engine_wait(pymm_server *s) {
  if (!s->loading) return s->engine;
  if (s->loader_threaded) pthread_join(s->loader, NULL);
  s->loading = false;
  if (!s->loaded) {
    pymm_log(PYMM_LOG_ERROR, "cannot load the guide: %s", s->loaded_error.message);
    if (s->initialized) lsp_show_message(s, 1, "pymm: cannot load the guide: %s", s->loaded_error.message);
  } else {
    if (s->loaded_warnings)
      pymm_log(PYMM_LOG_WARNING, "the guide lacks what some topics need:\n%s", s->loaded_warnings);
    if (s->engine) /* diagnostics and fixes point into the old engine's rules */
      for (size_t i = 0; i < s->document_count; i++) lsp_document_touch(&s->documents[i]);
    if (s->engine != s->options.engine) pymm_engine_free(s->engine);
    lsp_rule_json_free(s); /* written for the old engine (a new one may even get its address) */
    if (s->loaded != s->options.engine) pymm_engine_set_run_threads(s->loaded, 2); /* opening uses both cores */
    s->engine = s->loaded;
    s->loaded = NULL;
  }
  free(s->loaded_warnings);
  s->loaded_warnings = NULL;
  return s->engine;
}

static const cJSON *child(const cJSON *object, const char *name) {
  return cJSON_IsObject(object) ? cJSON_GetObjectItemCaseSensitive(object, name) : NULL;
}

/* Reads "a.b" as settings["a"]["b"] or settings["a.b"] (editors send both shapes). */
static const cJSON *setting(const cJSON *settings, const char *dotted) {
  const cJSON *flat = child(settings, dotted);
  if (flat) return flat;
  const char *dot = strchr(dotted, '.');
  if (!dot) return NULL;
  char head[64];
  snprintf(head, sizeof head, "%.*s", (int)(dot - dotted), dotted);
  return child(child(settings, head), dot + 1);
}

static cJSON *string_list(const cJSON *v) {
  if (!cJSON_IsArray(v)) return NULL;
  cJSON *out = cJSON_CreateArray();
  const cJSON *item;
  cJSON_ArrayForEach(item, v) if (cJSON_IsString(item))
      cJSON_AddItemToArray(out, cJSON_CreateString(item->valuestring));
  return out;
}

/* Applies pymm's settings object (the "pymm" section, or the object itself when it has no such key). */
static void apply_settings(pymm_server *s, const cJSON *settings) {
  if (!cJSON_IsObject(settings)) return;
  const cJSON *section = child(settings, "pymm");
  if (cJSON_IsObject(section)) settings = section;
  const cJSON *v;
  if ((v = setting(settings, "hover.maxTableRows")) && cJSON_IsNumber(v))
    s->settings.hover_max_table_rows = v->valuedouble < 1 || v->valuedouble > 1e9 ? 0 : (uint32_t)v->valuedouble;
  if ((v = setting(settings, "inlayHints.complexity")) && cJSON_IsBool(v) &&
      s->settings.inlay_hints_complexity != cJSON_IsTrue(v)) {
    s->settings.inlay_hints_complexity = cJSON_IsTrue(v);
    /* The editor asks again for what it shows only when told to. */
    if (s->initialized && s->inlay_refresh) lsp_request(s, "workspace/inlayHint/refresh", NULL);
  }
  if ((v = setting(settings, "select"))) {
    cJSON_Delete(s->select);
    s->select = string_list(v);
  }
  if ((v = setting(settings, "ignore"))) {
    cJSON_Delete(s->ignore);
    s->ignore = string_list(v);
  }
  if (setting(settings, "select") || setting(settings, "ignore")) /* republish with the new rule set */
    for (size_t i = 0; i < s->document_count; i++) lsp_document_touch(&s->documents[i]);
  if ((v = child(settings, "guidePath"))) {
    const char *path = cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : s->options.guide_path;
    bool changed = (path == NULL) != (s->guide_path == NULL) || (path && strcmp(path, s->guide_path) != 0);
    if (changed) {
      free(s->guide_path);
      s->guide_path = path ? pymm_strdup(path) : NULL;
      lsp_engine_start(s);
      /* A change made while the user works is reported at once; the first load may go on behind 'initialize'. */
      if (s->initialized) lsp_engine_wait(s);
    }
  }
}

static bool has_string(const cJSON *array, const char *value) {
  const cJSON *item;
  cJSON_ArrayForEach(item, array) if (cJSON_IsString(item) && !strcmp(item->valuestring, value)) return true;
  return false;
}

void lsp_initialize(pymm_server *s, const cJSON *params, lsp_reply *reply) {
  if (!cJSON_IsObject(params)) {
    lsp_fail(reply, LSP_INVALID_PARAMS, "initialize takes an object");
    return;
  }
  const cJSON *caps = child(params, "capabilities");
  const cJSON *encodings = child(child(caps, "general"), "positionEncodings");
  s->encoding = has_string(encodings, "utf-8") ? PYMM_ENCODING_UTF8 : PYMM_ENCODING_UTF16;
  const cJSON *formats = child(child(child(caps, "textDocument"), "hover"), "contentFormat");
  s->hover_markdown = has_string(formats, "markdown");
  s->diagnostic_pull = cJSON_IsObject(child(child(caps, "textDocument"), "diagnostic"));
  s->configuration_pull = cJSON_IsTrue(child(child(caps, "workspace"), "configuration"));
  s->inlay_refresh = cJSON_IsTrue(child(child(child(caps, "workspace"), "inlayHint"), "refreshSupport"));
  const cJSON *resolve = child(child(child(caps, "textDocument"), "codeAction"), "resolveSupport");
  s->action_resolve = has_string(child(resolve, "properties"), "edit");

  /* Settings first: they may name another guide, whose load then replaces the one under way. The result goes
   * out without waiting for the load; the first request that needs the guide waits for it. */
  apply_settings(s, child(params, "initializationOptions"));
  s->initialized = true;

  cJSON *result = cJSON_CreateObject();
  cJSON *c = cJSON_AddObjectToObject(result, "capabilities");
  cJSON_AddStringToObject(c, "positionEncoding", s->encoding == PYMM_ENCODING_UTF8 ? "utf-8" : "utf-16");
  cJSON *sync = cJSON_AddObjectToObject(c, "textDocumentSync");
  cJSON_AddBoolToObject(sync, "openClose", true);
  cJSON_AddNumberToObject(sync, "change", 2); /* incremental */
  cJSON_AddBoolToObject(c, "hoverProvider", true);
  cJSON_AddBoolToObject(c, "inlayHintProvider", true);
  cJSON *diagnostics = cJSON_AddObjectToObject(c, "diagnosticProvider");
  cJSON_AddStringToObject(diagnostics, "identifier", "pymm");
  cJSON_AddBoolToObject(diagnostics, "interFileDependencies", false);
  cJSON_AddBoolToObject(diagnostics, "workspaceDiagnostics", false);
  cJSON *actions = cJSON_AddObjectToObject(c, "codeActionProvider");
  cJSON *kinds = cJSON_AddArrayToObject(actions, "codeActionKinds");
  cJSON_AddItemToArray(kinds, cJSON_CreateString("quickfix"));
  cJSON_AddItemToArray(kinds, cJSON_CreateString("source.fixAll.pymm"));
  cJSON_AddBoolToObject(actions, "resolveProvider", true);
  cJSON_AddBoolToObject(c, "workspaceSymbolProvider", true);
  cJSON *commands = cJSON_AddArrayToObject(cJSON_AddObjectToObject(c, "executeCommandProvider"), "commands");
  for (const char *const *name = lsp_commands; *name; name++) cJSON_AddItemToArray(commands, cJSON_CreateString(*name));
  cJSON *info = cJSON_AddObjectToObject(result, "serverInfo");
  cJSON_AddStringToObject(info, "name", "pymm");
  cJSON_AddStringToObject(info, "version", pymm_version());
  reply->result = result;
}

static void pull_configuration(pymm_server *s) {
  if (!s->configuration_pull) return;
  cJSON *params = cJSON_CreateObject();
  cJSON *items = cJSON_AddArrayToObject(params, "items");
  cJSON *item = cJSON_CreateObject();
  cJSON_AddStringToObject(item, "section", "pymm");
  cJSON_AddItemToArray(items, item);
  lsp_request(s, "workspace/configuration", params);
}

void lsp_initialized(pymm_server *s, const cJSON *params) { pull_configuration(s); }

void lsp_configuration_result(pymm_server *s, const cJSON *result) {
  if (cJSON_IsArray(result) && cJSON_GetArraySize(result) > 0) apply_settings(s, cJSON_GetArrayItem(result, 0));
}

void lsp_did_change_configuration(pymm_server *s, const cJSON *params) {
  const cJSON *settings = child(params, "settings");
  /* Some clients send null settings and expect the server to pull. */
  if (cJSON_IsObject(settings) && cJSON_GetArraySize(settings) > 0) apply_settings(s, settings);
  else pull_configuration(s);
}

void lsp_shutdown(pymm_server *s, const cJSON *params, lsp_reply *reply) {
  s->shutdown = true;
  reply->result = cJSON_CreateNull();
}

void lsp_exit(pymm_server *s, const cJSON *params) { s->exit_requested = true; }
