/* Logging and errors. The log sink is the one piece of process-wide state outside the server struct:
 * it is set once at start-up by lsp/ or cli/, before any thread starts. */
#include "pymm/base.h"

#include <stdio.h>
#include <string.h>

static void stderr_sink(pymm_log_level level, const char *message, void *context) {
  (void)context;
  fprintf(stderr, "pymm: %s: %s\n", pymm_log_level_name(level), message);
}

static pymm_log_sink current_sink = stderr_sink;
static void *current_context;
static pymm_log_level current_level = PYMM_LOG_INFO;

void pymm_log_set_sink(pymm_log_sink sink, void *context) {
  current_sink = sink ? sink : stderr_sink;
  current_context = context;
}

void pymm_log_set_level(pymm_log_level level) { current_level = level; }

const char *pymm_log_level_name(pymm_log_level level) {
  switch (level) {
  case PYMM_LOG_ERROR:
    return "error";
  case PYMM_LOG_WARNING:
    return "warning";
  case PYMM_LOG_INFO:
    return "info";
  case PYMM_LOG_DEBUG:
    return "debug";
  default:
    return "log";
  }
}

void pymm_log(pymm_log_level level, const char *fmt, ...) {
  if (level > current_level) return;
  char message[2048];
  va_list args;
  va_start(args, fmt);
  vsnprintf(message, sizeof message, fmt, args);
  va_end(args);
  current_sink(level, message, current_context);
}

void pymm_error_set(pymm_error *err, const char *fmt, ...) {
  if (!err) return;
  va_list args;
  va_start(args, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, args);
  va_end(args);
}
