/* The framing and the JSON-RPC dispatch fed arbitrary bytes, as a client would send them on stdin. The server
 * must read them to the end without crashing, and everything it writes must be protocol: Content-Length frames
 * whose bodies are JSON objects in valid UTF-8, each a response (with "id" and one of "result" / "error") or
 * a notification or request of its own (with "method"). */
#define _GNU_SOURCE /* memfd_create */
#include <cjson/cJSON.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "pymm/lsp.h"

static pymm_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  pymm_error err = {{0}};
  char *warnings = NULL;
  /* Links in hovers need the guide on disk: keep it out of the user's cache. */
  char dir[] = "/tmp/pymm-fuzz-XXXXXX";
  if (mkdtemp(dir)) setenv("XDG_CACHE_HOME", dir, 1);
  engine = pymm_lsp_engine_open(NULL, &warnings, &err);
  free(warnings);
  if (!engine) {
    fprintf(stderr, "cannot build the engine: %s\n", err.message);
    abort();
  }
  pymm_log_set_level(PYMM_LOG_NONE); /* warnings about bad input are expected by the thousand */
  return 0;
}

static int file_with(const uint8_t *data, size_t size) {
  int fd = memfd_create("pymm-fuzz", 0);
  FUZZ_CHECK(fd >= 0);
  for (size_t done = 0; done < size;) {
    ssize_t n = write(fd, data + done, size - done);
    FUZZ_CHECK(n > 0);
    done += (size_t)n;
  }
  lseek(fd, 0, SEEK_SET);
  return fd;
}

/* Everything the server wrote is a sequence of well-formed frames of valid JSON-RPC messages. */
static void check_output(int fd) {
  off_t size = lseek(fd, 0, SEEK_END);
  if (size <= 0) return;
  char *out = malloc((size_t)size + 1);
  FUZZ_CHECK(pread(fd, out, (size_t)size, 0) == size);
  out[size] = '\0';
  size_t at = 0;
  while (at < (size_t)size) {
    size_t length = 0;
    int used = 0;
    FUZZ_CHECK(sscanf(out + at, "Content-Length: %zu\r\n\r\n%n", &length, &used) == 1 && used > 0);
    at += (size_t)used;
    FUZZ_CHECK(length <= (size_t)size - at);
    FUZZ_CHECK(pymm_utf8_valid(out + at, length));
    cJSON *m = cJSON_ParseWithLength(out + at, length);
    FUZZ_CHECK(cJSON_IsObject(m));
    FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(m, "jsonrpc")));
    bool method = cJSON_IsString(cJSON_GetObjectItemCaseSensitive(m, "method"));
    bool result = cJSON_HasObjectItem(m, "result"),
         error = cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(m, "error"));
    FUZZ_CHECK(method || (cJSON_HasObjectItem(m, "id") && result != error));
    cJSON_Delete(m);
    at += length;
  }
  free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int in = file_with(data, size), out = memfd_create("pymm-fuzz-out", 0);
  FUZZ_CHECK(out >= 0);
  /* A small cap, so that refusing a message over it is reachable. */
  pymm_lsp_options options = {.max_content_length = 4096, .engine = engine};
  int code = pymm_lsp_serve(in, out, &options);
  FUZZ_CHECK(code == 0 || code == 1);
  check_output(out);
  close(in);
  close(out);
  return 0;
}
